"""Golden plans: each rewrite's docstring example (and a few more cases) planned and rendered as
text, compared with `golden/<rewrite>__<case>.txt` (`pytest --update-golden` rewrites them)."""

from __future__ import annotations

import importlib
import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from migrator.planner.render import render_plan_text
from migrator.planner.rewrites import REWRITES
from tests.unit.planner.conftest import plan_sql

GOLDEN = Path(__file__).parent / "golden"


def docstring_example(rewrite_name: str) -> str:
    """The first ```sql block after `## Example` in the rewrite module's docstring."""
    module = importlib.import_module(f"migrator.planner.rewrites.{rewrite_name}")
    doc = module.__doc__ or ""
    match = re.search(r"## Example\s*```sql\n(.*?)```", doc, re.DOTALL)
    assert match, f"{rewrite_name}: no ## Example sql block"
    return match.group(1)


# (rewrite, case, sql or None for the docstring example, pg version)
CASES: list[tuple[str, str, str | None, int]] = [
    *[(r.name, "example", None, 16) for r in REWRITES],
    ("set_not_null", "pg18_native", None, 18),
    ("add_primary_key", "pg18_native", None, 18),
    ("create_index", "partitioned", "CREATE INDEX measurements_kind_idx ON measurements (kind);", 16),
    ("create_index", "unnamed_expression", "CREATE UNIQUE INDEX ON users (lower(email));", 16),
    ("add_column", "bigserial", "ALTER TABLE users ADD COLUMN seq bigserial;", 16),
    ("add_column", "identity", "ALTER TABLE users ADD COLUMN num bigint GENERATED ALWAYS AS IDENTITY;", 16),
    ("add_column", "not_null_without_default", "ALTER TABLE users ADD COLUMN code text NOT NULL;", 16),
    ("alter_column_type", "using_with_index", "ALTER TABLE events ALTER COLUMN amount TYPE text USING (amount * 2)::text;", 16),
    ("batched_dml", "delete", "DELETE FROM users WHERE status = 'gone';", 16),
]


def render(sql: str, pg_version: int) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=110, color_system=None, force_terminal=False)
    render_plan_text(plan_sql(sql, pg_version=pg_version), console)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "rewrite, case, sql, pg_version", CASES, ids=[f"{r}__{c}" for r, c, _, _ in CASES]
)
def test_plan_matches_golden_file(rewrite: str, case: str, sql: str | None, pg_version: int, update_golden: bool) -> None:
    text = render(sql if sql is not None else docstring_example(rewrite), pg_version)
    path = GOLDEN / f"{rewrite}__{case}.txt"
    if update_golden or not path.exists():
        path.write_text(text, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"golden file {path.name} was missing and has been written: review it")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("rewrite", [r.name for r in REWRITES], ids=[r.name for r in REWRITES])
def test_docstring_example_is_planned_by_its_rewrite(rewrite: str) -> None:
    the_plan = plan_sql(docstring_example(rewrite))
    assert rewrite in {s.rewrite for s in the_plan.steps()}
