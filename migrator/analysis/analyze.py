"""The analysis stage: the `Facts` of every statement, for one target PostgreSQL major version.

`analyze()` walks the migrations in order. For each statement it reads the actions
(`read.py`), matches each action to the knowledge entries (`knowledge/`), resolves the entries'
lock targets against the schema model, combines everything into one `Facts`, and then records the
statement's effect in the schema model (`apply.py`) for the statements that follow.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from sqlglot import exp

from migrator.analysis.actions import Action
from migrator.analysis.apply import apply_action
from migrator.analysis.context import Context
from migrator.analysis.facts import AnalyzedMigration, Facts, Lock, RelationKind, Risk
from migrator.analysis.from_ast import actions_of, called_sequences, table_name
from migrator.analysis.knowledge import candidates
from migrator.analysis.knowledge._common import type_verdict
from migrator.analysis.knowledge.entry import Entry, LockSpec, Target
from migrator.analysis.locks import LockMode
from migrator.analysis.pg.versions import DEFAULT, Capabilities
from migrator.analysis.pg.volatility import expression_volatility
from migrator.analysis.schema import ConstraintKind, FunctionModel, SchemaModel
from migrator.sql.parse import parse_sql
from migrator.sql.statement import Migration, Statement, StatementKind

log = logging.getLogger(__name__)

_PROCEDURAL = frozenset({StatementKind.DO, StatementKind.CREATE_FUNCTION, StatementKind.CREATE_PROCEDURE})


def analyze(
    migrations: Sequence[Migration], pg_version: int = DEFAULT, schema: SchemaModel | None = None
) -> tuple[AnalyzedMigration, ...]:
    """Analyse migrations in migration order.

    Earlier migrations build the schema model against which later ones are analysed: their
    tables are *existing* (possibly large) for later migrations; a table created earlier in the
    same migration is *new* (empty, unseen by the application).

    Args:
        migrations: parsed migrations, in the order they run.
        pg_version: target PostgreSQL major version (12–18).
        schema: a schema model known in advance (copied, never changed).

    Returns:
        One `AnalyzedMigration` per migration, with one `Facts` per statement.
    """
    caps = Capabilities.for_version(pg_version)
    model = schema.copy() if schema is not None else SchemaModel()
    out = []
    for migration in migrations:
        before = model.copy()
        ctx = Context(caps=caps, schema=model)
        facts = tuple(analyze_statement(stmt, ctx) for stmt in migration.statements)
        out.append(AnalyzedMigration(migration=migration, facts=facts, schema_before=before,
                                     schema_after=model.copy()))
    return tuple(out)


# --------------------------------------------------------------------------------------------
# one statement
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Acc:
    """Accumulates the facts of a statement's actions."""

    locks: dict[str, Lock] = field(default_factory=dict)
    tables: dict[str, None] = field(default_factory=dict)
    rewrite: bool = False
    scan: bool = False
    row_locks: bool = False
    some_row_locks: bool = False
    transactional: bool = True
    destructive: bool = False
    backward_incompatible: bool = False
    fails: bool = False
    unknown: bool = False
    reasons: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    view_indexes: set[str] = field(default_factory=set)  # indexes of (materialized) views: nobody writes through them

    def lock(self, relation: str, mode: LockMode, kind: RelationKind, new: bool) -> None:
        old = self.locks.get(relation)
        if old is None or mode > old.mode:
            self.locks[relation] = Lock(relation=relation, mode=mode, kind=kind, new=new)
        if kind in (RelationKind.TABLE, RelationKind.PARTITIONED_TABLE, RelationKind.VIEW,
                    RelationKind.MATERIALIZED_VIEW):
            self.tables.setdefault(relation)

    def reason(self, text: str) -> None:
        if text and text not in self.reasons:
            self.reasons.append(text)

    def assume(self, text: str) -> None:
        if text and text not in self.assumptions:
            self.assumptions.append(text)


def analyze_statement(stmt: Statement, ctx: Context) -> Facts:
    """The facts of one statement; records its effect in `ctx` afterwards."""
    if stmt.kind in _PROCEDURAL:
        return _procedural(stmt, ctx)
    if stmt.kind is StatementKind.UNKNOWN or stmt.ast is None:
        return _unknown(stmt, ctx)
    if stmt.kind is StatementKind.CALL:
        return _call(stmt, ctx)
    acc = _Acc()
    _collect(stmt, ctx, acc)
    return _finish(stmt, acc, ctx)


def _collect(stmt: Statement, ctx: Context, acc: _Acc, prefix: str = "") -> None:
    """Add the facts of one parsed statement to `acc`, then record its effect in `ctx`."""
    actions = actions_of(stmt, ctx.default_schema)
    ctx.memo.clear()
    start = len(acc.reasons)
    for action in actions:
        _analyze_action(action, ctx, acc)
    if prefix:
        acc.reasons[start:] = [f"{prefix}{r}" for r in acc.reasons[start:]]
    for action in actions:
        apply_action(action, ctx)


def _analyze_action(action: Action, ctx: Context, acc: _Acc) -> None:
    entries = [e for e in candidates(action.verb) if e.applies(action, ctx)]
    if any(e.overrides for e in entries):
        entries = [e for e in entries if e.overrides]
    if not entries:
        acc.unknown = True
        acc.reason(f"migrator does not know the locks of `{action.verb.replace('/', ' ').rstrip(' ?*')}"
                   f"{(' ' + action.label) if action.label and action.label not in action.verb else ''}`: "
                   "it assumes ACCESS EXCLUSIVE.")
        if action.table:
            acc.lock(action.table, LockMode.ACCESS_EXCLUSIVE, _kind_of(action.table, ctx), ctx.is_new(action.table))
        return
    main = action.table or action.index
    new_main = main is not None and ctx.is_new(main) and not action.verb.startswith("LOCK")
    if main is not None and action.verb not in _NO_MAIN_ASSUMPTION and not ctx.is_known(main) \
            and not _creates(action):
        acc.assume(f"{main} is not in the schema model (created outside these migrations): assuming it "
                   "exists, is large and has rows")
    for entry in entries:
        _apply_entry(entry, action, ctx, acc, new_main)


_NO_MAIN_ASSUMPTION = frozenset({"SET", "SESSION", "GRANT"})


def _creates(action: Action) -> bool:
    return action.verb in ("CREATE TABLE", "CREATE TABLE/PARTITION OF", "CREATE TABLE AS", "CREATE VIEW",
                           "CREATE MATERIALIZED VIEW", "SELECT INTO", "CREATE SEQUENCE")


def _apply_entry(entry: Entry, action: Action, ctx: Context, acc: _Acc, new_main: bool) -> None:
    if entry.id not in acc.sources:
        acc.sources.append(entry.id)
    for spec in entry.locks:
        for relation, kind in _resolve(spec, entry, action, ctx, acc):
            mode = spec.mode if spec.mode is not None else (action.mode or LockMode.ACCESS_EXCLUSIVE)
            new = ctx.is_new(relation) or _created_by(action, relation, ctx)
            acc.lock(relation, mode, kind, new)
            if kind is RelationKind.INDEX and mode.blocks_writes and _index_of_view(relation, ctx):
                acc.view_indexes.add(relation)
    if action.table:
        acc.tables.setdefault(action.table)
    if new_main:
        acc.reason(f"{action.table or action.index} was created earlier in this migration: it is empty "
                   "and no running code uses it, so this is safe.")
        acc.transactional &= entry.transactional
        # Reading other (existing) tables still takes as long as they are large.
        acc.scan |= entry.scan and any(spec.target is Target.SOURCES for spec in entry.locks)
        return
    acc.rewrite |= entry.rewrite
    acc.scan |= entry.scan
    acc.row_locks |= entry.row_locks
    acc.some_row_locks |= entry.some_row_locks
    acc.transactional &= entry.transactional
    acc.destructive |= entry.destructive
    acc.backward_incompatible |= entry.backward_incompatible
    acc.fails |= entry.fails_on_data
    acc.reason(entry.reason)
    if action.verb == "ALTER TABLE/ALTER COLUMN TYPE" and action.type is not None:
        verdict = type_verdict(action, ctx)
        acc.reason(f"Type change: {verdict.reason}.")
        if verdict.change.value == "unknown":
            acc.assume(verdict.reason)
        if _timestamp_zone_change(action, ctx) and not ctx.session_utc:
            acc.assume("the session TimeZone is not known (the migration does not SET timezone = 'UTC' before "
                       "this change): assuming it is not UTC, so the timestamp conversion rewrites the table")
    if action.verb == "ALTER TABLE/SET NOT NULL" and action.table and not ctx.is_known(action.table):
        acc.assume(f"assuming {action.table} has no valid CHECK ({action.column} IS NOT NULL)")
    if entry.id == "partitions.attach-with-check":
        acc.assume("assuming the partition's valid CHECK constraint implies its partition bounds")
    if action.verb == "ALTER TABLE/ADD COLUMN" and action.column_spec is not None and action.column_spec.default:
        declared = ctx.schema.declared_volatility() if ctx.schema.functions else None
        _, unknown_fns = expression_volatility(action.column_spec.default, declared)
        for fn in unknown_fns:
            acc.assume(f"function {fn}() is not in migrator's volatility table: assuming it is VOLATILE")


_ZONED = frozenset({"timestamp without time zone", "timestamp with time zone"})


def _timestamp_zone_change(action: Action, ctx: Context) -> bool:
    """timestamp ↔ timestamptz: whether it rewrites depends on the session's TimeZone."""
    t = ctx.schema.table(action.table) if action.table else None
    c = t.column(action.column) if t is not None and action.column else None
    old = c.type if c is not None else None
    new = action.type
    return old is not None and new is not None and {old.base, new.base} == _ZONED


def _created_by(action: Action, relation: str, ctx: Context) -> bool:
    """The statement creates `relation` (it did not exist: CREATE OR REPLACE / IF NOT EXISTS of an
    existing relation creates nothing)."""
    if ctx.is_known(relation):
        return False
    if _creates(action) and relation == action.table:
        return True
    return action.verb == "CREATE INDEX" and relation == action.index


# --------------------------------------------------------------------------------------------
# lock targets
# --------------------------------------------------------------------------------------------


def _kind_of(relation: str, ctx: Context) -> RelationKind:
    schema = ctx.schema
    if relation in schema.indexes:
        return RelationKind.INDEX
    if relation in schema.sequences:
        return RelationKind.SEQUENCE
    t = schema.table(relation)
    if t is None:
        return RelationKind.TABLE
    if t.kind == "view":
        return RelationKind.VIEW
    if t.kind == "materialized view":
        return RelationKind.MATERIALIZED_VIEW
    if t.partitioned:
        return RelationKind.PARTITIONED_TABLE
    return RelationKind.TABLE


def _with_partitions(tables: Iterable[str], ctx: Context) -> list[str]:
    """The tables, their partitions and their inheritance children (recursively): what a
    statement without ONLY reaches."""
    schema = ctx.schema
    if isinstance(tables, (list, tuple)) and len(tables) == 1 and not schema.has_descendants(tables[0]):
        return [tables[0]]
    out: list[str] = []
    seen: set[str] = set()
    stack = list(tables)
    while stack:
        t = stack.pop(0)
        if t in seen:
            continue
        seen.add(t)
        out.append(t)
        stack.extend(ctx.schema.partitions_of(t))
        stack.extend(ctx.schema.inheritance_children(t))
    return out


def _indexes(tables: Iterable[str], ctx: Context) -> list[str]:
    return [i for t in tables for i in ctx.schema.indexes_of(t)]


def _referenced(action: Action, ctx: Context, include_self: bool = False) -> list[str]:
    refs: list[str] = []
    if action.constraint is not None and action.constraint.references:
        refs.append(action.constraint.references)
    if action.column_spec is not None and action.column_spec.references:
        refs.append(action.column_spec.references)
    for spec in action.columns:
        if spec.references:
            refs.append(spec.references)
    for cons in action.constraints:
        if cons.references:
            refs.append(cons.references)
    t = ctx.schema.table(action.table) if action.table else None
    if t is not None and action.name and action.constraint is None:
        c = t.constraint(action.name)
        if c is not None and c.referenced:
            refs.append(c.referenced)
    if t is not None and action.column and action.column_spec is None:
        refs.extend(c.referenced for c in t.constraints
                    if c.kind is ConstraintKind.FOREIGN_KEY and action.column in c.columns and c.referenced)
    return [r for r in dict.fromkeys(refs) if include_self or r != action.table]


def _referencing_all(table: str, ctx: Context) -> list[str]:
    out: list[str] = []
    stack = [table]
    while stack:
        cur = stack.pop()
        for r in ctx.schema.referencing_tables(cur):
            if r not in out and r != table:
                out.append(r)
                stack.append(r)
    return out


def _through_views(relations: Iterable[str], ctx: Context) -> list[str]:
    """The relations, and for each plain view the relations it reads (a query on a view is
    rewritten into a query on its base tables, which are locked as well)."""
    out: list[str] = []
    stack = list(relations)
    while stack:
        name = stack.pop(0)
        if name in out:
            continue
        out.append(name)
        t = ctx.schema.table(name)
        if t is not None and t.kind == "view":
            stack.extend(t.sources)
    return out


def _key_index(table: str, ctx: Context) -> str | None:
    t = ctx.schema.table(table)
    if t is None:
        return None
    keys = [c for c in t.constraints if c.index and c.kind in (ConstraintKind.PRIMARY_KEY, ConstraintKind.UNIQUE)]
    keys.sort(key=lambda c: c.kind is not ConstraintKind.PRIMARY_KEY)
    return keys[0].index if keys else None


def _drawn_sequences(action: Action, ctx: Context) -> list[str]:
    """The owned (serial / identity) sequences an INSERT draws from: those of the columns it does
    not supply (a column list without them, DEFAULT VALUES, or a VALUES row that stops short)."""
    if not action.verb.startswith("INSERT") or not action.table:
        return []
    t = ctx.schema.table(action.table)
    if t is None or not t.sequences:
        return []
    prefix = f"{action.table}_"
    positions = {c.name: i for i, c in enumerate(t.columns)}
    out = []
    for seq in t.sequences:
        column = seq[len(prefix):-len("_seq")] if seq.startswith(prefix) and seq.endswith("_seq") else None
        if column is None:
            continue
        if "DEFAULT VALUES" in action.flags:
            out.append(seq)
        elif "COLUMN LIST" in action.flags:
            if column not in action.target_columns:
                out.append(seq)
        elif action.values_width and positions.get(column, -1) >= action.values_width:
            out.append(seq)
    return out


def _arbiter_indexes(action: Action, ctx: Context) -> list[str]:
    """ON CONFLICT's arbiter: the unique indexes on exactly the conflict columns (all unique
    indexes when no columns are named)."""
    if not action.table:
        return []
    unique = [i for i in ctx.schema.indexes_of(action.table) if ctx.schema.indexes[i].unique]
    if "ON CONSTRAINT" in action.flags:
        t = ctx.schema.table(action.table)
        c = t.constraint(action.extra[0]) if t is not None and action.extra else None
        return [c.index] if c is not None and c.index else []
    if not action.extra:
        return unique
    return [i for i in unique if set(ctx.schema.indexes[i].columns) == set(action.extra)]


def _resolve(spec: LockSpec, entry: Entry, action: Action, ctx: Context, acc: _Acc) -> list[tuple[str, RelationKind]]:
    schema = ctx.schema
    target = spec.target
    names: list[str] = []
    recurse = entry.recurse and "ONLY" not in action.flags
    if target is Target.TABLE:
        if action.table:
            names = _with_partitions([action.table], ctx) if recurse else [action.table]
    elif target is Target.LISTED:
        listed = list(action.tables or ((action.table,) if action.table else ()))
        names = _with_partitions(listed, ctx) if recurse else listed
    elif target is Target.LISTED_INDEXES:
        names = _indexes(_with_partitions(action.tables or ((action.table,) if action.table else ()), ctx), ctx)
    elif target is Target.INDEX:
        names = [action.index] if action.index else []
    elif target is Target.INDEX_TABLE:
        if action.index:
            table = schema.index_table(action.index)
            if table is None:
                acc.assume(f"{action.index} is not in the schema model: its table is unknown and is "
                           "assumed to be locked as well")
            else:
                names = [table]
    elif target is Target.TABLE_INDEXES:
        if action.table:
            tables = _with_partitions([action.table], ctx) if recurse else [action.table]
            names = _indexes(tables, ctx)
    elif target is Target.COLUMN_INDEXES:
        if action.table and action.column:
            names = [i for t in (_with_partitions([action.table], ctx) if recurse else [action.table])
                     for i in schema.indexes_on_column(t, action.column)]
    elif target is Target.REFERENCED:
        names = _with_partitions(_referenced(action, ctx), ctx) if recurse else _referenced(action, ctx)
    elif target is Target.REFERENCED_INDEXES:
        names = [i for i in _indexes(_with_partitions(_referenced(action, ctx), ctx), ctx)
                 if not schema.indexes[i].partitioned or ctx.caps.fk_check_locks_partitioned_key_index]
    elif target is Target.FK_TARGETS:
        names = list(schema.referenced_tables(action.table)) if action.table else []
    elif target is Target.REFERENCING:
        names = list(schema.referencing_tables(action.table)) if action.table else []
    elif target is Target.REFERENCING_INDEXES:
        names = _indexes(schema.referencing_tables(action.table), ctx) if action.table else []
    elif target is Target.REFERENCING_ALL:
        names = [r for t in (action.tables or ()) for r in _referencing_all(t, ctx)]
    elif target is Target.REFERENCING_ALL_INDEXES:
        names = _indexes([r for t in (action.tables or ()) for r in _referencing_all(t, ctx)], ctx)
    elif target is Target.PARTITIONS:
        names = list(schema.partitions_of(action.table)) if action.table else []
    elif target is Target.PARTITION:
        names = [action.name] if action.name else []
    elif target is Target.DEFAULT_PARTITION:
        parent = action.partition_of or action.table
        d = schema.default_partition_of(parent) if parent else None
        names = [d] if d and d != action.name else []
    elif target is Target.PARENT:
        names = [action.partition_of] if action.partition_of else []
    elif target is Target.SOURCES:
        names = _with_partitions(_through_views([s for s in action.tables if s != action.table], ctx), ctx)
    elif target is Target.SOURCE_INDEXES:
        names = _indexes(_with_partitions(_through_views([s for s in action.tables if s != action.table], ctx), ctx),
                         ctx)
    elif target in (Target.FK_CASCADED, Target.FK_CASCADED_INDEXES, Target.FK_CHECKED, Target.FK_CHECKED_INDEXES):
        event = "delete" if action.verb == "DELETE" else "update"
        writes = target in (Target.FK_CASCADED, Target.FK_CASCADED_INDEXES)
        found = list(schema.referencing_by_action(action.table, event, writes)) if action.table else []
        names = _indexes(found, ctx) if target in (Target.FK_CASCADED_INDEXES, Target.FK_CHECKED_INDEXES) else found
    elif target is Target.WRITTEN:
        if action.table:
            names = _with_partitions(_through_views([action.table], ctx), ctx) if recurse else \
                _through_views([action.table], ctx)
    elif target is Target.WRITTEN_INDEXES:
        if action.table:
            names = _indexes(_with_partitions(_through_views([action.table], ctx), ctx), ctx)
    elif target is Target.DETACHED_PARTITION_INDEXES:
        parent_indexes = [schema.indexes[i] for i in (schema.indexes_of(action.table) if action.table else ())
                          if schema.indexes[i].partitioned]
        names = [i for i in (schema.indexes_of(action.name) if action.name else ())
                 if any(p.columns == schema.indexes[i].columns and p.expression_columns == schema.indexes[i].expression_columns
                        for p in parent_indexes)]
    elif target is Target.REFERENCED_KEY_INDEX:
        names = [k for r in _referenced(action, ctx, include_self=True) if (k := _key_index(r, ctx))]
    elif target is Target.PARENT_FK_TARGET_KEY_INDEXES:
        parent = action.partition_of or action.table
        names = [k for r in (schema.referenced_tables(parent) if parent else ()) if (k := _key_index(r, ctx))]
    elif target is Target.PARENT_FK_TARGETS:
        parent = action.partition_of or action.table
        names = list(schema.referenced_tables(parent)) if parent else []
    elif target is Target.PARENT_PARTITIONED_INDEXES:
        parent = action.partition_of or action.table
        names = [i for i in schema.indexes_of(parent) if schema.indexes[i].partitioned] if parent else []
    elif target is Target.NAMED_TABLE:
        names = [action.name] if action.name else []
    elif target is Target.INHERITED_PARENTS:
        names = list(action.extra) if action.verb == "CREATE TABLE" else []
    elif target is Target.TABLE_PARENT:
        t = schema.table(action.table) if action.table else None
        names = [t.parent] if t is not None and t.parent else []
    elif target is Target.PARTITION_INDEXES:
        names = list(schema.partition_indexes(action.index)) if action.index else []
    elif target is Target.PARTITION_INDEX_TABLES:
        names = [owner for i in (schema.partition_indexes(action.index) if action.index else ())
                 if (owner := schema.index_table(i))]
    elif target is Target.DEPENDENT_VIEWS:
        names = list(schema.dependent_views(action.tables or ((action.table,) if action.table else ())))
    elif target is Target.DEPENDENT_VIEW_INDEXES:
        names = _indexes(schema.dependent_views(action.tables or ((action.table,) if action.table else ())), ctx)
    elif target is Target.TRIGGER_TABLES:
        names = list(schema.tables_with_trigger_function(action.tables))
    elif target is Target.SEQUENCE_OWNER:
        names = [n for n, t in schema.tables.items() if action.table in t.sequences] if action.table else []
    elif target is Target.ALL_TABLES:
        names = [n for n, t in schema.tables.items() if t.kind != "view"]
    elif target is Target.ALL_TABLE_INDEXES:
        names = list(schema.indexes)
    elif target is Target.LISTED_THROUGH_VIEWS:
        listed = list(action.tables or ((action.table,) if action.table else ()))
        names = _through_views(_with_partitions(listed, ctx) if recurse else listed, ctx)
    elif target is Target.SCHEMA_TABLES:
        names = list(schema.tables_in_schema(action.name)) if action.name else []
    elif target is Target.SCHEMA_TABLE_INDEXES:
        names = _indexes(schema.tables_in_schema(action.name), ctx) if action.name else []
    elif target is Target.CLUSTERED_TABLES:
        names = list(schema.clustered_tables())
    elif target is Target.CLUSTERED_TABLE_INDEXES:
        names = _indexes(schema.clustered_tables(), ctx)
    elif target is Target.FK_TARGET_INDEXES:
        names = _indexes(schema.referenced_tables(action.table), ctx) if action.table else []
    elif target is Target.DRAWN_SEQUENCES:
        names = [*action.sequences, *_drawn_sequences(action, ctx)]
    elif target is Target.ARBITER_INDEX:
        names = _arbiter_indexes(action, ctx)
    elif target is Target.CALLED_SEQUENCES:
        names = list(action.sequences)
        if action.column_spec is not None and action.column_spec.default is not None:
            names.extend(called_sequences(action.column_spec.default, ctx.default_schema))
        if action.verb == "ALTER TABLE/SET DEFAULT" and action.using is not None:
            names.extend(called_sequences(action.using, ctx.default_schema))
    elif target is Target.VIEW_SOURCES:
        t = schema.table(action.table) if action.table else None
        names = list(t.sources) if t else []
    elif target is Target.VIEW_SOURCE_INDEXES:
        t = schema.table(action.table) if action.table else None
        names = _indexes(t.sources, ctx) if t else []
    elif target is Target.DOMAIN_TABLES:
        if action.name:
            names = list(schema.tables_using_domain(action.name))
    elif target is Target.OWNED_SEQUENCES:
        t = schema.table(action.table) if action.table else None
        names = list(t.sequences) if t else []
    elif target is Target.CONSTRAINT_INDEX:
        t = schema.table(action.table) if action.table else None
        c = t.constraint(action.name) if t and action.name else None
        names = [c.index] if c is not None and c.index else []
    elif target is Target.COLUMN_SEQUENCE:
        if action.table and action.column:
            seq = f"{action.table}_{action.column}_seq"
            names = [seq] if seq in schema.sequences else []
    elif target is Target.PARTITION_INDEX_TABLE:
        table = schema.index_table(action.name) if action.name else None
        names = [table] if table else []
    return [(n, _kind_of(n, ctx)) for n in dict.fromkeys(names)]


# --------------------------------------------------------------------------------------------
# combining
# --------------------------------------------------------------------------------------------


def _finish(stmt: Statement, acc: _Acc, ctx: Context) -> Facts:
    locks = tuple(acc.locks.values())
    old = [lk for lk in locks if not lk.new]
    blocks_reads = any(lk.mode.blocks_reads for lk in old)
    blocks_writes = any(
        lk.mode.blocks_writes for lk in old
        if lk.kind not in (RelationKind.VIEW, RelationKind.MATERIALIZED_VIEW) and lk.relation not in acc.view_indexes
    ) or acc.row_locks or acc.some_row_locks
    lock = max((lk.mode for lk in old), default=None)
    if acc.unknown and lock is None:
        lock = LockMode.ACCESS_EXCLUSIVE
        blocks_reads = blocks_writes = True
    reasons = list(acc.reasons)
    if not acc.transactional and stmt.in_transaction:
        reasons.append("It cannot run inside a transaction block, and this statement is inside one: it will fail.")
    risk = _risk(acc, blocks_reads, blocks_writes)
    return Facts(
        statement_index=stmt.index,
        tables=tuple(acc.tables),
        locks=locks,
        lock=lock,
        rewrite=acc.rewrite,
        scan=acc.scan,
        blocks_reads=blocks_reads,
        blocks_writes=blocks_writes,
        transactional=acc.transactional,
        destructive=acc.destructive,
        backward_incompatible=acc.backward_incompatible,
        risk=risk,
        reasons=tuple(reasons),
        sources=tuple(acc.sources),
        assumptions=tuple(acc.assumptions),
    )


def _index_of_view(index: str, ctx: Context) -> bool:
    """An index of a (materialized) view: nobody writes through it."""
    table = ctx.schema.index_table(index)
    t = ctx.schema.table(table) if table else None
    return t is not None and t.kind != "table"


def _risk(acc: _Acc, blocks_reads: bool, blocks_writes: bool) -> Risk:
    if acc.unknown:
        return Risk.UNKNOWN
    blocking = blocks_reads or blocks_writes
    if acc.destructive or acc.backward_incompatible or acc.fails:
        return Risk.DANGEROUS
    if (acc.rewrite or acc.scan or acc.row_locks) and blocking:
        return Risk.DANGEROUS
    if blocking or acc.rewrite or acc.scan or acc.some_row_locks:
        return Risk.CAUTION
    return Risk.SAFE


def _unknown(stmt: Statement, ctx: Context) -> Facts:
    acc = _Acc(unknown=True)
    acc.reason("migrator could not parse this statement: it assumes the worst (ACCESS EXCLUSIVE on "
               "every table it names, blocking reads and writes).")
    for note in stmt.notes:
        acc.reason(note)
    return _finish(stmt, acc, ctx)


# --------------------------------------------------------------------------------------------
# DO blocks and function bodies
# --------------------------------------------------------------------------------------------

_VOLATILITY_WORDS = ("IMMUTABLE", "STABLE", "VOLATILE")


def _function_model(stmt: Statement, ctx: Context) -> FunctionModel | None:
    """The function a CREATE FUNCTION / PROCEDURE statement declares (None: no usable tree)."""
    tree = stmt.ast
    if tree is None:
        return None
    name = table_name(tree.this, ctx.default_schema)
    if name is None:
        return None
    options = str(getattr(tree.args.get("options_sql"), "this", "") or "").upper().split()
    volatility = next((w.lower() for w in options if w in _VOLATILITY_WORDS), "volatile")
    return FunctionModel(name=name, volatility=volatility, procedure=stmt.kind is StatementKind.CREATE_PROCEDURE,
                         body=stmt.body_statements)


def _sql_body(stmt: Statement) -> tuple[Statement, ...]:
    """The statements of a LANGUAGE sql body (all of them, queries included)."""
    body = stmt.ast.args.get("body") if stmt.ast is not None else None
    if not isinstance(body, exp.Literal) or not body.is_string:
        return ()
    try:
        return parse_sql(str(body.this), path="<function body>").statements
    except Exception:  # noqa: BLE001 - a body migrator cannot split is analysed as unseen
        log.debug("cannot parse the body of %s", stmt.sql[:80])
        return ()


def _sql_language(stmt: Statement) -> bool:
    language = stmt.ast.args.get("language") if stmt.ast is not None else None
    return str(getattr(language, "this", language) or "").lower() == "sql"


def _procedural(stmt: Statement, ctx: Context) -> Facts:
    body = stmt.body_statements
    acc = _Acc()
    if stmt.kind is not StatementKind.DO:
        acc.sources.append("create-function")
        acc.reason("Creating a function takes no lock that blocks anyone; its body runs only when it is called.")
        ddl = [b for b in body if b.kind.value.startswith(("ALTER", "CREATE", "DROP", "TRUNCATE"))]
        if ddl:
            acc.reason(f"Its body contains DDL ({len(ddl)} statement(s), e.g. `{ddl[0].sql[:80]}`): whoever "
                       "calls it takes those locks.")
        if _sql_language(stmt):
            body = _sql_body(stmt) or body
            _body_parse_locks(body, ctx, acc)
        model = _function_model(stmt, ctx)
        if model is not None:
            ctx.schema.functions[model.name] = replace(model, body=body)
        return _finish(stmt, acc, ctx)
    acc.sources.append("do-block")
    if _dynamic_sql(stmt):
        acc.unknown = True
        acc.reason("The DO block runs dynamic SQL (EXECUTE): migrator cannot see what it does.")
    if not body:
        acc.reason("The DO block contains no SQL statement migrator recognises: it takes no lock of its own.")
    for sub in body:
        if sub.kind is StatementKind.UNKNOWN or sub.ast is None or sub.kind in _PROCEDURAL:
            acc.unknown = True
            acc.reason(f"In the DO block: migrator does not understand `{sub.sql[:80]}`.")
            continue
        _collect(sub, ctx, acc, prefix="In the DO block: ")
    return _finish(stmt, acc, ctx)


def _body_parse_locks(body: tuple[Statement, ...], ctx: Context, acc: _Acc) -> None:
    """A LANGUAGE sql body is parsed and analysed at CREATE time (check_function_bodies, on by
    default, sql-createfunction): each relation it names is locked in the mode its statement
    would take (ROW EXCLUSIVE on a data statement's target, ACCESS SHARE on what it reads), until
    commit. These locks block no reader or writer."""
    for sub in body:
        if sub.ast is None or sub.kind is StatementKind.UNKNOWN:
            continue
        for action in actions_of(sub, ctx.default_schema):
            if action.verb in ("UPDATE", "DELETE", "INSERT", "INSERT SELECT", "MERGE") and action.table:
                acc.lock(action.table, LockMode.ROW_EXCLUSIVE, _kind_of(action.table, ctx), ctx.is_new(action.table))
            mode = LockMode.ROW_SHARE if "FOR UPDATE" in action.flags else LockMode.ACCESS_SHARE
            if action.verb in ("UPDATE", "DELETE", "INSERT", "INSERT SELECT", "MERGE", "SELECT"):
                for source in action.tables:
                    if source != action.table and ctx.is_known(source):
                        acc.lock(source, mode, _kind_of(source, ctx), ctx.is_new(source))


def _call(stmt: Statement, ctx: Context) -> Facts:
    """CALL runs the procedure's body: its statements' facts, when an earlier migration declared it."""
    acc = _Acc()
    acc.sources.append("call")
    actions = actions_of(stmt, ctx.default_schema)
    name = actions[0].name if actions else None
    fn = ctx.schema.functions.get(name) if name else None
    if fn is None or not fn.body:
        acc.unknown = True
        acc.reason(f"CALL {name or '?'}: migrator has not seen this procedure's body (declared outside these "
                   "migrations, or not in a language it reads): it assumes the worst.")
        return _finish(stmt, acc, ctx)
    for sub in fn.body:
        if sub.kind is StatementKind.UNKNOWN or sub.ast is None or sub.kind in _PROCEDURAL:
            acc.unknown = True
            acc.reason(f"In procedure {fn.name}: migrator does not understand `{sub.sql[:80]}`.")
            continue
        _collect(sub, ctx, acc, prefix=f"In procedure {fn.name}: ")
    return _finish(stmt, acc, ctx)


def _dynamic_sql(stmt: Statement) -> bool:
    """A DO body that runs EXECUTE (dynamic SQL) hides its statements from any analysis."""
    body = stmt.ast.this if stmt.ast is not None else None
    text = str(getattr(body, "this", "") or stmt.sql)
    return any(word.upper().startswith("EXECUTE") for word in text.replace(";", " ; ").split())
