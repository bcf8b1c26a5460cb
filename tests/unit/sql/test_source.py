"""Tests for `migrator.sql.source.load_sources`: files, directories in migration order, stdin,
Alembic input and input errors."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.errors import InputError
from migrator.sql.source import (
    SourceKind,
    blank_down_sections,
    load_sources,
    migration_order_key,
    runner_wraps_in_transaction,
)
from migrator.sql.split import split_source

REPO = Path(__file__).resolve().parents[3]


def make_files(directory: Path, names: list[str], text: str = "SELECT 1;\n") -> None:
    for name in names:
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def loaded_names(directory: Path) -> list[str]:
    return [os.path.relpath(s.path, directory) for s in load_sources([str(directory)])]


ORDER_CASES = [
    (
        ["10_c.sql", "2_b.sql", "1_a.sql"],
        ["1_a.sql", "2_b.sql", "10_c.sql"],
        "natural order of numeric prefixes",
    ),
    (
        ["000010_add.up.sql", "000010_add.down.sql", "000002_init.up.sql", "000002_init.down.sql"],
        ["000002_init.up.sql", "000010_add.up.sql"],
        "golang-migrate: down files skipped",
    ),
    (
        ["V2__d.sql", "V1_1__b.sql", "V1__a.sql", "V1.2__c.sql", "R__views.sql", "U2__undo.sql"],
        ["V1__a.sql", "V1_1__b.sql", "V1.2__c.sql", "V2__d.sql", "R__views.sql"],
        "flyway: versions, repeatables last, undo skipped",
    ),
    (
        ["u1__users.sql", "2_b.sql"],
        ["2_b.sql", "u1__users.sql"],
        "lowercase u is not a flyway undo file",
    ),
    (
        ["20240102093000_b.sql", "20231231235959_a.sql"],
        ["20231231235959_a.sql", "20240102093000_b.sql"],
        "dbmate/goose timestamps",
    ),
    (
        ["b.SQL", "a.sql", "notes.txt", ".hidden.sql", "env.py"],
        ["a.sql", "b.SQL"],
        "only visible .sql files",
    ),
    (
        ["20240101000000_init/migration.sql", "9_second/migration.sql", "README.md"],
        ["9_second/migration.sql", "20240101000000_init/migration.sql"],
        "prisma: one directory per migration",
    ),
    (
        [
            "2024-01-02-000000_b/up.sql",
            "2024-01-02-000000_b/down.sql",
            "2023-12-01-000000_a/up.sql",
        ],
        ["2023-12-01-000000_a/up.sql", "2024-01-02-000000_b/up.sql"],
        "diesel: up.sql per directory",
    ),
]


@pytest.mark.parametrize(
    ("names", "expected"),
    [(names, expected) for names, expected, _ in ORDER_CASES],
    ids=[case_id for *_, case_id in ORDER_CASES],
)
def test_directory_loads_migrations_in_tool_order(
    tmp_path: Path, names: list[str], expected: list[str]
) -> None:
    make_files(tmp_path, names)
    assert loaded_names(tmp_path) == expected


def test_directory_is_not_recursive_when_it_has_sql_files(tmp_path: Path) -> None:
    make_files(tmp_path, ["1_a.sql", "old/0_z.sql"])
    assert loaded_names(tmp_path) == ["1_a.sql"]


def test_sqitch_project_follows_the_plan(tmp_path: Path) -> None:
    (tmp_path / "sqitch.plan").write_text(
        "%syntax-version=1.0.0\n%project=app\n\n"
        "users 2024-01-01T00:00:00Z Ann <ann@example.com> # users\n"
        "@v1.0 2024-01-02T00:00:00Z Ann <ann@example.com> # tag\n"
        "appschema [users] 2024-01-03T00:00:00Z Ann <ann@example.com> # schema\n"
    )
    make_files(tmp_path, ["deploy/users.sql", "deploy/appschema.sql", "revert/users.sql"])
    assert loaded_names(tmp_path) == ["deploy/users.sql", "deploy/appschema.sql"]
    assert [Path(s.path).name for s in load_sources([str(tmp_path / "deploy")])] == [
        "users.sql",
        "appschema.sql",
    ]


def test_file_and_stdin_in_given_order(tmp_path: Path) -> None:
    make_files(tmp_path, ["b.sql"], "ALTER TABLE t ADD c int;\n")
    sources = load_sources([str(tmp_path / "b.sql"), "-"], stdin_text="SELECT 2;")
    assert [(s.path, s.text, s.kind) for s in sources] == [
        (str(tmp_path / "b.sql"), "ALTER TABLE t ADD c int;\n", SourceKind.SQL),
        ("<stdin>", "SELECT 2;", SourceKind.SQL),
    ]


def test_utf8_bom_is_dropped_and_spans_start_at_column_one(tmp_path: Path) -> None:
    (tmp_path / "a.sql").write_bytes(b"\xef\xbb\xbfSELECT 'caf\xc3\xa9';\r\nSELECT 2;\r\n")
    (source,) = load_sources([str(tmp_path / "a.sql")])
    assert source.text == "SELECT 'café';\r\nSELECT 2;\r\n"
    assert [(s.span.line, s.span.col) for s in split_source(source)] == [(1, 1), (2, 1)]


def test_stdin_bom_is_dropped() -> None:
    (source,) = load_sources(["-"], stdin_text="\ufeffSELECT 1;")
    assert source.text == "SELECT 1;"


ERROR_CASES = [
    ("missing.sql", None, "no such file or directory", "missing file"),
    ("empty_dir", None, "no migration files found", "directory without migrations"),
    ("latin1.sql", 2, "not UTF-8", "not UTF-8"),
]


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [(name, line, message) for name, line, message, _ in ERROR_CASES],
    ids=[case_id for *_, case_id in ERROR_CASES],
)
def test_bad_input_raises_input_error_with_path(
    tmp_path: Path, name: str, line: int | None, message: str
) -> None:
    (tmp_path / "empty_dir").mkdir()
    (tmp_path / "empty_dir" / "notes.txt").write_text("x")
    (tmp_path / "latin1.sql").write_bytes(b"SELECT 1;\nSELECT 'caf\xe9';\n")
    path = str(tmp_path / name)
    with pytest.raises(InputError) as caught:
        load_sources([path])
    assert message in caught.value.message
    if line is None:
        assert path in caught.value.message
    else:
        assert caught.value.span is not None
        assert (caught.value.span.path, caught.value.span.line) == (path, line)
        assert caught.value.render().startswith(f"{path}:{line}:")


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (PermissionError(13, "Permission denied"), "permission denied"),
        (OSError(5, "Input/output error"), "cannot read: Input/output error"),
    ],
    ids=["permission denied", "other OS error"],
)
def test_unreadable_file_is_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, message: str
) -> None:
    path = tmp_path / "secret.sql"
    path.write_text("SELECT 1;")

    def refuse(self: Path) -> bytes:
        raise error

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError, match=re.escape(f"{path}: {message}")):
        load_sources([str(path)])


DOWN_SECTION_CASES = [
    (
        "-- migrate:up\nCREATE TABLE a (x int);\n\n-- migrate:down\nDROP TABLE a;\n",
        ["CREATE TABLE a (x int)"],
        "dbmate",
    ),
    (
        (
            "-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n-- +goose StatementEnd\n"
            "-- +goose Down\nDROP TABLE a;\n"
        ),
        ["SELECT 1"],
        "goose",
    ),
    (
        "-- +migrate Down\nDROP TABLE a;\n-- +migrate Up\nCREATE TABLE a (x int);\n",
        ["CREATE TABLE a (x int)"],
        "sql-migrate with down first",
    ),
    (
        "DROP TABLE a; -- migrate:down is only text here\n",
        ["DROP TABLE a"],
        "marker not on its own line",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [(text, expected) for text, expected, _ in DOWN_SECTION_CASES],
    ids=[case_id for *_, case_id in DOWN_SECTION_CASES],
)
def test_down_sections_are_skipped_keeping_positions(text: str, expected: list[str]) -> None:
    blanked = blank_down_sections(text)
    assert len(blanked) == len(text)
    assert blanked.count("\n") == text.count("\n")
    (source,) = load_sources(["-"], stdin_text=text)
    assert source.text == text  # the source keeps the exact text; the splitter skips down parts
    statements = split_source(source)
    assert [s.text for s in statements] == expected
    assert all(text[s.span.start : s.span.end] == s.text for s in statements)


def test_alembic_script_directory_and_revision_file_are_rendered() -> None:
    directory = REPO / "examples" / "alembic"
    sources = load_sources([str(directory)])
    assert len(sources) == 6
    assert all(s.kind is SourceKind.ALEMBIC for s in sources)
    assert [s.render_error is None for s in sources] == [True] * 5 + [False]
    assert load_sources([str(directory / "versions")]) == sources
    single = directory / "versions" / "5b4a3c2d1e0f_drop_legacy_flags.py"
    (source,) = load_sources([str(single)])
    assert "ALTER TABLE users DROP COLUMN legacy_flags;" in source.text


def test_alembic_revision_that_queries_loads_as_not_renderable_source() -> None:
    path = (
        REPO / "examples" / "alembic" / "versions" / "9e8d7c6b5a41_normalise_emails_from_query.py"
    )
    (source,) = load_sources([str(path)])
    assert source.kind is SourceKind.ALEMBIC
    assert source.render_error is not None
    assert source.original_text == path.read_text()


def test_broken_alembic_revision_in_directory_is_input_error(tmp_path: Path) -> None:
    (tmp_path / "env.py").write_text("")
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "a_rev.py").write_text("revision = 'a'\ndown_revision = None\ndef upgrade(:\n")
    with pytest.raises(InputError) as caught:
        load_sources([str(tmp_path)])
    assert caught.value.span is not None and caught.value.span.line == 3


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("2_x.sql", "10_x.sql"),
        ("V1__a.sql", "V1_1__b.sql"),
        ("V1_1__b.sql", "V1.2__c.sql"),
        ("V9__z.sql", "V10__a.sql"),
        ("V10__a.sql", "R__views.sql"),
        ("001_a.sql", "002_a.sql"),
        ("a.sql", "b.sql"),
    ],
    ids=[
        "numeric",
        "flyway minor",
        "flyway dot",
        "flyway numeric",
        "repeatable last",
        "zero padded",
        "alphabetic",
    ],
)
def test_migration_order_key_pairs(earlier: str, later: str) -> None:
    assert migration_order_key(earlier) < migration_order_key(later)


def test_alembic_ini_file_and_its_directory_load_the_script_directory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(REPO)
    expected = [s.path for s in load_sources(["examples/alembic"])]
    assert [s.path for s in load_sources(["alembic.ini"])] == expected
    assert [s.path for s in load_sources(["."])] == expected


@pytest.mark.parametrize(
    ("ini", "message"),
    [
        ("[alembic]\nsqlalchemy.url = x\n", "no [alembic] script_location"),
        ("not an ini file", "no [alembic] script_location"),
        ("[alembic]\nscript_location = myapp:migrations\n", "package script locations"),
    ],
    ids=["no script_location", "not ini syntax", "package location"],
)
def test_bad_alembic_ini_is_input_error(tmp_path: Path, ini: str, message: str) -> None:
    (tmp_path / "alembic.ini").write_text(ini)
    with pytest.raises(InputError, match=re.escape(message)):
        load_sources([str(tmp_path / "alembic.ini")])


def test_alembic_ini_relative_location_is_taken_from_the_ini_directory(tmp_path: Path) -> None:
    (tmp_path / "alembic.ini").write_text("[alembic]\nscript_location = db\n")
    versions = tmp_path / "db" / "versions"
    versions.mkdir(parents=True)
    (tmp_path / "db" / "env.py").write_text("")
    (versions / "a_first.py").write_text(
        "from alembic import op\nrevision = 'a'\ndown_revision = None\n"
        "def upgrade():\n    op.drop_column('t', 'c')\n"
    )
    (source,) = load_sources([str(tmp_path / "alembic.ini")])
    assert source.path == str(versions / "a_first.py")
    assert "ALTER TABLE t DROP COLUMN c;" in source.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CREATE INDEX i ON t (a);", None),
        ("-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;", True),
        ("-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);", False),
        ("-- +goose Up\nSELECT 1;", True),
        ("-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY i ON t (a);", False),
        ("-- +migrate Up\nSELECT 1;", True),
        ("-- +migrate Up notransaction\nCREATE INDEX CONCURRENTLY i ON t (a);", False),
        ("SELECT '-- +goose Up';", None),
    ],
    ids=[
        "plain sql",
        "dbmate",
        "dbmate opt-out",
        "goose",
        "goose opt-out",
        "sql-migrate",
        "sql-migrate opt-out",
        "marker inside a string is not at line start",
    ],
)
def test_runner_transaction_from_file_markers(text: str, expected: bool | None) -> None:
    assert runner_wraps_in_transaction(text) is expected


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["m.sql", "m.up.sql", "V1__m.sql"]))
def test_random_bytes_load_as_a_source_or_a_clean_input_error(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / name
        path.write_bytes(data)
        try:
            (source,) = load_sources([str(path)])
        except InputError as error:
            assert error.span is not None and error.span.path == str(path)
            return
        assert len(source.text) == len(data.decode("utf-8-sig"))
        for statement in split_source(source):
            assert source.text[statement.span.start : statement.span.end] == statement.text
