"""`migrator lint` never crashes: generated and mutated SQL and Alembic files give findings
(exit 0 or 1) or a clear error (exit 2), never a traceback. Runs the real pipeline."""

from __future__ import annotations

import io
import os
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migrator.cli import main

ROOT = Path(__file__).resolve().parents[3]
SEED_SQL = [p.read_text() for p in sorted((ROOT / "examples" / "sql").glob("*.sql"))] or [
    "CREATE TABLE t (id bigint);\nCREATE INDEX i ON t (id);\n"]
SEED_ALEMBIC = [p.read_text() for p in sorted((ROOT / "examples" / "alembic" / "versions").glob("*.py"))]

FRAGMENTS = [
    "CREATE TABLE", "ALTER TABLE", "DROP TABLE", "CREATE INDEX", "CONCURRENTLY", "ON", "ADD COLUMN",
    "ADD CONSTRAINT", "CHECK", "NOT NULL", "NOT VALID", "VALIDATE CONSTRAINT", "DEFAULT", "now()",
    "random()", "USING", "PRIMARY KEY", "REFERENCES", "UNIQUE", "SET", "LOCAL", "lock_timeout", "=",
    "'2s'", "RESET ALL", "BEGIN", "COMMIT", "ROLLBACK", "DO $$ BEGIN PERFORM 1; END $$", "$$", "$tag$",
    "'", '"', "(", ")", ",", ";", ";", ";", "\n", "--", "/*", "*/", "-- migrator: ignore[M101] why",
    "-- migrator: ignore-file[", "]", "users", "t", '"Odd Name"', "public.t", "id", "bigint", "text",
    "int", "1", "0", "\\", "\u00e9", "\x00", "\t", "PARTITION BY RANGE", "ATTACH PARTITION", "TYPE",
    "RENAME", "TO", "UPDATE", "SET c = 1", "WHERE", "DELETE FROM", "VACUUM FULL", "REINDEX", "LOCK TABLE",
]

OP_CALLS = [
    "op.create_table('t', sa.Column('id', sa.BigInteger()))",
    "op.add_column('t', sa.Column('c', sa.Text(), nullable=False))",
    "op.create_index('ix', 't', ['c'])",
    "op.execute('ALTER TABLE t FROB c')",
    "op.execute(\"SET lock_timeout = '2s'\")",
    "op.drop_column('t', 'c')",
    "op.get_bind().execute(sa.text('SELECT 1'))",
    "with op.get_context().autocommit_block():\n        op.create_index('ix2', 't', ['c'], postgresql_concurrently=True)",
    "raise RuntimeError('boom')",
    "op.alter_column('t', 'c', nullable=False)",
]

sql_generated = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join)


@st.composite
def sql_mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SEED_SQL))
    for _ in range(draw(st.integers(1, 6))):
        if not text:
            break
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(st.sampled_from(FRAGMENTS) | st.text(max_size=3))
        if action == "insert":
            text = text[:position] + piece + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 20)):]
        else:
            text = text[:position] + piece + text[position + len(piece):]
    return text


@st.composite
def alembic_revisions(draw: st.DrawFn) -> str:
    calls = draw(st.lists(st.sampled_from(OP_CALLS), min_size=0, max_size=5))
    body = "\n    ".join(calls) or "pass"
    text = (
        '"""fuzz"""\nfrom alembic import op\nimport sqlalchemy as sa\n\n'
        "revision = 'abc123'\ndown_revision = None\nbranch_labels = None\ndepends_on = None\n\n\n"
        f"def upgrade():\n    {body}\n\n\ndef downgrade():\n    pass\n"
    )
    if SEED_ALEMBIC and draw(st.booleans()):
        text = draw(st.sampled_from(SEED_ALEMBIC))
    if draw(st.booleans()):
        position = draw(st.integers(0, len(text)))
        text = text[:position] + draw(st.sampled_from(["(", ")", ":", "\n    ", "op.", "'", "#", ""])) + text[position:]
    return text


def _lint(name: str, text: str, *extra: str) -> tuple[int, str, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, name)
        with open(path, "w", encoding="utf-8", errors="surrogatepass") as handle:
            handle.write(text)
        out, err = io.StringIO(), io.StringIO()
        code: int | str | None = 0
        with redirect_stdout(out), redirect_stderr(err):
            try:
                main(["lint", path, *extra])
            except SystemExit as exited:
                code = exited.code
    return int(code or 0), out.getvalue(), err.getvalue()


def _check(code: int, out: str, err: str) -> None:
    assert code in (0, 1, 2), (code, out, err)
    assert "Traceback" not in out + err, err
    if code == 2:
        assert err.strip().startswith(("error:", "Error:")) or ": error:" in err, err


FUZZ = settings(max_examples=int(os.environ.get("MIGRATOR_FUZZ_EXAMPLES", "40")), deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(sql_generated, st.sampled_from(["text", "json", "sarif"]))
def test_generated_sql_never_crashes(sql: str, fmt: str) -> None:
    _check(*_lint("0001_fuzz.sql", sql, "--format", fmt))


@FUZZ
@given(sql_mutated())
def test_mutated_sql_never_crashes(sql: str) -> None:
    _check(*_lint("0001_fuzz.sql", sql))


@FUZZ
@given(alembic_revisions())
def test_alembic_revisions_never_crash(text: str) -> None:
    _check(*_lint("abc123_fuzz.py", text))


def test_binary_file_is_a_clear_error() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bad.sql"
        path.write_bytes(b"\xff\xfe\x00CREATE")
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err), __import__("pytest").raises(SystemExit) as exited:
            main(["lint", str(path)])
    assert exited.value.code == 2
    assert "error:" in err.getvalue()


