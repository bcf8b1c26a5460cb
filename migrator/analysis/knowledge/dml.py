"""Data statements in migrations: UPDATE, DELETE, INSERT, INSERT … SELECT, SELECT [FOR UPDATE].

Source: explicit-locking.html (13.3.1: UPDATE/DELETE/INSERT take ROW EXCLUSIVE, SELECT ACCESS
SHARE, SELECT FOR UPDATE ROW SHARE; 13.3.2 row-level locks are held until the transaction ends).
A whole-table UPDATE or DELETE locks every row, so concurrent writers of those rows wait until it
commits. Measured: an INSERT into a table with a foreign key takes ROW SHARE on the referenced table.
"""

from __future__ import annotations

from migrator.analysis.actions import Action
from migrator.analysis.context import Context
from migrator.analysis.knowledge._common import BASE, SOLO
from migrator.analysis.knowledge.entry import Entry, Target, on
from migrator.analysis.locks import LockMode
from migrator.analysis.schema import ConstraintKind

RE = LockMode.ROW_EXCLUSIVE
RS = LockMode.ROW_SHARE
AS = LockMode.ACCESS_SHARE
DOC = "explicit-locking.html#LOCKING-ROWS"


def _where(present: bool):  # type: ignore[no-untyped-def]
    return lambda a, ctx: a.has_where == present


def _key_columns(table: str, ctx: Context) -> set[str]:
    t = ctx.schema.table(table)
    if t is None:
        return set()
    return {c for k in t.constraints if k.kind in (ConstraintKind.PRIMARY_KEY, ConstraintKind.UNIQUE) for c in k.columns}


def _updates_referenced_key(a: Action, ctx: Context) -> bool:
    """UPDATE of a key column that other tables' foreign keys reference: the RI check (ON UPDATE
    NO ACTION / RESTRICT) reads the referencing tables with FOR KEY SHARE."""
    if not a.table or not ctx.schema.referencing_tables(a.table):
        return False
    return bool(set(a.target_columns) & _key_columns(a.table, ctx))


def _updates_fk_column(a: Action, ctx: Context) -> bool:
    """UPDATE of a foreign-key column: the RI check reads the referenced table FOR KEY SHARE."""
    t = ctx.schema.table(a.table) if a.table else None
    if t is None:
        return False
    fk_columns = {c for k in t.constraints if k.kind is ConstraintKind.FOREIGN_KEY and k.referenced for c in k.columns}
    return bool(set(a.target_columns) & fk_columns)


def _deletes_referenced(a: Action, ctx: Context) -> bool:
    return bool(a.table) and bool(ctx.schema.referencing_tables(a.table or ""))


_RI_REFERENCING = (on(Target.FK_CHECKED, RS), on(Target.FK_CHECKED_INDEXES, RS),
                   on(Target.FK_CASCADED, RE), on(Target.FK_CASCADED_INDEXES, RE))
_RI_REFERENCED = (on(Target.FK_TARGETS, RS), on(Target.FK_TARGET_INDEXES, RS))
_UPDATE_LOCKS = (on(Target.WRITTEN, RE), on(Target.WRITTEN_INDEXES, RE), on(Target.SOURCES, AS),
                 on(Target.SOURCE_INDEXES, AS), on(Target.CALLED_SEQUENCES, RE))
_REFERENCED = (
    "CREATE TABLE parent (id int PRIMARY KEY, name text);\n"
    "INSERT INTO parent VALUES (1, 'a'), (2, 'b'), (3, 'c');\n"
    "CREATE TABLE t (id int PRIMARY KEY, c int, pid int REFERENCES parent (id));\n"
    "INSERT INTO t VALUES (1, 1, 1), (2, 2, 2);\n"
    "CREATE INDEX t_c_idx ON t (c);\n"
)


ENTRIES: tuple[Entry, ...] = (
    Entry(
        id="dml.update-all-rows", verb="UPDATE", form="UPDATE t SET … (no WHERE)", doc=DOC,
        locks=_UPDATE_LOCKS, scan=True, row_locks=True, test=_where(False),
        reason="A whole-table UPDATE locks every row until commit: concurrent writers of those rows "
               "wait, for a time that grows with the table; backfill in small batches instead.",
        setup=SOLO, example="UPDATE s SET c = c + 1",
    ),
    Entry(
        id="dml.update-where", verb="UPDATE", form="UPDATE t SET … WHERE …", doc=DOC,
        locks=_UPDATE_LOCKS, test=_where(True), some_row_locks=True,
        reason="UPDATE … WHERE locks the rows it changes until commit: writers of those rows wait, and "
               "the WHERE decides how many (on a large table, batch it).",
        setup=SOLO, example="UPDATE s SET c = 0 WHERE id = 1",
    ),
    Entry(
        id="dml.update-referenced-key", verb="UPDATE", form="UPDATE t SET <key referenced by a foreign key> …",
        doc="sql-createtable.html#SQL-CREATETABLE-PARMS-REFERENCES", locks=_RI_REFERENCING,
        test=_updates_referenced_key,
        reason="Changing a referenced key runs the foreign-key triggers of the referencing tables: a check "
               "(ROW SHARE, FOR KEY SHARE on their matching rows), or with ON UPDATE CASCADE / SET NULL an update "
               "of those rows (ROW EXCLUSIVE, row locks held until commit).",
        setup=_REFERENCED, example="UPDATE parent SET id = 30 WHERE id = 3",
    ),
    Entry(
        id="dml.update-fk-column", verb="UPDATE", form="UPDATE t SET <foreign-key column> …",
        doc="sql-createtable.html#SQL-CREATETABLE-PARMS-REFERENCES", locks=_RI_REFERENCED,
        test=_updates_fk_column,
        reason="Changing a foreign-key column checks the new value in the referenced table (ROW SHARE: "
               "FOR KEY SHARE on the referenced row).",
        setup=_REFERENCED, example="UPDATE t SET pid = 3 WHERE id = 1",
    ),
    Entry(
        id="dml.delete-all-rows", verb="DELETE", form="DELETE FROM t (no WHERE)", doc=DOC,
        locks=(on(Target.WRITTEN, RE), on(Target.WRITTEN_INDEXES, RE), on(Target.SOURCES, AS), on(Target.SOURCE_INDEXES, AS)),
        scan=True, row_locks=True, destructive=True, test=_where(False),
        reason="DELETE without WHERE removes every row (data loss) and locks them all until commit.",
        setup=SOLO, example="DELETE FROM s",
    ),
    Entry(
        id="dml.delete-where", verb="DELETE", form="DELETE FROM t WHERE …", doc=DOC,
        locks=(on(Target.WRITTEN, RE), on(Target.WRITTEN_INDEXES, RE), on(Target.SOURCES, AS), on(Target.SOURCE_INDEXES, AS)),
        test=_where(True), some_row_locks=True,
        reason="DELETE … WHERE locks the rows it removes until commit: writers of those rows wait, and "
               "the WHERE decides how many (on a large table, batch it).",
        setup=SOLO, example="DELETE FROM s WHERE id = 1",
    ),
    Entry(
        id="dml.delete-referenced", verb="DELETE", form="DELETE FROM <table referenced by a foreign key> …",
        doc="sql-createtable.html#SQL-CREATETABLE-PARMS-REFERENCES", locks=_RI_REFERENCING,
        test=_deletes_referenced,
        reason="Deleting referenced rows runs the foreign-key triggers of the referencing tables: a check "
               "(ROW SHARE), or with ON DELETE CASCADE / SET NULL a delete or update of their rows (ROW EXCLUSIVE).",
        setup=_REFERENCED, example="DELETE FROM parent WHERE id = 3",
    ),
    Entry(
        id="dml.insert", verb="INSERT", form="INSERT INTO t VALUES …", doc=DOC,
        locks=(on(Target.WRITTEN, RE), *_RI_REFERENCED, on(Target.DRAWN_SEQUENCES, RE)),
        test=lambda a, ctx: "ON CONFLICT DO UPDATE" not in a.flags,
        reason="INSERT takes ROW EXCLUSIVE: it blocks no reader or writer.",
        setup=BASE, example="INSERT INTO t (id, c, pid) VALUES (10, 10, 1)",
    ),
    Entry(
        id="dml.insert-on-conflict-update", verb="INSERT", form="INSERT … ON CONFLICT (…) DO UPDATE", doc="sql-insert.html#SQL-ON-CONFLICT",
        locks=(on(Target.TABLE, RE), on(Target.ARBITER_INDEX, RE), *_RI_REFERENCED, on(Target.DRAWN_SEQUENCES, RE)),
        test=lambda a, ctx: "ON CONFLICT DO UPDATE" in a.flags, some_row_locks=True,
        reason="INSERT … ON CONFLICT DO UPDATE locks the conflicting rows it updates until commit: writers of "
               "those rows wait.",
        setup=SOLO, example="INSERT INTO s VALUES (1, 5, 'x') ON CONFLICT (id) DO UPDATE SET c = EXCLUDED.c",
    ),
    Entry(
        id="dml.insert-on-conflict-on-constraint", verb="INSERT", form="INSERT … ON CONFLICT ON CONSTRAINT c …",
        doc="sql-insert.html#SQL-ON-CONFLICT", locks=(on(Target.ARBITER_INDEX, RE),), recurse=False,
        test=lambda a, ctx: "ON CONSTRAINT" in a.flags,
        reason="ON CONFLICT ON CONSTRAINT opens the constraint's index as the arbiter (ROW EXCLUSIVE).",
        setup=SOLO, example="INSERT INTO s VALUES (1, 5, 'x') ON CONFLICT ON CONSTRAINT s_pkey DO NOTHING",
    ),
    Entry(
        id="dml.insert-select", verb="INSERT SELECT", form="INSERT INTO t SELECT … FROM u", doc=DOC,
        locks=(on(Target.WRITTEN, RE), on(Target.SOURCES, AS), on(Target.SOURCE_INDEXES, AS), *_RI_REFERENCED,
               on(Target.DRAWN_SEQUENCES, RE)),
        scan=True,
        reason="INSERT … SELECT reads its sources under ACCESS SHARE and blocks nobody, but a large copy "
               "makes a long transaction; batch it.",
        setup=BASE, example="INSERT INTO t SELECT id + 10, c, v, ts, pid FROM t",
    ),
    Entry(
        id="dml.insert-select-itself", verb="INSERT SELECT", form="INSERT INTO t SELECT … FROM t",
        doc="explicit-locking.html#LOCKING-TABLES", locks=(on(Target.TABLE_INDEXES, AS),),
        test=lambda a, ctx: "READS ITSELF" in a.flags,
        reason="Reading its own table, the query's planner also takes ACCESS SHARE on that table's indexes.",
        setup=BASE, example="INSERT INTO t SELECT id + 10, c, v, ts, pid FROM t",
    ),
    Entry(
        id="dml.merge", verb="MERGE", form="MERGE INTO t USING … WHEN MATCHED …", doc="sql-merge.html",
        locks=(*_UPDATE_LOCKS, *_RI_REFERENCED, on(Target.DRAWN_SEQUENCES, RE)),
        test=lambda a, ctx: "WHEN MATCHED" in a.flags, some_row_locks=True, when=lambda caps: caps.merge,
        reason="MERGE takes ROW EXCLUSIVE and locks the rows it updates or deletes until commit: writers of "
               "those rows wait, and the join decides how many.",
        setup=SOLO, example="MERGE INTO s USING (SELECT 1 AS id) x ON s.id = x.id WHEN MATCHED THEN UPDATE SET c = 0",
    ),
    Entry(
        id="dml.merge-insert-only", verb="MERGE", form="MERGE INTO t USING … WHEN NOT MATCHED THEN INSERT",
        doc="sql-merge.html", locks=(*_UPDATE_LOCKS, *_RI_REFERENCED, on(Target.DRAWN_SEQUENCES, RE)),
        test=lambda a, ctx: "WHEN MATCHED" not in a.flags, when=lambda caps: caps.merge,
        reason="MERGE … WHEN NOT MATCHED THEN INSERT takes ROW EXCLUSIVE: it blocks no reader or writer.",
        setup=SOLO, example="MERGE INTO s USING (SELECT 9 AS id) x ON s.id = x.id WHEN NOT MATCHED THEN INSERT VALUES (x.id, 9, 'z')",
    ),
    Entry(
        id="dml.select", verb="SELECT", form="SELECT … FROM t", doc="explicit-locking.html#LOCKING-TABLES",
        locks=(on(Target.SOURCES, AS), on(Target.SOURCE_INDEXES, AS), on(Target.CALLED_SEQUENCES, RE)),
        test=lambda a, ctx: "FOR UPDATE" not in a.flags,
        reason="SELECT takes ACCESS SHARE: it blocks no reader or writer.",
        setup=SOLO, example="SELECT count(*) FROM s",
    ),
    Entry(
        id="dml.select-for-update", verb="SELECT", form="SELECT … FROM t FOR UPDATE (no WHERE)", doc=DOC,
        locks=(on(Target.SOURCES, RS), on(Target.SOURCE_INDEXES, RS)), row_locks=True,
        test=lambda a, ctx: "FOR UPDATE" in a.flags and not a.has_where,
        reason="SELECT … FOR UPDATE over the whole table locks every row until commit: writers of those rows wait.",
        setup=SOLO, example="SELECT * FROM s FOR UPDATE",
    ),
    Entry(
        id="dml.select-for-update-where", verb="SELECT", form="SELECT … FROM t WHERE … FOR UPDATE", doc=DOC,
        locks=(on(Target.SOURCES, RS), on(Target.SOURCE_INDEXES, RS)), some_row_locks=True,
        test=lambda a, ctx: "FOR UPDATE" in a.flags and a.has_where,
        reason="SELECT … WHERE … FOR UPDATE locks the rows it selects until commit: writers of those rows wait.",
        setup=SOLO, example="SELECT * FROM s WHERE id = 1 FOR UPDATE",
    ),
    Entry(
        id="dml.select-into", verb="SELECT INTO", form="SELECT … INTO new_table FROM t", doc="sql-selectinto.html",
        locks=(on(Target.SOURCES, AS), on(Target.SOURCE_INDEXES, AS)), scan=True,
        reason="SELECT INTO creates a new table from a query: it reads its sources without blocking anyone.",
        setup=SOLO, example="SELECT * INTO s_copy FROM s",
    ),
)
