"""`plan_to_json` gives each migration its phases and steps in the documented shape;
`render_plan_text` prints them for people."""

from __future__ import annotations

import io
import json

from rich.console import Console

from migrator.planner.render import plan_to_json, render_plan_text
from tests.unit.planner.conftest import plan_sql

STEP_KEYS = {"sql", "transactional", "lock", "undo", "kind"}


def test_plan_json_lists_phases_per_migration_with_the_documented_step_keys() -> None:
    the_plan = plan_sql(
        "ALTER TABLE users ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();",
        "CREATE INDEX orders_user_idx ON orders (user_id);",
    )
    data = json.loads(json.dumps(plan_to_json(the_plan)))
    assert data["plan_hash"] == the_plan.hash and data["pg_version"] == 16
    by_source = {m["source"]: m["phases"] for m in data["migrations"]}
    assert [p["name"] for p in by_source["m1.sql"]] == ["expand", "backfill", "contract"]
    assert [p["name"] for p in by_source["m2.sql"]] == ["expand"]
    steps = [s for phases in by_source.values() for p in phases for s in p["steps"]]
    assert all(STEP_KEYS <= set(s) for s in steps)
    assert {s["kind"] for s in steps} == {"ddl", "backfill"}
    backfill = next(s for s in steps if s["kind"] == "backfill")
    assert backfill["sql"].startswith('UPDATE "public"."users" SET "token" = gen_random_uuid()')
    assert backfill["transactional"] is False and backfill["lock"] == "ROW EXCLUSIVE"


def test_text_rendering_shows_phases_locks_undo_and_warnings() -> None:
    buffer = io.StringIO()
    render_plan_text(plan_sql("ALTER TABLE users DROP COLUMN legacy_flag;"), Console(file=buffer, width=120))
    text = buffer.getvalue()
    assert "contract: after the deploy" in text
    assert "undo: irreversible" in text
    assert "warning:" in text and "legacy_flag" in text
