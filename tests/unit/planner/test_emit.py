"""`emit_sql` and `emit_alembic` write files a user can commit: per phase, with transaction
markers, autocommit steps, prechecks, chained revisions with branch labels, and downgrades."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from migrator.planner.emit.alembic import emit_alembic, revision_id
from migrator.planner.emit.sql import emit_sql
from migrator.planner.model import PhaseName
from tests.unit.planner.conftest import plan_sql

MIGRATION = (
    "CREATE INDEX users_name_idx ON users (name);\n"
    "ALTER TABLE users ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();\n"
    "ALTER TABLE users DROP COLUMN legacy_flag;\n"
)


def test_emit_sql_writes_one_file_per_phase_with_markers(tmp_path: Path) -> None:
    the_plan = plan_sql(MIGRATION)
    files = emit_sql(the_plan, tmp_path / "out")
    assert [f.name for f in files] == ["01_expand.sql", "02_backfill.sql", "03_contract.sql"]
    expand = files[0].read_text()
    assert "-- autocommit: must run outside a transaction block" in expand
    assert "CREATE INDEX CONCURRENTLY IF NOT EXISTS" in expand
    assert "BEGIN;" in expand and "COMMIT;" in expand and "SET LOCAL lock_timeout" in expand
    assert "\\if :mig_needed_" in expand  # the cleanup step runs only when an INVALID index exists
    assert "DO $mig$" in files[1].read_text()
    contract = files[2].read_text()
    assert "DROP COLUMN legacy_flag" in contract and "undo: irreversible" in contract


def test_emit_alembic_chains_revisions_with_branch_labels(tmp_path: Path) -> None:
    the_plan = plan_sql(MIGRATION)
    files = emit_alembic(the_plan, tmp_path, down_revision="abc123")
    modules = {p.name.rsplit("_", 1)[1][:-3]: _assignments(p) for p in files}
    assert set(modules) == {"expand", "backfill", "contract"}
    expand, backfill, contract = modules["expand"], modules["backfill"], modules["contract"]
    assert expand["down_revision"] == "abc123" and expand["branch_labels"] == ("expand",)
    assert backfill["down_revision"] == expand["revision"] and backfill["branch_labels"] is None
    assert contract["branch_labels"] == ("contract",) and contract["depends_on"] == backfill["revision"]
    assert expand["revision"] == revision_id(the_plan, PhaseName.EXPAND)


def test_alembic_revisions_use_autocommit_blocks_and_refuse_irreversible_downgrades(tmp_path: Path) -> None:
    files = emit_alembic(plan_sql(MIGRATION), tmp_path)
    texts = {p.name.rsplit("_", 1)[1][:-3]: p.read_text() for p in files}
    assert "autocommit_block()" in texts["expand"]
    assert "_autocommit('CREATE INDEX CONCURRENTLY" in texts["expand"]
    assert "DROP COLUMN IF EXISTS" in texts["expand"]  # downgrade of the added column
    assert "raise NotImplementedError" in texts["contract"]  # the DROP COLUMN cannot be undone
    for text in texts.values():
        compile(text, "revision.py", "exec")


def test_emitted_files_are_deterministic(tmp_path: Path) -> None:
    first = [p.read_text() for p in emit_alembic(plan_sql(MIGRATION), tmp_path / "a")]
    second = [p.read_text() for p in emit_alembic(plan_sql(MIGRATION), tmp_path / "b")]
    assert first == second


@pytest.mark.parametrize(
    "user_text, expected",
    [("'a:b'", "'a:b'"), ("x::text", "x::text"), ("' :name'", "' \\\\:name'")],
    ids=["colon-inside-word", "cast", "bind-like"],
)
def test_alembic_escapes_only_bind_like_colons(user_text: str, expected: str) -> None:
    from migrator.planner.emit.alembic import _escape_binds

    assert _escape_binds(user_text) == expected.replace("\\\\", "\\")


def _assignments(path: Path) -> dict[str, object]:
    tree = ast.parse(path.read_text())
    out: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                out[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return out


def test_emit_alembic_follows_the_current_head_of_the_versions_directory(tmp_path: Path) -> None:
    (tmp_path / "0001_base.py").write_text('revision = "0001"\ndown_revision = None\n')
    (tmp_path / "0002_next.py").write_text('revision = "0002"\ndown_revision = "0001"\n')
    files = emit_alembic(plan_sql(MIGRATION), tmp_path)
    expand = next(p for p in files if p.name.endswith("_expand.py"))
    assert _assignments(expand)["down_revision"] == "0002"
    again = emit_alembic(plan_sql(MIGRATION), tmp_path)  # re-emitting does not follow itself
    assert _assignments(next(p for p in again if p.name.endswith("_expand.py")))["down_revision"] == "0002"
