"""`MigratorPostgres`: sqlglot's PostgreSQL dialect, completed for migration statements.

Plain sqlglot 30 leaves many migration statements opaque (`exp.Command`) and misreads a few
(`ALTER TABLE t RENAME a TO b` as a table rename, `START TRANSACTION` and `CLUSTER t` as a
SELECT with an alias, ...). This module extends its dispatch tables the way sqlglot extends
itself, builds our own nodes (`migrator.sql.nodes`) where sqlglot has none, and refuses
MySQL/SQLite syntax that PostgreSQL rejects (`AUTO_INCREMENT`, `UNSIGNED`, `ENGINE=`, ...)
instead of reading it as something else.

Always pass the class itself: `sqlglot.parse_one(sql, read=MigratorPostgres)`.
"""

from __future__ import annotations

import typing as t

from sqlglot import exp
from sqlglot.dialects.postgres import Postgres
from sqlglot.errors import ParseError
from sqlglot.generators.postgres import PostgresGenerator
from sqlglot.helper import ensure_list
from sqlglot.parsers.postgres import PostgresParser
from sqlglot.tokenizer_core import Token, TokenType

from migrator.sql import nodes

# Words PostgreSQL names lock modes with (LOCK ... IN <mode> MODE).
LOCK_MODES: frozenset[str] = frozenset(
    {
        "ACCESS SHARE",
        "ROW SHARE",
        "ROW EXCLUSIVE",
        "SHARE UPDATE EXCLUSIVE",
        "SHARE",
        "SHARE ROW EXCLUSIVE",
        "EXCLUSIVE",
        "ACCESS EXCLUSIVE",
    }
)

# Data types sqlglot accepts from other dialects' names that PostgreSQL has no name for.
NON_POSTGRES_TYPES: frozenset[exp.DType] = frozenset(
    getattr(exp.DType, name)
    for name in (
        "TINYINT",
        "MEDIUMINT",
        "DATETIME",
        "DATETIME2",
        "DATETIME64",
        "SMALLDATETIME",
        "LONGTEXT",
        "MEDIUMTEXT",
        "TINYTEXT",
        "LONGBLOB",
        "MEDIUMBLOB",
        "TINYBLOB",
        "UINT",
        "UBIGINT",
        "USMALLINT",
        "UTINYINT",
        "UMEDIUMINT",
        "UDECIMAL",
        "UDOUBLE",
        "NVARCHAR",
        "UNIQUEIDENTIFIER",
    )
    if hasattr(exp.DType, name)
)

# Tree nodes that only come from MySQL / SQLite / SQL Server syntax PostgreSQL rejects.
NON_POSTGRES_NODES: tuple[type[exp.Expr], ...] = (
    exp.AutoIncrementColumnConstraint,
    exp.AutoIncrementProperty,
    exp.EngineProperty,
    exp.CharacterSetProperty,
    exp.CommentColumnConstraint,
    exp.SchemaCommentProperty,
    exp.OnUpdateColumnConstraint,
    exp.CharacterSetColumnConstraint,
    exp.ColumnPosition,
    exp.ClusteredColumnConstraint,
)

# The CREATE properties PostgreSQL has (anything else came from another dialect's syntax).
POSTGRES_CREATE_PROPERTIES: frozenset[type[exp.Expr]] = frozenset(
    {
        exp.SequenceProperties,
        exp.TemporaryProperty,
        exp.GlobalProperty,
        exp.InheritsProperty,
        exp.PartitionedByProperty,
        exp.PartitionedOfProperty,
        exp.Property,
        exp.TableSpaceProperty,
        exp.UnloggedProperty,
        exp.TriggerProperties,
        exp.MaterializedProperty,
        exp.WithDataProperty,
        exp.FileFormatProperty,
        exp.OnCommitProperty,
    }
)

# CREATE SEQUENCE option words PostgreSQL has (sqlglot also takes Oracle's NOCACHE, ORDER, ...).
POSTGRES_SEQUENCE_OPTIONS = frozenset({"NO MINVALUE", "NO MAXVALUE", "NO CYCLE", "CYCLE"})

# CREATE kinds that take no OR REPLACE in PostgreSQL.
_NO_OR_REPLACE = frozenset({"TABLE", "INDEX", "SEQUENCE", "SCHEMA", "TYPE", "DATABASE"})

# ALTER sub-commands PostgreSQL allows only alone (RENAME, SET SCHEMA, ATTACH/DETACH PARTITION).
_ALONE_ACTIONS: tuple[type[exp.Expr], ...] = (
    exp.RenameColumn,
    exp.AlterRename,
)

_NON_POSTGRES_NODE_SET: frozenset[type[exp.Expr]] = frozenset(NON_POSTGRES_NODES)

# Keywords that end the RETURNS clause of CREATE FUNCTION / PROCEDURE.
_FUNCTION_CLAUSE_WORDS = frozenset(
    {
        "LANGUAGE",
        "AS",
        "IMMUTABLE",
        "STABLE",
        "VOLATILE",
        "SECURITY",
        "EXTERNAL",
        "SET",
        "STRICT",
        "CALLED",
        "PARALLEL",
        "COST",
        "ROWS",
        "LEAKPROOF",
        "NOT",
        "WINDOW",
        "TRANSFORM",
        "SUPPORT",
        "BEGIN",
        "RETURN",
    }
)

# PostgreSQL's reserved key words (Appendix C, "reserved" in PostgreSQL): never a bare name.
RESERVED_WORDS: frozenset[str] = frozenset(
    [
        "ALL",
        "ANALYSE",
        "ANALYZE",
        "AND",
        "ANY",
        "ARRAY",
        "AS",
        "ASC",
        "ASYMMETRIC",
        "BOTH",
        "CASE",
        "CAST",
        "CHECK",
        "COLLATE",
        "COLUMN",
        "CONSTRAINT",
        "CREATE",
        "CURRENT_CATALOG",
        "CURRENT_DATE",
        "CURRENT_ROLE",
        "CURRENT_TIME",
        "CURRENT_TIMESTAMP",
        "CURRENT_USER",
        "DEFAULT",
        "DEFERRABLE",
        "DESC",
        "DISTINCT",
        "DO",
        "ELSE",
        "END",
        "EXCEPT",
        "FALSE",
        "FETCH",
        "FOR",
        "FOREIGN",
        "FROM",
        "GRANT",
        "GROUP",
        "HAVING",
        "IN",
        "INITIALLY",
        "INTERSECT",
        "INTO",
        "LATERAL",
        "LEADING",
        "LIMIT",
        "LOCALTIME",
        "LOCALTIMESTAMP",
        "NOT",
        "NULL",
        "OFFSET",
        "ON",
        "ONLY",
        "OR",
        "ORDER",
        "PLACING",
        "PRIMARY",
        "REFERENCES",
        "RETURNING",
        "SELECT",
        "SESSION_USER",
        "SOME",
        "SYMMETRIC",
        "SYSTEM_USER",
        "TABLE",
        "THEN",
        "TO",
        "TRAILING",
        "TRUE",
        "UNION",
        "UNIQUE",
        "USER",
        "USING",
        "VARIADIC",
        "WHEN",
        "WHERE",
        "WINDOW",
        "WITH",
    ]
)

_TRANSACTION_MODES = frozenset(
    {
        "ISOLATION LEVEL SERIALIZABLE",
        "ISOLATION LEVEL REPEATABLE READ",
        "ISOLATION LEVEL READ COMMITTED",
        "ISOLATION LEVEL READ UNCOMMITTED",
        "READ WRITE",
        "READ ONLY",
        "DEFERRABLE",
        "NOT DEFERRABLE",
    }
)

# MySQL's inline ENUM('a', 'b') / SET('a') column types (CREATE TYPE ... AS ENUM is fine).
_INLINE_ENUM_TYPES = frozenset(
    getattr(exp.DType, name)
    for name in ("ENUM", "ENUM8", "ENUM16", "SET")
    if hasattr(exp.DType, name)
)

# ALTER CONSTRAINT attributes (PostgreSQL 18 adds [NO] INHERIT and [NOT] ENFORCED).
_ALTER_CONSTRAINT_OPTIONS: tuple[tuple[str, ...], ...] = (
    ("NOT", "DEFERRABLE"),
    ("DEFERRABLE",),
    ("INITIALLY", "DEFERRED"),
    ("INITIALLY", "IMMEDIATE"),
    ("NO", "INHERIT"),
    ("INHERIT",),
    ("NOT", "ENFORCED"),
    ("ENFORCED",),
)

# Integer types that take no type modifier in PostgreSQL (MySQL's display width: int(11)).
_INTEGER_TYPES = frozenset(
    getattr(exp.DType, name) for name in ("INT", "BIGINT", "SMALLINT") if hasattr(exp.DType, name)
)

_STRING_TOKENS = frozenset(
    {TokenType.STRING, TokenType.HEREDOC_STRING, TokenType.NATIONAL_STRING, TokenType.BYTE_STRING}
)


def sqlglot_is_compiled() -> bool:
    """Whether the mypyc-compiled sqlglot (`sqlglotc`) is installed: its parser classes cannot
    be subclassed by interpreted code, so `MigratorPostgres` cannot work with it."""
    import sqlglot.parser

    return not str(sqlglot.parser.__file__ or "").endswith(".py")


def postgres_rejects(tree: exp.Expr) -> str | None:
    """Say why PostgreSQL would reject a tree sqlglot built from another dialect's syntax.

    Args:
        tree: a parsed statement.

    Returns:
        A short reason, or None when nothing foreign was found.
    """
    for node in tree.walk():
        reason = _node_rejection(node)
        if reason is not None:
            return reason
    return None


def _default_value(identifier: exp.Expr) -> bool:
    """`DEFAULT` where PostgreSQL accepts it as a value: the right side of an UPDATE's SET
    (alone or in a row `(a, b) = (DEFAULT, 1)`) and an INSERT's VALUES row."""
    column = identifier.parent
    if identifier.name.upper() != "DEFAULT" or not isinstance(column, exp.Column) or column.table:
        return False
    holder = column.parent
    if isinstance(holder, exp.Tuple):
        if isinstance(holder.parent, exp.Values):
            return True
        holder = holder.parent
    return (
        isinstance(holder, exp.EQ)
        and holder.expression is not None
        and (holder.expression is column or holder.expression is column.parent)
        and isinstance(holder.parent, exp.Update)
    )


def _node_rejection(node: exp.Expr) -> str | None:
    node_class = node.__class__
    if node_class is exp.Identifier:
        if not node.args.get("quoted") and node.name.upper() in RESERVED_WORDS:
            if _after_a_dot(node):
                return None  # `public.order`, `t.user`: any key word may follow a dot
            if _default_value(node):
                return None  # `UPDATE t SET c = DEFAULT`, `VALUES (DEFAULT, 1)`
            return f"the reserved word {node.name.upper()} cannot be a bare name in PostgreSQL"
        return None
    if node_class is exp.DataType:
        if node.this in _INLINE_ENUM_TYPES and not isinstance(node.parent, exp.Create):
            return f"inline {node.this.value}(...) column types are not PostgreSQL syntax"
        if node.this in NON_POSTGRES_TYPES:
            return f"data type {node.this.value} is not a PostgreSQL type"
        if node.this in _INTEGER_TYPES and node.expressions:
            return f"{node.this.value}(n): PostgreSQL integers take no display width"
        for param in node.expressions:
            if isinstance(param, exp.DataTypeParam) and param.this.name.upper() == "MAX":
                return "(MAX) type modifiers are not PostgreSQL syntax"
        return None
    if node_class in _NON_POSTGRES_NODE_SET:
        return f"{node_class.__name__} is not PostgreSQL syntax"
    if node_class is exp.Create:
        return _create_rejection(node)
    if node_class is exp.Alter:
        actions = node.args.get("actions") or []
        alone = [a for a in actions if isinstance(a, _ALONE_ACTIONS) or _is_alone_node(a)]
        if alone and len(actions) > 1:
            return f"{type(alone[0]).__name__} cannot be combined with other sub-commands"
        return None
    if node_class is exp.Insert:
        if node.args.get("alternative"):
            return f"INSERT OR {node.args['alternative']} is not PostgreSQL syntax"
        return None
    if node_class is exp.OnConflict and node.args.get("duplicate"):
        return "ON DUPLICATE KEY UPDATE is not PostgreSQL syntax"
    if node_class in (exp.Update, exp.Delete):
        if node.args.get("limit") or node.args.get("order"):
            return f"{node_class.__name__.upper()} ... ORDER BY / LIMIT is not PostgreSQL syntax"
        if node.args.get("tables"):
            return "DELETE of several tables is not PostgreSQL syntax"
        target = node.this
        if isinstance(target, exp.Table) and target.args.get("joins"):
            return f"{node_class.__name__.upper()} with JOIN is not PostgreSQL syntax"
    return None


def _after_a_dot(identifier: exp.Expr) -> bool:
    """Whether an identifier is a later part of a qualified name (PostgreSQL's ColLabel)."""
    parent = identifier.parent
    key = identifier.arg_key
    if identifier.find_ancestor(exp.SetItem) is not None:
        return False  # setting names (`SET a.b = ...`) take no reserved words after the dot
    if isinstance(parent, exp.Table):
        return (key == "this" and parent.args.get("db") is not None) or (
            key == "db" and parent.args.get("catalog") is not None
        )
    if isinstance(parent, exp.Column):
        return key == "this" and parent.args.get("table") is not None
    return isinstance(parent, exp.Dot) and key == "expression"


def _is_alone_node(action: exp.Expr) -> bool:
    return isinstance(
        action,
        (nodes.RenameConstraint, nodes.SetSchema, nodes.AttachPartition, nodes.DetachPartition),
    )


def _create_rejection(create: exp.Expr) -> str | None:
    kind = str(create.args.get("kind") or "").upper()
    properties = create.args.get("properties")
    materialized = False
    for prop in properties.expressions if properties else []:
        if prop.__class__ not in POSTGRES_CREATE_PROPERTIES:
            return f"{type(prop).__name__} is not PostgreSQL syntax"
        if isinstance(prop, exp.MaterializedProperty):
            materialized = True
        if isinstance(prop, exp.SequenceProperties):
            for option in prop.args.get("options") or []:
                if option.name.upper() not in POSTGRES_SEQUENCE_OPTIONS:
                    return f"sequence option {option.name} is not PostgreSQL syntax"
    if kind == "DATABASE" and create.args.get("exists"):
        return "CREATE DATABASE IF NOT EXISTS is not PostgreSQL syntax"
    if create.args.get("replace") and (kind in _NO_OR_REPLACE or materialized):
        return f"CREATE OR REPLACE {'MATERIALIZED VIEW' if materialized else kind} is not PostgreSQL syntax"
    return None


_CREATE_MODIFIERS = frozenset(
    {
        "OR",
        "REPLACE",
        "TEMP",
        "TEMPORARY",
        "UNLOGGED",
        "GLOBAL",
        "LOCAL",
        "MATERIALIZED",
        "RECURSIVE",
    }
)


def _creates_table_or_view(words: list[str]) -> bool:
    if not words or words[0] != "CREATE":
        return False
    for word in words[1:]:
        if word not in _CREATE_MODIFIERS:
            return word in ("TABLE", "VIEW")
    return False


def postgres_rejects_tokens(statement_tokens: list[Token]) -> str | None:
    """Say why PostgreSQL would reject a statement's token sequence, for forms the tree cannot
    tell apart, or None: T-SQL's `IDENTITY(seed, increment)`, `ARRAY<int>`-style types, MySQL's
    `LIMIT offset, count`, `INSERT ... SET`, and `CREATE TABLE t SELECT` without AS."""
    words = [
        ""
        if tok.token_type in _STRING_TOKENS or tok.token_type == TokenType.IDENTIFIER
        else tok.text.upper()
        for tok in statement_tokens
    ]
    depth = 0
    saw_as = False
    for index, word in enumerate(words):
        token_type = statement_tokens[index].token_type
        following = statement_tokens[index + 1] if index + 1 < len(words) else None
        if token_type == TokenType.L_PAREN:
            depth += 1
        elif token_type == TokenType.R_PAREN:
            depth -= 1
        if (
            word == "IDENTITY"
            and following is not None
            and following.token_type == TokenType.L_PAREN
            and (index == 0 or words[index - 1] != "AS")
        ):
            return "IDENTITY(seed, increment) is not PostgreSQL syntax"
        if word in ("ARRAY", "STRUCT", "MAP") and following is not None and following.text == "<":
            return f"{word}<...> types are not PostgreSQL syntax"
        if (
            word == "LIMIT"
            and index + 2 < len(words)
            and statement_tokens[index + 2].token_type == TokenType.COMMA
        ):
            return "LIMIT offset, count is not PostgreSQL syntax"
        if depth == 0 and word == "AS":
            saw_as = True
        if depth == 0 and word == "SELECT" and _creates_table_or_view(words) and not saw_as:
            return "CREATE ... SELECT without AS is not PostgreSQL syntax"
    if words[:2] == ["INSERT", "INTO"]:
        index = 2
        while index < len(words) and (
            statement_tokens[index].token_type
            in (TokenType.VAR, TokenType.IDENTIFIER, TokenType.DOT)
            or (words[index] and words[index] not in ("SET", "VALUES", "SELECT", "DEFAULT"))
            and statement_tokens[index].token_type != TokenType.L_PAREN
        ):
            index += 1
        if index < len(words) and words[index] == "SET":
            return "INSERT ... SET is not PostgreSQL syntax"
    return None


def _option_is_on(option: exp.Expr, name: str) -> bool:
    """Whether a parenthesised option (`FULL`, `FULL true`, `CONCURRENTLY off`) turns `name` on."""
    words = option.name.split()
    if not words or words[0] != name:
        return False
    return len(words) == 1 or words[1] in ("TRUE", "ON", "1", "YES")


class MigratorTokenizer(Postgres.Tokenizer):
    """PostgreSQL tokens, with the statement words we parse ourselves tokenized as words.

    sqlglot's tokenizer swallows the rest of a statement after a COMMAND keyword (DO, REINDEX,
    REFRESH, RESET, VACUUM, CALL, LOCK ...) as one string; we want the tokens.
    """

    KEYWORDS: t.ClassVar = {
        **Postgres.Tokenizer.KEYWORDS,
        "DO": TokenType.VAR,
        "REINDEX": TokenType.VAR,
        "REFRESH": TokenType.VAR,
        "RESET": TokenType.VAR,
        "VACUUM": TokenType.VAR,
        "CALL": TokenType.VAR,
        "SHOW": TokenType.VAR,
    }
    COMMANDS = Postgres.Tokenizer.COMMANDS - {TokenType.LOCK, TokenType.SHOW}


class MigratorParser(PostgresParser):
    """PostgreSQL parser extended with the statements and sub-commands of migrations."""

    ALTER_RENAME_REQUIRES_COLUMN = False

    # PostgreSQL has no ADD INDEX / ADD KEY (MySQL); it has unnamed ADD CHECK / ADD EXCLUDE.
    ADD_CONSTRAINT_TOKENS: t.ClassVar = {
        TokenType.CONSTRAINT,
        TokenType.FOREIGN_KEY,
        TokenType.PRIMARY_KEY,
        TokenType.UNIQUE,
    }
    ADD_CONSTRAINT_KEYWORDS: t.ClassVar[set[str]] = {"CHECK", "EXCLUDE"}

    STATEMENT_PARSERS: t.ClassVar = {
        **PostgresParser.STATEMENT_PARSERS,
        TokenType.LOCK: lambda self: self._parse_lock(),
        TokenType.SET: lambda self: self._parse_pg_set(),
        TokenType.ANALYZE: lambda self: self._parse_pg_analyze(),
        TokenType.GRANT: lambda self: self._parse_pg_grant(revoke=False),
        TokenType.REVOKE: lambda self: self._parse_pg_grant(revoke=True),
        TokenType.COMMENT: lambda self: self._parse_pg_comment(),
    }

    # Statements that start with a plain word: dispatched on the word's text.
    WORD_STATEMENT_PARSERS: t.ClassVar[dict[str, t.Callable[[MigratorParser], exp.Expr | None]]] = {
        "REINDEX": lambda self: self._parse_reindex(),
        "VACUUM": lambda self: self._parse_vacuum(),
        "CLUSTER": lambda self: self._parse_cluster(),
        "REFRESH": lambda self: self._parse_refresh_materialized_view(),
        "START": lambda self: self._parse_start_transaction(),
        "SAVEPOINT": lambda self: self._parse_savepoint(),
        "RELEASE": lambda self: self._parse_release_savepoint(),
        "RESET": lambda self: self._parse_reset(),
        "SHOW": lambda self: self._parse_show(),
        "DO": lambda self: self._parse_do(),
        "CALL": lambda self: self._parse_call(),
        "ABORT": lambda self: self._parse_commit_or_rollback_words(rollback=True),
    }

    ALTER_PARSERS: t.ClassVar = {
        **PostgresParser.ALTER_PARSERS,
        "VALIDATE": lambda self: self._parse_validate_constraint(),
        "ATTACH": lambda self: self._parse_attach_partition(),
        "DETACH": lambda self: self._parse_detach_partition(),
        "ENABLE": lambda self: self._parse_enable_disable(enable=True),
        "DISABLE": lambda self: self._parse_enable_disable(enable=False),
        "FORCE": lambda self: self._parse_row_level_security("FORCE"),
        "NO": lambda self: self._parse_alter_no(),
        "REPLICA": lambda self: self._parse_replica_identity(),
        "OWNER": lambda self: self._parse_owner_to(),
        "CLUSTER": lambda self: self._parse_cluster_on(),
        "INHERIT": lambda self: self._parse_inherit(no=False),
        "RESET": lambda self: self._parse_reset_storage_parameters(),
        "OF": lambda self: self.expression(nodes.OfType(this=self._qualified_name())),
        "NOT": lambda self: (
            self.expression(nodes.OfType(drop=True)) if self._match_text_seq("OF") else None
        ),
    }

    # No `AS (expr)` column constraint in PostgreSQL (MySQL / T-SQL computed columns).
    CONSTRAINT_PARSERS: t.ClassVar = {
        **{k: v for k, v in PostgresParser.CONSTRAINT_PARSERS.items() if k != "AS"},
        "CHECK": lambda self: self._parse_pg_check(),
        # `COLLATE "pg_catalog"."default"` (pg_dump, Navicat): a qualified collation name.
        "COLLATE": lambda self: self.expression(
            exp.CollateColumnConstraint(this=self._parse_column())
        ),
    }

    # ------------------------------------------------------------------ small helpers

    def _word(self, offset: int = 0) -> str:
        """The upper-cased text of the token `offset` places ahead ("" past the end or for a
        quoted identifier or string, which are never keywords)."""
        index = self._index + offset
        if index >= len(self._tokens):
            return ""
        token = self._tokens[index]
        if token.token_type in (TokenType.IDENTIFIER, *_STRING_TOKENS):
            return ""
        return token.text.upper()

    def _name(self) -> exp.Identifier | None:
        """One identifier (quoted or a keyword used as a name)."""
        ident = self._parse_id_var(any_token=True)
        return ident if isinstance(ident, exp.Identifier) else None

    def _qualified_name(self) -> exp.Table | None:
        """A possibly schema-qualified object name, as `exp.Table`."""
        table = self._parse_table_parts(schema=True)
        return table if isinstance(table, exp.Table) else None

    def _skip_balanced(self) -> tuple[Token, Token] | None:
        """Consume a parenthesised group; return its first and last inner tokens (None if
        empty). The current token must be `(`."""
        if not self._match(TokenType.L_PAREN):
            self.raise_error("Expected (")
        depth = 1
        first: Token | None = None
        last: Token | None = None
        while self._curr:
            token = self._curr
            if token.token_type == TokenType.L_PAREN:
                depth += 1
            elif token.token_type == TokenType.R_PAREN:
                depth -= 1
                if depth == 0:
                    self._advance()
                    return (first, last) if first is not None and last is not None else None
            first = first or token
            last = token
            self._advance()
        self.raise_error("Expected )")
        return None

    def _parse_option_words(self) -> list[exp.Expr]:
        """`(opt [value], ...)` as Vars of upper-cased text (`FULL`, `PARALLEL 4`)."""
        options: list[exp.Expr] = []
        inner = self._skip_balanced()
        if inner is None:
            return options
        text = self._find_sql(*inner)
        for part in text.split(","):
            words = part.split()
            if words:
                options.append(exp.var(" ".join(w.upper() for w in words)))
        return options

    # ------------------------------------------------------------------ statement dispatch

    # Statements on objects without a table effect of their own (or outside what the analysis
    # models): leading words → the reference's command name. The text after them is kept.
    GENERIC_STATEMENTS: t.ClassVar[dict[tuple[str, ...], str]] = {
        words: " ".join(words)
        for words in (
            ("CREATE", "SERVER"),
            ("ALTER", "SERVER"),
            ("DROP", "SERVER"),
            ("CREATE", "USER", "MAPPING"),
            ("ALTER", "USER", "MAPPING"),
            ("DROP", "USER", "MAPPING"),
            ("CREATE", "FOREIGN", "TABLE"),
            ("DROP", "FOREIGN", "TABLE"),
            ("CREATE", "FOREIGN", "DATA", "WRAPPER"),
            ("ALTER", "FOREIGN", "DATA", "WRAPPER"),
            ("DROP", "FOREIGN", "DATA", "WRAPPER"),
            ("IMPORT", "FOREIGN", "SCHEMA"),
            ("CREATE", "TEXT", "SEARCH", "CONFIGURATION"),
            ("ALTER", "TEXT", "SEARCH", "CONFIGURATION"),
            ("DROP", "TEXT", "SEARCH", "CONFIGURATION"),
            ("CREATE", "TEXT", "SEARCH", "PARSER"),
            ("DROP", "TEXT", "SEARCH", "PARSER"),
            ("CREATE", "TEXT", "SEARCH", "TEMPLATE"),
            ("DROP", "TEXT", "SEARCH", "TEMPLATE"),
            ("CREATE", "TEXT", "SEARCH", "DICTIONARY"),
            ("ALTER", "TEXT", "SEARCH", "DICTIONARY"),
            ("DROP", "TEXT", "SEARCH", "DICTIONARY"),
            ("CREATE", "COLLATION"),
            ("CREATE", "AGGREGATE"),
            ("CREATE", "CAST"),
            ("DROP", "CAST"),
            ("CREATE", "STATISTICS"),
            ("CREATE", "OPERATOR"),
            ("CREATE", "OPERATOR", "CLASS"),
            ("CREATE", "OPERATOR", "FAMILY"),
            ("ALTER", "SYSTEM"),
            ("DISCARD",),
            ("CHECKPOINT",),
            ("DEALLOCATE",),
            ("SECURITY", "LABEL"),
            ("NOTIFY",),
            ("LISTEN",),
            ("UNLISTEN",),
        )
    }
    _GENERIC_FIRST_WORDS: t.ClassVar[frozenset[str]] = frozenset(
        words[0] for words in GENERIC_STATEMENTS
    )

    def _parse_generic_statement(self) -> nodes.GenericStatement | None:
        """A statement of `GENERIC_STATEMENTS`, or None (nothing consumed)."""
        if self._word() not in self._GENERIC_FIRST_WORDS:
            return None
        for length in (4, 3, 2, 1):
            words = tuple(self._word(offset) for offset in range(length))
            kind = self.GENERIC_STATEMENTS.get(words)
            if kind is None:
                continue
            self._advance(length)
            return self.expression(nodes.GenericStatement(kind=kind, sql=self._rest_as_text()))
        return None

    def _parse_statement(self) -> exp.Expr | None:
        if not self._curr:
            return None
        generic = self._parse_generic_statement()
        if generic is not None:
            return generic
        parser = self.WORD_STATEMENT_PARSERS.get(self._word())
        if parser is not None:
            start = self._curr
            self._advance()
            result = parser(self)
            if result is None or self._curr:
                return self._parse_as_command(start)
            return result
        return super()._parse_statement()

    # ------------------------------------------------------------------ maintenance commands

    def _parse_reindex(self) -> nodes.Reindex | None:
        options = (
            self._parse_option_words()
            if self._curr and self._curr.token_type == TokenType.L_PAREN
            else []
        )
        if not self._match_texts(("INDEX", "TABLE", "SCHEMA", "DATABASE", "SYSTEM")):
            return None
        kind = self._prev.text.upper()
        concurrently = self._match_text_seq("CONCURRENTLY") or any(
            _option_is_on(option, "CONCURRENTLY") for option in options
        )
        this = None
        if self._curr:
            this = self._qualified_name()
        elif kind in ("INDEX", "TABLE", "SCHEMA"):
            return None
        return self.expression(
            nodes.Reindex(this=this, kind=kind, concurrently=concurrently, options=options or None)
        )

    def _parse_vacuum(self) -> nodes.Vacuum | None:
        options: list[exp.Expr] = []
        if self._curr and self._curr.token_type == TokenType.L_PAREN:
            options = self._parse_option_words()
        else:
            while self._match_texts(("FULL", "FREEZE", "VERBOSE", "ANALYZE", "ANALYSE")):
                options.append(exp.var(self._prev.text.upper()))
        full = any(_option_is_on(option, "FULL") for option in options)
        tables = self._parse_csv(self._parse_table_with_columns) if self._curr else []
        return self.expression(
            nodes.Vacuum(expressions=tables or None, options=options or None, full=full)
        )

    def _parse_table_with_columns(self) -> exp.Expr | None:
        table = self._qualified_name()
        if table is None:
            return None
        if self._curr and self._curr.token_type == TokenType.L_PAREN:
            columns = self._parse_wrapped_csv(self._parse_id_var)
            return self.expression(exp.Schema(this=table, expressions=columns))
        return table

    def _parse_pg_analyze(self) -> exp.Expr:
        start = self._prev
        options: list[exp.Expr] = []
        if self._curr and self._curr.token_type == TokenType.L_PAREN:
            options = self._parse_option_words()
        elif self._match_text_seq("VERBOSE"):
            options.append(exp.var("VERBOSE"))
        tables = self._parse_csv(self._parse_table_with_columns) if self._curr else []
        if self._curr:
            return self._parse_as_command(start)
        return self.expression(
            nodes.AnalyzeTables(expressions=tables or None, options=options or None)
        )

    def _parse_cluster(self) -> nodes.ClusterTable | None:  # type: ignore[override]
        verbose = False
        if self._curr and self._curr.token_type == TokenType.L_PAREN:
            verbose = any(o.name.startswith("VERBOSE") for o in self._parse_option_words())
        verbose = self._match_text_seq("VERBOSE") or verbose
        if not self._curr:
            return self.expression(nodes.ClusterTable(verbose=verbose))
        first = self._qualified_name()
        if self._match(TokenType.ON):
            # Pre-8.3 form, still accepted: CLUSTER index ON table.
            table = self._qualified_name()
            index = first.this if first is not None else None
            return self.expression(nodes.ClusterTable(this=table, index=index, verbose=verbose))
        index = self._name() if self._match(TokenType.USING) else None
        return self.expression(nodes.ClusterTable(this=first, index=index, verbose=verbose))

    def _parse_refresh_materialized_view(self) -> nodes.RefreshMaterializedView | None:
        if not self._match_text_seq("MATERIALIZED", "VIEW"):
            return None
        concurrently = self._match_text_seq("CONCURRENTLY")
        this = self._qualified_name()
        no_data = None
        if self._match_text_seq("WITH", "NO", "DATA"):
            no_data = True
        elif self._match_text_seq("WITH", "DATA"):
            no_data = False
        return self.expression(
            nodes.RefreshMaterializedView(this=this, concurrently=concurrently, no_data=no_data)
        )

    def _parse_lock(self) -> exp.Expr:
        start = self._prev
        self._match(TokenType.TABLE)

        def _lock_target() -> exp.Expr | None:
            only = self._match(TokenType.ONLY)
            table = self._qualified_name()
            self._match(TokenType.STAR)
            if table is not None and only:
                table.set("only", True)
            return table

        tables = self._parse_csv(_lock_target)
        mode = "ACCESS EXCLUSIVE"
        if self._match(TokenType.IN):
            words: list[str] = []
            while self._curr and self._word() != "MODE":
                words.append(self._word())
                self._advance()
            if not self._match_text_seq("MODE"):
                return self._parse_as_command(start)
            mode = " ".join(words)
            if mode not in LOCK_MODES:
                return self._parse_as_command(start)
        nowait = self._match_text_seq("NOWAIT")
        if self._curr or not tables:
            return self._parse_as_command(start)
        return self.expression(nodes.LockTable(expressions=tables, mode=mode, nowait=nowait))

    # ------------------------------------------------------------------ transactions, settings

    def _parse_start_transaction(self) -> exp.Expr | None:
        if not self._match_text_seq("TRANSACTION", advance=False):
            return None
        return self._parse_transaction()

    def _parse_transaction(self) -> exp.Transaction | exp.Command:
        """BEGIN / START TRANSACTION [modes]: modes are kept as words (`READ ONLY`, ...)."""
        self._match_texts(("TRANSACTION", "WORK"))
        modes: list[str] = []
        words: list[str] = []
        while self._curr:
            if self._match(TokenType.COMMA):
                if words:
                    modes.append(" ".join(words))
                words = []
                continue
            words.append(self._curr.text.upper())
            self._advance()
        if words:
            modes.append(" ".join(words))
        for mode in modes:
            if mode not in _TRANSACTION_MODES:
                self.raise_error(f"Unknown transaction mode {mode}")
        return self.expression(exp.Transaction(modes=modes or None))

    def _parse_commit_or_rollback_words(self, rollback: bool) -> exp.Expr | None:
        self._match_texts(("TRANSACTION", "WORK"))
        chain = None
        if self._match(TokenType.AND):
            chain = not self._match_text_seq("NO")
            if not self._match_text_seq("CHAIN"):
                return None
        return (
            self.expression(exp.Rollback())
            if rollback
            else self.expression(exp.Commit(chain=chain))
        )

    def _parse_savepoint(self) -> nodes.Savepoint | None:
        name = self._name()
        return self.expression(nodes.Savepoint(this=name)) if name else None

    def _parse_release_savepoint(self) -> nodes.ReleaseSavepoint | None:
        self._match_text_seq("SAVEPOINT")
        name = self._name()
        return self.expression(nodes.ReleaseSavepoint(this=name)) if name else None

    def _parse_setting_name(self) -> exp.Var | None:
        parts: list[str] = []
        while self._curr:
            part = self._name()
            if part is None or (not part.quoted and part.name.upper() in RESERVED_WORDS):
                return None
            parts.append(part.name)
            if not self._match(TokenType.DOT):
                break
        return exp.var(".".join(parts)) if parts else None

    def _parse_reset(self) -> nodes.ResetSetting | None:
        if self._match(TokenType.ALL):
            return self.expression(nodes.ResetSetting(this=exp.var("ALL")))
        if self._match_text_seq("SESSION", "AUTHORIZATION"):
            return self.expression(nodes.ResetSetting(this=exp.var("SESSION AUTHORIZATION")))
        name = self._parse_setting_name()
        return self.expression(nodes.ResetSetting(this=name)) if name else None

    def _parse_show(self) -> nodes.ShowSetting | None:
        if self._match(TokenType.ALL):
            return self.expression(nodes.ShowSetting(this=exp.var("ALL")))
        name = self._parse_setting_name()
        return self.expression(nodes.ShowSetting(this=name)) if name else None

    def _parse_setting_value(self) -> exp.Expr | None:
        if self._match(TokenType.DEFAULT):
            return exp.var("DEFAULT")
        if self._match_texts(("ON", "OFF")):
            return exp.var(self._prev.text.upper())
        value = self._parse_bitwise()
        if isinstance(value, exp.Column) and not value.table:
            # a bare word (`public`, `warning`) is a value, not a column
            return value.this if value.this.args.get("quoted") else exp.var(value.name)
        return value or self._parse_var(any_token=True)

    def _parse_pg_set(self) -> exp.Expr:
        """`SET [SESSION | LOCAL] name {TO | =} value [, ...]` and the special forms."""
        start = self._prev
        index = self._index
        kind = None
        if self._match_texts(("SESSION", "LOCAL")) and self._word() != "AUTHORIZATION":
            kind = self._prev.text.upper()
        elif self._prev.text.upper() == "SESSION":
            self._retreat(self._index - 1)
        if self._match_text_seq("TIME", "ZONE"):
            zone = self._parse_setting_value()
            item = exp.SetItem(this=exp.EQ(this=exp.var("TIME ZONE"), expression=zone), kind=kind)
        elif kind is None and self._match_text_seq("CONSTRAINTS"):
            names = (
                [exp.var("ALL")]
                if self._match(TokenType.ALL)
                else self._parse_csv(self._qualified_name)
            )
            if not self._match_texts(("DEFERRED", "IMMEDIATE")):
                return self._parse_as_command(start)
            item = exp.SetItem(
                this=exp.var(self._prev.text.upper()), expressions=names, kind="CONSTRAINTS"
            )
        elif self._match_text_seq("ROLE") or self._match_text_seq("SESSION", "AUTHORIZATION"):
            what = "ROLE" if self._prev.text.upper() == "ROLE" else "SESSION AUTHORIZATION"
            role = exp.var("NONE") if self._match_text_seq("NONE") else self._parse_setting_value()
            item = exp.SetItem(this=exp.EQ(this=exp.var(what), expression=role), kind=kind)
        elif self._match_text_seq("NAMES"):
            # `SET NAMES value` is PostgreSQL's alias of `SET client_encoding TO value`.
            if not self._curr or self._curr.token_type not in (
                *_STRING_TOKENS,
                TokenType.VAR,
                TokenType.DEFAULT,
            ):
                return self._parse_as_command(start)
            token = self._curr
            self._advance()
            encoding: exp.Expr = (
                exp.Literal.string(token.text)
                if token.token_type in _STRING_TOKENS
                else exp.var(token.text)
            )
            item = exp.SetItem(
                this=exp.EQ(this=exp.var("client_encoding"), expression=encoding), kind=kind
            )
        elif self._match_text_seq("TRANSACTION"):
            self._retreat(index)
            return self._parse_set()
        else:
            name = self._parse_setting_name()
            if name is None or not self._match_texts(("TO", "=")):
                self._retreat(index)
                return self._parse_set()
            values = self._parse_csv(self._parse_setting_value)
            value: exp.Expr = values[0] if len(values) == 1 else exp.Tuple(expressions=values)
            item = exp.SetItem(this=exp.EQ(this=name, expression=value), kind=kind)
        if self._curr:
            return self._parse_as_command(start)
        return self.expression(exp.Set(expressions=[item]))

    # ------------------------------------------------------------------ procedural

    def _parse_string_token(self) -> tuple[exp.Literal, Token] | None:
        if not self._curr or self._curr.token_type not in _STRING_TOKENS:
            return None
        token = self._curr
        self._advance()
        return exp.Literal.string(token.text), token

    def _parse_do(self) -> nodes.Do | None:
        language = None
        if self._match_text_seq("LANGUAGE"):
            language = self._name()
        body = self._parse_string_token()
        if body is None:
            return None
        if language is None and self._match_text_seq("LANGUAGE"):
            language = self._name()
        node = self.expression(
            nodes.Do(this=body[0], language=exp.var(language.name.lower()) if language else None)
        )
        node.meta["body_token"] = body[1]
        return node

    def _parse_call(self) -> nodes.Call | None:
        call = self._parse_column_ops(self._parse_function() or self._parse_column())
        return self.expression(nodes.Call(this=call)) if call else None

    def _parse_create_function(self, kind: str, replace: bool) -> nodes.CreateFunction | None:
        name = self._qualified_name()
        if name is None or not (self._curr and self._curr.token_type == TokenType.L_PAREN):
            return None
        inner = self._skip_balanced()
        args_sql = self._find_sql(*inner) if inner else ""
        node = nodes.CreateFunction(this=name, kind=kind, replace=replace, args_sql=args_sql)
        options: list[str] = []
        while self._curr:
            word = self._word()
            if word == "RETURNS":
                self._advance()
                first = self._curr
                depth = 0
                last = first
                while self._curr:
                    if self._curr.token_type == TokenType.L_PAREN:
                        depth += 1
                    elif self._curr.token_type == TokenType.R_PAREN:
                        depth -= 1
                    elif depth == 0 and self._word() in _FUNCTION_CLAUSE_WORDS:
                        break
                    last = self._curr
                    self._advance()
                node.set("returns_sql", self._find_sql(first, last))
            elif word == "LANGUAGE":
                self._advance()
                language = (
                    self._name()
                    or (self._parse_string_token() or (exp.Literal.string(""), None))[0]
                )
                node.set("language", exp.var(language.name.lower()))
            elif word == "AS":
                self._advance()
                body = self._parse_string_token()
                if body is None:
                    return None
                node.set("body", body[0])
                node.meta["body_token"] = body[1]
                if self._match(TokenType.COMMA):
                    self._parse_string_token()
            elif word == "BEGIN" and self._word(1) == "ATOMIC" or word == "RETURN":
                first = self._curr
                while self._curr:
                    self._advance()
                node.set("atomic_body", self._find_sql(first, self._prev))
            elif word == "SECURITY":
                self._advance()
                if self._match_text_seq("DEFINER"):
                    node.set("security_definer", True)
                elif not self._match_text_seq("INVOKER"):
                    return None
            elif word == "EXTERNAL" and self._word(1) == "SECURITY":
                self._advance(2)
                node.set("security_definer", self._match_text_seq("DEFINER"))
                self._match_text_seq("INVOKER")
            else:
                first = self._curr
                self._advance()
                while self._curr and self._word() not in _FUNCTION_CLAUSE_WORDS:
                    self._advance()
                options.append(self._find_sql(first, self._prev))
        if node.args.get("body") is None and node.args.get("atomic_body") is None:
            return None
        if options:
            node.set("options_sql", exp.Literal.string(" ".join(options)))
        return self.expression(node)

    # ------------------------------------------------------------------ CREATE

    def _parse_create(self) -> exp.Expr:  # type: ignore[override]
        start = self._prev
        index = self._index
        replace = self._match_pair(TokenType.OR, TokenType.REPLACE)
        word = self._word()
        if word in ("FUNCTION", "PROCEDURE"):
            self._advance()
            function = self._parse_create_function(word, bool(replace))
            return (
                function
                if function is not None and not self._curr
                else self._parse_as_command(start)
            )
        either: t.Callable[[], exp.Expr | None] | None = {
            "RULE": lambda: self._parse_create_rule(bool(replace)),
            "RECURSIVE": lambda: self._parse_create_recursive_view(bool(replace)),
        }.get(word)
        if either is not None:
            self._advance()
            created_either = either()
            return (
                created_either
                if created_either is not None and not self._curr
                else self._parse_as_command(start)
            )
        if not replace:
            special: t.Callable[[], exp.Expr | None] | None = {
                "DOMAIN": self._parse_create_domain,
                "EXTENSION": self._parse_create_extension,
                "POLICY": self._parse_create_policy,
                "ROLE": lambda: self._parse_create_role("ROLE"),
                "USER": lambda: self._parse_create_role("USER"),
                "GROUP": lambda: self._parse_create_role("GROUP"),
                "PUBLICATION": self._parse_create_publication,
                "EVENT": self._parse_create_event_trigger,
            }.get(word)
            if word == "TYPE":
                created_type = self._try_parse(self._parse_create_range_or_shell_type)
                if created_type is not None:
                    return created_type
                self._retreat(index)
            if special is not None:
                self._advance()
                created = special()
                return (
                    created
                    if created is not None and not self._curr
                    else self._parse_as_command(start)
                )
            if word == "SCHEMA":
                schema = self._try_parse(self._parse_create_schema)
                if schema is not None:
                    return schema
        self._retreat(index)
        trailing = self._strip_trailing_clause()
        result = super()._parse_create()
        if trailing is None:
            return result
        full, clause = trailing
        consumed = self._index >= len(self._tokens)
        cut_at = len(self._tokens)
        self._tokens = full
        self._tokens_size = len(full)
        self._retreat(cut_at)
        if not consumed or not isinstance(result, exp.Create):
            return self._parse_as_command(start)
        self._advance(len(full) - cut_at)
        properties = result.args.get("properties") or exp.Properties(expressions=[])
        properties.append("expressions", clause)
        result.set("properties", properties)
        return result

    _TRAILING_CLAUSES: t.ClassVar[tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = (
        # (words that may follow CREATE [OR REPLACE], trailing words)
        (("MATERIALIZED", "TABLE", "UNLOGGED", "TEMP", "TEMPORARY"), ("WITH", "NO", "DATA")),
        (("MATERIALIZED", "TABLE", "UNLOGGED", "TEMP", "TEMPORARY"), ("WITH", "DATA")),
        (("VIEW", "OR", "TEMP", "TEMPORARY", "RECURSIVE"), ("WITH", "CASCADED", "CHECK", "OPTION")),
        (("VIEW", "OR", "TEMP", "TEMPORARY", "RECURSIVE"), ("WITH", "LOCAL", "CHECK", "OPTION")),
        (("VIEW", "OR", "TEMP", "TEMPORARY", "RECURSIVE"), ("WITH", "CHECK", "OPTION")),
        (("TABLE", "TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL"), ("WITHOUT", "OIDS")),
    )

    def _strip_trailing_clause(self) -> tuple[list[Token], exp.Expr] | None:
        """`CREATE MATERIALIZED VIEW / TABLE AS ... WITH [NO] DATA` and `CREATE VIEW ... WITH
        [CASCADED | LOCAL] CHECK OPTION`: hide the trailing clause from sqlglot's CREATE parser
        (it would fall back to a Command); return the full token list and the clause's node."""
        first = self._word()
        for starts, words in self._TRAILING_CLAUSES:
            if first not in starts or len(self._tokens) < len(words) + 4:
                continue
            tail = [tok.text.upper() for tok in self._tokens[-len(words) :]]
            if tail != list(words):
                continue
            full = list(self._tokens)
            self._tokens = full[: -len(words)]
            self._tokens_size = len(self._tokens)
            if words[-1] == "DATA":
                return full, exp.WithDataProperty(no="NO" in words)
            if words[-1] == "OIDS":
                return full, exp.Property(this=exp.var("OIDS"), value=exp.false())
            level = words[1] if len(words) == 4 else "CASCADED"
            return full, exp.Property(this=exp.var("CHECK OPTION"), value=exp.var(level))
        return None

    def _rest_as_text(self) -> exp.Literal | None:
        """The source text of the remaining tokens (consumed), or None when there are none."""
        if not self._curr:
            return None
        first = self._curr
        while self._curr:
            self._advance()
        return exp.Literal.string(self._find_sql(first, self._prev))

    def _parse_create_role(self, word: str) -> nodes.GenericStatement | None:
        """`CREATE {ROLE | USER | GROUP} name [[WITH] option ...]` (USER is a role with LOGIN)."""
        if word == "USER" and self._word() == "MAPPING":
            return None
        name = self._name()
        if name is None:
            return None
        return self.expression(
            nodes.GenericStatement(this=name, kind="CREATE ROLE", sql=self._rest_as_text())
        )

    def _parse_create_event_trigger(self) -> nodes.GenericStatement | None:
        if not self._match(TokenType.TRIGGER) and not self._match_text_seq("TRIGGER"):
            return None
        name = self._name()
        if name is None or not self._match(TokenType.ON):
            return None
        return self.expression(
            nodes.GenericStatement(this=name, kind="CREATE EVENT TRIGGER", sql=self._rest_as_text())
        )

    def _parse_publication_table(self) -> exp.Table | None:
        self._match_text_seq("ONLY")
        table = self._qualified_name()
        self._match(TokenType.STAR)
        if table is not None and self._curr and self._curr.token_type == TokenType.L_PAREN:
            self._skip_balanced()  # column list
        if self._match(TokenType.WHERE):
            self._skip_balanced()  # row filter
        return table

    def _parse_create_publication(self) -> nodes.GenericStatement | None:
        """`CREATE PUBLICATION name [FOR ALL TABLES | FOR TABLE t, ... | FOR TABLES IN SCHEMA
        s, ...] [WITH (...)]`; `tables` lists the tables of the `FOR TABLE` form."""
        name = self._name()
        if name is None:
            return None
        rest_start = self._index
        all_tables = False
        tables: list[exp.Table] | None = None
        if self._match_text_seq("FOR", "ALL", "TABLES"):
            all_tables = True
        elif self._match_text_seq("FOR", "TABLE"):
            tables = [table for table in self._parse_csv(self._parse_publication_table) if table]
            if not tables:
                return None
        elif self._match_text_seq("FOR", "TABLES", "IN", "SCHEMA"):
            self._parse_csv(self._name)
        if self._match(TokenType.WITH) or self._match_text_seq("WITH"):
            self._skip_balanced()
        if self._curr:
            return None
        self._retreat(rest_start)
        return self.expression(
            nodes.GenericStatement(
                this=name,
                kind="CREATE PUBLICATION",
                tables=tables,
                all_tables=all_tables,
                sql=self._rest_as_text(),
            )
        )

    def _parse_create_rule(self, replace: bool) -> nodes.CreateRule | None:
        name = self._name()
        if name is None or not self._match(TokenType.ALIAS) or not self._match(TokenType.ON):
            return None
        if not self._match_texts(("SELECT", "INSERT", "UPDATE", "DELETE")):
            return None
        event = self._prev.text.upper()
        if not self._match_text_seq("TO"):
            return None
        table = self._qualified_name()
        where = self._parse_disjunction() if self._match(TokenType.WHERE) else None
        if not self._match_text_seq("DO"):
            return None
        instead = self._match_text_seq("INSTEAD")
        if not instead:
            self._match_text_seq("ALSO")
        action = self._rest_as_text()
        if table is None or action is None:
            return None
        return self.expression(
            nodes.CreateRule(
                this=name,
                table=table,
                event=event,
                instead=instead,
                replace=replace,
                where=where,
                action=action,
            )
        )

    def _parse_create_recursive_view(self, replace: bool) -> exp.Create | None:
        """`CREATE [OR REPLACE] [TEMP] RECURSIVE VIEW name (columns) AS query`."""
        if not self._match(TokenType.VIEW) and not self._match_text_seq("VIEW"):
            return None
        table = self._qualified_name()
        if table is None or not (self._curr and self._curr.token_type == TokenType.L_PAREN):
            return None
        this = self._parse_schema(this=table)
        if not self._match(TokenType.ALIAS):
            return None
        query = self._parse_select()
        if query is None:
            return None
        properties = exp.Properties(
            expressions=[exp.Property(this=exp.var("RECURSIVE"), value=exp.true())]
        )
        return self.expression(
            exp.Create(
                this=this, kind="VIEW", replace=replace, expression=query, properties=properties
            )
        )

    def _parse_create_range_or_shell_type(self) -> exp.Create:
        """`CREATE TYPE name AS RANGE (...)` and the shell type `CREATE TYPE name`."""
        self._advance()  # TYPE
        name = self._qualified_name()
        if name is None:
            self.raise_error("Expected a type name")
        if not self._curr:
            return self.expression(exp.Create(this=name, kind="TYPE"))
        if not (self._match(TokenType.ALIAS) and self._match_text_seq("RANGE")):
            self.raise_error("not a range type")
        options = self._parse_wrapped_csv(self._parse_assignment)
        if self._curr or not options:
            self.raise_error("Expected RANGE options")
        return self.expression(
            exp.Create(
                this=name,
                kind="TYPE",
                expression=self.expression(nodes.RangeType(expressions=options)),
            )
        )

    def _parse_create_schema(self) -> exp.Expr | None:
        self._advance()  # SCHEMA
        exists = self._parse_exists(not_=True)
        name = None if self._word() == "AUTHORIZATION" else self._name()
        if not self._match_text_seq("AUTHORIZATION"):
            self.raise_error("not a CREATE SCHEMA ... AUTHORIZATION")
        role = self._name()
        if self._curr:
            self.raise_error("schema elements are not supported")
        this = exp.Table(db=name or role)
        return self.expression(
            exp.Create(
                this=this,
                kind="SCHEMA",
                exists=exists,
                properties=exp.Properties(
                    expressions=[exp.Property(this=exp.var("AUTHORIZATION"), value=role)]
                ),
            )
        )

    def _parse_create_domain(self) -> nodes.CreateDomain | None:
        name = self._qualified_name()
        self._match(TokenType.ALIAS)
        dtype = self._parse_types()
        if name is None or dtype is None:
            return None
        default = None
        constraints: list[exp.Expr] = []
        while self._curr:
            if self._match(TokenType.DEFAULT):
                default = self._parse_bitwise()
            elif self._match(TokenType.COLLATE):
                constraints.append(
                    self.expression(
                        exp.CollateColumnConstraint(this=self._parse_var(any_token=True))
                    )
                )
            else:
                constraint = (
                    self._parse_constraint()
                    if self._curr.token_type == TokenType.CONSTRAINT
                    else self._parse_unnamed_constraint()
                )
                if constraint is None:
                    return None
                constraints.append(constraint)
        return self.expression(
            nodes.CreateDomain(
                this=name, dtype=dtype, default=default, constraints=constraints or None
            )
        )

    def _parse_create_extension(self) -> nodes.CreateExtension | None:
        exists = self._parse_exists(not_=True)
        name = self._name()
        if name is None:
            return None
        node = nodes.CreateExtension(this=name, exists=exists)
        self._match(TokenType.WITH)
        while self._curr:
            if self._match(TokenType.SCHEMA) or self._match_text_seq("SCHEMA"):
                node.set("schema", self._name())
            elif self._match_text_seq("VERSION"):
                node.set("version", self._parse_primary() or self._name())
            elif self._match_text_seq("CASCADE"):
                node.set("cascade", True)
            else:
                return None
        return self.expression(node)

    def _parse_policy_options(
        self,
    ) -> tuple[list[exp.Expr] | None, exp.Expr | None, exp.Expr | None]:
        roles = None
        using = None
        check = None
        if self._match_text_seq("TO"):
            roles = self._parse_csv(self._parse_role_name)
        if self._match(TokenType.USING):
            using = self._parse_wrapped(self._parse_disjunction)
        if self._match_text_seq("WITH", "CHECK"):
            check = self._parse_wrapped(self._parse_disjunction)
        return roles, using, check

    def _parse_role_name(self) -> exp.Expr | None:
        if self._match_texts(("PUBLIC", "CURRENT_USER", "SESSION_USER", "CURRENT_ROLE")):
            return exp.var(self._prev.text.upper())
        return self._name()

    def _parse_create_policy(self) -> nodes.CreatePolicy | None:
        name = self._name()
        if name is None or not self._match(TokenType.ON):
            return None
        table = self._qualified_name()
        permissive = None
        if self._match(TokenType.ALIAS):
            if not self._match_texts(("PERMISSIVE", "RESTRICTIVE")):
                return None
            permissive = self._prev.text.upper() == "PERMISSIVE"
        command = None
        if self._match(TokenType.FOR):
            if not self._match_texts(("ALL", "SELECT", "INSERT", "UPDATE", "DELETE")):
                return None
            command = exp.var(self._prev.text.upper())
        roles, using, check = self._parse_policy_options()
        return self.expression(
            nodes.CreatePolicy(
                this=name,
                table=table,
                permissive=permissive,
                command=command,
                roles=roles,
                using=using,
                check=check,
            )
        )

    def _parse_index(
        self, index: exp.Expr | None = None, anonymous: bool = False
    ) -> exp.Index | None:
        only = False
        if (
            (index is not None or anonymous)
            and self._curr
            and self._curr.token_type == TokenType.ON
            and self._next
            and self._next.token_type == TokenType.ONLY
        ):
            self._advance(2)
            only = True
        elif anonymous and self._curr and self._curr.token_type == TokenType.ONLY:
            # `CREATE INDEX ON ONLY parent (…)`: sqlglot consumed ON to decide "anonymous"
            self._advance()
            only = True
        result = super()._parse_index(index=index, anonymous=anonymous)
        if only and result is not None and isinstance(result.args.get("table"), exp.Table):
            result.args["table"].set("only", True)
        return result

    # ------------------------------------------------------------------ DROP

    _DROP_LIST_KINDS: t.ClassVar[dict[str, str]] = {
        "INDEX": "INDEX",
        "TABLE": "TABLE",
        "VIEW": "VIEW",
        "SEQUENCE": "SEQUENCE",
        "TYPE": "TYPE",
        "DOMAIN": "DOMAIN",
        "EXTENSION": "EXTENSION",
        "SCHEMA": "SCHEMA",
        "ROLE": "ROLE",
        "USER": "ROLE",
        "GROUP": "ROLE",
        "PUBLICATION": "PUBLICATION",
        "COLLATION": "COLLATION",
        "STATISTICS": "STATISTICS",
    }

    def _parse_drop(  # type: ignore[override]
        self, exists: bool = False, kind: str | None = None
    ) -> exp.Expr:
        if kind is not None:
            return super()._parse_drop(exists=exists, kind=kind)
        start = self._prev
        index = self._index
        materialized = self._match_text_seq("MATERIALIZED")
        word = self._word()
        if word in ("POLICY", "RULE") and not materialized:
            self._advance()
            if_exists = self._parse_exists()
            name = self._name()
            if name is None or not self._match(TokenType.ON):
                return self._parse_as_command(start)
            table = self._qualified_name()
            cascade = (
                self._match_texts(("CASCADE", "RESTRICT")) and self._prev.text.upper() == "CASCADE"
            )
            if self._curr:
                return self._parse_as_command(start)
            return self.expression(
                nodes.DropOn(this=name, kind=word, table=table, exists=if_exists, cascade=cascade)
            )
        if word in ("FUNCTION", "PROCEDURE", "ROUTINE", "AGGREGATE") and not materialized:
            self._advance()
            if_exists = exists or self._parse_exists()
            signatures = self._parse_csv(self._parse_function_signature)
            cascade_or_restrict = (
                self._match_texts(("CASCADE", "RESTRICT")) and self._prev.text.upper()
            )
            if self._curr or not signatures:
                return self._parse_as_command(start)
            return self.expression(
                exp.Drop(
                    exists=if_exists,
                    tables=signatures,
                    kind=word,
                    cascade=cascade_or_restrict == "CASCADE",
                    restrict=cascade_or_restrict == "RESTRICT",
                )
            )
        if word == "EVENT" and self._word(1) == "TRIGGER" and not materialized:
            self._advance()
            drop_kind: str | None = "EVENT TRIGGER"
        else:
            drop_kind = self._DROP_LIST_KINDS.get(word)
        if drop_kind is None or (materialized and drop_kind != "VIEW"):
            self._retreat(index)
            return super()._parse_drop(exists=exists)
        self._advance()
        concurrently = drop_kind == "INDEX" and self._match_text_seq("CONCURRENTLY")
        if_exists = exists or self._parse_exists()
        tables = self._parse_csv(
            lambda: self._parse_table_parts(schema=True, is_db_reference=drop_kind == "SCHEMA")
        )
        cascade_or_restrict = (
            drop_kind != "ROLE"
            and self._match_texts(("CASCADE", "RESTRICT"))
            and self._prev.text.upper()
        )
        if self._curr or not tables:
            return self._parse_as_command(start)
        return self.expression(
            exp.Drop(
                exists=if_exists,
                tables=tables,
                kind=drop_kind,
                materialized=materialized,
                cascade=cascade_or_restrict == "CASCADE",
                restrict=cascade_or_restrict == "RESTRICT",
                concurrently=concurrently,
            )
        )

    # ------------------------------------------------------------------ COMMENT, GRANT

    _COMMENT_KINDS: t.ClassVar[tuple[tuple[str, ...], ...]] = (
        ("MATERIALIZED", "VIEW"),
        ("FOREIGN", "TABLE"),
        ("EVENT", "TRIGGER"),
        ("ACCESS", "METHOD"),
        ("TEXT", "SEARCH", "CONFIGURATION"),
        ("TABLE",),
        ("COLUMN",),
        ("INDEX",),
        ("SEQUENCE",),
        ("VIEW",),
        ("TYPE",),
        ("DOMAIN",),
        ("SCHEMA",),
        ("EXTENSION",),
        ("FUNCTION",),
        ("PROCEDURE",),
        ("ROUTINE",),
        ("AGGREGATE",),
        ("CONSTRAINT",),
        ("TRIGGER",),
        ("POLICY",),
        ("RULE",),
        ("DATABASE",),
        ("ROLE",),
        ("COLLATION",),
        ("PUBLICATION",),
        ("SUBSCRIPTION",),
        ("TABLESPACE",),
        ("LANGUAGE",),
        ("SERVER",),
    )

    def _parse_pg_comment(self) -> exp.Expr:
        start = self._prev
        if not self._match(TokenType.ON):
            return self._parse_as_command(start)
        kind = None
        for words in self._COMMENT_KINDS:
            if self._match_text_seq(*words):
                kind = " ".join(words)
                break
        if kind is None:
            return self._parse_as_command(start)
        on = None
        this: exp.Expr | None
        if kind == "COLUMN":
            this = self._parse_column()
        elif kind in ("FUNCTION", "PROCEDURE", "ROUTINE", "AGGREGATE"):
            this = self._parse_function_signature()
        elif kind in ("CONSTRAINT", "TRIGGER", "POLICY", "RULE"):
            this = self._name()
            if not self._match(TokenType.ON):
                return self._parse_as_command(start)
            self._match_text_seq("DOMAIN")
            on = self._qualified_name()
        else:
            this = self._qualified_name()
        if this is None or not self._match(TokenType.IS):
            return self._parse_as_command(start)
        if self._match(TokenType.NULL):
            text: exp.Expr = exp.Null()
        else:
            string = self._parse_string_token()
            if string is None:
                return self._parse_as_command(start)
            text = string[0]
        if self._curr:
            return self._parse_as_command(start)
        if on is None and kind not in ("FUNCTION", "PROCEDURE", "ROUTINE", "AGGREGATE"):
            return self.expression(exp.Comment(this=this, kind=kind, expression=text))
        return self.expression(nodes.CommentOn(this=this, kind=kind, expression=text, on=on))

    def _parse_function_signature(self) -> nodes.FunctionSignature | None:
        name = self._qualified_name()
        if name is None:
            return None
        args_sql = None
        if self._curr and self._curr.token_type == TokenType.L_PAREN:
            inner = self._skip_balanced()
            args_sql = self._find_sql(*inner) if inner else ""
        return self.expression(nodes.FunctionSignature(this=name, args_sql=args_sql))

    _GRANT_OBJECT_KINDS: t.ClassVar[tuple[tuple[str, ...], ...]] = (
        ("ALL", "TABLES", "IN", "SCHEMA"),
        ("ALL", "SEQUENCES", "IN", "SCHEMA"),
        ("ALL", "FUNCTIONS", "IN", "SCHEMA"),
        ("ALL", "PROCEDURES", "IN", "SCHEMA"),
        ("ALL", "ROUTINES", "IN", "SCHEMA"),
        ("FOREIGN", "DATA", "WRAPPER"),
        ("FOREIGN", "SERVER"),
        ("LARGE", "OBJECT"),
        ("TABLE",),
        ("SEQUENCE",),
        ("DATABASE",),
        ("DOMAIN",),
        ("FUNCTION",),
        ("PROCEDURE",),
        ("ROUTINE",),
        ("LANGUAGE",),
        ("SCHEMA",),
        ("TABLESPACE",),
        ("TYPE",),
        # ALTER DEFAULT PRIVILEGES object classes
        ("TABLES",),
        ("SEQUENCES",),
        ("FUNCTIONS",),
        ("ROUTINES",),
        ("TYPES",),
        ("SCHEMAS",),
    )

    def _parse_privilege(self) -> exp.GrantPrivilege | None:
        words: list[str] = []
        while (
            self._curr
            and self._curr.token_type
            not in (
                TokenType.COMMA,
                TokenType.L_PAREN,
                TokenType.ON,
            )
            and self._word() not in ("TO", "FROM")
        ):
            if self._curr.token_type == TokenType.IDENTIFIER:
                words.append(self._curr.text)
            else:
                words.append(self._curr.text.upper())
            self._advance()
        if not words:
            return None
        columns = None
        if self._curr and self._curr.token_type == TokenType.L_PAREN:
            columns = self._parse_wrapped_csv(self._parse_id_var)
        return self.expression(
            exp.GrantPrivilege(this=exp.var(" ".join(words)), expressions=columns)
        )

    def _parse_pg_grant(self, revoke: bool) -> exp.Expr:
        start = self._prev
        node = self._parse_grant_body(revoke)
        if node is None or self._curr:
            return self._parse_as_command(start)
        return node

    def _parse_grant_body(self, revoke: bool) -> exp.Grant | exp.Revoke | None:
        grant_option_for = revoke and self._match_text_seq("GRANT", "OPTION", "FOR")
        admin_option_for = revoke and self._match_text_seq("ADMIN", "OPTION", "FOR")
        privileges = self._parse_csv(self._parse_privilege)
        if not privileges:
            return None
        kind = None
        securable: exp.Expr | None = None
        if self._match(TokenType.ON):
            for words in self._GRANT_OBJECT_KINDS:
                if self._match_text_seq(*words):
                    kind = " ".join(words)
                    break
            targets: list[exp.Expr]
            if kind in ("FUNCTION", "PROCEDURE", "ROUTINE"):
                targets = self._parse_csv(self._parse_function_signature)
            elif kind in ("TABLES", "SEQUENCES", "FUNCTIONS", "ROUTINES", "TYPES", "SCHEMAS"):
                targets = []
            elif kind in ("SCHEMA", "DATABASE", "LANGUAGE", "TABLESPACE") or (kind or "").endswith(
                "IN SCHEMA"
            ):
                targets = self._parse_csv(self._name)
            else:
                targets = self._parse_csv(self._qualified_name)
            if targets:
                securable = targets[0] if len(targets) == 1 else exp.Tuple(expressions=targets)
        if not self._match_texts(("FROM",) if revoke else ("TO",)):
            return None
        principals = self._parse_csv(
            lambda: (
                self.expression(
                    exp.GrantPrincipal(
                        this=self._parse_role_name(),
                        kind=self._match_text_seq("GROUP") and "GROUP" or None,
                    )
                )
                if self._curr
                else None
            )
        )
        grant_option = False
        if not revoke and self._match_text_seq("WITH"):
            if not self._match_texts(("GRANT", "ADMIN", "INHERIT", "SET")):
                return None
            grant_option = True
            self._match_texts(("OPTION", "TRUE", "FALSE"))
            self._match_texts(("TRUE", "FALSE"))
        if self._match_text_seq("GRANTED", "BY"):
            self._parse_role_name()
        cascade = (
            revoke
            and self._match_texts(("CASCADE", "RESTRICT"))
            and self._prev.text.upper() == "CASCADE"
        )
        args: dict[str, t.Any] = {
            "privileges": privileges,
            "kind": kind,
            "securable": securable,
            "principals": principals,
            "grant_option": grant_option or bool(grant_option_for or admin_option_for),
        }
        if revoke:
            return exp.Revoke(**args, cascade=cascade)
        return exp.Grant(**args)

    # ------------------------------------------------------------------ ALTER (dispatch)

    def _parse_alter(self) -> exp.Expr:  # type: ignore[override]
        start = self._prev
        word = self._word()
        if word == "MATERIALIZED" and self._word(1) == "VIEW":
            self._advance(2)
            return self._parse_alter_relation(start, "MATERIALIZED VIEW")
        if word == "FOREIGN" and self._word(1) == "TABLE":
            self._advance(2)
            return self._parse_alter_relation(start, "FOREIGN TABLE")
        special: t.Callable[[], exp.Expr | None] | None = {
            "TYPE": self._parse_alter_type,
            "DOMAIN": self._parse_alter_domain,
            "SEQUENCE": self._parse_alter_sequence,
            "POLICY": self._parse_alter_policy,
            "FUNCTION": lambda: self._parse_alter_routine("FUNCTION"),
            "PROCEDURE": lambda: self._parse_alter_routine("PROCEDURE"),
            "ROUTINE": lambda: self._parse_alter_routine("ROUTINE"),
            "SCHEMA": self._parse_alter_schema,
            "EXTENSION": self._parse_alter_extension,
            "PUBLICATION": self._parse_alter_publication,
            "TRIGGER": self._parse_alter_trigger,
            "DEFAULT": self._parse_alter_default_privileges,
            "ROLE": lambda: self._parse_alter_role_or_database("ROLE"),
            "USER": lambda: self._parse_alter_role_or_database("ROLE"),
            "DATABASE": lambda: self._parse_alter_role_or_database("DATABASE"),
        }.get(word)
        if special is None:
            if word in ("TABLE", "INDEX", "VIEW") and self._word(1) == "ALL":
                return self._parse_as_command(start)
            if word in ("TABLE", "INDEX", "VIEW"):
                self._advance()
                return self._parse_alter_relation(start, word)
            return super()._parse_alter()
        self._advance()
        altered = special()
        if altered is None or self._curr:
            return self._parse_as_command(start)
        return altered

    def _parse_alter_relation(self, start: Token, kind: str) -> exp.Expr:
        """`ALTER {TABLE | INDEX | VIEW | MATERIALIZED VIEW} [IF EXISTS] [ONLY] name action [, ...]`.

        PostgreSQL's comma-separated sub-commands, each after its own keyword; `NOT VALID`
        belongs to the `ADD table_constraint` just before it: the action node gets
        `not_valid=True`, and `Alter.not_valid` is True when any action has it.
        """
        exists = self._parse_exists()
        only = self._match_text_seq("ONLY")
        this = self._parse_table(schema=True)
        self._match(TokenType.STAR)  # `name *`: descendants too, PostgreSQL's default
        actions: list[exp.Expr] = []
        any_not_valid = False
        while True:
            if not self._match_texts(self.ALTER_PARSERS):
                return self._parse_as_command(start)
            parser: t.Callable[[MigratorParser], t.Any] = self.ALTER_PARSERS[
                self._prev.text.upper()
            ]
            returned: list[exp.Expr | None] = ensure_list(parser(self))
            parsed = [action for action in returned if action is not None]
            if (
                not parsed
                or len(parsed) != len(returned)
                or any(isinstance(action, exp.Command) for action in parsed)
            ):
                return self._parse_as_command(start)
            if self._match_text_seq("NOT", "VALID"):
                last = parsed[-1]
                if not isinstance(last, exp.AddConstraint | nodes.AddNotNullConstraint):
                    return self._parse_as_command(start)
                last.set("not_valid", True)
                any_not_valid = True
            actions.extend(parsed)
            if self._match(TokenType.COMMA) or self._prev.token_type == TokenType.COMMA:
                continue
            break
        if self._curr:
            return self._parse_as_command(start)
        # The statement-level flag (sqlglot's convention, read by older consumers) is set only
        # when EVERY added constraint is NOT VALID, so reading it for all of them never
        # mistakes a validated constraint (a full scan) for a NOT VALID one.
        added = [
            a for a in actions if isinstance(a, exp.AddConstraint | nodes.AddNotNullConstraint)
        ]
        every_not_valid = any_not_valid and all(a.args.get("not_valid") for a in added)
        return self.expression(
            exp.Alter(
                this=this,
                kind=kind,
                exists=exists,
                actions=actions,
                only=only,
                not_valid=every_not_valid,
            )
        )

    def _parse_common_alter_action(self) -> exp.Expr | None:
        """RENAME TO / OWNER TO / SET SCHEMA, shared by every ALTER."""
        if self._match_text_seq("RENAME", "TO"):
            return self.expression(exp.AlterRename(this=self._qualified_name()))
        if self._match_text_seq("OWNER", "TO"):
            return self.expression(nodes.OwnerTo(this=self._parse_role_name()))
        if self._match_text_seq("SET", "SCHEMA"):
            return self.expression(nodes.SetSchema(this=self._name()))
        return None

    def _alter(
        self, kind: str, this: exp.Expr | None, actions: list[exp.Expr], exists: bool = False
    ) -> exp.Alter:
        return self.expression(
            exp.Alter(this=this, kind=kind, actions=actions, exists=exists or None)
        )

    def _parse_alter_type(self) -> exp.Alter | None:
        this = self._qualified_name()

        def _action() -> exp.Expr | None:
            common = self._parse_common_alter_action()
            if common is not None:
                return common
            if self._match_text_seq("ADD", "VALUE"):
                exists = self._parse_exists(not_=True)
                value = self._parse_string()
                before = self._parse_string() if self._match_text_seq("BEFORE") else None
                after = self._parse_string() if self._match_text_seq("AFTER") else None
                return self.expression(
                    nodes.AlterTypeAddValue(this=value, exists=exists, before=before, after=after)
                )
            if self._match_text_seq("RENAME", "VALUE"):
                old = self._parse_string()
                if not self._match_text_seq("TO"):
                    return None
                return self.expression(
                    nodes.AlterTypeRenameValue(this=old, to=self._parse_string())
                )
            if self._match_text_seq("RENAME", "ATTRIBUTE"):
                old = self._name()
                if not self._match_text_seq("TO"):
                    return None
                action = nodes.AlterTypeAttribute(
                    this=old, action="RENAME ATTRIBUTE", dtype=self._name()
                )
                self._match_texts(("CASCADE", "RESTRICT"))
                return self.expression(action)
            for verb in ("ADD", "DROP", "ALTER"):
                if self._match_text_seq(verb, "ATTRIBUTE"):
                    exists = verb == "DROP" and self._parse_exists()
                    name = self._name()
                    dtype = None
                    if verb == "ADD":
                        dtype = self._parse_types()
                    elif verb == "ALTER":
                        self._match_text_seq("SET", "DATA")
                        self._match_text_seq("TYPE")
                        dtype = self._parse_types()
                    cascade = (
                        self._match_texts(("CASCADE", "RESTRICT"))
                        and self._prev.text.upper() == "CASCADE"
                    )
                    return self.expression(
                        nodes.AlterTypeAttribute(
                            this=name,
                            action=f"{verb} ATTRIBUTE",
                            dtype=dtype,
                            exists=exists,
                            cascade=cascade,
                        )
                    )
            return None

        actions = self._parse_csv(_action)
        return self._alter("TYPE", this, actions) if actions and all(actions) else None

    def _parse_alter_domain(self) -> exp.Alter | None:
        this = self._qualified_name()

        def _action() -> exp.Expr | None:
            if self._match_text_seq("SET", "DEFAULT"):
                return self.expression(nodes.AlterDomainDefault(this=self._parse_bitwise()))
            if self._match_text_seq("DROP", "DEFAULT"):
                return self.expression(nodes.AlterDomainDefault(drop=True))
            if self._match_text_seq("SET", "NOT", "NULL"):
                return self.expression(nodes.AlterDomainNotNull(drop=False))
            if self._match_text_seq("DROP", "NOT", "NULL"):
                return self.expression(nodes.AlterDomainNotNull(drop=True))
            if self._match_text_seq("ADD"):
                name = self._name() if self._match(TokenType.CONSTRAINT) else None
                if self._match_text_seq("NOT", "NULL"):
                    expression: exp.Expr | None = exp.NotNullColumnConstraint()
                else:
                    expression = self._parse_unnamed_constraint()
                if expression is None:
                    return None
                not_valid = self._match_text_seq("NOT", "VALID")
                return self.expression(
                    nodes.AlterDomainConstraint(
                        this=name, expression=expression, not_valid=not_valid
                    )
                )
            if self._match_text_seq("DROP", "CONSTRAINT"):
                exists = self._parse_exists()
                name = self._name()
                cascade = (
                    self._match_texts(("CASCADE", "RESTRICT"))
                    and self._prev.text.upper() == "CASCADE"
                )
                return self.expression(
                    nodes.DropConstraint(this=name, exists=exists, cascade=cascade)
                )
            if self._match_text_seq("RENAME", "CONSTRAINT"):
                old = self._name()
                if not self._match_text_seq("TO"):
                    return None
                return self.expression(nodes.RenameConstraint(this=old, to=self._name()))
            if self._match_text_seq("VALIDATE", "CONSTRAINT"):
                return self.expression(nodes.ValidateConstraint(this=self._name()))
            return self._parse_common_alter_action()

        action = _action()
        return self._alter("DOMAIN", this, [action]) if action is not None else None

    _SEQUENCE_OPTION_WORDS: t.ClassVar[frozenset[str]] = frozenset(
        {
            "AS",
            "INCREMENT",
            "MINVALUE",
            "MAXVALUE",
            "START",
            "RESTART",
            "CACHE",
            "CYCLE",
            "NO",
            "OWNED",
            "SEQUENCE",
        }
    )

    def _parse_alter_sequence(self) -> exp.Alter | None:
        exists = self._parse_exists()
        this = self._qualified_name()
        common = self._parse_common_alter_action()
        if common is not None:
            return self._alter("SEQUENCE", this, [common], exists=bool(exists))
        if self._match_texts(("LOGGED", "UNLOGGED")):
            return self._alter(
                "SEQUENCE",
                this,
                [self.expression(exp.AlterSet(option=exp.var(self._prev.text.upper())))],
                exists=bool(exists),
            )
        options: list[exp.Expr] = []
        while self._curr:
            option = self._parse_sequence_option()
            if option is None:
                return None
            options.append(option)
        if not options:
            return None
        return self._alter(
            "SEQUENCE",
            this,
            [self.expression(nodes.SequenceOptions(expressions=options))],
            exists=bool(exists),
        )

    def _parse_sequence_option(self) -> nodes.SequenceOption | None:
        def _opt(name: str, value: exp.Expr | None = None) -> nodes.SequenceOption:
            return self.expression(nodes.SequenceOption(this=exp.var(name), expression=value))

        if self._match(TokenType.ALIAS):
            return _opt("AS", self._parse_types())
        if self._match_text_seq("INCREMENT"):
            self._match_text_seq("BY")
            return _opt("INCREMENT", self._parse_bitwise())
        for word in ("MINVALUE", "MAXVALUE", "CACHE"):
            if self._match_text_seq(word):
                return _opt(word, self._parse_bitwise())
        for word in ("MINVALUE", "MAXVALUE", "CYCLE"):
            if self._match_text_seq("NO", word):
                return _opt(f"NO {word}")
        if self._match_text_seq("CYCLE"):
            return _opt("CYCLE")
        if self._match_text_seq("START"):
            self._match(TokenType.WITH)
            return _opt("START", self._parse_bitwise())
        if self._match_text_seq("RESTART"):
            has_with = self._match(TokenType.WITH)
            value = (
                self._parse_bitwise()
                if (
                    has_with
                    or (self._curr and self._curr.token_type == TokenType.NUMBER)
                    or self._word() == "-"
                )
                else None
            )
            return _opt("RESTART", value)
        if self._match_text_seq("OWNED", "BY"):
            if self._match_text_seq("NONE"):
                return _opt("OWNED BY", exp.var("NONE"))
            return _opt("OWNED BY", self._parse_column())
        return None

    def _parse_alter_policy(self) -> nodes.AlterPolicy | None:
        name = self._name()
        if name is None or not self._match(TokenType.ON):
            return None
        table = self._qualified_name()
        if self._match_text_seq("RENAME", "TO"):
            return self.expression(
                nodes.AlterPolicy(this=name, table=table, rename_to=self._name())
            )
        roles, using, check = self._parse_policy_options()
        if roles is None and using is None and check is None:
            return None
        options = self.expression(nodes.PolicyOptions(roles=roles, using=using, check=check))
        return self.expression(nodes.AlterPolicy(this=name, table=table, options=options))

    def _parse_generic_actions(self) -> list[exp.Expr]:
        """The rest of the statement as one GenericAction (its words and source text)."""
        if not self._curr:
            return []
        first = self._curr
        words: list[str] = []
        while self._curr:
            if len(words) < 2 and self._curr.token_type not in (
                *_STRING_TOKENS,
                TokenType.IDENTIFIER,
                TokenType.NUMBER,
            ):
                words.append(self._curr.text.upper())
            self._advance()
        text = self._find_sql(first, self._prev)
        return [
            self.expression(
                nodes.GenericAction(this=exp.var(" ".join(words)), sql=exp.Literal.string(text))
            )
        ]

    def _parse_alter_routine(self, kind: str) -> exp.Alter | None:
        exists = self._parse_exists()
        this = self._parse_function_signature()
        common = self._parse_common_alter_action()
        actions = [common] if common is not None else self._parse_generic_actions()
        return self._alter(kind, this, actions, exists=bool(exists)) if actions else None

    def _parse_alter_role_or_database(self, kind: str) -> exp.Alter | None:
        """`ALTER {ROLE | USER} name ...` and `ALTER DATABASE name ...`: no table effect; the
        sub-command is RENAME TO / OWNER TO, SET / RESET (a setting), SET TABLESPACE, or OPTIONS
        (`[WITH] option ...`), the text kept."""
        if kind == "ROLE" and self._word() == "MAPPING":
            return None
        if kind == "ROLE" and self._match(TokenType.ALL):
            name: exp.Expr | None = exp.var("ALL")
        else:
            name = self._parse_role_name() if kind == "ROLE" else self._name()
        if name is None:
            return None
        common = self._parse_common_alter_action()
        if common is not None:
            return self._alter(kind, name, [common])
        words = [tok.text.upper() for tok in self._tokens[self._index : self._index + 4]]
        offset = 3 if words[:2] == ["IN", "DATABASE"] else 0
        verb = words[offset] if len(words) > offset else ""
        if (
            verb == "SET"
            and kind == "DATABASE"
            and words[offset + 1 : offset + 2] == ["TABLESPACE"]
        ):
            action_name = "SET TABLESPACE"
        elif verb in ("SET", "RESET"):
            action_name = verb
        else:
            action_name = "OPTIONS"
        text = self._rest_as_text()
        if text is None:
            return None
        action = self.expression(nodes.GenericAction(this=exp.var(action_name), sql=text))
        return self._alter(kind, name, [action])

    def _parse_alter_schema(self) -> exp.Alter | None:
        name = self._name()
        common = self._parse_common_alter_action()
        return self._alter("SCHEMA", exp.Table(db=name), [common]) if common is not None else None

    def _parse_alter_extension(self) -> exp.Alter | None:
        name = self._name()
        common = self._parse_common_alter_action()
        actions = [common] if common is not None else self._parse_generic_actions()
        return self._alter("EXTENSION", name, actions) if actions else None

    def _parse_alter_publication(self) -> exp.Alter | None:
        name = self._name()
        common = self._parse_common_alter_action()
        actions = [common] if common is not None else self._parse_generic_actions()
        return self._alter("PUBLICATION", name, actions) if actions else None

    def _parse_alter_trigger(self) -> exp.Alter | None:
        name = self._name()
        if name is None or not self._match(TokenType.ON):
            return None
        table = self._qualified_name()
        if not self._match_text_seq("RENAME", "TO"):
            return None
        rename = self.expression(exp.AlterRename(this=self._name()))
        alter = self._alter("TRIGGER", name, [rename])
        alter.set("cluster", self.expression(exp.OnProperty(this=table)))
        return alter

    def _parse_alter_default_privileges(self) -> nodes.AlterDefaultPrivileges | None:
        if not self._match_text_seq("PRIVILEGES"):
            return None
        roles = None
        schemas = None
        while self._curr:
            if self._match_text_seq("FOR", "ROLE") or self._match_text_seq("FOR", "USER"):
                roles = self._parse_csv(self._parse_role_name)
            elif self._match_text_seq("IN", "SCHEMA"):
                schemas = self._parse_csv(self._name)
            else:
                break
        if self._match(TokenType.GRANT):
            inner = self._parse_grant_body(revoke=False)
        elif self._match(TokenType.REVOKE):
            inner = self._parse_grant_body(revoke=True)
        else:
            return None
        if inner is None:
            return None
        return self.expression(
            nodes.AlterDefaultPrivileges(this=inner, roles=roles, schemas=schemas)
        )

    # ------------------------------------------------------------------ ALTER TABLE actions

    def _parse_validate_constraint(self) -> nodes.ValidateConstraint | None:
        if not self._match_text_seq("CONSTRAINT"):
            return None
        return self.expression(nodes.ValidateConstraint(this=self._name()))

    def _parse_attach_partition(self) -> nodes.AttachPartition | None:
        if not self._match(TokenType.PARTITION):
            return None
        this = self._qualified_name()
        if self._match(TokenType.DEFAULT):
            return self.expression(nodes.AttachPartition(this=this, default=True))
        if self._match_text_seq("FOR", "VALUES"):
            bound = self._parse_partition_bound_spec()
            return self.expression(nodes.AttachPartition(this=this, bound=bound))
        return self.expression(nodes.AttachPartition(this=this))

    def _parse_detach_partition(self) -> nodes.DetachPartition | None:
        if not self._match(TokenType.PARTITION):
            return None
        this = self._qualified_name()
        concurrently = self._match_text_seq("CONCURRENTLY")
        finalize = self._match_text_seq("FINALIZE")
        return self.expression(
            nodes.DetachPartition(this=this, concurrently=concurrently, finalize=finalize)
        )

    def _parse_enable_disable(self, enable: bool) -> exp.Expr | None:
        mode = None
        if enable and self._match_texts(("ALWAYS", "REPLICA")):
            mode = self._prev.text.upper()
        if self._match(TokenType.TRIGGER) or self._match_text_seq("TRIGGER"):
            if self._match_texts(("ALL", "USER")):
                name: exp.Expr | None = exp.var(self._prev.text.upper())
            else:
                name = self._name()
            return self.expression(nodes.ToggleTrigger(this=name, enable=enable, mode=mode))
        if self._match_text_seq("RULE"):
            return self.expression(nodes.ToggleRule(this=self._name(), enable=enable, mode=mode))
        if mode is None and self._match_text_seq("ROW", "LEVEL", "SECURITY"):
            return self.expression(nodes.RowLevelSecurity(this="ENABLE" if enable else "DISABLE"))
        return None

    def _parse_row_level_security(self, verb: str) -> nodes.RowLevelSecurity | None:
        if not self._match_text_seq("ROW", "LEVEL", "SECURITY"):
            return None
        return self.expression(nodes.RowLevelSecurity(this=verb))

    def _parse_alter_no(self) -> exp.Expr | None:
        if self._match_text_seq("FORCE"):
            return self._parse_row_level_security("NO FORCE")
        if self._match_text_seq("INHERIT"):
            return self._parse_inherit(no=True)
        return None

    def _parse_inherit(self, no: bool) -> nodes.Inherit:
        return self.expression(nodes.Inherit(this=self._qualified_name(), no=no))

    def _parse_replica_identity(self) -> nodes.ReplicaIdentity | None:
        if not self._match_text_seq("IDENTITY"):
            return None
        if self._match_text_seq("USING", "INDEX"):
            return self.expression(nodes.ReplicaIdentity(this="USING INDEX", index=self._name()))
        if self._match_texts(("DEFAULT", "FULL", "NOTHING")):
            return self.expression(nodes.ReplicaIdentity(this=self._prev.text.upper()))
        return None

    def _parse_owner_to(self) -> nodes.OwnerTo | None:
        if not self._match_text_seq("TO"):
            return None
        return self.expression(nodes.OwnerTo(this=self._parse_role_name()))

    def _parse_cluster_on(self) -> nodes.ClusterOn | None:
        if not self._match(TokenType.ON):
            return None
        return self.expression(nodes.ClusterOn(this=self._name()))

    def _parse_reset_storage_parameters(self) -> nodes.ResetStorageParameters | None:
        if not (self._curr and self._curr.token_type == TokenType.L_PAREN):
            return None
        return self.expression(
            nodes.ResetStorageParameters(
                expressions=self._parse_wrapped_csv(self._parse_setting_name)
            )
        )

    def _parse_alter_table_set(self) -> exp.Expr:  # type: ignore[override]
        if self._match_text_seq("SCHEMA"):
            return self.expression(nodes.SetSchema(this=self._name()))
        if self._match_texts(("LOGGED", "UNLOGGED")):
            return self.expression(exp.AlterSet(option=exp.var(self._prev.text.upper())))
        if self._match_text_seq("WITHOUT", "CLUSTER"):
            return self.expression(exp.AlterSet(option=exp.var("WITHOUT CLUSTER")))
        if self._match_text_seq("WITHOUT", "OIDS"):
            return self.expression(exp.AlterSet(option=exp.var("WITHOUT OIDS")))
        if self._match_text_seq("TABLESPACE"):
            return self.expression(exp.AlterSet(tablespace=self._parse_field()))
        if self._match_text_seq("ACCESS", "METHOD"):
            return self.expression(exp.AlterSet(access_method=self._parse_field()))
        if self._curr and self._curr.token_type == TokenType.L_PAREN:
            index = self._index
            assignments = self._try_parse(lambda: self._parse_wrapped_csv(self._parse_assignment))
            if assignments is None:
                self._retreat(index)
                assignments = self._parse_wrapped_csv(self._parse_reloption)
            return self.expression(exp.AlterSet(expressions=assignments))
        self.raise_error("Unsupported ALTER TABLE ... SET form")
        return exp.AlterSet()

    def _parse_alter_table_rename(self) -> exp.Expr | None:  # type: ignore[override]
        if self._match(TokenType.CONSTRAINT) or self._match_text_seq("CONSTRAINT"):
            exists = self._parse_exists()
            old = self._name()
            if not self._match_text_seq("TO"):
                return None
            return self.expression(nodes.RenameConstraint(this=old, to=self._name(), exists=exists))
        if self._match_text_seq("TO"):
            return self.expression(exp.AlterRename(this=self._qualified_name()))
        # RENAME [COLUMN] [IF EXISTS] old TO new: a column rename with or without the word COLUMN.
        self._match(TokenType.COLUMN)
        exists = self._parse_exists()
        old_column = self._parse_column()
        if old_column is None or not self._match_text_seq("TO"):
            return None
        new_column = self._parse_column()
        if new_column is None:
            return None
        return self.expression(exp.RenameColumn(this=old_column, to=new_column, exists=exists))

    def _parse_alter_table_add(self) -> list[exp.Expr]:
        index = self._index
        special = self._parse_add_special_constraint()
        if special is not None:
            return [special]
        self._retreat(index)
        # One item per ADD (PostgreSQL writes ADD before each); the ALTER loop takes the commas.
        if self._match_set(self.ADD_CONSTRAINT_TOKENS, advance=False) or self._match_texts(
            self.ADD_CONSTRAINT_KEYWORDS, advance=False
        ):
            constraint = self._parse_constraint()
            if constraint is None:
                return []
            return [self.expression(exp.AddConstraint(expressions=[constraint]))]
        column: exp.Expr | None = self._parse_column_def_with_exists()  # type: ignore[no-untyped-call]
        return [column] if column is not None else []

    def _parse_add_special_constraint(self) -> exp.Expr | None:
        """ADD [CONSTRAINT n] {UNIQUE | PRIMARY KEY} USING INDEX i, and PG18's
        ADD [CONSTRAINT n] NOT NULL col."""
        name = None
        if self._match(TokenType.CONSTRAINT):
            name = self._name()
        if self._match_text_seq("NOT", "NULL"):
            column = self._name()
            if column is None:
                return None
            no_inherit = self._match_text_seq("NO", "INHERIT")
            return self.expression(
                nodes.AddNotNullConstraint(this=name, column=column, no_inherit=no_inherit)
            )
        if self._match(TokenType.UNIQUE):
            kind = "UNIQUE"
        elif self._match(TokenType.PRIMARY_KEY) or self._match_text_seq("PRIMARY", "KEY"):
            kind = "PRIMARY KEY"
        else:
            return None
        if not self._match_text_seq("USING", "INDEX"):
            return None
        index = self._name()
        options = self._parse_key_constraint_options()
        return self.expression(
            nodes.AddConstraintUsingIndex(
                this=name, kind=kind, index=index, options=options or None
            )
        )

    def _parse_insert(self) -> exp.Insert | exp.MultitableInserts:
        # `INSERT INTO t (cols) OVERRIDING {SYSTEM | USER} VALUE ...`: hide the clause from
        # sqlglot's INSERT parser and keep it as `overriding` ("SYSTEM" / "USER").
        overriding = None
        depth = 0
        for position in range(self._index, len(self._tokens) - 2):
            token = self._tokens[position]
            if token.token_type == TokenType.L_PAREN:
                depth += 1
            elif token.token_type == TokenType.R_PAREN:
                depth -= 1
            elif depth == 0 and token.text.upper() == "OVERRIDING":
                words = [tok.text.upper() for tok in self._tokens[position + 1 : position + 3]]
                if words[1:] == ["VALUE"] and words[0] in ("SYSTEM", "USER"):
                    overriding = words[0]
                    del self._tokens[position : position + 3]
                    self._tokens_size = len(self._tokens)
                break
            elif depth == 0 and token.token_type in (TokenType.VALUES, TokenType.SELECT):
                break
        inserted = super()._parse_insert()
        if overriding is not None and isinstance(inserted, exp.Insert):
            inserted.set("overriding", overriding)
        return inserted

    def _parse_on_property(self) -> exp.Expr | None:
        # CREATE TEMP TABLE ... ON COMMIT DROP (sqlglot knows PRESERVE ROWS / DELETE ROWS).
        if self._match_text_seq("COMMIT", "DROP"):
            return self.expression(exp.Property(this=exp.var("ON COMMIT"), value=exp.var("DROP")))
        return super()._parse_on_property()

    def _parse_key_constraint_options(self) -> list[str]:
        """sqlglot's options, plus PostgreSQL 15's `ON DELETE SET {NULL | DEFAULT} (col, ...)`."""
        options: list[str] = []
        while self._curr:
            if self._match(TokenType.ON):
                on = self._advance_any() and self._prev.text.upper()
                if self._match_text_seq("NO", "ACTION"):
                    action = "NO ACTION"
                elif self._match_text_seq("CASCADE"):
                    action = "CASCADE"
                elif self._match_text_seq("RESTRICT"):
                    action = "RESTRICT"
                elif self._match_pair(TokenType.SET, TokenType.NULL):
                    action = "SET NULL"
                elif self._match_pair(TokenType.SET, TokenType.DEFAULT):
                    action = "SET DEFAULT"
                else:
                    self.raise_error("Invalid key constraint")
                    action = ""
                if (
                    action.startswith("SET")
                    and self._curr
                    and self._curr.token_type == TokenType.L_PAREN
                ):
                    columns = self._parse_wrapped_id_vars()
                    action += f" ({', '.join(column.name for column in columns)})"
                options.append(f"ON {on} {action}")
                continue
            var = self._parse_var_from_options(self.KEY_CONSTRAINT_OPTIONS, raise_unmatched=False)
            if not var:
                break
            options.append(var.name)
        return options

    def _parse_types(self, *args: t.Any, **kwargs: t.Any) -> exp.Expr | None:
        # `bit varying[(n)]` (sqlglot knows only `varbit`) and `interval ... second(p)`.
        if self._word() == "BIT" and self._word(1) == "VARYING":
            self._advance(2)
            params = (
                self._parse_wrapped_csv(self._parse_number)
                if self._curr and self._curr.token_type == TokenType.L_PAREN
                else []
            )
            return exp.DataType(
                this=exp.DataType.Type.USERDEFINED,
                kind=exp.to_identifier("varbit"),
                expressions=[exp.DataTypeParam(this=p) for p in params] or None,
            )
        parsed = super()._parse_types(*args, **kwargs)
        if (
            isinstance(parsed, exp.DataType)
            and isinstance(parsed.this, exp.Interval)
            and self._prev.text.upper() == "SECOND"
            and self._curr
            and self._curr.token_type == TokenType.L_PAREN
        ):
            precision = self._parse_wrapped(self._parse_number)
            parsed.set("expressions", [exp.DataTypeParam(this=precision)])
        return parsed

    def _parse_column_def(self, *args: t.Any, **kwargs: t.Any) -> exp.Expr | None:
        column = super()._parse_column_def(*args, **kwargs)
        if isinstance(column, exp.ColumnDef):
            for constraint in column.args.get("constraints") or []:
                kind = constraint.args.get("kind")
                if isinstance(kind, exp.ComputedColumnConstraint) and kind.args.get("data_type"):
                    self.raise_error("AS (expr) columns are not PostgreSQL syntax")
                if (
                    isinstance(kind, exp.ComputedColumnConstraint)
                    and kind.args.get("persisted") is not None
                    and not kind.meta.get("generated_always")
                ):
                    self.raise_error("AS (expr) columns are not PostgreSQL syntax")
        return column

    def _parse_index_params(self) -> exp.IndexParameters:
        """CREATE INDEX parameters in PostgreSQL's order: [USING m] (cols) [INCLUDE (...)]
        [NULLS [NOT] DISTINCT] [WITH (...)] [TABLESPACE t] [WHERE pred]."""
        using = (
            self._parse_var(any_token=True)
            if not self._match_text_seq("USING", "INDEX", "TABLESPACE", advance=False)
            and self._match(TokenType.USING)
            else None
        )
        columns = (
            self._parse_wrapped_csv(self._parse_with_operator)
            if self._match(TokenType.L_PAREN, advance=False)
            else None
        )
        include = self._parse_wrapped_id_vars() if self._match_text_seq("INCLUDE") else None
        nulls_distinct = None
        if self._match_text_seq("NULLS", "NOT", "DISTINCT"):
            nulls_distinct = False
        elif self._match_text_seq("NULLS", "DISTINCT"):
            nulls_distinct = True
        with_storage = self._match(TokenType.WITH) and self._parse_wrapped_properties()
        tablespace = (
            self._parse_id_var()
            if self._match_text_seq("USING", "INDEX", "TABLESPACE")
            or self._match_text_seq("TABLESPACE")
            else None
        )
        where = self._parse_where()
        return self.expression(
            nodes.IndexParameters(
                using=using,
                columns=columns,
                include=include,
                nulls_distinct=nulls_distinct,
                where=where,
                with_storage=with_storage,
                tablespace=tablespace,
            )
        )

    def _parse_primary_key_part(self) -> exp.Expr | None:
        part = super()._parse_primary_key_part()
        if part is not None and self._match_text_seq("WITHOUT", "OVERLAPS"):
            return self.expression(nodes.WithoutOverlaps(this=part))
        return part

    def _parse_unique(self) -> exp.UniqueColumnConstraint:
        if self._word() in ("KEY", "INDEX"):
            self.raise_error("UNIQUE KEY / UNIQUE INDEX is not PostgreSQL syntax")
        return super()._parse_unique()

    def _parse_generated_as_identity(
        self,
    ) -> (
        exp.GeneratedAsIdentityColumnConstraint
        | exp.ComputedColumnConstraint
        | exp.GeneratedAsRowColumnConstraint
    ):
        """GENERATED ALWAYS AS (expr) [STORED | VIRTUAL]: `persisted` says which (None when
        neither is written: VIRTUAL on PostgreSQL 18, a syntax error before)."""
        this = super(PostgresParser, self)._parse_generated_as_identity()
        computed: exp.ComputedColumnConstraint | None = None
        if self._match_text_seq("STORED"):
            computed = exp.ComputedColumnConstraint(this=this.expression, persisted=True)
        elif self._match_text_seq("VIRTUAL"):
            computed = exp.ComputedColumnConstraint(this=this.expression, persisted=False)
        elif isinstance(this, exp.GeneratedAsIdentityColumnConstraint) and this.expression:
            computed = exp.ComputedColumnConstraint(this=this.expression)
        if computed is None:
            return this
        computed.meta["generated_always"] = True
        return self.expression(computed)

    _in_wrapped_properties = False

    def _parse_wrapped_properties(self) -> list[exp.Expr | list[exp.Expr]]:
        previous = self._in_wrapped_properties
        self._in_wrapped_properties = True
        index = self._index
        try:
            parsed = self._try_parse(super()._parse_wrapped_properties)
        finally:
            self._in_wrapped_properties = previous
        if parsed is not None:
            return parsed
        # `WITH (security_barrier)`, `WITH (security_invoker = on)`: PostgreSQL's reloptions.
        self._retreat(index)
        return list(self._parse_wrapped_csv(self._parse_reloption_property))

    def _parse_reloption_name(self) -> str | None:
        """A storage parameter name, possibly dotted (`toast.autovacuum_enabled`)."""
        if not self._curr or self._curr.token_type in (TokenType.L_PAREN, TokenType.R_PAREN):
            return None
        parts = [self._curr.text]
        self._advance()
        while self._match(TokenType.DOT):
            if not self._curr:
                return None
            parts.append(self._curr.text)
            self._advance()
        return ".".join(parts)

    def _parse_reloption_value(self) -> exp.Expr | None:
        """A reloption value: a number (signed), a string, or one word (on, off, true, ...)."""
        if not self._curr:
            return None
        sign = ""
        if self._curr.token_type in (TokenType.DASH, TokenType.PLUS):
            sign = "-" if self._curr.token_type == TokenType.DASH else ""
            self._advance()
        token = self._curr
        if token is None or token.token_type in (
            TokenType.COMMA,
            TokenType.L_PAREN,
            TokenType.R_PAREN,
        ):
            return None
        self._advance()
        if token.token_type == TokenType.NUMBER:
            return exp.Literal.number(f"{sign}{token.text}")
        if sign:
            return None
        if token.token_type in _STRING_TOKENS:
            return exp.Literal.string(token.text)
        return exp.var(token.text)

    def _parse_reloption(self) -> exp.Expr | None:
        """`name [= value]` in `SET (...)`: `name = value` as EQ(Column, value), else the name."""
        name = self._parse_reloption_name()
        if name is None:
            return None
        if not self._match(TokenType.EQ):
            return exp.column(name)
        value = self._parse_reloption_value()
        if value is None:
            self.raise_error("Expected a storage parameter value")
        return exp.EQ(this=exp.column(name), expression=value)

    def _parse_reloption_property(self) -> exp.Expr | None:
        name = self._parse_reloption_name()
        if name is None:
            return None
        value = self._parse_reloption_value() if self._match(TokenType.EQ) else exp.true()
        if value is None:
            self.raise_error("Expected a storage parameter value")
        return exp.Property(this=exp.var(name), value=value)

    def _parse_key_value_property(self) -> exp.Expr | None:  # type: ignore[override]
        # `name = value` outside WITH (...) is MySQL's table options (TYPE=MyISAM, ...).
        if not self._in_wrapped_properties:
            return None
        return super()._parse_key_value_property()

    def _parse_pg_check(self) -> exp.Expr:
        this = self._parse_wrapped(self._parse_assignment)
        no_inherit = self._match_text_seq("NO", "INHERIT")
        not_enforced = self._match_text_seq("NOT", "ENFORCED")
        enforced = not not_enforced and self._match_text_seq("ENFORCED")
        return self.expression(
            nodes.CheckConstraint(
                this=this,
                enforced=enforced or None,
                not_enforced=not_enforced or None,
                no_inherit=no_inherit or None,
            )
        )

    def _parse_alter_table_alter(self) -> exp.Expr | None:
        if self._match(TokenType.CONSTRAINT) or self._match_text_seq("CONSTRAINT"):
            name = self._name()
            options: list[str] = []
            while self._curr and self._curr.token_type != TokenType.COMMA:
                for words in _ALTER_CONSTRAINT_OPTIONS:
                    if self._match_text_seq(*words):
                        options.append(" ".join(words))
                        break
                else:
                    return None
            return self.expression(nodes.AlterConstraint(this=name, options=options or None))
        index = self._index
        self._match(TokenType.COLUMN)
        exists = self._parse_exists()
        column = self._parse_field(any_token=True)
        option = (
            self._parse_alter_column_option(column, bool(exists)) if column is not None else None
        )
        if option is not None:
            return option
        self._retreat(index)
        altered = super()._parse_alter_table_alter()
        last_words = [
            tok.text.upper() for tok in self._tokens[max(self._index - 3, 0) : self._index]
        ]
        if (
            isinstance(altered, exp.AlterColumn)
            and altered.args.get("default") is not None
            and last_words[-2:] == ["NOT", "NULL"]
            and last_words[0] != "IS"
        ):
            # sqlglot reads `x NOT NULL` as `x IS NOT NULL`; PostgreSQL rejects it here.
            self.raise_error("SET DEFAULT ... NOT NULL is not PostgreSQL syntax")
        return altered

    def _parse_alter_column_option(
        self, column: exp.Expr, exists: bool
    ) -> nodes.AlterColumnOption | None:
        def _node(action: str, **args: t.Any) -> nodes.AlterColumnOption:
            return self.expression(
                nodes.AlterColumnOption(this=column, action=action, exists=exists or None, **args)
            )

        if self._match_text_seq("SET", "STATISTICS"):
            return _node("SET STATISTICS", expression=self._parse_bitwise())
        if self._match_text_seq("SET", "STORAGE"):
            return _node(
                "SET STORAGE",
                expression=exp.var(self._advance_any() and self._prev.text.upper() or ""),
            )
        if self._match_text_seq("SET", "COMPRESSION"):
            return _node(
                "SET COMPRESSION",
                expression=exp.var(self._advance_any() and self._prev.text.lower() or ""),
            )
        if self._match_text_seq("SET", "EXPRESSION", "AS"):
            return _node("SET EXPRESSION", expression=self._parse_wrapped(self._parse_assignment))
        if self._match_text_seq("DROP", "EXPRESSION"):
            return _node(
                "DROP EXPRESSION", expression=exp.var("IF EXISTS") if self._parse_exists() else None
            )
        if self._match_text_seq("DROP", "IDENTITY"):
            return _node(
                "DROP IDENTITY", expression=exp.var("IF EXISTS") if self._parse_exists() else None
            )
        if self._match_text_seq("ADD", "GENERATED"):
            generated = "ALWAYS" if self._match_text_seq("ALWAYS") else None
            if generated is None and self._match_text_seq("BY", "DEFAULT"):
                generated = "BY DEFAULT"
            if generated is None or not self._match_text_seq("AS", "IDENTITY"):
                return None
            identity_options = None
            if self._curr and self._curr.token_type == TokenType.L_PAREN:
                identity_options = self._parse_option_words()
            return _node(
                "ADD GENERATED AS IDENTITY", generated=generated, expressions=identity_options
            )
        if self._word() == "SET" and self._word(1) == "GENERATED":
            self._advance(2)
            generated = "ALWAYS" if self._match_text_seq("ALWAYS") else None
            if generated is None and self._match_text_seq("BY", "DEFAULT"):
                generated = "BY DEFAULT"
            if generated is None:
                return None
            return _node("SET GENERATED", generated=generated)
        if self._word() == "RESTART" or (
            self._word() == "SET"
            and self._word(1)
            in ("INCREMENT", "START", "MINVALUE", "MAXVALUE", "CACHE", "CYCLE", "NO")
        ):
            options: list[exp.Expr] = []
            while self._curr and self._curr.token_type != TokenType.COMMA:
                self._match(TokenType.SET)
                option = self._parse_sequence_option()
                if option is None:
                    return None
                options.append(option)
            return _node("SET IDENTITY OPTIONS", expressions=options)
        if (
            self._word() in ("SET", "RESET")
            and self._next
            and self._next.token_type == TokenType.L_PAREN
        ):
            verb = self._word()
            self._advance()
            return _node(f"{verb} (attribute_option)", expressions=self._parse_option_words())
        return None


class MigratorGenerator(PostgresGenerator):
    """PostgreSQL generator that also renders our nodes (for statements the planner builds)."""

    def _names(self, expressions: list[exp.Expr] | None) -> str:
        return ", ".join(self.sql(e) for e in expressions or [])

    def validateconstraint_sql(self, e: nodes.ValidateConstraint) -> str:
        return f"VALIDATE CONSTRAINT {self.sql(e, 'this')}"

    def addconstraintusingindex_sql(self, e: nodes.AddConstraintUsingIndex) -> str:
        name = self.sql(e, "this")
        prefix = f"ADD CONSTRAINT {name} " if name else "ADD "
        options = " ".join(e.args.get("options") or [])
        suffix = f" {options}" if options else ""
        return f"{prefix}{e.args['kind']} USING INDEX {self.sql(e, 'index')}{suffix}"

    def addnotnullconstraint_sql(self, e: nodes.AddNotNullConstraint) -> str:
        name = self.sql(e, "this")
        prefix = f"ADD CONSTRAINT {name} " if name else "ADD "
        no_inherit = " NO INHERIT" if e.args.get("no_inherit") else ""
        not_valid = " NOT VALID" if e.args.get("not_valid") else ""
        return f"{prefix}NOT NULL {self.sql(e, 'column')}{no_inherit}{not_valid}"

    def addconstraint_sql(self, expression: exp.AddConstraint) -> str:
        not_valid = " NOT VALID" if expression.args.get("not_valid") else ""
        return f"{super().addconstraint_sql(expression)}{not_valid}"

    def alter_sql(self, expression: exp.Alter) -> str:
        # NOT VALID is written after its own ADD CONSTRAINT (the action's flag), not at the end.
        actions = expression.args.get("actions") or []
        if expression.args.get("not_valid") and any(
            isinstance(a, exp.Expr) and a.args.get("not_valid") for a in actions
        ):
            expression = expression.copy()
            expression.set("not_valid", None)
        return super().alter_sql(expression)

    def attachpartition_sql(self, e: nodes.AttachPartition) -> str:
        base = f"ATTACH PARTITION {self.sql(e, 'this')}"
        if e.args.get("default"):
            return f"{base} DEFAULT"
        bound = self.sql(e, "bound")
        return f"{base} FOR VALUES {bound}" if bound else base

    def detachpartition_sql(self, e: nodes.DetachPartition) -> str:
        suffix = " CONCURRENTLY" if e.args.get("concurrently") else ""
        suffix += " FINALIZE" if e.args.get("finalize") else ""
        return f"DETACH PARTITION {self.sql(e, 'this')}{suffix}"

    def oftype_sql(self, e: nodes.OfType) -> str:
        return "NOT OF" if e.args.get("drop") else f"OF {self.sql(e, 'this')}"

    def setschema_sql(self, e: nodes.SetSchema) -> str:
        return f"SET SCHEMA {self.sql(e, 'this')}"

    def ownerto_sql(self, e: nodes.OwnerTo) -> str:
        return f"OWNER TO {self.sql(e, 'this')}"

    def renameconstraint_sql(self, e: nodes.RenameConstraint) -> str:
        exists = "IF EXISTS " if e.args.get("exists") else ""
        return f"RENAME CONSTRAINT {exists}{self.sql(e, 'this')} TO {self.sql(e, 'to')}"

    def resetstorageparameters_sql(self, e: nodes.ResetStorageParameters) -> str:
        return f"RESET ({self._names(e.expressions)})"

    def toggletrigger_sql(self, e: nodes.ToggleTrigger) -> str:
        verb = "ENABLE" if e.args.get("enable") else "DISABLE"
        mode = f" {e.args['mode']}" if e.args.get("mode") else ""
        return f"{verb}{mode} TRIGGER {self.sql(e, 'this')}"

    def togglerule_sql(self, e: nodes.ToggleRule) -> str:
        verb = "ENABLE" if e.args.get("enable") else "DISABLE"
        mode = f" {e.args['mode']}" if e.args.get("mode") else ""
        return f"{verb}{mode} RULE {self.sql(e, 'this')}"

    def rowlevelsecurity_sql(self, e: nodes.RowLevelSecurity) -> str:
        return f"{e.args['this']} ROW LEVEL SECURITY"

    def replicaidentity_sql(self, e: nodes.ReplicaIdentity) -> str:
        index = f" {self.sql(e, 'index')}" if e.args.get("index") else ""
        return f"REPLICA IDENTITY {e.args['this']}{index}"

    def clusteron_sql(self, e: nodes.ClusterOn) -> str:
        return f"CLUSTER ON {self.sql(e, 'this')}"

    def alterconstraint_sql(self, e: nodes.AlterConstraint) -> str:
        options = " ".join(e.args.get("options") or [])
        return f"ALTER CONSTRAINT {self.sql(e, 'this')}{' ' + options if options else ''}"

    def inherit_sql(self, e: nodes.Inherit) -> str:
        return f"{'NO ' if e.args.get('no') else ''}INHERIT {self.sql(e, 'this')}"

    def altercolumnoption_sql(self, e: nodes.AlterColumnOption) -> str:
        action = e.args["action"]
        column = self.sql(e, "this")
        exists = "IF EXISTS " if e.args.get("exists") else ""
        head = f"ALTER COLUMN {exists}{column}"
        value = self.sql(e, "expression")
        if action in ("SET STATISTICS", "SET STORAGE", "SET COMPRESSION"):
            return f"{head} {action} {value}"
        if action == "SET EXPRESSION":
            return f"{head} SET EXPRESSION AS ({value})"
        if action in ("DROP EXPRESSION", "DROP IDENTITY"):
            return f"{head} {action}{' ' + value if value else ''}"
        if action == "ADD GENERATED AS IDENTITY":
            options = self._names(e.expressions)
            options = f" ({options})" if options else ""
            return f"{head} ADD GENERATED {e.args['generated']} AS IDENTITY{options}"
        if action == "SET GENERATED":
            return f"{head} SET GENERATED {e.args['generated']}"
        if action == "SET IDENTITY OPTIONS":
            parts = []
            for option in e.expressions:
                text = self.sql(option)
                parts.append(text if text.startswith("RESTART") else f"SET {text}")
            return f"{head} {' '.join(parts)}"
        verb = action.split()[0]
        return f"{head} {verb} ({self._names(e.expressions)})"

    def altertypeaddvalue_sql(self, e: nodes.AlterTypeAddValue) -> str:
        exists = "IF NOT EXISTS " if e.args.get("exists") else ""
        position = ""
        if e.args.get("before"):
            position = f" BEFORE {self.sql(e, 'before')}"
        elif e.args.get("after"):
            position = f" AFTER {self.sql(e, 'after')}"
        return f"ADD VALUE {exists}{self.sql(e, 'this')}{position}"

    def altertyperenamevalue_sql(self, e: nodes.AlterTypeRenameValue) -> str:
        return f"RENAME VALUE {self.sql(e, 'this')} TO {self.sql(e, 'to')}"

    def altertypeattribute_sql(self, e: nodes.AlterTypeAttribute) -> str:
        action = e.args["action"]
        if action == "RENAME ATTRIBUTE":
            return f"RENAME ATTRIBUTE {self.sql(e, 'this')} TO {self.sql(e, 'dtype')}"
        exists = "IF EXISTS " if e.args.get("exists") else ""
        dtype = self.sql(e, "dtype")
        if action == "ALTER ATTRIBUTE":
            dtype = f" TYPE {dtype}"
        elif dtype:
            dtype = f" {dtype}"
        cascade = " CASCADE" if e.args.get("cascade") else ""
        return f"{action} {exists}{self.sql(e, 'this')}{dtype}{cascade}"

    def alterdomainconstraint_sql(self, e: nodes.AlterDomainConstraint) -> str:
        name = self.sql(e, "this")
        prefix = f"ADD CONSTRAINT {name} " if name else "ADD "
        not_valid = " NOT VALID" if e.args.get("not_valid") else ""
        return f"{prefix}{self.sql(e, 'expression')}{not_valid}"

    def alterdomainnotnull_sql(self, e: nodes.AlterDomainNotNull) -> str:
        return "DROP NOT NULL" if e.args.get("drop") else "SET NOT NULL"

    def alterdomaindefault_sql(self, e: nodes.AlterDomainDefault) -> str:
        return "DROP DEFAULT" if e.args.get("drop") else f"SET DEFAULT {self.sql(e, 'this')}"

    def dropconstraint_sql(self, e: nodes.DropConstraint) -> str:
        exists = "IF EXISTS " if e.args.get("exists") else ""
        cascade = " CASCADE" if e.args.get("cascade") else ""
        return f"DROP CONSTRAINT {exists}{self.sql(e, 'this')}{cascade}"

    def sequenceoptions_sql(self, e: nodes.SequenceOptions) -> str:
        return " ".join(self.sql(o) for o in e.expressions)

    def sequenceoption_sql(self, e: nodes.SequenceOption) -> str:
        name = e.name
        value = self.sql(e, "expression")
        if not value:
            return name
        if name == "INCREMENT":
            return f"INCREMENT BY {value}"
        if name in ("START", "RESTART"):
            return f"{name} WITH {value}"
        return f"{name} {value}"

    def policyoptions_sql(self, e: nodes.PolicyOptions) -> str:
        parts = []
        if e.args.get("roles"):
            parts.append(f"TO {self._names(e.args['roles'])}")
        if e.args.get("using"):
            parts.append(f"USING ({self.sql(e, 'using')})")
        if e.args.get("check"):
            parts.append(f"WITH CHECK ({self.sql(e, 'check')})")
        return " ".join(parts)

    def functionsignature_sql(self, e: nodes.FunctionSignature) -> str:
        args = e.args.get("args_sql")
        return f"{self.sql(e, 'this')}({args})" if args is not None else self.sql(e, "this")

    def genericstatement_sql(self, e: nodes.GenericStatement) -> str:
        sql = e.args.get("sql")
        rest = f" {sql.name}" if isinstance(sql, exp.Literal) else ""
        name = f" {self.sql(e, 'this')}" if e.args.get("this") else ""
        return f"{e.args['kind']}{name}{rest}"

    def createrule_sql(self, e: nodes.CreateRule) -> str:
        replace = " OR REPLACE" if e.args.get("replace") else ""
        where = f" WHERE {self.sql(e, 'where')}" if e.args.get("where") else ""
        instead = "INSTEAD" if e.args.get("instead") else "ALSO"
        action = e.args.get("action")
        action_sql = action.name if isinstance(action, exp.Literal) else "NOTHING"
        return (
            f"CREATE{replace} RULE {self.sql(e, 'this')} AS ON {e.args['event']} TO "
            f"{self.sql(e, 'table')}{where} DO {instead} {action_sql}"
        )

    def rangetype_sql(self, e: nodes.RangeType) -> str:
        return f"RANGE ({self.expressions(e, flat=True)})"

    def genericaction_sql(self, e: nodes.GenericAction) -> str:
        sql = e.args.get("sql")
        return sql.name if isinstance(sql, exp.Literal) else e.name

    def reindex_sql(self, e: nodes.Reindex) -> str:
        options = self._names(e.args.get("options"))
        options = f" ({options})" if options else ""
        concurrently = " CONCURRENTLY" if e.args.get("concurrently") else ""
        this = f" {self.sql(e, 'this')}" if e.args.get("this") else ""
        return f"REINDEX{options} {e.args['kind']}{concurrently}{this}"

    def vacuum_sql(self, e: nodes.Vacuum) -> str:
        options = [o.name for o in e.args.get("options") or []]
        simple = all(o in ("FULL", "FREEZE", "VERBOSE", "ANALYZE") for o in options)
        options_sql = (
            (" " + " ".join(options))
            if simple and options
            else (f" ({', '.join(options)})" if options else "")
        )
        tables = self._names(e.expressions)
        return f"VACUUM{options_sql}{' ' + tables if tables else ''}"

    def analyzetables_sql(self, e: nodes.AnalyzeTables) -> str:
        options = [o.name for o in e.args.get("options") or []]
        options_sql = (
            " VERBOSE"
            if options == ["VERBOSE"]
            else (f" ({', '.join(options)})" if options else "")
        )
        tables = self._names(e.expressions)
        return f"ANALYZE{options_sql}{' ' + tables if tables else ''}"

    def clustertable_sql(self, e: nodes.ClusterTable) -> str:
        verbose = " VERBOSE" if e.args.get("verbose") else ""
        this = f" {self.sql(e, 'this')}" if e.args.get("this") else ""
        index = f" USING {self.sql(e, 'index')}" if e.args.get("index") else ""
        return f"CLUSTER{verbose}{this}{index}"

    def refreshmaterializedview_sql(self, e: nodes.RefreshMaterializedView) -> str:
        concurrently = " CONCURRENTLY" if e.args.get("concurrently") else ""
        data = ""
        if e.args.get("no_data") is True:
            data = " WITH NO DATA"
        elif e.args.get("no_data") is False:
            data = " WITH DATA"
        return f"REFRESH MATERIALIZED VIEW{concurrently} {self.sql(e, 'this')}{data}"

    def locktable_sql(self, e: nodes.LockTable) -> str:
        nowait = " NOWAIT" if e.args.get("nowait") else ""
        return f"LOCK TABLE {self._names(e.expressions)} IN {e.args['mode']} MODE{nowait}"

    def savepoint_sql(self, e: nodes.Savepoint) -> str:
        return f"SAVEPOINT {self.sql(e, 'this')}"

    def releasesavepoint_sql(self, e: nodes.ReleaseSavepoint) -> str:
        return f"RELEASE SAVEPOINT {self.sql(e, 'this')}"

    def resetsetting_sql(self, e: nodes.ResetSetting) -> str:
        return f"RESET {self.sql(e, 'this')}"

    def showsetting_sql(self, e: nodes.ShowSetting) -> str:
        return f"SHOW {self.sql(e, 'this')}"

    @staticmethod
    def _dollar_quote(body: str) -> str:
        tag = "$$"
        counter = 0
        while tag in body:
            counter += 1
            tag = f"$body{counter}$"
        return f"{tag}{body}{tag}"

    def do_sql(self, e: nodes.Do) -> str:
        language = f" LANGUAGE {self.sql(e, 'language')}" if e.args.get("language") else ""
        return f"DO{language} {self._dollar_quote(e.this.name)}"

    def call_sql(self, e: nodes.Call) -> str:
        return f"CALL {self.sql(e, 'this')}"

    def createfunction_sql(self, e: nodes.CreateFunction) -> str:
        replace = " OR REPLACE" if e.args.get("replace") else ""
        parts = [
            f"CREATE{replace} {e.args['kind']} {self.sql(e, 'this')}({e.args.get('args_sql') or ''})"
        ]
        if e.args.get("returns_sql"):
            parts.append(f"RETURNS {e.args['returns_sql']}")
        if e.args.get("language"):
            parts.append(f"LANGUAGE {self.sql(e, 'language')}")
        if e.args.get("options_sql"):
            parts.append(e.args["options_sql"].name)
        if e.args.get("security_definer"):
            parts.append("SECURITY DEFINER")
        if e.args.get("body") is not None:
            parts.append(f"AS {self._dollar_quote(e.args['body'].name)}")
        elif e.args.get("atomic_body"):
            parts.append(e.args["atomic_body"])
        return " ".join(parts)

    def createdomain_sql(self, e: nodes.CreateDomain) -> str:
        default = f" DEFAULT {self.sql(e, 'default')}" if e.args.get("default") else ""
        constraints = " ".join(self.sql(c) for c in e.args.get("constraints") or [])
        constraints = f" {constraints}" if constraints else ""
        return (
            f"CREATE DOMAIN {self.sql(e, 'this')} AS {self.sql(e, 'dtype')}{default}{constraints}"
        )

    def createextension_sql(self, e: nodes.CreateExtension) -> str:
        exists = " IF NOT EXISTS" if e.args.get("exists") else ""
        schema = f" SCHEMA {self.sql(e, 'schema')}" if e.args.get("schema") else ""
        version = f" VERSION {self.sql(e, 'version')}" if e.args.get("version") else ""
        cascade = " CASCADE" if e.args.get("cascade") else ""
        with_ = " WITH" if schema or version else ""
        return f"CREATE EXTENSION{exists} {self.sql(e, 'this')}{with_}{schema}{version}{cascade}"

    def createpolicy_sql(self, e: nodes.CreatePolicy) -> str:
        parts = [f"CREATE POLICY {self.sql(e, 'this')} ON {self.sql(e, 'table')}"]
        if e.args.get("permissive") is not None:
            parts.append("AS PERMISSIVE" if e.args["permissive"] else "AS RESTRICTIVE")
        if e.args.get("command"):
            parts.append(f"FOR {self.sql(e, 'command')}")
        options = nodes.PolicyOptions(
            roles=e.args.get("roles"), using=e.args.get("using"), check=e.args.get("check")
        )
        options_sql = self.policyoptions_sql(options)
        if options_sql:
            parts.append(options_sql)
        return " ".join(parts)

    def alterpolicy_sql(self, e: nodes.AlterPolicy) -> str:
        head = f"ALTER POLICY {self.sql(e, 'this')} ON {self.sql(e, 'table')}"
        if e.args.get("rename_to"):
            return f"{head} RENAME TO {self.sql(e, 'rename_to')}"
        return f"{head} {self.sql(e, 'options')}"

    def dropon_sql(self, e: nodes.DropOn) -> str:
        exists = " IF EXISTS" if e.args.get("exists") else ""
        cascade = " CASCADE" if e.args.get("cascade") else ""
        return f"DROP {e.args['kind']}{exists} {self.sql(e, 'this')} ON {self.sql(e, 'table')}{cascade}"

    def commenton_sql(self, e: nodes.CommentOn) -> str:
        on = f" ON {self.sql(e, 'on')}" if e.args.get("on") else ""
        return (
            f"COMMENT ON {e.args['kind']} {self.sql(e, 'this')}{on} IS {self.sql(e, 'expression')}"
        )

    def alterdefaultprivileges_sql(self, e: nodes.AlterDefaultPrivileges) -> str:
        parts = ["ALTER DEFAULT PRIVILEGES"]
        if e.args.get("roles"):
            parts.append(f"FOR ROLE {self._names(e.args['roles'])}")
        if e.args.get("schemas"):
            parts.append(f"IN SCHEMA {self._names(e.args['schemas'])}")
        parts.append(self.sql(e, "this"))
        return " ".join(parts)

    def indexparameters_sql(self, expression: exp.IndexParameters) -> str:
        text = super().indexparameters_sql(expression)
        nulls = expression.args.get("nulls_distinct")
        if nulls is None:
            return text
        tail_only = expression.copy()
        for key in ("using", "columns", "include"):
            tail_only.set(key, None)
        tail = super().indexparameters_sql(tail_only)
        head = text[: len(text) - len(tail)] if tail else text
        return f"{head} NULLS {'DISTINCT' if nulls else 'NOT DISTINCT'}{tail}"

    def withoutoverlaps_sql(self, e: nodes.WithoutOverlaps) -> str:
        return f"{self.sql(e, 'this')} WITHOUT OVERLAPS"

    def checkconstraint_sql(self, e: nodes.CheckConstraint) -> str:
        text = f"CHECK ({self.sql(e, 'this')})"
        if e.args.get("no_inherit"):
            text += " NO INHERIT"
        if e.args.get("not_enforced"):
            text += " NOT ENFORCED"
        elif e.args.get("enforced"):
            text += " ENFORCED"
        return text


def _node_transforms() -> dict[type[exp.Expr], t.Callable[..., str]]:
    """Map each of our node classes to its `<key>_sql` generator method (sqlglot's automatic
    dispatch only knows its own classes)."""
    transforms: dict[type[exp.Expr], t.Callable[..., str]] = {}
    for value in vars(nodes).values():
        if (
            isinstance(value, type)
            and issubclass(value, exp.Expression)
            and value.__module__ == nodes.__name__
        ):
            method = getattr(MigratorGenerator, f"{value.key}_sql", None)
            if method is not None:
                transforms[value] = method
    return transforms


MigratorGenerator.TRANSFORMS = {**PostgresGenerator.TRANSFORMS, **_node_transforms()}


class MigratorPostgres(Postgres):
    """sqlglot's PostgreSQL dialect with migrator's parser, tokenizer and generator."""

    Tokenizer = MigratorTokenizer
    Parser = MigratorParser
    Generator = MigratorGenerator


__all__ = [
    "LOCK_MODES",
    "MigratorPostgres",
    "ParseError",
    "postgres_rejects",
    "postgres_rejects_tokens",
    "sqlglot_is_compiled",
]
