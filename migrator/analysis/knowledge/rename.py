"""Renames and SET SCHEMA: catalog updates that break the application still using the old name.

Source: sql-altertable.html (RENAME, SET SCHEMA: ACCESS EXCLUSIVE), sql-alterview.html,
sql-altermaterializedview.html, sql-altersequence.html.
"""

from __future__ import annotations

from migrator.analysis.knowledge._common import BASE, SOLO
from migrator.analysis.knowledge.entry import Entry, Target, on
from migrator.analysis.locks import LockMode

AE = LockMode.ACCESS_EXCLUSIVE

ENTRIES: tuple[Entry, ...] = (
    Entry(
        id="rename.column", verb="ALTER TABLE/RENAME COLUMN", form="ALTER TABLE … RENAME [COLUMN] a TO b",
        doc="sql-altertable.html#SQL-ALTERTABLE-DESC-RENAME", locks=(on(Target.TABLE, AE),), backward_incompatible=True,
        reason="Renaming a column is instant, but the running application still uses the old name.",
        setup=BASE, example="ALTER TABLE t RENAME COLUMN c TO c2",
    ),
    Entry(
        id="rename.table", verb="ALTER TABLE/RENAME TO", form="ALTER TABLE … RENAME TO new",
        doc="sql-altertable.html#SQL-ALTERTABLE-DESC-RENAME", locks=(on(Target.TABLE, AE),), backward_incompatible=True,
        recurse=False,
        reason="Renaming a table is instant, but the running application still uses the old name.",
        setup=BASE, example="ALTER TABLE parent RENAME TO parents",
    ),
    Entry(
        id="rename.set-schema", verb="ALTER TABLE/SET SCHEMA", form="ALTER TABLE … SET SCHEMA s",
        doc="sql-altertable.html#SQL-ALTERTABLE-DESC-SET-SCHEMA", locks=(on(Target.TABLE, AE),),
        backward_incompatible=True,
        reason="Moving a table to another schema is a rename for the application.",
        setup=SOLO + "CREATE SCHEMA archive;\n", example="ALTER TABLE s SET SCHEMA archive",
    ),
    Entry(
        id="rename.view", verb="ALTER VIEW/RENAME TO", form="ALTER VIEW v RENAME TO w", doc="sql-alterview.html",
        locks=(on(Target.TABLE, AE),), backward_incompatible=True,
        reason="Renaming a view breaks code that still queries the old name.",
        setup=SOLO + "CREATE VIEW sv AS SELECT * FROM s;\n", example="ALTER VIEW sv RENAME TO sv2",
    ),
    Entry(
        id="rename.view-column", verb="ALTER VIEW/RENAME COLUMN", form="ALTER VIEW v RENAME COLUMN a TO b",
        doc="sql-alterview.html", locks=(on(Target.TABLE, AE),), backward_incompatible=True,
        reason="Renaming a view column breaks code that still uses the old name.",
        setup=SOLO + "CREATE VIEW sv AS SELECT * FROM s;\n", example="ALTER VIEW sv RENAME COLUMN c TO c2",
    ),
    Entry(
        id="rename.materialized-view", verb="ALTER MATERIALIZED VIEW/RENAME TO", form="ALTER MATERIALIZED VIEW mv RENAME TO mv2",
        doc="sql-altermaterializedview.html", locks=(on(Target.TABLE, AE),), backward_incompatible=True,
        reason="Renaming a materialized view breaks code that still queries the old name.",
        setup=SOLO + "CREATE MATERIALIZED VIEW smv AS SELECT * FROM s;\n", example="ALTER MATERIALIZED VIEW smv RENAME TO smv2",
    ),
    Entry(
        id="rename.sequence", verb="ALTER SEQUENCE/RENAME TO", form="ALTER SEQUENCE sq RENAME TO sq2",
        doc="sql-altersequence.html", locks=(on(Target.TABLE, AE),), backward_incompatible=True,
        reason="Renaming a sequence breaks code that names it (defaults follow it by OID).",
        setup="CREATE SEQUENCE sq;\n", example="ALTER SEQUENCE sq RENAME TO sq2",
    ),
)
