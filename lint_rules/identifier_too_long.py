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

from lint_rules._syntax import scan
from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = "CREATE TABLE users (id bigint PRIMARY KEY, email text);"
MAX_BYTES = 63
FIRES_ON_NEW_TABLES = True  # the hazard does not depend on existing rows


@rule(code="M805", name="identifier-too-long", severity=Severity.ERROR, hazards=("BP005",))
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    toks = scan(stmt.sql)
    if not toks or toks[0].up not in ("CREATE", "ALTER", "COMMENT"):
        return
    seen: set[str] = set()
    for tok in toks:
        if not tok.is_ident or len(tok.name.encode()) <= MAX_BYTES or tok.name in seen:
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
