"""Turn split statements into `Statement`s: a sqlglot tree (our dialect), a kind and actions.

`parse_source()` is the entry point of the parse stage. Each statement is parsed on its own
with `MigratorPostgres`; anything that does not come out as a structured tree (sqlglot's
opaque `exp.Command`, a parse error, syntax PostgreSQL rejects) becomes kind `UNKNOWN` with
`ast=None` and a note saying why. DO blocks and CREATE FUNCTION / PROCEDURE bodies are searched
for the statements they run (`body_statements`), with spans pointing into the file.
The statement text is always the exact source text; nothing here regenerates SQL.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlglot import exp
from sqlglot.errors import ParseError, TokenError
from sqlglot.tokenizer_core import Token, TokenType

from migrator.errors import MigratorError
from migrator.sql import nodes
from migrator.sql.dialect import (
    MigratorPostgres,
    postgres_rejects,
    postgres_rejects_tokens,
    sqlglot_is_compiled,
)
from migrator.sql.source import Source, Span
from migrator.sql.split import RawStatement, split_source, split_sql
from migrator.sql.statement import Migration, Statement, StatementKind

__all__ = ["classify", "parse_source", "parse_sql", "parse_statement", "parse_tree"]

_DIALECT = MigratorPostgres()
_SQLGLOT_LOGGER = logging.getLogger("sqlglot")


# --------------------------------------------------------------------------------------------
# sqlglot warnings → notes
# --------------------------------------------------------------------------------------------


class _NoteCollector(logging.Handler):
    """Collects sqlglot's log records (its "unsupported syntax" warnings) per thread."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self._local = threading.local()

    def start(self) -> None:
        self._local.notes = []

    def take(self) -> list[str]:
        notes: list[str] = getattr(self._local, "notes", [])
        self._local.notes = []
        return notes

    def emit(self, record: logging.LogRecord) -> None:
        notes = getattr(self._local, "notes", None)
        if notes is not None:
            notes.append(record.getMessage())


_COLLECTOR = _NoteCollector()
_SQLGLOT_LOGGER.addHandler(_COLLECTOR)


@contextmanager
def _quiet_sqlglot() -> Iterator[None]:
    """Keep sqlglot's warnings out of the user's terminal while we collect them as notes."""
    previous = _SQLGLOT_LOGGER.propagate
    _SQLGLOT_LOGGER.propagate = False
    try:
        yield
    finally:
        _SQLGLOT_LOGGER.propagate = previous


# --------------------------------------------------------------------------------------------
# Parsing one text
# --------------------------------------------------------------------------------------------


def _without_atomic_body_semicolons(tokens: list[Token]) -> list[Token]:
    """Drop the `;` inside a SQL-standard `BEGIN ATOMIC ... END` body and inside the
    parenthesised actions of CREATE RULE (sqlglot would split the statement there); the text is
    still sliced from the source by offsets."""
    if any(token.text.upper() == "RULE" for token in tokens[1:4]):
        # CREATE [OR REPLACE] RULE ... DO (command; command): the `;` inside the parentheses.
        depth = 0
        kept_tokens: list[Token] = []
        for token in tokens:
            if token.token_type == TokenType.L_PAREN:
                depth += 1
            elif token.token_type == TokenType.R_PAREN:
                depth -= 1
            elif token.token_type == TokenType.SEMICOLON and depth > 0:
                continue
            kept_tokens.append(token)
        return kept_tokens
    if not any(token.text.upper() == "ATOMIC" for token in tokens):
        return tokens
    for index in range(len(tokens) - 1):
        if tokens[index].text.upper() == "BEGIN" and tokens[index + 1].text.upper() == "ATOMIC":
            kept = tokens[:index]
            kept.extend(tok for tok in tokens[index:] if tok.token_type != TokenType.SEMICOLON)
            return kept
    return tokens


# PostgreSQL statements we recognise but leave unknown on purpose: the note says what they do.
_UNANALYSED_NOTES = {
    "drop_owned": "DROP OWNED drops every object the role owns (and revokes its privileges): "
    "which tables it touches is not known from the text; not analysed",
    "reassign_owned": "REASSIGN OWNED changes the owner of every object a role owns: which "
    "objects is not known from the text; not analysed",
    "two_phase": "two-phase commit (PREPARE TRANSACTION / COMMIT PREPARED / ROLLBACK PREPARED) "
    "is not analysed: a prepared transaction keeps its locks until it is finished",
}
_UNANALYSED_FORMS = re.compile(
    r"\s*(?:(?P<drop_owned>DROP\s+OWNED\b)|(?P<reassign_owned>REASSIGN\s+OWNED\b)|"
    r"(?P<two_phase>PREPARE\s+TRANSACTION\b|(?:COMMIT|ROLLBACK)\s+PREPARED\b))",
    re.IGNORECASE,
)


def parse_tree(sql: str) -> tuple[exp.Expr | None, tuple[str, ...]]:
    """Parse one statement's text with `MigratorPostgres`.

    Args:
        sql: the text of exactly one statement (no terminating semicolon needed).

    Returns:
        The structured tree, or None when the statement could not be structured, and the
        notes that say why (sqlglot warnings, parse errors, syntax PostgreSQL rejects).
    """
    known = _UNANALYSED_FORMS.match(sql)
    if known is not None:
        return None, (_UNANALYSED_NOTES[known.lastgroup or ""],)
    _COLLECTOR.start()
    try:
        tokens = _without_atomic_body_semicolons(_DIALECT.tokenize(sql))
        trees = _DIALECT.parser().parse(tokens, sql)
    except (ParseError, TokenError) as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        return None, (*_COLLECTOR.take(), f"parse error: {first_line}")
    except (RecursionError, ValueError, TypeError, AttributeError, IndexError, KeyError) as error:
        # sqlglot bugs on odd input must not crash the analysis: the statement is unknown.
        return None, (*_COLLECTOR.take(), f"parser failure ({type(error).__name__}): {error}")
    notes: tuple[str, ...] = tuple(_COLLECTOR.take())
    statements = [tree for tree in trees if tree is not None]
    if not statements:
        # Only comments: the splitter's stand-in for something it could not read (an Alembic
        # revision that cannot render offline, ...) explains itself in its comment.
        comment = sql.strip().splitlines()[0].lstrip("-/* ").strip() if sql.strip() else ""
        return None, (*notes, f"no SQL statement: {comment}" if comment else "no SQL statement")
    if len(statements) != 1:
        return None, (*notes, f"expected one statement, found {len(statements)}")
    tree = statements[0]
    if isinstance(tree, exp.Command):
        return None, (
            *notes,
            f"not understood: sqlglot left '{tree.name}' unparsed (opaque command)",
        )
    rejected = postgres_rejects(tree) or postgres_rejects_tokens(tokens)
    if rejected is not None:
        return None, (*notes, f"not PostgreSQL: {rejected}")
    return tree, notes


# --------------------------------------------------------------------------------------------
# Kind and actions
# --------------------------------------------------------------------------------------------

_CREATE_KINDS = {
    "TABLE": StatementKind.CREATE_TABLE,
    "INDEX": StatementKind.CREATE_INDEX,
    "VIEW": StatementKind.CREATE_VIEW,
    "SEQUENCE": StatementKind.CREATE_SEQUENCE,
    "TYPE": StatementKind.CREATE_TYPE,
    "SCHEMA": StatementKind.CREATE_SCHEMA,
    "TRIGGER": StatementKind.CREATE_TRIGGER,
    "FUNCTION": StatementKind.CREATE_FUNCTION,
    "PROCEDURE": StatementKind.CREATE_PROCEDURE,
    "DATABASE": StatementKind.CREATE_DATABASE,
}

_DROP_KINDS = {
    "TABLE": StatementKind.DROP_TABLE,
    "INDEX": StatementKind.DROP_INDEX,
    "VIEW": StatementKind.DROP_VIEW,
    "SEQUENCE": StatementKind.DROP_SEQUENCE,
    "TYPE": StatementKind.DROP_TYPE,
    "DOMAIN": StatementKind.DROP_DOMAIN,
    "FUNCTION": StatementKind.DROP_FUNCTION,
    "PROCEDURE": StatementKind.DROP_PROCEDURE,
    "TRIGGER": StatementKind.DROP_TRIGGER,
    "SCHEMA": StatementKind.DROP_SCHEMA,
    "EXTENSION": StatementKind.DROP_EXTENSION,
    "DATABASE": StatementKind.DROP_DATABASE,
    "ROLE": StatementKind.DROP_ROLE,
    "PUBLICATION": StatementKind.DROP_PUBLICATION,
    "EVENT TRIGGER": StatementKind.DROP_EVENT_TRIGGER,
}

_ALTER_KINDS = {
    "TABLE": StatementKind.ALTER_TABLE,
    "INDEX": StatementKind.ALTER_INDEX,
    "VIEW": StatementKind.ALTER_VIEW,
    "MATERIALIZED VIEW": StatementKind.ALTER_MATERIALIZED_VIEW,
    "SEQUENCE": StatementKind.ALTER_SEQUENCE,
    "TYPE": StatementKind.ALTER_TYPE,
    "DOMAIN": StatementKind.ALTER_DOMAIN,
    "FUNCTION": StatementKind.ALTER_FUNCTION,
    "PROCEDURE": StatementKind.ALTER_PROCEDURE,
    "ROUTINE": StatementKind.ALTER_ROUTINE,
    "SCHEMA": StatementKind.ALTER_SCHEMA,
    "EXTENSION": StatementKind.ALTER_EXTENSION,
    "TRIGGER": StatementKind.ALTER_TRIGGER,
    "PUBLICATION": StatementKind.ALTER_PUBLICATION,
    "ROLE": StatementKind.ALTER_ROLE,
    "DATABASE": StatementKind.ALTER_DATABASE,
    "FOREIGN TABLE": StatementKind.ALTER_FOREIGN_TABLE,
}

_GENERIC_KINDS = {kind.value: kind for kind in StatementKind}

_SIMPLE_KINDS: dict[type[exp.Expr], StatementKind] = {
    nodes.CreateDomain: StatementKind.CREATE_DOMAIN,
    nodes.CreateExtension: StatementKind.CREATE_EXTENSION,
    nodes.CreatePolicy: StatementKind.CREATE_POLICY,
    nodes.AlterPolicy: StatementKind.ALTER_POLICY,
    nodes.AlterDefaultPrivileges: StatementKind.ALTER_DEFAULT_PRIVILEGES,
    exp.TruncateTable: StatementKind.TRUNCATE,
    nodes.Reindex: StatementKind.REINDEX,
    nodes.Vacuum: StatementKind.VACUUM,
    nodes.AnalyzeTables: StatementKind.ANALYZE,
    nodes.ClusterTable: StatementKind.CLUSTER,
    nodes.RefreshMaterializedView: StatementKind.REFRESH_MATERIALIZED_VIEW,
    nodes.LockTable: StatementKind.LOCK,
    exp.Comment: StatementKind.COMMENT,
    exp.Grant: StatementKind.GRANT,
    exp.Revoke: StatementKind.REVOKE,
    exp.Insert: StatementKind.INSERT,
    exp.Update: StatementKind.UPDATE,
    exp.Delete: StatementKind.DELETE,
    exp.Merge: StatementKind.MERGE,
    exp.Copy: StatementKind.COPY,
    nodes.Do: StatementKind.DO,
    nodes.Call: StatementKind.CALL,
    exp.Transaction: StatementKind.BEGIN,
    exp.Commit: StatementKind.COMMIT,
    nodes.Savepoint: StatementKind.SAVEPOINT,
    nodes.ReleaseSavepoint: StatementKind.RELEASE_SAVEPOINT,
    exp.Set: StatementKind.SET,
    nodes.ResetSetting: StatementKind.RESET,
    nodes.ShowSetting: StatementKind.SHOW,
    nodes.CreateRule: StatementKind.CREATE_RULE,
}


def _kind_of(tree: exp.Expr) -> StatementKind | None:
    for node_type, kind in _SIMPLE_KINDS.items():
        if isinstance(tree, node_type):
            return kind
    if isinstance(tree, exp.Rollback):
        return (
            StatementKind.ROLLBACK_TO_SAVEPOINT
            if tree.args.get("savepoint")
            else StatementKind.ROLLBACK
        )
    if isinstance(tree, nodes.GenericStatement):
        return _GENERIC_KINDS.get(str(tree.args["kind"]))
    if isinstance(tree, nodes.CreateFunction):
        return (
            StatementKind.CREATE_PROCEDURE
            if tree.args["kind"] == "PROCEDURE"
            else StatementKind.CREATE_FUNCTION
        )
    if isinstance(tree, exp.Create):
        create_kind = (tree.kind or "").upper()
        if create_kind == "TABLE" and isinstance(tree.expression, exp.Query):
            return StatementKind.CREATE_TABLE_AS
        if create_kind == "VIEW" and _is_materialized(tree):
            return StatementKind.CREATE_MATERIALIZED_VIEW
        return _CREATE_KINDS.get(create_kind, StatementKind.CREATE_OTHER)
    if isinstance(tree, exp.Drop):
        drop_kind = (tree.kind or "").upper()
        if drop_kind == "VIEW" and tree.args.get("materialized"):
            return StatementKind.DROP_MATERIALIZED_VIEW
        return _DROP_KINDS.get(drop_kind, StatementKind.DROP_OTHER)
    if isinstance(tree, nodes.DropOn):
        return (
            StatementKind.DROP_POLICY if tree.args["kind"] == "POLICY" else StatementKind.DROP_RULE
        )
    if isinstance(tree, exp.Alter):
        return _ALTER_KINDS.get(str(tree.args.get("kind") or "").upper(), StatementKind.ALTER_OTHER)
    if isinstance(tree, exp.Query):
        return StatementKind.SELECT
    return None


def _is_materialized(create: exp.Create) -> bool:
    properties = create.args.get("properties")
    return bool(
        properties and any(isinstance(p, exp.MaterializedProperty) for p in properties.expressions)
    )


def _alter_set_action(action: exp.AlterSet) -> str:
    if action.args.get("tablespace"):
        return "SET TABLESPACE"
    if action.args.get("access_method"):
        return "SET ACCESS METHOD"
    option = action.args.get("option")
    if option is not None:
        return f"SET {option.name}"
    return "SET (storage_parameter)"


def _alter_column_action(action: exp.AlterColumn) -> str | None:
    if action.args.get("dtype") is not None:
        return "ALTER COLUMN TYPE"
    if action.args.get("default") is not None:
        return "SET DEFAULT"
    if action.args.get("allow_null") is False:
        return "SET NOT NULL"
    if action.args.get("drop") and action.args.get("allow_null"):
        return "DROP NOT NULL"
    if action.args.get("drop"):
        return "DROP DEFAULT"
    return None


def _action_name(action: exp.Expr) -> str | None:
    """The reference's words for one sub-command of an ALTER, or None when unknown."""
    if isinstance(action, (exp.ColumnDef, exp.Schema)):
        return "ADD COLUMN"
    if isinstance(action, exp.Drop):
        drop_kind = (action.kind or "COLUMN").upper()
        # DROP INDEX / FOREIGN KEY / PRIMARY KEY inside ALTER TABLE are MySQL, not PostgreSQL.
        return f"DROP {drop_kind}" if drop_kind in ("COLUMN", "CONSTRAINT") else None
    if isinstance(action, exp.AlterColumn):
        return _alter_column_action(action)
    if isinstance(action, nodes.AlterColumnOption):
        return str(action.args["action"])
    if isinstance(
        action, (exp.AddConstraint, nodes.AddNotNullConstraint, nodes.AlterDomainConstraint)
    ):
        return "ADD CONSTRAINT"
    if isinstance(action, nodes.AddConstraintUsingIndex):
        return "ADD CONSTRAINT USING INDEX"
    if isinstance(action, exp.AlterSet):
        return _alter_set_action(action)
    if isinstance(action, nodes.ToggleTrigger | nodes.ToggleRule):
        verb = "ENABLE" if action.args.get("enable") else "DISABLE"
        mode = f" {action.args['mode']}" if action.args.get("mode") else ""
        what = "TRIGGER" if isinstance(action, nodes.ToggleTrigger) else "RULE"
        return f"{verb}{mode} {what}"
    if isinstance(action, nodes.RowLevelSecurity):
        return f"{action.args['this']} ROW LEVEL SECURITY"
    if isinstance(action, nodes.Inherit):
        return "NO INHERIT" if action.args.get("no") else "INHERIT"
    if isinstance(action, nodes.AlterTypeAttribute):
        return str(action.args["action"])
    if isinstance(action, nodes.AlterDomainDefault):
        return "DROP DEFAULT" if action.args.get("drop") else "SET DEFAULT"
    if isinstance(action, nodes.AlterDomainNotNull):
        return "DROP NOT NULL" if action.args.get("drop") else "SET NOT NULL"
    if isinstance(action, nodes.OfType):
        return "NOT OF" if action.args.get("drop") else "OF"
    if isinstance(action, nodes.GenericAction):
        return action.name
    simple: dict[type[exp.Expr], str] = {
        exp.RenameColumn: "RENAME COLUMN",
        exp.AlterRename: "RENAME TO",
        nodes.RenameConstraint: "RENAME CONSTRAINT",
        nodes.ValidateConstraint: "VALIDATE CONSTRAINT",
        nodes.SetSchema: "SET SCHEMA",
        nodes.OwnerTo: "OWNER TO",
        nodes.AttachPartition: "ATTACH PARTITION",
        nodes.DetachPartition: "DETACH PARTITION",
        nodes.ResetStorageParameters: "RESET (storage_parameter)",
        nodes.ReplicaIdentity: "REPLICA IDENTITY",
        nodes.ClusterOn: "CLUSTER ON",
        nodes.AlterTypeAddValue: "ADD VALUE",
        nodes.AlterTypeRenameValue: "RENAME VALUE",
        nodes.DropConstraint: "DROP CONSTRAINT",
        nodes.AlterConstraint: "ALTER CONSTRAINT",
    }
    return simple.get(type(action))


def _actions_of(tree: exp.Expr) -> tuple[tuple[str, ...], str | None]:
    """The sub-commands of an ALTER (or an empty tuple); the second item is a reason when
    one of them is not understood."""
    if isinstance(tree, nodes.AlterPolicy):
        return (("RENAME TO",) if tree.args.get("rename_to") else ()), None
    if not isinstance(tree, exp.Alter):
        return (), None
    if tree.args.get("options"):
        return (), "table options that are not PostgreSQL syntax"
    names: list[str] = []
    for action in tree.args.get("actions") or []:
        if isinstance(action, nodes.SequenceOptions):
            names.extend(option.name for option in action.expressions if option.name not in names)
            continue
        name = _action_name(action)
        if name is None:
            return (), f"sub-command {type(action).__name__} not understood"
        names.append(name)
    if not names:
        return (), "ALTER without a sub-command"
    return tuple(names), None


def classify(ast_or_text: exp.Expr | str) -> tuple[StatementKind, tuple[str, ...]]:
    """The kind (PostgreSQL reference command name) and actions of a statement.

    Args:
        ast_or_text: a tree from `MigratorPostgres`, or the text of one statement.

    Returns:
        `(kind, actions)`; `(StatementKind.UNKNOWN, ())` for anything not understood.
    """
    tree = parse_tree(ast_or_text)[0] if isinstance(ast_or_text, str) else ast_or_text
    if tree is None:
        return StatementKind.UNKNOWN, ()
    kind = _kind_of(tree)
    if kind is None:
        return StatementKind.UNKNOWN, ()
    actions, problem = _actions_of(tree)
    if problem is not None:
        return StatementKind.UNKNOWN, ()
    return kind, actions


def _classify_with_reason(tree: exp.Expr) -> tuple[StatementKind, tuple[str, ...], str | None]:
    kind = _kind_of(tree)
    if kind is None:
        return StatementKind.UNKNOWN, (), f"statement type {type(tree).__name__} not classified"
    actions, problem = _actions_of(tree)
    if problem is not None:
        return StatementKind.UNKNOWN, (), problem
    return kind, actions, None


# --------------------------------------------------------------------------------------------
# Procedural bodies
# --------------------------------------------------------------------------------------------

# A statement inside a PL/pgSQL body that touches tables, after control-flow words.
_BODY_STATEMENT_START = re.compile(
    r"\b(ALTER|CREATE|DROP|UPDATE|DELETE|INSERT|TRUNCATE|LOCK|REINDEX|VACUUM|CLUSTER|REFRESH|"
    r"GRANT|REVOKE|COMMENT|ANALYZE|MERGE)\b",
    re.IGNORECASE,
)
# Words after which a new PL/pgSQL statement starts within a piece split on ';'.
_CONTROL_WORDS = re.compile(
    r"^(?:\s|--[^\n]*\n|/\*.*?\*/|<<\w+>>|\bDECLARE\b|\bBEGIN\s+ATOMIC\b|\bBEGIN\b|\bELSE\b|\bLOOP\b|"
    r"\b(?:IF|ELSIF|ELSEIF|WHEN)\b.*?\bTHEN\b|\b(?:FOR|WHILE|FOREACH)\b.*?\bLOOP\b|\bEXCEPTION\b)*",
    re.IGNORECASE | re.DOTALL,
)
# EXECUTE 'sql', EXECUTE ('sql'), EXECUTE format('sql', ...), EXECUTE (format('sql', ...)).
_EXECUTE = re.compile(r"\bEXECUTE\b\s*(?:\(\s*)?(?:format\s*\(\s*)?", re.IGNORECASE)
_DOLLAR_TAG = re.compile(r"\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$")


def _string_literal_at(text: str, start: int) -> tuple[int, int, str] | None:
    """A string literal starting at `start` ('…', E'…' or $tag$…$tag$): (content start,
    content end, content with '' unescaped)."""
    if text.startswith("'", start) or text[start : start + 2].upper() == "E'":
        open_quote = start if text[start] == "'" else start + 1
        index = open_quote + 1
        while index < len(text):
            if text[index] == "'":
                if text.startswith("''", index):
                    index += 2
                    continue
                raw = text[open_quote + 1 : index]
                return open_quote + 1, index, raw.replace("''", "'")
            index += 1
        return None
    tag = _DOLLAR_TAG.match(text, start)
    if tag is None:
        return None
    end = text.find(tag.group(0), tag.end())
    if end < 0:
        return None
    return tag.end(), end, text[tag.end() : end]


def _body_pieces(body: str) -> list[tuple[int, int, str]]:
    """(offset in body, length in body, text) of each statement the body runs on tables; the
    text of an EXECUTE string is unescaped, so its length in the body may differ."""
    pieces: list[tuple[int, int, str]] = []
    for raw in split_sql(body):
        text = raw.text
        offset = raw.span.start
        execute = _EXECUTE.search(text)
        if execute is not None:
            literal = _string_literal_at(text, execute.end())
            if literal is not None:
                start, end, content = literal
                stripped = content.strip().rstrip(";").rstrip()
                if _BODY_STATEMENT_START.match(stripped):
                    lead = len(content) - len(content.lstrip())
                    pieces.append((offset + start + lead, end - start - lead, stripped))
                continue
        prefix = _CONTROL_WORDS.match(text)
        position = prefix.end() if prefix else 0
        if _BODY_STATEMENT_START.match(text, position):
            pieces.append((offset + position, len(text) - position, text[position:]))
    return pieces


def _body_of(tree: exp.Expr, sql: str) -> tuple[int, str] | None:
    """Offset in `sql` and text of a DO / CREATE FUNCTION body."""
    body = tree.this if isinstance(tree, nodes.Do) else tree.args.get("body")
    atomic = tree.args.get("atomic_body") if isinstance(tree, nodes.CreateFunction) else None
    if isinstance(atomic, str):
        found = sql.find(atomic)
        return (found, atomic) if found >= 0 else None
    if not isinstance(body, exp.Literal):
        return None
    content = body.name
    token = tree.meta.get("body_token")
    start = getattr(token, "start", None)
    if isinstance(start, int):
        raw = sql[start : getattr(token, "end", len(sql) - 1) + 1]
        tag = _DOLLAR_TAG.match(raw)
        if tag is not None:
            return start + tag.end(), raw[tag.end() : len(raw) - len(tag.group(0))]
        literal = _string_literal_at(sql, start)
        if literal is not None:
            return literal[0], literal[2]
    found = sql.find(content)
    return (found, content) if found >= 0 else (0, content)


def _offset_span(base: Span, base_text: str, start: int, end: int, lines_follow_text: bool) -> Span:
    """The span of `base_text[start:end]`, where `base_text` sits at `base`."""
    if not lines_follow_text:
        return Span(
            base.path,
            base.start + start,
            base.start + end,
            base.line,
            base.col,
            base.end_line,
            base.end_col,
        )

    def _position(offset: int) -> tuple[int, int]:
        before = base_text[:offset]
        breaks = before.count("\n") + before.count("\r") - before.count("\r\n")
        if breaks == 0:
            return base.line, base.col + offset
        last_break = max(before.rfind("\n"), before.rfind("\r"))
        return base.line + breaks, offset - last_break

    line, col = _position(start)
    end_line, end_col = _position(end)
    return Span(base.path, base.start + start, base.start + end, line, col, end_line, end_col)


def _body_statements(
    tree: exp.Expr, raw: RawStatement, lines_follow_text: bool
) -> tuple[tuple[Statement, ...], tuple[str, ...]]:
    body = _body_of(tree, raw.text)
    if body is None:
        return (), ()
    language = tree.args.get("language")
    if language is not None and language.name.lower() not in ("plpgsql", "sql"):
        return (), (f"body in language {language.name} not searched for statements",)
    body_offset, body_text = body
    statements: list[Statement] = []
    for index, (offset, length, text) in enumerate(_body_pieces(body_text)):
        start = body_offset + offset
        span = _offset_span(raw.span, raw.text, start, start + length, lines_follow_text)
        inner = RawStatement(text, span, raw.in_transaction, raw.explicit_transaction)
        statements.append(
            _parse_raw(inner, index, lines_follow_text, search_bodies=False, dynamic=True)
        )
    return tuple(statements), ()


# --------------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------------


# format() placeholders: %I (identifier), %L (literal), %s (text as is), optionally positional (%1$I).
_FORMAT_PLACEHOLDER = re.compile(r"%(?:\d+\$)?([ILs])")


def _parse_raw(
    raw: RawStatement,
    index: int,
    lines_follow_text: bool,
    search_bodies: bool = True,
    dynamic: bool = False,
) -> Statement:
    text = raw.text
    dynamic_note: tuple[str, ...] = ()
    if dynamic and _FORMAT_PLACEHOLDER.search(text):
        # EXECUTE format('ALTER TABLE %I ...'): parse with a stand-in name for each placeholder;
        # the analysis cannot know the object, and the note says so.
        text = _FORMAT_PLACEHOLDER.sub(
            lambda m: "'%L'" if m.group(1) == "L" else f'"%{m.group(1)}"', text
        )
        dynamic_note = (
            "dynamic SQL: format() placeholders stand for names known only at run time",
        )
    tree, notes = parse_tree(text)
    # The splitter's notes come first: psql variables, Flyway placeholders, a COPY without `\.`.
    notes = (*raw.notes, *notes, *dynamic_note)

    def _statement(
        kind: StatementKind,
        statement_notes: tuple[str, ...],
        actions: tuple[str, ...] = (),
        ast: exp.Expr | None = None,
        body: tuple[Statement, ...] = (),
    ) -> Statement:
        return Statement(
            index=index,
            sql=raw.text,
            span=raw.span,
            kind=kind,
            actions=actions,
            ast=ast,
            in_transaction=raw.in_transaction,
            explicit_transaction=raw.explicit_transaction,
            body_statements=body,
            notes=statement_notes,
            comments=raw.comments,
        )

    if tree is None:
        return _statement(StatementKind.UNKNOWN, notes)
    kind, actions, problem = _classify_with_reason(tree)
    if problem is not None:
        return _statement(StatementKind.UNKNOWN, (*notes, f"not understood: {problem}"))
    body: tuple[Statement, ...] = ()
    if search_bodies and isinstance(tree, nodes.Do | nodes.CreateFunction):
        body, body_notes = _body_statements(tree, raw, lines_follow_text)
        notes = (*notes, *body_notes)
    return _statement(kind, notes, actions=actions, ast=tree, body=body)


def parse_statement(raw: RawStatement, index: int) -> Statement:
    """Parse one split statement.

    Args:
        raw: the statement as the splitter found it.
        index: its 0-based position in its source.

    Returns:
        The `Statement`, with `ast=None` and kind UNKNOWN when it could not be structured.
    """
    text = raw.text
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    # An Alembic statement's span is the line of its op.* call, not the lines of its SQL.
    lines_follow_text = raw.span.end_line - raw.span.line == breaks
    with _quiet_sqlglot():
        return _parse_raw(raw, index, lines_follow_text=lines_follow_text)


def parse_source(source: Source, assume_in_transaction: bool = False) -> Migration:
    """Split and parse one migration source.

    Args:
        source: the loaded migration (SQL file, stdin, or rendered Alembic revision).
        assume_in_transaction: the runner wraps the file in a transaction (Alembic's default).

    Returns:
        The `Migration` with one `Statement` per statement of the source.

    Raises:
        MigratorError: the compiled sqlglot (`sqlglotc`) is installed, which cannot be extended.
    """
    if sqlglot_is_compiled():
        raise MigratorError(
            "the compiled sqlglot (package sqlglotc) is installed; migrator extends sqlglot's "
            "parser and needs the pure-Python sqlglot: run `pip uninstall sqlglotc`"
        )
    raws = split_source(source, assume_in_transaction=assume_in_transaction)
    if source.render_error is not None:
        return Migration(source=source, statements=_render_error_statements(source, raws))
    lines_follow_text = not source.chunk_lines
    with _quiet_sqlglot():
        statements = tuple(
            _parse_raw(raw, index, lines_follow_text) for index, raw in enumerate(raws)
        )
    return Migration(source=source, statements=statements)


def _render_error_statements(
    source: Source, raws: tuple[RawStatement, ...]
) -> tuple[Statement, ...]:
    """An Alembic revision that could not be rendered offline: exactly one UNKNOWN statement
    whose note is the reason (`source.render_error`)."""
    reason = source.render_error or "revision could not be rendered"
    if raws:
        raw = raws[0]
        span, in_transaction, comments = raw.span, raw.in_transaction, raw.comments
    else:
        span = Span(source.path, 0, len(source.text), 1, 1, 1, 1)
        in_transaction, comments = False, ()
    statement = Statement(
        index=0,
        sql=source.text,
        span=span,
        kind=StatementKind.UNKNOWN,
        in_transaction=in_transaction,
        notes=(reason,),
        comments=comments,
    )
    return (statement,)


def parse_sql(text: str, path: str = "<string>", assume_in_transaction: bool = False) -> Migration:
    """Parse SQL text as one migration (tests, stdin).

    Args:
        text: the SQL.
        path: the display path of the source.
        assume_in_transaction: the runner wraps the text in a transaction.

    Returns:
        The `Migration`.
    """
    return parse_source(Source(path=path, text=text), assume_in_transaction=assume_in_transaction)
