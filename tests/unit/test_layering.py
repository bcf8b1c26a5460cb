"""Architecture rules that keep knowledge in one place (STYLE.md §4.5, §4.10).

1. Only `migrator/analysis/pg/versions.py` compares PostgreSQL version numbers: everything else asks
   a `Capabilities` flag, so each version difference is written down once.
2. The CLI (`migrator/cli/`) is thin: it imports neither sqlglot nor psycopg and holds no SQL.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VERSIONS = ROOT / "migrator" / "analysis" / "pg" / "versions.py"
SOURCES = sorted(
    p for base in ("migrator", "lint_rules") if (ROOT / base).is_dir() for p in (ROOT / base).rglob("*.py")
)
CLI = sorted((ROOT / "migrator" / "cli").rglob("*.py"))
# Names that can only mean a PostgreSQL version, and the generic `version` (which counts only when
# compared with a number that looks like a PostgreSQL major: 9–30).
_PG_VERSION_NAMES = re.compile(r"(^|_)(pg_?version|pg_major|major|server_version(_num)?)$", re.IGNORECASE)
_GENERIC = re.compile(r"^version$", re.IGNORECASE)
_SQL = re.compile(r"^\s*(SELECT|INSERT\s+INTO|UPDATE|DELETE\s+FROM|ALTER|CREATE|DROP|TRUNCATE|SET\s+\w+\s*=)\s",
                  re.IGNORECASE)


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript):
        return _name(node.value)
    return None


def _version_comparisons(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left, *node.comparators]
        names = [n for o in operands if (n := _name(o))]
        numbers = [o.value for o in operands if isinstance(o, ast.Constant) and isinstance(o.value, int)
                   and not isinstance(o.value, bool) and 9 <= o.value <= 30]
        ordering = any(isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE)) for op in node.ops)
        pg_named = any(_PG_VERSION_NAMES.search(n) for n in names)
        generic = any(_GENERIC.search(n) for n in names)
        if (pg_named and (numbers or ordering)) or (generic and numbers):
            lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(ROOT)) for p in SOURCES])
def test_only_versions_module_compares_pg_versions(path: Path) -> None:
    if path == VERSIONS:
        return
    lines = _version_comparisons(ast.parse(path.read_text(encoding="utf-8")))
    assert not lines, f"{path.relative_to(ROOT)} compares a PostgreSQL version on lines {lines}: add a Capabilities flag"


def test_the_version_check_finds_a_comparison() -> None:
    assert _version_comparisons(ast.parse("if caps.version >= 12:\n    pass\n")) == [1]
    assert _version_comparisons(ast.parse("x = pg_version < 14\n")) == [1]
    assert _version_comparisons(ast.parse("ok = caps.reindex_concurrently\n")) == []


@pytest.mark.parametrize("path", CLI, ids=[str(p.relative_to(ROOT)) for p in CLI])
def test_cli_imports_no_sql_library(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        modules = []
        if isinstance(node, ast.Import):
            modules = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module]
        for m in modules:
            assert m.split(".")[0] not in ("sqlglot", "psycopg"), f"{path.relative_to(ROOT)} imports {m}"


@pytest.mark.parametrize("path", CLI, ids=[str(p.relative_to(ROOT)) for p in CLI])
def test_cli_holds_no_sql(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and _SQL.match(node.value):
            if isinstance(getattr(node, "parent", None), ast.Expr):
                continue
            pytest.fail(f"{path.relative_to(ROOT)}:{node.lineno} holds SQL: {node.value[:60]!r}")
