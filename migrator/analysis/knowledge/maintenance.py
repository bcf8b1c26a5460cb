"""VACUUM, VACUUM FULL, CLUSTER and ANALYZE.

Source: sql-vacuum.html (plain VACUUM: SHARE UPDATE EXCLUSIVE; FULL: ACCESS EXCLUSIVE, rewrites;
cannot run inside a transaction block), sql-cluster.html (ACCESS EXCLUSIVE, rewrites),
sql-analyze.html (SHARE UPDATE EXCLUSIVE).
"""

from __future__ import annotations

from migrator.analysis.actions import Action
from migrator.analysis.context import Context
from migrator.analysis.knowledge._common import PARTITIONED, SOLO
from migrator.analysis.knowledge.entry import Entry, Target, on
from migrator.analysis.locks import LockMode

AE = LockMode.ACCESS_EXCLUSIVE
SUE = LockMode.SHARE_UPDATE_EXCLUSIVE
AS = LockMode.ACCESS_SHARE

def _partitioned(a: Action, ctx: Context) -> bool:
    t = ctx.schema.table(a.table) if a.table else None
    return t is not None and t.partitioned


ENTRIES: tuple[Entry, ...] = (
    Entry(
        id="maintenance.vacuum", verb="VACUUM", form="VACUUM [ANALYZE] t", doc="sql-vacuum.html",
        locks=(on(Target.TABLE, SUE),), scan=True, transactional=False,
        reason="Plain VACUUM takes SHARE UPDATE EXCLUSIVE: reads and writes continue; it cannot run in "
               "a transaction block.",
        setup=SOLO, example="VACUUM s",
    ),
    Entry(
        id="maintenance.vacuum-full", verb="VACUUM FULL", form="VACUUM FULL t", doc="sql-vacuum.html",
        locks=(on(Target.TABLE, AE), on(Target.TABLE_INDEXES, AE)), rewrite=True, transactional=False,
        reason="VACUUM FULL rewrites the table and its indexes under ACCESS EXCLUSIVE (reads and writes "
               "wait for the whole copy); it cannot run in a transaction block. Use pg_repack.",
        setup=SOLO, example="VACUUM FULL s",
    ),
    Entry(
        id="maintenance.vacuum-all", verb="VACUUM/ALL", form="VACUUM (every table)", doc="sql-vacuum.html",
        locks=(), scan=True, transactional=False, verify=False,
        reason="VACUUM without a table list processes every table of the database, each under SHARE UPDATE EXCLUSIVE.",
    ),
    Entry(
        id="maintenance.cluster", verb="CLUSTER", form="CLUSTER t [USING i]", doc="sql-cluster.html",
        locks=(on(Target.TABLE, AE), on(Target.TABLE_INDEXES, AE)), rewrite=True,
        test=lambda a, ctx: not _partitioned(a, ctx),
        reason="CLUSTER rewrites the table in index order and rebuilds its indexes under ACCESS "
               "EXCLUSIVE: reads and writes wait for the whole copy.",
        setup=SOLO, example="CLUSTER s USING s_pkey",
    ),
    Entry(
        id="maintenance.cluster-partitioned", verb="CLUSTER", form="CLUSTER partitioned USING i", doc="sql-cluster.html#SQL-CLUSTER-NOTES",
        locks=(on(Target.TABLE, AE), on(Target.TABLE_INDEXES, AE)), rewrite=True, transactional=False,
        test=_partitioned,
        reason="CLUSTER of a partitioned table rewrites each partition in its own transaction under ACCESS "
               "EXCLUSIVE; it cannot run in a transaction block.",
        setup=PARTITIONED + "CREATE INDEX m_k_idx ON m (k);\n", example="CLUSTER m USING m_k_idx",
        when=lambda caps: caps.cluster_partitioned,
    ),
    Entry(
        id="maintenance.analyze", verb="ANALYZE", form="ANALYZE t", doc="sql-analyze.html",
        locks=(on(Target.TABLE, SUE), on(Target.TABLE_INDEXES, AS)),
        reason="ANALYZE samples the table under SHARE UPDATE EXCLUSIVE: reads and writes continue.",
        setup=SOLO, example="ANALYZE s",
    ),
    Entry(
        id="maintenance.analyze-all", verb="ANALYZE/ALL", form="ANALYZE (every table)", doc="sql-analyze.html",
        locks=(on(Target.ALL_TABLES, SUE), on(Target.ALL_TABLE_INDEXES, AS)), recurse=False,
        setup=SOLO, example="ANALYZE",
        reason="ANALYZE without a table list samples every table, each under SHARE UPDATE EXCLUSIVE.",
    ),
    Entry(
        id="maintenance.cluster-all", verb="CLUSTER/ALL", form="CLUSTER (every table with a clustered index)",
        doc="sql-cluster.html#SQL-CLUSTER-NOTES",
        locks=(on(Target.CLUSTERED_TABLES, AE), on(Target.CLUSTERED_TABLE_INDEXES, AE)), rewrite=True,
        transactional=False, recurse=False, test=lambda a, ctx: bool(ctx.schema.clustered_tables()),
        reason="CLUSTER without a table rewrites every table that was clustered before (CLUSTER ON), each "
               "under ACCESS EXCLUSIVE in its own transaction; it cannot run in a transaction block.",
        setup=SOLO + "ALTER TABLE s CLUSTER ON s_pkey;\n", example="CLUSTER",
    ),
)
