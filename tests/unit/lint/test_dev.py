"""`python -m migrator.dev new-rule`: the stub module and the sorted registry lines."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from migrator import dev

INIT = '''"""Registry."""

from __future__ import annotations

from types import ModuleType

from lint_rules import b_rule
from lint_rules import d_rule

ALL: tuple[ModuleType, ...] = (
    b_rule,
    d_rule,
)
'''


def test_register_keeps_the_real_registry_unchanged() -> None:
    real = (Path(__file__).resolve().parents[3] / "lint_rules" / "__init__.py").read_text()
    modules = dev.registered_modules(real)
    assert modules and dev.register(real, modules[0]) == real


def test_register_inserts_sorted_import_and_entry() -> None:
    text = dev.register(INIT, "c_rule")
    assert "from lint_rules import (\n    b_rule,\n    c_rule,\n    d_rule,\n)\n" in text
    assert "ALL: tuple[ModuleType, ...] = (\n    b_rule,\n    c_rule,\n    d_rule,\n)\n" in text
    assert dev.register(text, "c_rule") == text
    assert dev.registered_modules(text) == ["b_rule", "c_rule", "d_rule"]


def test_new_rule_writes_a_loadable_preview_stub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "__init__.py").write_text(INIT)
    (tmp_path / "b_rule.py").write_text('@rule(code="M801", name="b-rule")')
    monkeypatch.setattr(dev, "RULES_DIR", tmp_path)
    path = dev.new_rule("table-without-primary-key", None, "M8", "warning")
    assert path == tmp_path / "table_without_primary_key.py"
    assert "    table_without_primary_key,\n" in (tmp_path / "__init__.py").read_text()
    spec = importlib.util.spec_from_file_location("stub_rule", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from migrator.lint.registry import rule_from_module

    loaded = rule_from_module(module)
    assert (loaded.code, loaded.name, str(loaded.status), str(loaded.severity)) == (
        "M802", "table-without-primary-key", "preview", "warning")


@pytest.mark.parametrize("name, family", [("Bad_Name", "M8"), ("ok-name", "X1")], ids=["name", "family"])
def test_new_rule_rejects_bad_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, family: str) -> None:
    monkeypatch.setattr(dev, "RULES_DIR", tmp_path)
    with pytest.raises(SystemExit):
        dev.new_rule(name, None, family, "warning")
