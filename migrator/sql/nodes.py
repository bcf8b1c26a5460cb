"""Our own sqlglot expression nodes, for PostgreSQL statements and sub-commands sqlglot lacks.

Every class here is an `exp.Expression` built by `migrator.sql.dialect.MigratorPostgres`'s
parser and rendered by its generator. Arguments follow sqlglot's conventions: `this` is the
main object (a table, an index, a column), flags are booleans, names are `exp.Identifier` or
`exp.Table`, and sub-lists are lists of expressions.
"""

from __future__ import annotations

from typing import ClassVar

from sqlglot import exp

# --------------------------------------------------------------------------------------------
# ALTER TABLE sub-commands (they sit in `exp.Alter.args["actions"]`)
# --------------------------------------------------------------------------------------------


class ValidateConstraint(exp.Expression):
    """`VALIDATE CONSTRAINT name` (ALTER TABLE / ALTER DOMAIN)."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True}


class AddConstraintUsingIndex(exp.Expression):
    """`ADD [CONSTRAINT name] {UNIQUE | PRIMARY KEY} USING INDEX index [DEFERRABLE ...]`.

    `kind` is "UNIQUE" or "PRIMARY KEY"; `options` the deferrability words.
    """

    arg_types: ClassVar[dict[str, bool]] = {
        "this": False,
        "kind": True,
        "index": True,
        "options": False,
    }


class AddNotNullConstraint(exp.Expression):
    """PostgreSQL 18: `ADD [CONSTRAINT name] NOT NULL column [NO INHERIT] [NOT VALID]`."""

    arg_types: ClassVar[dict[str, bool]] = {"this": False, "column": True, "no_inherit": False}


class AttachPartition(exp.Expression):
    """`ATTACH PARTITION name {FOR VALUES ... | DEFAULT}` (index form: no bound).

    `bound` is an `exp.PartitionBoundSpec`, `default` is True for DEFAULT.
    """

    arg_types: ClassVar[dict[str, bool]] = {"this": True, "bound": False, "default": False}


class DetachPartition(exp.Expression):
    """`DETACH PARTITION name [CONCURRENTLY | FINALIZE]`."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True, "concurrently": False, "finalize": False}


class OfType(exp.Expression):
    """`OF type_name` (`this` set) or `NOT OF` (`drop=True`): tie a table to a composite type."""

    arg_types: ClassVar[dict[str, bool]] = {"this": False, "drop": False}


class SetSchema(exp.Expression):
    """`SET SCHEMA name` (any ALTER)."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True}


class OwnerTo(exp.Expression):
    """`OWNER TO role` (any ALTER)."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True}


class RenameConstraint(exp.Expression):
    """`RENAME CONSTRAINT old TO new`."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True, "to": True, "exists": False}


class ResetStorageParameters(exp.Expression):
    """`RESET (storage_parameter, ...)`."""

    arg_types: ClassVar[dict[str, bool]] = {"expressions": True}


class ToggleTrigger(exp.Expression):
    """`{ENABLE [ALWAYS | REPLICA] | DISABLE} TRIGGER {name | ALL | USER}`.

    `enable` is a bool; `mode` is "ALWAYS", "REPLICA" or None; `this` the trigger name (an
    `exp.Identifier`) or an `exp.Var` ALL / USER.
    """

    arg_types: ClassVar[dict[str, bool]] = {"this": True, "enable": True, "mode": False}


class ToggleRule(exp.Expression):
    """`{ENABLE [ALWAYS | REPLICA] | DISABLE} RULE name`."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True, "enable": True, "mode": False}


class RowLevelSecurity(exp.Expression):
    """`{ENABLE | DISABLE | FORCE | NO FORCE} ROW LEVEL SECURITY`; `this` is that verb."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True}


class ReplicaIdentity(exp.Expression):
    """`REPLICA IDENTITY {DEFAULT | FULL | NOTHING | USING INDEX name}`."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True, "index": False}


class ClusterOn(exp.Expression):
    """`CLUSTER ON index`."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True}


class AlterConstraint(exp.Expression):
    """`ALTER CONSTRAINT name [DEFERRABLE | NOT DEFERRABLE] [INITIALLY ...] [[NO] INHERIT]`."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True, "options": False}


class Inherit(exp.Expression):
    """`[NO] INHERIT parent`."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True, "no": False}


class AlterColumnOption(exp.Expression):
    """An `ALTER [COLUMN] c` sub-command sqlglot lacks.

    `action` is the reference's words: "SET STATISTICS", "SET STORAGE", "SET COMPRESSION",
    "DROP EXPRESSION", "ADD GENERATED AS IDENTITY", "SET GENERATED", "SET IDENTITY OPTIONS",
    "DROP IDENTITY", "SET (attribute_option)", "RESET (attribute_option)".
    `expression` is the value (a number, a Var, or a list for options); `generated` is
    "ALWAYS" / "BY DEFAULT"; `exists` is IF EXISTS.
    """

    arg_types: ClassVar[dict[str, bool]] = {
        "this": True,
        "action": True,
        "expression": False,
        "expressions": False,
        "generated": False,
        "exists": False,
    }


# --------------------------------------------------------------------------------------------
# ALTER TYPE / ALTER DOMAIN / ALTER SEQUENCE / ALTER POLICY sub-commands
# --------------------------------------------------------------------------------------------


class AlterTypeAddValue(exp.Expression):
    """`ADD VALUE [IF NOT EXISTS] 'x' [{BEFORE | AFTER} 'y']`."""

    arg_types: ClassVar[dict[str, bool]] = {
        "this": True,
        "exists": False,
        "before": False,
        "after": False,
    }


class AlterTypeRenameValue(exp.Expression):
    """`RENAME VALUE 'x' TO 'y'`."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True, "to": True}


class AlterTypeAttribute(exp.Expression):
    """`{ADD | DROP | ALTER} ATTRIBUTE ...` of a composite type; `action` says which."""

    arg_types: ClassVar[dict[str, bool]] = {
        "this": True,
        "action": True,
        "dtype": False,
        "exists": False,
        "cascade": False,
    }


class AlterDomainConstraint(exp.Expression):
    """`ADD [CONSTRAINT name] CHECK (...) [NOT VALID]` / `ADD ... NOT NULL` of a domain."""

    arg_types: ClassVar[dict[str, bool]] = {"this": False, "expression": True, "not_valid": False}


class AlterDomainNotNull(exp.Expression):
    """`{SET | DROP} NOT NULL` of a domain; `drop` is True for DROP."""

    arg_types: ClassVar[dict[str, bool]] = {"drop": False}


class AlterDomainDefault(exp.Expression):
    """`SET DEFAULT expr` / `DROP DEFAULT` of a domain."""

    arg_types: ClassVar[dict[str, bool]] = {"this": False, "drop": False}


class DropConstraint(exp.Expression):
    """`DROP CONSTRAINT [IF EXISTS] name [CASCADE | RESTRICT]` of a domain."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True, "exists": False, "cascade": False}


class SequenceOptions(exp.Expression):
    """The options of ALTER SEQUENCE (`expressions` is a list of `SequenceOption`)."""

    arg_types: ClassVar[dict[str, bool]] = {"expressions": True}


class SequenceOption(exp.Expression):
    """One ALTER SEQUENCE option: `this` is its name (AS, INCREMENT, MINVALUE, NO MINVALUE,
    MAXVALUE, NO MAXVALUE, START, RESTART, CACHE, CYCLE, NO CYCLE, OWNED BY, LOGGED,
    UNLOGGED), `expression` its value or None."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True, "expression": False}


class PolicyOptions(exp.Expression):
    """ALTER POLICY's `[TO roles] [USING (...)] [WITH CHECK (...)]`."""

    arg_types: ClassVar[dict[str, bool]] = {"roles": False, "using": False, "check": False}


class FunctionSignature(exp.Expression):
    """A function or procedure name with its argument list, as ALTER/COMMENT/GRANT name it.

    `this` is an `exp.Table` (schema-qualified name); `args_sql` is the argument list as
    written, or None when the parentheses were omitted.
    """

    arg_types: ClassVar[dict[str, bool]] = {"this": True, "args_sql": False}


class GenericAction(exp.Expression):
    """An ALTER sub-command of a non-table object kept as words (ALTER FUNCTION's `SECURITY
    DEFINER`, `SET search_path = ...`, ALTER EXTENSION's `UPDATE`, ...); `this` is the
    sub-command name in the reference's words, `sql` the source text of the whole clause."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True, "sql": False}


# --------------------------------------------------------------------------------------------
# Statements
# --------------------------------------------------------------------------------------------


class Reindex(exp.Expression):
    """`REINDEX [(options)] {INDEX | TABLE | SCHEMA | DATABASE | SYSTEM} [CONCURRENTLY] name`."""

    arg_types: ClassVar[dict[str, bool]] = {
        "this": False,
        "kind": True,
        "concurrently": False,
        "options": False,
    }


class Vacuum(exp.Expression):
    """`VACUUM [FULL] [FREEZE] [VERBOSE] [ANALYZE] [(options)] [table [(cols)], ...]`.

    `options` are the option words (upper case, `FULL`, `ANALYZE`, ... also from the
    parenthesised form; `(FULL false)` is not FULL); `full` is True when the table is
    rewritten.
    """

    arg_types: ClassVar[dict[str, bool]] = {"expressions": False, "options": False, "full": False}


class ClusterTable(exp.Expression):
    """`CLUSTER [VERBOSE] [table [USING index]]`."""

    arg_types: ClassVar[dict[str, bool]] = {"this": False, "index": False, "verbose": False}


class RefreshMaterializedView(exp.Expression):
    """`REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA]`."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True, "concurrently": False, "no_data": False}


class LockTable(exp.Expression):
    """`LOCK [TABLE] [ONLY] name [*], ... [IN mode MODE] [NOWAIT]`.

    `mode` is PostgreSQL's lock mode name (default "ACCESS EXCLUSIVE").
    """

    arg_types: ClassVar[dict[str, bool]] = {"expressions": True, "mode": True, "nowait": False}


class Savepoint(exp.Expression):
    """`SAVEPOINT name`."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True}


class ReleaseSavepoint(exp.Expression):
    """`RELEASE [SAVEPOINT] name`."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True}


class ResetSetting(exp.Expression):
    """`RESET name` / `RESET ALL`."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True}


class ShowSetting(exp.Expression):
    """`SHOW name` / `SHOW ALL`."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True}


class Do(exp.Expression):
    """`DO [LANGUAGE lang] 'body'`. `this` is the body as an `exp.Literal` string (exact text);
    meta `body_start`/`body_end` are offsets of the body text in the statement."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True, "language": False}


class CreateFunction(exp.Expression):
    """`CREATE [OR REPLACE] {FUNCTION | PROCEDURE} name (args) ... AS 'body'`.

    `kind` is FUNCTION or PROCEDURE; `body` is the body as an `exp.Literal` string (exact
    text; None for a SQL-standard `BEGIN ATOMIC` body, whose text is in `atomic_body`);
    `language` the lower-cased language name; `security_definer` a bool; `args_sql` and
    `returns_sql` the argument list and return type as written. Meta `body_start`/`body_end`
    are offsets of the body text in the statement.
    """

    arg_types: ClassVar[dict[str, bool]] = {
        "this": True,
        "kind": True,
        "replace": False,
        "args_sql": False,
        "returns_sql": False,
        "language": False,
        "body": False,
        "atomic_body": False,
        "security_definer": False,
        "options_sql": False,
    }


class CreateDomain(exp.Expression):
    """`CREATE DOMAIN name [AS] type [COLLATE c] [DEFAULT e] [constraints]`."""

    arg_types: ClassVar[dict[str, bool]] = {
        "this": True,
        "dtype": True,
        "default": False,
        "constraints": False,
    }


class CreateExtension(exp.Expression):
    """`CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]`."""

    arg_types: ClassVar[dict[str, bool]] = {
        "this": True,
        "exists": False,
        "schema": False,
        "version": False,
        "cascade": False,
    }


class CreatePolicy(exp.Expression):
    """`CREATE POLICY name ON table [AS {PERMISSIVE|RESTRICTIVE}] [FOR cmd] [TO roles]
    [USING (e)] [WITH CHECK (e)]`."""

    arg_types: ClassVar[dict[str, bool]] = {
        "this": True,
        "table": True,
        "permissive": False,
        "command": False,
        "roles": False,
        "using": False,
        "check": False,
    }


class AlterPolicy(exp.Expression):
    """`ALTER POLICY name ON table {RENAME TO new | [TO roles] [USING (e)] [WITH CHECK (e)]}`."""

    arg_types: ClassVar[dict[str, bool]] = {
        "this": True,
        "table": True,
        "rename_to": False,
        "options": False,
    }


class DropOn(exp.Expression):
    """`DROP {POLICY | RULE} [IF EXISTS] name ON table [CASCADE | RESTRICT]`."""

    arg_types: ClassVar[dict[str, bool]] = {
        "this": True,
        "kind": True,
        "table": True,
        "exists": False,
        "cascade": False,
    }


class CommentOn(exp.Comment):
    """`COMMENT ON kind object [ON table] IS 'text' | NULL` for the forms sqlglot lacks
    (constraints, triggers, policies on a table; IS NULL; functions with signatures)."""

    arg_types: ClassVar[dict[str, bool]] = {**exp.Comment.arg_types, "on": False}


class AlterDefaultPrivileges(exp.Expression):
    """`ALTER DEFAULT PRIVILEGES [FOR ROLE r] [IN SCHEMA s] {GRANT | REVOKE} ...`; `this` is the
    `exp.Grant` / `exp.Revoke`."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True, "roles": False, "schemas": False}


class Call(exp.Expression):
    """`CALL procedure(args)`; `this` is the call as an expression."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True}


class WithoutOverlaps(exp.Expression):
    """PostgreSQL 18 temporal key part: `PRIMARY KEY (id, valid_at WITHOUT OVERLAPS)`."""

    arg_types: ClassVar[dict[str, bool]] = {"this": True}


class IndexParameters(exp.IndexParameters):
    """sqlglot's index parameters with PostgreSQL 15's `NULLS [NOT] DISTINCT` (`nulls_distinct`
    is False for NULLS NOT DISTINCT, True for NULLS DISTINCT, None when not written)."""

    arg_types: ClassVar[dict[str, bool]] = {
        **exp.IndexParameters.arg_types,
        "nulls_distinct": False,
    }


class CheckConstraint(exp.CheckColumnConstraint):
    """`CHECK (e) [NO INHERIT] [NOT ENFORCED | ENFORCED]`: sqlglot's node with the flags."""

    arg_types: ClassVar[dict[str, bool]] = {
        **exp.CheckColumnConstraint.arg_types,
        "not_enforced": False,
        "no_inherit": False,
    }


class AnalyzeTables(exp.Expression):
    """`ANALYZE [(options) | VERBOSE] [table [(cols)], ...]` (PostgreSQL's form)."""

    arg_types: ClassVar[dict[str, bool]] = {"expressions": False, "options": False}


# --------------------------------------------------------------------------------------------
# Object-level statements with no table effect of their own, and rules
# --------------------------------------------------------------------------------------------


class GenericStatement(exp.Expression):
    """A statement on a non-table object, kept as its reference command name and text.

    `kind` is the command in the reference's words ("CREATE ROLE", "CREATE PUBLICATION",
    "CREATE EVENT TRIGGER"); `this` the object's name; `tables` the tables it names, when it
    names any (CREATE PUBLICATION ... FOR TABLE a, b), else None; `sql` the source text after
    the name.
    """

    arg_types: ClassVar[dict[str, bool]] = {
        "this": False,
        "kind": True,
        "tables": False,
        "all_tables": False,
        "sql": False,
    }


class CreateRule(exp.Expression):
    """`CREATE [OR REPLACE] RULE name AS ON event TO table [WHERE ...] DO [ALSO | INSTEAD] ...`.

    `event` is SELECT / INSERT / UPDATE / DELETE; `instead` True for DO INSTEAD; `action` the
    source text of what the rule does.
    """

    arg_types: ClassVar[dict[str, bool]] = {
        "this": True,
        "table": True,
        "event": True,
        "instead": False,
        "replace": False,
        "where": False,
        "action": False,
    }


class RangeType(exp.Expression):
    """`AS RANGE (subtype = ..., ...)` of CREATE TYPE: the options as assignments."""

    arg_types: ClassVar[dict[str, bool]] = {"expressions": True}
