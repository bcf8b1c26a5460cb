"""DROP TABLE / VIEW / SEQUENCE / TYPE / … and TRUNCATE.

Source: sql-droptable.html, sql-truncate.html ("TRUNCATE acquires an ACCESS EXCLUSIVE lock on each
table it operates on"; CASCADE: "all tables that have foreign-key references to any of the named
tables"), explicit-locking.html (DROP TABLE: ACCESS EXCLUSIVE). Measured: DROP TABLE also takes
ACCESS EXCLUSIVE on the tables its own foreign keys reference (their FK triggers are dropped).
"""

from __future__ import annotations

from migrator.analysis.knowledge._common import BASE, SOLO
from migrator.analysis.knowledge.entry import Entry, Target, on
from migrator.analysis.locks import LockMode

AE = LockMode.ACCESS_EXCLUSIVE


def _cascade(present: bool):  # type: ignore[no-untyped-def]
    return lambda a, ctx: ("CASCADE" in a.flags) == present


ENTRIES: tuple[Entry, ...] = (
    Entry(
        id="drop.table", verb="DROP TABLE", form="DROP TABLE t",
        doc="sql-droptable.html",
        locks=(on(Target.TABLE, AE), on(Target.TABLE_INDEXES, AE), on(Target.FK_TARGETS, AE),
               on(Target.OWNED_SEQUENCES, AE), on(Target.TABLE_PARENT, AE)),
        destructive=True, backward_incompatible=True, test=_cascade(False),
        reason="DROP TABLE loses the table's data and breaks code that still uses it; it also takes "
               "ACCESS EXCLUSIVE on the tables its foreign keys reference.",
        setup=BASE, example="DROP TABLE t",
    ),
    Entry(
        id="drop.table-cascade", verb="DROP TABLE", form="DROP TABLE t CASCADE",
        doc="sql-droptable.html",
        locks=(on(Target.TABLE, AE), on(Target.TABLE_INDEXES, AE), on(Target.FK_TARGETS, AE),
               on(Target.REFERENCING, AE), on(Target.OWNED_SEQUENCES, AE), on(Target.TABLE_PARENT, AE),
               on(Target.DEPENDENT_VIEWS, AE), on(Target.DEPENDENT_VIEW_INDEXES, AE)),
        destructive=True, backward_incompatible=True, test=_cascade(True),
        reason="DROP TABLE … CASCADE also drops the foreign keys (and views) that depend on the table, "
               "under ACCESS EXCLUSIVE on each referencing table.",
        setup=BASE, example="DROP TABLE parent CASCADE",
    ),
    Entry(
        id="drop.view", verb="DROP VIEW", form="DROP VIEW v [CASCADE]", doc="sql-dropview.html",
        locks=(on(Target.TABLE, AE), on(Target.DEPENDENT_VIEWS, AE), on(Target.DEPENDENT_VIEW_INDEXES, AE)),
        backward_incompatible=True, recurse=False,
        reason="DROP VIEW breaks code that still queries the view.",
        setup=SOLO + "CREATE VIEW sv AS SELECT * FROM s;\n", example="DROP VIEW sv",
    ),
    Entry(
        id="drop.materialized-view", verb="DROP MATERIALIZED VIEW", form="DROP MATERIALIZED VIEW mv",
        doc="sql-dropmaterializedview.html", locks=(on(Target.TABLE, AE), on(Target.TABLE_INDEXES, AE)),
        backward_incompatible=True,
        reason="DROP MATERIALIZED VIEW breaks code that still queries it.",
        setup=SOLO + "CREATE MATERIALIZED VIEW smv AS SELECT * FROM s;\n", example="DROP MATERIALIZED VIEW smv",
    ),
    Entry(
        id="drop.sequence", verb="DROP SEQUENCE", form="DROP SEQUENCE sq", doc="sql-dropsequence.html",
        locks=(on(Target.TABLE, AE),), destructive=True, backward_incompatible=True, test=_cascade(False),
        reason="DROP SEQUENCE loses its position and breaks defaults and code that draw from it.",
        setup="CREATE SEQUENCE sq;\n", example="DROP SEQUENCE sq",
    ),
    Entry(
        id="drop.sequence-cascade", verb="DROP SEQUENCE", form="DROP SEQUENCE sq CASCADE", doc="sql-dropsequence.html",
        locks=(on(Target.TABLE, AE), on(Target.SEQUENCE_OWNER, AE)), destructive=True, backward_incompatible=True,
        test=_cascade(True), recurse=False,
        reason="DROP SEQUENCE … CASCADE also drops the column defaults that draw from it, under ACCESS "
               "EXCLUSIVE on their tables; inserts relying on the default then fail.",
        setup="CREATE TABLE q (id serial PRIMARY KEY, v text);\nINSERT INTO q (v) VALUES ('a');\n",
        example="DROP SEQUENCE q_id_seq CASCADE",
    ),
    Entry(
        id="drop.type", verb="DROP TYPE", form="DROP TYPE ty", doc="sql-droptype.html", locks=(),
        backward_incompatible=True, test=_cascade(False),
        reason="DROP TYPE takes no table lock (it fails while a column uses the type).",
        setup="CREATE TYPE mood AS ENUM ('a', 'b');\n", example="DROP TYPE mood",
    ),
    Entry(
        id="drop.type-cascade", verb="DROP TYPE", form="DROP TYPE ty CASCADE", doc="sql-droptype.html",
        locks=(on(Target.DOMAIN_TABLES, AE),), destructive=True, backward_incompatible=True, test=_cascade(True),
        reason="DROP TYPE … CASCADE drops every column of that type (data loss) under ACCESS EXCLUSIVE on their tables.",
        setup=SOLO + "CREATE TYPE mood AS ENUM ('a', 'b');\nALTER TABLE s ADD COLUMN md mood;\n",
        example="DROP TYPE mood CASCADE",
    ),
    Entry(
        id="drop.domain", verb="DROP DOMAIN", form="DROP DOMAIN d", doc="sql-dropdomain.html", locks=(),
        backward_incompatible=True, test=_cascade(False),
        reason="DROP DOMAIN takes no table lock (it fails while a column uses the domain).",
        setup="CREATE DOMAIN pos AS int;\n", example="DROP DOMAIN pos",
    ),
    Entry(
        id="drop.domain-cascade", verb="DROP DOMAIN", form="DROP DOMAIN d CASCADE", doc="sql-dropdomain.html",
        locks=(on(Target.DOMAIN_TABLES, AE),), destructive=True, backward_incompatible=True, test=_cascade(True),
        recurse=False,
        reason="DROP DOMAIN … CASCADE drops every column of that domain (data loss) under ACCESS EXCLUSIVE on their tables.",
        setup="CREATE DOMAIN pos AS int;\nCREATE TABLE q (id int, n pos);\nINSERT INTO q VALUES (1, 1);\n",
        example="DROP DOMAIN pos CASCADE",
    ),
    Entry(
        id="drop.function", verb="DROP FUNCTION", form="DROP FUNCTION | PROCEDURE f", doc="sql-dropfunction.html",
        locks=(), backward_incompatible=True, test=_cascade(False),
        reason="DROP FUNCTION takes no table lock but breaks defaults, triggers and code that call it.",
        setup="CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n", example="DROP FUNCTION f()",
    ),
    Entry(
        id="drop.function-cascade", verb="DROP FUNCTION", form="DROP FUNCTION f CASCADE", doc="sql-dropfunction.html",
        locks=(on(Target.TRIGGER_TABLES, AE),), backward_incompatible=True, test=_cascade(True), recurse=False,
        reason="DROP FUNCTION … CASCADE also drops the triggers that execute it, under ACCESS EXCLUSIVE on their "
               "tables (and the defaults and views that call it).",
        setup=SOLO + "CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;\n"
              "CREATE TRIGGER s_trg BEFORE INSERT ON s FOR EACH ROW EXECUTE FUNCTION trg();\n",
        example="DROP FUNCTION trg() CASCADE",
    ),
    Entry(
        id="drop.procedure", verb="DROP PROCEDURE", form="DROP PROCEDURE p", doc="sql-dropprocedure.html",
        locks=(), backward_incompatible=True, verify=False,
        reason="DROP PROCEDURE takes no table lock but breaks code that calls it.",
    ),
    Entry(
        id="drop.schema", verb="DROP SCHEMA", form="DROP SCHEMA sch", doc="sql-dropschema.html", locks=(),
        backward_incompatible=True, test=_cascade(False),
        reason="DROP SCHEMA (without CASCADE) only succeeds on an empty schema.",
        setup="CREATE SCHEMA app;\n", example="DROP SCHEMA app",
    ),
    Entry(
        id="drop.schema-cascade", verb="DROP SCHEMA", form="DROP SCHEMA sch CASCADE", doc="sql-dropschema.html",
        locks=(on(Target.SCHEMA_TABLES, AE), on(Target.SCHEMA_TABLE_INDEXES, AE)), destructive=True,
        backward_incompatible=True, test=_cascade(True), recurse=False,
        reason="DROP SCHEMA … CASCADE drops every object in the schema (data loss), under ACCESS "
               "EXCLUSIVE on each of its tables.",
        setup="CREATE SCHEMA app;\nCREATE TABLE app.q (id int PRIMARY KEY);\nINSERT INTO app.q VALUES (1);\n",
        example="DROP SCHEMA app CASCADE",
    ),
    Entry(
        id="drop.extension", verb="DROP EXTENSION", form="DROP EXTENSION e", doc="sql-dropextension.html",
        locks=(), backward_incompatible=True, verify=False,
        reason="DROP EXTENSION removes its types and functions; with CASCADE, the columns using them.",
    ),
    Entry(
        id="truncate", verb="TRUNCATE", form="TRUNCATE t", doc="sql-truncate.html",
        locks=(on(Target.LISTED, AE), on(Target.LISTED_INDEXES, AE)), rewrite=True, destructive=True,
        test=_cascade(False),
        reason="TRUNCATE removes every row (data loss) under ACCESS EXCLUSIVE; the table gets a new, empty file.",
        setup=SOLO, example="TRUNCATE s",
    ),
    Entry(
        id="truncate.restart-identity", verb="TRUNCATE", form="TRUNCATE t RESTART IDENTITY", doc="sql-truncate.html",
        locks=(on(Target.OWNED_SEQUENCES, AE),), test=lambda a, ctx: "RESTART IDENTITY" in a.flags, recurse=False,
        reason="RESTART IDENTITY also resets the table's serial and identity sequences under ACCESS EXCLUSIVE.",
        setup="CREATE TABLE q (id serial PRIMARY KEY, v text);\nINSERT INTO q (v) VALUES ('a');\n",
        example="TRUNCATE q RESTART IDENTITY",
    ),
    Entry(
        id="truncate.cascade", verb="TRUNCATE", form="TRUNCATE t CASCADE", doc="sql-truncate.html",
        locks=(on(Target.LISTED, AE), on(Target.LISTED_INDEXES, AE), on(Target.REFERENCING_ALL, AE),
               on(Target.REFERENCING_ALL_INDEXES, AE)),
        rewrite=True, destructive=True, test=_cascade(True),
        reason="TRUNCATE … CASCADE also empties every table whose foreign keys reach the named tables.",
        setup=BASE, example="TRUNCATE parent CASCADE",
    ),
)
