"""ALTER TABLE sub-commands on columns, storage and table options.

Source: sql-altertable.html ("The lock acquired will be ACCESS EXCLUSIVE unless explicitly
noted"; SET STATISTICS / SET (storage parameters) take SHARE UPDATE EXCLUSIVE; the Notes section
on rewrites, fast defaults and SET NOT NULL). Every entry is checked on a real server.
"""

from __future__ import annotations

from migrator.analysis.actions import Action
from migrator.analysis.context import Context
from migrator.analysis.knowledge._common import BASE, SOLO, default_volatility, verdict_is
from migrator.analysis.knowledge.entry import Entry, Target, on
from migrator.analysis.locks import LockMode
from migrator.analysis.pg.coercion import TypeChange
from migrator.analysis.pg.volatility import Volatility

AE = LockMode.ACCESS_EXCLUSIVE
SUE = LockMode.SHARE_UPDATE_EXCLUSIVE
SRE = LockMode.SHARE_ROW_EXCLUSIVE
DOC = "sql-altertable.html"
TABLE_AE = (on(Target.TABLE, AE),)


def _spec_rewrites(a: Action, ctx: Context) -> bool:
    s = a.column_spec
    if s is None:
        return False
    if s.serial or s.identity:
        return True
    if s.generated == "stored" or (s.generated == "virtual" and not ctx.caps.virtual_generated_columns):
        return True
    if default_volatility(a, ctx) is Volatility.VOLATILE:
        return True
    if s.default is not None and not ctx.caps.fast_default_nonvolatile:
        return True
    return _domain_with_check(a, ctx)


def _domain_with_check(a: Action, ctx: Context) -> bool:
    t = a.type
    if t is None:
        return False
    name = t.base if "." in t.base else f"public.{t.base}"
    return ctx.schema.domains.get(name, False)


def _volatile_default(a: Action, ctx: Context) -> bool:
    s = a.column_spec
    return s is not None and default_volatility(a, ctx) is Volatility.VOLATILE and not (s.serial or s.identity)


def _constant_default(a: Action, ctx: Context) -> bool:
    s = a.column_spec
    return s is not None and s.default is not None and default_volatility(a, ctx) is not Volatility.VOLATILE


def _serial_or_identity(a: Action, ctx: Context) -> bool:
    s = a.column_spec
    return s is not None and (s.serial or s.identity)


def _stored_generated(a: Action, ctx: Context) -> bool:
    s = a.column_spec
    return s is not None and (s.generated == "stored" or (s.generated == "virtual" and not ctx.caps.virtual_generated_columns))


def _virtual_generated(a: Action, ctx: Context) -> bool:
    s = a.column_spec
    return s is not None and s.generated == "virtual" and ctx.caps.virtual_generated_columns


def _not_null_without_default(a: Action, ctx: Context) -> bool:
    s = a.column_spec
    return (s is not None and (s.not_null or s.primary_key) and s.default is None and not s.serial
            and not s.identity and s.generated is None)


def _inline_check(a: Action, ctx: Context) -> bool:
    return a.column_spec is not None and a.column_spec.check is not None


def _inline_index(a: Action, ctx: Context) -> bool:
    s = a.column_spec
    return s is not None and (s.unique or s.primary_key)


def _inline_references(a: Action, ctx: Context) -> bool:
    return a.column_spec is not None and a.column_spec.references is not None


def _rebuilds_indexes(a: Action, ctx: Context) -> bool:
    """A binary-coercible type change still rebuilds an expression index on the column, and the
    partitions' indexes on the column of a partitioned table (measured on 15, 16, 18)."""
    if not a.table or not a.column:
        return False
    key = -id(a)  # the type verdict is memoised under id(a)
    cached = ctx.memo.get(key)
    if cached is not None and cached[0] is a:
        return bool(cached[1])
    schema = ctx.schema
    on_column = schema.indexes_on_column(a.table, a.column)
    t = schema.table(a.table)
    rebuilds = bool(on_column) and (
        any(a.column in schema.indexes[i].expression_columns for i in on_column)
        or (t is not None and t.partitioned and "ONLY" not in a.flags))
    ctx.memo[key] = (a, rebuilds)
    return rebuilds


def _set_not_null_checked(a: Action, ctx: Context) -> bool:
    return a.table is not None and a.column is not None and ctx.schema.valid_not_null_check(a.table, a.column)


def _set_not_null_unchecked(a: Action, ctx: Context) -> bool:
    return not (ctx.caps.set_not_null_uses_valid_check and _set_not_null_checked(a, ctx))


def _same_access_method(a: Action, ctx: Context) -> bool:
    """SET ACCESS METHOD heap on a table the schema model knows (created with the default, heap)."""
    t = ctx.schema.table(a.table) if a.table else None
    return a.extra == ("heap",) and t is not None and t.kind == "table" and not t.partitioned


def _column_is_key(a: Action, ctx: Context) -> bool:
    t = ctx.schema.table(a.table) if a.table else None
    return t is not None and bool(ctx.schema.referencing_tables(t.name)) and any(
        c.kind.value in ("primary key", "unique") and a.column in c.columns for c in t.constraints)


def _column_exists(a: Action, ctx: Context) -> bool:
    t = ctx.schema.table(a.table) if a.table else None
    name = a.column_spec.name if a.column_spec is not None else a.column
    return t is not None and name is not None and t.column(name) is not None


ENTRIES: tuple[Entry, ...] = (
    # ---------------------------------------------------------------- ADD COLUMN
    Entry(
        id="alter-table.add-column", verb="ALTER TABLE/ADD COLUMN", form="ALTER TABLE … ADD COLUMN c type",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-COLUMN", locks=TABLE_AE,
        reason="ADD COLUMN takes an ACCESS EXCLUSIVE lock for a catalog update.",
        setup=SOLO, example="ALTER TABLE s ADD COLUMN x int",
    ),
    Entry(
        id="alter-table.add-column.constant-default", verb="ALTER TABLE/ADD COLUMN",
        form="ALTER TABLE … ADD COLUMN c type DEFAULT <non-volatile>", doc=f"{DOC}#SQL-ALTERTABLE-NOTES",
        locks=TABLE_AE, test=_constant_default, when=lambda caps: caps.fast_default_nonvolatile,
        reason="A non-volatile DEFAULT (a constant, or a STABLE function such as now()) is stored "
               "in the catalog (fast default, PostgreSQL 11+): no rewrite.",
        setup=SOLO, example="ALTER TABLE s ADD COLUMN x timestamptz NOT NULL DEFAULT now()",
    ),
    Entry(
        id="alter-table.add-column.volatile-default", verb="ALTER TABLE/ADD COLUMN",
        form="ALTER TABLE … ADD COLUMN c type DEFAULT <volatile>", doc=f"{DOC}#SQL-ALTERTABLE-NOTES",
        locks=(on(Target.TABLE, AE), on(Target.TABLE_INDEXES, AE), on(Target.CALLED_SEQUENCES, LockMode.ROW_EXCLUSIVE)),
        rewrite=True, test=_volatile_default,
        reason="A VOLATILE default (random(), clock_timestamp(), gen_random_uuid(), nextval(), or a "
               "function not known to be non-volatile) is computed for every row: the table and its "
               "indexes are rewritten under ACCESS EXCLUSIVE.",
        setup=SOLO, example="ALTER TABLE s ADD COLUMN x float8 DEFAULT random()",
    ),
    Entry(
        id="alter-table.add-column.serial-or-identity", verb="ALTER TABLE/ADD COLUMN",
        form="ALTER TABLE … ADD COLUMN c bigserial | … GENERATED … AS IDENTITY", doc=f"{DOC}#SQL-ALTERTABLE-NOTES",
        locks=(on(Target.TABLE, AE), on(Target.TABLE_INDEXES, AE)), rewrite=True, test=_serial_or_identity,
        reason="A serial or identity column draws a sequence value for every existing row: the table "
               "and its indexes are rewritten under ACCESS EXCLUSIVE.",
        setup=SOLO, example="ALTER TABLE s ADD COLUMN x bigserial",
    ),
    Entry(
        id="alter-table.add-column.generated-stored", verb="ALTER TABLE/ADD COLUMN",
        form="ALTER TABLE … ADD COLUMN c type GENERATED ALWAYS AS (expr) STORED", doc=f"{DOC}#SQL-ALTERTABLE-NOTES",
        locks=(on(Target.TABLE, AE), on(Target.TABLE_INDEXES, AE)), rewrite=True, test=_stored_generated,
        reason="A stored generated column is computed for every row: the table and its indexes are rewritten.",
        setup=SOLO, example="ALTER TABLE s ADD COLUMN x int GENERATED ALWAYS AS (c * 2) STORED",
    ),
    Entry(
        id="alter-table.add-column.generated-virtual", verb="ALTER TABLE/ADD COLUMN",
        form="ALTER TABLE … ADD COLUMN c type GENERATED ALWAYS AS (expr) [VIRTUAL]", doc=f"{DOC}#SQL-ALTERTABLE-NOTES",
        locks=TABLE_AE, test=_virtual_generated, when=lambda caps: caps.virtual_generated_columns,
        reason="A virtual generated column (PostgreSQL 18+) is computed when read: no rewrite.",
        setup=SOLO, example="ALTER TABLE s ADD COLUMN x int GENERATED ALWAYS AS (c * 2) VIRTUAL",
    ),
    Entry(
        id="alter-table.add-column.not-null-without-default", verb="ALTER TABLE/ADD COLUMN",
        form="ALTER TABLE … ADD COLUMN c type NOT NULL (no default)", doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-COLUMN",
        locks=TABLE_AE, fails_on_data=True, backward_incompatible=True, test=_not_null_without_default,
        reason="A NOT NULL column without a default fails on any table that has rows (\"contains null "
               "values\"), and INSERTs of the running application that do not set it fail too.",
        setup=SOLO, example="ALTER TABLE s ADD COLUMN x int NOT NULL",
    ),
    Entry(
        id="alter-table.add-column.check", verb="ALTER TABLE/ADD COLUMN",
        form="ALTER TABLE … ADD COLUMN c type CHECK (…)", doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-COLUMN",
        locks=TABLE_AE, scan=True, test=_inline_check,
        reason="An inline CHECK is verified against every row under ACCESS EXCLUSIVE (a full scan, "
               "even though the new column is all NULL).",
        setup=SOLO, example="ALTER TABLE s ADD COLUMN x int CHECK (x > 0)",
    ),
    Entry(
        id="alter-table.add-column.unique-or-primary-key", verb="ALTER TABLE/ADD COLUMN",
        form="ALTER TABLE … ADD COLUMN c type UNIQUE | PRIMARY KEY", doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-COLUMN",
        locks=TABLE_AE, scan=True, test=_inline_index,
        reason="An inline UNIQUE or PRIMARY KEY builds an index under ACCESS EXCLUSIVE (a full scan "
               "that blocks reads and writes).",
        setup=SOLO, example="ALTER TABLE s ADD COLUMN x int UNIQUE",
    ),
    Entry(
        id="alter-table.add-column.references", verb="ALTER TABLE/ADD COLUMN",
        form="ALTER TABLE … ADD COLUMN c type REFERENCES p", doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-TABLE-CONSTRAINT",
        locks=(on(Target.TABLE, AE), on(Target.REFERENCED, SRE)), test=_inline_references,
        reason="An inline REFERENCES also takes SHARE ROW EXCLUSIVE on the referenced table (its "
               "writes wait); the new column is all NULL, so nothing is scanned.",
        setup=BASE, example="ALTER TABLE t ADD COLUMN pid2 int REFERENCES parent (id)",
    ),
    Entry(
        id="alter-table.add-column.domain-with-check", verb="ALTER TABLE/ADD COLUMN",
        form="ALTER TABLE … ADD COLUMN c domain_with_check", doc=f"{DOC}#SQL-ALTERTABLE-NOTES",
        locks=(on(Target.TABLE, AE), on(Target.TABLE_INDEXES, AE)), rewrite=True,
        test=lambda a, ctx: _domain_with_check(a, ctx) and not _serial_or_identity(a, ctx) and not _volatile_default(a, ctx),
        reason="A column whose domain has a CHECK constraint is checked by rewriting the table.",
        setup=SOLO + "CREATE DOMAIN positive AS int CHECK (VALUE > 0);\n",
        example="ALTER TABLE s ADD COLUMN x positive",
    ),
    # ---------------------------------------------------------------- DROP COLUMN
    Entry(
        id="alter-table.drop-column", verb="ALTER TABLE/DROP COLUMN", form="ALTER TABLE … DROP COLUMN c",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-DROP-COLUMN",
        locks=(on(Target.TABLE, AE), on(Target.COLUMN_INDEXES, AE)), destructive=True, backward_incompatible=True,
        reason="DROP COLUMN loses the column's data (and its indexes and constraints) and breaks "
               "application code that still reads or writes it.",
        setup=SOLO, example="ALTER TABLE s DROP COLUMN c",
    ),
    Entry(
        id="alter-table.add-column.references-key-index", verb="ALTER TABLE/ADD COLUMN",
        form="ALTER TABLE … ADD COLUMN c type REFERENCES p (PostgreSQL 18)", doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-COLUMN",
        locks=(on(Target.REFERENCED_KEY_INDEX, LockMode.ACCESS_SHARE),), recurse=False,
        when=lambda caps: caps.fk_locks_referenced_key_index, test=_inline_references,
        reason="On PostgreSQL 18, creating a foreign key also takes ACCESS SHARE on the referenced key's index.", setup=BASE, example="ALTER TABLE t ADD COLUMN pid2 int REFERENCES parent (id)",
    ),
    # ---------------------------------------------------------------- ALTER COLUMN TYPE
    Entry(
        id="alter-table.alter-column-type.rewrite", verb="ALTER TABLE/ALTER COLUMN TYPE",
        form="ALTER TABLE … ALTER COLUMN c TYPE t2 (not binary-coercible)", doc=f"{DOC}#SQL-ALTERTABLE-NOTES",
        locks=(on(Target.TABLE, AE), on(Target.TABLE_INDEXES, AE)), rewrite=True, backward_incompatible=True,
        test=verdict_is(TypeChange.REWRITE, TypeChange.UNKNOWN),
        reason="The type change rewrites the table and rebuilds all its indexes under ACCESS EXCLUSIVE.",
        setup=BASE, example="ALTER TABLE t ALTER COLUMN c TYPE bigint",
    ),
    Entry(
        id="alter-table.alter-column-type.binary-coercible", verb="ALTER TABLE/ALTER COLUMN TYPE",
        form="ALTER TABLE … ALTER COLUMN c TYPE t2 (binary-coercible, e.g. varchar(n) → varchar(m ≥ n) | text)",
        doc=f"{DOC}#SQL-ALTERTABLE-NOTES",
        locks=(on(Target.TABLE, AE), on(Target.COLUMN_INDEXES, AE)),
        test=lambda a, ctx: verdict_is(TypeChange.NONE)(a, ctx) and not _rebuilds_indexes(a, ctx),
        reason="The new type is binary-coercible from the old one: a catalog update, no rewrite.",
        setup=BASE + "CREATE INDEX t_v_idx ON t (v);\n", example="ALTER TABLE t ALTER COLUMN v TYPE varchar(100)",
    ),
    Entry(
        id="alter-table.alter-column-type.binary-coercible-indexes-rebuilt", verb="ALTER TABLE/ALTER COLUMN TYPE",
        form="ALTER TABLE … ALTER COLUMN c TYPE t2 (binary-coercible; c in an expression index, or a partitioned table)",
        doc=f"{DOC}#SQL-ALTERTABLE-NOTES",
        locks=(on(Target.TABLE, AE), on(Target.COLUMN_INDEXES, AE)), scan=True,
        test=lambda a, ctx: verdict_is(TypeChange.NONE)(a, ctx) and _rebuilds_indexes(a, ctx),
        reason="The new type is binary-coercible (no table rewrite), but PostgreSQL rebuilds the expression "
               "indexes on the column (and, on a partitioned table, the partitions' indexes on it) under "
               "ACCESS EXCLUSIVE: reads and writes wait for the index builds.",
        setup=SOLO + "ALTER TABLE s ALTER COLUMN v TYPE varchar(20);\nCREATE INDEX s_lower_v ON s (lower(v));\n",
        example="ALTER TABLE s ALTER COLUMN v TYPE varchar(50)",
    ),
    Entry(
        id="alter-table.alter-column-type.timestamptz-utc", verb="ALTER TABLE/ALTER COLUMN TYPE",
        form="SET timezone = 'UTC'; ALTER TABLE … ALTER COLUMN ts TYPE timestamptz", doc=f"{DOC}#SQL-ALTERTABLE-NOTES",
        locks=(on(Target.TABLE, AE), on(Target.COLUMN_INDEXES, AE)),
        test=lambda a, ctx: ctx.session_utc and verdict_is(TypeChange.NONE)(a, ctx) and a.type is not None
        and a.type.base.startswith("timestamp"),
        reason="timestamp ↔ timestamptz needs no rewrite when the session time zone is UTC (PostgreSQL 12+).",
        setup=BASE, example="SET timezone = 'UTC';\nALTER TABLE t ALTER COLUMN ts TYPE timestamptz",
    ),
    Entry(
        id="alter-table.alter-column-type.timestamptz-not-utc", verb="ALTER TABLE/ALTER COLUMN TYPE",
        form="ALTER TABLE … ALTER COLUMN ts TYPE timestamptz (session time zone not known to be UTC)",
        doc=f"{DOC}#SQL-ALTERTABLE-NOTES", locks=(on(Target.TABLE, AE), on(Target.TABLE_INDEXES, AE)),
        rewrite=True, backward_incompatible=True,
        test=lambda a, ctx: not ctx.session_utc and verdict_is(TypeChange.REWRITE)(a, ctx) and a.type is not None
        and a.type.base.startswith("timestamp"),
        reason="timestamp ↔ timestamptz converts every value with the session time zone: a rewrite "
               "unless the migration sets `timezone = 'UTC'` first.",
        setup=BASE, example="SET timezone = 'America/New_York';\nALTER TABLE t ALTER COLUMN ts TYPE timestamptz",
    ),
    Entry(
        id="alter-table.alter-column-type.index-rebuild", verb="ALTER TABLE/ALTER COLUMN TYPE",
        form="ALTER TABLE … ALTER COLUMN c TYPE t2 (binary-coercible, new operator class)",
        doc=f"{DOC}#SQL-ALTERTABLE-NOTES",
        locks=(on(Target.TABLE, AE), on(Target.COLUMN_INDEXES, AE)), scan=True, backward_incompatible=True,
        test=verdict_is(TypeChange.INDEX_REBUILD),
        reason="No table rewrite, but the indexes on the column are rebuilt (new operator class) "
               "under ACCESS EXCLUSIVE.",
        setup="CREATE EXTENSION IF NOT EXISTS citext;\n" + SOLO + "CREATE INDEX s_v_idx ON s (v);\n",
        example="ALTER TABLE s ALTER COLUMN v TYPE citext", needs=("citext",),
    ),
    # ---------------------------------------------------------------- NULLability / defaults
    Entry(
        id="alter-table.set-not-null", verb="ALTER TABLE/SET NOT NULL", form="ALTER TABLE … ALTER COLUMN c SET NOT NULL",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-SET-DROP-NOT-NULL", locks=TABLE_AE, scan=True, test=_set_not_null_unchecked,
        reason="SET NOT NULL scans the whole table under ACCESS EXCLUSIVE to check for NULLs.",
        setup=SOLO, example="ALTER TABLE s ALTER COLUMN c SET NOT NULL",
    ),
    Entry(
        id="alter-table.set-not-null.valid-check", verb="ALTER TABLE/SET NOT NULL",
        form="ALTER TABLE … ALTER COLUMN c SET NOT NULL (a valid CHECK (c IS NOT NULL) exists)",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-SET-DROP-NOT-NULL", locks=TABLE_AE, test=_set_not_null_checked,
        when=lambda caps: caps.set_not_null_uses_valid_check,
        reason="A valid CHECK (c IS NOT NULL) already proves there are no NULLs: no scan (PostgreSQL 12+).",
        setup=SOLO + "ALTER TABLE s ADD CONSTRAINT s_c_not_null CHECK (c IS NOT NULL);\n",
        example="ALTER TABLE s ALTER COLUMN c SET NOT NULL",
    ),
    Entry(
        id="alter-table.drop-not-null", verb="ALTER TABLE/DROP NOT NULL", form="ALTER TABLE … ALTER COLUMN c DROP NOT NULL",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-SET-DROP-NOT-NULL", locks=TABLE_AE,
        reason="DROP NOT NULL is a catalog update under ACCESS EXCLUSIVE.",
        setup=SOLO + "ALTER TABLE s ALTER COLUMN c SET NOT NULL;\n", example="ALTER TABLE s ALTER COLUMN c DROP NOT NULL",
    ),
    Entry(
        id="alter-table.set-default", verb="ALTER TABLE/SET DEFAULT", form="ALTER TABLE … ALTER COLUMN c SET DEFAULT x",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-SET-DROP-DEFAULT", locks=TABLE_AE,
        reason="SET DEFAULT only affects later INSERTs: a catalog update under ACCESS EXCLUSIVE.",
        setup=SOLO, example="ALTER TABLE s ALTER COLUMN c SET DEFAULT 5",
    ),
    Entry(
        id="alter-table.set-default.sequence-pg18", verb="ALTER TABLE/SET DEFAULT",
        form="ALTER TABLE … ALTER COLUMN c SET DEFAULT nextval('sq') (PostgreSQL 18)",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-SET-DROP-DEFAULT", locks=(on(Target.CALLED_SEQUENCES, LockMode.ACCESS_SHARE),),
        recurse=False, when=lambda caps: caps.sequence_reference_locks,
        reason="On PostgreSQL 18, a default that calls nextval() takes ACCESS SHARE on the sequence.",
        setup="CREATE SEQUENCE sq;\n" + SOLO, example="ALTER TABLE s ALTER COLUMN c SET DEFAULT nextval('sq')",
    ),
    Entry(
        id="alter-table.drop-default", verb="ALTER TABLE/DROP DEFAULT", form="ALTER TABLE … ALTER COLUMN c DROP DEFAULT",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-SET-DROP-DEFAULT", locks=TABLE_AE,
        reason="DROP DEFAULT is a catalog update under ACCESS EXCLUSIVE.",
        setup=SOLO + "ALTER TABLE s ALTER COLUMN c SET DEFAULT 1;\n", example="ALTER TABLE s ALTER COLUMN c DROP DEFAULT",
    ),
    # ---------------------------------------------------------------- column options
    Entry(
        id="alter-table.set-statistics", verb="ALTER TABLE/SET STATISTICS", form="ALTER TABLE … ALTER COLUMN c SET STATISTICS n",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-SET-STATISTICS", locks=(on(Target.TABLE, SUE),),
        reason="SET STATISTICS takes SHARE UPDATE EXCLUSIVE: reads and writes continue.",
        setup=SOLO, example="ALTER TABLE s ALTER COLUMN c SET STATISTICS 500",
    ),
    Entry(
        id="alter-table.set-attribute-options", verb="ALTER TABLE/SET ATTRIBUTE OPTIONS",
        form="ALTER TABLE … ALTER COLUMN c SET (n_distinct = …)", doc=f"{DOC}#SQL-ALTERTABLE-DESC-SET-ATTRIBUTE-OPTION",
        locks=(on(Target.TABLE, SUE),),
        reason="Setting per-attribute options takes SHARE UPDATE EXCLUSIVE.",
        setup=SOLO, example="ALTER TABLE s ALTER COLUMN c SET (n_distinct = 100)",
    ),
    Entry(
        id="alter-table.set-storage", verb="ALTER TABLE/SET STORAGE", form="ALTER TABLE … ALTER COLUMN c SET STORAGE mode",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-SET-STORAGE", locks=TABLE_AE,
        reason="SET STORAGE affects only new rows: a catalog update under ACCESS EXCLUSIVE.",
        setup=SOLO, example="ALTER TABLE s ALTER COLUMN v SET STORAGE EXTERNAL",
    ),
    Entry(
        id="alter-table.set-compression", verb="ALTER TABLE/SET COMPRESSION", form="ALTER TABLE … ALTER COLUMN c SET COMPRESSION m",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-SET-COMPRESSION", locks=TABLE_AE, when=lambda caps: caps.set_compression,
        reason="SET COMPRESSION affects only new rows: a catalog update under ACCESS EXCLUSIVE (PostgreSQL 14+).",
        setup=SOLO, example="ALTER TABLE s ALTER COLUMN v SET COMPRESSION pglz",
    ),
    Entry(
        id="alter-table.drop-expression", verb="ALTER TABLE/DROP EXPRESSION", form="ALTER TABLE … ALTER COLUMN c DROP EXPRESSION",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-DROP-EXPRESSION", locks=TABLE_AE, when=lambda caps: caps.drop_expression,
        reason="DROP EXPRESSION turns a stored generated column into a plain one: a catalog update.",
        setup=SOLO + "ALTER TABLE s ADD COLUMN g int GENERATED ALWAYS AS (c * 2) STORED;\n",
        example="ALTER TABLE s ALTER COLUMN g DROP EXPRESSION",
    ),
    Entry(
        id="alter-table.set-expression", verb="ALTER TABLE/SET EXPRESSION",
        form="ALTER TABLE … ALTER COLUMN c SET EXPRESSION AS (expr) (stored generated column)",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-SET-EXPRESSION", locks=(on(Target.TABLE, AE), on(Target.TABLE_INDEXES, AE)),
        rewrite=True, when=lambda caps: caps.set_expression,
        reason="SET EXPRESSION recomputes a stored generated column for every row: the table and its "
               "indexes are rewritten under ACCESS EXCLUSIVE (PostgreSQL 17+).",
        setup=SOLO + "ALTER TABLE s ADD COLUMN g int GENERATED ALWAYS AS (c * 2) STORED;\n",
        example="ALTER TABLE s ALTER COLUMN g SET EXPRESSION AS (c * 3)",
    ),
    Entry(
        id="alter-table.identity", verb="ALTER TABLE/DROP IDENTITY", form="ALTER TABLE … ALTER COLUMN c DROP IDENTITY",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-GENERATED-IDENTITY", locks=(*TABLE_AE, on(Target.COLUMN_SEQUENCE, AE)),
        reason="DROP IDENTITY drops the column's sequence under ACCESS EXCLUSIVE; INSERTs that relied on "
               "the identity fail afterwards.",
        backward_incompatible=True,
        setup="CREATE TABLE idt (id int GENERATED BY DEFAULT AS IDENTITY, c int);\nINSERT INTO idt (c) VALUES (1);\n",
        example="ALTER TABLE idt ALTER COLUMN id DROP IDENTITY",
    ),
    Entry(
        id="alter-table.add-identity", verb="ALTER TABLE/ADD GENERATED AS IDENTITY",
        form="ALTER TABLE … ALTER COLUMN c ADD GENERATED … AS IDENTITY", doc=f"{DOC}#SQL-ALTERTABLE-DESC-GENERATED-IDENTITY",
        locks=TABLE_AE,
        reason="Making an existing NOT NULL column an identity is a catalog update under ACCESS EXCLUSIVE.",
        setup=SOLO, example="ALTER TABLE s ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY",
    ),
    Entry(
        id="alter-table.set-generated", verb="ALTER TABLE/SET GENERATED", form="ALTER TABLE … ALTER COLUMN c SET GENERATED … | RESTART",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-GENERATED-IDENTITY", locks=(*TABLE_AE, on(Target.COLUMN_SEQUENCE, SRE)),
        reason="Changing an identity column's options is a catalog update under ACCESS EXCLUSIVE.",
        setup="CREATE TABLE idt (id int GENERATED BY DEFAULT AS IDENTITY, c int);\nINSERT INTO idt (c) VALUES (1);\n",
        example="ALTER TABLE idt ALTER COLUMN id SET GENERATED ALWAYS",
    ),
    # ---------------------------------------------------------------- table options
    Entry(
        id="alter-table.set-storage-parameters", verb="ALTER TABLE/SET STORAGE PARAMETERS",
        form="ALTER TABLE … SET (fillfactor = …) | RESET (…)", doc=f"{DOC}#SQL-ALTERTABLE-DESC-SET-STORAGE-PARAMETER",
        locks=(on(Target.TABLE, SUE),),
        reason="Setting fillfactor, autovacuum and similar storage parameters takes SHARE UPDATE EXCLUSIVE.",
        setup=SOLO, example="ALTER TABLE s SET (fillfactor = 70)",
    ),
    Entry(
        id="alter-table.set-logged-unlogged", verb="ALTER TABLE/SET UNLOGGED", form="ALTER TABLE … SET UNLOGGED",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-SET-LOGGED-UNLOGGED",
        locks=(on(Target.TABLE, AE), on(Target.TABLE_INDEXES, AE)), rewrite=True,
        reason="SET UNLOGGED rewrites the table and its indexes under ACCESS EXCLUSIVE.",
        setup=SOLO, example="ALTER TABLE s SET UNLOGGED",
    ),
    Entry(
        id="alter-table.set-logged", verb="ALTER TABLE/SET LOGGED", form="ALTER TABLE … SET LOGGED",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-SET-LOGGED-UNLOGGED",
        locks=(on(Target.TABLE, AE), on(Target.TABLE_INDEXES, AE)), rewrite=True,
        reason="SET LOGGED rewrites the table and its indexes (and WAL-logs all of it) under ACCESS EXCLUSIVE.",
        setup="CREATE UNLOGGED TABLE u (id int PRIMARY KEY, c int);\nINSERT INTO u VALUES (1, 1);\n",
        example="ALTER TABLE u SET LOGGED",
    ),
    Entry(
        id="alter-table.set-tablespace", verb="ALTER TABLE/SET TABLESPACE", form="ALTER TABLE … SET TABLESPACE ts",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-SET-TABLESPACE", locks=TABLE_AE, rewrite=True,
        reason="SET TABLESPACE copies the whole table file under ACCESS EXCLUSIVE.",
        setup=SOLO, example="ALTER TABLE s SET TABLESPACE other", verify=False,
    ),
    Entry(
        id="alter-table.cluster-on", verb="ALTER TABLE/CLUSTER ON", form="ALTER TABLE … CLUSTER ON index",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-CLUSTER-ON", locks=(on(Target.TABLE, SUE), on(Target.INDEX, SUE)),
        reason="CLUSTER ON only marks the index for future CLUSTER runs (SHARE UPDATE EXCLUSIVE).",
        setup=SOLO, example="ALTER TABLE s CLUSTER ON s_pkey",
    ),
    Entry(
        id="alter-table.set-without-cluster", verb="ALTER TABLE/SET WITHOUT CLUSTER", form="ALTER TABLE … SET WITHOUT CLUSTER",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-SET-WITHOUT-CLUSTER", locks=(on(Target.TABLE, SUE),),
        reason="SET WITHOUT CLUSTER is a catalog update under SHARE UPDATE EXCLUSIVE.",
        setup=SOLO, example="ALTER TABLE s SET WITHOUT CLUSTER",
    ),
    Entry(
        id="alter-table.replica-identity", verb="ALTER TABLE/REPLICA IDENTITY", form="ALTER TABLE … REPLICA IDENTITY …",
        doc=f"{DOC}#SQL-ALTERTABLE-REPLICA-IDENTITY", locks=(*TABLE_AE, on(Target.INDEX, LockMode.SHARE)),
        reason="REPLICA IDENTITY is a catalog update under ACCESS EXCLUSIVE (FULL raises WAL volume).",
        setup=SOLO, example="ALTER TABLE s REPLICA IDENTITY FULL",
    ),
    Entry(
        id="alter-table.owner-to", verb="ALTER TABLE/OWNER TO", form="ALTER TABLE … OWNER TO role",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-OWNER", locks=TABLE_AE,
        reason="OWNER TO is a catalog update under ACCESS EXCLUSIVE.",
        setup=SOLO, example="ALTER TABLE s OWNER TO CURRENT_USER",
    ),
    Entry(
        id="alter-table.row-level-security", verb="ALTER TABLE/ENABLE ROW LEVEL SECURITY",
        form="ALTER TABLE … ENABLE ROW LEVEL SECURITY", doc=f"{DOC}#SQL-ALTERTABLE-DESC-ENABLE-DISABLE-RLS",
        locks=TABLE_AE,
        reason="Enabling row level security is a catalog update under ACCESS EXCLUSIVE; it changes "
               "which rows queries see.",
        setup=SOLO, example="ALTER TABLE s ENABLE ROW LEVEL SECURITY",
    ),
    Entry(
        id="alter-table.disable-row-level-security", verb="ALTER TABLE/DISABLE ROW LEVEL SECURITY",
        form="ALTER TABLE … DISABLE ROW LEVEL SECURITY", doc=f"{DOC}#SQL-ALTERTABLE-DESC-ENABLE-DISABLE-RLS",
        locks=TABLE_AE, reason="Disabling row level security is a catalog update under ACCESS EXCLUSIVE.",
        setup=SOLO + "ALTER TABLE s ENABLE ROW LEVEL SECURITY;\n", example="ALTER TABLE s DISABLE ROW LEVEL SECURITY",
    ),
    Entry(
        id="alter-table.force-row-level-security", verb="ALTER TABLE/FORCE ROW LEVEL SECURITY",
        form="ALTER TABLE … [NO] FORCE ROW LEVEL SECURITY", doc=f"{DOC}#SQL-ALTERTABLE-DESC-FORCE-RLS",
        locks=TABLE_AE, reason="FORCE ROW LEVEL SECURITY is a catalog update under ACCESS EXCLUSIVE.",
        setup=SOLO, example="ALTER TABLE s FORCE ROW LEVEL SECURITY",
    ),
    Entry(
        id="alter-table.enable-rule", verb="ALTER TABLE/ENABLE RULE", form="ALTER TABLE … ENABLE | DISABLE RULE r",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-ENABLE-RULE", locks=TABLE_AE,
        reason="Enabling or disabling a rule is a catalog update under ACCESS EXCLUSIVE.",
        setup=SOLO + "CREATE RULE s_r AS ON INSERT TO s WHERE false DO INSTEAD NOTHING;\nALTER TABLE s DISABLE RULE s_r;\n",
        example="ALTER TABLE s ENABLE RULE s_r",
    ),
    Entry(
        id="alter-table.disable-rule", verb="ALTER TABLE/DISABLE RULE", form="ALTER TABLE … DISABLE RULE r",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-ENABLE-RULE", locks=TABLE_AE,
        reason="Disabling a rule is a catalog update under ACCESS EXCLUSIVE.",
        setup=SOLO + "CREATE RULE s_r AS ON INSERT TO s WHERE false DO INSTEAD NOTHING;\n",
        example="ALTER TABLE s DISABLE RULE s_r",
    ),
    Entry(
        id="alter-table.inherit", verb="ALTER TABLE/INHERIT", form="ALTER TABLE … INHERIT parent",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-INHERIT", locks=(on(Target.TABLE, AE), on(Target.NAMED_TABLE, SUE)),
        recurse=False, test=lambda a, ctx: a.label == "INHERIT",
        reason="INHERIT changes the inheritance tree under ACCESS EXCLUSIVE on the table and SHARE UPDATE "
               "EXCLUSIVE on the new parent.",
        setup=SOLO + "CREATE TABLE s_base (id int, c int, v text);\n", example="ALTER TABLE s INHERIT s_base",
    ),
    Entry(
        id="alter-table.no-inherit", verb="ALTER TABLE/INHERIT", form="ALTER TABLE … NO INHERIT parent",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-INHERIT", locks=(on(Target.TABLE, AE), on(Target.NAMED_TABLE, LockMode.ACCESS_SHARE)),
        recurse=False, test=lambda a, ctx: a.label == "NO INHERIT",
        reason="NO INHERIT detaches the table from its parent under ACCESS EXCLUSIVE (ACCESS SHARE on the parent).",
        setup=SOLO + "CREATE TABLE s_base (id int, c int, v text);\nALTER TABLE s INHERIT s_base;\n",
        example="ALTER TABLE s NO INHERIT s_base",
    ),
    Entry(
        id="alter-table.set-identity-options", verb="ALTER TABLE/SET IDENTITY OPTIONS",
        form="ALTER TABLE … ALTER COLUMN c RESTART | SET INCREMENT BY …", doc=f"{DOC}#SQL-ALTERTABLE-DESC-GENERATED-IDENTITY",
        locks=(*TABLE_AE, on(Target.COLUMN_SEQUENCE, SRE)),
        reason="Changing an identity column's sequence options is a catalog update under ACCESS EXCLUSIVE "
               "(SHARE ROW EXCLUSIVE on its sequence).",
        setup="CREATE TABLE idt (id int GENERATED BY DEFAULT AS IDENTITY, c int);\nINSERT INTO idt (c) VALUES (1);\n",
        example="ALTER TABLE idt ALTER COLUMN id RESTART WITH 1000",
    ),
    Entry(
        id="alter-table.drop-column.cascade", verb="ALTER TABLE/DROP COLUMN", form="ALTER TABLE … DROP COLUMN c CASCADE",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-DROP-COLUMN",
        locks=(on(Target.DEPENDENT_VIEWS, AE), on(Target.DEPENDENT_VIEW_INDEXES, AE)), recurse=False,
        test=lambda a, ctx: "CASCADE" in a.flags,
        reason="CASCADE also drops the views that use the column (migrator assumes every view on the table "
               "does), under ACCESS EXCLUSIVE on each.",
        setup=SOLO + "CREATE VIEW sv AS SELECT id, c FROM s;\n", example="ALTER TABLE s DROP COLUMN c CASCADE",
    ),
    Entry(
        id="alter-table.drop-column.referenced-cascade", verb="ALTER TABLE/DROP COLUMN",
        form="ALTER TABLE … DROP COLUMN c CASCADE (c is a referenced key)", doc=f"{DOC}#SQL-ALTERTABLE-DESC-DROP-COLUMN",
        locks=(on(Target.REFERENCING, AE),), recurse=False,
        test=lambda a, ctx: "CASCADE" in a.flags and _column_is_key(a, ctx),
        reason="CASCADE drops the foreign keys that reference the column: ACCESS EXCLUSIVE on the referencing tables.",
        setup=BASE, example="ALTER TABLE parent DROP COLUMN id CASCADE",
    ),
    Entry(
        id="alter-table.set-access-method", verb="ALTER TABLE/SET ACCESS METHOD", form="ALTER TABLE … SET ACCESS METHOD am",
        doc=f"{DOC}#SQL-ALTERTABLE-DESC-SET-ACCESS-METHOD",
        locks=(on(Target.TABLE, AE), on(Target.TABLE_INDEXES, AE)), rewrite=True, verify=False,
        test=lambda a, ctx: not _same_access_method(a, ctx),
        reason="SET ACCESS METHOD rewrites the table under ACCESS EXCLUSIVE.",
    ),
    Entry(
        id="alter-table.set-access-method.same", verb="ALTER TABLE/SET ACCESS METHOD",
        form="ALTER TABLE … SET ACCESS METHOD heap (a heap table)", doc=f"{DOC}#SQL-ALTERTABLE-DESC-SET-ACCESS-METHOD",
        locks=TABLE_AE, test=_same_access_method,
        reason="The table (created by these migrations with the default access method, heap) already uses "
               "heap: a catalog no-op under ACCESS EXCLUSIVE, no rewrite.",
        setup=SOLO, example="ALTER TABLE s SET ACCESS METHOD heap", when=lambda caps: caps.set_access_method,
    ),
    Entry(
        id="alter-table.add-column.if-not-exists-existing", verb="ALTER TABLE/ADD COLUMN",
        form="ALTER TABLE … ADD COLUMN IF NOT EXISTS c … (c exists)", doc=f"{DOC}#SQL-ALTERTABLE-DESC-ADD-COLUMN",
        locks=TABLE_AE, overrides=True,
        test=lambda a, ctx: "IF NOT EXISTS" in a.flags and _column_exists(a, ctx),
        reason="The column already exists (schema model): ADD COLUMN IF NOT EXISTS does nothing but take "
               "ACCESS EXCLUSIVE briefly.",
        setup=SOLO, example="ALTER TABLE s ADD COLUMN IF NOT EXISTS c float8 DEFAULT random()",
    ),
)


def _column_has_fk(a: Action, ctx: Context) -> bool:
    t = ctx.schema.table(a.table) if a.table else None
    return t is not None and any(
        c.kind.value == "foreign key" and a.column in c.columns for c in t.constraints
    )


def _column_has_check(a: Action, ctx: Context) -> bool:
    t = ctx.schema.table(a.table) if a.table else None
    return t is not None and any(c.kind.value == "check" and a.column in c.columns for c in t.constraints)


def _column_is_referenced(a: Action, ctx: Context) -> bool:
    if a.table is None:
        return False
    t = ctx.schema.table(a.table)
    if t is None:
        return False
    keyed = any(c.kind.value in ("primary key", "unique") and a.column in c.columns for c in t.constraints)
    return keyed and bool(ctx.schema.referencing_tables(a.table))


ENTRIES = ENTRIES + (
    Entry(
        id="alter-table.alter-column-type.foreign-key-column", verb="ALTER TABLE/ALTER COLUMN TYPE",
        form="ALTER TABLE … ALTER COLUMN c TYPE t2 (c has a foreign key)", doc=f"{DOC}#SQL-ALTERTABLE-NOTES",
        locks=(on(Target.REFERENCED, AE),),
        test=_column_has_fk,
        reason="The column's foreign key is re-created: ACCESS EXCLUSIVE on the referenced table too.",
        setup=BASE, example="ALTER TABLE t ALTER COLUMN pid TYPE bigint",
    ),
    Entry(
        id="alter-table.alter-column-type.foreign-key-recheck", verb="ALTER TABLE/ALTER COLUMN TYPE",
        form="ALTER TABLE … ALTER COLUMN c TYPE t2 (c has a foreign key; the change rewrites, or PostgreSQL 18)",
        doc=f"{DOC}#SQL-ALTERTABLE-NOTES", locks=(on(Target.REFERENCED_INDEXES, LockMode.ACCESS_SHARE),),
        test=lambda a, ctx: _column_has_fk(a, ctx) and (
            ctx.caps.fk_locks_referenced_key_index or not verdict_is(TypeChange.NONE)(a, ctx)),
        reason="The re-created foreign key is re-checked against the referenced key (a binary-coercible "
               "change skips the check before PostgreSQL 18).",
        setup=BASE, example="ALTER TABLE t ALTER COLUMN pid TYPE bigint",
    ),
    Entry(
        id="alter-table.alter-column-type.referenced-column", verb="ALTER TABLE/ALTER COLUMN TYPE",
        form="ALTER TABLE … ALTER COLUMN c TYPE t2 (other tables' foreign keys reference c)",
        doc=f"{DOC}#SQL-ALTERTABLE-NOTES",
        locks=(on(Target.REFERENCING, AE),),
        test=_column_is_referenced,
        reason="The foreign keys that reference the column are re-created and re-checked: ACCESS "
               "EXCLUSIVE on every referencing table too.",
        setup=BASE, example="ALTER TABLE parent ALTER COLUMN id TYPE bigint",
    ),
    Entry(
        id="alter-table.alter-column-type.referenced-column-recheck", verb="ALTER TABLE/ALTER COLUMN TYPE",
        form="ALTER TABLE … ALTER COLUMN c TYPE t2 (referenced by foreign keys; the change rewrites)",
        doc=f"{DOC}#SQL-ALTERTABLE-NOTES", locks=(on(Target.REFERENCING_INDEXES, LockMode.ACCESS_SHARE),),
        test=lambda a, ctx: _column_is_referenced(a, ctx) and not verdict_is(TypeChange.NONE)(a, ctx),
        reason="The referencing foreign keys are re-checked (a binary-coercible change skips the check).",
        setup=BASE, example="ALTER TABLE parent ALTER COLUMN id TYPE bigint",
    ),
    Entry(
        id="alter-table.alter-column-type.check-constraint", verb="ALTER TABLE/ALTER COLUMN TYPE",
        form="ALTER TABLE … ALTER COLUMN c TYPE t2 (a CHECK constraint uses c)", doc=f"{DOC}#SQL-ALTERTABLE-NOTES",
        locks=TABLE_AE, scan=True, test=lambda a, ctx: _column_has_check(a, ctx),
        reason="The CHECK constraints on the column are re-created and re-checked against every row "
               "under ACCESS EXCLUSIVE, even when the type change itself needs no rewrite.",
        setup="CREATE TABLE ck (id int, v varchar(10) CONSTRAINT ck_v_not_empty CHECK (v <> ''));\n"
              "INSERT INTO ck VALUES (1, 'a'), (2, 'b');\n",
        example="ALTER TABLE ck ALTER COLUMN v TYPE varchar(20)",
    ),
    Entry(
        id="alter-table.drop-column.foreign-key-column", verb="ALTER TABLE/DROP COLUMN",
        form="ALTER TABLE … DROP COLUMN c (c has a foreign key)", doc=f"{DOC}#SQL-ALTERTABLE-DESC-DROP-COLUMN",
        locks=(on(Target.REFERENCED, AE),), test=_column_has_fk,
        reason="Dropping the column drops its foreign key, which takes ACCESS EXCLUSIVE on the referenced table too.",
        setup=BASE, example="ALTER TABLE t DROP COLUMN pid",
    ),
)
