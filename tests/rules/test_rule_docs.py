"""Rule modules: required documentation sections, unique keys, explicit registration, fresh docs/rules.md."""

from __future__ import annotations

import inspect
import pkgutil
import re
from pathlib import Path
from types import ModuleType

import pytest

import lint_rules
from migrator.dev import registered_modules
from migrator.lint.docs import BlockRole, render_rules_markdown, sql_blocks
from migrator.lint.model import Rule
from migrator.lint.registry import all_rules, load_rules

ROOT = Path(__file__).resolve().parents[2]
RULES = tuple(all_rules())
REQUIRED_SECTIONS = ("## What it does", "## Why is this bad?", "## Example")


def _source(rule: Rule) -> str:
    return inspect.getsource(__import__(rule.module, fromlist=["_"]))


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_doc_has_required_sections(rule: Rule) -> None:
    missing = [s for s in REQUIRED_SECTIONS if not re.search(rf"^{re.escape(s)}\s*$", rule.doc, re.MULTILINE)]
    if not re.search(r"^Use instead:", rule.doc, re.MULTILINE):
        missing.append("Use instead:")
    assert not missing, f"{rule.module}: missing {missing}"
    assert rule.summary.endswith("."), f"{rule.module}: the summary line is a sentence ending with '.'"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_with_unsafe_fix_explains_fix_safety(rule: Rule) -> None:
    if "Fix.unsafe" not in _source(rule) and "Applicability.UNSAFE" not in _source(rule):
        return
    assert re.search(r"^## Fix safety\s*$", rule.doc, re.MULTILINE), f"{rule.module} offers unsafe fixes: add ## Fix safety"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_reading_capabilities_documents_versions(rule: Rule) -> None:
    if not re.search(r"\bcaps\.", _source(rule)):
        return
    assert re.search(r"^## PostgreSQL versions\s*$", rule.doc, re.MULTILINE), (
        f"{rule.module} reads ctx.caps: add ## PostgreSQL versions")


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_has_examples_and_cases(rule: Rule) -> None:
    blocks = sql_blocks(rule.doc)
    examples = [b for b in blocks if b.role is BlockRole.EXAMPLE]
    instead = [b for b in blocks if b.role is BlockRole.USE_INSTEAD]
    assert examples and instead, f"{rule.module}: needs a ```sql Example block and a Use instead block"
    assert any(name == rule.name for b in examples for _, name in b.markers()), (
        f"{rule.module}: mark the Example's finding lines with `-- error: [{rule.name}]`")
    assert any(c.expect for c in rule.cases) and any(not c.expect for c in rule.cases), (
        f"{rule.module}: CASES needs at least one Case.fail and one Case.ok")


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_module_name_is_the_snake_case_rule_name(rule: Rule) -> None:
    assert rule.module == f"lint_rules.{rule.name.replace('-', '_')}"


def test_codes_names_and_aliases_are_unique() -> None:
    load_rules(lint_rules.ALL)  # raises on a duplicate
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))


def test_every_rule_module_is_registered_in_sorted_order() -> None:
    modules = {m.name for m in pkgutil.iter_modules(lint_rules.__path__) if not m.name.startswith("_")}
    registered = [m.__name__.rsplit(".", 1)[1] for m in lint_rules.ALL if isinstance(m, ModuleType)]
    assert sorted(modules - set(registered)) == [], "add these modules to lint_rules/__init__.py"
    assert registered == sorted(registered), "keep ALL sorted by module name"
    imports = registered_modules((ROOT / "lint_rules" / "__init__.py").read_text())
    assert imports == sorted(imports) == registered, "import every rule module, sorted, and list it in ALL"


def test_docs_rules_md_is_fresh() -> None:
    path = ROOT / "docs" / "rules.md"
    expected = render_rules_markdown()
    assert path.exists() and path.read_text() == expected, (
        "docs/rules.md is stale: run `python -m migrator.lint.docs > docs/rules.md`")
