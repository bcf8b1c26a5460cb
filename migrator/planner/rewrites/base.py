"""The `Rewrite` protocol, the context a rewrite reads, and the step drafts it returns.

A rewrite (pgroll's Operation) turns one statement into expand / backfill / contract step
drafts. It returns data only; the planner numbers the steps, re-analyses their SQL to fill the
lock and risk, and attaches timeouts and retry policies.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Protocol, runtime_checkable

from sqlglot import exp

from migrator.analysis.facts import Facts, Risk
from migrator.analysis.locks import LockMode
from migrator.analysis.pg.versions import Capabilities
from migrator.planner.model import Backfill, StepKind, Undo
from migrator.planner.schema import SchemaTracker
from migrator.planner.sqltext import QualifiedName
from migrator.sql.statement import Statement


@dataclass(frozen=True, slots=True)
class TableStat:
    """Catalog estimates for one table (database-aware planning)."""

    rows: int  # -1: unknown (the table was never analysed)
    total_bytes: int


TableStats = Mapping[str, TableStat]  # keyed by schema-qualified table name ("public.users")


@dataclass(frozen=True, slots=True)
class StepDraft:
    """A step before the planner numbers it and re-analyses it.

    `expected_lock` is the lock the rewrite author expects; re-analysis of `sql` is authoritative
    (`Step.lock`) and a unit test checks the two agree. `group` is a label local to the rewrite:
    drafts sharing one run in one transaction.
    """

    kind: StepKind
    description: str
    sql: str | None
    transactional: bool = True
    undo: Undo = field(default_factory=Undo.nothing)
    backfill: Backfill | None = None
    precheck_sql: str | None = None
    group: str | None = None
    expected_lock: LockMode | None = None
    notes: tuple[str, ...] = ()
    passthrough: bool = False
    risk: Risk | None = None  # passthrough: the original statement's risk
    dangerous_reason: str | None = None
    manual_alternative: str | None = None
    # Why the analysis' "destructive" / "breaks the running application" verdict on this step
    # is expected and handled by the plan (e.g. "drops the old copy: the data lives on in the
    # shadow column"). Only such a step may re-analyse as dangerous for those reasons alone;
    # a step that rewrites or scans under a blocking lock is dangerous whatever it declares.
    handled: str | None = None


@dataclass(frozen=True, slots=True)
class Rewritten:
    """The drafts one statement becomes, by phase, plus what later migrations must not need.

    `contract_objects` are `(table key, column or None)` pairs that only this statement's
    contract steps create, rename or remove: a later migration's expand step touching one of
    them cannot run before this contract (two releases are needed).
    """

    expand: tuple[StepDraft, ...] = ()
    backfill: tuple[StepDraft, ...] = ()
    contract: tuple[StepDraft, ...] = ()
    warnings: tuple[str, ...] = ()
    contract_objects: frozenset[tuple[str, str | None]] = frozenset()


@dataclass(frozen=True, slots=True)
class PlanContext:
    """What a rewrite may read: capabilities of the target version, the schema as known before
    the statement, the tables created earlier in the same migration, and catalog estimates."""

    caps: Capabilities
    schema: SchemaTracker
    migration: str = ""
    new_tables: frozenset[str] = frozenset()
    table_stats: TableStats | None = None
    # Session settings the migration SETs before this statement (name lower-cased -> value text).
    settings: tuple[tuple[str, str], ...] = ()

    def setting(self, name: str) -> str | None:
        for key, value in self.settings:
            if key == name:
                return value
        return None

    def is_partitioned(self, table: QualifiedName) -> bool:
        info = self.schema.table(table)
        return info is not None and info.partitioned

    def is_new(self, table: QualifiedName) -> bool:
        """Created earlier in this migration: empty, so nothing on it blocks anybody."""
        return table.key in self.new_tables


@runtime_checkable
class Rewrite(Protocol):
    """One statement form's safe plan (pgroll's Start / Complete / Rollback, as data)."""

    name: ClassVar[str]

    def applies(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> bool: ...

    def rewrite(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> Rewritten: ...

    def expand(self, stmt: Statement, ctx: PlanContext) -> Sequence[StepDraft]: ...

    def backfill(self, stmt: Statement, ctx: PlanContext) -> Sequence[StepDraft]: ...

    def contract(self, stmt: Statement, ctx: PlanContext) -> Sequence[StepDraft]: ...


class BaseRewrite:
    """Shared plumbing: `expand`/`backfill`/`contract` read one `rewrite()` result."""

    name: ClassVar[str] = ""

    def applies(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> bool:
        raise NotImplementedError

    def rewrite(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> Rewritten:
        raise NotImplementedError

    def expand(self, stmt: Statement, ctx: PlanContext) -> Sequence[StepDraft]:
        return self.rewrite(stmt, Facts(stmt.index), ctx).expand

    def backfill(self, stmt: Statement, ctx: PlanContext) -> Sequence[StepDraft]:
        return self.rewrite(stmt, Facts(stmt.index), ctx).backfill

    def contract(self, stmt: Statement, ctx: PlanContext) -> Sequence[StepDraft]:
        return self.rewrite(stmt, Facts(stmt.index), ctx).contract


# ----------------------------------------------------------------------------- AST helpers
def alter_table(stmt: Statement) -> tuple[QualifiedName, exp.Expression] | None:
    """`(table, the only action)` of a single-action `ALTER TABLE`, else None."""
    ast = stmt.ast
    if not isinstance(ast, exp.Alter) or (ast.args.get("kind") or "").upper() != "TABLE":
        return None
    table = ast.this
    actions = ast.args.get("actions") or []
    if not isinstance(table, exp.Table) or len(actions) != 1:
        return None
    return QualifiedName.of(table), actions[0]


def alter_only(stmt: Statement) -> bool:
    return bool(stmt.ast is not None and stmt.ast.args.get("only"))


def constraint_parts(action: exp.Expression) -> tuple[str | None, exp.Expression] | None:
    """`(name or None, constraint node)` of an `ADD [CONSTRAINT n] …` action."""
    if not isinstance(action, exp.AddConstraint) or len(action.expressions) != 1:
        return None
    node = action.expressions[0]
    if isinstance(node, exp.Constraint):
        from migrator.planner.sqltext import identifier_name

        if len(node.expressions) != 1:
            return None
        return identifier_name(node.this) or None, node.expressions[0]
    return None, node


def analysis_says_no_long_lock(facts: Facts) -> bool:
    """The analysis judged the statement (it cites knowledge entries) and found no rewrite, no
    scan under its lock and nothing worse than `caution`: the statement is fine as written."""
    from migrator.analysis.facts import Risk

    return bool(facts.sources) and facts.risk in (Risk.SAFE, Risk.CAUTION) and not (facts.rewrite or facts.scan)


def is_small(ctx: PlanContext, table: QualifiedName) -> bool:
    """The catalog says the table is tiny: a brief full lock costs less than a phased plan."""
    if ctx.table_stats is None:
        return False
    stat = ctx.table_stats.get(table.key)
    return (
        stat is not None
        and 0 <= stat.rows <= SMALL_TABLE_ROWS  # an unknown count is never "small"
        and stat.total_bytes <= SMALL_TABLE_BYTES
    )


SMALL_TABLE_ROWS = 10_000
SMALL_TABLE_BYTES = 8 * 1024 * 1024
