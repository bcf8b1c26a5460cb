"""Tests for `migrator.alembic.render`: offline rendering with `op.*` lines, transactions,
revision order, and revisions that cannot be rendered or are broken."""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.alembic.render import (
    NOT_RENDERABLE_MARKER,
    RevisionNotRenderable,
    not_renderable_source,
    render_revision,
    render_script_directory,
)
from migrator.alembic.revisions import RevisionFile, order_revisions, read_revision_file
from migrator.errors import InputError
from migrator.sql.source import SourceKind
from migrator.sql.split import split_source, split_sql

REPO = Path(__file__).resolve().parents[3]
EXAMPLE = REPO / "examples" / "alembic"
VERSIONS = EXAMPLE / "versions"


def statements_with_lines(path: Path) -> list[tuple[int, bool, str]]:
    source = render_revision(str(path))
    return [(s.span.line, s.in_transaction, s.text) for s in split_source(source)]


EXAMPLE_CASES = [
    (
        "8a21f0c9d3e5_add_email_and_indexes.py",
        [
            (21, False, "BEGIN"),
            (23, True, "ALTER TABLE users ADD COLUMN email VARCHAR(255)"),
            (24, True, "CREATE INDEX ix_orders_user_id ON orders (user_id)"),
            (25, True, "COMMIT"),  # autocommit_block() commits the migration's transaction
            (26, False, "CREATE UNIQUE INDEX CONCURRENTLY ix_users_email ON users (email)"),
            (25, False, "BEGIN"),
            (21, True, "COMMIT"),
        ],
        "add_column, create_index, concurrent index in autocommit_block",
    ),
    (
        "f02b6d1e4a97_rename_and_retype_columns.py",
        [
            (21, False, "BEGIN"),
            (23, True, "ALTER TABLE users RENAME name TO full_name"),
            (24, True, "ALTER TABLE users ALTER COLUMN age TYPE BIGINT"),
            (32, True, "ALTER TABLE users ALTER COLUMN email SET NOT NULL"),
            (21, True, "COMMIT"),
        ],
        "alter_column rename, type, nullable (multi-line call reports its first line)",
    ),
    (
        "1d9e7c3b5a80_orders_fk_and_status_backfill.py",
        [
            (21, False, "BEGIN"),
            (23, True, "SET lock_timeout = '5s'"),
            (
                24,
                True,
                (
                    "ALTER TABLE orders ADD CONSTRAINT fk_orders_user_id_users FOREIGN KEY(user_id) "
                    "REFERENCES users (id) ON DELETE CASCADE"
                ),
            ),
            (32, True, "ALTER TABLE orders ADD COLUMN status TEXT"),
            (33, True, "UPDATE orders SET status = 'paid' WHERE total_cents > 0"),
            (33, True, "UPDATE orders SET status = 'open' WHERE status IS NULL"),
            (21, True, "COMMIT"),
        ],
        "create_foreign_key and op.execute with two raw statements",
    ),
    (
        "5b4a3c2d1e0f_drop_legacy_flags.py",
        [
            (21, False, "BEGIN"),
            (23, True, "ALTER TABLE users DROP COLUMN legacy_flags"),
            (21, True, "COMMIT"),
        ],
        "drop_column",
    ),
]


@pytest.mark.parametrize(
    ("file_name", "expected"),
    [(name, expected) for name, expected, _ in EXAMPLE_CASES],
    ids=[case_id for *_, case_id in EXAMPLE_CASES],
)
def test_example_revision_renders_statements_at_op_lines(
    file_name: str, expected: list[tuple[int, bool, str]]
) -> None:
    assert statements_with_lines(VERSIONS / file_name) == expected


@pytest.mark.parametrize(
    ("file_name", "line", "call"),
    [
        ("8a21f0c9d3e5_add_email_and_indexes.py", 23, "op.add_column("),
        ("8a21f0c9d3e5_add_email_and_indexes.py", 26, "op.create_index("),
        ("f02b6d1e4a97_rename_and_retype_columns.py", 32, "op.alter_column("),
        ("1d9e7c3b5a80_orders_fk_and_status_backfill.py", 24, "op.create_foreign_key("),
    ],
    ids=["add_column", "concurrent create_index", "alter_column nullable", "create_foreign_key"],
)
def test_reported_line_is_the_op_call_in_the_python_file(
    file_name: str, line: int, call: str
) -> None:
    python_lines = (VERSIONS / file_name).read_text().splitlines()
    assert python_lines[line - 1].strip().startswith(call)


def test_rendered_source_keeps_python_text_and_kind() -> None:
    path = VERSIONS / "5b4a3c2d1e0f_drop_legacy_flags.py"
    source = render_revision(str(path))
    assert source.kind is SourceKind.ALEMBIC
    assert source.original_text == path.read_text()
    assert source.path == str(path)
    assert source.render_error is None
    assert source.chunk_lines[0][0] == 0 and source.chunk_lines[-1][1] == len(source.text)


def test_suppression_comment_above_op_call_is_attached_to_its_statement() -> None:
    source = render_revision(str(VERSIONS / "f02b6d1e4a97_rename_and_retype_columns.py"))
    by_text = {s.text: s.comments for s in split_source(source)}
    assert by_text["ALTER TABLE users ALTER COLUMN email SET NOT NULL"] == (
        (31, "# migrator: ignore[set-not-null] users is small, checked on 2026-03-16"),
    )
    assert by_text["ALTER TABLE users ALTER COLUMN age TYPE BIGINT"] == ()


def test_script_directory_renders_in_down_revision_order_not_file_order() -> None:
    sources = render_script_directory(str(EXAMPLE))
    assert [Path(s.path).name[:12] for s in sources] == [
        "c3f1a9e2b7d4",
        "8a21f0c9d3e5",
        "f02b6d1e4a97",
        "1d9e7c3b5a80",
        "5b4a3c2d1e0f",
        "9e8d7c6b5a41",
    ]
    assert sorted(Path(s.path).name for s in sources) != [Path(s.path).name for s in sources]


def test_revision_reading_query_results_is_not_renderable() -> None:
    path = VERSIONS / "9e8d7c6b5a41_normalise_emails_from_query.py"
    with pytest.raises(RevisionNotRenderable) as caught:
        render_revision(str(path))
    assert caught.value.line == 24  # `rows = connection.execute(`
    assert "op.get_bind()" in caught.value.reason
    assert "SELECT id, email FROM users" in caught.value.reason


def test_not_renderable_revision_becomes_one_marker_statement() -> None:
    sources = render_script_directory(str(EXAMPLE))
    source = sources[-1]
    assert source.render_error is not None and "op.get_bind()" in source.render_error
    assert source.text.startswith(NOT_RENDERABLE_MARKER)
    (statement,) = split_source(source)
    assert statement.text == source.text
    assert statement.span.line == 24


def test_rendering_matches_alembic_upgrade_sql_command() -> None:
    """Our per-revision rendering gives the statements `alembic upgrade --sql` prints (without
    Alembic's own alembic_version bookkeeping)."""
    buffer = io.StringIO()
    # no ini file: env.py would call logging.config.fileConfig, which disables every existing
    # logger of the test process (sqlglot's warnings among them)
    config = Config(stdout=buffer)
    config.set_main_option("script_location", str(EXAMPLE))
    config.set_main_option("sqlalchemy.url", "postgresql://localhost/example")
    with contextlib.redirect_stdout(buffer):
        command.upgrade(config, "base:5b4a3c2d1e0f", sql=True)
    expected = [
        s.text
        for s in split_sql(buffer.getvalue())
        if "alembic_version" not in s.text and s.text not in ("BEGIN", "COMMIT")
    ]
    ours = [
        s.text
        for source in render_script_directory(str(EXAMPLE))[:5]
        for s in split_source(source)
        if s.text not in ("BEGIN", "COMMIT")
    ]
    assert len(expected) == 14  # 2 + 3 + 3 + 5 + 1 statements in the five renderable revisions
    assert ours == expected


def write_revision(tmp_path: Path, body: str, name: str = "abc_rev.py") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body))
    return path


BROKEN_INPUT_CASES = [
    ("def upgrade(:\n    pass\n", 1, "not valid Python", "syntax error"),
    ("from alembic import op\nrevision = 'a'\n", None, "no upgrade()", "no upgrade function"),
]


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [(body, line, message) for body, line, message, _ in BROKEN_INPUT_CASES],
    ids=[case_id for *_, case_id in BROKEN_INPUT_CASES],
)
def test_broken_revision_file_is_input_error(
    tmp_path: Path, body: str, line: int | None, message: str
) -> None:
    path = write_revision(tmp_path, body)
    with pytest.raises(InputError) as caught:
        render_revision(str(path))
    assert message in caught.value.message
    if line is not None:
        assert caught.value.span is not None and caught.value.span.line == line
        assert caught.value.span.path == str(path)
    else:
        assert str(path) in caught.value.message


def test_not_utf8_revision_is_input_error(tmp_path: Path) -> None:
    path = tmp_path / "rev.py"
    path.write_bytes(b"# ok\n# \xff\xfe bad\n")
    with pytest.raises(InputError) as caught:
        render_revision(str(path))
    assert caught.value.span is not None and caught.value.span.line == 2


NOT_RENDERABLE_CASES = [
    (
        """\
        from alembic import op
        import no_such_application_module
        def upgrade():
            op.drop_column("t", "c")
        """,
        2,
        "importing the revision failed: ModuleNotFoundError",
        "import error",
    ),
    (
        """\
        from alembic import op
        import sqlalchemy as sa
        def upgrade():
            inspector = sa.inspect(op.get_bind())
            if "t" in inspector.get_table_names():
                op.drop_table("t")
        """,
        4,
        "inspects the database",
        "inspector",
    ),
    (
        """\
        from alembic import op
        import sqlalchemy as sa
        def upgrade():
            count = op.get_bind().execute(sa.text("SELECT count(*) FROM t")).scalar()
            if count:
                op.drop_table("t")
        """,
        4,
        "uses the result of a query run through op.get_bind(): SELECT count(*) FROM t",
        "scalar query",
    ),
    (
        """\
        from alembic import op
        import sqlalchemy as sa
        def upgrade():
            result = op.get_bind().execute(sa.text("SELECT 1 FROM t LIMIT 1"))
            if result:
                op.drop_table("t")
        """,
        4,  # the line of the query, where the revision starts to depend on the database
        "uses the result of a query",
        "truth value of a result",
    ),
    (
        """\
        import sys
        from alembic import op
        def upgrade():
            sys.exit(3)
        """,
        4,
        "upgrade() failed offline: SystemExit: 3",
        "sys.exit",
    ),
    (
        """\
        from alembic import op
        def upgrade():
            op.execute("SELECT 1")
            raise RuntimeError("boom")
        """,
        4,
        "upgrade() failed offline: RuntimeError: boom",
        "upgrade raises",
    ),
]


@pytest.mark.parametrize(
    ("body", "line", "reason"),
    [(body, line, reason) for body, line, reason, _ in NOT_RENDERABLE_CASES],
    ids=[case_id for *_, case_id in NOT_RENDERABLE_CASES],
)
def test_revision_that_needs_a_database_is_not_renderable(
    tmp_path: Path, body: str, line: int, reason: str
) -> None:
    path = write_revision(tmp_path, body)
    with pytest.raises(RevisionNotRenderable) as caught:
        render_revision(str(path))
    assert caught.value.line == line
    assert reason in caught.value.reason
    assert caught.value.path == str(path)
    source = not_renderable_source(caught.value)
    assert source.render_error == caught.value.reason
    assert [s.span.line for s in split_source(source)] == [line]


def test_bind_execute_without_reading_the_result_renders(tmp_path: Path) -> None:
    path = write_revision(
        tmp_path,
        """\
        from alembic import op
        import sqlalchemy as sa
        def upgrade():
            connection = op.get_bind()
            if connection.dialect.name == "postgresql":
                connection.execute(sa.text("UPDATE t SET a = 1"))
        """,
    )
    assert statements_with_lines(path) == [
        (3, False, "BEGIN"),
        (6, True, "UPDATE t SET a = 1"),
        (3, True, "COMMIT"),
    ]


BACKEND_BRANCH_CASES = [
    ('str(op.get_bind().engine.url).startswith("postgres")', "str of the engine url (CTFd)"),
    ('op.get_bind().engine.url.drivername == "postgresql"', "engine url drivername"),
    ('op.get_bind().engine.url.get_backend_name() == "postgresql"', "engine url backend name"),
    ('str(op.get_context().bind.url).startswith("postgresql")', "context bind url"),
    ('op.get_bind().url.drivername.startswith("postgres")', "bind url"),
    ('op.get_context().connection.engine.url.drivername == "postgresql"', "context connection"),
    ('op.get_bind().engine.name == "postgresql"', "engine name"),
    ('op.get_bind().engine.dialect.name == "postgresql"', "engine dialect name"),
]


@pytest.mark.parametrize(
    "condition",
    [condition for condition, _ in BACKEND_BRANCH_CASES],
    ids=[case_id for _, case_id in BACKEND_BRANCH_CASES],
)
def test_revision_branching_on_the_backend_url_renders_the_postgresql_branch(
    tmp_path: Path, condition: str
) -> None:
    path = write_revision(
        tmp_path,
        f"""\
        from alembic import op
        def upgrade():
            if {condition}:
                op.execute("ALTER TABLE t ADD COLUMN pg int")
            else:
                op.execute("ALTER TABLE t ADD COLUMN other int")
        """,
    )
    assert statements_with_lines(path) == [
        (2, False, "BEGIN"),
        (4, True, "ALTER TABLE t ADD COLUMN pg int"),
        (2, True, "COMMIT"),
    ]


def test_offline_url_names_no_host_user_or_database(tmp_path: Path) -> None:
    path = write_revision(
        tmp_path,
        """\
        from alembic import op
        def upgrade():
            url = op.get_bind().engine.url
            assert (url.host, url.username, url.password, url.database) == (None,) * 4
            op.execute("SELECT " + repr(str(url)))
        """,
    )
    assert [text for _, _, text in statements_with_lines(path)][1] == "SELECT 'postgresql://'"


def test_bind_execute_renders_text_with_parameters(tmp_path: Path) -> None:
    path = write_revision(
        tmp_path,
        """\
        from alembic import op
        import sqlalchemy as sa
        def upgrade():
            connection = op.get_bind()
            connection.execute(sa.text("UPDATE t SET a = :a WHERE id = :id"), {"a": "x'y", "id": 1})
            connection.execute(sa.text("DELETE FROM t WHERE id = :id"), [{"id": 2}, {"id": 3}])
        """,
    )
    assert statements_with_lines(path) == [
        (3, False, "BEGIN"),
        (5, True, "UPDATE t SET a = 'x''y' WHERE id = 1"),
        (6, True, "DELETE FROM t WHERE id = 2"),
        (6, True, "DELETE FROM t WHERE id = 3"),
        (3, True, "COMMIT"),
    ]


def test_query_result_failure_caught_by_the_revision_still_stops_rendering(
    tmp_path: Path,
) -> None:
    path = write_revision(
        tmp_path,
        """\
        from alembic import op
        import sqlalchemy as sa
        def upgrade():
            try:
                rows = op.get_bind().execute(sa.text("SELECT id FROM t")).fetchall()
            except Exception:
                rows = []
            for (row_id,) in rows:
                op.execute(f"DELETE FROM t WHERE id = {row_id}")
        """,
    )
    with pytest.raises(RevisionNotRenderable) as caught:
        render_revision(str(path))
    assert caught.value.line == 5
    assert "SELECT id FROM t" in caught.value.reason


def test_revision_can_use_alembic_context_offline(tmp_path: Path) -> None:
    path = write_revision(
        tmp_path,
        """\
        from alembic import context, op
        def upgrade():
            if context.is_offline_mode() and not context.get_x_argument():
                op.execute("SELECT 'offline'")
        """,
    )
    assert [s.text for s in split_source(render_revision(str(path)))] == [
        "BEGIN",
        "SELECT 'offline'",
        "COMMIT",
    ]


def test_revision_output_goes_to_stderr_not_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_revision(
        tmp_path,
        """\
        from alembic import op
        print("importing")
        def upgrade():
            print("upgrading")
            op.execute("SELECT 1")
        """,
    )
    render_revision(str(path))
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "importing" in captured.err and "upgrading" in captured.err


def test_rendering_writes_no_bytecode_next_to_the_revision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)  # as without PYTHONDONTWRITEBYTECODE
    path = write_revision(
        tmp_path, "from alembic import op\ndef upgrade():\n    op.execute('SELECT 1')\n"
    )
    render_revision(str(path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["abc_rev.py"]
    assert sys.dont_write_bytecode is False


def test_op_call_inside_a_helper_reports_the_revision_line(tmp_path: Path) -> None:
    (tmp_path / "revision_helpers.py").write_text(
        "from alembic import op\n\ndef add_audit(table):\n    op.execute(f'ALTER TABLE {table} ADD x int')\n"
    )
    path = write_revision(
        tmp_path,
        """\
        from revision_helpers import add_audit
        def upgrade():
            add_audit("a")
            add_audit("b")
        """,
    )
    source = render_revision(str(path), import_roots=(str(tmp_path),))
    assert [(s.span.line, s.text) for s in split_source(source)][1:3] == [
        (3, "ALTER TABLE a ADD x int"),
        (4, "ALTER TABLE b ADD x int"),
    ]


def test_revisions_order_follows_down_revision_and_depends_on() -> None:
    revisions = (
        RevisionFile("z_first.py", "a", ()),
        RevisionFile("a_third.py", "c", ("b",), depends_on=("x",)),
        RevisionFile("m_second.py", "b", ("a",)),
        RevisionFile("b_other_branch.py", "x", ("a",)),
        RevisionFile("y_merge.py", "m", ("c", "x")),
    )
    assert [r.revision for r in order_revisions(revisions)] == ["a", "x", "b", "c", "m"]


def test_duplicate_revision_id_is_input_error() -> None:
    revisions = (RevisionFile("a.py", "a", ()), RevisionFile("b.py", "a", ()))
    with pytest.raises(InputError, match="revision 'a' is defined twice: a.py and b.py"):
        order_revisions(revisions)


def test_versions_directory_skips_helpers_and_non_revision_files(tmp_path: Path) -> None:
    (tmp_path / "env.py").write_text("")
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "__init__.py").write_text("")
    (versions / "helpers.py").write_text("def shared():\n    pass\n")
    (versions / "notes.txt").write_text("revision = 'x'")
    (versions / "b_second.py").write_text(
        "from alembic import op\nrevision = 'b'\ndown_revision = 'a'\n"
        "def upgrade():\n    op.drop_column('t', 'b')\n"
    )
    (versions / "a_first.py").write_text(
        "from alembic import op\nrevision = 'a'\ndown_revision = None\n"
        "def upgrade():\n    op.drop_column('t', 'a')\n"
    )
    sources = render_script_directory(str(tmp_path))
    assert [Path(s.path).name for s in sources] == ["a_first.py", "b_second.py"]


def test_script_directory_without_revisions_is_input_error(tmp_path: Path) -> None:
    (tmp_path / "env.py").write_text("")
    (tmp_path / "versions").mkdir()
    with pytest.raises(InputError, match="no Alembic revisions found"):
        render_script_directory(str(tmp_path))


def test_revision_cycle_is_input_error() -> None:
    revisions = (RevisionFile("a.py", "a", ("b",)), RevisionFile("b.py", "b", ("a",)))
    with pytest.raises(InputError, match="cycle"):
        order_revisions(revisions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("revision = 'a'\ndown_revision = None\n", RevisionFile("p", "a", ())),
        (
            "revision: str = 'b'\ndown_revision: Union[str, None] = ('a', 'c')\ndepends_on = 'x'\n",
            RevisionFile("p", "b", ("a", "c"), ("x",)),
        ),
        ("x = 1\n", None),
    ],
    ids=["plain assignment", "annotated tuple and depends_on", "not a revision"],
)
def test_read_revision_file_reads_identifiers(text: str, expected: RevisionFile | None) -> None:
    assert read_revision_file("p", text) == expected


EXAMPLE_TEXTS = [path.read_text() for path in sorted(VERSIONS.glob("*.py"))]


@st.composite
def mutated_revisions(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(EXAMPLE_TEXTS))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        lines = text.splitlines(keepends=True)
        kind = draw(st.sampled_from(["delete", "duplicate", "truncate", "replace", "insert"]))
        index = draw(st.integers(min_value=0, max_value=max(len(lines) - 1, 0)))
        if kind == "delete" and lines:
            del lines[index]
        elif kind == "duplicate" and lines:
            lines.insert(index, lines[index])
        elif kind == "truncate":
            cut = draw(st.integers(min_value=0, max_value=len(text)))
            lines = [text[:cut]]
        elif kind == "replace" and text:
            position = draw(st.integers(min_value=0, max_value=len(text) - 1))
            char = draw(st.sampled_from(list("()[]{}:'\"#\n ;,=.x0\\")))
            lines = [text[:position] + char + text[position + 1 :]]
        else:
            lines.insert(
                index, draw(st.sampled_from(["    pass\n", "  op.execute('x')\n", "\t\n"]))
            )
        text = "".join(lines)
    return text


@settings(max_examples=60, deadline=None)
@given(mutated_revisions())
def test_mutated_revision_renders_or_fails_cleanly(text: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "mutated_rev.py"
        path.write_text(text)
        try:
            source = render_revision(str(path))
        except (InputError, RevisionNotRenderable):
            return
        for statement in split_source(source):
            assert source.text[statement.span.start : statement.span.end] == statement.text
            assert 1 <= statement.span.line <= max(len(text.splitlines()), 1)


def test_percent_signs_render_as_written(tmp_path: Path) -> None:
    """With the default "pyformat" paramstyle SQLAlchemy doubles `%`; the rendered SQL must be
    the SQL that runs."""
    path = write_revision(
        tmp_path,
        textwrap.dedent(
            '''
            from alembic import op
            import sqlalchemy as sa

            revision = "abc"
            down_revision = None


            def upgrade():
                op.execute("UPDATE t SET a = 'x%' WHERE b LIKE 'y%'")
                op.add_column("t", sa.Column("c", sa.Text(), server_default="50%"))
            '''
        ),
    )
    text = render_revision(path).text
    assert "'x%' WHERE b LIKE 'y%'" in text
    assert "DEFAULT '50%'" in text
    assert "%%" not in text
