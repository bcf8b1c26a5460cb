"""Audit the analyzer against a real server on a broad table of statements (`audit_cases.py`).

Each case is `(id, setup, statement)` with no expected values: the server is the oracle. For each
case and each available PostgreSQL version, `setup` is an earlier migration (its tables are
pre-existing and hold a few rows), `statement` is the migration under test. `analyze()` predicts
the statement's facts; `tests.support.probes.observe` shows what the server does. Compared:

1. per pre-existing relation (table, partition, partitioned table, index, sequence, matview): the
   strongest observed lock vs the strongest predicted lock (missing, extra or different mode);
2. `Facts.lock` vs the strongest observed lock on any pre-existing relation;
3. `rewrite` vs a changed heap `relfilenode` (tables, partitions, matviews);
4. `blocks_reads` / `blocks_writes` vs a second session's read / write / row write being blocked;
5. `transactional` vs whether the server accepts the statement inside a transaction block
   (the statement is first run in `BEGIN`; on "cannot run inside a transaction block" it is
   observed again, in autocommit, on a fresh database).

Informational (recorded, never failing): the server rejects the statement (`error`), the
predicted scan vs the example's own full-scan counters (`scan`). Toast relations are left out
(the analyzer names tables, not their toast). Plain views are observed (locks, read probe); a
predicted lock on a type or another non-relation object cannot be observed and is trusted. In non-transactional mode the statement
is seen mid-way (waiting for the holder session), so only table locks are compared there, and
only a lock stronger than predicted (or unpredicted) is a mismatch: a predicted lock may be taken
after the point of observation (VACUUM FULL of a partitioned table locks one partition at a time).

Set `AUDIT_REPORT=/path/file.jsonl` to append every mismatch as one JSON line (the auditor's table).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator

import psycopg
import psycopg.sql
import pytest

from migrator.analysis.analyze import analyze
from migrator.analysis.facts import Facts, RelationKind
from migrator.analysis.locks import LockMode
from migrator.sql.parse import parse_sql
from tests.pg.audit_cases import (
    CASES,
    DISPUTED,
    KNOWN_BUGS,
    Case,
    known_bug,
    params,
    version_specific,
)
from tests.support import probes
from tests.support.pg import Server, TestDatabase
from tests.support.probes import Observation, observe

_HEAP_KINDS = frozenset({"r", "m"})
_COMPARED_KINDS = frozenset({"r", "p", "i", "I", "S", "m", "v"})
_TABLE_KINDS = frozenset({"r", "p", "m"})
_UNOBSERVABLE = frozenset({RelationKind.VIEW, RelationKind.TYPE, RelationKind.OTHER})
_NOT_IN_TRANSACTION = "25001"  # active_sql_transaction: cannot run inside a transaction block
_INFORMATIONAL = frozenset({"error", "scan"})
# Statements whose scan counters cannot be compared (the planner may seq-scan a tiny table).
_SCAN_NOT_COMPARED_KINDS = ("UPDATE", "DELETE", "INSERT", "SELECT", "CREATE VIEW", "CREATE OR REPLACE")


_RESET_SQL = """
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT nspname FROM pg_namespace
             WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'public')
               AND nspname NOT LIKE 'pg\\_%'
    LOOP
        EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
    END LOOP;
    FOR r IN SELECT pubname FROM pg_publication LOOP  -- database-level, not in a schema
        EXECUTE format('DROP PUBLICATION %I', r.pubname);
    END LOOP;
END $$;
DROP SCHEMA public CASCADE;
CREATE SCHEMA public;
GRANT ALL ON SCHEMA public TO PUBLIC;
"""


@pytest.fixture(scope="module")
def _audit_databases() -> Iterator[dict[int, TestDatabase]]:
    """One database per server for the whole module, emptied before each case (CREATE DATABASE
    costs 50-500 ms on a loaded machine; dropping the schemas costs a few)."""
    databases: dict[int, TestDatabase] = {}
    yield databases
    for db in databases.values():
        db.drop()


def _empty_database(pg_cluster: Server, databases: dict[int, TestDatabase]) -> TestDatabase:
    db = databases.get(pg_cluster.major)
    if db is None:
        db = databases[pg_cluster.major] = pg_cluster.create_database()
    db.execute(_RESET_SQL)
    leftovers = db.fetchall(
        "SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.oid >= 16384 AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
        "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%' LIMIT 1"
    )
    assert not leftovers, "the audit database was not emptied"
    return db


@contextlib.contextmanager
def _database_timezone(db: TestDatabase, timezone: str | None) -> Iterator[None]:
    """New sessions on `db` start with TimeZone = `timezone` (the probes open new sessions)."""
    if timezone is None:
        yield
        return
    name = psycopg.sql.Identifier(db.name)
    with db.connect() as conn:
        conn.execute(psycopg.sql.SQL("ALTER DATABASE {} SET timezone = {}").format(name, psycopg.sql.Literal(timezone)))
    try:
        yield
    finally:
        with db.connect() as conn:
            conn.execute(psycopg.sql.SQL("ALTER DATABASE {} RESET timezone").format(name))


@pytest.fixture(autouse=True)
def _short_probe_timeout(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The example holds its locks idle in its transaction: 10 ms is enough to see a probe wait (an unblocked probe gets its lock at once; autovacuum is off, so
    nothing else holds a conflicting lock)."""
    monkeypatch.setattr(probes, "PROBE_LOCK_TIMEOUT", "10ms")
    yield


def _predicted_locks(facts: tuple[Facts, ...]) -> dict[str, tuple[LockMode, RelationKind]]:
    out: dict[str, tuple[LockMode, RelationKind]] = {}
    for f in facts:
        for lk in f.locks:
            if lk.new:
                continue
            old = out.get(lk.relation)
            if old is None or lk.mode > old[0]:
                out[lk.relation] = (lk.mode, lk.kind)
    return out


def _observed_locks(obs: Observation) -> dict[str, LockMode]:
    out: dict[str, LockMode] = {}
    for source in (obs.locks, obs.waiting_for):
        for rel, modes in source.items():
            if rel.startswith("pg_toast"):
                continue
            for m in modes:
                mode = LockMode.from_pg_locks(m)
                if rel not in out or mode > out[rel]:
                    out[rel] = mode
    return out


def _name(mode: LockMode | None) -> str:
    return "none" if mode is None else str(mode)


def mismatches(
    facts: tuple[Facts, ...], obs: Observation, server_transactional: bool, scan_comparable: bool = True
) -> list[tuple[str, str, str]]:
    """Every difference between prediction and observation as (field, predicted, observed)."""
    out: list[tuple[str, str, str]] = []
    predicted_tx = all(f.transactional for f in facts)
    if predicted_tx != server_transactional:
        out.append(("transactional", str(predicted_tx), str(server_transactional)))
    if obs.error is not None:
        said = any("fail" in r.lower() or "error" in r.lower() for f in facts for r in f.reasons)
        out.append(("error", "warned" if said else "silent", obs.error))
        return out
    mid_way = not obs.transactional
    if mid_way and not obs.observed_while_running:
        return out  # finished before the probe could see it: only the rewrite can be compared
    predicted = _predicted_locks(facts)
    observed = _observed_locks(obs)
    for rel in sorted(set(predicted) | set(observed)):
        kind = obs.relkinds.get(rel)
        p = predicted.get(rel, (None, None))[0]
        o = observed.get(rel)
        if kind is None:
            if p is not None and predicted[rel][1] not in _UNOBSERVABLE:
                out.append((f"lock[{rel}]", _name(p), "relation did not exist before"))
            continue
        if kind not in _COMPARED_KINDS or (mid_way and kind not in _TABLE_KINDS):
            continue
        if mid_way and (o is None or (p is not None and p >= o)):
            continue  # seen mid-way: a predicted lock may be taken later (e.g. partition by partition)
        if p != o:
            out.append((f"lock[{rel}]", _name(p), _name(o)))
    predicted_lock = max((f.lock for f in facts if f.lock is not None), default=None)
    relevant = {r: m for r, m in observed.items()
                if obs.relkinds.get(r) in (_TABLE_KINDS if mid_way else _COMPARED_KINDS)}
    # A lock on a type or another non-relation object is not observed: trust it.
    unobservable = [m for rel, (m, k) in predicted.items()
                    if k in _UNOBSERVABLE and obs.relkinds.get(rel) not in _COMPARED_KINDS]
    observed_lock = max([*relevant.values(), *unobservable], default=None)
    if predicted_lock != observed_lock and not (
        mid_way and observed_lock is not None and predicted_lock is not None and predicted_lock > observed_lock
    ):
        out.append(("lock", _name(predicted_lock), _name(observed_lock)))
    rewritten = sorted(r for r in obs.rewritten if obs.relkinds.get(r) in _HEAP_KINDS)
    predicted_rewrite = any(f.rewrite for f in facts)
    if predicted_rewrite != bool(rewritten):
        out.append(("rewrite", str(predicted_rewrite), str(rewritten or False)))
    _compare_blocking(facts, obs, out)
    if obs.transactional and scan_comparable:
        predicted_scan = any(f.scan for f in facts)
        if predicted_scan and not obs.full_scans and not predicted_rewrite:
            out.append(("scan", "True", "no full scan"))
        if obs.full_scans and not (predicted_scan or predicted_rewrite):
            out.append(("scan", "False", str(sorted(obs.full_scans))))
    return out


def _compare_blocking(facts: tuple[Facts, ...], obs: Observation, out: list[tuple[str, str, str]]) -> None:
    predicted_reads = any(f.blocks_reads for f in facts)
    predicted_writes = any(f.blocks_writes for f in facts)
    server_reads = obs.any_read_blocked
    server_writes = obs.any_write_blocked or any(obs.row_writes_blocked.values())
    if predicted_reads != server_reads:
        out.append(("blocks_reads", str(predicted_reads), str(server_reads)))
    if predicted_writes != server_writes:
        out.append(("blocks_writes", str(predicted_writes), str(server_writes)))


def _record(case: Case, major: int, problems: list[tuple[str, str, str]]) -> None:
    path = os.environ.get("AUDIT_REPORT")
    if not path or not problems:
        return
    with open(path, "a", encoding="utf-8") as fh:
        fh.writelines(json.dumps({"case": case.id, "pg": major, "field": field_name,
                                 "predicted": predicted, "observed": observed}) + "\n" for field_name, predicted, observed in problems)


def _describe(facts: tuple[Facts, ...]) -> str:
    return "; ".join(
        f"[{f.statement_index}] sources={list(f.sources)} risk={f.risk} lock={f.lock} "
        f"locks={[(lk.relation, str(lk.mode), lk.kind.value, lk.new) for lk in f.locks]} "
        f"rewrite={f.rewrite} scan={f.scan} reads={f.blocks_reads} writes={f.blocks_writes} "
        f"tx={f.transactional}"
        for f in facts
    )


@pytest.mark.parametrize("case", params())
def test_prediction_matches_server(
    case: Case, pg_cluster: Server, _audit_databases: dict[int, TestDatabase], request: pytest.FixtureRequest
) -> None:
    pg_db = _empty_database(pg_cluster, _audit_databases)
    if case.min_pg is not None and pg_db.major < case.min_pg:
        pytest.skip(f"{case.id} needs PostgreSQL {case.min_pg}+")
    if case.max_pg is not None and pg_db.major > case.max_pg:
        pytest.skip(f"{case.id} applies up to PostgreSQL {case.max_pg}")
    for ext in case.needs:
        if not pg_db.has_extension(ext):
            pytest.skip(f"extension {ext} is not available on PostgreSQL {pg_db.major}")
    reason = known_bug(case.id, pg_db.major)
    if reason is not None and version_specific(case.id):  # every-version marks are set in params()
        request.applymarker(pytest.mark.xfail(strict=True, reason=reason))
    setup = parse_sql(case.setup, path="0001.sql")
    example = parse_sql(case.statement, path="0002.sql")
    facts = analyze([setup, example], pg_version=pg_db.major)[1].facts

    with _database_timezone(pg_db, case.timezone):
        obs = observe(pg_db, case.setup, case.statement, transactional=True)
        server_transactional = True
        if obs.error is not None and obs.error.startswith(_NOT_IN_TRANSACTION):
            server_transactional = False
            obs = observe(_empty_database(pg_cluster, _audit_databases), case.setup, case.statement,
                          transactional=False, hold_mode=case.hold_mode or "ACCESS SHARE",
                          hold_tables=case.hold_tables)

    scan_comparable = not any(str(st.kind.value).startswith(_SCAN_NOT_COMPARED_KINDS) for st in example.statements)
    problems = mismatches(facts, obs, server_transactional, scan_comparable)
    _record(case, pg_db.major, problems)
    failing = [p for p in problems if p[0] not in _INFORMATIONAL]
    assert not failing, (
        f"{case.id} on pg{pg_db.major}:\n"
        + "\n".join(f"  {fld}: predicted {p}, server {o}" for fld, p, o in problems)
        + f"\nserver:\n{obs.describe()}\npredicted: {_describe(facts)}"
    )


def test_the_audit_table_is_broad() -> None:
    assert len(CASES) >= 250
    assert len({c.id for c in CASES}) == len(CASES), "case ids must be unique"


def test_every_marked_case_exists() -> None:
    ids = {c.id for c in CASES}
    assert not (set(KNOWN_BUGS) | set(DISPUTED)) - ids
    assert not set(KNOWN_BUGS) & set(DISPUTED)
