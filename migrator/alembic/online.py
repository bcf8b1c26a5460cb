"""Alembic revisions at apply time: which are pending, running unrenderable ones online, stamping.

- **Pending revisions**: those not at or below the heads recorded in `alembic_version` (read on
  the target database), so `apply` plans only what Alembic has not applied yet.
- **Unrenderable revisions** (their `upgrade()` reads query results, so offline rendering cannot
  produce their SQL; `render.py` marks them) run online: the revision module's `upgrade()` is
  called under Alembic's public `Operations.context()` on a SQLAlchemy connection that carries
  the executor's `lock_timeout`/`statement_timeout`, in one transaction that also records the
  step as done. They are reported with `unknown` risk (the analysis cannot see inside them).
- **Stamping**: once every phase of the plan is done, each revision of the plan is stamped into
  `alembic_version` in revision order (UPDATE of its down revision, as `alembic stamp` does), so
  `alembic current` and `alembic history` stay true. Stamping waits for the whole plan so that the
  set of pending revisions (and so the plan and its hash) stays the same between
  `--phase expand` before the deploy and `--phase contract` after it.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from psycopg import sql

from migrator.alembic.render import NOT_RENDERABLE_MARKER
from migrator.alembic.revisions import RevisionFile, order_revisions, read_revision_file
from migrator.errors import InputError, redact_text
from migrator.executor.session import AnySession, StatementFailed
from migrator.planner.model import Plan, Timeouts
from migrator.sql.source import Source, SourceKind

VERSION_TABLE = "alembic_version"


def is_online_step_sql(sql_text: str | None) -> bool:
    """True for the placeholder step of a revision that could not be rendered offline."""
    return bool(sql_text) and sql_text.lstrip().startswith(NOT_RENDERABLE_MARKER)  # type: ignore[union-attr]


def revision_of(path: str, text: str | None = None) -> RevisionFile | None:
    """The revision a `.py` migration file defines, or None (not an Alembic revision)."""
    if not path.endswith(".py"):
        return None
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError:
            return None
    try:
        return read_revision_file(path, text)
    except InputError:  # not valid Python: not a revision we can stamp
        return None


def current_heads(session: AnySession) -> tuple[str, ...]:
    """The revisions recorded in `alembic_version` (empty when the table does not exist)."""
    exists = session.read("SELECT to_regclass(%s) IS NOT NULL", (VERSION_TABLE,))
    if not exists or not exists[0][0]:
        return ()
    rows = session.read(sql.SQL("SELECT version_num FROM {}").format(sql.Identifier(VERSION_TABLE)))
    return tuple(str(r[0]) for r in rows)


def pending_sources(sources: Sequence[Source], heads: Sequence[str]) -> tuple[Source, ...]:
    """Drop the Alembic revisions at or below `heads` (already applied); keep everything else."""
    revisions = {s.path: revision_of(s.path, s.original_text) for s in sources if s.kind is SourceKind.ALEMBIC}
    applied = _applied(heads, {r.revision: r for r in revisions.values() if r is not None})
    return tuple(
        s for s in sources
        if s.kind is not SourceKind.ALEMBIC or revisions.get(s.path) is None
        or revisions[s.path].revision not in applied  # type: ignore[union-attr]
    )


def alembic_stamper(session: AnySession, plan: Plan, paths: Sequence[str],
                    observer: Any) -> Callable[[str], None] | None:
    """A callback that stamps the plan's revisions into `alembic_version`, or None (no revisions).

    The runner calls it once the whole plan is done (once per migration); the first call stamps
    every revision of the plan in revision order (along `down_revision`, not in the order the
    phases touched them), later calls find them stamped and do nothing.
    """
    found = [revision_of(m) for m in dict.fromkeys(s.migration for s in plan.steps())]
    revisions = order_revisions(tuple(r for r in found if r is not None))
    if not revisions:
        return None

    by_id = {r.revision: r for r in revisions}
    stamped: list[bool] = []

    def stamp(_migration: str) -> None:
        if stamped:
            return
        for revision in revisions:
            if revision.revision not in _applied(current_heads(session), by_id):
                _stamp_one(session, revision, observer)
        stamped.append(True)

    return stamp


def _applied(heads: Sequence[str], by_id: dict[str, RevisionFile]) -> set[str]:
    """The heads and all their ancestors (as far as the known revisions tell)."""
    applied: set[str] = set()
    stack = list(heads)
    while stack:
        current = stack.pop()
        if current in applied:
            continue
        applied.add(current)
        if current in by_id:
            stack.extend(by_id[current].down_revisions)
    return applied


def unstamp(session: AnySession, migrations: Sequence[str], observer: Any) -> None:
    """After a rollback: `alembic_version` goes back to before the plan's first revision.

    Only when the table records one of the plan's revisions (the plan had been stamped).
    """
    revisions = order_revisions(tuple(r for r in map(revision_of, migrations) if r is not None))
    if not revisions:
        return
    ours = {r.revision for r in revisions}
    heads = current_heads(session)
    if not ours & set(heads):
        return
    table = sql.Identifier(VERSION_TABLE)
    with session.transaction(Timeouts(lock_timeout_ms=2_000, statement_timeout_ms=10_000)):
        session.run_query(sql.SQL("DELETE FROM {} WHERE version_num = ANY(%s)").format(table), (sorted(ours),))
        for parent in revisions[0].down_revisions:
            session.run_query(sql.SQL("INSERT INTO {} (version_num) VALUES (%s) ON CONFLICT DO NOTHING")
                              .format(table), (parent,))
    back_to = ", ".join(revisions[0].down_revisions) or "no revision"
    observer.message(f"alembic_version set back to {back_to} (before {revisions[0].revision})")


def _stamp_one(session: AnySession, revision: RevisionFile, observer: Any) -> None:
    table = sql.Identifier(VERSION_TABLE)
    with session.transaction(Timeouts(lock_timeout_ms=2_000, statement_timeout_ms=10_000)):
        session.run_query(sql.SQL(
            "CREATE TABLE IF NOT EXISTS {} (version_num varchar(32) NOT NULL, "
            "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))").format(table))
        session.run_query(sql.SQL("DELETE FROM {} WHERE version_num = ANY(%s)").format(table),
                          (list(revision.down_revisions),))
        session.run_query(sql.SQL("INSERT INTO {} (version_num) VALUES (%s)").format(table),
                          (revision.revision,))
    observer.message(f"stamped alembic_version = {revision.revision} ({revision.path})")


def _load_module(path: str) -> Any:
    name = f"_migrator_online_revision_{abs(hash(path))}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise StatementFailed(None, f"cannot import Alembic revision {path}")
    module = importlib.util.module_from_spec(spec)
    parent = str(Path(path).resolve().parent.parent.parent)
    added = parent not in sys.path
    if added:
        sys.path.insert(0, parent)
    try:
        spec.loader.exec_module(module)
    finally:
        if added:
            sys.path.remove(parent)
    return module


def run_revision_online(path: str, dsn: str, timeouts: Timeouts,
                        record_done: Callable[[Any], None]) -> None:
    """Run one revision's `upgrade()` online, with our timeouts, in one transaction.

    `record_done(psycopg_connection)` runs inside that transaction (the step's state row), so
    the revision and its record commit together.

    Raises:
        StatementFailed: with the SQLSTATE of the failure (55P03 is retried by the runner).
    """
    import psycopg
    import sqlalchemy as sa
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext

    module = _load_module(path)
    engine = sa.create_engine(
        "postgresql+psycopg://", poolclass=sa.pool.NullPool,
        creator=lambda: psycopg.connect(dsn, application_name="migrator alembic"),
    )
    try:
        with engine.connect() as connection, connection.begin():
            for name, value in (("lock_timeout", timeouts.lock_timeout_ms),
                                ("statement_timeout", timeouts.statement_timeout_ms),
                                ("idle_in_transaction_session_timeout",
                                 timeouts.idle_in_transaction_session_timeout_ms)):
                connection.execute(sa.text("SELECT set_config(:name, :value, true)"),
                                   {"name": name, "value": f"{int(value)}ms"})
            context = MigrationContext.configure(connection)
            with Operations.context(context):
                module.upgrade()
            record_done(connection.connection.driver_connection)
    except sa.exc.DBAPIError as exc:
        sqlstate = getattr(exc.orig, "sqlstate", None)
        raise StatementFailed(sqlstate, redact_text(str(exc.orig).strip())) from None
    finally:
        engine.dispose()
