"""Plan analysed migrations into expand / backfill / contract phases of steps.

`plan()` walks the statements of each migration in order, lets the first applicable rewrite of
`REWRITES` turn each into step drafts, orders them (every expand step first, in migration order,
then the backfills, then the contracts), refuses an order that cannot work, re-analyses every
generated statement to fill its lock and risk, and numbers the steps deterministically.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from sqlglot import exp

from migrator.analysis.facts import AnalyzedMigration, Facts, Risk
from migrator.analysis.locks import LockMode
from migrator.analysis.pg.versions import Capabilities
from migrator.errors import PlanError
from migrator.planner.model import Phase, PhaseName, Plan, RetryPolicy, Step, StepKind, Timeouts
from migrator.planner.rewrites import REWRITES
from migrator.planner.rewrites.base import (
    BaseRewrite,
    PlanContext,
    Rewritten,
    StepDraft,
    TableStats,
)
from migrator.planner.rewrites.batched_dml import written_columns
from migrator.planner.schema import SchemaTracker
from migrator.planner.sqltext import QualifiedName, identifier_name
from migrator.sql.statement import Migration, Statement, StatementKind

log = logging.getLogger(__name__)

# Statements a plan does not carry: every step sets its own transaction and session settings.
_TRANSACTION_CONTROL = {
    StatementKind.BEGIN, StatementKind.COMMIT, StatementKind.ROLLBACK, StatementKind.SAVEPOINT,
    StatementKind.RELEASE_SAVEPOINT, StatementKind.ROLLBACK_TO_SAVEPOINT,
}
_SESSION_SETTINGS = {StatementKind.SET, StatementKind.RESET}

# Per-step session settings by what the step does (milliseconds). The executor may override
# them from configuration; these are safe defaults for a busy database.
LOCK_TIMEOUT_MS = 2_000
CATALOG_STATEMENT_TIMEOUT_MS = 10_000
BATCH_STATEMENT_TIMEOUT_MS = 30_000
DEFAULT_RETRY = RetryPolicy()

ObjectRef = tuple[str, str | None]  # (table key, column or None for the whole table)


@dataclass(slots=True)
class _Placed:
    """A draft with where it came from, before numbering."""

    draft: StepDraft
    phase: PhaseName
    migration_index: int
    migration: str
    statement_index: int
    rewrite: str


@dataclass(slots=True)
class _MigrationState:
    contract_objects: dict[ObjectRef, str] = field(default_factory=dict)  # object -> migration
    backfilled: set[ObjectRef] = field(default_factory=set)


def plan(
    analyzed: Sequence[AnalyzedMigration],
    pg_version: int,
    *,
    table_stats: TableStats | None = None,
    history: Sequence[Migration] = (),
) -> Plan:
    """Plan migrations into phases.

    Args:
        analyzed: the pending migrations, in migration order, with their facts.
        pg_version: the target PostgreSQL major version.
        table_stats: catalog estimates per table (`--database-url`): tiny tables get the
            statement as written.
        history: migrations already applied (schema only): they tell the planner the tables,
            columns, keys and indexes that exist before the first pending migration.

    Returns:
        A deterministic `Plan` (same input, same plan and `Plan.hash`).

    Raises:
        PlanError: an expand step of a later migration needs something that only an earlier
            migration's contract step creates (deploy in two releases instead).
    """
    caps = Capabilities.for_version(pg_version)
    tracker = SchemaTracker()
    for migration in history:
        for stmt in migration.statements:
            tracker.follow(stmt.sql, stmt.ast)
    placed: list[_Placed] = []
    warnings: list[str] = []
    earlier = _MigrationState()
    for mi, am in enumerate(analyzed):
        path = am.migration.source.path
        current = _MigrationState()
        new_tables: set[str] = set()
        settings: dict[str, str] = {}
        explicit_warned = False
        for stmt, facts in _split_multi_action(am, analyzed[:mi], history, pg_version):
            if stmt.kind in _TRANSACTION_CONTROL:
                continue
            if stmt.kind in _SESSION_SETTINGS:
                setting = _read_setting(stmt.sql)
                if setting is not None and setting[0] not in _EXECUTOR_SETTINGS:
                    settings[setting[0]] = setting[1]
                warnings.append(
                    f"{path}: statement {stmt.index + 1} ({stmt.sql.strip()[:60]}) is not carried: "
                    "each step sets its own session settings"
                )
                continue
            ctx = PlanContext(caps, tracker, path, frozenset(new_tables), table_stats, tuple(settings.items()))
            rewrite = _choose(stmt, facts, ctx)
            try:
                result = rewrite.rewrite(stmt, facts, ctx)
            except Exception:
                log.warning("rewrite %s failed on statement %d", rewrite.name, stmt.index, exc_info=True)
                warnings.append(
                    f"{path}: statement {stmt.index + 1}: the {rewrite.name} rewrite failed; kept as written"
                )
                rewrite = REWRITES[-1]
                result = rewrite.rewrite(stmt, facts, ctx)
            if table_stats is not None:
                result = _with_estimates(result, facts, table_stats)
            refs = referenced_objects(stmt)
            _refuse_cross_release(refs, result, earlier.contract_objects, path, stmt)
            if result.expand and (
                _overlaps(refs, current.contract_objects) or _overlaps(refs, earlier.backfilled | current.backfilled)
            ):
                result = replace(result, expand=(), contract=result.expand + result.backfill + result.contract, backfill=())
                warnings.append(
                    f"{path}: statement {stmt.index + 1} depends on a backfill or contract step "
                    "before it: it runs in the contract phase"
                )
            if stmt.explicit_transaction and not explicit_warned:
                explicit_warned = True
                warnings.append(
                    f"{path}: the migration's BEGIN … COMMIT is not kept: each step runs in its own "
                    "short transaction, so no lock is held across statements; a failed step is "
                    "rolled back with the undo steps of what ran"
                )
            for phase, drafts in (
                (PhaseName.EXPAND, result.expand),
                (PhaseName.BACKFILL, result.backfill),
                (PhaseName.CONTRACT, result.contract),
            ):
                for draft in drafts:
                    placed.append(_Placed(draft, phase, mi, path, stmt.index, rewrite.name))
            warnings.extend(f"{path}: {w}" for w in result.warnings)
            for obj in result.contract_objects:
                current.contract_objects.setdefault(obj, path)
            for draft in result.backfill:
                if draft.backfill is not None:
                    current.backfilled |= _backfill_objects(draft, stmt)
            tracker.follow(stmt.sql, stmt.ast)
            if stmt.kind is StatementKind.CREATE_TABLE and isinstance(stmt.ast, exp.Create):
                target = stmt.ast.this
                table = target.this if isinstance(target, exp.Schema) else target
                if isinstance(table, exp.Table):
                    new_tables.add(QualifiedName.of(table).key)
        for obj, src in current.contract_objects.items():
            earlier.contract_objects.setdefault(obj, src)
        earlier.backfilled |= current.backfilled
    ordered = sorted(placed, key=lambda p: (_PHASE_ORDER[p.phase], p.migration_index))
    facts_by_draft = _reanalyze(ordered, history, pg_version)
    phases = _number(ordered, facts_by_draft, caps)
    unsafe = tuple(
        f"{s.migration}: {s.description}: {s.dangerous_reason}"
        + (f" (instead: {s.manual_alternative})" if s.manual_alternative else "")
        for p in phases
        for s in p.steps
        if s.risk in (Risk.DANGEROUS, Risk.UNKNOWN)
    )
    if facts_by_draft is None:
        warnings.append("the analysis could not re-check the generated steps: locks are the planner's expectations")
    sources = tuple(am.migration.source.path for am in analyzed)
    return Plan(
        source=", ".join(sources),
        pg_version=pg_version,
        phases=phases,
        warnings=tuple(dict.fromkeys(warnings)),
        unsafe=unsafe,
        migrations=sources,
    )


_PHASE_ORDER = {PhaseName.EXPAND: 0, PhaseName.BACKFILL: 1, PhaseName.CONTRACT: 2}


def _with_estimates(result: Rewritten, facts: Facts, table_stats: TableStats) -> Rewritten:
    """Notes on steps carried as written: how long their blocking lock would be held, or that
    the table is small enough to take the statement as written."""
    from migrator.planner.catalog import estimated_lock_seconds
    from migrator.planner.rewrites.base import SMALL_TABLE_ROWS

    stats = [table_stats[t] for t in facts.tables if t in table_stats]
    if not stats or not (facts.blocks_reads or facts.blocks_writes):
        return result
    known = all(s.rows >= 0 for s in stats)
    rows = sum(s.rows for s in stats) if known else -1
    row_text = f"{rows} rows" if known else "rows unknown (never analysed)"
    megabytes = sum(s.total_bytes for s in stats) / (1024 * 1024)
    if facts.rewrite or facts.scan:
        seconds = sum(estimated_lock_seconds(s) for s in stats)
        note = f"estimated lock hold: ~{seconds:.1f} s ({row_text}, {megabytes:.1f} MB)"
    else:
        note = f"catalog-only change ({row_text}, {megabytes:.1f} MB): the lock is brief"
    if known and rows <= SMALL_TABLE_ROWS and (facts.rewrite or facts.scan):
        note += "; the table is small, so the statement runs as written"

    def annotate(drafts: tuple[StepDraft, ...]) -> tuple[StepDraft, ...]:
        return tuple(replace(d, notes=(*d.notes, note)) if d.passthrough else d for d in drafts)

    return replace(result, expand=annotate(result.expand), contract=annotate(result.contract))


_EXECUTOR_SETTINGS = {
    "lock_timeout", "statement_timeout", "idle_in_transaction_session_timeout",
    "transaction_timeout", "application_name",
}


def _read_setting(sql: str) -> tuple[str, str] | None:
    """`(name, value text)` of `SET [SESSION] name {=|TO} value` / `SET TIME ZONE value`."""
    from migrator.planner.sqltext import tokenize

    tokens = tokenize(sql)
    words = [t.text for t in tokens]
    if len(words) < 3 or words[0].upper() != "SET" or words[1].upper() == "LOCAL":
        return None
    i = 2 if words[1].upper() == "SESSION" else 1
    if [w.upper() for w in words[i : i + 2]] == ["TIME", "ZONE"]:
        name, i = "timezone", i + 2
    else:
        name, i = words[i].lower(), i + 1
        if i < len(words) and words[i].upper() in ("=", "TO"):
            i += 1
    if i >= len(tokens):
        return None
    return name, sql[tokens[i].start : tokens[-1].end + 1]


def _split_multi_action(
    am: AnalyzedMigration,
    earlier: Sequence[AnalyzedMigration],
    history: Sequence[Migration],
    pg_version: int,
) -> Iterable[tuple[Statement, Facts]]:
    """The statements of a migration with their facts; an `ALTER TABLE` with several actions
    that is not safe as a whole becomes one statement per action (each keeps the exact text of
    its action), analysed in place, so each action gets its own rewrite."""
    for stmt, facts in _statements_with_facts(am):
        pieces = _alter_pieces(stmt) if facts.risk in (Risk.DANGEROUS, Risk.UNKNOWN) else None
        if not pieces:
            yield stmt, facts
            continue
        split = _analyse_pieces(am, stmt, pieces, earlier, history, pg_version)
        if split is None:
            yield stmt, facts
            continue
        yield from split


def _alter_pieces(stmt: Statement) -> list[str] | None:
    """`ALTER TABLE name a1, a2, …` as `["ALTER TABLE name a1", …]`, or None."""
    from migrator.planner.sqltext import clause_end, text_between, tokenize

    if stmt.kind is not StatementKind.ALTER_TABLE or not isinstance(stmt.ast, exp.Alter):
        return None
    if len(stmt.ast.args.get("actions") or []) < 2:
        return None
    tokens = tokenize(stmt.sql)
    i = 2  # after ALTER TABLE
    while i < len(tokens) and tokens[i].text.upper() in ("IF", "EXISTS", "ONLY"):
        i += 1
    i += 1  # the name
    while i + 1 < len(tokens) and tokens[i].text == ".":
        i += 2
    if i < len(tokens) and tokens[i].text == "*":
        i += 1
    head = stmt.sql[: tokens[i - 1].end + 1]
    pieces = []
    while i < len(tokens):
        last = clause_end(tokens, i)
        pieces.append(f"{head} {text_between(stmt.sql, tokens, i, last)}")
        i = last + 2
    return pieces if len(pieces) >= 2 else None


def _analyse_pieces(
    am: AnalyzedMigration,
    stmt: Statement,
    pieces: list[str],
    earlier: Sequence[AnalyzedMigration],
    history: Sequence[Migration],
    pg_version: int,
) -> list[tuple[Statement, Facts]] | None:
    try:
        from migrator.analysis.analyze import analyze
        from migrator.sql.parse import parse_sql
    except ImportError:
        return None
    parsed = []
    for text in pieces:
        statements = parse_sql(text, am.migration.source.path).statements
        if len(statements) != 1 or statements[0].ast is None:
            return None
        parsed.append(replace(statements[0], index=stmt.index, span=stmt.span,
                              in_transaction=stmt.in_transaction))
    preceding = am.migration.statements[: stmt.index]
    synthetic = Migration(am.migration.source, (*preceding, *parsed))
    try:
        results = analyze([*history, *(e.migration for e in earlier), synthetic], pg_version)
    except Exception:  # noqa: BLE001
        return None
    facts = results[-1].facts[len(preceding):]
    if len(facts) != len(parsed):
        return None
    return [(s, replace(f, statement_index=stmt.index)) for s, f in zip(parsed, facts)]


def _statements_with_facts(am: AnalyzedMigration) -> Iterable[tuple[Statement, Facts]]:
    facts = list(am.facts)
    for i, stmt in enumerate(am.migration.statements):
        yield stmt, facts[i] if i < len(facts) else Facts(stmt.index)


def _choose(stmt: Statement, facts: Facts, ctx: PlanContext) -> BaseRewrite:
    for rewrite in REWRITES:
        try:
            if rewrite.applies(stmt, facts, ctx):
                return rewrite
        except Exception:
            log.warning("rewrite %s failed to read statement %d", rewrite.name, stmt.index, exc_info=True)
    return REWRITES[-1]


# ----------------------------------------------------------------------------- dependencies
def referenced_objects(stmt: Statement) -> frozenset[ObjectRef]:
    """Tables and `(table, column)` pairs a statement reads or changes (from its tree)."""
    try:
        return _referenced_objects(stmt)
    except Exception:  # noqa: BLE001 - an unreadable tree references nothing we can name
        return frozenset()


def _referenced_objects(stmt: Statement) -> frozenset[ObjectRef]:
    ast = stmt.ast
    if ast is None:
        return frozenset()
    refs: set[ObjectRef] = set()
    target: QualifiedName | None = None
    if isinstance(ast, exp.Alter) and isinstance(ast.this, exp.Table):
        target = QualifiedName.of(ast.this)
    elif isinstance(ast, exp.Create) and isinstance(ast.this, exp.Index):
        table = ast.this.args.get("table")
        if isinstance(table, exp.Table):
            target = QualifiedName.of(table)
    elif isinstance(ast, (exp.Update, exp.Delete)) and isinstance(ast.this, exp.Table):
        target = QualifiedName.of(ast.this)
    for table in ast.find_all(exp.Table):
        if isinstance(table.this, exp.Identifier):
            refs.add((QualifiedName.of(table).key, None))
    if target is not None:
        refs = {r for r in refs if r[0] != target.key or r[1] is not None}
        columns = {identifier_name(c) for c in ast.find_all(exp.Column) if not c.table}
        columns |= {identifier_name(c) for c in ast.find_all(exp.ColumnDef)}
        if isinstance(ast, exp.Alter):
            for action in ast.args.get("actions") or []:
                if isinstance(action, exp.AlterColumn):
                    columns.add(identifier_name(action.this))
                if isinstance(action, exp.RenameColumn):
                    columns.add(identifier_name(action.args.get("to")))
        if columns:
            refs |= {(target.key, c) for c in columns}
        else:
            refs.add((target.key, None))
    return frozenset(refs)


def _conflicts(ref: ObjectRef, obj: ObjectRef) -> bool:
    """A reference needs an object: the same column, or any use of a whole table that is
    renamed or dropped. A whole-table reference (a foreign key's target, a VACUUM) does not need
    each of the table's columns."""
    table, column = ref
    otable, ocolumn = obj
    if table != otable:
        return False
    return ocolumn is None or column == ocolumn


def _overlaps(refs: Iterable[ObjectRef], objects: Iterable[ObjectRef]) -> bool:
    objs = list(objects)
    return any(_conflicts(ref, obj) for ref in refs for obj in objs)


def _refuse_cross_release(
    refs: frozenset[ObjectRef],
    result: Rewritten,
    contract_objects: dict[ObjectRef, str],
    path: str,
    stmt: Statement,
) -> None:
    if not result.expand:
        return
    for ref in sorted(refs, key=repr):
        for (otable, ocolumn), source in contract_objects.items():
            if _conflicts(ref, (otable, ocolumn)):
                what = f"{otable}.{ocolumn}" if ocolumn else otable
                raise PlanError(
                    f"{path}: statement {stmt.index + 1} needs {what} in its expand phase, but "
                    f"{what} only takes its final form in the contract phase of {source}, which "
                    f"runs after every expand step. Deploy in two releases: first the migrations "
                    f"up to {source} (expand, deploy, contract), then {path}.",
                    stmt.span,
                )


def _backfill_objects(draft: StepDraft, stmt: Statement) -> set[ObjectRef]:
    assert draft.backfill is not None
    written = set(written_columns(stmt))
    if written:
        return written
    refs = {r for r in referenced_objects(stmt) if r[1] is not None}
    return refs or {(draft.backfill.table, None)}


# ----------------------------------------------------------------------------- re-analysis
def _reanalyze(
    ordered: Sequence[_Placed], history: Sequence[Migration], pg_version: int
) -> dict[int, Facts] | None:
    """Facts of each generated (non-passthrough, non-backfill) step, keyed by its position in
    `ordered`, from the analyzer run over the steps in plan order: one synthetic migration per
    planned migration and side of the deploy (so earlier migrations' tables, and what expand
    created, are existing tables for what comes later). None when the analysis is not
    available."""
    try:
        from migrator.analysis.analyze import analyze
        from migrator.sql.parse import parse_sql
    except ImportError:
        return None
    # One synthetic migration per planned migration and side of the deploy: what the expand
    # phase creates already exists (and is in use) when the contract phase runs.
    by_migration: dict[tuple[int, bool], list[int]] = {}
    for pos, item in enumerate(ordered):
        if item.draft.sql is None:
            continue
        key = (item.migration_index, item.phase is PhaseName.CONTRACT)
        by_migration.setdefault(key, []).append(pos)
    migrations: list[Migration] = list(history)
    positions: list[list[int]] = []
    for mi in sorted(by_migration, key=lambda k: (k[1], k[0])):
        sqls = [ordered[pos].draft.sql or "" for pos in by_migration[mi]]
        try:
            parsed = parse_sql(";\n".join(sqls) + ";")
        except Exception:
            log.debug("re-parse of generated steps failed", exc_info=True)
            return None
        if len(parsed.statements) != len(sqls):
            log.debug("re-parse gave %d statements for %d steps", len(parsed.statements), len(sqls))
            return None
        migrations.append(parsed)
        positions.append(by_migration[mi])
    try:
        analyzed = analyze(migrations, pg_version)
    except Exception:
        log.debug("re-analysis failed", exc_info=True)
        return None
    result: dict[int, Facts] = {}
    for am, pos_list in zip(analyzed[len(history):], positions):
        for facts, pos in zip(am.facts, pos_list):
            result[pos] = facts
    return result


# ----------------------------------------------------------------------------- numbering
def timeouts_for(kind: StepKind, lock: LockMode | None, transactional: bool, caps: Capabilities) -> Timeouts:
    """Session settings for a step: a short statement timeout for a catalog change under a lock
    that blocks others; none for concurrent builds and validations; one per backfill batch."""
    if kind is StepKind.BACKFILL:
        return Timeouts(LOCK_TIMEOUT_MS, BATCH_STATEMENT_TIMEOUT_MS)
    long_running = kind is StepKind.VALIDATE or not transactional
    blocking = lock is not None and (lock.blocks_reads or lock.blocks_writes)
    if blocking and not long_running:
        return Timeouts(
            LOCK_TIMEOUT_MS,
            CATALOG_STATEMENT_TIMEOUT_MS,
            transaction_timeout_ms=CATALOG_STATEMENT_TIMEOUT_MS * 3 if caps.transaction_timeout else None,
        )
    return Timeouts(LOCK_TIMEOUT_MS, 0)


def _number(
    ordered: Sequence[_Placed], facts_by_pos: dict[int, Facts] | None, caps: Capabilities
) -> tuple[Phase, ...]:
    steps_by_phase: dict[PhaseName, list[Step]] = {p: [] for p in PhaseName}
    for pos, item in enumerate(ordered):
        draft = item.draft
        lock, risk, reasons = _lock_and_risk(draft, facts_by_pos.get(pos) if facts_by_pos else None)
        number = len(steps_by_phase[item.phase]) + 1
        content = json.dumps(
            [item.migration.replace("\\", "/").rsplit("/", 1)[-1], item.statement_index, draft.kind.value, draft.sql,
             repr(draft.backfill), draft.description],
            sort_keys=True,
        )
        digest = hashlib.sha256(content.encode()).hexdigest()[:8]
        handled = tuple(r for r in reasons if r.startswith("the analysis says:"))
        notes = draft.notes + handled
        dangerous_reason = draft.dangerous_reason
        if risk in (Risk.DANGEROUS, Risk.UNKNOWN) and dangerous_reason is None:
            dangerous_reason = "; ".join(r for r in reasons if r not in handled) or (
                "the analysis marks this step " + risk.value
            )
        steps_by_phase[item.phase].append(
            Step(
                id=f"{item.phase.value}-{number:03d}-{digest}",
                phase=item.phase,
                kind=draft.kind,
                description=draft.description,
                sql=draft.sql,
                # A backfill commits batch by batch: it never runs inside one transaction block.
                transactional=draft.transactional and draft.kind is not StepKind.BACKFILL,
                lock=lock,
                risk=risk,
                timeouts=timeouts_for(draft.kind, lock, draft.transactional and draft.kind is not StepKind.BACKFILL, caps),
                retry=DEFAULT_RETRY,
                undo=draft.undo,
                backfill=draft.backfill,
                origin=item.statement_index,
                migration=item.migration,
                group=_group_id(item, draft.group),
                precheck_sql=draft.precheck_sql,
                notes=notes,
                passthrough=draft.passthrough,
                dangerous_reason=dangerous_reason,
                manual_alternative=draft.manual_alternative,
                rewrite=item.rewrite,
            )
        )
    return tuple(Phase(name, tuple(steps_by_phase[name])) for name in PhaseName if steps_by_phase[name])


def _group_id(item: _Placed, label: str | None) -> str | None:
    """Global id of a transaction group: per statement, or per migration for `@` labels."""
    if label is None:
        return None
    if label.startswith("@"):
        return f"{item.migration}#{label[1:]}"
    return f"{item.migration}#{item.statement_index}:{label}"


def _lock_and_risk(draft: StepDraft, facts: Facts | None) -> tuple[LockMode | None, Risk, tuple[str, ...]]:
    if draft.kind is StepKind.BACKFILL:
        # A batch takes ROW EXCLUSIVE on the table and row locks on its own rows only.
        return LockMode.ROW_EXCLUSIVE, Risk.CAUTION, ()
    if draft.passthrough:
        return draft.expected_lock, draft.risk or Risk.UNKNOWN, ()
    if facts is None:
        lock = draft.expected_lock
        return lock, _risk_of_lock(lock, draft.transactional), ()
    if facts.risk is Risk.DANGEROUS and draft.handled and not _blocks_long(facts):
        note = f"the analysis says: {'; '.join(facts.reasons)}; handled by the plan: {draft.handled}"
        return facts.lock, _risk_of_lock(facts.lock, facts.transactional), (note,)
    return facts.lock, facts.risk, facts.reasons


def _risk_of_lock(lock: LockMode | None, transactional: bool) -> Risk:
    blocking = lock is not None and (lock.blocks_reads or lock.blocks_writes)
    return Risk.CAUTION if blocking or not transactional else Risk.SAFE


def _blocks_long(facts: Facts) -> bool:
    """Holds a lock that blocks reads or writes for a time that grows with the table."""
    blocking = facts.blocks_reads or facts.blocks_writes
    return blocking and (facts.rewrite or facts.scan)
