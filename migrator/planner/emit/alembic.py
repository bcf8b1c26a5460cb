"""Write a plan as Alembic revisions: one per phase, chained, that a user can commit instead of
the original migration.

Layout (Alembic branches, checked against Alembic 1.20):

    <down_revision> ── expand ── backfill        branch label "expand"
                 └──── contract (depends_on the last expand-branch revision), label "contract"

so a pipeline runs `alembic upgrade expand@head` before the deploy (expand, then backfill) and
`alembic upgrade contract@head` after it. A linear chain would not do: Alembic gives a branch
label to every later revision of a straight chain, so `expand@head` would run the contract too.

Every transactional run of steps executes in its own short transaction (`BEGIN` … `COMMIT` in an
`autocommit_block()`, so a `VALIDATE` never shares a transaction with the lock of the step before
it); steps that must run outside a transaction block run in `autocommit_block()` alone. A step
with a precheck is skipped when its precheck returns a row. `downgrade()` runs the undo steps in
reverse; a revision with an irreversible step refuses to downgrade, saying why.
"""

from __future__ import annotations

import ast
import hashlib
import re
from dataclasses import replace
from pathlib import Path

from migrator.planner.backfill_sql import keyset_batch_statements
from migrator.planner.emit import step_runs
from migrator.planner.emit.sql import step_statement
from migrator.planner.model import PhaseName, Plan, Step, StepKind

_HELPERS = '''
_BIND = re.compile(r"(?<![:\\w\\\\]):(\\w+)(?!:)")


def _sql(statement: str) -> sa.TextClause:
    """A statement as text, with colons that SQLAlchemy would read as bind parameters escaped."""
    return sa.text(_BIND.sub(r"\\\\:\\1", statement))


def _done(precheck: str) -> bool:
    """True when the precheck returns a row: the step is already done (or not needed)."""
    if op.get_context().as_sql:
        return False
    return op.get_bind().execute(_sql(precheck)).first() is not None


def _transaction(statements: list[tuple[str, str | None]], lock_timeout_ms: int, statement_timeout_ms: int) -> None:
    """Run `(sql, precheck)` pairs in one short transaction of their own."""
    with op.get_context().autocommit_block():
        op.execute(_sql("BEGIN"))
        op.execute(_sql(f"SET LOCAL lock_timeout = '{lock_timeout_ms}ms'"))
        op.execute(_sql(f"SET LOCAL statement_timeout = '{statement_timeout_ms}ms'"))
        for statement, precheck in statements:
            if precheck is None or not _done(precheck):
                op.execute(_sql(statement))
        op.execute(_sql("COMMIT"))


def _autocommit(
    statement: str, precheck: str | None, lock_timeout_ms: int, statement_timeout_ms: int, cleanup: bool = False
) -> None:
    """Run one statement outside a transaction block (CONCURRENTLY, batched backfills). A
    cleanup step (drop an INVALID leftover index) is left out of offline SQL: it is only right
    when its precheck says so."""
    if cleanup and op.get_context().as_sql:
        return
    with op.get_context().autocommit_block():
        if precheck is not None and _done(precheck):
            return
        op.execute(_sql(f"SET lock_timeout = '{lock_timeout_ms}ms'"))
        op.execute(_sql(f"SET statement_timeout = '{statement_timeout_ms}ms'"))
        op.execute(_sql(statement))
        op.execute(_sql("RESET lock_timeout"))
        op.execute(_sql("RESET statement_timeout"))


def _backfill(upper_sql: str, first_sql: str, next_sql: str, loop_sql: str, lock_timeout_ms: int, statement_timeout_ms: int) -> None:
    """Keyset batches, each its own short transaction; offline (--sql) the DO-block loop."""
    if op.get_context().as_sql:
        with op.get_context().autocommit_block():
            op.execute(_sql("SET statement_timeout = 0"))
            op.execute(_sql(loop_sql))
        return
    with op.get_context().autocommit_block():
        bind = op.get_bind()
        bind.execute(sa.text(f"SET lock_timeout = '{lock_timeout_ms}ms'"))
        bind.execute(sa.text(f"SET statement_timeout = '{statement_timeout_ms}ms'"))
        upper = bind.execute(sa.text(upper_sql)).first()
        if upper is not None:
            params = {f"upper_{i}": value for i, value in enumerate(upper)}
            row = bind.execute(sa.text(first_sql), params).first()
            while row is not None:
                params.update({f"last_{i}": value for i, value in enumerate(row)})
                row = bind.execute(sa.text(next_sql), params).first()
        bind.execute(sa.text("RESET lock_timeout"))
        bind.execute(sa.text("RESET statement_timeout"))
'''


def revision_id(plan: Plan, phase: PhaseName) -> str:
    """Deterministic revision id: 12 hex digits from the plan hash and the phase."""
    return hashlib.sha256(f"{plan.hash}:{phase.value}".encode()).hexdigest()[:12]


_BIND = re.compile(r"(?<![:\w\\]):(\w+)(?!:)")


def _escape_binds(text: str | None) -> str | None:
    """User SQL for `sqlalchemy.text()`: a `:name` that is not a cast is escaped."""
    return None if text is None else _BIND.sub(r"\\:\1", text)


def _lit(value: object) -> str:
    return repr(value)


def _upgrade_body(steps: tuple[Step, ...]) -> list[str]:
    lines: list[str] = []
    for run in step_runs(steps):
        for step in run:
            lines.append(f"    # {step.id}: {step.description} (lock {step.lock or 'none'}, {step.risk.value})")
        first = run[0]
        if first.kind is StepKind.BACKFILL and first.backfill is not None and first.backfill.key:
            escaped = replace(
                first.backfill,
                set_sql=_escape_binds(first.backfill.set_sql),
                where_sql=_escape_binds(first.backfill.where_sql),
            )
            upper, first_sql, next_sql = keyset_batch_statements(escaped)
            lines.append(
                f"    _backfill({_lit(upper)}, {_lit(first_sql)}, {_lit(next_sql)}, "
                f"{_lit(step_statement(first))}, {first.timeouts.lock_timeout_ms}, "
                f"{first.timeouts.statement_timeout_ms})"
            )
        elif first.transactional:
            pairs = ", ".join(f"({_lit(step_statement(s))}, {_lit(s.precheck_sql)})" for s in run)
            lines.append(
                f"    _transaction([{pairs}], {first.timeouts.lock_timeout_ms}, {first.timeouts.statement_timeout_ms})"
            )
        else:
            cleanup = ", cleanup=True" if first.kind is StepKind.CLEANUP else ""
            lines.append(
                f"    _autocommit({_lit(step_statement(first))}, {_lit(first.precheck_sql)}, "
                f"{first.timeouts.lock_timeout_ms}, {first.timeouts.statement_timeout_ms}{cleanup})"
            )
    return lines or ["    pass"]


def _downgrade_body(steps: tuple[Step, ...]) -> list[str]:
    irreversible = [s for s in steps if s.undo.irreversible]
    if irreversible:
        reasons = "; ".join(f"{s.id}: {s.undo.irreversible}" for s in irreversible)
        return [f"    raise NotImplementedError({_lit('this phase cannot be undone: ' + reasons)})"]
    lines: list[str] = []
    for step in reversed(steps):
        if not step.undo.sql:
            continue
        lines.append(f"    # undo {step.id}")
        if step.undo.transactional:
            lines.append(
                f"    _transaction([({_lit(step.undo.sql)}, None)], {step.timeouts.lock_timeout_ms}, "
                f"{step.timeouts.statement_timeout_ms})"
            )
        else:
            lines.append(f"    _autocommit({_lit(step.undo.sql)}, None, {step.timeouts.lock_timeout_ms}, 0)")
    return lines or ["    pass"]


def render_revision(
    plan: Plan,
    phase: PhaseName,
    *,
    down_revision: str | tuple[str, ...] | None,
    branch_label: str | None,
    depends_on: str | None,
) -> str:
    steps = plan.steps(phase)
    rev = revision_id(plan, phase)
    header = [
        f'"""migrator plan {plan.hash[:12]}: {phase.value} phase of {plan.source}',
        "",
        "Generated by `migrator plan --emit alembic`. Run `alembic upgrade expand@head` before the",
        "deploy and `alembic upgrade contract@head` after it (`migrator apply` adds lock-timeout",
        "retries and resumable backfills).",
        "",
        f"Revision ID: {rev}",
        f"Revises: {down_revision or ''}",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "import re",
        "",
        "import sqlalchemy as sa",
        "from alembic import op",
        "",
        f"revision = {_lit(rev)}",
        f"down_revision = {_lit(down_revision)}",
        f"branch_labels = {_lit((branch_label,) if branch_label else None)}",
        f"depends_on = {_lit(depends_on)}",
    ]
    body = [
        "",
        "",
        "def upgrade() -> None:",
        *_upgrade_body(steps),
        "",
        "",
        "def downgrade() -> None:",
        *_downgrade_body(steps),
        "",
    ]
    return "\n".join(header) + "\n" + _HELPERS + "\n".join(body)


_AUTO = "auto"


def current_heads(directory: Path, ignore: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Heads of the revisions already in `directory`: revisions no other revision revises
    (revisions in `ignore`, such as an earlier emit of the same plan, do not count).

    Read from the files' `revision` / `down_revision` assignments (no import, no database).
    """
    revisions: dict[str, tuple[str, ...]] = {}
    for path in sorted(directory.glob("*.py")):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, OSError):
            continue
        values: dict[str, object] = {}
        for node in tree.body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                target = node.targets[0] if isinstance(node, ast.Assign) else node.target
                if isinstance(target, ast.Name) and node.value is not None:
                    try:
                        values[target.id] = ast.literal_eval(node.value)
                    except ValueError:
                        continue
        revision = values.get("revision")
        if not isinstance(revision, str) or revision in ignore:
            continue
        down = values.get("down_revision")
        if isinstance(down, str):
            parents: tuple[str, ...] = (down,)
        elif isinstance(down, (tuple, list)):
            parents = tuple(d for d in down if isinstance(d, str))
        else:
            parents = ()
        revisions[revision] = parents
    revised = {parent for parents in revisions.values() for parent in parents}
    return tuple(sorted(r for r in revisions if r not in revised))


def emit_alembic(
    plan: Plan,
    directory: Path | str,
    *,
    down_revision: str | tuple[str, ...] | None = _AUTO,
    expand_label: str = "expand",
    contract_label: str = "contract",
) -> tuple[Path, ...]:
    """Write one Alembic revision per non-empty phase into `directory` (the versions folder).

    Args:
        plan: the plan to write.
        directory: the Alembic versions directory (created if needed).
        down_revision: the revision(s) the plan follows; by default the current heads of the
            revisions already in `directory` (None when there are none).
        expand_label / contract_label: the branch labels (must be unique in the history).

    Returns:
        The paths written, in phase order.
    """
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    if down_revision == _AUTO:
        ours = frozenset(revision_id(plan, phase.name) for phase in plan.phases)
        heads = current_heads(target, ignore=ours)
        down_revision = heads[0] if len(heads) == 1 else (heads or None)
    written: list[Path] = []
    previous = down_revision
    last_expand_branch: str | None = None
    labelled_expand = False
    for phase in plan.phases:
        rev = revision_id(plan, phase.name)
        if phase.name is PhaseName.CONTRACT:
            text = render_revision(
                plan, phase.name, down_revision=down_revision, branch_label=contract_label,
                depends_on=last_expand_branch,
            )
        else:
            text = render_revision(
                plan, phase.name, down_revision=previous,
                branch_label=None if labelled_expand else expand_label, depends_on=None,
            )
            labelled_expand = True
            previous = rev
            last_expand_branch = rev
        path = target / f"{rev}_{phase.name.value}.py"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return tuple(written)
