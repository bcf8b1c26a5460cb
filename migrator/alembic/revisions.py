"""Find Alembic revision files and put them in revision order, without importing them.

The identifiers are read from the module's top-level assignments (`revision = "ab12"`,
`down_revision: str | None = "cd34"`, `depends_on = (...)`) with `ast`, the way a reader of the
file sees them. Order follows the `down_revision` graph (and `depends_on`), not file names.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from migrator.errors import InputError
from migrator.sql.source import Span, natural_key

__all__ = [
    "RevisionFile",
    "find_revision_files",
    "is_script_directory",
    "order_revisions",
    "read_revision_file",
    "versions_directory",
]


@dataclass(frozen=True, slots=True)
class RevisionFile:
    """One Alembic revision file as its top-level assignments describe it."""

    path: str
    revision: str
    down_revisions: tuple[str, ...]
    depends_on: tuple[str, ...] = ()


def is_script_directory(directory: Path) -> bool:
    """An Alembic script directory has an `env.py` and a `versions/` directory."""
    return (directory / "env.py").is_file() and (directory / "versions").is_dir()


def versions_directory(directory: Path) -> Path:
    """The directory holding the revision files of a script directory (or `directory` itself)."""
    return directory / "versions" if is_script_directory(directory) else directory


def read_revision_file(path: str, text: str) -> RevisionFile | None:
    """Read `revision`/`down_revision`/`depends_on` from a Python file's top level.

    Returns:
        The revision, or None when the file assigns no `revision` (not a revision file).

    Raises:
        InputError: the file is not valid Python (with its line).
    """
    try:
        tree = ast.parse(text, filename=path)
    except SyntaxError as error:
        line = error.lineno or 1
        col = error.offset or 1
        span = Span(path, 0, 0, line, col, line, col)
        raise InputError(f"not valid Python: {error.msg}", span) from None
    values: dict[str, object] = {}
    for node in tree.body:
        target, value = _assignment(node)
        if target in ("revision", "down_revision", "depends_on") and value is not None:
            values[target] = _literal(value)
    revision = values.get("revision")
    if not isinstance(revision, str) or "down_revision" not in values:
        return None
    return RevisionFile(
        path=path,
        revision=revision,
        down_revisions=_identifiers(values.get("down_revision")),
        depends_on=_identifiers(values.get("depends_on")),
    )


def _assignment(node: ast.stmt) -> tuple[str | None, ast.expr | None]:
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        return (target.id if isinstance(target, ast.Name) else None), node.value
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return node.target.id, node.value
    return None, None


def _literal(value: ast.expr) -> object:
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError, TypeError):
        return None


def _identifiers(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(item for item in value if isinstance(item, str))
    return ()


def find_revision_files(directory: Path) -> tuple[RevisionFile, ...]:
    """The revision files directly in `directory` (a script directory's `versions/`).

    Raises:
        InputError: a file is unreadable or not valid Python.
    """
    found: list[RevisionFile] = []
    for path in sorted(directory.iterdir(), key=lambda p: natural_key(p.name)):
        if path.suffix != ".py" or path.name.startswith((".", "__")) or not path.is_file():
            continue
        display = str(path)
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except OSError as error:
            raise InputError(f"{display}: cannot read: {error.strerror or error}") from None
        except UnicodeDecodeError:
            raise InputError(f"{display}: not UTF-8 text") from None
        revision = read_revision_file(display, text)
        if revision is not None:
            found.append(revision)
    return tuple(found)


def order_revisions(revisions: tuple[RevisionFile, ...]) -> tuple[RevisionFile, ...]:
    """Topological order along `down_revision` and `depends_on`, oldest first.

    Revisions whose parents are not in the set are roots. Ties (branches) are broken by file
    name in natural order, so the result is deterministic.

    Raises:
        InputError: two files share a revision id, or the graph has a cycle.
    """
    by_id: dict[str, RevisionFile] = {}
    for revision in revisions:
        if revision.revision in by_id:
            raise InputError(
                f"revision {revision.revision!r} is defined twice: "
                f"{by_id[revision.revision].path} and {revision.path}"
            )
        by_id[revision.revision] = revision
    parents = {
        rev_id: {p for p in (*rev.down_revisions, *rev.depends_on) if p in by_id}
        for rev_id, rev in by_id.items()
    }
    ordered: list[RevisionFile] = []
    done: set[str] = set()
    while len(ordered) < len(by_id):
        ready = [by_id[r] for r in by_id if r not in done and parents[r] <= done]
        if not ready:
            stuck = sorted(r for r in by_id if r not in done)
            raise InputError(f"Alembic revisions form a cycle: {', '.join(stuck)}")
        chosen = min(ready, key=lambda rev: natural_key(Path(rev.path).name))
        ordered.append(chosen)
        done.add(chosen.revision)
    return tuple(ordered)
