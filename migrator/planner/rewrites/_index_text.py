"""Token positions inside a `CREATE [UNIQUE] INDEX` statement, for editing its exact text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlglot.tokenizer_core import Token, TokenType

from migrator.planner.sqltext import find_token, tokenize


@dataclass(frozen=True, slots=True)
class IndexTextParts:
    """Token indexes: the INDEX keyword, CONCURRENTLY / IF NOT EXISTS (if written), the name
    (first, last; None when unnamed), ON, ONLY (if written), the table (first, last)."""

    tokens: tuple[Token, ...]
    index_kw: int
    concurrently: int | None
    if_not_exists: int | None
    name: tuple[int, int] | None
    on_kw: int
    only_kw: int | None
    table: tuple[int, int]


def index_text_parts(sql: str) -> IndexTextParts | None:
    tokens = tuple(tokenize(sql))
    index_kw = find_token(tokens, "INDEX")
    on_kw = find_token(tokens, "ON", start=(index_kw or 0))
    if index_kw is None or on_kw is None:
        return None
    i = index_kw + 1
    concurrently = None
    if_not_exists = None
    if i < on_kw and tokens[i].text.upper() == "CONCURRENTLY":
        concurrently = i
        i += 1
    if i + 2 < on_kw and tokens[i].text.upper() == "IF" and tokens[i + 1].text.upper() == "NOT":
        if_not_exists = i
        i += 3
    name = (i, on_kw - 1) if i < on_kw else None
    j = on_kw + 1
    only_kw = None
    if j < len(tokens) and tokens[j].text.upper() == "ONLY":
        only_kw = j
        j += 1
    table_first = j
    table_last = j
    while table_last + 2 < len(tokens) and tokens[table_last + 1].token_type is TokenType.DOT:
        table_last += 2
    return IndexTextParts(tokens, index_kw, concurrently, if_not_exists, name, on_kw, only_kw,
                          (table_first, table_last))


def column_label(columns: Sequence[str | None]) -> str:
    """PostgreSQL's index name middle part: column names, `expr` for expressions, joined by _."""
    return "_".join(c if c else "expr" for c in columns)
