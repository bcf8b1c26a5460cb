"""Statements that take no lock, or only a light one: CREATE TABLE (and its references),
COMMENT, GRANT/REVOKE, session settings, transaction control, CREATE SEQUENCE / SCHEMA /
EXTENSION / FUNCTION, ALTER SEQUENCE.

Source: sql-createtable.html (a REFERENCES clause takes SHARE ROW EXCLUSIVE on the referenced
table), sql-comment.html (SHARE UPDATE EXCLUSIVE), sql-grant.html (no table lock, measured),
sql-altersequence.html, sql-createfunction.html (the body is not executed at CREATE time).
"""

from __future__ import annotations

from migrator.analysis.actions import Action
from migrator.analysis.context import Context
from migrator.analysis.knowledge._common import BASE, SOLO
from migrator.analysis.knowledge.entry import Entry, Target, on
from migrator.analysis.locks import LockMode

SRE = LockMode.SHARE_ROW_EXCLUSIVE
SUE = LockMode.SHARE_UPDATE_EXCLUSIVE
AS = LockMode.ACCESS_SHARE


def _has_references(a: Action, ctx: Context) -> bool:
    return any(c.references for c in a.columns) or any(c.kind == "FOREIGN KEY" for c in a.constraints)


ENTRIES: tuple[Entry, ...] = (
    Entry(
        id="create-table", verb="CREATE TABLE", form="CREATE TABLE t (…)", doc="sql-createtable.html", locks=(),
        test=lambda a, ctx: not _has_references(a, ctx) and not a.tables,
        reason="Creating a table locks only the new table.",
        setup="", example="CREATE TABLE n (id bigint PRIMARY KEY, c text)",
    ),
    Entry(
        id="create-table.references", verb="CREATE TABLE", form="CREATE TABLE t (… REFERENCES p)", doc="sql-createtable.html",
        locks=(on(Target.REFERENCED, SRE),), test=_has_references,
        reason="A new table with a foreign key takes SHARE ROW EXCLUSIVE on the referenced table: its "
               "writers wait for a catalog update, so set a lock_timeout.",
        setup=BASE, example="CREATE TABLE child (id int PRIMARY KEY, pid int REFERENCES parent (id))",
    ),
    Entry(
        id="create-table.references-key-index", verb="CREATE TABLE", form="CREATE TABLE t (… REFERENCES p) (PostgreSQL 18)",
        doc="sql-createtable.html", locks=(on(Target.REFERENCED_KEY_INDEX, AS),), recurse=False,
        when=lambda caps: caps.fk_locks_referenced_key_index, test=_has_references,
        reason="On PostgreSQL 18, creating a foreign key also takes ACCESS SHARE on the referenced key's index.", setup=BASE, example="CREATE TABLE child (id int PRIMARY KEY, pid int REFERENCES parent (id))",
    ),
    Entry(
        id="create-table.like", verb="CREATE TABLE", form="CREATE TABLE t (LIKE u …)", doc="sql-createtable.html",
        locks=(on(Target.LISTED, AS),), test=lambda a, ctx: bool(a.tables) and not _has_references(a, ctx),
        reason="CREATE TABLE … (LIKE u) reads u's definition under ACCESS SHARE.",
        setup=SOLO, example="CREATE TABLE s_copy (LIKE s INCLUDING ALL)",
    ),
    Entry(
        id="create-table.inherits", verb="CREATE TABLE", form="CREATE TABLE t (…) INHERITS (parent)",
        doc="sql-createtable.html#SQL-CREATETABLE-PARMS-INHERITS", locks=(on(Target.INHERITED_PARENTS, SUE),),
        recurse=False, test=lambda a, ctx: bool(a.extra),
        reason="INHERITS takes SHARE UPDATE EXCLUSIVE on each parent: reads and writes continue.",
        setup=SOLO, example="CREATE TABLE s_child () INHERITS (s)",
    ),
    Entry(
        id="create-table-as.no-data", verb="CREATE TABLE AS", form="CREATE TABLE t AS SELECT … WITH NO DATA",
        doc="sql-createtableas.html", locks=(on(Target.SOURCES, AS),), test=lambda a, ctx: "WITH NO DATA" in a.flags,
        reason="WITH NO DATA does not run the query: it only reads the sources' definitions.",
        setup=SOLO, example="CREATE TABLE s_copy AS SELECT * FROM s WITH NO DATA",
    ),
    Entry(
        id="create-table-as", verb="CREATE TABLE AS", form="CREATE TABLE t AS SELECT …", doc="sql-createtableas.html",
        locks=(on(Target.SOURCES, AS), on(Target.SOURCE_INDEXES, AS)), scan=True,
        test=lambda a, ctx: "WITH NO DATA" not in a.flags,
        reason="CREATE TABLE AS runs its query under ACCESS SHARE on the tables it reads: long on large "
               "tables, but it blocks nobody.",
        setup=SOLO, example="CREATE TABLE s_copy AS SELECT * FROM s",
    ),
    Entry(
        id="comment.table", verb="COMMENT/TABLE", form="COMMENT ON TABLE | VIEW t IS …", doc="sql-comment.html",
        locks=(on(Target.TABLE, SUE),), recurse=False,
        test=lambda a, ctx: True,
        reason="COMMENT ON takes SHARE UPDATE EXCLUSIVE: reads and writes continue.",
        setup=SOLO, example="COMMENT ON TABLE s IS 'a table'",
    ),
    Entry(
        id="comment.constraint", verb="COMMENT/CONSTRAINT", form="COMMENT ON CONSTRAINT | TRIGGER | POLICY x ON t IS …",
        doc="sql-comment.html", locks=(on(Target.TABLE, AS),), recurse=False,
        reason="COMMENT ON CONSTRAINT / TRIGGER / POLICY locks that object, and the table only in ACCESS SHARE.",
        setup=SOLO + "ALTER TABLE s ADD CONSTRAINT s_c_pos CHECK (c > 0);\n", example="COMMENT ON CONSTRAINT s_c_pos ON s IS 'x'",
    ),
    Entry(
        id="comment.column", verb="COMMENT/COLUMN", form="COMMENT ON COLUMN t.c IS …", doc="sql-comment.html",
        locks=(on(Target.TABLE, SUE),), recurse=False,
        reason="COMMENT ON COLUMN takes SHARE UPDATE EXCLUSIVE: reads and writes continue.",
        setup=SOLO, example="COMMENT ON COLUMN s.c IS 'a column'",
    ),
    Entry(
        id="comment.index", verb="COMMENT/INDEX", form="COMMENT ON INDEX i IS …", doc="sql-comment.html",
        locks=(on(Target.INDEX, SUE),), recurse=False,
        reason="COMMENT ON INDEX takes SHARE UPDATE EXCLUSIVE on the index.",
        setup=SOLO, example="COMMENT ON INDEX s_c_idx IS 'an index'",
    ),
    Entry(
        id="comment.other", verb="COMMENT/OTHER", form="COMMENT ON FUNCTION | TYPE | SCHEMA … IS …", doc="sql-comment.html",
        locks=(), reason="A comment on a non-table object takes no table lock.",
        setup="CREATE TYPE mood AS ENUM ('a');\n", example="COMMENT ON TYPE mood IS 'a type'",
    ),
    Entry(
        id="grant", verb="GRANT", form="GRANT | REVOKE … ON t TO role", doc="sql-grant.html", locks=(),
        when=lambda caps: not caps.grant_locks_table,
        reason="GRANT and REVOKE take no table lock (REVOKE can break code that loses the privilege).",
        setup=SOLO, example="GRANT SELECT ON s TO PUBLIC",
    ),
    Entry(
        id="grant.sequence-pg18", verb="GRANT", form="GRANT | REVOKE … ON SEQUENCE sq TO role (PostgreSQL 18)",
        doc="sql-grant.html", locks=(on(Target.LISTED, AS),), recurse=False,
        when=lambda caps: caps.sequence_reference_locks, test=lambda a, ctx: "SEQUENCE" in a.flags,
        reason="GRANT and REVOKE on a sequence take ACCESS SHARE on it (PostgreSQL 18): they block nobody.",
        setup="CREATE SEQUENCE sq;\n", example="GRANT USAGE ON SEQUENCE sq TO PUBLIC",
    ),
    Entry(
        id="grant.pg18", verb="GRANT", form="GRANT | REVOKE … ON TABLE t TO role (PostgreSQL 18)", doc="sql-grant.html",
        locks=(on(Target.LISTED, AS),), when=lambda caps: caps.grant_locks_table, recurse=False,
        test=lambda a, ctx: "SEQUENCE" not in a.flags,
        reason="GRANT and REVOKE take ACCESS SHARE on the table (PostgreSQL 18): they block nobody "
               "(REVOKE can break code that loses the privilege).",
        setup=SOLO, example="GRANT SELECT ON s TO PUBLIC",
    ),
    Entry(
        id="session.set", verb="SET", form="SET | RESET parameter", doc="sql-set.html", locks=(),
        reason="A session setting takes no lock.", setup="", example="SET lock_timeout = '2s'",
    ),
    Entry(
        id="session.other", verb="SESSION", form="BEGIN | COMMIT | SAVEPOINT | SHOW | …", doc="sql-commands.html", locks=(),
        reason="Transaction control takes no lock.", verify=False,
    ),
    Entry(
        id="create-sequence", verb="CREATE SEQUENCE", form="CREATE SEQUENCE sq", doc="sql-createsequence.html", locks=(),
        reason="Creating a sequence takes no lock on existing relations.", setup="", example="CREATE SEQUENCE sq",
    ),
    Entry(
        id="alter-sequence", verb="ALTER SEQUENCE/OPTIONS", form="ALTER SEQUENCE sq RESTART | INCREMENT …",
        doc="sql-altersequence.html", locks=(on(Target.TABLE, SRE),),
        reason="ALTER SEQUENCE takes SHARE ROW EXCLUSIVE on the sequence: INSERTs drawing from it wait for the change.",
        setup="CREATE SEQUENCE sq;\n", example="ALTER SEQUENCE sq RESTART WITH 100",
    ),
    Entry(
        id="alter-sequence.owned-by", verb="ALTER SEQUENCE/OWNED BY", form="ALTER SEQUENCE sq OWNED BY t.c",
        doc="sql-altersequence.html", locks=(on(Target.TABLE, SRE), on(Target.LISTED, AS)), recurse=False,
        test=lambda a, ctx: True,
        reason="OWNED BY ties the sequence to a column: SHARE ROW EXCLUSIVE on the sequence, ACCESS SHARE on the table.",
        setup="CREATE SEQUENCE sq;\n" + SOLO, example="ALTER SEQUENCE sq OWNED BY s.c",
    ),
    Entry(
        id="create-schema", verb="CREATE SCHEMA", form="CREATE SCHEMA s", doc="sql-createschema.html", locks=(),
        reason="Creating a schema takes no table lock.", setup="", example="CREATE SCHEMA app",
    ),
    Entry(
        id="create-extension", verb="CREATE EXTENSION", form="CREATE EXTENSION e", doc="sql-createextension.html", locks=(),
        reason="Creating an extension takes no lock on existing tables (its script may run for a while).",
        setup="", example="CREATE EXTENSION IF NOT EXISTS pg_trgm", needs=("pg_trgm",),
    ),
    Entry(
        id="do-block", verb="DO", form="DO $$ … $$", doc="sql-do.html", locks=(),
        reason="A DO block takes the locks of the statements in its body: migrator analyses each of "
               "them and folds them into this statement (EXECUTE of dynamic SQL is unknown).",
        setup=SOLO, example="DO $$ BEGIN IF true THEN ALTER TABLE s ADD COLUMN x float8 DEFAULT random(); END IF; END $$",
    ),
    Entry(
        id="create-function", verb="CREATE FUNCTION", form="CREATE [OR REPLACE] FUNCTION | PROCEDURE f …",
        doc="sql-createfunction.html", locks=(),
        reason="Creating a function takes no table lock; its body runs only when it is called.",
        setup="", example="CREATE FUNCTION one() RETURNS int LANGUAGE sql AS 'SELECT 1'",
    ),
    Entry(
        id="alter-function.rename", verb="ALTER FUNCTION/RENAME", form="ALTER FUNCTION | PROCEDURE f(…) RENAME TO | SET SCHEMA …",
        doc="sql-alterfunction.html", locks=(), backward_incompatible=True,
        reason="Renaming a function takes no table lock, but the running application (and triggers or "
               "defaults written with the old name in SQL text) still call the old name.",
        setup="CREATE FUNCTION one() RETURNS int LANGUAGE sql AS 'SELECT 1';\n", example="ALTER FUNCTION one() RENAME TO uno",
    ),
    Entry(
        id="alter-function.options", verb="ALTER FUNCTION/OPTIONS", form="ALTER FUNCTION | PROCEDURE f(…) OWNER TO | SET | …",
        doc="sql-alterfunction.html", locks=(),
        reason="Changing a function's options takes no table lock.",
        setup="CREATE FUNCTION one() RETURNS int LANGUAGE sql AS 'SELECT 1';\n", example="ALTER FUNCTION one() SET search_path = public",
    ),
    Entry(
        id="alter-schema.rename", verb="ALTER SCHEMA/RENAME", form="ALTER SCHEMA s RENAME TO s2",
        doc="sql-alterschema.html", locks=(), backward_incompatible=True,
        reason="Renaming a schema takes no table lock, but the running application still uses the old name.",
        setup="CREATE SCHEMA app;\nCREATE TABLE app.t (id int);\n", example="ALTER SCHEMA app RENAME TO app2",
    ),
    Entry(
        id="alter-schema.options", verb="ALTER SCHEMA/OPTIONS", form="ALTER SCHEMA s OWNER TO role",
        doc="sql-alterschema.html", locks=(),
        reason="Changing a schema's owner takes no table lock.",
        setup="CREATE SCHEMA app;\n", example="ALTER SCHEMA app OWNER TO CURRENT_USER",
    ),
    Entry(
        id="alter-default-privileges", verb="ALTER DEFAULT PRIVILEGES", form="ALTER DEFAULT PRIVILEGES … GRANT | REVOKE …",
        doc="sql-alterdefaultprivileges.html", locks=(),
        reason="Default privileges apply to objects created later: no lock on existing tables.",
        setup=SOLO, example="ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO PUBLIC",
    ),
    Entry(
        id="rule.create", verb="CREATE RULE", form="CREATE [OR REPLACE] RULE r AS ON … TO t DO …",
        doc="sql-createrule.html", locks=(on(Target.TABLE, LockMode.ACCESS_EXCLUSIVE),), recurse=False,
        reason="CREATE RULE takes ACCESS EXCLUSIVE on the table for a catalog update (reads and writes wait); "
               "the rule then changes what the application's statements do.",
        setup=SOLO, example="CREATE RULE s_no_insert AS ON INSERT TO s DO INSTEAD NOTHING",
    ),
    Entry(
        id="rule.drop", verb="DROP RULE", form="DROP RULE r ON t",
        doc="sql-droprule.html", locks=(on(Target.TABLE, LockMode.ACCESS_EXCLUSIVE),), recurse=False,
        reason="DROP RULE takes ACCESS EXCLUSIVE on the table for a catalog update (reads and writes wait).",
        setup=SOLO + "CREATE RULE s_no_insert AS ON INSERT TO s DO INSTEAD NOTHING;\n", example="DROP RULE s_no_insert ON s",
    ),
    Entry(
        id="publication.create-for-tables", verb="CREATE PUBLICATION", form="CREATE PUBLICATION p FOR TABLE t, …",
        doc="sql-createpublication.html", locks=(on(Target.LISTED, SUE),), recurse=False,
        reason="CREATE PUBLICATION … FOR TABLE takes SHARE UPDATE EXCLUSIVE on each table: reads and writes continue.",
        setup=SOLO, example="CREATE PUBLICATION pub FOR TABLE s",
    ),
)
