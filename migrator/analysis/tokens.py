"""A small PostgreSQL tokenizer for reading the shape of one statement's exact source text.

The analysis reads statement details (actions, names, types, defaults) from the tokens of the
statement's own text, so it never regenerates SQL and reads the same way whether the parser
structured the statement or left part of it opaque.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class TokKind(StrEnum):
    WORD = "word"
    QIDENT = "qident"
    STRING = "string"
    NUMBER = "number"
    OP = "op"
    PARAM = "param"


@dataclass(frozen=True, slots=True)
class Tok:
    """One token. `up` is the upper-cased text for words (keyword matching) and the exact text
    otherwise; `name` is the identifier value (lower-cased unless quoted)."""

    kind: TokKind
    text: str
    up: str

    @property
    def is_ident(self) -> bool:
        return self.kind in (TokKind.WORD, TokKind.QIDENT)

    @property
    def name(self) -> str:
        if self.kind is TokKind.QIDENT:
            return self.text[1:-1].replace('""', '"')
        return self.text.lower()


_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<lc>--[^\n]*)
  | (?P<dollar>\$(?P<tag>[A-Za-z_][A-Za-z_0-9]*)?\$)
  | (?P<param>\$\d+)
  | (?P<estring>[eE]'(?:[^'\\]|\\.|'')*'?)
  | (?P<string>'(?:[^']|'')*'?)
  | (?P<qident>"(?:[^"]|"")*"?)
  | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<word>[A-Za-z_\u0080-\uffff][A-Za-z_0-9$\u0080-\uffff]*)
  | (?P<op>::|<=|>=|<>|!=|\|\||[-+*/<>=~!@#%^&|`?(),;.\[\]:{}])
    """,
    re.VERBOSE,
)


def tokenize(text: str) -> tuple[Tok, ...]:
    """Tokenize SQL text; comments and whitespace are dropped, dollar-quoted bodies become one
    STRING token. Never raises: an unterminated construct runs to the end of the text."""
    toks: list[Tok] = []
    pos = 0
    n = len(text)
    while pos < n:
        if text.startswith("/*", pos):
            pos = _skip_block_comment(text, pos)
            continue
        m = _TOKEN_RE.match(text, pos)
        if m is None:
            toks.append(Tok(TokKind.OP, text[pos], text[pos]))
            pos += 1
            continue
        kind = m.lastgroup
        if kind == "tag":
            kind = "dollar"
        value = m.group(0)
        if kind == "dollar":
            end = text.find(value, m.end())
            stop = n if end < 0 else end + len(value)
            body = text[pos:stop]
            toks.append(Tok(TokKind.STRING, body, body))
            pos = stop
            continue
        pos = m.end()
        if kind in ("ws", "lc"):
            continue
        if kind == "word":
            toks.append(Tok(TokKind.WORD, value, value.upper()))
        elif kind in ("string", "estring"):
            toks.append(Tok(TokKind.STRING, value, value))
        elif kind == "qident":
            toks.append(Tok(TokKind.QIDENT, value, value))
        elif kind == "number":
            toks.append(Tok(TokKind.NUMBER, value, value))
        elif kind == "param":
            toks.append(Tok(TokKind.PARAM, value, value))
        else:
            toks.append(Tok(TokKind.OP, value, value))
    return tuple(toks)


def _skip_block_comment(text: str, pos: int) -> int:
    depth = 0
    n = len(text)
    while pos < n:
        if text.startswith("/*", pos):
            depth += 1
            pos += 2
        elif text.startswith("*/", pos):
            depth -= 1
            pos += 2
            if depth == 0:
                return pos
        else:
            pos += 1
    return n


class Cursor:
    """A read position over a token tuple, with keyword helpers. Never raises on running out."""

    __slots__ = ("toks", "i")

    def __init__(self, toks: tuple[Tok, ...] | list[Tok], i: int = 0) -> None:
        self.toks = tuple(toks)
        self.i = i

    @property
    def done(self) -> bool:
        return self.i >= len(self.toks)

    def peek(self, k: int = 0) -> Tok | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def peek_up(self, k: int = 0) -> str:
        t = self.peek(k)
        return t.up if t is not None and t.kind is TokKind.WORD else ("" if t is None else t.text)

    def at(self, *words: str) -> bool:
        """True when the next tokens are exactly these keywords/ops (case-insensitive)."""
        for k, w in enumerate(words):
            if self.peek_up(k) != w:
                return False
        return True

    def accept(self, *words: str) -> bool:
        if self.at(*words):
            self.i += len(words)
            return True
        return False

    def next(self) -> Tok | None:
        t = self.peek()
        if t is not None:
            self.i += 1
        return t

    def rest(self) -> tuple[Tok, ...]:
        return self.toks[self.i :]

    def qualified_name(self) -> tuple[str, ...] | None:
        """Read `a`, `a.b` or `a.b.c`; None when the next token is not an identifier."""
        t = self.peek()
        if t is None or not t.is_ident:
            return None
        parts = [t.name]
        self.i += 1
        while self.peek_up() == "." and (nt := self.peek(1)) is not None and nt.is_ident:
            parts.append(nt.name)
            self.i += 2
        return tuple(parts)

    def skip_parens(self) -> tuple[Tok, ...]:
        """If at `(`, skip to the matching `)` and return the tokens inside."""
        if self.peek_up() != "(":
            return ()
        depth = 0
        start = self.i
        while not self.done:
            t = self.toks[self.i]
            self.i += 1
            if t.kind is TokKind.OP:
                if t.text == "(":
                    depth += 1
                elif t.text == ")":
                    depth -= 1
                    if depth == 0:
                        return self.toks[start + 1 : self.i - 1]
        return self.toks[start + 1 :]


def split_top_level(toks: tuple[Tok, ...], sep: str = ",") -> list[tuple[Tok, ...]]:
    """Split tokens at `sep` outside parentheses/brackets."""
    parts: list[tuple[Tok, ...]] = []
    depth = 0
    start = 0
    for j, t in enumerate(toks):
        if t.kind is not TokKind.OP:
            continue
        if t.text in "([":
            depth += 1
        elif t.text in ")]":
            depth -= 1
        elif t.text == sep and depth == 0:
            parts.append(toks[start:j])
            start = j + 1
    parts.append(toks[start:])
    return [p for p in parts if p]


def has_top_level_word(toks: tuple[Tok, ...], word: str) -> bool:
    depth = 0
    for t in toks:
        if t.kind is TokKind.OP and t.text in "([":
            depth += 1
        elif t.kind is TokKind.OP and t.text in ")]":
            depth -= 1
        elif depth == 0 and t.kind is TokKind.WORD and t.up == word:
            return True
    return False
