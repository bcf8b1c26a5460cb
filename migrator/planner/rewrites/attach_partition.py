"""Rewrite `ATTACH PARTITION … FOR VALUES …` so the bounds check does not scan under ACCESS
EXCLUSIVE: a matching CHECK is added NOT VALID and validated first.

## Applies when
`ALTER TABLE parent ATTACH PARTITION child FOR VALUES FROM (a) TO (b)` or `… IN (v, …)` on a
partition that existed before the migration, when the parent's partition key is one plain column
known to the plan (RANGE or LIST; not MINVALUE/MAXVALUE, not a NULL list value).

## Expand
1. `ALTER TABLE child ADD CONSTRAINT <helper> CHECK (key IS NOT NULL AND key >= a AND key < b)
   NOT VALID` (or `key IN (…)`): a brief catalog change.
2. `VALIDATE CONSTRAINT <helper>`: scans the partition under SHARE UPDATE EXCLUSIVE (reads and
   writes go on).
3. The ATTACH as written: the valid check proves the bounds, so it does not scan the partition.
4. Drop the helper check.
Not when the parent has a default partition: the ATTACH would still scan it under ACCESS
EXCLUSIVE (kept as written, dangerous). Not when the parent has foreign keys: ATTACH clones them
and checks the partition's rows under SHARE ROW EXCLUSIVE on the referenced tables (kept as
written, dangerous, with the manual alternative).

## Backfill
Nothing.

## Contract
Nothing.

## Undo
`ALTER TABLE parent DETACH PARTITION child`; drop the helper check.

## PostgreSQL versions
12+ (ATTACH takes SHARE UPDATE EXCLUSIVE on the parent; `Capabilities.attach_partition_share_update_exclusive`).

## Example
```sql
ALTER TABLE measurements ATTACH PARTITION measurements_3 FOR VALUES FROM (2000) TO (3000);
```
becomes: a `CHECK ("id" IS NOT NULL AND "id" >= 2000 AND "id" < 3000) NOT VALID` on
"measurements_3", its `VALIDATE`, the ATTACH as written, and the check dropped.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from sqlglot import exp

from migrator.analysis.facts import Facts
from migrator.analysis.locks import LockMode
from migrator.planner.model import StepKind, Undo
from migrator.planner.rewrites.base import (
    BaseRewrite,
    PlanContext,
    Rewritten,
    StepDraft,
    alter_table,
    is_small,
)
from migrator.planner.sqltext import (
    QualifiedName,
    find_sequence,
    helper_name,
    matching_paren,
    quote_ident,
    text_between,
    tokenize,
)
from migrator.planner.steps import (
    alter,
    constraint_absent_sql,
    constraint_exists_sql,
    drop_constraint_sql,
    validate_constraint,
)
from migrator.sql.statement import Statement


def _attached(stmt: Statement) -> tuple[QualifiedName, QualifiedName] | None:
    found = alter_table(stmt)
    if found is None or type(found[1]).__name__ != "AttachPartition":
        return None
    child = found[1].this
    if not isinstance(child, exp.Table):
        return None
    return found[0], QualifiedName.of(child)


def _bounds_check(sql: str, strategy: str, key: str) -> str | None:
    """The CHECK expression equivalent to the bound clause, from its exact text."""
    tokens = tokenize(sql)
    column = quote_ident(key)
    if strategy == "RANGE":
        start = find_sequence(tokens, ("FROM", "("))
        if start is None:
            return None
        from_close = matching_paren(tokens, start + 1)
        to = from_close + 1
        if to + 1 >= len(tokens) or tokens[to].text.upper() != "TO" or tokens[to + 1].text != "(":
            return None
        to_close = matching_paren(tokens, to + 1)
        low = text_between(sql, tokens, start + 2, from_close - 1)
        high = text_between(sql, tokens, to + 2, to_close - 1)
        if "," in low or "," in high or {low.upper(), high.upper()} & {"MINVALUE", "MAXVALUE"}:
            return None
        return f"{column} IS NOT NULL AND {column} >= {low} AND {column} < {high}"
    if strategy == "LIST":
        start = find_sequence(tokens, ("IN", "("))
        if start is None:
            return None
        close = matching_paren(tokens, start + 1)
        values = tokens[start + 2 : close]
        if any(t.text.upper() == "NULL" for t in values):
            return None
        return f"{column} IS NOT NULL AND {column} IN ({text_between(sql, tokens, start + 2, close - 1)})"
    return None


class AttachPartition(BaseRewrite):
    name: ClassVar[str] = "attach_partition"

    def applies(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> bool:
        found = _attached(stmt)
        if found is None or not ctx.caps.attach_partition_share_update_exclusive:
            return False
        parent, child = found
        if ctx.is_new(child) or is_small(ctx, child):
            return False
        info = ctx.schema.table(parent)
        if info is None or info.partition_key is None or info.partition_strategy is None:
            return False
        if info.has_default_partition:  # the ATTACH would still scan the default partition
            return False
        return _bounds_check(stmt.sql, info.partition_strategy, info.partition_key) is not None

    def rewrite(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> Rewritten:
        found = _attached(stmt)
        assert found is not None
        parent, child = found
        info = ctx.schema.table(parent)
        assert info is not None and info.partition_key and info.partition_strategy
        if any(fk.table == parent.key for fk in ctx.schema.foreign_keys):
            from migrator.planner.rewrites.passthrough import kept_dangerous

            return kept_dangerous(
                stmt,
                facts,
                (f"{parent.sql} has foreign keys: ATTACH clones them onto {child.sql} and checks its rows "
                 "while holding SHARE ROW EXCLUSIVE on the referenced tables (their writes wait)"),
                (f"first add each of the parent's foreign keys to {child.sql} under the parent's constraint "
                 "name, NOT VALID, then VALIDATE CONSTRAINT it: the ATTACH then reuses the validated "
                 "constraints without checking rows (it still takes a brief ACCESS EXCLUSIVE on the "
                 "referenced tables, seen on 15/16/18); or attach during a quiet period"),
            )
        check = _bounds_check(stmt.sql, info.partition_strategy, info.partition_key)
        assert check is not None
        helper = helper_name("part", child.name)
        attached_sql = (
            "SELECT 1 FROM pg_catalog.pg_inherits i "
            f"WHERE i.inhrelid = to_regclass({child.regclass}) AND i.inhparent = to_regclass({parent.regclass})"
        )
        return Rewritten(
            expand=(
                StepDraft(
                    kind=StepKind.DDL,
                    description=f"Add the partition bounds to {child.sql} as a CHECK, NOT VALID (no scan)",
                    sql=alter(child, f"ADD CONSTRAINT {quote_ident(helper)} CHECK ({check}) NOT VALID"),
                    undo=Undo.run(drop_constraint_sql(child, helper)),
                    precheck_sql=f"{constraint_exists_sql(child, helper)} UNION ALL {attached_sql}",
                    expected_lock=LockMode.ACCESS_EXCLUSIVE,
                ),
                replace(
                    validate_constraint(child, helper),
                    precheck_sql=f"{constraint_exists_sql(child, helper, validated=True)} UNION ALL {attached_sql}",
                ),
                StepDraft(
                    kind=StepKind.DDL,
                    description=f"Attach {child.sql}: the valid check proves its rows fit, no scan",
                    sql=stmt.sql.strip(),
                    undo=Undo.run(f"ALTER TABLE {parent.sql} DETACH PARTITION {child.sql}"),
                    precheck_sql=attached_sql,
                    expected_lock=LockMode.SHARE_UPDATE_EXCLUSIVE,
                ),
                StepDraft(
                    kind=StepKind.CLEANUP,
                    description=f"Drop the helper check {quote_ident(helper)}",
                    sql=drop_constraint_sql(child, helper),
                    precheck_sql=constraint_absent_sql(child, helper),
                    expected_lock=LockMode.ACCESS_EXCLUSIVE,
                ),
            )
        )



