"""Render Alembic revisions' `upgrade()` to SQL offline, keeping each chunk's `op.*` line.

Each revision runs under an offline `MigrationContext` (`as_sql=True`, PostgreSQL dialect,
`transactional_ddl=True`, literal binds) inside `begin_transaction()`, as Alembic's runner does:
the SQL is wrapped in `BEGIN;` … `COMMIT;` and `autocommit_block()` renders as `COMMIT;` …
`BEGIN;`, so the splitter sees which statements run outside the transaction. The output buffer
walks the call stack on every write to find the line of the revision file that produced it.

What happens with a broken or online-only revision (decided here, tested in
`tests/unit/alembic/test_render.py`):

- unreadable file, not UTF-8, not valid Python, no `upgrade()` function: `InputError` (exit 2);
  the file is not a revision Alembic could run either.
- the module fails to import (e.g. it imports application code that is not on the path), or
  `upgrade()` raises, or it reads query results / inspects the database through `op.get_bind()`:
  `RevisionNotRenderable(path, line, reason)`. `not_renderable_source()` turns it into a `Source`
  with `render_error` set, which the parser reports as one `unknown` statement at that line.

Rendering imports and runs the revision's Python code, exactly as `alembic upgrade --sql` does.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import io
import os
import sys
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, ModuleType, TracebackType
from typing import Any

from migrator.alembic.revisions import find_revision_files, order_revisions, versions_directory
from migrator.errors import InputError
from migrator.sql.source import Source, SourceKind, Span

__all__ = [
    "RevisionNotRenderable",
    "not_renderable_source",
    "render_revision",
    "render_script_directory",
]

NOT_RENDERABLE_MARKER = "-- migrator: revision cannot be rendered offline: "


class RevisionNotRenderable(Exception):
    """A revision whose `upgrade()` cannot be turned into SQL without a database.

    Not an `InputError`: the revision may well be correct; it is reported as `unknown`.
    """

    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: revision cannot be rendered offline: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


def not_renderable_source(error: RevisionNotRenderable, original_text: str | None = None) -> Source:
    """A `Source` standing for a revision that could not be rendered.

    Its text is one marker comment; `render_error` holds the reason and `chunk_lines` maps the
    marker to the line where rendering failed.
    """
    text = f"{NOT_RENDERABLE_MARKER}{error.reason}"
    return Source(
        path=error.path,
        text=text,
        kind=SourceKind.ALEMBIC,
        original_text=original_text,
        chunk_lines=((0, len(text), error.line),),
        render_error=error.reason,
    )


@dataclass(frozen=True, slots=True)
class _Chunk:
    text: str
    line: int | None


class _LineTrackingBuffer(io.StringIO):
    """Output buffer that records, for each write, the revision-file line that caused it."""

    def __init__(self, revision_filename: str) -> None:
        super().__init__()
        self._revision_filename = revision_filename
        self.chunks: list[_Chunk] = []

    def write(self, text: str, /) -> int:
        line = _revision_line(sys._getframe(1), self._revision_filename)
        self.chunks.append(_Chunk(text, line))
        return super().write(text)


class _UnavailableResult:
    """What `op.get_bind().execute()` returns offline: any use of it means a query result."""

    def __init__(self, bind: _OfflineBind, line: int, statement: str) -> None:
        self._bind = bind
        self._line = line
        self._statement = statement

    def _fail(self) -> RevisionNotRenderable:
        return self._bind.record_failure(
            self._line, f"uses the result of a query run through op.get_bind(): {self._statement}"
        )

    def __getattr__(self, name: str) -> Any:
        raise self._fail()

    def __iter__(self) -> Iterator[Any]:
        raise self._fail()

    def __bool__(self) -> bool:
        raise self._fail()

    def __len__(self) -> int:
        raise self._fail()

    def __getitem__(self, key: object) -> Any:
        raise self._fail()


class _OfflineBind:
    """Stands in for `op.get_bind()`: statements it executes are rendered like `op.execute()`
    (with their parameters as literals); reading their results is not possible offline and
    stops the rendering, even when the revision catches the exception."""

    def __init__(self, mock_connection: Any, path: str, revision_filename: str) -> None:
        from sqlalchemy.engine import make_url

        self._mock = mock_connection
        self._path = path
        self._revision_filename = revision_filename
        self.failure: RevisionNotRenderable | None = None
        # Revisions that branch on the backend read the URL (`str(bind.engine.url)`,
        # `bind.engine.url.drivername`, `op.get_context().bind.url`): offline it names the
        # dialect we render for, with no host, user or database.
        self.url = make_url("postgresql://")

    @property
    def engine(self) -> _OfflineBind:
        """`op.get_bind().engine`: the bind itself (url, dialect, name, execute)."""
        return self

    def record_failure(self, line: int, reason: str) -> RevisionNotRenderable:
        error = RevisionNotRenderable(self._path, line, reason)
        if self.failure is None:
            self.failure = error
        return error

    def execute(self, statement: Any, parameters: Any = None, **kwargs: Any) -> _UnavailableResult:
        line = _revision_line(sys._getframe(1), self._revision_filename) or 1
        for bound in _with_parameters(statement, parameters):
            self._mock.execute(bound, **kwargs)
        return _UnavailableResult(self, line, _short(str(statement)))

    def exec_driver_sql(self, statement: str, *args: Any, **kwargs: Any) -> _UnavailableResult:
        return self.execute(statement, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._mock, name)


def _with_parameters(statement: Any, parameters: Any) -> list[Any]:
    """`statement` with its execute() parameters bound, one per parameter set (executemany)."""
    from sqlalchemy import text
    from sqlalchemy.sql.elements import TextClause

    if isinstance(statement, str):
        statement = text(statement)
    if not parameters:
        return [statement]
    parameter_sets = [parameters] if isinstance(parameters, Mapping) else list(parameters)
    if isinstance(statement, TextClause):
        return [statement.bindparams(**dict(one)) for one in parameter_sets]
    return [
        statement.values(**dict(one)) if hasattr(statement, "values") else statement
        for one in parameter_sets
    ]


def _revision_line(frame: FrameType | None, revision_filename: str) -> int | None:
    """Line of the innermost frame running the revision file, if any."""
    while frame is not None:
        if frame.f_code.co_filename == revision_filename:
            return frame.f_lineno
        frame = frame.f_back
    return None


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _read_python(path: Path, display: str) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{display}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{display}: is a directory, expected an Alembic revision file") from None
    except OSError as error:
        raise InputError(f"{display}: cannot read: {error.strerror or error}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError("not UTF-8 text", Span(display, 0, 0, line, 1, line, 1)) from None


def _upgrade_line(tree: ast.Module, display: str) -> int:
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "upgrade":
            return node.lineno
    raise InputError(f"{display}: not an Alembic revision: no upgrade() function")


def _failure_line(traceback: TracebackType | None, revision_filename: str, default: int) -> int:
    line = default
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == revision_filename:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


@contextlib.contextmanager
def _import_paths(paths: tuple[str, ...]) -> Iterator[None]:
    """Put the project's directories first on `sys.path` while a revision is imported (as
    Alembic's `prepend_sys_path = .` does), without writing bytecode; restore both afterwards."""
    saved = list(sys.path)
    saved_dont_write_bytecode = sys.dont_write_bytecode
    sys.path[:0] = [p for p in paths if p not in sys.path]
    sys.dont_write_bytecode = True  # linting leaves no __pycache__ in the user's tree
    try:
        yield
    finally:
        sys.path[:] = saved
        sys.dont_write_bytecode = saved_dont_write_bytecode


def render_revision(path: str | os.PathLike[str], import_roots: tuple[str, ...] = ()) -> Source:
    """Render one revision file's `upgrade()` to PostgreSQL SQL.

    >>> source = render_revision("examples/alembic/versions/0001_add_email.py")  # doctest: +SKIP
    >>> source.text.splitlines()[0]  # doctest: +SKIP
    'BEGIN;'

    Args:
        path: the revision file (displayed as given).
        import_roots: directories to put on `sys.path` while importing it (besides the current
            directory and the script directory's parent).

    Returns:
        A `Source` of kind `ALEMBIC`: `text` is the rendered SQL, `original_text` the Python
        file, `chunk_lines` maps each rendered chunk to the line of its `op.*` call.

    Raises:
        InputError: unreadable, not UTF-8, not valid Python, or no `upgrade()` function.
        RevisionNotRenderable: the revision cannot be rendered without a database.
    """
    display = os.fspath(path)
    file_path = Path(display)
    python_text = _read_python(file_path, display)
    try:
        tree = ast.parse(python_text, filename=display)
    except SyntaxError as error:
        line = error.lineno or 1
        raise InputError(
            f"not valid Python: {error.msg}", Span(display, 0, 0, line, error.offset or 1, line, 1)
        ) from None
    upgrade_line = _upgrade_line(tree, display)
    revision_filename = str(file_path.resolve())
    script_parent = str(file_path.resolve().parent.parent.parent)
    with _import_paths((*import_roots, os.getcwd(), script_parent)):
        module = _load_module(revision_filename, display)
        chunks = _run_upgrade(module, revision_filename, display, upgrade_line)
    return _assemble(display, python_text, chunks, upgrade_line)


def _load_module(revision_filename: str, display: str) -> ModuleType:
    name = f"_migrator_revision_{uuid.uuid4().hex}"
    spec = importlib.util.spec_from_file_location(name, revision_filename)
    if spec is None or spec.loader is None:
        raise InputError(f"{display}: cannot load as a Python module")
    module = importlib.util.module_from_spec(spec)
    try:
        with contextlib.redirect_stdout(sys.stderr):
            spec.loader.exec_module(module)
    except (Exception, SystemExit) as error:  # noqa: BLE001  (the revision's top-level code)
        line = _failure_line(error.__traceback__, revision_filename, 1)
        raise RevisionNotRenderable(
            display, line, f"importing the revision failed: {type(error).__name__}: {error}"
        ) from None
    if not callable(getattr(module, "upgrade", None)):
        raise InputError(f"{display}: not an Alembic revision: no upgrade() function")
    return module


def _run_upgrade(
    module: ModuleType, revision_filename: str, display: str, upgrade_line: int
) -> list[_Chunk]:
    """Run `upgrade()` under an offline environment, as `alembic upgrade --sql` does: the
    `EnvironmentContext` makes `from alembic import context` work (`is_offline_mode()`,
    `get_x_argument()`), the `MigrationContext` writes SQL to the line-tracking buffer."""
    from alembic.config import Config
    from alembic.operations import Operations
    from alembic.runtime.environment import EnvironmentContext

    buffer = _LineTrackingBuffer(revision_filename)
    environment = EnvironmentContext(Config(), None, as_sql=True)  # type: ignore[arg-type]
    try:
        with environment, contextlib.redirect_stdout(sys.stderr):
            environment.configure(
                dialect_name="postgresql",
                transactional_ddl=True,
                output_buffer=buffer,
                literal_binds=True,
                # As Alembic's own env.py template: with the default "pyformat" paramstyle a
                # literal `%` in op.execute() text would be rendered doubled (`'a%%'`).
                dialect_opts={"paramstyle": "named"},
            )
            context = environment.get_context()
            offline_bind = _OfflineBind(context.connection, display, revision_filename)
            context.connection = context.impl.connection = offline_bind  # type: ignore[assignment]
            with Operations.context(context), context.begin_transaction():
                module.upgrade()
            if offline_bind.failure is not None:  # the revision caught it and went on
                raise offline_bind.failure
    except RevisionNotRenderable:
        raise
    except (Exception, SystemExit) as error:  # noqa: BLE001  (any failure of upgrade())
        line = _failure_line(error.__traceback__, revision_filename, upgrade_line)
        raise RevisionNotRenderable(display, line, _reason(error)) from None
    return buffer.chunks


def _reason(error: BaseException) -> str:
    name = type(error).__name__
    if name == "NoInspectionAvailable":
        return "inspects the database (sqlalchemy.inspect on op.get_bind())"
    return f"upgrade() failed offline: {name}: {_short(str(error), 200)}"


def _assemble(display: str, python_text: str, chunks: list[_Chunk], upgrade_line: int) -> Source:
    parts: list[str] = []
    chunk_lines: list[tuple[int, int, int]] = []
    offset = 0
    for chunk in chunks:
        if not chunk.text:
            continue
        line = chunk.line if chunk.line is not None else upgrade_line
        end = offset + len(chunk.text)
        if chunk_lines and chunk_lines[-1][2] == line and chunk_lines[-1][1] == offset:
            chunk_lines[-1] = (chunk_lines[-1][0], end, line)
        else:
            chunk_lines.append((offset, end, line))
        parts.append(chunk.text)
        offset = end
    return Source(
        path=display,
        text="".join(parts),
        kind=SourceKind.ALEMBIC,
        original_text=python_text,
        chunk_lines=tuple(chunk_lines),
    )


def render_script_directory(directory: str | os.PathLike[str]) -> tuple[Source, ...]:
    """Render every revision of an Alembic script directory, in revision order.

    Args:
        directory: the script directory (with `env.py` and `versions/`) or its `versions/`.

    Returns:
        One `Source` per revision, oldest first (along `down_revision`); a revision that cannot
        be rendered offline is a `not_renderable_source()`.

    Raises:
        InputError: unreadable or invalid revision files, duplicate ids, cycles, or no revisions.
    """
    display = os.fspath(directory)
    versions = versions_directory(Path(display))
    revisions = order_revisions(find_revision_files(versions))
    if not revisions:
        raise InputError(f"{display}: no Alembic revisions found in {versions}")
    roots = (str(Path(display).resolve().parent),)
    sources: list[Source] = []
    for revision in revisions:
        try:
            sources.append(render_revision(revision.path, import_roots=roots))
        except RevisionNotRenderable as error:
            sources.append(not_renderable_source(error, _read_python(Path(error.path), error.path)))
    return tuple(sources)
