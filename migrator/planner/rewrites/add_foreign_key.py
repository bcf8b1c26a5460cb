"""Rewrite `ADD [CONSTRAINT n] FOREIGN KEY` into `… NOT VALID`, then `VALIDATE CONSTRAINT`.

## Applies when
`ALTER TABLE t ADD [CONSTRAINT n] FOREIGN KEY (…) REFERENCES …` without `NOT VALID`, on a table
that existed before the migration.

## Expand
1. The statement as written, with `NOT VALID` appended (and the name PostgreSQL would choose,
   when it has none): a catalog change under SHARE ROW EXCLUSIVE on both tables, no scan.
   New and updated rows are checked from now on.
2. `ALTER TABLE t VALIDATE CONSTRAINT n` in its own transaction: scans under SHARE UPDATE
   EXCLUSIVE (and ROW SHARE on the referenced table), which blocks neither reads nor writes.

## Backfill
Nothing.

## Contract
Nothing.

## Undo
`ALTER TABLE t DROP CONSTRAINT IF EXISTS n`.

## PostgreSQL versions
All supported versions.

## Example
```sql
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
```
becomes
```sql
-- expand
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
-- expand, own transaction
ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_user_fk";
```
"""

from __future__ import annotations

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
    analysis_says_no_long_lock,
    constraint_parts,
    is_small,
)
from migrator.planner.sqltext import (
    Edit,
    QualifiedName,
    apply_edits,
    find_token,
    identifier_name,
    pg_object_name,
    quote_ident,
    tokenize,
)
from migrator.planner.steps import constraint_exists_sql, drop_constraint_sql, validate_constraint
from migrator.sql.statement import Statement


class AddForeignKey(BaseRewrite):
    name: ClassVar[str] = "add_foreign_key"
    node: ClassVar[tuple[type[exp.Expression], ...]] = (exp.ForeignKey,)
    keyword: ClassVar[str] = "FOREIGN"
    first_lock: ClassVar[LockMode] = LockMode.SHARE_ROW_EXCLUSIVE

    def applies(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> bool:
        found = alter_table(stmt)
        if found is None or stmt.ast is None or stmt.ast.args.get("not_valid"):
            return False
        table, action = found
        parts = constraint_parts(action)
        if parts is None or not isinstance(parts[1], self.node):
            return False
        words = " ".join(stmt.sql.upper().split())
        if " NOT VALID" in words or " NOT ENFORCED" in words or analysis_says_no_long_lock(facts):
            return False
        return not ctx.is_new(table) and not is_small(ctx, table)

    def default_name(self, table: QualifiedName, node: exp.Expression) -> str:
        columns = "_".join(identifier_name(e) for e in node.expressions)
        return pg_object_name(table.name, columns, "fkey")

    def rewrite(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> Rewritten:
        found = alter_table(stmt)
        assert found is not None
        table, action = found
        parts = constraint_parts(action)
        assert parts is not None
        name, node = parts
        if isinstance(node, exp.ForeignKey) and ctx.is_partitioned(table) and not (
            ctx.caps.not_valid_foreign_key_on_partitioned
        ):
            from migrator.planner.rewrites.passthrough import kept_dangerous

            return kept_dangerous(
                stmt, facts,
                f"before PostgreSQL 18 a foreign key on the partitioned table {table.key} cannot be "
                "added NOT VALID: the statement validates every partition under its lock",
                "add the foreign key NOT VALID to each partition and VALIDATE it there, then add it "
                "to the parent in a quiet moment (it reuses the partitions' validated constraints)",
            )
        edits: list[Edit] = [Edit(len(stmt.sql.rstrip()), len(stmt.sql.rstrip()), " NOT VALID")]
        if name is None:
            name = self.default_name(table, node)
            tokens = tokenize(stmt.sql)
            kw = find_token(tokens, self.keyword)
            assert kw is not None
            edits.append(Edit(tokens[kw].start, tokens[kw].start, f"CONSTRAINT {quote_ident(name)} "))
        sql = apply_edits(stmt.sql.rstrip(), edits)
        return Rewritten(
            expand=(
                StepDraft(
                    kind=StepKind.DDL,
                    description=f"Add {quote_ident(name)} as NOT VALID: checks new rows, no scan",
                    sql=sql,
                    undo=Undo.run(drop_constraint_sql(table, name)),
                    precheck_sql=constraint_exists_sql(table, name),
                    expected_lock=self.first_lock,
                ),
                validate_constraint(table, name),
            )
        )


class _ColumnsInCheck:
    @staticmethod
    def columns(node: exp.Expression) -> list[str]:
        seen: list[str] = []
        for col in node.find_all(exp.Column):
            name = identifier_name(col)
            if name not in seen:
                seen.append(name)
        return seen
