"""Reading and editing a statement's exact source text by token position, and quoting names.

The planner never regenerates a user's statement through sqlglot's generator: it inserts and
replaces text at token positions, and slices user expressions (defaults, USING expressions,
CHECK bodies, WHERE clauses) out of the source as they were written. Names the planner emits are
always quoted here.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlglot import exp
from sqlglot.dialects.postgres import Postgres
from sqlglot.tokenizer_core import Token, TokenType

MAX_IDENTIFIER_BYTES = 63  # NAMEDATALEN - 1

_OPEN = {TokenType.L_PAREN, TokenType.L_BRACKET}
_CLOSE = {TokenType.R_PAREN, TokenType.R_BRACKET}


def quote_ident(name: str) -> str:
    """`name` as a quoted PostgreSQL identifier (`"a""b"` for `a"b`)."""
    return str(exp.to_identifier(name, quoted=True).sql(dialect=Postgres))


def quote_literal(text: str) -> str:
    """`text` as a standard-conforming SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def identifier_name(node: exp.Expression | str | None) -> str:
    """The name PostgreSQL gives an identifier: unquoted names fold to lower case."""
    if node is None:
        return ""
    if isinstance(node, str):
        return node
    if isinstance(node, exp.Identifier):
        text = str(node.this)
        return text if node.quoted else text.lower()
    if isinstance(node, (exp.Column, exp.Table)):
        return identifier_name(node.this)
    return node.name.lower()


@dataclass(frozen=True, slots=True, order=True)
class QualifiedName:
    """A relation name as written (schema optional). `key` is the analysis' qualified form."""

    schema: str | None
    name: str

    @classmethod
    def of(cls, table: exp.Table) -> QualifiedName:
        schema = identifier_name(table.args.get("db")) or None
        return cls(schema, identifier_name(table.this))

    @classmethod
    def parse(cls, dotted: str) -> QualifiedName:
        schema, _, name = dotted.rpartition(".")
        return cls(schema or None, name)

    @property
    def key(self) -> str:
        return f"{self.schema or 'public'}.{self.name}"

    @property
    def sql(self) -> str:
        if self.schema is None:
            return quote_ident(self.name)
        return f"{quote_ident(self.schema)}.{quote_ident(self.name)}"

    def sibling(self, name: str) -> QualifiedName:
        """Another relation in the same schema (indexes live in their table's schema)."""
        return QualifiedName(self.schema, name)

    @property
    def regclass(self) -> str:
        """A literal for `to_regclass(...)`."""
        return quote_literal(self.sql)

    def __str__(self) -> str:
        return self.key


def _tokenizer_dialect() -> type[Postgres]:
    """Our dialect when present (it tokenizes REINDEX, VACUUM, CLUSTER as words, where plain
    sqlglot swallows the rest of the statement as one command string)."""
    try:
        from migrator.sql.dialect import MigratorPostgres
    except ImportError:  # pragma: no cover
        return Postgres
    return MigratorPostgres


def tokenize(sql: str) -> list[Token]:
    """sqlglot tokens of `sql` with their character offsets (`start`, inclusive `end`).

    sqlglot merges some keyword pairs into one token (`PRIMARY KEY`, `FOREIGN KEY`, `ORDER BY`);
    they are split back into one token per word so that positions and word matching are simple.
    """
    out: list[Token] = []
    for tok in _tokenizer_dialect()().tokenize(sql):
        if tok.token_type in (TokenType.STRING, TokenType.IDENTIFIER, TokenType.HEREDOC_STRING) or " " not in tok.text.strip():
            out.append(tok)
            continue
        source = sql[tok.start : tok.end + 1]
        for match in re.finditer(r"\S+", source):
            start = tok.start + match.start()
            out.append(Token(TokenType.VAR, match.group(), tok.line, tok.col, start, start + len(match.group()) - 1))
    return out


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace `sql[start:end]` with `text` (insert when start == end)."""

    start: int
    end: int
    text: str


def apply_edits(sql: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits to `sql`."""
    out = sql
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        out = out[: edit.start] + edit.text + out[edit.end :]
    return out


def find_token(tokens: Sequence[Token], *words: str, start: int = 0) -> int | None:
    """Index of the first token at/after `start` whose upper-cased text is one of `words`."""
    wanted = {w.upper() for w in words}
    for i in range(start, len(tokens)):
        if tokens[i].text.upper() in wanted and tokens[i].token_type is not TokenType.STRING:
            return i
    return None


def find_sequence(tokens: Sequence[Token], words: Sequence[str], start: int = 0) -> int | None:
    """Index of the first token starting the consecutive word sequence `words`."""
    upper = [w.upper() for w in words]
    for i in range(start, len(tokens) - len(upper) + 1):
        if all(
            tokens[i + k].text.upper() == w and tokens[i + k].token_type is not TokenType.STRING
            for k, w in enumerate(upper)
        ):
            return i
    return None


def matching_paren(tokens: Sequence[Token], open_index: int) -> int:
    """Index of the token closing the parenthesis opened at `open_index`."""
    depth = 0
    for i in range(open_index, len(tokens)):
        if tokens[i].token_type in _OPEN:
            depth += 1
        elif tokens[i].token_type in _CLOSE:
            depth -= 1
            if depth == 0:
                return i
    return len(tokens) - 1


def clause_end(
    tokens: Sequence[Token], first: int, stop_words: Iterable[str] = (), *, comma: bool = True
) -> int:
    """Index of the last token of a clause starting at `first`: up to (not including) a
    top-level comma (if `comma`), a top-level token in `stop_words`, an unbalanced closing
    parenthesis, or the end."""
    stops = {w.upper() for w in stop_words}
    depth = 0
    last = first - 1
    for i in range(first, len(tokens)):
        tok = tokens[i]
        if depth == 0:
            if tok.token_type is TokenType.SEMICOLON:
                break
            if i > first and comma and tok.token_type is TokenType.COMMA:
                break
            if i > first and tok.token_type is not TokenType.STRING and tok.text.upper() in stops:
                break
        if tok.token_type in _OPEN:
            depth += 1
        elif tok.token_type in _CLOSE:
            if depth == 0:
                break
            depth -= 1
        last = i
    return last


def text_between(sql: str, tokens: Sequence[Token], first: int, last: int) -> str:
    """The exact source text from token `first` to token `last` (inclusive)."""
    if last < first:
        return ""
    return sql[tokens[first].start : tokens[last].end + 1]


def shorten(name: str, limit: int = MAX_IDENTIFIER_BYTES) -> str:
    """`name` cut to PostgreSQL's identifier limit, with a short hash when cut (stable)."""
    if len(name.encode()) <= limit:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    head = name.encode()[: limit - 9].decode(errors="ignore")
    return f"{head}_{digest}"


def helper_name(kind: str, *parts: str) -> str:
    """Name of a helper object the plan creates and removes (`_mig_<kind>_<parts>`)."""
    return shorten("_".join(("_mig", kind, *parts)))


def pg_object_name(name1: str, name2: str | None, label: str) -> str:
    """PostgreSQL's `makeObjectName`: `name1_name2_label`, truncating the longer of name1 and
    name2 until it fits 63 bytes (src/backend/commands/indexcmds.c)."""
    n1 = name1
    n2 = name2 or ""
    overhead = len(label.encode()) + 1 + (1 if name2 else 0)
    avail = MAX_IDENTIFIER_BYTES - overhead
    while len(n1.encode()) + len(n2.encode()) > avail:
        if len(n1.encode()) > len(n2.encode()):
            n1 = n1.encode()[:-1].decode(errors="ignore")
        else:
            n2 = n2.encode()[:-1].decode(errors="ignore")
    return "_".join(p for p in (n1, n2 if name2 else None, label) if p is not None)


def replace_column_refs(expr_sql: str, columns: set[str], replacement: dict[str, str]) -> str:
    """Rewrite unqualified references to `columns` in an expression's exact text.

    `replacement[col]` is the text to put in place of each reference. Function names and type
    names are not column references (sqlglot tells them apart); the rest of the text is kept.
    """
    try:
        tree: exp.Expr = exp.maybe_parse(expr_sql, dialect=Postgres)
    except Exception:  # noqa: BLE001 - an expression we cannot read is left unchanged
        return expr_sql
    edits: list[Edit] = []
    for column in tree.find_all(exp.Column):
        if column.table:
            continue
        ident = column.this
        if not isinstance(ident, exp.Identifier):
            continue
        name = identifier_name(ident)
        meta = ident.meta
        if name not in columns or "start" not in meta:
            continue
        edits.append(Edit(meta["start"], meta["end"] + 1, replacement[name]))
    return apply_edits(expr_sql, edits)


def strip_trailing_semicolon(sql: str) -> str:
    text = sql.rstrip()
    while text.endswith(";"):
        text = text[:-1].rstrip()
    return text


def action_spans(tokens: Sequence[Token]) -> tuple[int, list[tuple[int, int]]]:
    """`(last token of the head, [(first, last) token of each action])` of `ALTER TABLE …`."""
    i = 2  # after ALTER TABLE
    while i < len(tokens) and tokens[i].text.upper() in ("IF", "EXISTS", "ONLY"):
        i += 1
    i += 1  # the name
    while i + 1 < len(tokens) and tokens[i].token_type is TokenType.DOT:
        i += 2
    if i < len(tokens) and tokens[i].text == "*":
        i += 1
    head_last = i - 1
    spans = []
    while i < len(tokens) and tokens[i].token_type is not TokenType.SEMICOLON:
        last = clause_end(tokens, i)
        spans.append((i, last))
        i = last + 2
    return head_last, spans
