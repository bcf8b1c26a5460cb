"""Tests for `migrator.sql.split`: statement boundaries, spans, transaction state, comments."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.sql.source import Source, SourceKind
from migrator.sql.split import psql_variable_note, split_source, split_sql


def texts(sql: str) -> list[str]:
    return [statement.text for statement in split_sql(sql)]


BOUNDARY_CASES = [
    ("SELECT 1; SELECT 2;", ["SELECT 1", "SELECT 2"], "two statements"),
    ("SELECT 1", ["SELECT 1"], "final statement without semicolon"),
    ("SELECT 1;\n\nSELECT 2\n", ["SELECT 1", "SELECT 2"], "final without semicolon after newline"),
    (";;SELECT 1;;;", ["SELECT 1"], "empty statements are skipped"),
    ("", [], "empty text"),
    ("  \n -- only a comment\n/* and another */\n", [], "comment-only text"),
    ("SELECT 'a;b';", ["SELECT 'a;b'"], "semicolon in string"),
    ("SELECT 'it''s; fine';", ["SELECT 'it''s; fine'"], "doubled quote in string"),
    ("SELECT E'a\\';b';", ["SELECT E'a\\';b'"], "backslash-escaped quote in E string"),
    (
        "SELECT e'\\\\'; SELECT 2;",
        ["SELECT e'\\\\'", "SELECT 2"],
        "escaped backslash ends E string",
    ),
    (
        "SELECT 'a\\'; SELECT 2;",
        ["SELECT 'a\\'", "SELECT 2"],
        "backslash is literal in plain string",
    ),
    ('SELECT 1 AS "a;""b";', ['SELECT 1 AS "a;""b"'], "semicolon in quoted identifier"),
    ("SELECT $$a;b$$;", ["SELECT $$a;b$$"], "dollar quote"),
    ("SELECT $x$ $$ ; $x$;", ["SELECT $x$ $$ ; $x$"], "tagged dollar quote containing $$"),
    ("SELECT $a$;$b$;$a$; SELECT 2;", ["SELECT $a$;$b$;$a$", "SELECT 2"], "other tag inside"),
    (
        "PREPARE p AS SELECT $1; EXECUTE p(1);",
        ["PREPARE p AS SELECT $1", "EXECUTE p(1)"],
        "positional parameter is not a dollar quote",
    ),
    ("SELECT a$b$; SELECT 2;", ["SELECT a$b$", "SELECT 2"], "dollar inside identifier"),
    ("SELECT 1 -- a; b\n; SELECT 2;", ["SELECT 1", "SELECT 2"], "semicolon in line comment"),
    ("SELECT /* ; /* ; */ ; */ 1;", ["SELECT /* ; /* ; */ ; */ 1"], "nested block comment"),
    ("SELECT 1 /* unterminated ;", ["SELECT 1"], "unterminated block comment"),
    ("SELECT 'unterminated ; SELECT 2", ["SELECT 'unterminated ; SELECT 2"], "unterminated string"),
    ("SELECT $$ open ; SELECT 2", ["SELECT $$ open ; SELECT 2"], "unterminated dollar quote"),
    (
        (
            "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));"
            " SELECT 1;"
        ),
        [
            "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))",
            "SELECT 1",
        ],
        "semicolons inside parentheses (psql)",
    ),
    (
        "DO $$\nBEGIN\n  ALTER TABLE t ADD COLUMN c int;\nEND\n$$;\nSELECT 1;",
        ["DO $$\nBEGIN\n  ALTER TABLE t ADD COLUMN c int;\nEND\n$$", "SELECT 1"],
        "DO block",
    ),
    (
        "DO LANGUAGE plpgsql $body$ BEGIN RAISE NOTICE ';'; END $body$;",
        ["DO LANGUAGE plpgsql $body$ BEGIN RAISE NOTICE ';'; END $body$"],
        "DO block with tag and language",
    ),
    (
        (
            "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN NEW;\nEND;\n$$;"
            "\nSELECT 1;"
        ),
        [
            "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN NEW;\nEND;\n$$",
            "SELECT 1",
        ],
        "plpgsql function body",
    ),
    (
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END; SELECT 3;",
        [
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END",
            "SELECT 3",
        ],
        "BEGIN ATOMIC body",
    ),
    (
        (
            "create or replace procedure p() language sql begin atomic\n"
            "  insert into t select case when true then 1 else 2 end; delete from t;\nend;\nselect 3;"
        ),
        [
            (
                "create or replace procedure p() language sql begin atomic\n"
                "  insert into t select case when true then 1 else 2 end; delete from t;\nend"
            ),
            "select 3",
        ],
        "BEGIN ATOMIC procedure with CASE … END inside",
    ),
    (
        "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql RETURN CASE WHEN a > 0 THEN 1 END; SELECT 2;",
        [
            "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql RETURN CASE WHEN a > 0 THEN 1 END",
            "SELECT 2",
        ],
        "CASE END outside BEGIN ATOMIC does not nest",
    ),
    (
        "CREATE FUNCTION f() RETURNS int AS 'BEGIN; END' LANGUAGE sql; SELECT 2;",
        ["CREATE FUNCTION f() RETURNS int AS 'BEGIN; END' LANGUAGE sql", "SELECT 2"],
        "quoted function body",
    ),
    (
        "SELECT CASE WHEN true THEN 1 END; BEGIN; END;",
        ["SELECT CASE WHEN true THEN 1 END", "BEGIN", "END"],
        "BEGIN/END as transaction statements",
    ),
    (
        "\\set ON_ERROR_STOP on\nSELECT 1;\n\\connect other\nSELECT 2;",
        ["SELECT 1", "SELECT 2"],
        "psql meta-commands are skipped",
    ),
    (
        "SELECT 1 \\g\nSELECT 2 \\gx\nSELECT 3",
        ["SELECT 1", "SELECT 2", "SELECT 3"],
        "psql \\g ends a statement",
    ),
    ("SELECT 1 \\; SELECT 2;", ["SELECT 1", "SELECT 2"], "psql \\; separates statements"),
    (
        "SELECT 1 +\n\\getenv home HOME\n 2;",
        ["SELECT 1 +\n\\getenv home HOME\n 2"],
        "psql \\getenv does not end a statement",
    ),
    ("SELECT 1 \\gset\nSELECT 2", ["SELECT 1", "SELECT 2"], "psql \\gset ends a statement"),
    ("SELECT 1;\r\nSELECT 2;\r\n", ["SELECT 1", "SELECT 2"], "CRLF line endings"),
    ("\ufeffSELECT 1;", ["SELECT 1"], "byte-order mark"),
    ("SELECT U&'d\\0061t;a', U&\"x;\";", ["SELECT U&'d\\0061t;a', U&\"x;\""], "unicode escapes"),
    ("SELECT B'1010', X'FF;';", ["SELECT B'1010', X'FF;'"], "bit strings"),
    ("SELECT 1 -- trailing comment\n;", ["SELECT 1"], "trailing comment before semicolon trimmed"),
    ("SELECT 1.5e-3, 0x1F, 1_000;", ["SELECT 1.5e-3, 0x1F, 1_000"], "numbers"),
    ("SELECT a->>'k;' FROM t;", ["SELECT a->>'k;' FROM t"], "operators before strings"),
    ("SELECT 1/2*3; SELECT 2-1;", ["SELECT 1/2*3", "SELECT 2-1"], "slash and minus operators"),
    ("SELECT 'é;ü' AS ñ;", ["SELECT 'é;ü' AS ñ"], "non-ASCII text"),
    ("SELECT ( 1;  SELECT 2", ["SELECT ( 1;  SELECT 2"], "unbalanced paren keeps going, like psql"),
    ("SELECT ) 1; SELECT 2", ["SELECT ) 1", "SELECT 2"], "stray closing paren"),
]


@pytest.mark.parametrize(
    ("sql", "expected"),
    [(sql, expected) for sql, expected, _ in BOUNDARY_CASES],
    ids=[case_id for _, _, case_id in BOUNDARY_CASES],
)
def test_split_statement_boundaries(sql: str, expected: list[str]) -> None:
    assert texts(sql) == expected


@pytest.mark.parametrize(
    "sql",
    [sql for sql, _, _ in BOUNDARY_CASES],
    ids=[case_id for _, _, case_id in BOUNDARY_CASES],
)
def test_span_offsets_slice_to_statement_text(sql: str) -> None:
    for statement in split_sql(sql):
        assert sql[statement.span.start : statement.span.end] == statement.text


SPAN_CASES = [
    ("SELECT 1;", [(1, 1, 1, 9)], "one line"),
    ("  SELECT 1;\n\n   SELECT\n  2;", [(1, 3, 1, 11), (3, 4, 4, 4)], "indented and multi-line"),
    ("SELECT 1;\r\nSELECT 2;", [(1, 1, 1, 9), (2, 1, 2, 9)], "CRLF counts one line break"),
    ("SELECT 1;\rSELECT 2;", [(1, 1, 1, 9), (2, 1, 2, 9)], "lone CR is a line break"),
    ("\ufeffSELECT 1; SELECT 2;", [(1, 1, 1, 9), (1, 11, 1, 19)], "BOM is not a column"),
    ("SELECT 'ü'; SELECT 2;", [(1, 1, 1, 11), (1, 13, 1, 21)], "columns count characters"),
    ("/* c */ SELECT 1;", [(1, 9, 1, 17)], "leading comment excluded"),
    ("\\set x 1\nSELECT 1;", [(2, 1, 2, 9)], "meta-command line keeps following lines right"),
    ("SELECT $$\n;\n$$;", [(1, 1, 3, 3)], "dollar body spans lines"),
]


@pytest.mark.parametrize(
    ("sql", "expected"),
    [(sql, expected) for sql, expected, _ in SPAN_CASES],
    ids=[case_id for _, _, case_id in SPAN_CASES],
)
def test_span_lines_and_columns_are_one_based(
    sql: str, expected: list[tuple[int, int, int, int]]
) -> None:
    spans = [(s.span.line, s.span.col, s.span.end_line, s.span.end_col) for s in split_sql(sql)]
    assert spans == expected


def test_span_carries_source_path() -> None:
    (statement,) = split_sql("SELECT 1", path="migrations/001.sql")
    assert statement.span.path == "migrations/001.sql"


TRANSACTION_CASES = [
    (
        "CREATE TABLE a (x int); BEGIN; ALTER TABLE a ADD y int; COMMIT; CREATE INDEX CONCURRENTLY i ON a (x);",
        False,
        [(False, False), (False, False), (True, True), (True, True), (False, False)],
        "explicit block, statements after COMMIT are outside",
    ),
    (
        "START TRANSACTION ISOLATION LEVEL SERIALIZABLE; SELECT 1; END; SELECT 2;",
        False,
        [(False, False), (True, True), (True, True), (False, False)],
        "START TRANSACTION … END",
    ),
    (
        "BEGIN WORK; SELECT 1; ROLLBACK; SELECT 2;",
        False,
        [(False, False), (True, True), (True, True), (False, False)],
        "ROLLBACK closes",
    ),
    (
        "BEGIN; SAVEPOINT s; SELECT 1; ROLLBACK TO SAVEPOINT s; SELECT 2; ROLLBACK WORK TO s; SELECT 3; COMMIT;",
        False,
        [(False, False)] + [(True, True)] * 7,
        "ROLLBACK TO SAVEPOINT stays inside",
    ),
    (
        "BEGIN; SELECT 1; COMMIT AND CHAIN; SELECT 2; COMMIT AND NO CHAIN; SELECT 3;",
        False,
        [(False, False), (True, True), (True, True), (True, True), (True, True), (False, False)],
        "COMMIT AND CHAIN keeps a transaction open",
    ),
    (
        "BEGIN; SELECT 1; ABORT; SELECT 2;",
        False,
        [(False, False), (True, True), (True, True), (False, False)],
        "ABORT closes",
    ),
    (
        "BEGIN; SELECT 1; PREPARE TRANSACTION 'x'; COMMIT PREPARED 'x'; SELECT 2;",
        False,
        [(False, False), (True, True), (True, True), (False, False), (False, False)],
        "PREPARE TRANSACTION ends the block, COMMIT PREPARED does not open one",
    ),
    (
        "SELECT 1; SELECT 2;",
        True,
        [(True, False), (True, False)],
        "assume_in_transaction",
    ),
    (
        "SELECT 1; COMMIT; CREATE INDEX CONCURRENTLY i ON t (a); BEGIN; SELECT 2;",
        True,
        [(True, False), (True, False), (False, False), (False, False), (True, True)],
        "assumed transaction ended by COMMIT (alembic autocommit_block)",
    ),
    (
        "DO $$ BEGIN COMMIT; END $$; SELECT 1;",
        False,
        [(False, False), (False, False)],
        "BEGIN/COMMIT inside a DO body do not count",
    ),
    (
        "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END; SELECT 2;",
        False,
        [(False, False), (False, False)],
        "BEGIN ATOMIC does not open a transaction",
    ),
    (
        "begin;\nalter table t add c int;\nend;",
        False,
        [(False, False), (True, True), (True, True)],
        "lowercase begin … end",
    ),
    (
        "/* c */ BEGIN; -- x\nSELECT 1;",
        False,
        [(False, False), (True, True)],
        "comment before BEGIN",
    ),
]


@pytest.mark.parametrize(
    ("sql", "assume", "expected"),
    [(sql, assume, expected) for sql, assume, expected, _ in TRANSACTION_CASES],
    ids=[case_id for *_, case_id in TRANSACTION_CASES],
)
def test_transaction_state_per_statement(
    sql: str, assume: bool, expected: list[tuple[bool, bool]]
) -> None:
    statements = split_source(Source(path="m.sql", text=sql), assume_in_transaction=assume)
    assert [(s.in_transaction, s.explicit_transaction) for s in statements] == expected


COMMENT_CASES = [
    (
        "-- migrator: ignore[x] reason\nALTER TABLE t ADD c int;",
        [[(1, "-- migrator: ignore[x] reason")]],
        "comment above",
    ),
    (
        "ALTER TABLE t ADD c int; -- migrator: ignore[x] reason\nSELECT 1;",
        [[(1, "-- migrator: ignore[x] reason")], []],
        "trailing comment belongs to its statement only",
    ),
    (
        "SELECT 1;\n/* block\n comment */\n-- line\nSELECT 2;",
        [[], [(2, "/* block\n comment */"), (4, "-- line")]],
        "block and line comments above",
    ),
    (
        "SELECT\n  1 -- inside\n  + 2;",
        [[(2, "-- inside")]],
        "comment inside the statement",
    ),
    (
        "SELECT 1; /* both */ SELECT 2;",
        [[(1, "/* both */")], [(1, "/* both */")]],
        "comment on a line shared by two statements",
    ),
    (
        "SELECT 'a -- not a comment';",
        [[]],
        "comment markers in strings are not comments",
    ),
]


@pytest.mark.parametrize(
    ("sql", "expected"),
    [(sql, expected) for sql, expected, _ in COMMENT_CASES],
    ids=[case_id for _, _, case_id in COMMENT_CASES],
)
def test_comments_attached_to_statements(sql: str, expected: list[list[tuple[int, str]]]) -> None:
    assert [list(s.comments) for s in split_sql(sql)] == expected


MISSING_TERMINATOR = "no line `\\.` ends its inline data"

# (sql, [(text, line, data_lines)], index of the statement noted for a missing `\.`, id)
COPY_CASES: list[tuple[str, list[tuple[str, int, tuple[int, int] | None]], int | None, str]] = [
    (
        "COPY public.plans (id, name) FROM stdin;\n1\tpro; yearly\n\\.\nSELECT setval('s', 3);\n",
        [
            ("COPY public.plans (id, name) FROM stdin", 1, (2, 3)),
            ("SELECT setval('s', 3)", 4, None),
        ],
        None,
        "pg_dump data with a semicolon in a row",
    ),
    (
        "COPY t FROM stdin;\n'open quote\t$$\n-- not a comment\n/* nor this\n\"x\n\\.\nDROP TABLE u;",
        [("COPY t FROM stdin", 1, (2, 6)), ("DROP TABLE u", 7, None)],
        None,
        "quotes, dollars and comment markers in data are data",
    ),
    (
        'COPY t (a, b) FROM STDIN WITH (FORMAT csv, HEADER true);\na,b\n"x;\ny",2\n\\.\nSELECT 1;',
        [
            ("COPY t (a, b) FROM STDIN WITH (FORMAT csv, HEADER true)", 1, (2, 5)),
            ("SELECT 1", 6, None),
        ],
        None,
        "csv format with a quoted multi-line value",
    ),
    (
        "copy t from stdin with csv header;\na\n1;2\n\\.\nselect 1;",
        [("copy t from stdin with csv header", 1, (2, 4)), ("select 1", 5, None)],
        None,
        "old csv header option, lower case",
    ),
    (
        "COPY t FROM stdin;\n\\.\nCOPY u FROM stdin;\n\\.\nSELECT 1;",
        [("COPY t FROM stdin", 1, (2, 2)), ("COPY u FROM stdin", 3, (4, 4)), ("SELECT 1", 5, None)],
        None,
        "empty data blocks one after another",
    ),
    (
        "COPY t FROM stdin;\r\n1;2\r\n\\.\r\nSELECT 1;",
        [("COPY t FROM stdin", 1, (2, 3)), ("SELECT 1", 4, None)],
        None,
        "CRLF line endings",
    ),
    (
        "COPY t FROM stdin;\n1\n\\.",
        [("COPY t FROM stdin", 1, (2, 3))],
        None,
        "terminator on the last line without a line break",
    ),
    (
        "COPY t FROM stdin;\n1\t\\.\n x\\.\n\\.x\n \\.\n\\.\nSELECT 1;",
        [("COPY t FROM stdin", 1, (2, 6)), ("SELECT 1", 7, None)],
        None,
        "only a line that is exactly backslash-dot ends the data",
    ),
    (
        "COPY t FROM stdin;\n1;a\nSELECT 1;\nDROP TABLE t;\n",
        [("COPY t FROM stdin", 1, (2, 4))],
        0,
        "missing terminator: the rest of the file is data",
    ),
    (
        "SELECT 1;\nCOPY t FROM stdin;",
        [("SELECT 1", 1, None), ("COPY t FROM stdin", 2, None)],
        1,
        "copy at the end of the file without data",
    ),
    (
        "COPY t FROM stdin; -- seed rows\n1\n\\.\nSELECT 1;",
        [("COPY t FROM stdin", 1, (2, 3)), ("SELECT 1", 4, None)],
        None,
        "comment after the semicolon, data from the next line",
    ),
    (
        "\\copy t from stdin\n1;2\n\\.\nSELECT 1;",
        [("SELECT 1", 4, None)],
        None,
        "psql copy meta-command reads data from the script too",
    ),
    (
        "COPY t TO stdout;\nSELECT 1;\nCOPY (SELECT 1 FROM stdin) TO stdout;\nSELECT 2;",
        [
            ("COPY t TO stdout", 1, None),
            ("SELECT 1", 2, None),
            ("COPY (SELECT 1 FROM stdin) TO stdout", 3, None),
            ("SELECT 2", 4, None),
        ],
        None,
        "copy to stdout and a query reading a table named stdin have no data",
    ),
    (
        "COPY t FROM '/tmp/stdin';\nSELECT 1;",
        [("COPY t FROM '/tmp/stdin'", 1, None), ("SELECT 1", 2, None)],
        None,
        "copy from a file has no inline data",
    ),
    (
        "SELECT 'COPY t FROM stdin';\nSELECT 1;",
        [("SELECT 'COPY t FROM stdin'", 1, None), ("SELECT 1", 2, None)],
        None,
        "copy inside a string is not a copy",
    ),
]


@pytest.mark.parametrize(
    ("sql", "expected", "missing_at"),
    [(sql, expected, missing_at) for sql, expected, missing_at, _ in COPY_CASES],
    ids=[case_id for *_, case_id in COPY_CASES],
)
def test_copy_from_stdin_data_rows_are_not_statements(
    sql: str, expected: list[tuple[str, int, tuple[int, int] | None]], missing_at: int | None
) -> None:
    statements = split_sql(sql)
    assert [(s.text, s.span.line, s.data_lines) for s in statements] == expected
    noted = [i for i, s in enumerate(statements) if any(MISSING_TERMINATOR in n for n in s.notes)]
    assert noted == ([] if missing_at is None else [missing_at])
    assert all(sql[s.span.start : s.span.end] == s.text for s in statements)


def test_copy_data_comments_are_not_attached_to_statements() -> None:
    sql = "COPY t FROM stdin;\n-- row\n\\.\n-- migrator: ignore[x] reason\nSELECT 1;"
    assert [s.comments for s in split_sql(sql)] == [(), ((4, "-- migrator: ignore[x] reason"),)]


def test_copy_data_does_not_change_transaction_state() -> None:
    sql = "BEGIN;\nCOPY t FROM stdin;\nCOMMIT;\n\\.\nSELECT 1;\nCOMMIT;"
    assert [(s.text, s.in_transaction) for s in split_sql(sql)] == [
        ("BEGIN", False),
        ("COPY t FROM stdin", True),
        ("SELECT 1", True),
        ("COMMIT", True),
    ]


PSQL_VARIABLE_CASES = [
    ('CREATE TABLE :"schema".t (id int);', [':"schema"'], "quoted identifier variable"),
    ("INSERT INTO t VALUES (:'value');", [":'value'"], "quoted literal variable"),
    ("CREATE SCHEMA :schema;", [":schema"], "plain variable"),
    ("SELECT :a, :a, :'b';", [":a", ":'b'"], "each variable once, in order"),
    ("SELECT :{?flag};", [":{?flag}"], "defined test"),
    ("SELECT x::int, y ::text;", [], "cast is not a variable"),
    ("SELECT a[1:2], a[lo:hi], a[:n] FROM t;", [], "array slices are not variables"),
    ("SELECT ':v', $$:v$$, E':v', \":v\" FROM t; -- :v", [], "inside literals and comments"),
    ("SELECT f(a := 1);", [], "named argument"),
    ("SELECT :'a b';", [], "quoted text with a space is no variable (psql)"),
    ("\\set v 1\nSELECT 1;", [], "meta-command line"),
    ("CREATE TABLE ${flyway:defaultSchema}.t (id int);", ["${flyway:defaultSchema}"], "flyway"),
    ("SELECT '${x}', $${y}$$, $1 FROM t;", [], "placeholder text in literals, parameter"),
]


@pytest.mark.parametrize(
    ("sql", "variables"),
    [(sql, variables) for sql, variables, _ in PSQL_VARIABLE_CASES],
    ids=[case_id for *_, case_id in PSQL_VARIABLE_CASES],
)
def test_psql_variables_and_tool_placeholders_are_noted_on_their_statement(
    sql: str, variables: list[str]
) -> None:
    notes = [note for s in split_sql(sql) for note in s.notes]
    assert notes == [psql_variable_note(variable) for variable in variables]
    assert all(f" {v} is replaced by " in n for v, n in zip(variables, notes, strict=True))


def test_alembic_chunks_map_statements_to_python_lines() -> None:
    python = (
        "def upgrade():\n"
        "    # migrator: ignore[rule] the table is tiny\n"
        "    op.add_column('t', sa.Column('c', sa.Integer()))\n"
        "    op.execute('SELECT 1; SELECT 2')\n"
    )
    sql = (
        "BEGIN;\n\nALTER TABLE t ADD COLUMN c INTEGER;\n\nSELECT 1;\n/* from op.execute */ SELECT 2;"
        "\n\nCOMMIT;\n"
    )
    first = sql.index("ALTER")
    second = sql.index("SELECT 1")
    chunks = (
        (0, first, 1),
        (first, second, 3),
        (second, sql.index("COMMIT"), 4),
        (sql.index("COMMIT"), len(sql), 1),
    )
    source = Source(
        path="rev.py", text=sql, kind=SourceKind.ALEMBIC, original_text=python, chunk_lines=chunks
    )
    statements = split_source(source)
    assert [(s.text, s.span.line, s.span.col, s.span.end_line) for s in statements] == [
        ("BEGIN", 1, 1, 1),
        ("ALTER TABLE t ADD COLUMN c INTEGER", 3, 1, 3),
        ("SELECT 1", 4, 1, 4),
        ("SELECT 2", 4, 1, 4),
        ("COMMIT", 1, 1, 1),
    ]
    assert statements[1].comments == ((2, "# migrator: ignore[rule] the table is tiny"),)
    assert statements[2].comments == ()
    assert statements[3].comments == ((4, "/* from op.execute */"),)
    assert all(sql[s.span.start : s.span.end] == s.text for s in statements)
    assert [s.in_transaction for s in statements] == [False, True, True, True, True]


SQL_PIECES = st.sampled_from(
    [
        ";",
        "COPY t FROM stdin",
        "\n\\.\n",
        ":",
        ":'v'",
        "[",
        "]",
        "'",
        "''",
        '"',
        "$$",
        "$a$",
        "$1",
        "--",
        "/*",
        "*/",
        "\n",
        "\r\n",
        "\\",
        "E'",
        "\\'",
        "(",
        ")",
        "BEGIN",
        "END",
        "ATOMIC",
        "CASE",
        "CREATE",
        "FUNCTION",
        "COMMIT",
        "SELECT 1",
        " ",
        "x",
        "ü",
        "\ufeff",
        "\t",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(SQL_PIECES, max_size=60).map("".join)))
def test_split_never_crashes_and_spans_slice_exactly(sql: str) -> None:
    statements = split_sql(sql)
    previous_end = 0
    for statement in statements:
        assert statement.text
        # leading whitespace is trimmed; trailing only when not inside an unterminated literal
        assert statement.text == statement.text.lstrip(" \t\n\r\f\v\ufeff")
        assert sql[statement.span.start : statement.span.end] == statement.text
        assert statement.span.start >= previous_end
        assert 1 <= statement.span.line <= statement.span.end_line
        assert statement.span.col >= 1 and statement.span.end_col >= 1
        previous_end = statement.span.end


PIECES_WITHOUT_CR = st.sampled_from(
    [
        ";",
        "'",
        "''",
        '"',
        "$$",
        "$a$",
        "$1",
        "--",
        "/*",
        "*/",
        "\n",
        "\\",
        "E'",
        "\\'",
        "(",
        ")",
        "BEGIN",
        "END",
        "ATOMIC",
        "CASE",
        "CREATE",
        "FUNCTION",
        "COMMIT",
        "SELECT 1",
        " ",
        "x",
        "ü",
        "\t",
    ]
)


def positions(sql: str) -> list[tuple[int, int, int, int]]:
    return [(s.span.line, s.span.col, s.span.end_line, s.span.end_col) for s in split_sql(sql)]


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES_WITHOUT_CR, max_size=50).map("".join))
def test_crlf_line_endings_give_the_same_statements_and_positions(sql: str) -> None:
    crlf = sql.replace("\n", "\r\n")
    assert [s.text.replace("\r\n", "\n") for s in split_sql(crlf)] == texts(sql)
    assert positions(crlf) == positions(sql)


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES_WITHOUT_CR, max_size=50).map("".join))
def test_byte_order_mark_changes_offsets_but_not_lines_or_columns(sql: str) -> None:
    with_bom = "\ufeff" + sql
    assert texts(with_bom) == texts(sql)
    assert positions(with_bom) == positions(sql)
    assert [s.span.start for s in split_sql(with_bom)] == [s.span.start + 1 for s in split_sql(sql)]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(SQL_PIECES, max_size=40).map("".join),
    st.lists(st.integers(min_value=0, max_value=400), max_size=8),
    st.integers(min_value=1, max_value=30),
)
def test_alembic_chunk_lines_always_point_into_the_python_file(
    sql: str, cuts: list[int], python_line_count: int
) -> None:
    bounds = sorted({0, len(sql), *(min(cut, len(sql)) for cut in cuts)})
    chunks = tuple(
        (start, end, 1 + (index * 7) % python_line_count)
        for index, (start, end) in enumerate(itertools.pairwise(bounds))
    )
    python = "".join(f"    op.execute('x')  # {n}\n" for n in range(python_line_count))
    source = Source(
        path="rev.py", text=sql, kind=SourceKind.ALEMBIC, original_text=python, chunk_lines=chunks
    )
    for statement in split_source(source):
        assert sql[statement.span.start : statement.span.end] == statement.text
        assert 1 <= statement.span.line == statement.span.end_line <= python_line_count
        assert all(1 <= line <= python_line_count for line, _ in statement.comments)
