'''Identifier longer than 63 bytes, which PostgreSQL silently truncates.

## What it does
Flags identifiers (table, column, index, constraint names, ...) longer than 63 bytes in DDL
statements.

## Why is this bad?
PostgreSQL truncates identifiers to 63 bytes (`NAMEDATALEN - 1`) with only a notice: the object
gets a different name than the migration says, two long names can collide after truncation,
and later migrations that use the full name fail.

## Example
```sql
CREATE INDEX ix_users_email_lower_with_a_name_that_goes_on_and_on_for_too_long ON users (lower(email));  -- error: [identifier-too-long]
```

Use instead:
```sql
CREATE INDEX ix_users_email_lower ON users (lower(email));
```
'''

from __future__ import annotations

from collections.abc import Iterator

from sqlglot import exp

from lint_rules._syntax import scan
from migrator.analysis.facts import Facts
from migrator.analysis.from_ast import ident
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"
MAX_BYTES = 63
FIRES_ON_NEW_TABLES = True  # the hazard does not depend on existing rows


@rule(code="M805", name="identifier-too-long", severity=Severity.ERROR, hazards=("BP005",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    tree = stmt.ast
    if tree is None or not stmt.kind.value.startswith(("CREATE", "ALTER", "COMMENT")):
        return
    too_long = {name for node in tree.find_all(exp.Identifier)
                if (name := ident(node)) and len(name.encode()) > MAX_BYTES}
    seen: set[str] = set()
    for tok in scan(stmt.sql):  # the tree names the identifiers; the tokens place the finding
        if not tok.is_ident or tok.name not in too_long or tok.name in seen:
            continue
        seen.add(tok.name)
        yield ctx.finding(
            stmt,
            f"Identifier {tok.name[:20]}... is {len(tok.name.encode())} bytes: PostgreSQL silently truncates it to "
            f"{MAX_BYTES}",
            help=f"Use a name of at most {MAX_BYTES} bytes",
            span=ctx.sub_span(stmt, tok.start, tok.end),
        )


CASES = (
    Case.fail("CREATE TABLE " + "t" * 64 + " (a int);"),
    Case.ok("CREATE TABLE " + "t" * 63 + " (a int);"),
    Case.ok("CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN b int;"),
)
