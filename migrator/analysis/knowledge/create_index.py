"""CREATE / DROP / REINDEX / ALTER INDEX.

Source: sql-createindex.html ("Creating an index … locks out writes (but not reads) … SHARE";
CONCURRENTLY: SHARE UPDATE EXCLUSIVE, cannot run in a transaction block; ON ONLY), sql-dropindex.html
(ACCESS EXCLUSIVE; CONCURRENTLY), sql-reindex.html (REINDEX takes SHARE on the table and ACCESS
EXCLUSIVE on the index; CONCURRENTLY, PostgreSQL 12+), sql-alterindex.html (RENAME and SET take
SHARE UPDATE EXCLUSIVE).
"""

from __future__ import annotations

from migrator.analysis.actions import Action
from migrator.analysis.context import Context
from migrator.analysis.knowledge._common import PARTITIONED, SOLO
from migrator.analysis.knowledge.entry import Entry, Target, on
from migrator.analysis.locks import LockMode

AE = LockMode.ACCESS_EXCLUSIVE
SUE = LockMode.SHARE_UPDATE_EXCLUSIVE
S = LockMode.SHARE
AS = LockMode.ACCESS_SHARE


def _flag(name: str, present: bool = True):  # type: ignore[no-untyped-def]
    return lambda a, ctx: (name in a.flags) == present


def _partitioned_table(a: Action, ctx: Context) -> bool:
    t = ctx.schema.table(a.table) if a.table else None
    return t is not None and t.partitioned


def _partitioned_index(a: Action, ctx: Context) -> bool:
    i = ctx.schema.indexes.get(a.index) if a.index else None
    return i is not None and i.partitioned


def _only_on_partitioned(a: Action, ctx: Context) -> bool:
    t = ctx.schema.table(a.table) if a.table else None
    return "ONLY" in a.flags and t is not None and t.partitioned


def _plain_build(a: Action, ctx: Context) -> bool:
    return "CONCURRENTLY" not in a.flags and not _only_on_partitioned(a, ctx)


ENTRIES: tuple[Entry, ...] = (
    Entry(
        id="create-index", verb="CREATE INDEX", form="CREATE [UNIQUE] INDEX i ON t (…)",
        doc="sql-createindex.html", locks=(on(Target.TABLE, S),), scan=True, test=_plain_build,
        reason="CREATE INDEX holds SHARE on the table for the whole build: writes wait (reads continue); "
               "use CREATE INDEX CONCURRENTLY.",
        setup=SOLO, example="CREATE INDEX s_v_idx ON s (v)",
    ),
    Entry(
        id="create-index.partitioned", verb="CREATE INDEX", form="CREATE INDEX i ON partitioned_parent (…)",
        doc="sql-createindex.html#SQL-CREATEINDEX-NOTES", locks=(on(Target.TABLE, S),), scan=True,
        test=lambda a, ctx: _plain_build(a, ctx) and bool(a.table and (t := ctx.schema.table(a.table)) and t.partitioned),
        reason="On a partitioned table the index is built on every partition, each under SHARE (writes wait).",
        setup=PARTITIONED, example="CREATE INDEX m_k_idx ON m (k)",
    ),
    Entry(
        id="create-index.concurrently", verb="CREATE INDEX", form="CREATE INDEX CONCURRENTLY i ON t (…)",
        doc="sql-createindex.html#SQL-CREATEINDEX-CONCURRENTLY", locks=(on(Target.TABLE, SUE),), scan=True,
        transactional=False,
        test=lambda a, ctx: "CONCURRENTLY" in a.flags and not bool(
            a.table and (t := ctx.schema.table(a.table)) and t.partitioned),
        reason="CREATE INDEX CONCURRENTLY builds under SHARE UPDATE EXCLUSIVE: reads and writes continue, "
               "but it scans the table twice and waits for older transactions; it cannot run in a "
               "transaction block, and a failure leaves an INVALID index.",
        setup=SOLO, example="CREATE INDEX CONCURRENTLY s_v_idx ON s (v)",
    ),
    Entry(
        id="create-index.concurrently-partitioned", verb="CREATE INDEX",
        form="CREATE INDEX CONCURRENTLY i ON partitioned_parent (…)", doc="sql-createindex.html#SQL-CREATEINDEX-NOTES",
        locks=(), transactional=False, fails_on_data=True,
        test=lambda a, ctx: "CONCURRENTLY" in a.flags and bool(
            a.table and (t := ctx.schema.table(a.table)) and t.partitioned),
        reason="PostgreSQL rejects CREATE INDEX CONCURRENTLY on a partitioned table: create the index ON "
               "ONLY the parent, build each partition's index CONCURRENTLY, then ATTACH them.",
        setup=PARTITIONED, example="CREATE INDEX CONCURRENTLY m_k_idx ON m (k)",
    ),
    Entry(
        id="create-index.on-only", verb="CREATE INDEX", form="CREATE INDEX i ON ONLY partitioned_parent (…)",
        doc="sql-createindex.html#SQL-CREATEINDEX-NOTES", locks=(on(Target.TABLE, S),), test=_only_on_partitioned,
        reason="ON ONLY creates an invalid index on the parent alone (no partition is built): a short SHARE lock.",
        setup=PARTITIONED, example="CREATE INDEX m_k_idx ON ONLY m (k)",
    ),
    Entry(
        id="drop-index", verb="DROP INDEX", form="DROP INDEX i",
        doc="sql-dropindex.html", locks=(on(Target.INDEX_TABLE, AE), on(Target.INDEX, AE),
                                         on(Target.PARTITION_INDEX_TABLES, AE), on(Target.PARTITION_INDEXES, AE)),
        test=_flag("CONCURRENTLY", False),
        reason="DROP INDEX takes ACCESS EXCLUSIVE on the index's table (reads and writes wait); use "
               "DROP INDEX CONCURRENTLY.",
        setup=SOLO, example="DROP INDEX s_c_idx",
    ),
    Entry(
        id="drop-index.concurrently", verb="DROP INDEX", form="DROP INDEX CONCURRENTLY i",
        doc="sql-dropindex.html", locks=(on(Target.INDEX_TABLE, SUE), on(Target.INDEX, SUE)),
        transactional=False, test=_flag("CONCURRENTLY"),
        reason="DROP INDEX CONCURRENTLY marks the index invalid under SHARE UPDATE EXCLUSIVE and waits "
               "for the queries using it before its final, brief ACCESS EXCLUSIVE on the unused index: "
               "it blocks nobody; it cannot run in a transaction block.",
        setup=SOLO, example="DROP INDEX CONCURRENTLY s_c_idx",
    ),
    Entry(
        id="reindex.index", verb="REINDEX INDEX", form="REINDEX INDEX i",
        doc="sql-reindex.html", locks=(on(Target.INDEX_TABLE, S), on(Target.INDEX, AE)), scan=True,
        test=lambda a, ctx: "CONCURRENTLY" not in a.flags and not _partitioned_index(a, ctx),
        reason="REINDEX rebuilds the index under SHARE on the table (writes wait) and ACCESS EXCLUSIVE "
               "on the index (reads that would use it wait); use REINDEX CONCURRENTLY.",
        setup=SOLO, example="REINDEX INDEX s_c_idx",
    ),
    Entry(
        id="reindex.partitioned-index", verb="REINDEX INDEX", form="REINDEX INDEX i (partitioned index)",
        doc="sql-reindex.html#SQL-REINDEX-NOTES", locks=(on(Target.INDEX_TABLE, S), on(Target.INDEX, AE)), scan=True,
        transactional=False, test=lambda a, ctx: "CONCURRENTLY" not in a.flags and _partitioned_index(a, ctx),
        reason="REINDEX of a partitioned index rebuilds each partition's index in its own transaction "
               "(SHARE on the partition, ACCESS EXCLUSIVE on its index); it cannot run in a transaction block.",
        setup=PARTITIONED + "CREATE INDEX m_k_idx ON m (k);\n", example="REINDEX INDEX m_k_idx",
    ),
    Entry(
        id="reindex.partitioned-table", verb="REINDEX TABLE", form="REINDEX TABLE t (partitioned table)",
        doc="sql-reindex.html#SQL-REINDEX-NOTES", locks=(on(Target.TABLE, S), on(Target.TABLE_INDEXES, AE)), scan=True,
        transactional=False, test=lambda a, ctx: "CONCURRENTLY" not in a.flags and _partitioned_table(a, ctx),
        reason="REINDEX of a partitioned table rebuilds each partition's indexes in its own transaction "
               "(SHARE on the partition, ACCESS EXCLUSIVE on its indexes); it cannot run in a transaction block.",
        setup=PARTITIONED + "CREATE INDEX m_k_idx ON m (k);\n", example="REINDEX TABLE m",
    ),
    Entry(
        id="reindex.schema", verb="REINDEX SCHEMA", form="REINDEX SCHEMA | DATABASE | SYSTEM",
        doc="sql-reindex.html#SQL-REINDEX-NOTES", locks=(on(Target.SCHEMA_TABLES, S), on(Target.SCHEMA_TABLE_INDEXES, AE)),
        scan=True, transactional=False, test=_flag("CONCURRENTLY", False), recurse=False,
        reason="REINDEX SCHEMA rebuilds every index of every table in the schema, one table per transaction "
               "(SHARE on the table, ACCESS EXCLUSIVE on its indexes); it cannot run in a transaction block.",
        setup=SOLO, example="REINDEX SCHEMA public",
    ),
    Entry(
        id="reindex.schema-concurrently", verb="REINDEX SCHEMA", form="REINDEX SCHEMA CONCURRENTLY s",
        doc="sql-reindex.html#SQL-REINDEX-CONCURRENTLY",
        locks=(on(Target.SCHEMA_TABLES, SUE), on(Target.SCHEMA_TABLE_INDEXES, SUE)),
        scan=True, transactional=False, test=_flag("CONCURRENTLY"), when=lambda caps: caps.reindex_concurrently,
        recurse=False,
        reason="REINDEX SCHEMA CONCURRENTLY rebuilds every index of the schema under SHARE UPDATE EXCLUSIVE; "
               "it cannot run in a transaction block.",
        setup=SOLO, example="REINDEX SCHEMA CONCURRENTLY public",
    ),
    Entry(
        id="reindex.table", verb="REINDEX TABLE", form="REINDEX TABLE t",
        doc="sql-reindex.html", locks=(on(Target.TABLE, S), on(Target.TABLE_INDEXES, AE)), scan=True,
        test=lambda a, ctx: "CONCURRENTLY" not in a.flags and not _partitioned_table(a, ctx),
        reason="REINDEX TABLE rebuilds every index under SHARE on the table and ACCESS EXCLUSIVE on "
               "each index: writes and index reads wait.",
        setup=SOLO, example="REINDEX TABLE s",
    ),
    Entry(
        id="reindex.index-concurrently", verb="REINDEX INDEX", form="REINDEX INDEX CONCURRENTLY i",
        doc="sql-reindex.html#SQL-REINDEX-CONCURRENTLY", locks=(on(Target.INDEX_TABLE, SUE), on(Target.INDEX, SUE),
                                                             on(Target.PARTITION_INDEX_TABLES, SUE),
                                                             on(Target.PARTITION_INDEXES, SUE)),
        scan=True, transactional=False, test=_flag("CONCURRENTLY"), when=lambda caps: caps.reindex_concurrently,
        reason="REINDEX CONCURRENTLY rebuilds under SHARE UPDATE EXCLUSIVE (PostgreSQL 12+); it cannot "
               "run in a transaction block.",
        setup=SOLO, example="REINDEX INDEX CONCURRENTLY s_c_idx",
    ),
    Entry(
        id="reindex.table-concurrently", verb="REINDEX TABLE", form="REINDEX TABLE CONCURRENTLY t",
        doc="sql-reindex.html#SQL-REINDEX-CONCURRENTLY", locks=(on(Target.TABLE, SUE), on(Target.TABLE_INDEXES, SUE)),
        scan=True, transactional=False, test=_flag("CONCURRENTLY"), when=lambda caps: caps.reindex_concurrently,
        reason="REINDEX TABLE CONCURRENTLY rebuilds every index under SHARE UPDATE EXCLUSIVE (PostgreSQL 12+).",
        setup=SOLO, example="REINDEX TABLE CONCURRENTLY s",
    ),
    Entry(
        id="alter-index.rename", verb="ALTER INDEX/RENAME TO", form="ALTER INDEX i RENAME TO j",
        doc="sql-alterindex.html", locks=(on(Target.INDEX, SUE),),
        reason="Renaming an index takes SHARE UPDATE EXCLUSIVE on the index only (PostgreSQL 12+).",
        setup=SOLO, example="ALTER INDEX s_c_idx RENAME TO s_c_index",
    ),
    Entry(
        id="alter-index.set-storage-parameters", verb="ALTER INDEX/SET STORAGE PARAMETERS", form="ALTER INDEX i SET (fillfactor = …)",
        doc="sql-alterindex.html", locks=(on(Target.INDEX, SUE),),
        reason="Setting an index storage parameter takes SHARE UPDATE EXCLUSIVE on the index; it "
               "applies to pages written later.",
        setup=SOLO, example="ALTER INDEX s_c_idx SET (fillfactor = 70)",
    ),
    Entry(
        id="alter-index.set-statistics", verb="ALTER INDEX/SET STATISTICS", form="ALTER INDEX i ALTER COLUMN n SET STATISTICS k",
        doc="sql-alterindex.html", locks=(on(Target.INDEX, SUE),),
        reason="SET STATISTICS on an expression index column takes SHARE UPDATE EXCLUSIVE.",
        setup=SOLO + "CREATE INDEX s_lower_v ON s (lower(v));\n", example="ALTER INDEX s_lower_v ALTER COLUMN 1 SET STATISTICS 100",
    ),
    Entry(
        id="alter-index.set-tablespace", verb="ALTER INDEX/SET TABLESPACE", form="ALTER INDEX i SET TABLESPACE ts",
        doc="sql-alterindex.html", locks=(on(Target.INDEX, AE),), scan=True, verify=False,
        reason="Moving an index copies it under ACCESS EXCLUSIVE on the index (reads that would use it wait).",
    ),
)
