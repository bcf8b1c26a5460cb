'''The same column defined or assigned twice in one statement.

## What it does
Flags `CREATE TABLE` with two columns of the same name, `UPDATE ... SET a = 1, a = 2`, and
`INSERT INTO t (a, a)`.

## Why is this bad?
PostgreSQL rejects the statement at run time (`column "a" specified more than once`), so the
migration fails at this statement; usually it is a copy-paste mistake hiding the column that was
meant.

## Example
```sql norun
UPDATE users SET plan = 'free', plan = 'pro' WHERE id = 1;  -- error: [duplicate-column-assignment]
```

Use instead:
```sql
UPDATE users SET plan = 'pro' WHERE id = 1;
```
'''

from __future__ import annotations

from collections.abc import Iterator

from lint_rules._syntax import create_table, find, paren_group, scan, split_commas
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, plan text);"


def _names(stmt: Statement) -> list[str]:
    created = create_table(stmt)
    if created is not None:
        return [c.name for c in created.columns]
    toks = scan(stmt.sql)
    if not toks:
        return []
    if toks[0].up == "UPDATE":
        at = find(toks, "SET")
        if at < 0:
            return []
        stop = next((j for j in range(at + 1, len(toks)) if toks[j].up in ("FROM", "WHERE", "RETURNING")), len(toks))
        names = []
        for part in split_commas(toks[at + 1 : stop]):
            if part[0].text == "(":
                names += [t.name for t in paren_group(part, 0)[0] if t.is_ident]
            elif part[0].is_ident:
                names.append(part[0].name)
        return names
    if toks[0].up == "INSERT":
        at = find(toks, "(")
        into = find(toks, "INTO")
        if at < 0 or into < 0 or at > into + 4:
            return []
        return [p[0].name for p in split_commas(paren_group(toks, at)[0]) if len(p) == 1 and p[0].is_ident]
    return []
FIRES_ON_NEW_TABLES = True  # the hazard does not depend on existing rows


@rule(code="M808", name="duplicate-column-assignment", severity=Severity.ERROR,
      aliases=("ban-duplicate-column-assignments",), hazards=("BP008",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    names = _names(stmt)
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if not duplicates:
        return
    yield ctx.finding(
        stmt,
        f"Column {', '.join(duplicates)} appears more than once: PostgreSQL rejects the statement",
        help="Keep one definition or assignment per column",
    )


CASES = (
    Case.fail("CREATE TABLE t (a int, a text);"),
    Case.fail("UPDATE t SET a = 1, a = 2;", earlier="CREATE TABLE t (a int);"),
    Case.ok("UPDATE t SET a = 1, b = 2 WHERE a = 0;", earlier="CREATE TABLE t (a int, b int);"),
    Case.ok("CREATE TABLE t (a int, b int);"),
)
