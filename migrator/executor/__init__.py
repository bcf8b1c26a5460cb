"""The executor: runs a `Plan` on a live database, safely and resumably.

The only part of migrator that touches a database. `runner.Runner` drives phases and steps;
SQL runs only in `session.py` (and, for Alembic revisions that cannot be rendered offline, in
`migrator/alembic/online.py`). See docs/executor.md for the behaviour and the exit codes.

    session.py      the dedicated connection, its timeouts, cancel, dry-run twin
    timeouts.py     lock_timeout / statement_timeout by lock class
    retry.py        which errors are retried, backoff with full jitter
    idempotence.py  catalog checks: skip no-ops, drop INVALID / _ccnew leftovers
    ddl.py          statement heads the catalog checks need
    backfill.py     keyset batches, adaptive size
    gates.py        the contract gate
    state.py        the `migrator` schema (state.sql)
    control.py      signals, crash checkpoints
    progress.py     what a run reports (rich bar or plain lines)
"""
