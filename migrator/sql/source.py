"""Migration sources: files, directories (natural order) and stdin, and the `Span` type.

`load_sources()` is the only place that reads migration files from disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SourceKind(StrEnum):
    SQL = "sql"
    ALEMBIC = "alembic"


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a source file. Offsets are 0-based character offsets into `Source.text`
    (end exclusive); lines and columns are 1-based, as editors and CI systems show them."""

    path: str
    start: int
    end: int
    line: int
    col: int
    end_line: int
    end_col: int


@dataclass(frozen=True, slots=True)
class Source:
    """One migration: its display path, its full text and what kind of file it is.

    For an Alembic revision `text` is the rendered SQL and `original_text` the Python file; the
    spans of its statements point into the Python file (the line of the `op.*` call).
    """

    path: str
    text: str
    kind: SourceKind = SourceKind.SQL
    original_text: str | None = None
    # Alembic: (start offset, end offset into `text`, 1-based line in the Python file) for each
    # rendered chunk; statements inside a chunk report that line. Empty for plain SQL.
    chunk_lines: tuple[tuple[int, int, int], ...] = ()
