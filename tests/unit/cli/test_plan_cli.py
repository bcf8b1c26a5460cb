"""`migrator plan` end to end through the CLI (no database): output, JSON schema, exit codes, and
robustness on arbitrary input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migrator.cli import cli

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "sql"


def run(*args: str, input: str | bytes | None = None) -> tuple[int, str, str]:
    """Run the CLI in-process; a Python exception other than SystemExit is a bug and fails."""
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def plan_json(*args: str, input: str | None = None) -> dict:
    code, out, err = run("plan", "--format", "json", *args, input=input)
    assert code == 0, err
    return json.loads(out)


def statement(doc: dict, source_suffix: str, sql_start: str) -> dict:
    for migration in doc["migrations"]:
        if not migration["source"].endswith(source_suffix):
            continue
        for stmt in migration["statements"]:
            if stmt["sql"].startswith(sql_start):
                return stmt
    raise AssertionError(f"no statement starting {sql_start!r} in {source_suffix}")


def test_plan_examples_text_names_every_file_and_risk() -> None:
    code, out, err = run("plan", str(EXAMPLES))
    assert code == 0, err
    for name in ("001_create_users.sql", "004_rename_and_drop.sql"):
        assert name in out
    assert "DANGEROUS" in out and "SAFE" in out
    assert "Summary:" in out


def test_plan_json_has_documented_fields() -> None:
    doc = plan_json(str(EXAMPLES))
    assert doc["pg_version"] == 16
    stmt = doc["migrations"][0]["statements"][0]
    for key in ("index", "line", "end_line", "sql", "kind", "actions", "tables", "locks", "lock",
                "rewrite", "scan", "blocks_reads", "blocks_writes", "transactional",
                "destructive", "backward_incompatible", "risk", "reasons"):
        assert key in stmt, key


def test_plan_json_lines_are_one_based() -> None:
    doc = plan_json(str(EXAMPLES))
    first = doc["migrations"][0]["statements"][0]
    assert first["sql"].startswith("CREATE TABLE users")
    assert (first["line"], first["end_line"]) == (2, 7)  # line 1 is a comment


def test_rename_column_on_existing_table_is_backward_incompatible() -> None:
    stmt = statement(plan_json(str(EXAMPLES)), "004_rename_and_drop.sql", "ALTER TABLE users RENAME")
    assert stmt["kind"] == "ALTER TABLE"
    assert stmt["actions"] == ["RENAME COLUMN"]
    assert stmt["tables"] == ["public.users"]
    assert stmt["lock"] == "ACCESS EXCLUSIVE"
    assert stmt["backward_incompatible"] is True
    assert stmt["risk"] == "dangerous"


def test_schema_model_from_earlier_files_tells_widening_from_rewrite() -> None:
    doc = plan_json(str(EXAMPLES))
    widen = statement(doc, "002_add_columns.sql", "ALTER TABLE users ALTER COLUMN email TYPE")
    grow = statement(doc, "002_add_columns.sql", "ALTER TABLE orders ALTER COLUMN quantity")
    assert widen["rewrite"] is False and widen["risk"] == "caution"
    assert grow["rewrite"] is True and grow["risk"] == "dangerous"


def test_index_on_table_created_in_same_file_is_safe() -> None:
    stmt = statement(plan_json(str(EXAMPLES)), "001_create_users.sql", "CREATE INDEX orders_user_id_idx")
    assert stmt["risk"] == "safe"
    assert stmt["lock"] is None


def test_index_on_existing_table_blocks_writes() -> None:
    stmt = statement(plan_json(str(EXAMPLES)), "003_constraints_and_indexes.sql", "CREATE INDEX users_email_idx")
    assert stmt["lock"] == "SHARE"
    assert stmt["blocks_writes"] is True and stmt["blocks_reads"] is False
    assert stmt["risk"] == "dangerous"


def test_stdin_is_read_with_dash() -> None:
    doc = plan_json("-", input="ALTER TABLE t ADD COLUMN c int;\n")
    [migration] = doc["migrations"]
    assert migration["source"] == "<stdin>"
    assert migration["statements"][0]["actions"] == ["ADD COLUMN"]


def test_unparseable_sql_is_unknown_not_an_error() -> None:
    doc = plan_json("-", input="ALTER TABLE t FROBNICATE;\n")
    stmt = doc["migrations"][0]["statements"][0]
    assert stmt["risk"] == "unknown"
    assert stmt["kind"] == "UNKNOWN"


@pytest.mark.parametrize(
    "args, message",
    [
        (("plan", "does/not/exist.sql"), "does/not/exist.sql"),
        (("plan", "--pg-version", "11", "-"), "unsupported PostgreSQL major version 11"),
        (("plan", "--format", "yaml", "-"), "yaml"),
    ],
    ids=["missing-file", "unsupported-version", "bad-format"],
)
def test_bad_input_exits_2_with_message(args: tuple[str, ...], message: str) -> None:
    code, out, err = run(*args, input="SELECT 1;")
    assert code == 2
    assert message in err
    assert "Traceback" not in err + out


@pytest.mark.parametrize("version", [12, 13, 14, 15, 16, 17, 18], ids=lambda v: f"pg{v}")
def test_every_supported_version_plans_the_examples(version: int) -> None:
    doc = plan_json("--pg-version", str(version), str(EXAMPLES))
    assert doc["pg_version"] == version


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_never_crash(data: bytes) -> None:
    code, _, err = run("plan", "--no-phases", "-", input=data)
    assert code in (0, 2), err


def _example_statements() -> list[str]:
    return [
        part.strip() + ";"
        for path in sorted(EXAMPLES.glob("*.sql"))
        for part in path.read_text().split(";")
        if part.strip()
    ]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_example_statements()), st.data())
def test_truncated_statements_never_crash(sql: str, data: st.DataObject) -> None:
    cut = data.draw(st.integers(min_value=0, max_value=len(sql)))
    code, out, err = run("plan", "--format", "json", "-", input=sql[:cut])
    assert code == 0, err
    json.loads(out)


def test_every_verification_statement_plans_cleanly() -> None:
    from migrator.analysis.knowledge import ENTRIES

    for entry in ENTRIES:
        code, out, err = run("plan", "--format", "json", "-", input=entry.setup + ";\n" + entry.example + ";\n")
        assert code == 0, f"{entry.id}: {err}"
        json.loads(out)


def test_a_collection_directory_plans_each_set_independently() -> None:
    root = EXAMPLES.parent
    code, out, err = run("plan", str(root))
    assert code == 0, err
    assert f"migration set {root / 'alembic'}" in out
    assert f"migration set {root / 'sql'}" in out
    doc = plan_json(str(root))
    assert [p["set"] for p in doc["plans"]] == [str(root / "alembic"), str(root / "sql")]
    assert all(p["plan"] is not None for p in doc["plans"]), doc["plans"]


def test_emit_refuses_a_collection_of_sets(tmp_path: Path) -> None:
    code, _, err = run("plan", str(EXAMPLES.parent), "--emit", "sql", str(tmp_path / "out"))
    assert code == 2
    assert "one migration set" in err


def test_emit_sql_writes_one_file_per_phase(tmp_path: Path) -> None:
    code, _, err = run("plan", str(EXAMPLES), "--emit", "sql", str(tmp_path / "out"))
    assert code == 0, err
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert any("expand" in n for n in names) and any("contract" in n for n in names), names
