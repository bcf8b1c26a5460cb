"""Partitions: ATTACH / DETACH PARTITION, CREATE TABLE … PARTITION OF, ALTER INDEX … ATTACH PARTITION.

Source: sql-altertable.html (ATTACH PARTITION: SHARE UPDATE EXCLUSIVE on the parent since 12,
ACCESS EXCLUSIVE on the partition and on the default partition, scan skipped when a valid CHECK
implies the bounds; DETACH PARTITION: ACCESS EXCLUSIVE, CONCURRENTLY since 14: SHARE UPDATE
EXCLUSIVE, not in a transaction block), sql-createtable.html (PARTITION OF), ddl-partitioning.html.
Measured: CREATE TABLE … PARTITION OF takes ACCESS EXCLUSIVE on the parent.
"""

from __future__ import annotations

from migrator.analysis.actions import Action
from migrator.analysis.context import Context
from migrator.analysis.knowledge._common import PARTITIONED
from migrator.analysis.knowledge.entry import Entry, Target, on
from migrator.analysis.locks import LockMode
from migrator.analysis.schema import ConstraintKind

AE = LockMode.ACCESS_EXCLUSIVE
SUE = LockMode.SHARE_UPDATE_EXCLUSIVE
AS = LockMode.ACCESS_SHARE
DOC = "sql-altertable.html#SQL-ALTERTABLE-ATTACH-PARTITION"
NEW_PART = "CREATE TABLE m_3 (id int NOT NULL, k int NOT NULL);\nINSERT INTO m_3 VALUES (3, 25);\n"


def has_valid_check(a: Action, ctx: Context) -> bool:
    t = ctx.schema.table(a.name) if a.name else None
    return t is not None and any(c.kind is ConstraintKind.CHECK and c.valid for c in t.constraints)


ENTRIES: tuple[Entry, ...] = (
    Entry(
        id="partitions.attach", verb="ALTER TABLE/ATTACH PARTITION", form="ALTER TABLE parent ATTACH PARTITION p FOR VALUES …",
        doc=DOC, locks=(on(Target.TABLE, SUE), on(Target.PARTITION, AE), on(Target.DEFAULT_PARTITION, AE)),
        scan=True, recurse=False, test=lambda a, ctx: not has_valid_check(a, ctx),
        when=lambda caps: caps.attach_partition_share_update_exclusive,
        reason="ATTACH PARTITION scans the new partition under ACCESS EXCLUSIVE to check its rows "
               "against the bounds (and a default partition, under ACCESS EXCLUSIVE too); the parent "
               "only takes SHARE UPDATE EXCLUSIVE. Add a matching CHECK … NOT VALID and VALIDATE it first.",
        setup=PARTITIONED + NEW_PART, example="ALTER TABLE m ATTACH PARTITION m_3 FOR VALUES FROM (20) TO (30)",
    ),
    Entry(
        id="partitions.attach-with-check", verb="ALTER TABLE/ATTACH PARTITION",
        form="ALTER TABLE parent ATTACH PARTITION p … (a valid CHECK implies the bounds)",
        doc=DOC, locks=(on(Target.TABLE, SUE), on(Target.PARTITION, AE), on(Target.DEFAULT_PARTITION, AE)),
        recurse=False, test=has_valid_check, when=lambda caps: caps.attach_partition_share_update_exclusive,
        reason="A valid CHECK constraint on the partition that implies the bounds lets ATTACH skip the "
               "scan (assumed to match the bounds).",
        setup=PARTITIONED + NEW_PART + "ALTER TABLE m_3 ADD CONSTRAINT m_3_bounds CHECK (k >= 20 AND k < 30);\n",
        example="ALTER TABLE m ATTACH PARTITION m_3 FOR VALUES FROM (20) TO (30)",
    ),
    Entry(
        id="partitions.attach-with-default", verb="ALTER TABLE/ATTACH PARTITION",
        form="ALTER TABLE parent ATTACH PARTITION p … (a default partition exists)",
        doc=DOC, locks=(on(Target.TABLE, SUE), on(Target.PARTITION, AE), on(Target.DEFAULT_PARTITION, AE)),
        scan=True, recurse=False,
        test=lambda a, ctx: a.table is not None and ctx.schema.default_partition_of(a.table) is not None,
        reason="With a default partition, ATTACH also scans the default partition under ACCESS "
               "EXCLUSIVE for rows that belong to the new one.",
        setup=PARTITIONED + "CREATE TABLE m_d PARTITION OF m DEFAULT;\n" + NEW_PART,
        example="ALTER TABLE m ATTACH PARTITION m_3 FOR VALUES FROM (20) TO (30)",
    ),
    Entry(
        id="partitions.detach", verb="ALTER TABLE/DETACH PARTITION", form="ALTER TABLE parent DETACH PARTITION p",
        doc="sql-altertable.html#SQL-ALTERTABLE-DETACH-PARTITION",
        locks=(on(Target.TABLE, AE), on(Target.PARTITION, AE), on(Target.DEFAULT_PARTITION, AE),
               on(Target.DETACHED_PARTITION_INDEXES, AE)), recurse=False,
        backward_incompatible=True, test=lambda a, ctx: "CONCURRENTLY" not in a.flags,
        reason="DETACH PARTITION takes ACCESS EXCLUSIVE on the parent (reads and writes of every "
               "partition wait) and the rows leave the parent; use DETACH … CONCURRENTLY (PostgreSQL 14+).",
        setup=PARTITIONED, example="ALTER TABLE m DETACH PARTITION m_2",
    ),
    Entry(
        id="partitions.detach-concurrently", verb="ALTER TABLE/DETACH PARTITION",
        form="ALTER TABLE parent DETACH PARTITION p CONCURRENTLY",
        doc="sql-altertable.html#SQL-ALTERTABLE-DETACH-PARTITION",
        locks=(on(Target.TABLE, SUE), on(Target.PARTITION, AE)), recurse=False, transactional=False,
        backward_incompatible=True, test=lambda a, ctx: "CONCURRENTLY" in a.flags,
        when=lambda caps: caps.detach_partition_concurrently,
        reason="DETACH … CONCURRENTLY (PostgreSQL 14+) takes SHARE UPDATE EXCLUSIVE on the parent, waits "
               "for older transactions, then briefly ACCESS EXCLUSIVE on the partition; it cannot run in "
               "a transaction block or with a default partition.",
        setup=PARTITIONED, example="ALTER TABLE m DETACH PARTITION m_2 CONCURRENTLY",
    ),
    Entry(
        id="partitions.create-partition-of", verb="CREATE TABLE/PARTITION OF",
        form="CREATE TABLE p PARTITION OF parent FOR VALUES …", doc="sql-createtable.html#SQL-CREATETABLE-PARTITION",
        locks=(on(Target.PARENT, AE), on(Target.DEFAULT_PARTITION, AE)), recurse=False,
        reason="CREATE TABLE … PARTITION OF takes ACCESS EXCLUSIVE on the parent (every partition's "
               "readers and writers wait briefly); with a default partition, that one is scanned too. "
               "Creating the table and attaching it takes weaker locks.",
        setup=PARTITIONED, example="CREATE TABLE m_3 PARTITION OF m FOR VALUES FROM (20) TO (30)",
    ),
    Entry(
        id="partitions.create-default-partition", verb="CREATE TABLE/PARTITION OF",
        form="CREATE TABLE p PARTITION OF parent DEFAULT", doc="sql-createtable.html#SQL-CREATETABLE-PARTITION",
        locks=(on(Target.PARENT, AE),), recurse=False, test=lambda a, ctx: a.partition_default,
        reason="Creating the default partition takes ACCESS EXCLUSIVE on the parent.",
        setup=PARTITIONED, example="CREATE TABLE m_d PARTITION OF m DEFAULT",
    ),
    Entry(
        id="partitions.clone-foreign-keys", verb="CREATE TABLE/PARTITION OF",
        form="CREATE TABLE p PARTITION OF parent … (the parent has foreign keys)", doc="sql-createtable.html#SQL-CREATETABLE-PARTITION",
        locks=(on(Target.PARENT_FK_TARGETS, LockMode.SHARE_ROW_EXCLUSIVE),), recurse=False,
        test=lambda a, ctx: bool(a.partition_of and ctx.schema.referenced_tables(a.partition_of)),
        reason="The parent's foreign keys are cloned onto the new partition: SHARE ROW EXCLUSIVE on the "
               "referenced tables (their writers wait briefly).",
        setup=PARTITIONED + "CREATE TABLE ref (k int PRIMARY KEY);\nINSERT INTO ref SELECT g FROM generate_series(0, 40) g;\n"
              "ALTER TABLE m ADD CONSTRAINT m_ref_fk FOREIGN KEY (k) REFERENCES ref (k);\n",
        example="CREATE TABLE m_3 PARTITION OF m FOR VALUES FROM (20) TO (30)",
    ),
    Entry(
        id="partitions.clone-foreign-keys.key-index-pg18", verb="CREATE TABLE/PARTITION OF",
        form="CREATE TABLE p PARTITION OF parent … (the parent has foreign keys; PostgreSQL 18)",
        doc="sql-createtable.html#SQL-CREATETABLE-PARTITION",
        locks=(on(Target.PARENT_FK_TARGET_KEY_INDEXES, LockMode.ACCESS_SHARE),), recurse=False,
        when=lambda caps: caps.fk_locks_referenced_key_index,
        test=lambda a, ctx: bool(a.partition_of and ctx.schema.referenced_tables(a.partition_of)),
        reason="On PostgreSQL 18, cloning a foreign key also takes ACCESS SHARE on the referenced key's index.",
        setup=PARTITIONED + "CREATE TABLE ref (k int PRIMARY KEY);\nINSERT INTO ref SELECT g FROM generate_series(0, 40) g;\n"
              "ALTER TABLE m ADD CONSTRAINT m_ref_fk FOREIGN KEY (k) REFERENCES ref (k);\n",
        example="CREATE TABLE m_3 PARTITION OF m FOR VALUES FROM (20) TO (30)",
    ),
    Entry(
        id="partitions.attach-clones-foreign-keys", verb="ALTER TABLE/ATTACH PARTITION",
        form="ALTER TABLE parent ATTACH PARTITION p … (the parent has foreign keys)", doc=DOC,
        locks=(on(Target.FK_TARGETS, LockMode.SHARE_ROW_EXCLUSIVE), on(Target.FK_TARGET_INDEXES, LockMode.ACCESS_SHARE)),
        recurse=False, scan=True,
        test=lambda a, ctx: bool(a.table and ctx.schema.referenced_tables(a.table)),
        reason="The parent's foreign keys are cloned onto the attached partition and checked against its rows: "
               "SHARE ROW EXCLUSIVE on the referenced tables.",
        setup=PARTITIONED + "CREATE TABLE ref (k int PRIMARY KEY);\nINSERT INTO ref SELECT g FROM generate_series(0, 40) g;\n"
              "ALTER TABLE m ADD CONSTRAINT m_ref_fk FOREIGN KEY (k) REFERENCES ref (k);\n" + NEW_PART,
        example="ALTER TABLE m ATTACH PARTITION m_3 FOR VALUES FROM (20) TO (30)",
    ),
    Entry(
        id="partitions.parent-indexes", verb="CREATE TABLE/PARTITION OF",
        form="CREATE TABLE p PARTITION OF parent … (the parent has partitioned indexes)", doc="sql-createtable.html#SQL-CREATETABLE-PARTITION",
        locks=(on(Target.PARENT_PARTITIONED_INDEXES, LockMode.SHARE_UPDATE_EXCLUSIVE),), recurse=False,
        when=lambda caps: caps.attach_locks_parent_indexes,
        reason="The new partition gets a copy of each of the parent's indexes, attached under SHARE UPDATE "
               "EXCLUSIVE on the parent's partitioned index.",
        setup=PARTITIONED + "CREATE INDEX m_k_idx ON m (k);\n",
        example="CREATE TABLE m_3 PARTITION OF m FOR VALUES FROM (20) TO (30)",
    ),
    Entry(
        id="partitions.attach-parent-indexes", verb="ALTER TABLE/ATTACH PARTITION",
        form="ALTER TABLE parent ATTACH PARTITION p … (the parent has partitioned indexes)", doc=DOC,
        locks=(on(Target.PARENT_PARTITIONED_INDEXES, LockMode.SHARE_UPDATE_EXCLUSIVE),), recurse=False,
        when=lambda caps: caps.attach_locks_parent_indexes,
        reason="The partition's matching index is attached (or built) under SHARE UPDATE EXCLUSIVE on the "
               "parent's partitioned index.",
        setup=PARTITIONED + "CREATE INDEX m_k_idx ON m (k);\n" + NEW_PART,
        example="ALTER TABLE m ATTACH PARTITION m_3 FOR VALUES FROM (20) TO (30)",
    ),
    Entry(
        id="partitions.attach-index", verb="ALTER INDEX/ATTACH PARTITION", form="ALTER INDEX parent_idx ATTACH PARTITION part_idx",
        doc="sql-alterindex.html",
        locks=(on(Target.INDEX, SUE), on(Target.PARTITION, AE), on(Target.INDEX_TABLE, AS),
               on(Target.PARTITION_INDEX_TABLE, AS)),
        recurse=False,
        reason="Attaching a partition's index takes ACCESS EXCLUSIVE on that index (readers that would "
               "use it wait briefly) and SHARE UPDATE EXCLUSIVE on the parent index.",
        setup=PARTITIONED + "CREATE INDEX m_k_idx ON ONLY m (k);\nCREATE INDEX m_1_k_idx ON m_1 (k);\n",
        example="ALTER INDEX m_k_idx ATTACH PARTITION m_1_k_idx",
    ),
)
