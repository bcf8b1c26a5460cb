"""The whole pipeline (reader, parser, analysis, rules) behind `lint_paths`: fixes written back,
Alembic revisions never rewritten, earlier files make tables existing."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.api.lint import lint_paths
from migrator.config import Overrides

ONLY_M101 = Overrides(select=("index-without-concurrently",))


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "001_users.sql").write_text("CREATE TABLE users (id bigint PRIMARY KEY, email text);\n")
    (tmp_path / "db" / "002_index.sql").write_text("-- search by email\nCREATE INDEX ix_users_email ON users (email);\n")
    return tmp_path


def test_earlier_file_makes_the_table_existing(repo: Path) -> None:
    report = lint_paths(["db"], overrides=ONLY_M101)
    assert [(f.code, f.span.path, f.span.line) for f in report.result.findings] == [("M101", "db/002_index.sql", 2)]


def test_same_file_table_is_new(repo: Path) -> None:
    (repo / "db" / "003_new.sql").write_text("CREATE TABLE t (a int);\nCREATE INDEX ix_t_a ON t (a);\n")
    report = lint_paths(["db/003_new.sql"], overrides=ONLY_M101)
    assert report.result.findings == ()


def test_unsafe_fix_written_back_and_clean_afterwards(repo: Path) -> None:
    report = lint_paths(["db"], overrides=ONLY_M101, fix=True)
    assert (repo / "db" / "002_index.sql").read_text() == "-- search by email\nCREATE INDEX ix_users_email ON users (email);\n"
    assert report.fixable_unsafe == 1
    report = lint_paths(["db"], overrides=ONLY_M101, fix=True, unsafe_fixes=True)
    assert (repo / "db" / "002_index.sql").read_text() == (
        "-- search by email\nCREATE INDEX CONCURRENTLY ix_users_email ON users (email);\n")
    assert report.fixes_applied == (("db/002_index.sql", 1),)
    assert report.result.findings == ()


ALEMBIC = '''"""index"""
from alembic import op

revision = "b2"
down_revision = None


def upgrade():
    op.execute("CREATE TABLE users (id bigint PRIMARY KEY, email text)")
    op.execute("COMMIT")
    op.create_index("ix_users_email", "users", ["email"])


def downgrade():
    pass
'''


def test_alembic_revision_is_never_rewritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "b2_index.py"
    path.write_text(ALEMBIC)
    report = lint_paths([str(path)], fix=True, unsafe_fixes=True)
    assert path.read_text() == ALEMBIC
    assert report.fixes_applied == ()


def test_diff_shows_fixes_without_writing(repo: Path) -> None:
    before = (repo / "db" / "002_index.sql").read_text()
    report = lint_paths(["db"], overrides=ONLY_M101, diff=True, unsafe_fixes=True)
    assert (repo / "db" / "002_index.sql").read_text() == before
    assert report.diffs == (("db/002_index.sql",
                             ("--- a/db/002_index.sql\n+++ b/db/002_index.sql\n@@ -1,2 +1,2 @@\n"
                             " -- search by email\n-CREATE INDEX ix_users_email ON users (email);\n"
                             "+CREATE INDEX CONCURRENTLY ix_users_email ON users (email);\n")),)
    assert lint_paths(["db"], overrides=ONLY_M101, diff=True).diffs == ()  # unsafe fixes need opting in


def test_goose_markers_decide_the_transaction(repo: Path) -> None:
    goose = "-- +goose Up\nCREATE INDEX CONCURRENTLY ix_users_email ON users (email);\n"
    (repo / "db" / "002_index.sql").write_text(goose)
    report = lint_paths(["db"], overrides=Overrides(select=("concurrently-in-transaction",)))
    assert [f.code for f in report.result.findings] == ["M102"]
    (repo / "db" / "002_index.sql").write_text(goose.replace("Up\n", "Up\n-- +goose NO TRANSACTION\n", 1))
    report = lint_paths(["db"], overrides=Overrides(select=("concurrently-in-transaction",)))
    assert report.result.findings == ()
    report = lint_paths(["db"], overrides=Overrides(select=("concurrently-in-transaction",), assume_in_transaction=True))
    assert [f.code for f in report.result.findings] == ["M102"]


def test_alembic_fixes_are_display_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    earlier = tmp_path / "000_users.sql"
    earlier.write_text("CREATE TABLE users (id bigint PRIMARY KEY, email text);\n")
    path = tmp_path / "b2_index.py"
    path.write_text(ALEMBIC.replace(
        '    op.execute("CREATE TABLE users (id bigint PRIMARY KEY, email text)")\n    op.execute("COMMIT")\n'
        '    op.create_index("ix_users_email", "users", ["email"])\n',
        '    with op.get_context().autocommit_block():\n'
        '        op.create_index("ix_users_email", "users", ["email"])\n'))
    report = lint_paths([str(earlier), str(path)], overrides=ONLY_M101)
    fixes = [f.fix for f in report.result.findings if f.fix is not None]
    assert fixes and all(str(fix.applicability) == "display-only" for fix in fixes)
    assert (report.fixable_safe, report.fixable_unsafe) == (0, 0)
