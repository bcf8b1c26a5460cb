'''`CHECK` or foreign key constraint added without `NOT VALID`.

## What it does
Flags `ALTER TABLE ... ADD CONSTRAINT ... CHECK (...)` and `... FOREIGN KEY ... REFERENCES ...`
without `NOT VALID` on a table that existed before this migration.

## Why is this bad?
Adding a `CHECK` constraint scans the whole table under an `ACCESS EXCLUSIVE` lock: reads and
writes wait for the scan. A foreign key takes `SHARE ROW EXCLUSIVE` on both tables and scans
the referencing table: writes to both wait. With `NOT VALID` the constraint is added
instantly (it is enforced for new rows at once); a later `VALIDATE CONSTRAINT` checks the
existing rows under a `SHARE UPDATE EXCLUSIVE` lock, which blocks neither reads nor writes.

## Example
```sql
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0);  -- error: [constraint-without-not-valid]
```

Use instead:
```sql
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;
-- then, in a separate transaction:
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;
```

## Fix safety
Unsafe: the constraint is then not checked for existing rows until you add
`ALTER TABLE ... VALIDATE CONSTRAINT ...` in a later transaction.

## PostgreSQL versions
All supported versions. On PostgreSQL 18, a `NOT ENFORCED` constraint needs no scan and is not
reported. Before 18, a partitioned table cannot take a `NOT VALID` foreign key: the advice is
then to add and validate the key on each partition first (no fix is offered).
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import (
    alter_table,
    blocked,
    existing,
    is_new,
    is_partitioned,
    lock_phrase,
)
from migrator.analysis.facts import Facts, RelationKind
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Fix, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric);"


@rule(code="M201", name="constraint-without-not-valid", severity=Severity.ERROR,
      aliases=("constraint-missing-not-valid", "adding-foreign-key-constraint"),
      hazards=("CON001", "CON002"))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    shape = alter_table(stmt)
    if shape is None or is_new(ctx, stmt, shape.table) or not existing(facts):
        return
    for action in shape.actions:
        if action.kind != "ADD CONSTRAINT" or action.constraint_type not in ("CHECK", "FOREIGN KEY"):
            continue
        spec = action.analysed.constraint if action.analysed is not None else None
        if action.not_valid or (spec is not None and spec.not_enforced):
            continue
        name = action.constraint or "the constraint"
        label = f" {action.constraint}" if action.constraint else ""
        partitioned = is_partitioned(ctx, stmt, facts, shape.table)
        help_text = (f"Add it with NOT VALID, then `ALTER TABLE {shape.table} VALIDATE CONSTRAINT {name}` "
                     "in a separate transaction") if action.constraint else (
            "Name the constraint (`ADD CONSTRAINT <name> ...`) and add it with NOT VALID, then "
            f"`ALTER TABLE {shape.table} VALIDATE CONSTRAINT <name>` in a separate transaction")
        fixable = not (partitioned and shape.only)  # ONLY: "constraint must be added to child tables too"
        if partitioned and action.constraint_type == "FOREIGN KEY" \
                and not ctx.caps.not_valid_foreign_key_on_partitioned:
            fixable = False
            help_text = ("A partitioned table cannot take a NOT VALID foreign key before PostgreSQL 18: add it "
                         "NOT VALID and VALIDATE it on each partition, then add it on the parent, which "
                         "reuses the partitions' valid keys")
        fix = Fix.unsafe("Add `NOT VALID`", ctx.replace_span(
            stmt, action.toks[-1].end, action.toks[-1].end, " NOT VALID")) if fixable else None
        if action.constraint_type == "CHECK":
            message = (f"Adding CHECK constraint{label} scans `{shape.table}` under "
                       f"{lock_phrase(facts, shape.table)}, blocking {blocked(facts)} until every row is checked")
        else:
            others = sorted({lock.relation for lock in facts.locks if not lock.new
                             and lock.kind in (RelationKind.TABLE, RelationKind.PARTITIONED_TABLE)})
            message = (f"Adding foreign key{label} takes SHARE ROW EXCLUSIVE locks on "
                       f"{' and '.join(f'`{o}`' for o in others) or 'both tables'}, blocking writes to them "
                       "while every row is checked")
        yield ctx.finding(stmt, message, help=help_text, fix=fix)


CASES = (
    Case.ok("CREATE TABLE t (a int); ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0);", why="new table"),
    Case.ok("ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;", earlier="CREATE TABLE t (a int);"),
    Case.fail("ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0);", earlier="CREATE TABLE t (a int);",
              fixed="ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;"),
    Case.fail("ALTER TABLE c ADD CONSTRAINT c_p_fk FOREIGN KEY (p_id) REFERENCES p (id);",
              earlier="CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p_id int);",
              fixed="ALTER TABLE c ADD CONSTRAINT c_p_fk FOREIGN KEY (p_id) REFERENCES p (id) NOT VALID;"),
    Case.ok("CREATE TABLE c (p_id int); ALTER TABLE c ADD CONSTRAINT c_p_fk FOREIGN KEY (p_id) REFERENCES p (id);",
            earlier="CREATE TABLE p (id int PRIMARY KEY);", why="the new child is empty: nothing to scan"),
    Case.fail("ALTER TABLE p ADD CONSTRAINT p_r_fk FOREIGN KEY (rid) REFERENCES r (id);",
              earlier="CREATE TABLE r (id int PRIMARY KEY); CREATE TABLE p (a int, rid int) PARTITION BY RANGE (a); "
                      "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);",
              pg=(12, 13, 14, 15, 16, 17), why="no NOT VALID foreign key on a partitioned table before 18: no fix"),
    Case.fail("ALTER TABLE p ADD CONSTRAINT p_r_fk FOREIGN KEY (rid) REFERENCES r (id);",
              earlier="CREATE TABLE r (id int PRIMARY KEY); CREATE TABLE p (a int, rid int) PARTITION BY RANGE (a); "
                      "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);",
              pg=(18,), fixed="ALTER TABLE p ADD CONSTRAINT p_r_fk FOREIGN KEY (rid) REFERENCES r (id) NOT VALID;"),
    Case.fail("ALTER TABLE p ADD CONSTRAINT p_a_check CHECK (a >= 0);",
              earlier="CREATE TABLE p (a int) PARTITION BY RANGE (a); "
                      "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);",
              fixed="ALTER TABLE p ADD CONSTRAINT p_a_check CHECK (a >= 0) NOT VALID;",
              why="a CHECK can be NOT VALID on a partitioned table"),
    Case.ok("ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT ENFORCED;", earlier="CREATE TABLE t (a int);",
            pg=(18,), why="PG 18 NOT ENFORCED: no scan"),
)
