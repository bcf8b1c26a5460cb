"""ALTER TABLE … ADD / VALIDATE / DROP CONSTRAINT.

Source: sql-altertable.html (ADD table_constraint [NOT VALID], ADD table_constraint_using_index,
VALIDATE CONSTRAINT: "acquires a SHARE UPDATE EXCLUSIVE lock on the table being altered. (If the
constraint is a foreign key then a ROW SHARE lock is also required on the table referenced by the
constraint.)"; "Addition of a foreign key constraint requires a SHARE ROW EXCLUSIVE lock on the
referenced table, in addition to the lock on the table receiving the constraint").
"""

from __future__ import annotations

from migrator.analysis.actions import Action
from migrator.analysis.context import Context
from migrator.analysis.knowledge._common import BASE, PARTITIONED, SOLO
from migrator.analysis.knowledge.entry import Entry, Target, on
from migrator.analysis.locks import LockMode
from migrator.analysis.schema import ConstraintKind

AE = LockMode.ACCESS_EXCLUSIVE
SUE = LockMode.SHARE_UPDATE_EXCLUSIVE
SRE = LockMode.SHARE_ROW_EXCLUSIVE
AS = LockMode.ACCESS_SHARE
RS = LockMode.ROW_SHARE
DOC = "sql-altertable.html"


def _kind(*kinds: str, not_valid: bool | None = None, enforced: bool | None = None):  # type: ignore[no-untyped-def]
    def test(a: Action, ctx: Context) -> bool:
        c = a.constraint
        if c is None or c.kind not in kinds:
            return False
        if not_valid is not None and c.not_valid != not_valid:
            return False
        return enforced is None or (not c.not_enforced) == enforced

    return test


def _existing(a: Action, ctx: Context):  # type: ignore[no-untyped-def]
    if a.table is None or a.name is None:
        return None
    t = ctx.schema.table(a.table)
    return t.constraint(a.name) if t else None


def _existing_is(*kinds: ConstraintKind, unknown: bool = False):  # type: ignore[no-untyped-def]
    def test(a: Action, ctx: Context) -> bool:
        c = _existing(a, ctx)
        if c is None:
            return unknown
        return c.kind in kinds

    return test


def _pk_using_index_on_nullable(a: Action, ctx: Context) -> bool:
    c = a.constraint
    if c is None or c.kind != "PRIMARY KEY" or a.index is None or a.table is None:
        return False
    idx = ctx.schema.indexes.get(a.index)
    table = ctx.schema.table(a.table)
    if idx is None or table is None:
        return True  # unknown columns: assume nullable (the worse case)
    return any((col := table.column(n)) is None or col.nullable for n in idx.columns)


def _pk_using_index_not_null(a: Action, ctx: Context) -> bool:
    c = a.constraint
    return c is not None and c.kind == "PRIMARY KEY" and not _pk_using_index_on_nullable(a, ctx)


FK_SETUP = BASE + "CREATE TABLE child (id int PRIMARY KEY, pid int);\nINSERT INTO child VALUES (1, 1);\n"

def _partitioned(a: Action, ctx: Context) -> bool:
    t = ctx.schema.table(a.table) if a.table else None
    return t is not None and t.partitioned


def _partition_key_build(a: Action, ctx: Context) -> bool:
    """UNIQUE, or PRIMARY KEY on columns already NOT NULL (no SET NOT NULL on the partitions), on a
    partitioned table: the partitions only get an index build."""
    t = ctx.schema.table(a.table) if a.table else None
    if t is None or not t.partitioned or a.constraint is None:
        return False
    if a.constraint.kind == "UNIQUE":
        return True
    if a.constraint.kind != "PRIMARY KEY":
        return False
    return all((c := t.column(col)) is not None and not c.nullable for col in a.constraint.columns)


ENTRIES: tuple[Entry, ...] = (
    Entry(
        id="constraints.add-check", verb="ALTER TABLE/ADD CONSTRAINT", form="ALTER TABLE … ADD CONSTRAINT c CHECK (…)",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT", locks=(on(Target.TABLE, AE),), scan=True,
        test=_kind("CHECK", not_valid=False, enforced=True),
        reason="ADD CHECK scans the whole table under ACCESS EXCLUSIVE to verify existing rows; add it "
               "NOT VALID and VALIDATE it in a separate transaction instead.",
        setup=SOLO, example="ALTER TABLE s ADD CONSTRAINT s_c_positive CHECK (c > 0)",
    ),
    Entry(
        id="constraints.add-check-not-valid", verb="ALTER TABLE/ADD CONSTRAINT",
        form="ALTER TABLE … ADD CONSTRAINT c CHECK (…) NOT VALID", doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT",
        locks=(on(Target.TABLE, AE),), test=_kind("CHECK", not_valid=True),
        reason="NOT VALID skips checking existing rows: a catalog update under ACCESS EXCLUSIVE.",
        setup=SOLO, example="ALTER TABLE s ADD CONSTRAINT s_c_positive CHECK (c > 0) NOT VALID",
    ),
    Entry(
        id="constraints.add-check-not-enforced", verb="ALTER TABLE/ADD CONSTRAINT",
        form="ALTER TABLE … ADD CONSTRAINT c CHECK (…) NOT ENFORCED", doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT",
        locks=(on(Target.TABLE, AE),), test=_kind("CHECK", not_valid=False, enforced=False),
        when=lambda caps: caps.not_enforced_constraints,
        reason="A NOT ENFORCED constraint is not checked: a catalog update (PostgreSQL 18+).",
        setup=SOLO, example="ALTER TABLE s ADD CONSTRAINT s_c_positive CHECK (c > 0) NOT ENFORCED",
    ),
    Entry(
        id="constraints.add-foreign-key", verb="ALTER TABLE/ADD CONSTRAINT",
        form="ALTER TABLE … ADD CONSTRAINT fk FOREIGN KEY (…) REFERENCES p", doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT",
        locks=(on(Target.TABLE, SRE), on(Target.REFERENCED, SRE), on(Target.TABLE_INDEXES, AS),
               on(Target.REFERENCED_INDEXES, AS)),
        scan=True, test=_kind("FOREIGN KEY", not_valid=False, enforced=True),
        reason="ADD FOREIGN KEY checks every row under SHARE ROW EXCLUSIVE on both tables (writes to "
               "both wait for the whole scan); add it NOT VALID, then VALIDATE.",
        setup=FK_SETUP, example="ALTER TABLE child ADD CONSTRAINT child_pid_fkey FOREIGN KEY (pid) REFERENCES parent (id)",
    ),
    Entry(
        id="constraints.add-foreign-key-not-valid", verb="ALTER TABLE/ADD CONSTRAINT",
        form="ALTER TABLE … ADD CONSTRAINT fk FOREIGN KEY (…) REFERENCES p NOT VALID",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT",
        locks=(on(Target.TABLE, SRE), on(Target.REFERENCED, SRE)), test=_kind("FOREIGN KEY", not_valid=True),
        reason="NOT VALID skips the check of existing rows: a short SHARE ROW EXCLUSIVE lock on both tables.",
        setup=FK_SETUP,
        example="ALTER TABLE child ADD CONSTRAINT child_pid_fkey FOREIGN KEY (pid) REFERENCES parent (id) NOT VALID",
    ),
    Entry(
        id="constraints.add-foreign-key-not-enforced", verb="ALTER TABLE/ADD CONSTRAINT",
        form="ALTER TABLE … ADD CONSTRAINT fk FOREIGN KEY (…) REFERENCES p NOT ENFORCED",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT",
        locks=(on(Target.TABLE, SRE), on(Target.REFERENCED, SRE)), test=_kind("FOREIGN KEY", not_valid=False, enforced=False),
        when=lambda caps: caps.not_enforced_constraints,
        reason="A NOT ENFORCED foreign key is not checked (PostgreSQL 18+): a short SHARE ROW EXCLUSIVE lock on both tables.",
        setup=FK_SETUP,
        example="ALTER TABLE child ADD CONSTRAINT child_pid_fkey FOREIGN KEY (pid) REFERENCES parent (id) NOT ENFORCED",
    ),
    Entry(
        id="constraints.add-unique", verb="ALTER TABLE/ADD CONSTRAINT", form="ALTER TABLE … ADD CONSTRAINT u UNIQUE (…)",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT", locks=(on(Target.TABLE, AE),), scan=True,
        test=_kind("UNIQUE"), recurse=False,
        reason="ADD UNIQUE builds its index under ACCESS EXCLUSIVE; build it with CREATE UNIQUE INDEX "
               "CONCURRENTLY and attach it with ADD CONSTRAINT … UNIQUE USING INDEX.",
        setup=SOLO, example="ALTER TABLE s ADD CONSTRAINT s_v_key UNIQUE (v)",
    ),
    Entry(
        id="constraints.add-unique.partitions", verb="ALTER TABLE/ADD CONSTRAINT",
        form="ALTER TABLE partitioned ADD CONSTRAINT u UNIQUE (…) (before PostgreSQL 18)",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT", locks=(on(Target.PARTITIONS, LockMode.SHARE),),
        recurse=False, when=lambda caps: not caps.partitioned_key_locks_partitions_exclusive,
        test=lambda a, ctx: _partition_key_build(a, ctx),
        reason="Each partition's index is built under SHARE on the partition (writes wait, reads continue).",
        setup=PARTITIONED, example="ALTER TABLE m ADD CONSTRAINT m_id_k_key UNIQUE (id, k)",
    ),
    Entry(
        id="constraints.add-primary-key.partitioned", verb="ALTER TABLE/ADD CONSTRAINT",
        form="ALTER TABLE partitioned ADD PRIMARY KEY (…) (columns already NOT NULL)",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT", locks=(on(Target.TABLE, AE),), scan=True, recurse=False,
        test=lambda a, ctx: _kind("PRIMARY KEY")(a, ctx) and _partition_key_build(a, ctx),
        reason="ADD PRIMARY KEY on a partitioned table takes ACCESS EXCLUSIVE on it and builds each partition's index.",
        setup=PARTITIONED, example="ALTER TABLE m ADD PRIMARY KEY (id, k)",
    ),
    Entry(
        id="constraints.add-unique.partitions-pg18", verb="ALTER TABLE/ADD CONSTRAINT",
        form="ALTER TABLE partitioned ADD CONSTRAINT u UNIQUE (…) (PostgreSQL 18)",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT", locks=(on(Target.PARTITIONS, AE),),
        recurse=False, when=lambda caps: caps.partitioned_key_locks_partitions_exclusive,
        test=lambda a, ctx: _partition_key_build(a, ctx),
        reason="On PostgreSQL 18 each partition's index is built under ACCESS EXCLUSIVE on the partition.",
        setup=PARTITIONED, example="ALTER TABLE m ADD CONSTRAINT m_id_k_key UNIQUE (id, k)",
    ),
    Entry(
        id="constraints.add-primary-key", verb="ALTER TABLE/ADD CONSTRAINT", form="ALTER TABLE … ADD PRIMARY KEY (…)",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT", locks=(on(Target.TABLE, AE),), scan=True,
        test=lambda a, ctx: _kind("PRIMARY KEY")(a, ctx) and not _partition_key_build(a, ctx),
        reason="ADD PRIMARY KEY builds its index (and sets NOT NULL) under ACCESS EXCLUSIVE.",
        setup="CREATE TABLE nk (id int, c int);\nINSERT INTO nk VALUES (1, 1), (2, 2);\n",
        example="ALTER TABLE nk ADD PRIMARY KEY (id)",
    ),
    Entry(
        id="constraints.add-exclude", verb="ALTER TABLE/ADD CONSTRAINT", form="ALTER TABLE … ADD CONSTRAINT x EXCLUDE USING gist (…)",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT", locks=(on(Target.TABLE, AE),), scan=True,
        test=_kind("EXCLUDE"),
        reason="ADD EXCLUDE builds its index under ACCESS EXCLUSIVE; there is no NOT VALID or concurrent form.",
        setup="CREATE TABLE r (id int, during int4range);\nINSERT INTO r VALUES (1, '[1,5)'), (2, '[6,9)');\n",
        example="ALTER TABLE r ADD CONSTRAINT r_no_overlap EXCLUDE USING gist (during WITH &&)",
    ),
    Entry(
        id="constraints.add-not-null", verb="ALTER TABLE/ADD CONSTRAINT", form="ALTER TABLE … ADD CONSTRAINT n NOT NULL c",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT", locks=(on(Target.TABLE, AE),), scan=True,
        test=_kind("NOT NULL", not_valid=False), when=lambda caps: caps.not_null_not_valid,
        reason="ADD CONSTRAINT … NOT NULL scans the table under ACCESS EXCLUSIVE (PostgreSQL 18+).",
        setup=SOLO, example="ALTER TABLE s ADD CONSTRAINT s_c_nn NOT NULL c",
    ),
    Entry(
        id="constraints.add-not-null-not-valid", verb="ALTER TABLE/ADD CONSTRAINT",
        form="ALTER TABLE … ADD CONSTRAINT n NOT NULL c NOT VALID", doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT",
        locks=(on(Target.TABLE, AE),), test=_kind("NOT NULL", not_valid=True), when=lambda caps: caps.not_null_not_valid,
        reason="NOT NULL … NOT VALID (PostgreSQL 18+) is a catalog update; VALIDATE it later under SHARE UPDATE EXCLUSIVE.",
        setup=SOLO, example="ALTER TABLE s ADD CONSTRAINT s_c_nn NOT NULL c NOT VALID",
    ),
    Entry(
        id="constraints.add-unique-using-index", verb="ALTER TABLE/ADD CONSTRAINT USING INDEX",
        form="ALTER TABLE … ADD CONSTRAINT u UNIQUE USING INDEX i", doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT-USING-INDEX",
        locks=(on(Target.TABLE, AE), on(Target.INDEX, AS)), test=_kind("UNIQUE"),
        reason="Attaching an existing unique index as a constraint is a catalog update under ACCESS EXCLUSIVE.",
        setup=SOLO + "CREATE UNIQUE INDEX s_v_key ON s (v);\n", example="ALTER TABLE s ADD CONSTRAINT s_v_key UNIQUE USING INDEX s_v_key",
    ),
    Entry(
        id="constraints.add-primary-key-using-index", verb="ALTER TABLE/ADD CONSTRAINT USING INDEX",
        form="ALTER TABLE … ADD PRIMARY KEY USING INDEX i (columns already NOT NULL)",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT-USING-INDEX",
        locks=(on(Target.TABLE, AE), on(Target.INDEX, AS)), test=_pk_using_index_not_null,
        reason="Attaching an existing unique index on NOT NULL columns as the primary key is a catalog update.",
        setup="CREATE TABLE nk (id int NOT NULL, c int);\nINSERT INTO nk VALUES (1, 1);\nCREATE UNIQUE INDEX nk_id ON nk (id);\n",
        example="ALTER TABLE nk ADD PRIMARY KEY USING INDEX nk_id",
    ),
    Entry(
        id="constraints.add-primary-key-using-index-nullable", verb="ALTER TABLE/ADD CONSTRAINT USING INDEX",
        form="ALTER TABLE … ADD PRIMARY KEY USING INDEX i (nullable columns)",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT-USING-INDEX",
        locks=(on(Target.TABLE, AE), on(Target.INDEX, AS)), scan=True, test=_pk_using_index_on_nullable,
        reason="The primary key sets NOT NULL on nullable columns, which scans the table under ACCESS "
               "EXCLUSIVE; make the columns NOT NULL first.",
        setup="CREATE TABLE nk (id int, c int);\nINSERT INTO nk VALUES (1, 1);\nCREATE UNIQUE INDEX nk_id ON nk (id);\n",
        example="ALTER TABLE nk ADD PRIMARY KEY USING INDEX nk_id",
    ),
    Entry(
        id="constraints.using-index-renames-index", verb="ALTER TABLE/ADD CONSTRAINT USING INDEX",
        form="ALTER TABLE … ADD CONSTRAINT name … USING INDEX i (name ≠ i)",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT-USING-INDEX", locks=(on(Target.INDEX, SUE),),
        test=lambda a, ctx: a.name is not None and a.index is not None and a.index.split(".", 1)[1] != a.name,
        reason="The index is renamed to the constraint's name (SHARE UPDATE EXCLUSIVE on the index).",
        setup=SOLO + "CREATE UNIQUE INDEX s_v_idx ON s (v);\n", example="ALTER TABLE s ADD CONSTRAINT s_v_key UNIQUE USING INDEX s_v_idx",
    ),
    Entry(
        id="constraints.validate", verb="ALTER TABLE/VALIDATE CONSTRAINT", form="ALTER TABLE … VALIDATE CONSTRAINT c (CHECK / NOT NULL)",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-VALIDATE-CONSTRAINT", locks=(on(Target.TABLE, SUE),), scan=True,
        test=lambda a, ctx: not _existing_is(ConstraintKind.FOREIGN_KEY, unknown=False)(a, ctx),
        reason="VALIDATE CONSTRAINT scans the table under SHARE UPDATE EXCLUSIVE: reads and writes continue.",
        setup=SOLO + "ALTER TABLE s ADD CONSTRAINT s_c_positive CHECK (c > 0) NOT VALID;\n",
        example="ALTER TABLE s VALIDATE CONSTRAINT s_c_positive",
    ),
    Entry(
        id="constraints.validate-foreign-key", verb="ALTER TABLE/VALIDATE CONSTRAINT",
        form="ALTER TABLE … VALIDATE CONSTRAINT fk (FOREIGN KEY)", doc=f"{DOC}#SQL-ALTERTABLE-DESC-VALIDATE-CONSTRAINT",
        locks=(on(Target.TABLE, SUE), on(Target.REFERENCED, RS), on(Target.TABLE_INDEXES, AS),
               on(Target.REFERENCED_INDEXES, AS)),
        scan=True, test=_existing_is(ConstraintKind.FOREIGN_KEY),
        reason="VALIDATE of a foreign key scans the table under SHARE UPDATE EXCLUSIVE and takes ROW "
               "SHARE on the referenced table: reads and writes continue.",
        setup=FK_SETUP + "ALTER TABLE child ADD CONSTRAINT child_pid_fkey FOREIGN KEY (pid) REFERENCES parent (id) NOT VALID;\n",
        example="ALTER TABLE child VALIDATE CONSTRAINT child_pid_fkey",
    ),
    Entry(
        id="constraints.drop", verb="ALTER TABLE/DROP CONSTRAINT", form="ALTER TABLE … DROP CONSTRAINT c (CHECK / NOT NULL / EXCLUDE)",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-DROP-CONSTRAINT", locks=(on(Target.TABLE, AE),),
        test=lambda a, ctx: not _existing_is(ConstraintKind.FOREIGN_KEY, ConstraintKind.UNIQUE,
                                             ConstraintKind.PRIMARY_KEY, unknown=False)(a, ctx),
        reason="DROP CONSTRAINT is a catalog update under ACCESS EXCLUSIVE; the guarantee disappears.",
        setup=SOLO + "ALTER TABLE s ADD CONSTRAINT s_c_positive CHECK (c > 0);\n",
        example="ALTER TABLE s DROP CONSTRAINT s_c_positive",
    ),
    Entry(
        id="constraints.drop-unique-or-primary-key", verb="ALTER TABLE/DROP CONSTRAINT",
        form="ALTER TABLE … DROP CONSTRAINT c (UNIQUE / PRIMARY KEY)", doc=f"{DOC}#SQL-ALTERTABLE-DESC-DROP-CONSTRAINT",
        locks=(on(Target.TABLE, AE), on(Target.CONSTRAINT_INDEX, AE)),
        test=_existing_is(ConstraintKind.UNIQUE, ConstraintKind.PRIMARY_KEY),
        reason="Dropping a UNIQUE or PRIMARY KEY constraint drops its index: ACCESS EXCLUSIVE on the table and the index.",
        setup=SOLO + "ALTER TABLE s ADD CONSTRAINT s_v_key UNIQUE (v);\n", example="ALTER TABLE s DROP CONSTRAINT s_v_key",
    ),
    Entry(
        id="constraints.foreign-key.referenced-key-index", verb="ALTER TABLE/ADD CONSTRAINT",
        form="ALTER TABLE … ADD CONSTRAINT fk FOREIGN KEY … [NOT VALID] (PostgreSQL 18)",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT", locks=(on(Target.REFERENCED_KEY_INDEX, AS),),
        recurse=False, when=lambda caps: caps.fk_locks_referenced_key_index,
        test=lambda a, ctx: a.constraint is not None and a.constraint.kind == "FOREIGN KEY",
        reason="On PostgreSQL 18, creating a foreign key also takes ACCESS SHARE on the referenced key's index.",
        setup=FK_SETUP, example="ALTER TABLE child ADD CONSTRAINT child_pid_fkey FOREIGN KEY (pid) REFERENCES parent (id) NOT VALID",
    ),
    Entry(
        id="constraints.drop-referenced-key-cascade", verb="ALTER TABLE/DROP CONSTRAINT",
        form="ALTER TABLE … DROP CONSTRAINT pkey CASCADE (referenced by foreign keys)",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-DROP-CONSTRAINT", locks=(on(Target.REFERENCING, AE),), recurse=False,
        test=lambda a, ctx: "CASCADE" in a.flags and _existing_is(ConstraintKind.UNIQUE, ConstraintKind.PRIMARY_KEY)(a, ctx),
        reason="CASCADE drops the foreign keys that depend on the key: ACCESS EXCLUSIVE on the referencing tables.",
        setup=BASE, example="ALTER TABLE parent DROP CONSTRAINT parent_pkey CASCADE",
    ),
    Entry(
        id="constraints.drop-foreign-key", verb="ALTER TABLE/DROP CONSTRAINT", form="ALTER TABLE … DROP CONSTRAINT fk (FOREIGN KEY)",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-DROP-CONSTRAINT", locks=(on(Target.TABLE, AE), on(Target.REFERENCED, AE)),
        test=_existing_is(ConstraintKind.FOREIGN_KEY),
        reason="Dropping a foreign key removes its triggers on both tables: ACCESS EXCLUSIVE on the "
               "table and on the referenced table (reads of both wait).",
        setup=BASE, example="ALTER TABLE t DROP CONSTRAINT t_pid_fkey",
    ),
    Entry(
        id="constraints.rename", verb="ALTER TABLE/RENAME CONSTRAINT", form="ALTER TABLE … RENAME CONSTRAINT a TO b",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-RENAME", locks=(on(Target.TABLE, AE), on(Target.CONSTRAINT_INDEX, SUE)),
        reason="RENAME CONSTRAINT is a catalog update under ACCESS EXCLUSIVE (an index-backed "
               "constraint also renames its index).",
        setup=SOLO + "ALTER TABLE s ADD CONSTRAINT s_c_positive CHECK (c > 0);\n",
        example="ALTER TABLE s RENAME CONSTRAINT s_c_positive TO s_c_gt_zero",
    ),
    Entry(
        id="constraints.alter-constraint", verb="ALTER TABLE/ALTER CONSTRAINT", form="ALTER TABLE … ALTER CONSTRAINT fk DEFERRABLE …",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-ALTER-CONSTRAINT", locks=(on(Target.TABLE, AE),), verify=False,
        reason="ALTER CONSTRAINT changes deferrability under ACCESS EXCLUSIVE (on PG < 18 a foreign "
               "key's referenced table is locked as well).",
    ),
)
