"""Triggers, policies, views and materialized views.

Source: sql-createtrigger.html (SHARE ROW EXCLUSIVE), sql-altertable.html (ENABLE/DISABLE
TRIGGER: SHARE ROW EXCLUSIVE), sql-droptrigger.html, sql-createpolicy.html, sql-createview.html,
sql-refreshmaterializedview.html (ACCESS EXCLUSIVE; CONCURRENTLY: EXCLUSIVE, readers continue).
Measured: DROP TRIGGER, ALTER TRIGGER, CREATE/ALTER/DROP POLICY and CREATE OR REPLACE VIEW take
ACCESS EXCLUSIVE.
"""

from __future__ import annotations

from migrator.analysis.actions import Action
from migrator.analysis.context import Context
from migrator.analysis.knowledge._common import PARTITIONED, SOLO
from migrator.analysis.knowledge.entry import Entry, Target, on
from migrator.analysis.locks import LockMode

AE = LockMode.ACCESS_EXCLUSIVE
SRE = LockMode.SHARE_ROW_EXCLUSIVE
AS = LockMode.ACCESS_SHARE
E = LockMode.EXCLUSIVE
SUE = LockMode.SHARE_UPDATE_EXCLUSIVE
TRIGGER_FN = "CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;\n"
TRIGGER = SOLO + TRIGGER_FN + "CREATE TRIGGER s_trg BEFORE INSERT ON s FOR EACH ROW EXECUTE FUNCTION trg();\n"
MV = SOLO + "CREATE MATERIALIZED VIEW smv AS SELECT * FROM s;\nCREATE UNIQUE INDEX smv_id ON smv (id);\n"

def _partitioned_with_triggers(a: Action, ctx: Context) -> bool:
    """A partitioned table with triggers the model knows (they are cloned onto its partitions)."""
    t = ctx.schema.table(a.table) if a.table else None
    return t is not None and t.partitioned and bool(t.triggers)


ENTRIES: tuple[Entry, ...] = (
    Entry(
        id="triggers.create", verb="CREATE TRIGGER", form="CREATE TRIGGER tr … ON t", doc="sql-createtrigger.html",
        locks=(on(Target.TABLE, SRE),),
        reason="CREATE TRIGGER takes SHARE ROW EXCLUSIVE (on every partition too): writes wait for a catalog update.",
        setup=SOLO + TRIGGER_FN, example="CREATE TRIGGER s_trg BEFORE INSERT ON s FOR EACH ROW EXECUTE FUNCTION trg()",
    ),
    Entry(
        id="triggers.drop", verb="DROP TRIGGER", form="DROP TRIGGER tr ON t", doc="sql-droptrigger.html",
        locks=(on(Target.TABLE, AE),),
        reason="DROP TRIGGER takes ACCESS EXCLUSIVE (on every partition too): reads and writes wait for a catalog update.",
        setup=TRIGGER, example="DROP TRIGGER s_trg ON s",
    ),
    Entry(
        id="triggers.alter", verb="ALTER TRIGGER/*", form="ALTER TRIGGER tr ON t RENAME TO tr2", doc="sql-altertrigger.html",
        locks=(on(Target.TABLE, AE),), recurse=False,
        reason="ALTER TRIGGER takes ACCESS EXCLUSIVE for a catalog update.",
        setup=TRIGGER, example="ALTER TRIGGER s_trg ON s RENAME TO s_trg2",
    ),
    Entry(
        id="triggers.enable-disable", verb="ALTER TABLE/DISABLE TRIGGER", form="ALTER TABLE … DISABLE TRIGGER tr | ALL",
        doc="sql-altertable.html#SQL-ALTERTABLE-DESC-DISABLE-TRIGGER", locks=(on(Target.TABLE, SRE),), recurse=False,
        reason="DISABLE TRIGGER takes SHARE ROW EXCLUSIVE; disabling ALL also skips foreign-key checks.",
        setup=TRIGGER, example="ALTER TABLE s DISABLE TRIGGER s_trg",
    ),
    Entry(
        id="triggers.enable", verb="ALTER TABLE/ENABLE TRIGGER", form="ALTER TABLE … ENABLE [ALWAYS | REPLICA] TRIGGER tr",
        doc="sql-altertable.html#SQL-ALTERTABLE-DESC-DISABLE-TRIGGER", locks=(on(Target.TABLE, SRE),), recurse=False,
        reason="ENABLE TRIGGER takes SHARE ROW EXCLUSIVE: writes wait for a catalog update.",
        setup=TRIGGER + "ALTER TABLE s DISABLE TRIGGER s_trg;\n", example="ALTER TABLE s ENABLE TRIGGER s_trg",
    ),
    Entry(
        id="triggers.enable-disable.partitions", verb="ALTER TABLE/ENABLE TRIGGER",
        form="ALTER TABLE partitioned ENABLE | DISABLE TRIGGER … (its triggers are cloned on the partitions)",
        doc="sql-altertable.html#SQL-ALTERTABLE-DESC-DISABLE-TRIGGER", locks=(on(Target.PARTITIONS, SRE),), recurse=False,
        test=lambda a, ctx: _partitioned_with_triggers(a, ctx),
        reason="The partitions' clones of the triggers change too: SHARE ROW EXCLUSIVE on each partition.",
        setup=PARTITIONED + TRIGGER_FN + "CREATE TRIGGER m_trg BEFORE INSERT ON m FOR EACH ROW EXECUTE FUNCTION trg();\n"
              "ALTER TABLE m DISABLE TRIGGER m_trg;\n",
        example="ALTER TABLE m ENABLE TRIGGER m_trg",
    ),
    Entry(
        id="triggers.disable.partitions", verb="ALTER TABLE/DISABLE TRIGGER",
        form="ALTER TABLE partitioned DISABLE TRIGGER … (its triggers are cloned on the partitions)",
        doc="sql-altertable.html#SQL-ALTERTABLE-DESC-DISABLE-TRIGGER", locks=(on(Target.PARTITIONS, SRE),), recurse=False,
        test=lambda a, ctx: _partitioned_with_triggers(a, ctx),
        reason="The partitions' clones of the triggers change too: SHARE ROW EXCLUSIVE on each partition.",
        setup=PARTITIONED + TRIGGER_FN + "CREATE TRIGGER m_trg BEFORE INSERT ON m FOR EACH ROW EXECUTE FUNCTION trg();\n",
        example="ALTER TABLE m DISABLE TRIGGER m_trg",
    ),
    Entry(
        id="policies.create", verb="CREATE POLICY", form="CREATE POLICY p ON t …", doc="sql-createpolicy.html",
        locks=(on(Target.TABLE, AE),), recurse=False,
        reason="CREATE POLICY takes ACCESS EXCLUSIVE for a catalog update; with RLS enabled it changes "
               "which rows queries see.",
        setup=SOLO, example="CREATE POLICY s_all ON s USING (true)",
    ),
    Entry(
        id="policies.alter", verb="ALTER POLICY/*", form="ALTER POLICY p ON t …", doc="sql-alterpolicy.html",
        locks=(on(Target.TABLE, AE),), recurse=False,
        reason="ALTER POLICY takes ACCESS EXCLUSIVE for a catalog update.",
        setup=SOLO + "CREATE POLICY s_all ON s USING (true);\n", example="ALTER POLICY s_all ON s USING (false)",
    ),
    Entry(
        id="policies.drop", verb="DROP POLICY", form="DROP POLICY p ON t", doc="sql-droppolicy.html",
        locks=(on(Target.TABLE, AE),), recurse=False,
        reason="DROP POLICY takes ACCESS EXCLUSIVE for a catalog update.",
        setup=SOLO + "CREATE POLICY s_all ON s USING (true);\n", example="DROP POLICY s_all ON s",
    ),
    Entry(
        id="views.create", verb="CREATE VIEW", form="CREATE VIEW v AS SELECT …", doc="sql-createview.html",
        locks=(on(Target.SOURCES, AS),), recurse=False,
        test=lambda a, ctx: not (a.table is not None and ctx.schema.table(a.table) is not None),
        reason="CREATE VIEW only reads the catalog of the tables it selects from (ACCESS SHARE).",
        setup=SOLO, example="CREATE VIEW sv AS SELECT id, c FROM s",
    ),
    Entry(
        id="views.create-or-replace", verb="CREATE VIEW", form="CREATE OR REPLACE VIEW v AS SELECT … (v exists)",
        doc="sql-createview.html", locks=(on(Target.TABLE, AE), on(Target.SOURCES, AS)), recurse=False,
        test=lambda a, ctx: a.table is not None and ctx.schema.table(a.table) is not None,
        reason="Replacing an existing view takes ACCESS EXCLUSIVE on the view: its readers wait for a catalog update.",
        setup=SOLO + "CREATE VIEW sv AS SELECT id, c FROM s;\n", example="CREATE OR REPLACE VIEW sv AS SELECT id, c, v FROM s",
    ),
    Entry(
        id="views.alter", verb="ALTER VIEW/OPTIONS", form="ALTER VIEW v ALTER COLUMN … SET DEFAULT | SET (…)",
        doc="sql-alterview.html", locks=(on(Target.TABLE, AE),), recurse=False,
        reason="ALTER VIEW takes ACCESS EXCLUSIVE on the view for a catalog update.",
        setup=SOLO + "CREATE VIEW sv AS SELECT id, c FROM s;\n", example="ALTER VIEW sv ALTER COLUMN c SET DEFAULT 0",
    ),
    Entry(
        id="matviews.create", verb="CREATE MATERIALIZED VIEW", form="CREATE MATERIALIZED VIEW mv AS SELECT …",
        doc="sql-creatematerializedview.html", locks=(on(Target.SOURCES, AS), on(Target.SOURCE_INDEXES, AS)),
        scan=True, recurse=False, test=lambda a, ctx: "WITH NO DATA" not in a.flags,
        reason="CREATE MATERIALIZED VIEW runs its query (ACCESS SHARE on the tables it reads): it can "
               "take long but blocks nobody.",
        setup=SOLO, example="CREATE MATERIALIZED VIEW smv AS SELECT * FROM s",
    ),
    Entry(
        id="matviews.create-with-no-data", verb="CREATE MATERIALIZED VIEW", form="CREATE MATERIALIZED VIEW mv AS … WITH NO DATA",
        doc="sql-creatematerializedview.html", locks=(on(Target.SOURCES, AS),), recurse=False,
        test=lambda a, ctx: "WITH NO DATA" in a.flags,
        reason="WITH NO DATA does not run the query.",
        setup=SOLO, example="CREATE MATERIALIZED VIEW smv AS SELECT * FROM s WITH NO DATA",
    ),
    Entry(
        id="matviews.refresh", verb="REFRESH MATERIALIZED VIEW", form="REFRESH MATERIALIZED VIEW mv",
        doc="sql-refreshmaterializedview.html",
        locks=(on(Target.TABLE, AE), on(Target.TABLE_INDEXES, AE), on(Target.VIEW_SOURCES, AS),
               on(Target.VIEW_SOURCE_INDEXES, AS)),
        rewrite=True, recurse=False, test=lambda a, ctx: "CONCURRENTLY" not in a.flags and "WITH NO DATA" not in a.flags,
        reason="REFRESH MATERIALIZED VIEW rebuilds it under ACCESS EXCLUSIVE: its readers wait for the "
               "whole query; use REFRESH … CONCURRENTLY (needs a unique index).",
        setup=MV, example="REFRESH MATERIALIZED VIEW smv",
    ),
    Entry(
        id="matviews.refresh-concurrently", verb="REFRESH MATERIALIZED VIEW", form="REFRESH MATERIALIZED VIEW CONCURRENTLY mv",
        doc="sql-refreshmaterializedview.html",
        locks=(on(Target.TABLE, E), on(Target.TABLE_INDEXES, LockMode.ROW_EXCLUSIVE), on(Target.VIEW_SOURCES, AS),
               on(Target.VIEW_SOURCE_INDEXES, AS)),
        scan=True, recurse=False, test=lambda a, ctx: "CONCURRENTLY" in a.flags,
        reason="REFRESH … CONCURRENTLY takes EXCLUSIVE: readers continue while it runs the query and merges the changes.",
        setup=MV, example="REFRESH MATERIALIZED VIEW CONCURRENTLY smv",
    ),
    Entry(
        id="matviews.refresh-with-no-data", verb="REFRESH MATERIALIZED VIEW", form="REFRESH MATERIALIZED VIEW mv WITH NO DATA",
        doc="sql-refreshmaterializedview.html", locks=(on(Target.TABLE, AE), on(Target.TABLE_INDEXES, AE)),
        rewrite=True, recurse=False, test=lambda a, ctx: "WITH NO DATA" in a.flags,
        reason="WITH NO DATA empties the materialized view (a new, empty file) under ACCESS EXCLUSIVE without "
               "running its query: its readers then get an error until the next refresh.",
        setup=MV, example="REFRESH MATERIALIZED VIEW smv WITH NO DATA",
    ),
    Entry(
        id="matviews.set-storage-parameters", verb="ALTER MATERIALIZED VIEW/SET STORAGE PARAMETERS",
        form="ALTER MATERIALIZED VIEW mv SET (fillfactor = …) | ALTER COLUMN c SET STATISTICS n",
        doc="sql-altermaterializedview.html",
        locks=(on(Target.TABLE, SUE),), recurse=False,
        reason="Setting a storage parameter takes SHARE UPDATE EXCLUSIVE, as for tables: readers continue.",
        setup=MV, example="ALTER MATERIALIZED VIEW smv SET (fillfactor = 70)",
    ),
)
