"""Developer commands: `python -m migrator.dev new-rule NAME` scaffolds a lint rule.

    python -m migrator.dev new-rule table-without-primary-key --family M8
    python -m migrator.dev new-rule index-on-huge-table --code M115 --severity warning

It writes `lint_rules/<snake_name>.py` (docstring template, `@rule` check, `CASES`) with status
`preview`, and adds the module to `lint_rules/__init__.py` (import line and `ALL` entry, both
kept sorted). Then fill in the docstring, mark the Example with `-- error: [NAME]`, write the
check, and run `pytest tests/rules -k NAME` and `python -m migrator.lint.docs > docs/rules.md`.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

RULES_DIR = Path(__file__).resolve().parent.parent / "lint_rules"

TEMPLATE = '''\'\'\'TODO: one-line summary of the hazard.

## What it does
Flags TODO.

## Why is this bad?
TODO: what happens on a busy database (which lock, what it blocks, for how long).

## Example
```sql
TODO;  -- error: [{name}]
```

Use instead:
```sql
TODO;
```
\'\'\'

from __future__ import annotations

from collections.abc import Iterator

from migrator.analysis.facts import Facts
from migrator.lint.context import LintContext
from migrator.lint.model import Case, Finding, Severity, Status
from migrator.lint.registry import rule
from migrator.sql.statement import Statement

DOC_SETUP = ""  # SQL creating the tables the doc examples use (they count as existing tables)


@rule(code="{code}", name="{name}", severity=Severity.{severity}, status=Status.PREVIEW)
def check(stmt: Statement, facts: Facts, ctx: LintContext) -> Iterator[Finding]:
    return
    yield ctx.finding(stmt, "TODO: what happens", help="TODO: imperative remedy")


CASES: tuple[Case, ...] = (
    # Case.ok("CREATE TABLE t (a int); ...", why="new tables are empty"),
    # Case.fail("...", earlier="CREATE TABLE t (a int);", fixed="..."),
)
'''


def snake(name: str) -> str:
    return name.replace("-", "_")


def registered_modules(init_text: str) -> list[str]:
    """Module names imported by `lint_rules/__init__.py` (one parenthesized import, or one
    `from lint_rules import x` line per module), in file order."""
    names: list[str] = []
    pattern = r"^from lint_rules import (?:\((?P<group>[^)]*)\)|(?P<one>\w+))"
    for match in re.finditer(pattern, init_text, re.MULTILINE):
        text = match["group"] if match["group"] is not None else match["one"]
        names.extend(n.strip() for n in text.replace("\n", ",").split(",") if n.strip())
    return names


def register(init_text: str, module: str) -> str:
    """`lint_rules/__init__.py` text with `module` imported and listed in `ALL`, both sorted, in
    the isort/ruff layout (one parenthesized import, one name per line)."""
    imports = sorted(set(registered_modules(init_text)) | {module})
    first = re.search(r"^from lint_rules import ", init_text, re.MULTILINE)
    head = init_text[:first.start()] if first else init_text.rstrip("\n") + "\n\n"
    names = "".join(f"    {m},\n" for m in imports)
    return f"{head}from lint_rules import (\n{names})\n\nALL: tuple[ModuleType, ...] = (\n{names})\n"


def next_code(family: str) -> str:
    """The next free code in a family (`M8` → `M8xx`), read from the existing rule modules."""
    used = set()
    for path in RULES_DIR.glob("*.py"):
        used.update(re.findall(r'code="(M\d{3})"', path.read_text(encoding="utf-8")))
    digits = family[1:]
    for number in range(10 ** (3 - len(digits))):
        code = f"M{digits}{number:0{3 - len(digits)}d}"
        if code not in used and not code.endswith("00"):
            return code
    raise SystemExit(f"no free code left in family {family}")


def new_rule(name: str, code: str | None, family: str, severity: str) -> Path:
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", name):
        raise SystemExit(f"rule name {name!r} must be kebab-case and name the hazard")
    if not re.fullmatch(r"M\d{1,2}", family):
        raise SystemExit(f"family {family!r} must look like M1 … M9")
    module = snake(name)
    path = RULES_DIR / f"{module}.py"
    if path.exists():
        raise SystemExit(f"{path} already exists")
    chosen = code or next_code(family)
    if not re.fullmatch(r"M\d{3}", chosen):
        raise SystemExit(f"code {chosen!r} must be M followed by three digits")
    path.write_text(TEMPLATE.format(name=name, code=chosen, severity=severity.upper()), encoding="utf-8")
    init = RULES_DIR / "__init__.py"
    init.write_text(register(init.read_text(encoding="utf-8"), module), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m migrator.dev", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    scaffold = commands.add_parser("new-rule", help="write a rule stub and register it")
    scaffold.add_argument("name", help="kebab-case hazard name, e.g. index-without-concurrently")
    scaffold.add_argument("--code", help="rule code (default: next free code of --family)")
    scaffold.add_argument("--family", default="M8", help="code family for the default code (M1 … M9)")
    scaffold.add_argument("--severity", choices=("error", "warning", "info"), default="warning")
    args = parser.parse_args(argv)
    path = new_rule(args.name, args.code, args.family, args.severity)
    print(f"wrote {path} and registered it in lint_rules/__init__.py")
    print("next: fill in the docstring and check, then `pytest tests/rules -k "
          f"{args.name}` and `python -m migrator.lint.docs > docs/rules.md`")


if __name__ == "__main__":
    main(sys.argv[1:])
