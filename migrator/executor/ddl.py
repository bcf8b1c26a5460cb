"""Recognise the few statement heads the executor must check in the catalog before running.

The executor skips statements that would do nothing but still take a lock (`ADD COLUMN IF NOT
EXISTS` on an existing column), makes concurrent index builds re-runnable (finds the index the
build names), and checks the gates of `contract` (which constraints a plan adds NOT VALID, which
indexes it builds). It needs only the object names at the head of a statement, so it reads a
small token stream (quoted identifiers kept exact, unquoted ones folded to lower case as
PostgreSQL does) instead of a full parse. Anything it does not recognise is `None`: the statement
simply runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""\s+|--[^\n]*|/\*.*?\*/|'(?:[^']|'')*'|"(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_$]*|\d+|.""",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Name:
    """A possibly schema-qualified object name, as PostgreSQL resolves it (case already folded)."""

    name: str
    schema: str | None = None

    def quoted(self) -> str:
        """Text `to_regclass()` accepts: each part double-quoted."""
        parts = ([self.schema] if self.schema else []) + [self.name]
        return ".".join('"' + p.replace('"', '""') + '"' for p in parts)

    def __str__(self) -> str:
        return f"{self.schema}.{self.name}" if self.schema else self.name


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # identifier as resolved (folded or unquoted), or the symbol
    word: str | None  # upper-cased keyword when the token is an unquoted word, else None
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class CreateIndex:
    index: str
    table: Name
    concurrently: bool
    if_not_exists: bool
    unique: bool


@dataclass(frozen=True, slots=True)
class DropIndex:
    indexes: tuple[Name, ...]
    concurrently: bool
    if_exists: bool


@dataclass(frozen=True, slots=True)
class Reindex:
    target_kind: str  # INDEX | TABLE
    target: Name
    concurrently: bool


@dataclass(frozen=True, slots=True)
class AddColumnIfNotExists:
    table: Name
    column: str


@dataclass(frozen=True, slots=True)
class AddConstraint:
    table: Name
    constraint: str
    not_valid: bool


@dataclass(frozen=True, slots=True)
class ValidateConstraint:
    table: Name
    constraint: str


Recognised = CreateIndex | DropIndex | Reindex | AddColumnIfNotExists | AddConstraint | ValidateConstraint


def tokenize(text: str) -> list[Token]:
    """Tokens of `text` without whitespace and comments; string literals become `'`."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        piece = match.group(0)
        if piece.isspace() or piece.startswith(("--", "/*")):
            continue
        if piece.startswith('"'):
            tokens.append(Token(piece[1:-1].replace('""', '"'), None, quoted=True))
        elif piece.startswith("'"):
            tokens.append(Token("'", None))
        elif piece[0].isalpha() or piece[0] == "_":
            tokens.append(Token(piece.lower(), piece.upper()))
        else:
            tokens.append(Token(piece, None))
    return tokens


class _Reader:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self, *words: str) -> bool:
        ahead = self.tokens[self.pos : self.pos + len(words)]
        return len(ahead) == len(words) and all(t.word == w for t, w in zip(ahead, words))

    def accept(self, *words: str) -> bool:
        if self.peek(*words):
            self.pos += len(words)
            return True
        return False

    def identifier(self) -> str | None:
        if self.pos >= len(self.tokens):
            return None
        token = self.tokens[self.pos]
        if token.word is None and not token.quoted:
            return None
        self.pos += 1
        return token.text

    def name(self) -> Name | None:
        first = self.identifier()
        if first is None:
            return None
        if self.pos < len(self.tokens) and self.tokens[self.pos].text == ".":
            self.pos += 1
            second = self.identifier()
            return None if second is None else Name(second, first)
        return Name(first)

    def rest(self) -> list[Token]:
        return self.tokens[self.pos :]


def _statements(tokens: list[Token]) -> list[list[Token]]:
    out: list[list[Token]] = [[]]
    for token in tokens:
        if token.text == ";" and not token.quoted:
            out.append([])
        else:
            out[-1].append(token)
    return [s for s in out if s]


def _top_level_commas(tokens: list[Token]) -> int:
    depth = 0
    commas = 0
    for token in tokens:
        if token.quoted or token.word is not None:
            continue
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif token.text == "," and depth == 0:
            commas += 1
    return commas


def _ends_not_valid(tokens: list[Token]) -> bool:
    return len(tokens) >= 2 and tokens[-2].word == "NOT" and tokens[-1].word == "VALID"


def recognise(sql_text: str) -> Recognised | None:
    """The recognised form of a single-statement `sql_text`, or None."""
    statements = _statements(tokenize(sql_text))
    if len(statements) != 1:
        return None
    r = _Reader(statements[0])
    if r.accept("CREATE"):
        return _create_index(r)
    if r.accept("DROP", "INDEX"):
        return _drop_index(r)
    if r.accept("REINDEX"):
        return _reindex(r)
    if r.accept("ALTER", "TABLE"):
        return _alter_table(r)
    return None


def _create_index(r: _Reader) -> CreateIndex | None:
    unique = r.accept("UNIQUE")
    if not r.accept("INDEX"):
        return None
    concurrently = r.accept("CONCURRENTLY")
    if_not_exists = r.accept("IF", "NOT", "EXISTS")
    if r.peek("ON"):
        return None  # unnamed index: PostgreSQL picks the name, nothing to check
    index = r.identifier()
    if index is None or not r.accept("ON"):
        return None
    r.accept("ONLY")
    table = r.name()
    if table is None:
        return None
    return CreateIndex(index, table, concurrently, if_not_exists, unique)


def _drop_index(r: _Reader) -> DropIndex | None:
    concurrently = r.accept("CONCURRENTLY")
    if_exists = r.accept("IF", "EXISTS")
    names: list[Name] = []
    while True:
        name = r.name()
        if name is None:
            return None
        names.append(name)
        rest = r.rest()
        if rest and rest[0].text == ",":
            r.pos += 1
            continue
        break
    if r.rest() and not (r.peek("CASCADE") or r.peek("RESTRICT")):
        return None
    return DropIndex(tuple(names), concurrently, if_exists)


def _reindex(r: _Reader) -> Reindex | None:
    if r.rest() and r.rest()[0].text == "(":
        depth = 0
        while r.pos < len(r.tokens):
            text = r.tokens[r.pos].text
            depth += text == "("
            depth -= text == ")"
            r.pos += 1
            if depth == 0:
                break
    kind = "INDEX" if r.accept("INDEX") else "TABLE" if r.accept("TABLE") else None
    if kind is None:
        return None
    concurrently = r.accept("CONCURRENTLY")
    target = r.name()
    if target is None or r.rest():
        return None
    return Reindex(kind, target, concurrently)


def _alter_table(r: _Reader) -> Recognised | None:
    r.accept("IF", "EXISTS")
    r.accept("ONLY")
    table = r.name()
    if table is None:
        return None
    actions = r.rest()
    if _top_level_commas(actions) > 0:
        return None  # several actions: run them all
    if r.accept("VALIDATE", "CONSTRAINT"):
        name = r.identifier()
        return None if name is None or r.rest() else ValidateConstraint(table, name)
    if r.accept("ADD", "CONSTRAINT"):
        name = r.identifier()
        return None if name is None else AddConstraint(table, name, _ends_not_valid(actions))
    if r.accept("ADD"):
        r.accept("COLUMN")
        if not r.accept("IF", "NOT", "EXISTS"):
            return None
        column = r.identifier()
        return None if column is None else AddColumnIfNotExists(table, column)
    return None
