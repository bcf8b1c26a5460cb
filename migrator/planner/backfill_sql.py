"""SQL text for a `Backfill`: one batch statement (for display and executors) and a
self-contained keyset loop (for `--emit sql`, Alembic revisions and tests).

`Backfill.table` is schema-qualified and unquoted (`public.users`), `key` plain names; both are
quoted here; `set_sql`/`where_sql` are user text, passed through.
"""

from __future__ import annotations

from collections.abc import Callable

from migrator.planner.model import Backfill
from migrator.planner.sqltext import QualifiedName, quote_ident


def table_sql(backfill: Backfill) -> str:
    """The quoted table name (`Backfill.table` is schema-qualified, unquoted)."""
    return QualifiedName.parse(backfill.table).sql


def key_list(backfill: Backfill) -> str:
    return ", ".join(quote_ident(k) for k in backfill.key)


def batch_sql(backfill: Backfill) -> str:
    """One batch, with `%(last)s`-style placeholders: rows after the cursor up to the upper
    bound captured when the backfill started, locked FOR NO KEY UPDATE."""
    keys = key_list(backfill)
    table = table_sql(backfill)
    where = f" AND ({backfill.where_sql})" if backfill.where_sql else ""
    select = (
        f"SELECT {keys} FROM {table} WHERE ({keys}) > (:last) AND ({keys}) <= (:upper){where} "
        f"ORDER BY {keys} LIMIT {backfill.batch_size} FOR NO KEY UPDATE"
    )
    if backfill.delete:
        return f"DELETE FROM {table} WHERE ({keys}) IN ({select})"
    return f"UPDATE {table} SET {backfill.set_sql} WHERE ({keys}) IN ({select})"


def keyset_loop_sql(backfill: Backfill) -> str:
    """A DO block that runs the whole backfill in batches, committing after each one.

    It must run outside a transaction block (autocommit) so that each batch commits. The upper
    bound is read once at the start: rows inserted later are covered by the default or the
    sync trigger (or, for a data change, would not have been seen by the single statement)."""
    if not backfill.key:
        raise ValueError(f"backfill of {backfill.table} has no key to walk")
    n = len(backfill.key)
    table = table_sql(backfill)
    keys = key_list(backfill)
    last_vars = ", ".join(f"last_{i}" for i in range(n))
    upper_vars = ", ".join(f"upper_{i}" for i in range(n))
    declare = "\n".join(
        f"  last_{i} {table}.{quote_ident(k)}%TYPE;\n  upper_{i} {table}.{quote_ident(k)}%TYPE;"
        for i, k in enumerate(backfill.key)
    )
    desc = ", ".join(f"{quote_ident(k)} DESC" for k in backfill.key)
    where = f" AND ({backfill.where_sql})" if backfill.where_sql else ""
    batch_select = (
        f"SELECT {keys} FROM {table} "
        f"WHERE (NOT started OR ({keys}) > ({last_vars})) AND ({keys}) <= ({upper_vars}){where} "
        f"ORDER BY {keys} LIMIT {backfill.batch_size} FOR NO KEY UPDATE"
    )
    if backfill.delete:
        change = f"DELETE FROM {table} WHERE ({keys}) IN (SELECT {keys} FROM batch)"
    else:
        change = f"UPDATE {table} SET {backfill.set_sql} WHERE ({keys}) IN (SELECT {keys} FROM batch)"
    return (
        "DO $mig$\nDECLARE\n"
        f"{declare}\n  started boolean := false;\n"
        "BEGIN\n"
        f"  SELECT {keys} INTO {upper_vars} FROM {table} ORDER BY {desc} LIMIT 1;\n"
        "  IF NOT FOUND THEN RETURN; END IF;\n"
        "  LOOP\n"
        f"    WITH batch AS ({batch_select}),\n"
        f"         changed AS ({change})\n"
        f"    SELECT {keys} INTO {last_vars} FROM batch ORDER BY {desc} LIMIT 1;\n"
        "    EXIT WHEN NOT FOUND;\n"
        "    started := true;\n"
        "    COMMIT;\n"
        "  END LOOP;\n"
        "END\n$mig$"
    )


def keyset_batch_statements(
    backfill: Backfill, placeholder: Callable[[str], str] = lambda name: f":{name}"
) -> tuple[str, str, str]:
    """Statements for a client-side keyset loop: `(upper, first, next)`.

    `upper` returns the key of the last row (the bound captured at the start). `first` and
    `next` change one batch and return the key of its last row (no row: done); `next` takes the
    previous batch's last key as `last_<i>`, both take `upper_<i>`, through `placeholder(name)`.
    Each statement is one short transaction when run in autocommit.
    """
    if not backfill.key:
        raise ValueError(f"backfill of {backfill.table} has no key to walk")
    table = table_sql(backfill)
    keys = key_list(backfill)
    n = len(backfill.key)
    desc = ", ".join(f"{quote_ident(k)} DESC" for k in backfill.key)
    upper = f"SELECT {keys} FROM {table} ORDER BY {desc} LIMIT 1"
    upper_params = ", ".join(placeholder(f"upper_{i}") for i in range(n))
    last_params = ", ".join(placeholder(f"last_{i}") for i in range(n))
    where = f" AND ({backfill.where_sql})" if backfill.where_sql else ""

    def statement(lower: str) -> str:
        batch = (
            f"SELECT {keys} FROM {table} WHERE {lower}({keys}) <= ({upper_params}){where} "
            f"ORDER BY {keys} LIMIT {backfill.batch_size} FOR NO KEY UPDATE"
        )
        if backfill.delete:
            change = f"DELETE FROM {table} WHERE ({keys}) IN (SELECT {keys} FROM batch)"
        else:
            change = f"UPDATE {table} SET {backfill.set_sql} WHERE ({keys}) IN (SELECT {keys} FROM batch)"
        return f"WITH batch AS ({batch}), changed AS ({change}) SELECT {keys} FROM batch ORDER BY {desc} LIMIT 1"

    return upper, statement(""), statement(f"({keys}) > ({last_params}) AND ")
