'''Merge-conflict markers left in a migration.

## What it does
Flags a statement whose text contains a line starting with a version-control conflict marker
(`<<<<<<<`, `=======` or `>>>>>>>`), the mark of two branches that both changed the migration
directory and were merged by hand.

## Why is this bad?
The file no longer says which branch's statements should run, or in which order; PostgreSQL
rejects the marker lines, so the migration fails halfway (or, in autocommit, after the first
half has been applied).

## Example
```sql norun
ALTER TABLE users ADD COLUMN nickname text;
<<<<<<< HEAD  -- error: [merge-conflict-marker]
ALTER TABLE users ADD COLUMN plan text;
=======  -- error: [merge-conflict-marker]
ALTER TABLE users ADD COLUMN tier text;
>>>>>>> feature  -- error: [merge-conflict-marker]
```

Use instead: resolve the conflict, and give each branch's change its own migration file in a
linear order:
```sql
ALTER TABLE users ADD COLUMN nickname text;
ALTER TABLE users ADD COLUMN plan text;
```
'''

from __future__ import annotations

import re
from collections.abc import Iterator

from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY);"
_MARKER = re.compile(r"^(<{7}|={7}|>{7})(?:\s|$)", re.MULTILINE)
FIRES_ON_NEW_TABLES = True  # the hazard does not depend on existing rows


@rule(code="M809", name="merge-conflict-marker", severity=Severity.ERROR, hazards=("BP007",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    found = _MARKER.search(stmt.sql)
    if found is None:
        return
    yield ctx.finding(
        stmt,
        "The migration contains a merge-conflict marker: the file does not say which branch's statements run",
        help="Resolve the conflict; give each branch's change its own migration, in a linear order",
        span=ctx.sub_span(stmt, found.start(), found.end()),
    )


CASES = (
    Case.fail("CREATE TABLE t (a int);\n<<<<<<< HEAD\nALTER TABLE t ADD COLUMN b int;\n=======\n"
              "ALTER TABLE t ADD COLUMN c int;\n>>>>>>> feature\n"),
    Case.ok("CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b int;"),
    Case.ok("CREATE TABLE t (a text DEFAULT '<<<<<<< not a marker');"),
)
