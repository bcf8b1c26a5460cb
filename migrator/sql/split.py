r"""Split a migration source into statements with exact spans and transaction state.

The splitter follows psql's own lexer (`src/fe_utils/psqlscan.l`): a `;` ends a statement
only outside string literals (`'…'`, `E'…'` with backslash escapes), quoted identifiers,
dollar-quoted bodies (`$$…$$`, `$tag$…$tag$`; `$1` is a parameter), comments (`--`, nested
`/* */`), parentheses, and the `BEGIN … END` body of a `CREATE [OR REPLACE] FUNCTION|PROCEDURE …
BEGIN ATOMIC` (SQL-standard bodies, PostgreSQL 14+). psql meta-commands (a `\` outside quotes,
to the end of the line: `\set`, `\connect`, …) are skipped; `\g` and its variants end the
statement like a `;`, and so does `\;` (psql would send both parts in one query string).

`COPY … FROM STDIN` (and psql's `\copy … from stdin`) is followed by data rows, from the next
line up to a line `\.` (pg_dump's plain format, seed files): psql sends them as data, so they
are no statements, and whatever they hold (`;`, quotes, `$$`, `--`) does not matter. A missing
`\.` makes the rest of the file data, as in psql; the statement then carries a note.
psql variables (`:name`, `:'name'`, `:"name"`) and tool placeholders (`${name}`: Flyway,
Liquibase) outside quotes are noted on their statement: they are replaced before the server sees
the text, which PostgreSQL itself rejects.

Each statement knows whether it runs inside a transaction block: an explicit `BEGIN` /
`START TRANSACTION` opens one, `COMMIT` / `END` / `ROLLBACK` / `ABORT` / `PREPARE TRANSACTION`
closes it (`… AND CHAIN` keeps it open; `ROLLBACK TO SAVEPOINT` and `COMMIT PREPARED` do not
touch it). `assume_in_transaction` models a runner that wraps the whole file in a transaction.
"""

from __future__ import annotations

import ast
import bisect
import io
import re
import tokenize
from dataclasses import dataclass, field

from migrator.sql.source import Source, Span, blank_down_sections

__all__ = ["RawStatement", "psql_variable_note", "split_source", "split_sql"]


@dataclass(frozen=True, slots=True)
class RawStatement:
    """One statement as written in the source, before parsing.

    Attributes:
        text: the exact source text, without the terminating `;` and without leading or
            trailing whitespace and comments (comments inside the statement are kept).
        span: where `text` sits: `source.text[span.start:span.end] == text`. Lines and columns
            are 1-based, columns count characters; `end_line`/`end_col` is the position just
            after the last character. For an Alembic source the line is the line of the `op.*`
            call in the revision file (col 1), while the offsets stay in the rendered SQL.
        in_transaction: runs inside a transaction block: an explicit `BEGIN … COMMIT` or the
            one a runner wraps around the file (`assume_in_transaction`). It is the state
            *before* the statement runs, so `BEGIN` itself is outside (unless assumed) and
            `COMMIT` inside.
        explicit_transaction: inside a `BEGIN … COMMIT` block written in the source.
        comments: `(line, text)` of each comment that precedes the statement (since the end of
            the previous one) or sits on its lines, including a trailing comment after its `;`.
            `text` is the whole comment with its markers (`-- …`, `/* … */`); for Alembic
            sources, the Python `# …` comments around the `op.*` call, with Python file lines.
        data_lines: for `COPY … FROM STDIN`, the `(first, last)` lines (1-based, inclusive) of
            its inline data block, the closing `\\.` line included (to the end of the file when
            it is missing); None for other statements or when no line follows the statement.
        notes: what the splitter found that the text alone does not say: a COPY data block
            without its `\\.` line, psql variables or tool placeholders in the statement.
    """

    text: str
    span: Span
    in_transaction: bool
    explicit_transaction: bool
    comments: tuple[tuple[int, str], ...] = ()
    data_lines: tuple[int, int] | None = None
    notes: tuple[str, ...] = ()


# --- lexer -------------------------------------------------------------------------------

_IDENT_START = r"A-Za-z_\u0080-\U0010ffff"
_IDENT_CONT = r"A-Za-z0-9_$\u0080-\U0010ffff"
_WHITESPACE = re.compile(r"[ \t\n\r\f\v\ufeff]+")
_WORD = re.compile(rf"[{_IDENT_START}][{_IDENT_CONT}]*")
_NUMBER = re.compile(r"[0-9][0-9A-Za-z_.]*")
_DOLLAR_OPEN = re.compile(rf"\$(?:[{_IDENT_START}][A-Za-z0-9_\u0080-\U0010ffff]*)?\$")
_PARAMETER = re.compile(r"\$[0-9]+")
_STRING_BODY = re.compile(r"(?:[^']|'')*'")
_ESCAPE_STRING_BODY = re.compile(r"(?:[^'\\]|\\.|'')*'", re.DOTALL)
_QUOTED_IDENT_BODY = re.compile(r'(?:[^"]|"")*"')
_LINE_COMMENT = re.compile(r"--[^\r\n]*")
_META_COMMAND = re.compile(r"\\;|\\[^\r\n]*")  # `\;` alone; others run to the end of the line
_BLOCK_COMMENT_MARK = re.compile(r"/\*|\*/")
_OPERATOR_RUN = re.compile(r"[+*<>=~!@#%^&|`?,.{}]+")  # `:`, `[`, `]` have branches
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_META_ENDS_STATEMENT = re.compile(r"\\(?:g|gx|gset|gexec|gdesc)(?![A-Za-z])|\\;")
_META_COPY_FROM_STDIN = re.compile(r"\\copy\b[^\r\n]*?\bfrom\s+stdin\b", re.IGNORECASE)
_COPY_DATA_END = re.compile(r"(?<![^\r\n])\\\.(?=[\r\n]|\Z)")  # a line that is exactly `\.`
# psqlscan.l: `:{variable_char}+`, `:'…'`, `:"…"`, `:{?…}` (`::` is a cast)
_TOOL_PLACEHOLDER = re.compile(r"\$\{[^}\r\n]*\}")  # Flyway/Liquibase `${name}`
_PSQL_VARIABLE_CHARS = r"A-Za-z0-9_\u0080-\U0010ffff"
_PSQL_VARIABLE = re.compile(
    rf":(?:'[{_PSQL_VARIABLE_CHARS}]+'|\"[{_PSQL_VARIABLE_CHARS}]+\"|\{{\?[{_PSQL_VARIABLE_CHARS}]+\}}"
    rf"|[{_PSQL_VARIABLE_CHARS}]+)"
)

_CREATE_ROUTINE_MARKS = {
    "create": "c",
    "function": "f",
    "procedure": "p",
    "or": "o",
    "replace": "r",
}


@dataclass(slots=True)
class _Pending:
    """The statement being scanned."""

    start: int | None = None
    last_end: int = 0
    words: list[str] = field(default_factory=list)  # first words, lower case
    marks: list[str] = field(default_factory=list)  # psql's CREATE [OR REPLACE] FUNCTION marks
    paren_depth: int = 0
    begin_depth: int = 0
    bracket_depth: int = 0
    copy_state: int = 0  # 1: COPY …, 2: … FROM, 3: … FROM STDIN (data rows follow)
    variables: list[str] = field(default_factory=list)  # psql variables, as written

    def note_significant(self, start: int, end: int) -> None:
        if self.start is None:
            self.start = start
        self.last_end = end

    def note_word(self, word: str) -> None:
        lowered = word.lower()
        if self.copy_state:
            self._note_copy_word(lowered)
        if len(self.words) < 4:
            if not self.words and lowered == "copy":
                self.copy_state = 1
            self.words.append(lowered)
            self.marks.append(_CREATE_ROUTINE_MARKS.get(lowered, ""))
        if not self._is_create_routine() or self.paren_depth != 0:
            return
        if lowered == "begin" or (lowered == "case" and self.begin_depth >= 1):
            self.begin_depth += 1  # CASE also ends with END, inside a BEGIN ATOMIC body
        elif lowered == "end" and self.begin_depth > 0:
            self.begin_depth -= 1

    def _note_copy_word(self, lowered: str) -> None:
        """Follow `COPY … FROM STDIN` outside parentheses (not a column list or a query)."""
        if self.copy_state == 3 or self.paren_depth != 0:
            return
        if lowered == "from":
            self.copy_state = 2
        elif self.copy_state == 2:
            self.copy_state = 3 if lowered == "stdin" else 1

    def _is_create_routine(self) -> bool:
        """psql's heuristic: the statement starts CREATE [OR REPLACE] FUNCTION|PROCEDURE."""
        marks = [*self.marks, "", "", "", ""]
        if marks[0] != "c":
            return False
        if marks[1] in ("f", "p"):
            return True
        return marks[1] == "o" and marks[2] == "r" and marks[3] in ("f", "p")


@dataclass(frozen=True, slots=True)
class _Scanned:
    start: int
    end: int
    boundary: int  # offset just after the terminator (or `end` when there is none)
    words: tuple[str, ...]
    variables: tuple[str, ...] = ()
    data: tuple[int, int, bool] | None = None  # COPY data (start, end offsets, `\.` found)


@dataclass(frozen=True, slots=True)
class _Comment:
    offset: int
    text: str


def _scan(text: str) -> tuple[list[_Scanned], list[_Comment]]:
    """Cut `text` into statements and collect its comments."""
    statements: list[_Scanned] = []
    comments: list[_Comment] = []
    pending = _Pending()
    length = len(text)
    pos = 0
    copy_data_from: int | None = None  # start of a COPY data block still to skip
    copy_owner: int | None = None  # index of its COPY statement (None for `\copy`)

    def finish(boundary: int) -> None:
        nonlocal pending, copy_data_from, copy_owner
        if pending.start is not None:
            statements.append(
                _Scanned(
                    pending.start,
                    pending.last_end,
                    boundary,
                    tuple(pending.words),
                    tuple(pending.variables),
                )
            )
            if pending.copy_state == 3:
                copy_data_from, copy_owner = _next_line_start(text, boundary), len(statements) - 1
        pending = _Pending()

    def skip_copy_data() -> int:
        """Attach the data block at `copy_data_from` to its COPY; the offset after it."""
        nonlocal copy_data_from, copy_owner
        assert copy_data_from is not None
        terminator = _COPY_DATA_END.search(text, copy_data_from)
        data_end = terminator.end() if terminator else length
        if copy_owner is not None:
            owner = statements[copy_owner]
            data = (copy_data_from, data_end, terminator is not None)
            statements[copy_owner] = _Scanned(
                owner.start, owner.end, owner.boundary, owner.words, owner.variables, data
            )
        copy_data_from = copy_owner = None
        return data_end

    while pos < length:
        char = text[pos]
        if match := _WHITESPACE.match(text, pos):
            pos = match.end()
            if copy_data_from is not None and pos >= copy_data_from:
                pos = skip_copy_data()
            continue
        if char == ";":
            if pending.paren_depth == 0 and pending.begin_depth == 0:
                finish(pos + 1)
            else:
                pending.note_significant(pos, pos + 1)
            pos += 1
            continue
        if text.startswith("--", pos):
            match = _LINE_COMMENT.match(text, pos)
            assert match is not None
            comments.append(_Comment(pos, match.group()))
            pos = match.end()
            continue
        if text.startswith("/*", pos):
            end = _block_comment_end(text, pos)
            comments.append(_Comment(pos, text[pos:end]))
            pos = end
            continue
        if char == "'":
            end = _string_end(text, pos + 1, _STRING_BODY)
            pending.note_significant(pos, end)
            pos = end
            continue
        if char == '"':
            end = _string_end(text, pos + 1, _QUOTED_IDENT_BODY)
            pending.note_significant(pos, end)
            pos = end
            continue
        if char == "$":
            if match := _DOLLAR_OPEN.match(text, pos):
                close = text.find(match.group(), match.end())
                end = length if close < 0 else close + len(match.group())
            elif placeholder := _TOOL_PLACEHOLDER.match(text, pos):
                end = placeholder.end()
                if placeholder.group() not in pending.variables:
                    pending.variables.append(placeholder.group())
            else:
                match = _PARAMETER.match(text, pos)
                end = match.end() if match else pos + 1
            pending.note_significant(pos, end)
            pos = end
            continue
        if match := _WORD.match(text, pos):
            end = match.end()
            word = match.group()
            if word in ("E", "e") and text.startswith("'", end):
                end = _string_end(text, end + 1, _ESCAPE_STRING_BODY)
            else:
                pending.note_word(word)
            pending.note_significant(pos, end)
            pos = end
            continue
        if char == ":":
            end = pos + 2 if text.startswith("::", pos) else pos + 1  # `::` is a cast
            if end == pos + 1 and (variable := _PSQL_VARIABLE.match(text, pos)):
                written = variable.group()
                # `a[1:n]` is an array slice (psql would substitute only a variable it knows)
                if (written[1] in "'\"{" or pending.bracket_depth == 0) and (
                    written not in pending.variables
                ):
                    pending.variables.append(written)
            pending.note_significant(pos, end)
            pos = end
            continue
        if char == "(":
            pending.paren_depth += 1
        elif char == ")":
            pending.paren_depth = max(0, pending.paren_depth - 1)
        elif char == "[":
            pending.bracket_depth += 1
        elif char == "]":
            pending.bracket_depth = max(0, pending.bracket_depth - 1)
        elif char == "\\":
            match = _META_COMMAND.match(text, pos)
            assert match is not None
            meta = match.group()
            if _META_ENDS_STATEMENT.match(meta.rstrip()):
                finish(match.end())
            elif _META_COPY_FROM_STDIN.match(meta):
                copy_data_from, copy_owner = _next_line_start(text, match.end()), None
            pos = match.end()
            continue
        if match := (_NUMBER.match(text, pos) or _OPERATOR_RUN.match(text, pos)):
            end = match.end()
        else:
            end = pos + 1
        pending.note_significant(pos, end)
        pos = end
    finish(length)
    if copy_data_from is not None:
        skip_copy_data()  # COPY … FROM stdin at the very end: no data, no `\.`
    return statements, comments


def _next_line_start(text: str, offset: int) -> int:
    """Offset of the start of the line after the one holding `offset` (end of text if none)."""
    line_break = _LINE_BREAK.search(text, offset)
    return line_break.end() if line_break else len(text)


def _block_comment_end(text: str, start: int) -> int:
    """End offset of the (nested) block comment opening at `start`; end of text if unclosed."""
    depth = 0
    for mark in _BLOCK_COMMENT_MARK.finditer(text, start):
        depth += 1 if mark.group() == "/*" else -1
        if depth == 0:
            return mark.end()
    return len(text)


def _string_end(text: str, body_start: int, body: re.Pattern[str]) -> int:
    """End offset of a quoted token whose body starts at `body_start`; end of text if open."""
    match = body.match(text, body_start)
    return match.end() if match else len(text)


# --- positions ---------------------------------------------------------------------------


class _Lines:
    """Maps offsets to 1-based (line, column); `\\r\\n`, `\\r` and `\\n` end lines."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        self._bom = text.startswith("\ufeff")

    def line_col(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self._starts, offset) - 1
        col = offset - self._starts[index] + 1
        if index == 0 and self._bom and offset > 0:
            col -= 1  # the byte-order mark is not a visible column
        return index + 1, col

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)


# --- transaction state -------------------------------------------------------------------


def _transaction_effect(words: tuple[str, ...]) -> bool | None:
    """True if the statement opens a transaction block, False if it closes one, else None."""
    if not words:
        return None
    first, rest = words[0], words[1:]
    if first == "begin":
        return True
    if first == "start":
        return rest[:1] == ("transaction",)
    if first in ("commit", "end", "rollback", "abort"):
        if rest[:1] in (("prepared",), ("to",)):
            return None  # COMMIT/ROLLBACK PREPARED, ROLLBACK TO SAVEPOINT
        if first == "rollback" and rest[1:2] == ("to",):
            return None  # ROLLBACK WORK TO SAVEPOINT
        if "chain" in rest and "no" not in rest:
            return None  # … AND CHAIN: a new transaction starts at once
        return False
    if first == "prepare" and rest[:1] == ("transaction",):
        return False
    return None


# --- alembic positions -------------------------------------------------------------------


class _RevisionLines:
    """Maps rendered-SQL offsets of an Alembic source to revision-file lines and comments."""

    def __init__(self, source: Source) -> None:
        python_text = source.original_text or ""
        self._chunks = source.chunk_lines
        self._chunk_starts = [chunk[0] for chunk in source.chunk_lines]
        self._lines = python_text.splitlines()
        self._comments = _python_comments(python_text)
        self._statement_ends = _python_statement_end_lines(python_text) if self._comments else {}
        self._consumed_through: int | None = None  # last Python line whose comments are taken

    def line(self, offset: int) -> int:
        """Python line of the rendered chunk holding `offset` (the nearest earlier one, else
        the first chunk's)."""
        index = bisect.bisect_right(self._chunk_starts, offset) - 1
        return self._chunks[max(index, 0)][2]

    def end_col(self, line: int) -> int:
        return len(self._lines[line - 1]) + 1 if line <= len(self._lines) else 1

    def comments(self, line: int) -> tuple[tuple[int, str], ...]:
        """`#` comments since the previous `op.*` statement and on this one's lines. The first
        statement (the BEGIN at `def upgrade`) takes no comments from above it."""
        end = self._statement_ends.get(line, line)
        after = line - 1 if self._consumed_through is None else self._consumed_through
        if self._consumed_through is None or line > self._consumed_through:
            self._consumed_through = end
        return tuple((n, t) for n, t in self._comments if after < n <= end or n == line)


def _python_comments(python_text: str) -> list[tuple[int, str]]:
    """`(line, text)` of every `#` comment in a Python file (those before a tokenize error)."""
    found: list[tuple[int, str]] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(python_text).readline):
            if token.type == tokenize.COMMENT:
                found.append((token.start[0], token.string))
    except (tokenize.TokenError, SyntaxError):
        return found
    return found


def _python_statement_end_lines(python_text: str) -> dict[int, int]:
    """For each line where a simple Python statement starts, the line where it ends (for a
    `with` statement its header line: the ops in its body have lines of their own)."""
    try:
        tree = ast.parse(python_text)
    except (SyntaxError, ValueError):
        return {}
    ends: dict[int, int] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.stmt) or isinstance(node, ast.FunctionDef | ast.ClassDef):
            continue
        end = node.lineno if isinstance(node, ast.With | ast.AsyncWith) else node.end_lineno
        ends[node.lineno] = max(ends.get(node.lineno, 0), end or node.lineno)
    return ends


# --- public API --------------------------------------------------------------------------


def split_source(source: Source, assume_in_transaction: bool = False) -> tuple[RawStatement, ...]:
    """Split a source into statements.

    Args:
        source: the migration; for Alembic sources `chunk_lines` maps rendered SQL back to the
            `op.*` lines of the revision file.
        assume_in_transaction: the runner wraps the whole file in one transaction.

    Returns:
        The statements in source order; empty statements (`;;`), comment-only text and the
        down sections of up/down files (`-- migrate:down`, `-- +goose Down`, `-- +migrate Down`)
        are skipped. Never raises on any input text.
    """
    if source.render_error is not None:
        return (_render_error_statement(source, assume_in_transaction),)
    # Down sections (dbmate, goose, sql-migrate) become spaces: offsets and lines stay exact and
    # the up statements slice identically from `source.text`.
    text = blank_down_sections(source.text)
    scanned, comments = _scan(text)
    lines = _Lines(text)
    comment_lines = [(c.offset, lines.line(c.offset), c.text) for c in comments]
    comment_offsets = [c.offset for c in comments]
    revision = _RevisionLines(source) if source.chunk_lines else None

    result: list[RawStatement] = []
    open_block = assume_in_transaction
    explicit = False
    previous_boundary = 0
    previous_end_line = 0
    for item in scanned:
        line, col = lines.line_col(item.start)
        end_line, end_col = lines.line_col(item.end)
        own = _statement_comments(
            comment_lines,
            comment_offsets,
            previous_boundary,
            item.boundary,
            previous_end_line,
            line,
            end_line,
        )
        if revision is not None:
            python_line = revision.line(item.start)
            # comments inside op.execute() SQL report the op's line
            own = (*revision.comments(python_line), *((python_line, t) for _, t in own))
            line, col, end_line, end_col = (
                python_line,
                1,
                python_line,
                revision.end_col(python_line),
            )
        span = Span(source.path, item.start, item.end, line, col, end_line, end_col)
        data_lines, notes = _data_and_notes(item, lines, len(text))
        result.append(
            RawStatement(
                text=source.text[item.start : item.end],
                span=span,
                in_transaction=open_block,
                explicit_transaction=explicit,
                comments=own,
                data_lines=data_lines,
                notes=notes,
            )
        )
        effect = _transaction_effect(item.words)
        if effect is not None:
            open_block = effect
            explicit = effect
        previous_boundary = item.boundary
        previous_end_line = lines.line(item.end)
    return tuple(result)


def _data_and_notes(
    item: _Scanned, lines: _Lines, length: int
) -> tuple[tuple[int, int] | None, tuple[str, ...]]:
    """The COPY data block's lines and the notes of a scanned statement."""
    notes = tuple(psql_variable_note(variable) for variable in item.variables)
    if item.data is None:
        return None, notes
    data_start, data_end, terminated = item.data
    data_lines = None
    if data_start < length:
        data_lines = (lines.line(data_start), lines.line(max(data_start, data_end - 1)))
    if terminated:
        return data_lines, notes
    where = f" (lines {data_lines[0]}-{data_lines[1]})" if data_lines else ""
    missing = (
        "COPY … FROM STDIN: no line `\\.` ends its inline data, so the rest of the file"
        f"{where} is data, as psql reads it; statements there are not analysed"
    )
    return data_lines, (missing, *notes)


def psql_variable_note(variable: str) -> str:
    """The note for a psql variable reference (`:name`, `:'name'`, `:"name"`) in a statement,
    or for a migration tool's placeholder (`${name}`: Flyway, Liquibase).

    >>> psql_variable_note(":'v'")[:30]
    "psql variable :'v' is replaced"
    """
    if variable.startswith("$"):
        return (
            f"placeholder {variable} is replaced by the migration tool (Flyway, Liquibase) before "
            "PostgreSQL sees the statement; the analysis does not know its value"
        )
    return (
        f"psql variable {variable} is replaced by psql (-v, \\set) before PostgreSQL sees the "
        "statement (PostgreSQL itself rejects it); the analysis does not know its value"
    )


def _render_error_statement(source: Source, assume_in_transaction: bool) -> RawStatement:
    """An Alembic revision that could not be rendered: one statement, the marker comment, at
    the line where rendering failed (the parser makes it `unknown`)."""
    line = source.chunk_lines[0][2] if source.chunk_lines else 1
    span = Span(source.path, 0, len(source.text), line, 1, line, 1)
    return RawStatement(
        text=source.text,
        span=span,
        in_transaction=assume_in_transaction,
        explicit_transaction=False,
        comments=(),
    )


def _statement_comments(
    comments: list[tuple[int, int, str]],
    offsets: list[int],
    previous_boundary: int,
    boundary: int,
    previous_end_line: int,
    line: int,
    end_line: int,
) -> tuple[tuple[int, str], ...]:
    """Comments since the previous statement (not trailing it) or on this statement's lines."""
    first = bisect.bisect_left(offsets, previous_boundary)
    before: list[tuple[int, str]] = []
    back = first - 1
    while back >= 0 and comments[back][1] >= line:
        before.append((comments[back][1], comments[back][2]))  # `a; /* c */ b;` on one line
        back -= 1
    own = before[::-1]
    for offset, comment_line, comment_text in comments[first:]:
        if offset < boundary:
            if comment_line == previous_end_line and comment_line < line:
                continue  # trails the previous statement
            own.append((comment_line, comment_text))
            continue
        if comment_line > end_line:
            break
        own.append((comment_line, comment_text))  # trailing comment after the `;`
    return tuple(own)


def split_sql(text: str, path: str = "<string>") -> tuple[RawStatement, ...]:
    """Split SQL text (convenience for tests and callers without a `Source`).

    >>> [s.text for s in split_sql("SELECT 1; SELECT ';'")]
    ['SELECT 1', "SELECT ';'"]
    """
    return split_source(Source(path=path, text=text))
