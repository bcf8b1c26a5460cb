"""Catalog checks that make steps re-runnable: skip what is already done, clean what is half-done.

- `already_done(step)`: the step would change nothing (its `precheck_sql` returns a row, an
  `ADD COLUMN IF NOT EXISTS` column exists, a concurrently built index exists and is valid, a
  dropped index is gone, a constraint is already validated). The executor then skips it, so it
  takes no lock at all.
- `clean_leftovers(step)`: before (and after a failed) concurrent index build, drop the INVALID
  index a failed `CREATE INDEX CONCURRENTLY` left behind (`IF NOT EXISTS` alone would keep it),
  and the `_ccnew`/`_ccold` indexes of an interrupted `REINDEX CONCURRENTLY`, each with
  `DROP INDEX CONCURRENTLY` so the cleanup blocks nobody either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from psycopg import sql

from migrator.executor import ddl
from migrator.executor.session import AnySession
from migrator.planner.model import Step


@dataclass(frozen=True, slots=True)
class IndexState:
    schema: str
    name: str
    valid: bool


def index_state(session: AnySession, index: ddl.Name, table: ddl.Name | None = None) -> IndexState | None:
    """The index named `index` (in `table`'s schema when unqualified and a table is given)."""
    if index.schema is None and table is not None:
        rows = session.read(
            "SELECT n.nspname, c.relname, i.indisvalid FROM pg_class c "
            "JOIN pg_index i ON i.indexrelid = c.oid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relname = %s AND c.relnamespace = "
            "(SELECT relnamespace FROM pg_class WHERE oid = to_regclass(%s))",
            (index.name, table.quoted()),
        )
    else:
        rows = session.read(
            "SELECT n.nspname, c.relname, i.indisvalid FROM pg_class c "
            "JOIN pg_index i ON i.indexrelid = c.oid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.oid = to_regclass(%s)",
            (index.quoted(),),
        )
    if not rows:
        return None
    return IndexState(str(rows[0][0]), str(rows[0][1]), bool(rows[0][2]))


def column_exists(session: AnySession, table: ddl.Name, column: str) -> bool:
    rows = session.read(
        "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(%s) AND attname = %s "
        "AND attnum > 0 AND NOT attisdropped",
        (table.quoted(), column),
    )
    return bool(rows)


def constraint_state(session: AnySession, table: ddl.Name, constraint: str) -> bool | None:
    """True (validated), False (NOT VALID) or None (no such constraint on the table)."""
    rows = session.read(
        "SELECT convalidated FROM pg_constraint WHERE conrelid = to_regclass(%s) AND conname = %s",
        (table.quoted(), constraint),
    )
    return None if not rows else bool(rows[0][0])


def already_done(session: AnySession, step: Step) -> str | None:
    """Why `step` would change nothing (then it is skipped), or None when it must run."""
    if step.precheck_sql:
        if session.read(step.precheck_sql):
            return "its precheck found the change already in place"
        return None
    if step.sql is None:
        return None
    form = ddl.recognise(step.sql)
    if isinstance(form, ddl.AddColumnIfNotExists) and column_exists(session, form.table, form.column):
        return f"column {form.column} already exists on {form.table}"
    if isinstance(form, ddl.CreateIndex):
        state = index_state(session, ddl.Name(form.index), form.table)
        if state is not None and state.valid and (form.if_not_exists or not step.transactional):
            return f"index {state.schema}.{state.name} already exists and is valid"
    dropping = isinstance(form, ddl.DropIndex) and (form.if_exists or not step.transactional)
    if dropping and all(index_state(session, name) is None for name in form.indexes):  # type: ignore[union-attr]
        return "the index is already gone"
    if isinstance(form, ddl.ValidateConstraint) and constraint_state(session, form.table, form.constraint) is True:
        return f"constraint {form.constraint} is already validated"
    return None


def leftovers(session: AnySession, step: Step) -> tuple[IndexState, ...]:
    """INVALID indexes that an interrupted or failed run of `step` may have left behind."""
    if step.sql is None:
        return ()
    form = ddl.recognise(step.sql)
    if isinstance(form, ddl.CreateIndex) and form.concurrently:
        state = index_state(session, ddl.Name(form.index), form.table)
        return (state,) if state is not None and not state.valid else ()
    if isinstance(form, ddl.Reindex) and form.concurrently:
        return _reindex_leftovers(session, form)
    return ()


def _reindex_leftovers(session: AnySession, form: ddl.Reindex) -> tuple[IndexState, ...]:
    if form.target_kind == "INDEX":
        target = session.read(
            "SELECT i.indrelid, c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "WHERE i.indexrelid = to_regclass(%s)",
            (form.target.quoted(),),
        )
        if not target:
            return ()
        table_oid, pattern = target[0][0], re.compile(re.escape(str(target[0][1])) + r"_cc(new|old)\d*$")
    else:
        table = session.read("SELECT to_regclass(%s)::oid", (form.target.quoted(),))
        if not table or table[0][0] is None:
            return ()
        table_oid, pattern = table[0][0], re.compile(r".*_cc(new|old)\d*$")
    rows = session.read(
        "SELECT n.nspname, c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT i.indisvalid AND i.indrelid = %s",
        (table_oid,),
    )
    return tuple(IndexState(str(r[0]), str(r[1]), False) for r in rows if pattern.match(str(r[1])))


def drop_index_concurrently(index: IndexState) -> sql.Composed:
    """`DROP INDEX CONCURRENTLY IF EXISTS schema.name`, identifiers quoted."""
    return sql.SQL("DROP INDEX CONCURRENTLY IF EXISTS {}.{}").format(
        sql.Identifier(index.schema), sql.Identifier(index.name)
    )
