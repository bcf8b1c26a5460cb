"""Enum types and domains: CREATE TYPE / DOMAIN, ALTER TYPE … ADD VALUE, ALTER DOMAIN.

Source: sql-altertype.html (ADD VALUE: no table lock; before PostgreSQL 12 not inside a
transaction block; the new value cannot be used until the transaction commits), sql-alterdomain.html
(ADD CONSTRAINT checks every column of the domain; NOT VALID skips it). Measured: ALTER DOMAIN
ADD CONSTRAINT and VALIDATE CONSTRAINT take SHARE on every table using the domain.
"""

from __future__ import annotations

from migrator.analysis.knowledge._common import SOLO
from migrator.analysis.knowledge.entry import Entry, Target, on
from migrator.analysis.locks import LockMode

S = LockMode.SHARE
ENUM = SOLO + "CREATE TYPE mood AS ENUM ('a', 'b');\nALTER TABLE s ADD COLUMN md mood;\n"
DOMAIN = SOLO + "CREATE DOMAIN pos AS int;\nALTER TABLE s ADD COLUMN p pos;\nUPDATE s SET p = id;\n"

ENTRIES: tuple[Entry, ...] = (
    Entry(
        id="types.create-type", verb="CREATE TYPE", form="CREATE TYPE ty AS ENUM (…) | AS (…)", doc="sql-createtype.html",
        locks=(), reason="Creating a type takes no table lock.",
        setup="", example="CREATE TYPE mood AS ENUM ('a', 'b')",
    ),
    Entry(
        id="types.enum-add-value", verb="ALTER TYPE/ADD VALUE", form="ALTER TYPE e ADD VALUE 'x' [BEFORE | AFTER …]",
        doc="sql-altertype.html#SQL-ALTERTYPE-NOTES", locks=(),
        test=lambda a, ctx: ctx.caps.enum_add_value_in_transaction,
        reason="ADD VALUE takes no table lock; inside a transaction block the new value cannot be used "
               "until commit.",
        setup=ENUM, example="ALTER TYPE mood ADD VALUE 'c'",
    ),
    Entry(
        id="types.enum-add-value-outside-transaction", verb="ALTER TYPE/ADD VALUE",
        form="ALTER TYPE e ADD VALUE 'x' (PostgreSQL < 12)", doc="sql-altertype.html#SQL-ALTERTYPE-NOTES", locks=(),
        transactional=False, test=lambda a, ctx: not ctx.caps.enum_add_value_in_transaction, verify=False,
        reason="Before PostgreSQL 12, ADD VALUE cannot run inside a transaction block.",
    ),
    Entry(
        id="types.enum-rename-value", verb="ALTER TYPE/RENAME VALUE", form="ALTER TYPE e RENAME VALUE 'a' TO 'b'",
        doc="sql-altertype.html", locks=(), backward_incompatible=True,
        reason="Renaming an enum value takes no table lock but breaks code that still writes the old value.",
        setup=ENUM, example="ALTER TYPE mood RENAME VALUE 'a' TO 'z'",
    ),
    Entry(
        id="types.rename", verb="ALTER TYPE/RENAME TO", form="ALTER TYPE ty RENAME TO ty2", doc="sql-altertype.html",
        locks=(), backward_incompatible=True,
        reason="Renaming a type takes no table lock but breaks code (casts) that name it.",
        setup=ENUM, example="ALTER TYPE mood RENAME TO feeling",
    ),
    Entry(
        id="types.owner-to", verb="ALTER TYPE/OWNER TO", form="ALTER TYPE | DOMAIN ty OWNER TO role", doc="sql-altertype.html",
        locks=(), reason="Changing a type's owner takes no table lock.",
        setup=ENUM, example="ALTER TYPE mood OWNER TO CURRENT_USER",
    ),
    Entry(
        id="domains.create", verb="CREATE DOMAIN", form="CREATE DOMAIN d AS type [CHECK (…)]", doc="sql-createdomain.html",
        locks=(), reason="Creating a domain takes no table lock (a CHECK on it makes later ADD COLUMN and "
                         "type changes to it rewrite their table).",
        setup="", example="CREATE DOMAIN pos AS int CHECK (VALUE > 0)",
    ),
    Entry(
        id="domains.add-constraint", verb="ALTER DOMAIN/ADD CONSTRAINT", form="ALTER DOMAIN d ADD CONSTRAINT c CHECK (…)",
        doc="sql-alterdomain.html", locks=(on(Target.DOMAIN_TABLES, S),), scan=True,
        test=lambda a, ctx: "NOT VALID" not in a.flags,
        reason="ALTER DOMAIN ADD CONSTRAINT checks every column of the domain under SHARE on each "
               "table using it (writes wait); add it NOT VALID and VALIDATE later.",
        setup=DOMAIN, example="ALTER DOMAIN pos ADD CONSTRAINT pos_positive CHECK (VALUE > 0)",
    ),
    Entry(
        id="domains.add-constraint-not-valid", verb="ALTER DOMAIN/ADD CONSTRAINT",
        form="ALTER DOMAIN d ADD CONSTRAINT c CHECK (…) NOT VALID", doc="sql-alterdomain.html", locks=(),
        test=lambda a, ctx: "NOT VALID" in a.flags,
        reason="NOT VALID skips checking existing values: no table lock.",
        setup=DOMAIN, example="ALTER DOMAIN pos ADD CONSTRAINT pos_positive CHECK (VALUE > 0) NOT VALID",
    ),
    Entry(
        id="domains.validate-constraint", verb="ALTER DOMAIN/VALIDATE CONSTRAINT", form="ALTER DOMAIN d VALIDATE CONSTRAINT c",
        doc="sql-alterdomain.html", locks=(on(Target.DOMAIN_TABLES, S),), scan=True,
        reason="ALTER DOMAIN VALIDATE CONSTRAINT scans every table using the domain under SHARE (writes "
               "wait): unlike ALTER TABLE VALIDATE, it blocks writers.",
        setup=DOMAIN + "ALTER DOMAIN pos ADD CONSTRAINT pos_positive CHECK (VALUE > 0) NOT VALID;\n",
        example="ALTER DOMAIN pos VALIDATE CONSTRAINT pos_positive",
    ),
    Entry(
        id="domains.drop-constraint", verb="ALTER DOMAIN/DROP CONSTRAINT", form="ALTER DOMAIN d DROP CONSTRAINT c",
        doc="sql-alterdomain.html", locks=(), reason="Dropping a domain constraint takes no table lock.",
        setup=DOMAIN + "ALTER DOMAIN pos ADD CONSTRAINT pos_positive CHECK (VALUE > 0);\n",
        example="ALTER DOMAIN pos DROP CONSTRAINT pos_positive",
    ),
    Entry(
        id="domains.set-not-null", verb="ALTER DOMAIN/SET NOT NULL", form="ALTER DOMAIN d SET NOT NULL",
        doc="sql-alterdomain.html", locks=(on(Target.DOMAIN_TABLES, S),), scan=True,
        reason="ALTER DOMAIN SET NOT NULL checks every column of the domain under SHARE on each table.",
        setup=DOMAIN, example="ALTER DOMAIN pos SET NOT NULL",
    ),
    Entry(
        id="domains.drop-not-null", verb="ALTER DOMAIN/DROP NOT NULL", form="ALTER DOMAIN d DROP NOT NULL",
        doc="sql-alterdomain.html", locks=(), reason="ALTER DOMAIN DROP NOT NULL takes no table lock.",
        setup=DOMAIN + "ALTER DOMAIN pos SET NOT NULL;\n", example="ALTER DOMAIN pos DROP NOT NULL",
    ),
    Entry(
        id="domains.default", verb="ALTER DOMAIN/DEFAULT", form="ALTER DOMAIN d SET | DROP DEFAULT",
        doc="sql-alterdomain.html", locks=(), reason="Changing a domain default takes no table lock.",
        setup=DOMAIN, example="ALTER DOMAIN pos SET DEFAULT 1",
    ),
    Entry(
        id="domains.rename", verb="ALTER DOMAIN/RENAME", form="ALTER DOMAIN d RENAME TO d2",
        doc="sql-alterdomain.html", locks=(), backward_incompatible=True,
        reason="Renaming a domain takes no table lock but breaks code (casts) that name it.",
        setup=DOMAIN, example="ALTER DOMAIN pos RENAME TO positive",
    ),
    Entry(
        id="types.set-schema", verb="ALTER TYPE/SET SCHEMA", form="ALTER TYPE ty SET SCHEMA s", doc="sql-altertype.html",
        locks=(), backward_incompatible=True,
        reason="Moving a type to another schema takes no table lock, but SQL that names it with the old schema breaks.",
        setup="CREATE TYPE mood AS ENUM ('a', 'b');\nCREATE SCHEMA other;\n", example="ALTER TYPE mood SET SCHEMA other",
    ),
    Entry(
        id="types.add-attribute", verb="ALTER TYPE/ADD ATTRIBUTE", form="ALTER TYPE composite ADD ATTRIBUTE a type",
        doc="sql-altertype.html", locks=(),
        reason="Adding an attribute to a composite type is a catalog update: no table lock, no rewrite "
               "(rows of tables using the type read the new attribute as NULL).",
        setup="CREATE TYPE pair AS (x int, y int);\nCREATE TABLE tp (id int, p pair);\nINSERT INTO tp VALUES (1, ROW(1, 2));\n",
        example="ALTER TYPE pair ADD ATTRIBUTE z int",
    ),
    Entry(
        id="types.rename-attribute", verb="ALTER TYPE/RENAME ATTRIBUTE", form="ALTER TYPE composite RENAME ATTRIBUTE a TO b",
        doc="sql-altertype.html", locks=(), backward_incompatible=True,
        reason="Renaming a composite type's attribute takes no table lock, but the running application still "
               "uses the old name.",
        setup="CREATE TYPE pair AS (x int, y int);\nCREATE TABLE tp (id int, p pair);\n",
        example="ALTER TYPE pair RENAME ATTRIBUTE x TO x1",
    ),
)
