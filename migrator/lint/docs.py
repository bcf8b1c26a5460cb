"""Rule documentation: parse a rule docstring's SQL blocks, and generate `docs/rules.md`.

    python -m migrator.lint.docs > docs/rules.md

A rule docstring is Markdown. Its SQL code blocks (info string `sql`) are examples that the test
suite runs: blocks between `## Example` and `Use instead:` must produce findings exactly on their
`-- error: [rule-name]` lines; blocks after `Use instead:` must produce none of that rule. Words
after `sql` in the info string qualify a block: `norun` (never executed on a server), `pg>=N` /
`pg<=N` (only meaningful on those versions).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from enum import StrEnum

from migrator.analysis.pg.versions import DEFAULT, SUPPORTED
from migrator.lint.model import Rule
from migrator.lint.registry import RuleSet, all_rules

_FENCE = re.compile(r"^```(?P<info>[^\n`]*)\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
_MARKER = re.compile(r"--\s*error:\s*\[(?P<names>[^\]]+)\]")
_VERSION = re.compile(r"pg(?P<op>>=|<=|==)(?P<version>\d+)")


class BlockRole(StrEnum):
    EXAMPLE = "example"
    USE_INSTEAD = "use-instead"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class SqlBlock:
    """One ```sql block of a rule's documentation."""

    sql: str
    role: BlockRole
    runs: bool  # executed on a real server by tests/pg/test_rule_fixes_on_server.py
    versions: tuple[int, ...]  # PostgreSQL majors the block applies to
    line: int  # 1-based line of the block's first SQL line within the docstring

    def markers(self) -> tuple[tuple[int, str], ...]:
        """(1-based line within the block, rule name) for every `-- error: [name, ...]` marker."""
        found: list[tuple[int, str]] = []
        for number, text in enumerate(self.sql.splitlines(), start=1):
            for match in _MARKER.finditer(text):
                found.extend((number, name.strip()) for name in match["names"].split(","))
        return tuple(found)

    @property
    def preferred_version(self) -> int:
        return DEFAULT if DEFAULT in self.versions else self.versions[0]


def _versions(words: list[str]) -> tuple[int, ...]:
    versions = list(SUPPORTED)
    for word in words:
        match = _VERSION.fullmatch(word)
        if match is None:
            continue
        bound = int(match["version"])
        if match["op"] == ">=":
            versions = [v for v in versions if v >= bound]
        elif match["op"] == "<=":
            versions = [v for v in versions if v <= bound]
        else:
            versions = [v for v in versions if v == bound]
    return tuple(versions)


def sql_blocks(doc: str) -> tuple[SqlBlock, ...]:
    """The SQL blocks of a rule docstring with their role (example / use instead / other)."""
    example_at = doc.find("## Example")
    instead = re.search(r"^Use instead:", doc, re.MULTILINE)
    instead_at = instead.start() if instead else -1
    blocks = []
    for match in _FENCE.finditer(doc):
        words = match["info"].split()
        if not words or words[0].lower() != "sql":
            continue
        start = match.start()
        next_heading = doc.find("\n## ", instead_at + 1) if instead_at >= 0 else -1
        if example_at >= 0 and start > example_at and (instead_at < 0 or start < instead_at):
            role = BlockRole.EXAMPLE
        elif instead_at >= 0 and start > instead_at and (next_heading < 0 or start < next_heading):
            role = BlockRole.USE_INSTEAD
        else:
            role = BlockRole.OTHER
        line = doc.count("\n", 0, match.start("body")) + 1
        blocks.append(SqlBlock(match["body"], role, "norun" not in words[1:], _versions(words[1:]), line))
    return tuple(blocks)


def _demote(doc: str) -> str:
    """Headings one level down (`## X` → `### X`), outside code blocks."""
    out = []
    in_code = False
    for line in doc.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        if not in_code and line.startswith("#"):
            line = "#" + line
        out.append(line)
    return "\n".join(out)


def anchor(rule: Rule) -> str:
    return f"{rule.code.lower()}-{rule.name}"


def render_rule(rule: Rule) -> str:
    facts = [f"**Severity:** {rule.severity}", f"**Status:** {rule.status}"]
    if rule.aliases:
        facts.append("**Aliases:** " + ", ".join(f"`{a}`" for a in rule.aliases))
    if rule.hazards:
        facts.append("**Hazards:** " + ", ".join(rule.hazards))
    body = rule.doc.split("\n", 1)[1].strip() if "\n" in rule.doc else ""
    return (f"## {rule.code} {rule.name}\n\n{rule.summary}\n\n" + " · ".join(facts) + "\n\n"
            + _demote(body) + "\n")


def render_rules_markdown(rules: RuleSet | None = None) -> str:
    """The full text of `docs/rules.md`."""
    rules = rules if rules is not None else all_rules()
    lines = [
        "# Lint rules",
        "",
        "<!-- Generated from lint_rules/*.py by `python -m migrator.lint.docs > docs/rules.md`. Do not edit. -->",
        "",
        (f"{len(rules)} rules. `migrator rule CODE` prints one of them; `migrator rules` lists them. "
         "Codes are grouped by family: M1 indexes, M2 constraints, M3 columns and types, M4 tables, "
         "renames and drops, M5 transactions and timeouts, M6 data changes, M7 partitions, "
         "M8 best practice, M9 the tool itself. Select or ignore whole families with `M1`, `M2`, …. "
         "Rules in `preview` are off unless `--preview` / `preview = true` is set or `select` names "
         "them by code or name (docs/config.md)."),
        "",
        "| code | name | severity | status | summary |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in rules:
        summary = r.summary.replace("|", "\\|")
        lines.append(f"| [{r.code}](#{anchor(r)}) | `{r.name}` | {r.severity} | {r.status} | {summary} |")
    lines.append("")
    text = "\n".join(lines) + "\n"
    return text + "\n".join(render_rule(r) for r in rules)


def main() -> None:
    sys.stdout.write(render_rules_markdown())


if __name__ == "__main__":
    main()
