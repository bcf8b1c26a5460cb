"""Rule docstring parsing: SQL block roles, run flags, versions and error markers; docs/rules.md."""

from __future__ import annotations

from migrator.lint.docs import BlockRole, render_rules_markdown, sql_blocks
from tests.unit.lint.helpers import flag_kind, make_rule_module, rule_set

DOC = '''Summary.

## What it does
Intro block:
```sql
SELECT 0;
```

## Example
```sql
SELECT 1;  -- error: [some-rule]
SELECT 2;  -- error: [some-rule, other-rule]
```
```sql norun pg>=18
SELECT 3;
```

Use instead: a short sentence on the same line.
```sql pg<=13
SELECT 4;
```

## Fix safety
```sql
SELECT 5;
```
'''


def test_blocks_roles_flags_and_versions() -> None:
    blocks = sql_blocks(DOC)
    assert [(b.role, b.runs, b.versions) for b in blocks] == [
        (BlockRole.OTHER, True, (12, 13, 14, 15, 16, 17, 18)),
        (BlockRole.EXAMPLE, True, (12, 13, 14, 15, 16, 17, 18)),
        (BlockRole.EXAMPLE, False, (18,)),
        (BlockRole.USE_INSTEAD, True, (12, 13)),
        (BlockRole.OTHER, True, (12, 13, 14, 15, 16, 17, 18)),
    ]
    assert blocks[1].markers() == ((1, "some-rule"), (2, "some-rule"), (2, "other-rule"))
    assert (blocks[2].preferred_version, blocks[3].preferred_version, blocks[1].preferred_version) == (18, 12, 16)


def test_rules_markdown_has_table_and_demoted_sections() -> None:
    rules = rule_set(make_rule_module("some-rule", "M801", flag_kind("SELECT"), doc=DOC))
    text = render_rules_markdown(rules)
    assert "| [M801](#m801-some-rule) | `some-rule` | error | stable | Summary. |" in text
    assert "## M801 some-rule\n\nSummary.\n\n**Severity:** error · **Status:** stable" in text
    assert "### What it does" in text and "\n## What it does" not in text
