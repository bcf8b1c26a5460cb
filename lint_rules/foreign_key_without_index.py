'''Foreign key whose referencing columns have no index.

## What it does
Flags a foreign key (`REFERENCES` in `CREATE TABLE` or `ADD COLUMN`, or `ADD CONSTRAINT ...
FOREIGN KEY`) when no index of the referencing table starts with the foreign key's columns:
neither in this migration (before or after the statement) nor in earlier migrations.

## Why is this bad?
PostgreSQL does not index the referencing side of a foreign key. Every `DELETE` of a parent
row, and every update of its key, has to find the child rows: without an index that is a scan
of the whole child table, under a lock, for each parent row.

## Example
```sql
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));  -- error: [foreign-key-without-index]
```

Use instead:
```sql
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id));
CREATE INDEX ix_orders_user_id ON orders (user_id);
```
On an existing table, build the index with `CREATE INDEX CONCURRENTLY` before adding the key.

For tables of earlier migrations the rule needs the schema model (their existing indexes); when
it is not available, only foreign keys on tables created in this migration are checked.
'''

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lint_rules._syntax import (
    Action,
    actions,
    alter_table,
    create_index,
    create_table,
    is_new,
    normalize,
    per_migration,
    same_relation,
    schema_table,
    short,
)
from migrator.analysis.actions import ConstraintSpec
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement, StatementKind

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY);"


def _constraint(action: Action) -> ConstraintSpec | None:
    return action.analysed.constraint if action.analysed is not None else None


def _new_foreign_keys(stmt: Statement) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(table, columns) of each foreign key the statement adds."""
    found: list[tuple[str, tuple[str, ...]]] = []
    created = create_table(stmt)
    if created is not None:
        found += [(created.table, (c.name,)) for c in created.columns if c.references]
        found += [(created.table, spec.columns) for spec in created.constraint_specs
                  if spec.kind == "FOREIGN KEY" and spec.columns]
        return tuple(found)
    shape = alter_table(stmt)
    if shape is None:
        return ()
    for action in shape.actions:
        if action.kind == "ADD COLUMN" and action.column_def is not None and action.column_def.references:
            found.append((shape.table, (action.column,)))
        elif action.kind == "ADD CONSTRAINT" and action.constraint_type == "FOREIGN KEY":
            spec = _constraint(action)
            if spec is not None and spec.columns:
                found.append((shape.table, spec.columns))
    return tuple(found)


def _indexes_in_migration(statements: Iterable[Statement], table: str) -> Iterator[tuple[str, ...]]:
    for stmt in statements:
        index = create_index(stmt)
        if index is not None and same_relation(index.table, table):
            yield index.column_names
            continue
        created = create_table(stmt)
        if created is not None and same_relation(created.table, table):
            yield from ((c.name,) for c in created.columns if c.primary_key or c.unique)
            yield from (spec.columns for spec in created.constraint_specs if spec.kind in ("PRIMARY KEY", "UNIQUE"))
            continue
        for action in actions(stmt, "ADD CONSTRAINT", "ADD COLUMN"):
            shape = alter_table(stmt)
            if shape is None or not same_relation(shape.table, table):
                continue
            if action.kind == "ADD COLUMN" and action.column_def and (action.column_def.unique or action.column_def.primary_key):
                yield (action.column,)
            elif action.constraint_type in ("PRIMARY KEY", "UNIQUE") and (spec := _constraint(action)) is not None:
                yield spec.columns


def _migration_indexes(ctx: LintContext) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """Unqualified table name → [(table, indexed columns)] built anywhere in this migration."""
    found: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for stmt in ctx.statements:
        if stmt.kind not in (StatementKind.CREATE_INDEX, StatementKind.CREATE_TABLE, StatementKind.ALTER_TABLE):
            continue
        table = (create_index(stmt) or create_table(stmt) or alter_table(stmt))
        name = getattr(table, "table", "")
        if not name:
            continue
        for cols in _indexes_in_migration((stmt,), name):
            found.setdefault(short(name), []).append((name, cols))
    return found


def _indexes_in_schema(ctx: LintContext, table: str) -> Iterator[tuple[str, ...]]:
    schema = ctx.schema
    if schema is None:
        return
    name = normalize(table)
    for index in getattr(schema, "indexes", {}).values():
        if getattr(index, "table", None) == name:
            yield tuple(index.columns)
    known = schema_table(ctx, table)
    for constraint in getattr(known, "constraints", ()) or ():
        if str(getattr(constraint, "kind", "")) in ("unique", "primary key"):
            yield tuple(constraint.columns)


def _covered(fk: tuple[str, ...], indexes: Iterable[tuple[str, ...]]) -> bool:
    return any(len(cols) >= len(fk) and set(cols[: len(fk)]) == set(fk) for cols in indexes)
FIRES_ON_NEW_TABLES = True  # the hazard does not depend on existing rows


@rule(code="M108", name="foreign-key-without-index", severity=Severity.WARNING,
      hazards=("IDX009",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    for table, cols in _new_foreign_keys(stmt):
        new = create_table(stmt) is not None or is_new(ctx, stmt, table)
        in_file: dict[str, list[tuple[str, tuple[str, ...]]]] = per_migration(ctx, "fk-indexes", _migration_indexes)
        here = [cols for name, cols in in_file.get(short(table), ()) if same_relation(name, table)]
        if _covered(cols, here):
            continue
        if not new and (ctx.schema is None or _covered(cols, _indexes_in_schema(ctx, table))):
            continue  # covered by an earlier migration's index (or unknown without the schema model)
        listed = ", ".join(cols)
        yield ctx.finding(
            stmt,
            f"No index on `{table}` ({listed}): every DELETE or key UPDATE on the referenced table "
            f"will scan `{table}` to check this foreign key",
            help=f"Create an index on `{table}` ({listed}) (`CREATE INDEX CONCURRENTLY` on an existing table)",
        )


CASES = (
    Case.ok("CREATE TABLE c (id int PRIMARY KEY, p_id bigint REFERENCES p (id)); CREATE INDEX ON c (p_id);",
            earlier="CREATE TABLE p (id bigint PRIMARY KEY);", why="indexed later in the same migration"),
    Case.fail("CREATE TABLE c (id int PRIMARY KEY, p_id bigint REFERENCES p (id));",
              earlier="CREATE TABLE p (id bigint PRIMARY KEY);"),
    Case.ok("ALTER TABLE c ADD CONSTRAINT c_fk FOREIGN KEY (p_id, x) REFERENCES p (id, x) NOT VALID;",
            earlier="CREATE TABLE p (id int, x int, PRIMARY KEY (id, x)); "
                    "CREATE TABLE c (p_id int, x int); CREATE INDEX c_px ON c (p_id, x, p_id);"),
    Case.fail("CREATE TABLE c (id int); ALTER TABLE c ADD COLUMN p_id bigint REFERENCES p (id);",
              earlier="CREATE TABLE p (id bigint PRIMARY KEY);"),
)
