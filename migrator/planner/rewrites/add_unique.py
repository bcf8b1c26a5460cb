"""Rewrite `ADD [CONSTRAINT n] UNIQUE (…)` into a concurrent unique index, then
`ADD CONSTRAINT n UNIQUE USING INDEX n`.

## Applies when
`ALTER TABLE t ADD [CONSTRAINT n] UNIQUE [NULLS [NOT] DISTINCT] (cols) [INCLUDE (…)]
[DEFERRABLE …]` on a table that existed before the migration, without `WITH (…)` or
`USING INDEX TABLESPACE`.

## Expand
1. Cleanup of an INVALID index named `n` left by a failed earlier build.
2. `CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS n ON t (cols)`, outside a transaction block.
3. `ALTER TABLE t ADD CONSTRAINT n UNIQUE USING INDEX n`: a brief catalog change.

## Backfill
Nothing.

## Contract
Nothing.

## Undo
`DROP CONSTRAINT IF EXISTS n` (which drops the index), and `DROP INDEX CONCURRENTLY IF EXISTS n`
for a build whose constraint was not added yet.

## PostgreSQL versions
All supported versions; `NULLS NOT DISTINCT` is 15+.

## Example
```sql
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
```
becomes
```sql
-- expand, autocommit
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "users_email_key" ON "users" (email);
-- expand
ALTER TABLE "users" ADD CONSTRAINT "users_email_key" UNIQUE USING INDEX "users_email_key";
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
    QualifiedName,
    find_token,
    matching_paren,
    pg_object_name,
    quote_ident,
    text_between,
    tokenize,
)
from migrator.planner.steps import (
    alter,
    cleanup_invalid_index,
    constraint_exists_sql,
    create_index_concurrently,
    drop_constraint_sql,
)
from migrator.sql.statement import Statement


class AddUnique(BaseRewrite):
    name: ClassVar[str] = "add_unique"
    node: ClassVar[tuple[type[exp.Expression], ...]] = (exp.UniqueColumnConstraint,)
    keywords: ClassVar[tuple[str, ...]] = ("UNIQUE",)
    constraint_sql: ClassVar[str] = "UNIQUE"
    label: ClassVar[str] = "key"

    def applies(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> bool:
        found = alter_table(stmt)
        if found is None:
            return False
        table, action = found
        parts = constraint_parts(action)
        if parts is None or not isinstance(parts[1], self.node):
            return False
        words = " ".join(stmt.sql.upper().split())
        if " USING INDEX" in words or " WITH (" in words or "WITH(" in words:
            return False
        if analysis_says_no_long_lock(facts):
            return False
        return not ctx.is_new(table) and not is_small(ctx, table)

    def _pieces(self, stmt: Statement) -> tuple[str, list[str], str, str] | None:
        """(column list text with parens, column names, text between keyword and `(`,
        text after the column list)."""
        tokens = tokenize(stmt.sql)
        kw = find_token(tokens, *self.keywords)
        if kw is None:
            return None
        open_i = find_token(tokens, "(", start=kw)
        if open_i is None:
            return None
        close_i = matching_paren(tokens, open_i)
        cols_text = text_between(stmt.sql, tokens, open_i, close_i)
        names = [
            t.text if t.token_type.name == "IDENTIFIER" else t.text.lower()
            for t in tokens[open_i + 1 : close_i]
            if t.token_type.name != "COMMA"
        ]
        between = text_between(stmt.sql, tokens, kw + 1 + (1 if self.keywords == ("PRIMARY",) else 0), open_i - 1)
        after = stmt.sql[tokens[close_i].end + 1 :].strip()
        return cols_text, names, between, after

    def rewrite(self, stmt: Statement, facts: Facts, ctx: PlanContext) -> Rewritten:
        found = alter_table(stmt)
        pieces = self._pieces(stmt)
        assert found is not None and pieces is not None
        table, action = found
        parts = constraint_parts(action)
        assert parts is not None
        cols_text, cols, between, after = pieces
        if ctx.is_partitioned(table):
            from migrator.planner.rewrites.passthrough import kept_dangerous

            return kept_dangerous(
                stmt, facts,
                f"{table.key} is partitioned: its unique index cannot be built concurrently and "
                "ADD CONSTRAINT … USING INDEX is not supported on partitioned tables",
                "build the unique index on each partition concurrently, then add the constraint to "
                "the parent in a quiet moment (it attaches the existing partition indexes)",
            )
        name = parts[0] or self.default_name(table, cols)
        index = table.sibling(name)
        include = ""
        deferrable = ""
        upper_after = after.upper()
        if upper_after.startswith("INCLUDE"):
            include_tokens = tokenize(after)
            close = matching_paren(include_tokens, 1)
            include = " " + after[: include_tokens[close].end + 1]
            deferrable = after[include_tokens[close].end + 1 :].strip()
        else:
            deferrable = after
        nulls = f" {between.strip()}" if between.strip() else ""
        index_sql = (
            f"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS {quote_ident(name)} ON {table.sql} "
            f"{cols_text}{include}{nulls}"
        )
        using = f"ADD CONSTRAINT {quote_ident(name)} {self.constraint_sql} USING INDEX {quote_ident(name)}"
        if deferrable:
            using += f" {deferrable}"
        drafts: list[StepDraft] = list(self.before_index(table, cols, ctx, stmt))
        drafts += [
            cleanup_invalid_index(index),
            create_index_concurrently(index, index_sql, f"Build the unique index {index.sql} concurrently"),
            StepDraft(
                kind=StepKind.DDL,
                description=f"Attach {index.sql} as the {self.constraint_sql} constraint (catalog only)",
                sql=alter(table, using),
                undo=Undo.run(drop_constraint_sql(table, name)),
                precheck_sql=constraint_exists_sql(table, name),
                expected_lock=LockMode.ACCESS_EXCLUSIVE,
            ),
        ]
        return Rewritten(expand=tuple(drafts))

    def default_name(self, table: QualifiedName, cols: list[str]) -> str:
        return pg_object_name(table.name, "_".join(cols), self.label)

    def before_index(
        self, table: QualifiedName, cols: list[str], ctx: PlanContext, stmt: Statement
    ) -> tuple[StepDraft, ...]:
        return ()
