"""Migration sources: files, directories (natural order) and stdin, and the `Span` type.

`load_sources()` is the only place that reads migration files from disk.
"""

from __future__ import annotations

import configparser
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from migrator.errors import InputError


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
    # Alembic: why the revision could not be rendered offline (then `text` is one marker
    # comment and the parser reports a single `unknown` statement). None when rendered.
    render_error: str | None = None


# --- loading -----------------------------------------------------------------------------

_DIGITS = re.compile(r"(\d+)")
_FLYWAY_NAME = re.compile(
    r"^(?P<prefix>[VUR])(?P<version>\d+(?:[._]\d+)*)?__(?P<description>.*)\.sql$", re.IGNORECASE
)
# Up/down sections inside one file: dbmate (`-- migrate:up`), goose (`-- +goose Up`),
# sql-migrate (`-- +migrate Up`). Only the up sections are linted.
_SECTION_MARKER = re.compile(
    r"^[ \t]*--[ \t]*"
    r"(?:migrate:(?P<dbmate>up|down)\b|\+(?:goose|migrate)[ \t]+(?P<goose>up|down)\b)"
    r"[^\r\n]*",
    re.IGNORECASE | re.MULTILINE,
)
# Opting out of the per-migration transaction those tools wrap around the up section.
_NO_TRANSACTION_MARKER = re.compile(
    r"^[ \t]*--[ \t]*(?:\+goose[ \t]+no[ \t]+transaction\b"
    r"|migrate:up\b[^\r\n]*\btransaction:false\b"
    r"|\+migrate[ \t]+up\b[^\r\n]*\bnotransaction\b)",
    re.IGNORECASE | re.MULTILINE,
)
_STDIN_PATH = "<stdin>"
_SUBDIRECTORY_MIGRATION_FILES = ("migration.sql", "up.sql")  # Prisma; Diesel, Hasura


def natural_key(name: str) -> tuple[tuple[int, str], ...]:
    """Sort key that orders runs of digits by value, as migration tools do.

    >>> sorted(["10_b.sql", "2_a.sql", "1_c.sql"], key=natural_key)
    ['1_c.sql', '2_a.sql', '10_b.sql']
    """
    parts = _DIGITS.split(name)
    key = [
        (1, part.lower()) if index % 2 == 0 else (0, f"{int(part):040d}")
        for index, part in enumerate(parts)
        if part
    ]
    return (*key, (2, name))


def migration_order_key(name: str) -> tuple[int, tuple[int, ...], tuple[tuple[int, str], ...]]:
    """Sort key for a migration file name.

    Flyway names sort by their version (`V1__a.sql` < `V1_1__b.sql` < `V1.2__c.sql` <
    `V2__d.sql`; `_` and `.` both separate version parts), repeatable `R__` files after all
    versioned ones; every other name in natural order (`2_x.sql` before `10_x.sql`, golang-migrate
    `000002_x.up.sql`, dbmate/goose timestamps).
    """
    flyway = _FLYWAY_NAME.match(name)
    if flyway and flyway["prefix"].upper() == "V" and flyway["version"]:
        version = tuple(int(part) for part in re.split(r"[._]", flyway["version"]))
        return (0, version, natural_key(flyway["description"]))
    if flyway and flyway["prefix"].upper() == "R" and not flyway["version"]:
        return (2, (), natural_key(flyway["description"]))
    return (1, (), natural_key(name))


def is_down_migration(name: str) -> bool:
    """Reverting migrations that are not linted: `*.down.sql` (golang-migrate), `down.sql`
    (Diesel, Hasura), Flyway undo files `U<version>__*.sql`."""
    lowered = name.lower()
    if lowered.endswith(".down.sql") or lowered == "down.sql":
        return True
    flyway = _FLYWAY_NAME.match(name)
    # Flyway's prefixes are case-sensitive: a file `u1__x.sql` is not skipped
    return bool(flyway and flyway["prefix"] == "U" and flyway["version"])


def blank_down_sections(text: str) -> str:
    """Replace the down sections of an up/down file with spaces (line breaks kept), so that
    offsets, lines and columns of the up sections stay exact. Text without markers is returned
    unchanged."""
    markers = list(_SECTION_MARKER.finditer(text))
    if not markers:
        return text
    pieces: list[str] = []
    position = 0
    blanking = False
    for marker in markers:
        direction = (marker["dbmate"] or marker["goose"]).lower()
        segment = text[position : marker.start()]
        pieces.append(_blank(segment) if blanking else segment)
        pieces.append(
            _blank(marker.group()) if blanking and direction == "down" else marker.group()
        )
        blanking = direction == "down"
        position = marker.end()
    tail = text[position:]
    pieces.append(_blank(tail) if blanking else tail)
    return "".join(pieces)


def runner_wraps_in_transaction(text: str) -> bool | None:
    """Whether the migration tool that owns this file runs it inside a transaction, as far as
    the file's own markers tell: dbmate (`-- migrate:up`), goose (`-- +goose Up`) and sql-migrate
    (`-- +migrate Up`) wrap each migration in one unless the file opts out
    (`transaction:false`, `-- +goose NO TRANSACTION`, `notransaction`). None when the file
    carries no such markers (the `assume_in_transaction` setting decides).

    >>> runner_wraps_in_transaction("-- +goose Up\\nSELECT 1;")
    True
    >>> runner_wraps_in_transaction("-- migrate:up transaction:false\\nSELECT 1;")
    False
    """
    if _NO_TRANSACTION_MARKER.search(text):
        return False
    if _SECTION_MARKER.search(text):
        return True
    return None


def _blank(text: str) -> str:
    return re.sub(r"[^\r\n]", " ", text)


def decode_migration(data: bytes, path: str) -> str:
    """Decode UTF-8 (a leading byte-order mark is dropped).

    Raises:
        InputError: the bytes are not UTF-8, with the line of the first bad byte.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        span = Span(path, 0, 0, line, col, line, col)
        raise InputError(f"not UTF-8 text (byte 0x{data[error.start]:02x})", span) from None


def _read_bytes(path: Path, display: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{display}: no such file or directory") from None
    except PermissionError:
        raise InputError(f"{display}: permission denied") from None
    except OSError as error:
        raise InputError(f"{display}: cannot read: {error.strerror or error}") from None


def _sql_source(path: Path, display: str) -> Source:
    text = decode_migration(_read_bytes(path, display), display)
    return Source(path=display, text=text, kind=SourceKind.SQL)


def _alembic_revision_source(path: Path, display: str) -> Source:
    from migrator.alembic.render import (
        RevisionNotRenderable,
        not_renderable_source,
        render_revision,
    )

    try:
        return render_revision(display)
    except RevisionNotRenderable as error:
        original = decode_migration(_read_bytes(path, display), display)
        return not_renderable_source(error, original)


def _sqitch_plan_changes(plan: Path, display: str) -> list[str]:
    """Change names of a `sqitch.plan`, in deploy order (pragmas, tags, comments skipped)."""
    text = decode_migration(_read_bytes(plan, display), display)
    changes: list[str] = []
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line or line.startswith(("%", "#", "@")):
            continue
        name = re.split(r"[\s\[]", line, maxsplit=1)[0]
        if name:
            changes.append(name)
    return changes


def _sqitch_sources(top: Path, display_top: str) -> tuple[Source, ...]:
    plan = top / "sqitch.plan"
    changes = _sqitch_plan_changes(plan, os.path.join(display_top, "sqitch.plan"))
    sources: list[Source] = []
    for change in changes:
        file = top / "deploy" / f"{change}.sql"
        if file.is_file():
            sources.append(_sql_source(file, os.path.join(display_top, "deploy", f"{change}.sql")))
    return tuple(sources)


def _directory_sources(directory: Path, display: str) -> tuple[Source, ...]:
    from migrator.alembic.revisions import find_revision_files, is_script_directory

    if is_script_directory(directory):
        from migrator.alembic.render import render_script_directory

        return render_script_directory(display)
    if (directory / "sqitch.plan").is_file():
        return _require(_sqitch_sources(directory, display), display)
    if directory.name == "deploy" and (directory.parent / "sqitch.plan").is_file():
        return _require(_sqitch_sources(directory.parent, os.path.dirname(display) or "."), display)
    try:
        entries = sorted(directory.iterdir(), key=lambda p: migration_order_key(p.name))
    except PermissionError:
        raise InputError(f"{display}: permission denied") from None
    except OSError as error:
        raise InputError(f"{display}: cannot list: {error.strerror or error}") from None
    visible = [entry for entry in entries if not entry.name.startswith(".")]
    sql_files = [
        entry
        for entry in visible
        if entry.name.lower().endswith(".sql")
        and entry.is_file()
        and not is_down_migration(entry.name)
    ]
    if sql_files:
        return tuple(_sql_source(f, os.path.join(display, f.name)) for f in sql_files)
    nested = [_subdirectory_migration(entry) for entry in visible if entry.is_dir()]
    if found := [file for file in nested if file is not None]:
        return tuple(
            _sql_source(file, os.path.join(display, file.parent.name, file.name)) for file in found
        )
    if (directory / "alembic.ini").is_file():
        from migrator.alembic.render import render_script_directory

        ini_display = os.path.join(display, "alembic.ini")
        return render_script_directory(
            alembic_script_location(directory / "alembic.ini", ini_display)
        )
    if any(entry.suffix == ".py" for entry in visible) and find_revision_files(directory):
        from migrator.alembic.render import render_script_directory

        return render_script_directory(display)
    raise InputError(
        f"{display}: no migration files found (expected .sql files or Alembic revisions)"
    )


def _subdirectory_migration(directory: Path) -> Path | None:
    """`migration.sql` (Prisma) or `up.sql` (Diesel, Hasura) inside a per-migration directory."""
    for name in _SUBDIRECTORY_MIGRATION_FILES:
        if (directory / name).is_file():
            return directory / name
    return None


def alembic_script_location(ini_path: Path, display: str) -> Path:
    """The script directory named by an `alembic.ini` (`script_location`, `%(here)s` expanded;
    a relative location is taken from the ini file's directory, where `alembic` is run).

    Raises:
        InputError: the file cannot be read or has no `[alembic] script_location`.
    """
    here = os.path.dirname(display) or "."
    parser = configparser.ConfigParser(defaults={"here": here})
    try:
        parser.read_string(decode_migration(_read_bytes(ini_path, display), display), display)
        location = parser.get("alembic", "script_location")
        uses_here = "%(here)s" in parser.get("alembic", "script_location", raw=True)
    except (configparser.Error, ValueError) as error:
        raise InputError(f"{display}: no [alembic] script_location: {error}") from None
    if ":" in location and not os.path.exists(location) and not uses_here:
        raise InputError(f"{display}: package script locations ({location}) are not supported")
    path = Path(location)
    if path.is_absolute() or uses_here:
        return path
    return Path(here) / path


def _require(sources: tuple[Source, ...], display: str) -> tuple[Source, ...]:
    if not sources:
        raise InputError(f"{display}: no migration files found")
    return sources


def _stdin_source(stdin_text: str | None) -> Source:
    if stdin_text is None:
        buffer = getattr(sys.stdin, "buffer", None)  # absent when stdin is replaced by a StringIO
        data = buffer.read() if buffer is not None else sys.stdin.read().encode()
        stdin_text = decode_migration(data, _STDIN_PATH)
    text = stdin_text.removeprefix("\ufeff")
    return Source(path=_STDIN_PATH, text=text, kind=SourceKind.SQL)


def load_sources(paths: Sequence[str], stdin_text: str | None = None) -> tuple[Source, ...]:
    """Read migrations from files, directories and stdin, in the order given.

    >>> [s.path for s in load_sources(["-"], stdin_text="SELECT 1;")]
    ['<stdin>']

    A directory contributes its own migration files (not recursively) in migration order
    (`migration_order_key`): `.sql` files without down migrations (`*.down.sql`, Flyway `U…`),
    or `*/migration.sql` (Prisma) and `*/up.sql` (Diesel, Hasura) one level down, or a Sqitch
    project's `deploy/` scripts in `sqitch.plan` order. An Alembic script directory (`env.py`
    and `versions/`), a directory of revision files, or a `.py` revision file is rendered offline
    (`migrator.alembic.render`) in `down_revision` order; so is the script directory an
    `alembic.ini` names (given as a file, or found in a directory without `.sql` files). `-`
    reads stdin. `Source.text` is always the exact file text; the splitter skips the down
    sections of files that have up and down sections (dbmate, goose, sql-migrate).

    Args:
        paths: files, directories or `-`.
        stdin_text: the text of stdin when the caller has already read it.

    Returns:
        The sources in order. Texts are decoded UTF-8 without a byte-order mark.

    Raises:
        InputError: a path is missing or unreadable, a file is not UTF-8 (with its line), a
            directory holds no migrations, or an Alembic revision file is not valid Python.
    """
    sources: list[Source] = []
    for raw in paths:
        if raw == "-":
            sources.append(_stdin_source(stdin_text))
            continue
        path = Path(raw)
        if path.is_dir():
            sources.extend(_directory_sources(path, raw))
        elif not path.exists():
            raise InputError(f"{raw}: no such file or directory")
        elif path.suffix == ".py":
            sources.append(_alembic_revision_source(path, raw))
        elif path.suffix == ".ini":
            from migrator.alembic.render import render_script_directory

            sources.extend(render_script_directory(alembic_script_location(path, raw)))
        else:
            sources.append(_sql_source(path, raw))
    return tuple(sources)

