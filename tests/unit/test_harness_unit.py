"""The test harness without a database: marker selection, CI behaviour, value types.

Selection is checked by running pytest on a small generated test file with ``--collect-only``
(no server starts); the expected parametrizations are derived from ``discover_installations()``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.support.catalog import CatalogSnapshot, Column, Table, diff
from tests.support.pg import Installation, Server, ServerSource, discover_installations, in_ci
from tests.support.probes import Observation, TableScan

REPO = Path(__file__).resolve().parents[2]

INNER_TESTS = textwrap.dedent('''
    import pytest

    def test_plain():
        pass

    def test_all(pg_db):
        pass

    @pytest.mark.min_pg(16)
    def test_min16(pg_db):
        pass

    @pytest.mark.max_pg(15)
    def test_max15(pg_db):
        pass

    @pytest.mark.any_pg
    def test_one(pg_db):
        pass

    @pytest.mark.requires_extension("btree_gist")
    def test_gist(pg_db):
        pass
''')


def run_inner(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run pytest on INNER_TESTS with the project's conftest hooks and fixtures."""
    (tmp_path / "conftest.py").write_text("from tests.conftest import *  # noqa: F403\n")
    (tmp_path / "test_inner.py").write_text(INNER_TESTS)
    full_env = {k: v for k, v in os.environ.items() if k not in {"CI", "MIGRATOR_TEST_DSN"}}
    full_env["PYTHONPATH"] = str(REPO)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--rootdir", str(tmp_path),
         "-o", "addopts=", str(tmp_path / "test_inner.py"), *args],
        capture_output=True, text=True, env=full_env, cwd=tmp_path, timeout=120, check=False,
    )


def collected(result: subprocess.CompletedProcess[str]) -> set[str]:
    return {line.split("::", 1)[1] for line in result.stdout.splitlines() if "::" in line}


@pytest.fixture(scope="module")
def majors() -> tuple[int, ...]:
    found = tuple(i.major for i in discover_installations()) if not os.environ.get("MIGRATOR_TEST_DSN") else ()
    if not found:
        pytest.skip("needs locally discoverable PostgreSQL binaries (not a DSN)")
    return found


@pytest.fixture(scope="module")
def gist_majors() -> set[int]:
    return {i.major for i in discover_installations() if "btree_gist" in i.extensions}


def test_markers_select_the_expected_parametrizations(
    tmp_path: Path, majors: tuple[int, ...], gist_majors: set[int]
) -> None:
    result = run_inner(tmp_path, "--collect-only", "-q")
    assert result.returncode == 0, result.stdout + result.stderr
    expected = {"test_plain"}
    expected |= {f"test_all[pg{m}]" for m in majors}
    expected |= {f"test_min16[pg{m}]" for m in majors if m >= 16}
    expected |= {f"test_max15[pg{m}]" for m in majors if m <= 15}
    expected |= {f"test_one[pg{max(majors)}]"}
    expected |= {f"test_gist[pg{m}]" for m in majors if m in gist_majors}
    assert collected(result) == expected


def test_pg_version_option_and_not_pg_marker_filter(tmp_path: Path, majors: tuple[int, ...]) -> None:
    chosen = min(majors)
    only = run_inner(tmp_path, "--collect-only", "-q", "--pg-version", str(chosen))
    assert {name for name in collected(only) if name.startswith("test_all")} == {f"test_all[pg{chosen}]"}
    assert f"test_one[pg{chosen}]" in collected(only)  # any_pg picks among the remaining versions
    not_pg = run_inner(tmp_path, "--collect-only", "-q", "-m", "not pg")
    assert collected(not_pg) == {"test_plain"}


@pytest.mark.parametrize(
    "ci, outcome", [("true", "error"), ("", "skipped")], ids=["ci-fails", "local-skips"]
)
def test_missing_server_fails_in_ci_and_skips_locally(tmp_path: Path, ci: str, outcome: str) -> None:
    # port 9 (discard) on localhost refuses connections: discovery fails, no server exists
    env = {"MIGRATOR_TEST_DSN": "host=127.0.0.1 port=9 user=x password=hunter2 connect_timeout=2", "CI": ci}
    result = run_inner(tmp_path, "-v", "-k", "test_all", "-rA", env=env)
    assert "test_all[pg-none]" in result.stdout
    assert f"1 {outcome}" in result.stdout.splitlines()[-1], result.stdout
    assert "no PostgreSQL server available" in result.stdout
    assert "hunter2" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "value, expected", [("true", True), ("1", True), ("TRUE", True), ("", False), ("false", False)],
    ids=["true", "one", "upper", "empty", "false"],
)
def test_in_ci_reads_the_ci_variable(monkeypatch: pytest.MonkeyPatch, value: str, expected: bool) -> None:
    monkeypatch.setenv("CI", value)
    assert in_ci() is expected


def test_dsn_server_description_hides_the_password() -> None:
    inst = Installation(16, ServerSource.DSN, "PostgreSQL 16.4", dsn="host=db user=app password=s3cret dbname=x")
    server = Server(inst, inst.dsn or "")
    assert "s3cret" not in server.describe()
    assert "pg16" in server.describe()


def test_database_sqlalchemy_url() -> None:
    from tests.support.pg import TestDatabase

    inst = Installation(16, ServerSource.DSN, "PostgreSQL 16.4", dsn="host=127.0.0.1 port=5433 user=app dbname=postgres")
    db = TestDatabase(Server(inst, inst.dsn or ""), "migrator_test_abc")
    assert db.sqlalchemy_url == "postgresql+psycopg://app@127.0.0.1:5433/migrator_test_abc"
    assert "dbname=migrator_test_abc" in db.dsn


def observation(**overrides: object) -> Observation:
    base: dict[str, object] = {
        "locks": {"public.t": frozenset({"ShareLock", "AccessExclusiveLock"})},
        "relkinds": {"public.t": "r"},
        "rewritten": frozenset(),
        "reads_blocked": {},
        "writes_blocked": {},
    }
    base.update(overrides)
    return Observation(**base)  # type: ignore[arg-type]


def test_observation_strongest_lock() -> None:
    obs = observation()
    assert str(obs.strongest("public.t")) == "ACCESS EXCLUSIVE"
    assert obs.strongest("public.other") is None


@pytest.mark.parametrize(
    "rows, seq_tup_read, full",
    [(10, 10, True), (10, 30, True), (10, 9, False), (0, 0, False)],
    ids=["all-rows", "several-passes", "partial", "empty-table"],
)
def test_observation_full_scan_needs_every_row(rows: int, seq_tup_read: int, full: bool) -> None:
    obs = observation(scans={"public.t": TableScan(1, seq_tup_read, 0, 0)}, rows_before={"public.t": rows})
    assert ("public.t" in obs.full_scans) is full


def _snapshot(columns: tuple[Column, ...]) -> CatalogSnapshot:
    return CatalogSnapshot("public", (Table("t", "r", "p", columns),), (), (), (), (), (), (), ())


def test_catalog_column_order_is_ignored_on_request() -> None:
    a = _snapshot((Column("a", "integer", False, None, 1), Column("b", "text", False, None, 2)))
    b = _snapshot((Column("b", "text", False, None, 1), Column("a", "integer", False, None, 2)))
    assert a != b
    assert a.without_column_order() == b.without_column_order()
    assert diff(a, b) and not diff(a.without_column_order(), b.without_column_order())


def test_readme_starts_with_the_commands_that_ci_runs() -> None:
    # .ci/run executes the first two lines of README's first code block, verbatim
    extracted = subprocess.run(
        ["awk", '/^```/ { if (inblock) exit; inblock = 1; next } inblock && NF { print }', "README.md"],
        capture_output=True, text=True, cwd=REPO, check=True,
    ).stdout.splitlines()
    assert extracted[:3] == ["pip install -e '.[test]'", "pytest", "migrator plan examples/"]
    ci_script = (REPO / ".ci" / "run").read_text()
    assert "set -euo pipefail" in ci_script
    assert os.access(REPO / ".ci" / "run", os.X_OK)
