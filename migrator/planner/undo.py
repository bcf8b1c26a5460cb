"""The inverse of a statement the plan carries as written (a passthrough step).

`inverse_of(stmt, schema)` gives the SQL that undoes the statement, read from its tree and from
what the planner's schema tracker knew before it (previous default, type, nullability), or why it
cannot be undone. Where the inverse is only right if the statement really changed something
(`… IF NOT EXISTS`, `SET NOT NULL`, `ENABLE TRIGGER`), it also gives a precheck: a query that
returns a row when the statement would change nothing, so the step is skipped (a skipped step is
not undone). What is not understood is irreversible, with the reason.

Known limits, said here rather than guessed at run time: `GRANT` is undone by the matching
`REVOKE`, which also removes a privilege the grantee held directly before the grant; `ENABLE|
DISABLE TRIGGER ALL|USER` is undone by the opposite switch for every trigger (right when they
were all in the other state, the usual case).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlglot import exp
from sqlglot.tokenizer_core import Token, TokenType

from migrator.planner.model import Undo
from migrator.planner.schema import ColumnDef, SchemaTracker
from migrator.planner.sqltext import (
    QualifiedName,
    action_spans,
    clause_end,
    find_token,
    identifier_name,
    quote_ident,
    quote_literal,
    text_between,
    tokenize,
)
from migrator.planner.steps import (
    column_exists_sql,
    relation_exists_sql,
    trigger_exists_sql,
)
from migrator.sql import nodes
from migrator.sql.statement import Statement, StatementKind

log = logging.getLogger(__name__)

NOT_KNOWN = "carried as written: the plan does not know its inverse"
OR_REPLACE = "CREATE OR REPLACE: the definition it replaces is not known to the plan"
ENUM_VALUE = "PostgreSQL cannot drop an enum value once added"
COMMENT = "the previous comment is not known to the plan"
REVOKE = ("which of these privileges were held before is not known to the plan: GRANT would "
          "give back more than the REVOKE took")


@dataclass(frozen=True, slots=True)
class Inverse:
    """How to undo a statement, and the precheck that makes that undo exact (row ⇒ skip)."""

    undo: Undo
    precheck_sql: str | None = None


class _Irreversible(Exception):
    """Raised inside the readers: the statement cannot be undone, for this reason."""


def inverse_of(stmt: Statement, schema: SchemaTracker | None = None) -> Inverse:
    """The undo of `stmt` run as written, given the schema as it was before it.

    Args:
        stmt: the statement.
        schema: the planner's schema tracker before the statement (None: nothing known).

    Returns:
        `Inverse` with `Undo.run(sql)` (and maybe a precheck), or `Undo.impossible(reason)`.
    """
    try:
        return _inverse(stmt, schema or SchemaTracker())
    except _Irreversible as why:
        return Inverse(Undo.impossible(str(why)))
    except Exception:
        log.debug("no inverse for statement %d", stmt.index, exc_info=True)
        return Inverse(Undo.impossible(NOT_KNOWN))


def _inverse(stmt: Statement, schema: SchemaTracker) -> Inverse:
    ast = stmt.ast
    if ast is None:
        raise _Irreversible(NOT_KNOWN)
    if stmt.kind is StatementKind.COMMENT:
        raise _Irreversible(COMMENT)
    if isinstance(ast, exp.Alter):
        kind = (ast.args.get("kind") or "").upper()
        if kind == "TABLE":
            return _alter_table(stmt, ast, schema)
        return _alter_other(ast, kind)
    if isinstance(ast, exp.Grant):
        return Inverse(Undo.run(_revoke_for(stmt)))
    if isinstance(ast, exp.Revoke):
        raise _Irreversible(REVOKE)
    return _create(stmt, ast, schema)


# ----------------------------------------------------------------------------- CREATE
_RELATION_KEYWORDS = {
    StatementKind.CREATE_TABLE: "TABLE", StatementKind.CREATE_TABLE_AS: "TABLE",
    StatementKind.CREATE_VIEW: "VIEW", StatementKind.CREATE_MATERIALIZED_VIEW: "MATERIALIZED VIEW",
    StatementKind.CREATE_SEQUENCE: "SEQUENCE", StatementKind.CREATE_FOREIGN_TABLE: "FOREIGN TABLE",
}
_TYPE_KEYWORDS = {StatementKind.CREATE_TYPE: "TYPE"}
_NAMED_GENERIC = {
    StatementKind.CREATE_ROLE: "ROLE", StatementKind.CREATE_PUBLICATION: "PUBLICATION",
    StatementKind.CREATE_EVENT_TRIGGER: "EVENT TRIGGER",
}


def _create(stmt: Statement, ast: exp.Expr, schema: SchemaTracker) -> Inverse:
    if ast.args.get("replace"):
        raise _Irreversible(OR_REPLACE)
    if_not_exists = bool(ast.args.get("exists"))
    if isinstance(ast, nodes.CreateFunction):
        routine = "PROCEDURE" if (ast.args.get("kind") or "").upper() == "PROCEDURE" else "FUNCTION"
        args = _drop_signature(str(ast.args.get("args_sql") or ""))
        return Inverse(Undo.run(f"DROP {routine} IF EXISTS {_table_name(ast.this).sql}({args})"))
    if isinstance(ast, nodes.CreateDomain):
        return Inverse(Undo.run(f"DROP DOMAIN IF EXISTS {_table_name(ast.this).sql}"))
    if isinstance(ast, nodes.CreatePolicy):
        table = _table_name(ast.args.get("table"))
        return Inverse(Undo.run(f"DROP POLICY IF EXISTS {quote_ident(identifier_name(ast.this))} ON {table.sql}"))
    if isinstance(ast, nodes.CreateRule):
        table = _table_name(ast.args.get("table"))
        return Inverse(Undo.run(f"DROP RULE IF EXISTS {quote_ident(identifier_name(ast.this))} ON {table.sql}"))
    if isinstance(ast, nodes.CreateExtension):
        if ast.args.get("cascade"):
            raise _Irreversible("CREATE EXTENSION … CASCADE also installs the extensions it needs; "
                                "the plan does not know which were missing")
        extension = identifier_name(ast.this)
        precheck = (f"SELECT 1 FROM pg_catalog.pg_extension WHERE extname = {quote_literal(extension)}"
                    if if_not_exists else None)
        return Inverse(Undo.run(f"DROP EXTENSION IF EXISTS {quote_ident(extension)}"), precheck)
    if isinstance(ast, nodes.GenericStatement):
        generic = _NAMED_GENERIC.get(stmt.kind)
        if generic is None or ast.this is None:
            raise _Irreversible(NOT_KNOWN)
        return Inverse(Undo.run(f"DROP {generic} IF EXISTS {quote_ident(identifier_name(ast.this))}"))
    if not isinstance(ast, exp.Create):
        raise _Irreversible(NOT_KNOWN)
    target = ast.this
    if stmt.kind is StatementKind.CREATE_INDEX:
        return _create_index(ast, schema, if_not_exists)
    if stmt.kind is StatementKind.CREATE_SCHEMA:
        schema_name = identifier_name(target.args.get("db")) if isinstance(target, exp.Table) else ""
        if not schema_name:
            raise _Irreversible(NOT_KNOWN)
        if len([t for t in tokenize(stmt.sql) if t.text.upper() == "CREATE"]) > 1:
            raise _Irreversible("CREATE SCHEMA with schema elements: undo each element by hand")
        precheck = (f"SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = {quote_literal(schema_name)}"
                    if if_not_exists else None)
        return Inverse(Undo.run(f"DROP SCHEMA IF EXISTS {quote_ident(schema_name)}"), precheck)
    if stmt.kind is StatementKind.CREATE_TRIGGER:
        props = ast.find(exp.TriggerProperties)
        on = props.args.get("table") if props is not None else None
        if not isinstance(on, exp.Table):
            raise _Irreversible(NOT_KNOWN)
        trigger = quote_ident(identifier_name(target))
        return Inverse(Undo.run(f"DROP TRIGGER IF EXISTS {trigger} ON {QualifiedName.of(on).sql}"))
    keyword = _RELATION_KEYWORDS.get(stmt.kind) or _TYPE_KEYWORDS.get(stmt.kind)
    node = target.this if isinstance(target, exp.Schema) else target
    if keyword is None or not isinstance(node, exp.Table):
        raise _Irreversible(NOT_KNOWN)
    name = QualifiedName.of(node)
    precheck = None
    if if_not_exists:
        if stmt.kind not in _RELATION_KEYWORDS:
            raise _Irreversible(NOT_KNOWN)
        precheck = relation_exists_sql(name)
    return Inverse(Undo.run(f"DROP {keyword} IF EXISTS {name.sql}"), precheck)


def _create_index(ast: exp.Create, schema: SchemaTracker, if_not_exists: bool) -> Inverse:
    index = ast.this
    if not isinstance(index, exp.Index) or not index.this:
        raise _Irreversible("an unnamed index: the server chooses its name")
    table_node = index.args.get("table")
    table = QualifiedName.of(table_node) if isinstance(table_node, exp.Table) else None
    name = QualifiedName(table.schema if table else None, identifier_name(index.this))
    precheck = relation_exists_sql(name) if if_not_exists else None
    info = schema.table(table) if table is not None else None
    if ast.args.get("concurrently") and not (info is not None and info.partitioned):
        return Inverse(Undo.run(f"DROP INDEX CONCURRENTLY IF EXISTS {name.sql}", transactional=False), precheck)
    return Inverse(Undo.run(f"DROP INDEX IF EXISTS {name.sql}"), precheck)


def _drop_signature(args_sql: str) -> str:
    """The argument list for `DROP FUNCTION`: each parameter without its default."""
    tokens = tokenize(args_sql)
    parts = []
    i = 0
    while i < len(tokens):
        last = clause_end(tokens, i)
        stop = find_token(tokens[: last + 1], "DEFAULT", "=", start=i)
        end = last if stop is None else stop - 1
        parts.append(text_between(args_sql, tokens, i, end))
        i = last + 2
    return ", ".join(parts)


def _table_name(node: object) -> QualifiedName:
    if not isinstance(node, exp.Table):
        raise _Irreversible(NOT_KNOWN)
    return QualifiedName.of(node)


# ----------------------------------------------------------------------------- ALTER (not TABLE)
_RENAMABLE = {"INDEX", "VIEW", "MATERIALIZED VIEW", "SEQUENCE", "TYPE", "SCHEMA"}


def _alter_other(ast: exp.Alter, kind: str) -> Inverse:
    actions = ast.args.get("actions") or []
    if len(actions) != 1:
        raise _Irreversible(NOT_KNOWN)
    action = actions[0]
    if isinstance(action, nodes.AlterTypeAddValue):
        raise _Irreversible(ENUM_VALUE)
    target = ast.this
    if not isinstance(target, exp.Table):
        raise _Irreversible(NOT_KNOWN)
    if_exists = " IF EXISTS" if ast.args.get("exists") else ""
    if isinstance(action, nodes.AlterTypeRenameValue) and kind == "TYPE":
        old, new = action.this, action.args.get("to")
        if not (isinstance(old, exp.Literal) and isinstance(new, exp.Literal)):
            raise _Irreversible(NOT_KNOWN)
        return Inverse(Undo.run(
            f"ALTER TYPE {QualifiedName.of(target).sql} RENAME VALUE "
            f"{quote_literal(new.this)} TO {quote_literal(old.this)}"
        ))
    if isinstance(action, exp.AlterRename) and kind in _RENAMABLE and isinstance(action.this, exp.Table):
        new_name = identifier_name(action.this.this)
        if kind == "SCHEMA":
            old = identifier_name(target.args.get("db"))
            return Inverse(Undo.run(f"ALTER SCHEMA {quote_ident(new_name)} RENAME TO {quote_ident(old)}"))
        old_name = QualifiedName.of(target)
        renamed = old_name.sibling(new_name)
        return Inverse(Undo.run(
            f"ALTER {kind}{if_exists} {renamed.sql} RENAME TO {quote_ident(old_name.name)}"
        ))
    raise _Irreversible(NOT_KNOWN)


# ----------------------------------------------------------------------------- ALTER TABLE
def _alter_table(stmt: Statement, ast: exp.Alter, schema: SchemaTracker) -> Inverse:
    target = ast.this
    actions = list(ast.args.get("actions") or [])
    if not isinstance(target, exp.Table) or not actions:
        raise _Irreversible(NOT_KNOWN)
    table = QualifiedName.of(target)
    tokens = tokenize(stmt.sql)
    _, spans = action_spans(tokens)
    if len(spans) != len(actions):
        raise _Irreversible(NOT_KNOWN)
    head = ("ALTER TABLE" + (" IF EXISTS" if ast.args.get("exists") else "")
            + (" ONLY" if ast.args.get("only") else "") + f" {table.sql}")
    single = len(actions) == 1
    if single and isinstance(actions[0], exp.AlterRename):
        new = actions[0].this
        if not isinstance(new, exp.Table):
            raise _Irreversible(NOT_KNOWN)
        if_exists = " IF EXISTS" if ast.args.get("exists") else ""
        renamed = table.sibling(identifier_name(new.this))
        return Inverse(Undo.run(f"ALTER TABLE{if_exists} {renamed.sql} RENAME TO {quote_ident(table.name)}"))
    inverses: list[str] = []
    precheck: str | None = None
    for action, (first, last) in zip(actions, spans):
        text = text_between(stmt.sql, tokens, first, last)
        words = [t.text.upper() for t in tokens[first : last + 1] if t.token_type is not TokenType.STRING]
        undo_action, action_precheck = _action_inverse(
            action, text, words, table, schema, stmt.sql, tokens, first, last, single
        )
        if action_precheck is not None:
            if not single:
                raise _Irreversible(f"{text}: undoable only as a statement of its own")
            precheck = action_precheck
        if undo_action is not None:
            inverses.append(undo_action)
    if not inverses:
        return Inverse(Undo.nothing(), precheck)
    return Inverse(Undo.run(f"{head} " + ", ".join(reversed(inverses))), precheck)


def _action_inverse(
    action: exp.Expression,
    text: str,
    words: list[str],
    table: QualifiedName,
    schema: SchemaTracker,
    sql: str,
    tokens: Sequence[Token],
    first: int,
    last: int,
    single: bool,
) -> tuple[str | None, str | None]:
    """`(inverse action text or None for "nothing to undo", precheck or None)`; a precheck is
    only given for a statement of one action (`single`)."""
    if isinstance(action, exp.ColumnDef):
        column = identifier_name(action.this)
        precheck = column_exists_sql(table, column) if action.args.get("exists") else None
        return f"DROP COLUMN IF EXISTS {quote_ident(column)}", precheck
    if isinstance(action, nodes.ValidateConstraint):
        return None, None
    if isinstance(action, exp.AddConstraint):
        return _add_constraint_inverse(action, table, schema), None
    if isinstance(action, exp.RenameColumn):
        old, new = identifier_name(action.this), identifier_name(action.args.get("to"))
        return f"RENAME COLUMN {quote_ident(new)} TO {quote_ident(old)}", None
    if isinstance(action, nodes.RenameConstraint):
        old, new = identifier_name(action.this), identifier_name(action.args.get("to"))
        return f"RENAME CONSTRAINT {quote_ident(new)} TO {quote_ident(old)}", None
    if isinstance(action, nodes.ToggleTrigger):
        return _toggle_trigger_inverse(action, words, table)
    if isinstance(action, exp.AlterColumn):
        return _alter_column_inverse(action, words, table, schema, sql, tokens, first, last, single)
    raise _Irreversible(f"{text}: {NOT_KNOWN}")


def _add_constraint_inverse(action: exp.AddConstraint, table: QualifiedName, schema: SchemaTracker) -> str:
    if len(action.expressions) != 1 or not isinstance(action.expressions[0], exp.Constraint):
        raise _Irreversible("an unnamed constraint: the server chooses its name")
    constraint = action.expressions[0]
    name = identifier_name(constraint.this)
    inner = constraint.expressions[0] if constraint.expressions else None
    if inner is None or isinstance(inner, nodes.AddConstraintUsingIndex) or constraint.find(nodes.AddConstraintUsingIndex):
        raise _Irreversible("ADD CONSTRAINT … USING INDEX: dropping the constraint would drop the index too")
    drop = f"DROP CONSTRAINT IF EXISTS {quote_ident(name)}"
    if not isinstance(inner, exp.PrimaryKey):
        return drop
    info = schema.table(table)
    columns = [identifier_name(e) for e in inner.expressions]
    if info is None or any(c not in info.columns for c in columns):
        raise _Irreversible("PRIMARY KEY makes its columns NOT NULL; which were NOT NULL before is not known")
    nullable = [c for c in columns if not info.columns[c].not_null]
    # The key first: PostgreSQL refuses DROP NOT NULL on a primary key column.
    return ", ".join([drop, *(f"ALTER COLUMN {quote_ident(c)} DROP NOT NULL" for c in nullable)])


def _toggle_trigger_inverse(
    action: nodes.ToggleTrigger, words: list[str], table: QualifiedName
) -> tuple[str, str | None]:
    if "REPLICA" in words or "ALWAYS" in words:
        raise _Irreversible("ENABLE REPLICA|ALWAYS TRIGGER: the previous firing mode is not known to the plan")
    enable = bool(action.args.get("enable"))
    target = action.this
    state = "'O'" if enable else "'D'"
    verb = "DISABLE" if enable else "ENABLE"
    if isinstance(target, exp.Var) and target.name.upper() in ("ALL", "USER"):
        which = target.name.upper()
        internal = "" if which == "ALL" else " AND NOT t.tgisinternal"
        precheck = (
            "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t "
            f"WHERE t.tgrelid = to_regclass({table.regclass}){internal} AND t.tgenabled <> {state})"
        )
        return f"{verb} TRIGGER {which}", precheck
    name = identifier_name(target)
    return f"{verb} TRIGGER {quote_ident(name)}", f"{trigger_exists_sql(table, name)} AND t.tgenabled = {state}"


_MUTUALLY_COERCIBLE = {"text", "varchar", "character varying"}


def _alter_column_inverse(
    action: exp.AlterColumn,
    words: list[str],
    table: QualifiedName,
    schema: SchemaTracker,
    sql: str,
    tokens: Sequence[Token],
    first: int,
    last: int,
    single: bool,
) -> tuple[str | None, str | None]:
    column = identifier_name(action.this)
    alter = f"ALTER COLUMN {quote_ident(column)}"
    known = schema.column(table, column)
    allow_null = action.args.get("allow_null")
    if allow_null is not None:  # SET NOT NULL (False) / DROP NOT NULL (True)
        inverse = f"{alter} DROP NOT NULL" if allow_null is False else f"{alter} SET NOT NULL"
        if single:  # skipped when it would change nothing: then there is nothing to undo
            if allow_null is True:
                return inverse, column_exists_sql(table, column) + " AND NOT a.attnotnull"
            # 18+: a NOT VALID not-null constraint sets attnotnull, and SET NOT NULL validates it.
            return inverse, column_exists_sql(table, column) + (
                " AND a.attnotnull AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k "
                "WHERE k.conrelid = a.attrelid AND k.contype = 'n' AND NOT k.convalidated "
                "AND a.attnum = ANY (k.conkey))"
            )
        if known is None:
            raise _Irreversible(f"whether {column} was NOT NULL before is not known to the plan")
        return (inverse if known.not_null != (allow_null is False) else None), None
    if action.args.get("dtype") is not None:
        return _type_inverse(alter, words, known, sql, tokens, first, last), None
    if action.args.get("default") is not None or action.args.get("drop"):
        if "DEFAULT" not in words:
            raise _Irreversible(NOT_KNOWN)
        previous = _previous_default(known)
        if previous is None:
            return f"{alter} DROP DEFAULT", None
        return f"{alter} SET DEFAULT {previous}", None
    raise _Irreversible(NOT_KNOWN)


def _previous_default(column: ColumnDef | None) -> str | None:
    if column is None:
        raise _Irreversible("the column's previous default is not known to the plan")
    if column.serial_base_type or column.identity_sql or column.generated_sql:
        raise _Irreversible("the column's previous default (serial, identity or generated) is not known to the plan")
    return column.default_sql


def _type_inverse(
    alter: str, words: list[str], known: ColumnDef | None, sql: str, tokens: Sequence[Token], first: int, last: int
) -> str:
    if "USING" in words:
        raise _Irreversible("ALTER COLUMN … TYPE … USING: the conversion has no known inverse")
    if known is None:
        raise _Irreversible("the column's previous type is not known to the plan")
    start = find_token(tokens[: last + 1], "TYPE", start=first)
    if start is None:
        raise _Irreversible(NOT_KNOWN)
    new_type = text_between(sql, tokens, start + 1, clause_end(tokens, start + 1, ("COLLATE", "USING")))
    old, new = _normal_type(known.type_sql), _normal_type(new_type)
    if old == new or (old in _MUTUALLY_COERCIBLE and new in _MUTUALLY_COERCIBLE):
        return f"{alter} TYPE {known.type_sql}"
    raise _Irreversible(
        f"going back from {new_type} to {known.type_sql} can fail or rewrite the table "
        "(values written meanwhile may not fit)"
    )


def _normal_type(type_sql: str) -> str:
    return re.sub(r"\s+", " ", type_sql.strip().lower().replace("pg_catalog.", ""))


# ----------------------------------------------------------------------------- GRANT
def _revoke_for(stmt: Statement) -> str:
    tokens = [t for t in tokenize(stmt.sql)]
    words = [t.text.upper() if t.token_type is not TokenType.STRING else "" for t in tokens]
    if "IN" in words and "SCHEMA" in words and "ALL" in words:
        raise _Irreversible("GRANT … ON ALL … IN SCHEMA: the REVOKE would also take privileges held before")
    depth = 0
    to_index = None
    for i, tok in enumerate(tokens):
        if tok.token_type is TokenType.L_PAREN:
            depth += 1
        elif tok.token_type is TokenType.R_PAREN:
            depth -= 1
        elif depth == 0 and words[i] == "TO" and i > 1:
            to_index = i
            break
    if to_index is None:
        raise _Irreversible(NOT_KNOWN)
    end = len(tokens) - 1
    for i in range(to_index + 1, len(tokens)):
        if words[i] in ("WITH", "GRANTED") or tokens[i].token_type is TokenType.SEMICOLON:
            end = i - 1
            break
    what = text_between(stmt.sql, tokens, 1, to_index - 1)
    grantees = text_between(stmt.sql, tokens, to_index + 1, end)
    return f"REVOKE {what} FROM {grantees}"
