"""Every knowledge entry, run on every available PostgreSQL server: the prediction must match.

For each entry with `verify=True` and each server version where the entry applies, the entry's
`setup` runs as an earlier migration, then its `example`; `analyze()` predicts the example's facts
with `setup` as an earlier migration (so its tables exist and may be large), and the server shows
what really happens (`tests/support/probes.py`):

1. locks: for every pre-existing table, partitioned table, view, materialized view and sequence, the
   strongest `pg_locks` mode equals the predicted mode (no lock where none is predicted); for
   indexes, the same for modes from SHARE UPDATE EXCLUSIVE up (weaker index locks conflict only
   with index DDL and differ between versions, e.g. planner locks);
2. rewrite predicted ⇔ the heap `relfilenode` of a pre-existing table or materialized view changed;
3. blocks_reads / blocks_writes predicted ⇔ a second session's read / write (or row write) with a
   100 ms lock_timeout was blocked;
4. scan predicted (or rewrite) ⇔ the example read every row of a pre-existing table with rows
   (transactional examples only; DML with WHERE is exempt: the planner may scan a tiny table).

A wrong prediction fails the test: the server is right.
"""

from __future__ import annotations

import pytest

from migrator.analysis.analyze import analyze
from migrator.analysis.facts import Facts, RelationKind
from migrator.analysis.knowledge import ENTRIES, Entry
from migrator.analysis.locks import LockMode
from migrator.analysis.pg.versions import Capabilities
from migrator.sql.parse import parse_sql
from tests.support.pg import TestDatabase
from tests.support.probes import Observation, observe

VERIFIED = tuple(e for e in ENTRIES if e.verify)

# How the non-transactional examples are observed (see tests/support/probes.py).
OBSERVE_OPTIONS: dict[str, dict[str, object]] = {
    "maintenance.vacuum": {"hold_mode": "SHARE UPDATE EXCLUSIVE"},
    "partitions.detach-concurrently": {"hold_tables": ["public.m_2"]},
    # One table per transaction: the holder's ROW EXCLUSIVE makes the first SHARE lock wait, so the
    # statement is seen while it runs.
    "reindex.partitioned-index": {"hold_mode": "ROW EXCLUSIVE"},
    "reindex.partitioned-table": {"hold_mode": "ROW EXCLUSIVE"},
    "reindex.schema": {"hold_mode": "ROW EXCLUSIVE"},
    "maintenance.cluster-all": {"hold_mode": "ROW EXCLUSIVE"},
}
# Statement forms the parser does not structure yet: analysed as unknown until it does.
PARSER_GAPS = {
}
# Examples whose scan the statistics cannot tell apart (the planner may seq-scan a tiny table).
# The planner seq-scans a two-row table whatever the WHERE says: a data statement's scan is not its cost.
SCAN_NOT_COMPARED = frozenset({"dml.update-where", "dml.delete-where", "dml.select", "dml.insert",
                               "dml.select-for-update", "dml.select-for-update-where", "dml.update-referenced-key",
                               "dml.update-fk-column", "dml.delete-referenced", "dml.insert-on-conflict-update",
                               "dml.merge", "dml.merge-insert-only", "views.create-or-replace", "views.create"})

_TABLE_KINDS = frozenset({"r", "p", "m", "v", "S"})
_INDEX_KINDS = frozenset({"i", "I"})


def _predicted(facts: tuple[Facts, ...]) -> dict[str, tuple[LockMode, RelationKind]]:
    out: dict[str, tuple[LockMode, RelationKind]] = {}
    for f in facts:
        for lk in f.locks:
            if lk.new:
                continue
            old = out.get(lk.relation)
            if old is None or lk.mode > old[0]:
                out[lk.relation] = (lk.mode, lk.kind)
    return out


def _observed_modes(obs: Observation) -> dict[str, LockMode]:
    out: dict[str, LockMode] = {}
    for source in (obs.locks, obs.waiting_for):
        for rel, modes in source.items():
            for m in modes:
                mode = LockMode.from_pg_locks(m)
                if rel not in out or mode > out[rel]:
                    out[rel] = mode
    return out


def _lock_mismatches(predicted: dict[str, tuple[LockMode, RelationKind]], obs: Observation) -> list[str]:
    observed = _observed_modes(obs)
    problems = []
    for rel in sorted(set(predicted) | set(observed)):
        if rel.startswith("pg_toast"):
            continue
        kind = obs.relkinds.get(rel)
        p = predicted.get(rel, (None, None))[0]
        o = observed.get(rel)
        if kind is None:
            if p is not None:
                problems.append(f"{rel}: predicted {p}, but the relation did not exist before")
            continue
        if kind in _INDEX_KINDS:
            strong = LockMode.SHARE_UPDATE_EXCLUSIVE
            p = p if p is not None and p >= strong else None
            o = o if o is not None and o >= strong else None
        elif kind not in _TABLE_KINDS:
            continue
        if not obs.transactional and kind in _INDEX_KINDS | {"S"}:
            continue  # concurrent statements are seen mid-way: only their table locks
        if not obs.transactional and (o is None or (p is not None and p >= o)):
            continue  # seen mid-way: a predicted lock may be taken later (one table per transaction)
        if p != o:
            problems.append(f"{rel}: predicted {p}, server {o}")
    return problems


def _applies(entry: Entry, major: int) -> bool:
    return entry.when is None or entry.when(Capabilities.for_version(major))


@pytest.mark.parametrize("entry", VERIFIED, ids=[e.id for e in VERIFIED])
def test_entry_prediction_matches_server(entry: Entry, pg_db: TestDatabase) -> None:
    if not _applies(entry, pg_db.major):
        pytest.skip(f"{entry.id} does not apply to PostgreSQL {pg_db.major}")
    for ext in entry.needs:
        if not pg_db.has_extension(ext):
            pytest.skip(f"extension {ext} is not available on PostgreSQL {pg_db.major}")
    if entry.id in PARSER_GAPS:
        pytest.xfail(PARSER_GAPS[entry.id])
    setup = parse_sql(entry.setup, path="setup.sql")
    example = parse_sql(entry.example, path="example.sql")
    facts = analyze([setup, example], pg_version=pg_db.major)[1].facts
    assert entry.id in {s for f in facts for s in f.sources}, (
        f"the example of {entry.id} is analysed by {[f.sources for f in facts]}"
    )
    transactional = all(f.transactional for f in facts)
    options = OBSERVE_OPTIONS.get(entry.id, {})
    obs = observe(pg_db, entry.setup, entry.example, transactional=transactional, **options)  # type: ignore[arg-type]
    context = f"\n{entry.id} on pg{pg_db.major}\nserver:\n{obs.describe()}\npredicted: " + "; ".join(
        f"risk={f.risk} lock={f.lock} locks={[(lk.relation, str(lk.mode), lk.new) for lk in f.locks]} "
        f"rewrite={f.rewrite} scan={f.scan} reads={f.blocks_reads} writes={f.blocks_writes}" for f in facts
    )
    if entry.fails_on_data:
        assert obs.error is not None, "the example should fail on a table with rows" + context
        return
    assert obs.error is None, context

    problems = _lock_mismatches(_predicted(facts), obs)
    assert not problems, "\n".join(problems) + context

    heap_kinds = {"r", "m"}
    rewritten = {r for r in obs.rewritten if obs.relkinds.get(r) in heap_kinds}
    predicted_rewrite = any(f.rewrite for f in facts)
    assert predicted_rewrite == bool(rewritten), f"rewrite predicted={predicted_rewrite} server={sorted(rewritten)}" + context

    blocks_reads = any(f.blocks_reads for f in facts)
    blocks_writes = any(f.blocks_writes for f in facts)
    server_reads = obs.any_read_blocked
    server_writes = obs.any_write_blocked or any(obs.row_writes_blocked.values())
    if not obs.transactional:  # seen mid-way: what it blocks later is not seen; what it blocks now must be predicted
        server_reads, server_writes = server_reads or blocks_reads, server_writes or blocks_writes
    assert (blocks_reads, blocks_writes) == (server_reads, server_writes), (
        f"blocks reads/writes predicted=({blocks_reads}, {blocks_writes}) server=({server_reads}, {server_writes})" + context
    )

    if transactional and entry.id not in SCAN_NOT_COMPARED:
        predicted_scan = any(f.scan for f in facts)
        explained = predicted_scan or predicted_rewrite
        assert (not predicted_scan or obs.full_scans) and (not obs.full_scans or explained), (
            f"scan predicted={predicted_scan} rewrite={predicted_rewrite} server full scans={sorted(obs.full_scans)}"
            + context
        )


def test_enough_statement_forms_are_verified() -> None:
    assert len({e.form for e in VERIFIED}) >= 80


def test_volatility_table_matches_pg_proc(pg_db: TestDatabase) -> None:
    """Every function in pg/volatility.py has that volatility in the server's pg_proc (the most
    volatile overload, as the analysis does not resolve overloads; functions
    the server lacks, e.g. uuid-ossp's or PG 18's uuidv7, are skipped)."""
    from migrator.analysis.pg.volatility import FUNCTIONS, Volatility

    letter = {Volatility.IMMUTABLE: "i", Volatility.STABLE: "s", Volatility.VOLATILE: "v"}
    wrong = []
    for name, vol in FUNCTIONS.items():
        found = {r[0] for r in pg_db.fetchall("SELECT DISTINCT provolatile::text FROM pg_proc WHERE proname = %s", (name,))}
        if found and max(found, key="isv".index) != letter[vol]:
            wrong.append(f"{name}: table says {vol}, pg_proc says {sorted(found)}")
    assert not wrong, "\n".join(wrong)
