"""Rewrite `ADD [CONSTRAINT n] CHECK (…)` into `… NOT VALID`, then `VALIDATE CONSTRAINT`.

## Applies when
`ALTER TABLE t ADD [CONSTRAINT n] CHECK (…)` without `NOT VALID`, on a table that existed before
the migration.

## Expand
1. The statement as written with `NOT VALID` appended (and the name PostgreSQL would choose when
   it has none): a brief ACCESS EXCLUSIVE catalog change, no scan.
2. `ALTER TABLE t VALIDATE CONSTRAINT n` in its own transaction (SHARE UPDATE EXCLUSIVE: reads and
   writes go on during the scan).

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
ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0);
```
becomes
```sql
-- expand
ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0) NOT VALID;
-- expand, own transaction
ALTER TABLE "users" VALIDATE CONSTRAINT "users_age_check";
```
"""

from __future__ import annotations

from typing import ClassVar

from sqlglot import exp

from migrator.analysis.locks import LockMode
from migrator.planner.rewrites.add_foreign_key import AddForeignKey, _ColumnsInCheck
from migrator.planner.sqltext import QualifiedName, pg_object_name


def _check_nodes() -> tuple[type[exp.Expression], ...]:
    try:
        from migrator.sql.nodes import CheckConstraint
    except ImportError:  # pragma: no cover - the dialect's node is optional
        return (exp.CheckColumnConstraint,)
    return (exp.CheckColumnConstraint, CheckConstraint)


_CHECK_NODES = _check_nodes()


class AddCheck(AddForeignKey):
    name: ClassVar[str] = "add_check"
    node: ClassVar[tuple[type[exp.Expression], ...]] = _CHECK_NODES
    keyword: ClassVar[str] = "CHECK"
    first_lock: ClassVar[LockMode] = LockMode.ACCESS_EXCLUSIVE

    def default_name(self, table: QualifiedName, node: exp.Expression) -> str:
        # PostgreSQL names a table CHECK after its only column, if it references exactly one.
        columns = _ColumnsInCheck.columns(node)
        return pg_object_name(table.name, columns[0] if len(columns) == 1 else None, "check")
