"""Backfill throughput: the executor's adaptive batched backfill vs one UPDATE, in the same run.

    python benchmarks/bench_backfill.py [--rows 500000] [--target-ms 200] [--dsn DSN]

Creates two identical tables, then (1) backfills one with the executor (keyset batches, one
transaction per batch with `FOR NO KEY UPDATE` row locks and a saved cursor, adaptive batch size)
and (2) updates the other with a single `UPDATE`. Prints rows/second of both and their ratio: the
ratio is what to compare across machines. The batched backfill is slower per row by design; what
it buys is that no transaction holds more than one batch of row locks (and the run is resumable).

Without `--dsn` (or `MIGRATOR_TEST_DSN`) it starts a throwaway server through `tests/support/pg.py`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from migrator.analysis.facts import Risk
from migrator.analysis.locks import LockMode
from migrator.executor.backfill import BackfillSettings
from migrator.executor.control import RunControl
from migrator.executor.progress import LogObserver
from migrator.executor.runner import ExecutorSettings, Runner
from migrator.executor.session import Session
from migrator.planner.model import (
    Backfill,
    Phase,
    PhaseName,
    Plan,
    RetryPolicy,
    Step,
    StepKind,
    Timeouts,
    Undo,
)

SET_SQL = "b = a * 3 + id"


@contextlib.contextmanager
def database(dsn: str | None) -> Iterator[str]:
    """A fresh database (created and dropped) on the given server or a throwaway one."""
    if dsn:
        name = f"migrator_bench_{os.getpid()}"
        with psycopg.connect(dsn, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield psycopg.conninfo.make_conninfo(dsn, dbname=name)
        finally:
            with psycopg.connect(dsn, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        return
    from tests.support.pg import running_servers

    with running_servers() as servers:
        server = max(servers, key=lambda s: s.major)
        db = server.create_database()
        try:
            yield db.dsn
        finally:
            db.drop()


def backfill_plan(table: str) -> Plan:
    step = Step(
        id="b1", phase=PhaseName.BACKFILL, kind=StepKind.BACKFILL, description=f"backfill {table}", sql=None,
        transactional=True, lock=LockMode.ROW_EXCLUSIVE, risk=Risk.SAFE, timeouts=Timeouts(0, 0),
        retry=RetryPolicy(), undo=Undo.nothing(),
        backfill=Backfill(f"public.{table}", ("id",), SET_SQL, "b IS NULL", 1000),
    )
    return Plan(source=table, pg_version=16, phases=(Phase(PhaseName.BACKFILL, (step,)),))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--target-ms", type=float, default=200.0)
    parser.add_argument("--dsn", default=os.environ.get("MIGRATOR_TEST_DSN"))
    args = parser.parse_args()
    with database(args.dsn) as dsn, psycopg.connect(dsn, autocommit=True) as conn:
        for table in ("batched", "single"):
            conn.execute(f"CREATE TABLE {table} (id bigint PRIMARY KEY, a int, b bigint)")
            conn.execute(f"INSERT INTO {table} (id, a) SELECT g, g %% 1000 FROM generate_series(1, %s) g",
                         (args.rows,))
            conn.execute(f"VACUUM ANALYZE {table}")

        session = Session.connect(dsn)
        settings = ExecutorSettings(backfill=BackfillSettings(target_batch_ms=args.target_ms))
        started = time.perf_counter()
        Runner(session, LogObserver(), RunControl(), settings).apply(backfill_plan("batched"), [PhaseName.BACKFILL])
        batched_s = time.perf_counter() - started
        batches, last_size = conn.execute("SELECT batches, batch_size FROM migrator.backfills").fetchone() or (0, 0)
        session.close()

        started = time.perf_counter()
        conn.execute(f"UPDATE single SET {SET_SQL} WHERE b IS NULL")
        single_s = time.perf_counter() - started

        same = conn.execute("SELECT count(*) FROM batched JOIN single USING (id) WHERE batched.b = single.b").fetchone()
        assert same is not None and same[0] == args.rows, "the two tables differ"

    batched_rate, single_rate = args.rows / batched_s, args.rows / single_s
    print(f"rows:                 {args.rows}")
    print(f"batched backfill:     {batched_s:.2f} s, {batched_rate:,.0f} rows/s "
          f"({batches} batches, last batch size {last_size}, target {args.target_ms:.0f} ms)")
    print(f"single UPDATE:        {single_s:.2f} s, {single_rate:,.0f} rows/s")
    print(f"ratio batched/single: {batched_rate / single_rate:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
