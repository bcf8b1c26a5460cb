"""`migrator.sql.split` cuts a file exactly where psql does: the statements psql sends to a real
server (its `-L` query log) are the statements the splitter finds."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from migrator.sql.split import split_sql
from tests.support.pg import TestDatabase

CORPUS = r"""\set ON_ERROR_STOP off
-- a leading line comment
SELECT 1; SELECT 'a;b'
  , 2;
SELECT E'it\'s; here', 'doubled '' ; quote', "weird;""name".x FROM (SELECT 1 AS x) AS "weird;""name";
SELECT $$ ; $$, $tag$ $$ ; $tag$, $a$;$b$;$a$;
PREPARE p (int) AS SELECT $1 + 1; EXECUTE p(1); DEALLOCATE p;
SELECT /* a ; /* nested ; */ still ; comment */ 3;
SELECT 4 -- trailing ; comment
;
CREATE TABLE t (a int, b text DEFAULT ';');
CREATE TABLE log (a int);
CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO log VALUES (1); INSERT INTO log VALUES (2));
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.b := 'x;y';
  RETURN NEW;
END;
$fn$;
CREATE OR REPLACE FUNCTION g(x int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT CASE WHEN x > 0 THEN 1 ELSE 2 END;
  SELECT x + 1;
END;
CREATE PROCEDURE pr() LANGUAGE sql BEGIN ATOMIC INSERT INTO log VALUES (3); DELETE FROM log; END;
CREATE FUNCTION h(a int) RETURNS int LANGUAGE sql RETURN CASE WHEN a > 0 THEN 1 END;
DO $$ BEGIN PERFORM 1; IF true THEN RAISE NOTICE ';'; END IF; END $$;
DO LANGUAGE plpgsql 'BEGIN PERFORM 1; END';
BEGIN;
ALTER TABLE t ADD COLUMN c int;
SAVEPOINT s; ROLLBACK TO SAVEPOINT s;
COMMIT;
START TRANSACTION ISOLATION LEVEL READ COMMITTED;
SELECT 5;
END;
SELECT 'ü;é' AS "ñ;";
SELECT 6 \g
SELECT U&'d\0061t\+000061;' AS x, B'1010', X'1F';
SELECT 7"""


def _psql(database: TestDatabase) -> str | None:
    bindir = getattr(database.server.installation, "bindir", None)
    candidate = Path(bindir) / "psql" if bindir is not None else None
    if candidate is not None and candidate.exists():
        return str(candidate)
    return shutil.which("psql")


def _psql_queries(log: str) -> list[str]:
    """Queries from psql's `-L` log (`********* QUERY **********` up to psql 16,
    `/******** QUERY *********/` since)."""
    return re.findall(
        r"^(?:\*{9} QUERY \*{10}|/\*{8} QUERY \*{9}/)\n(.*?)\n(?:\*{26}|/\*{24}/)\n",
        log,
        re.DOTALL | re.MULTILINE,
    )


def _normalise(query: str) -> str:
    """psql's query as the splitter reports it: no terminating `;`, no outer comments."""
    text = query.strip()
    while True:
        before = text
        text = re.sub(r"^(?:/\*.*?\*/|--[^\n]*\n)\s*", "", text, flags=re.DOTALL)
        text = re.sub(r"\s*;$", "", text)
        text = re.sub(r"\s*(?:--[^\n]*|/\*(?:(?!\*/).)*\*/)$", "", text, flags=re.DOTALL)
        if text == before:
            return text


@pytest.mark.any_pg
def test_statements_are_the_ones_psql_sends(pg_db: TestDatabase, tmp_path: Path) -> None:
    psql = _psql(pg_db)
    if psql is None:
        pytest.skip("no psql binary next to the server or on PATH")
    if pg_db.major < 14:
        pytest.skip("BEGIN ATOMIC needs PostgreSQL 14+")
    script = tmp_path / "corpus.sql"
    script.write_text(CORPUS)
    log = tmp_path / "psql.log"
    subprocess.run(
        [psql, "-X", "-q", "-o", "/dev/null", "-L", str(log), "-f", str(script), pg_db.dsn],
        check=False,
        capture_output=True,
        timeout=60,
    )
    sent = [_normalise(query) for query in _psql_queries(log.read_text())]
    assert len(sent) == 30
    assert [statement.text for statement in split_sql(CORPUS)] == sent


COPY_CORPUS = r"""CREATE TABLE plans (id int, name text);
COPY plans (id, name) FROM stdin;
1	pro; yearly
2	'open quote $$ -- not a comment /* nor this
\.
SELECT 'between';
COPY plans FROM stdin WITH (FORMAT csv, HEADER true);
id,name
3,"multi
line; value"
\.
copy plans from stdin with csv; -- trailing comment
4,"x;y"
\.
COPY plans (id) FROM STDIN;
\.
SELECT count(*) FROM plans;
"""


@pytest.mark.any_pg
def test_copy_data_rows_are_data_for_psql_and_the_splitter(
    pg_db: TestDatabase, tmp_path: Path
) -> None:
    psql = _psql(pg_db)
    if psql is None:
        pytest.skip("no psql binary next to the server or on PATH")
    script = tmp_path / "copy.sql"
    script.write_text(COPY_CORPUS)
    log = tmp_path / "psql.log"
    done = subprocess.run(
        [
            psql,
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-o",
            "/dev/null",
            "-L",
            str(log),
            "-f",
            str(script),
            pg_db.dsn,
        ],
        check=False,
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    sent = [_normalise(query) for query in _psql_queries(log.read_text())]
    statements = split_sql(COPY_CORPUS)
    assert [statement.text for statement in statements] == sent
    assert [s.data_lines for s in statements if s.text.lower().startswith("copy")] == [
        (3, 5),
        (8, 11),
        (13, 14),
        (16, 16),
    ]
    with pg_db.connect() as connection:
        rows = connection.execute("SELECT id, name FROM plans ORDER BY id").fetchall()
    assert rows == [
        (1, "pro; yearly"),
        (2, "'open quote $$ -- not a comment /* nor this"),
        (3, "multi\nline; value"),
        (4, "x;y"),
    ]
