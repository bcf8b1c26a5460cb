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

RE = LockMode.ROW_EXCLUSIVE
RS = LockMode.ROW_SHARE
AS = LockMode.ACCESS_SHARE
DOC = "explicit-locking.html#LOCKING-ROWS"


def _where(present: bool):  # type: ignore[no-untyped-def]
    return lambda a, ctx: a.has_where == present


def _updates_fk_column(a: Action, ctx: Context) -> bool:
    return False


ENTRIES: tuple[Entry, ...] = (
    Entry(
        id="dml.update-all-rows", verb="UPDATE", form="UPDATE t SET … (no WHERE)", doc=DOC,
        locks=(on(Target.TABLE, RE), on(Target.TABLE_INDEXES, RE), on(Target.SOURCES, AS)),
        scan=True, row_locks=True, test=_where(False),
        reason="A whole-table UPDATE locks every row until commit: concurrent writers of those rows "
               "wait, for a time that grows with the table; backfill in small batches instead.",
        setup=SOLO, example="UPDATE s SET c = c + 1",
    ),
    Entry(
        id="dml.update-where", verb="UPDATE", form="UPDATE t SET … WHERE …", doc=DOC,
        locks=(on(Target.TABLE, RE), on(Target.TABLE_INDEXES, RE), on(Target.SOURCES, AS)), test=_where(True),
        some_row_locks=True,
        reason="UPDATE … WHERE locks the rows it changes until commit: writers of those rows wait, and "
               "the WHERE decides how many (on a large table, batch it).",
        setup=SOLO, example="UPDATE s SET c = 0 WHERE id = -1",
    ),
    Entry(
        id="dml.delete-all-rows", verb="DELETE", form="DELETE FROM t (no WHERE)", doc=DOC,
        locks=(on(Target.TABLE, RE), on(Target.TABLE_INDEXES, RE), on(Target.SOURCES, AS)),
        scan=True, row_locks=True, destructive=True, test=_where(False),
        reason="DELETE without WHERE removes every row (data loss) and locks them all until commit.",
        setup=SOLO, example="DELETE FROM s",
    ),
    Entry(
        id="dml.delete-where", verb="DELETE", form="DELETE FROM t WHERE …", doc=DOC,
        locks=(on(Target.TABLE, RE), on(Target.TABLE_INDEXES, RE), on(Target.SOURCES, AS)), test=_where(True),
        some_row_locks=True,
        reason="DELETE … WHERE locks the rows it removes until commit: writers of those rows wait, and "
               "the WHERE decides how many (on a large table, batch it).",
        setup=SOLO, example="DELETE FROM s WHERE id = -1",
    ),
    Entry(
        id="dml.insert", verb="INSERT", form="INSERT INTO t VALUES …", doc=DOC,
        locks=(on(Target.TABLE, RE), on(Target.FK_TARGETS, RS)),
        reason="INSERT takes ROW EXCLUSIVE: it blocks no reader or writer.",
        setup=BASE, example="INSERT INTO t (id, c, pid) VALUES (10, 10, 1)",
    ),
    Entry(
        id="dml.insert-select", verb="INSERT SELECT", form="INSERT INTO t SELECT … FROM u", doc=DOC,
        locks=(on(Target.TABLE, RE), on(Target.SOURCES, AS), on(Target.SOURCE_INDEXES, AS), on(Target.FK_TARGETS, RS)),
        scan=True,
        reason="INSERT … SELECT reads its sources under ACCESS SHARE and blocks nobody, but a large copy "
               "makes a long transaction; batch it.",
        setup=BASE, example="INSERT INTO t SELECT id + 10, c, v, ts, pid FROM t",
    ),
    Entry(
        id="dml.select", verb="SELECT", form="SELECT … FROM t", doc="explicit-locking.html#LOCKING-TABLES",
        locks=(on(Target.SOURCES, AS), on(Target.SOURCE_INDEXES, AS)),
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
        id="dml.select-into", verb="SELECT INTO", form="SELECT … INTO new_table FROM t", doc="sql-selectinto.html",
        locks=(on(Target.SOURCES, AS), on(Target.SOURCE_INDEXES, AS)), scan=True,
        reason="SELECT INTO creates a new table from a query: it reads its sources without blocking anyone.",
        setup=SOLO, example="SELECT * INTO s_copy FROM s",
    ),
)
