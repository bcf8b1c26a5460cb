"""The `Statement` type: one SQL statement of a migration, with its exact text and its tree.

`kind` is the command as PostgreSQL's reference names it; `actions` its sub-commands in the
reference's words. A statement sqlglot could not structure has `ast=None` and kind `UNKNOWN`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from migrator.sql.source import Source, Span

if TYPE_CHECKING:
    from sqlglot import exp


class StatementKind(StrEnum):
    """PostgreSQL reference names of SQL commands (https://www.postgresql.org/docs/current/sql-commands.html)."""

    ALTER_TABLE = "ALTER TABLE"
    ALTER_INDEX = "ALTER INDEX"
    ALTER_SEQUENCE = "ALTER SEQUENCE"
    ALTER_TYPE = "ALTER TYPE"
    ALTER_DOMAIN = "ALTER DOMAIN"
    ALTER_VIEW = "ALTER VIEW"
    ALTER_MATERIALIZED_VIEW = "ALTER MATERIALIZED VIEW"
    ALTER_FUNCTION = "ALTER FUNCTION"
    ALTER_PROCEDURE = "ALTER PROCEDURE"
    ALTER_ROUTINE = "ALTER ROUTINE"
    ALTER_DEFAULT_PRIVILEGES = "ALTER DEFAULT PRIVILEGES"
    ALTER_PUBLICATION = "ALTER PUBLICATION"
    ALTER_SCHEMA = "ALTER SCHEMA"
    ALTER_EXTENSION = "ALTER EXTENSION"
    ALTER_TRIGGER = "ALTER TRIGGER"
    ALTER_POLICY = "ALTER POLICY"
    ALTER_DATABASE = "ALTER DATABASE"
    ALTER_ROLE = "ALTER ROLE"
    ALTER_OTHER = "ALTER"
    CREATE_TABLE = "CREATE TABLE"
    CREATE_TABLE_AS = "CREATE TABLE AS"
    CREATE_INDEX = "CREATE INDEX"
    CREATE_VIEW = "CREATE VIEW"
    CREATE_MATERIALIZED_VIEW = "CREATE MATERIALIZED VIEW"
    CREATE_SEQUENCE = "CREATE SEQUENCE"
    CREATE_TYPE = "CREATE TYPE"
    CREATE_DOMAIN = "CREATE DOMAIN"
    CREATE_FUNCTION = "CREATE FUNCTION"
    CREATE_PROCEDURE = "CREATE PROCEDURE"
    CREATE_TRIGGER = "CREATE TRIGGER"
    CREATE_SCHEMA = "CREATE SCHEMA"
    CREATE_EXTENSION = "CREATE EXTENSION"
    CREATE_POLICY = "CREATE POLICY"
    CREATE_ROLE = "CREATE ROLE"
    CREATE_RULE = "CREATE RULE"
    CREATE_PUBLICATION = "CREATE PUBLICATION"
    CREATE_EVENT_TRIGGER = "CREATE EVENT TRIGGER"
    CREATE_OTHER = "CREATE"
    DROP_TABLE = "DROP TABLE"
    DROP_INDEX = "DROP INDEX"
    DROP_VIEW = "DROP VIEW"
    DROP_MATERIALIZED_VIEW = "DROP MATERIALIZED VIEW"
    DROP_SEQUENCE = "DROP SEQUENCE"
    DROP_TYPE = "DROP TYPE"
    DROP_DOMAIN = "DROP DOMAIN"
    DROP_FUNCTION = "DROP FUNCTION"
    DROP_PROCEDURE = "DROP PROCEDURE"
    DROP_TRIGGER = "DROP TRIGGER"
    DROP_SCHEMA = "DROP SCHEMA"
    DROP_EXTENSION = "DROP EXTENSION"
    DROP_POLICY = "DROP POLICY"
    DROP_RULE = "DROP RULE"
    DROP_DATABASE = "DROP DATABASE"
    DROP_ROLE = "DROP ROLE"
    DROP_PUBLICATION = "DROP PUBLICATION"
    DROP_EVENT_TRIGGER = "DROP EVENT TRIGGER"
    DROP_OTHER = "DROP"
    TRUNCATE = "TRUNCATE"
    REINDEX = "REINDEX"
    VACUUM = "VACUUM"
    ANALYZE = "ANALYZE"
    CLUSTER = "CLUSTER"
    REFRESH_MATERIALIZED_VIEW = "REFRESH MATERIALIZED VIEW"
    LOCK = "LOCK"
    COMMENT = "COMMENT"
    GRANT = "GRANT"
    REVOKE = "REVOKE"
    INSERT = "INSERT"
    UPDATE = "UPDATE"
    DELETE = "DELETE"
    MERGE = "MERGE"
    SELECT = "SELECT"
    COPY = "COPY"
    DO = "DO"
    CALL = "CALL"
    BEGIN = "BEGIN"
    COMMIT = "COMMIT"
    ROLLBACK = "ROLLBACK"
    SAVEPOINT = "SAVEPOINT"
    RELEASE_SAVEPOINT = "RELEASE SAVEPOINT"
    ROLLBACK_TO_SAVEPOINT = "ROLLBACK TO SAVEPOINT"
    SET = "SET"
    RESET = "RESET"
    SHOW = "SHOW"
    CREATE_DATABASE = "CREATE DATABASE"
    CREATE_SERVER = "CREATE SERVER"
    ALTER_SERVER = "ALTER SERVER"
    DROP_SERVER = "DROP SERVER"
    CREATE_USER_MAPPING = "CREATE USER MAPPING"
    ALTER_USER_MAPPING = "ALTER USER MAPPING"
    DROP_USER_MAPPING = "DROP USER MAPPING"
    CREATE_FOREIGN_TABLE = "CREATE FOREIGN TABLE"
    ALTER_FOREIGN_TABLE = "ALTER FOREIGN TABLE"
    DROP_FOREIGN_TABLE = "DROP FOREIGN TABLE"
    CREATE_FOREIGN_DATA_WRAPPER = "CREATE FOREIGN DATA WRAPPER"
    ALTER_FOREIGN_DATA_WRAPPER = "ALTER FOREIGN DATA WRAPPER"
    DROP_FOREIGN_DATA_WRAPPER = "DROP FOREIGN DATA WRAPPER"
    IMPORT_FOREIGN_SCHEMA = "IMPORT FOREIGN SCHEMA"
    CREATE_TEXT_SEARCH_CONFIGURATION = "CREATE TEXT SEARCH CONFIGURATION"
    ALTER_TEXT_SEARCH_CONFIGURATION = "ALTER TEXT SEARCH CONFIGURATION"
    DROP_TEXT_SEARCH_CONFIGURATION = "DROP TEXT SEARCH CONFIGURATION"
    CREATE_TEXT_SEARCH_PARSER = "CREATE TEXT SEARCH PARSER"
    DROP_TEXT_SEARCH_PARSER = "DROP TEXT SEARCH PARSER"
    CREATE_TEXT_SEARCH_TEMPLATE = "CREATE TEXT SEARCH TEMPLATE"
    DROP_TEXT_SEARCH_TEMPLATE = "DROP TEXT SEARCH TEMPLATE"
    CREATE_TEXT_SEARCH_DICTIONARY = "CREATE TEXT SEARCH DICTIONARY"
    ALTER_TEXT_SEARCH_DICTIONARY = "ALTER TEXT SEARCH DICTIONARY"
    DROP_TEXT_SEARCH_DICTIONARY = "DROP TEXT SEARCH DICTIONARY"
    CREATE_COLLATION = "CREATE COLLATION"
    CREATE_AGGREGATE = "CREATE AGGREGATE"
    CREATE_CAST = "CREATE CAST"
    DROP_CAST = "DROP CAST"
    CREATE_STATISTICS = "CREATE STATISTICS"
    CREATE_OPERATOR = "CREATE OPERATOR"
    CREATE_OPERATOR_CLASS = "CREATE OPERATOR CLASS"
    CREATE_OPERATOR_FAMILY = "CREATE OPERATOR FAMILY"
    ALTER_SYSTEM = "ALTER SYSTEM"
    DISCARD = "DISCARD"
    CHECKPOINT = "CHECKPOINT"
    DEALLOCATE = "DEALLOCATE"
    SECURITY_LABEL = "SECURITY LABEL"
    NOTIFY = "NOTIFY"
    LISTEN = "LISTEN"
    UNLISTEN = "UNLISTEN"
    UNKNOWN = "UNKNOWN"


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement of a migration.

    Attributes:
        index: 0-based position among the statements of its source.
        sql: the exact source text of the statement, without the terminating semicolon.
        span: where `sql` sits in the source (for Alembic: the line of the `op.*` call).
        kind: the command, in PostgreSQL's reference words; `UNKNOWN` when not understood.
        actions: sub-commands in the reference's words (`ADD COLUMN`, `SET NOT NULL`, ...).
        ast: the structured sqlglot tree (our `MigratorPostgres` dialect), or None when the
            statement could not be structured (then `kind` is UNKNOWN or a procedural kind).
        in_transaction: runs inside a transaction block (explicit BEGIN…COMMIT, or assumed by
            the runner: Alembic's per-migration transaction, `assume_in_transaction`).
        explicit_transaction: inside an explicit BEGIN…COMMIT written in the file.
        body_statements: for DO blocks and function bodies, the statements found in the body.
        notes: parser remarks (sqlglot "unsupported syntax" warnings, why a form is unknown).
        comments: `(line, text)` of each comment before the statement or on its lines (from
            the splitter's `RawStatement.comments`; for Alembic, the Python `# …` comments).
    """

    index: int
    sql: str
    span: Span
    kind: StatementKind
    actions: tuple[str, ...] = ()
    ast: exp.Expr | None = field(default=None, compare=False, repr=False)
    in_transaction: bool = False
    explicit_transaction: bool = False
    body_statements: tuple[Statement, ...] = ()
    notes: tuple[str, ...] = ()
    comments: tuple[tuple[int, str], ...] = ()

    @property
    def understood(self) -> bool:
        return self.kind is not StatementKind.UNKNOWN


@dataclass(frozen=True, slots=True)
class Migration:
    """One parsed migration file (or rendered Alembic revision)."""

    source: Source
    statements: tuple[Statement, ...]

