"""Default-expression volatility (pg/volatility.py), read from the parser's tree."""

from __future__ import annotations

import pytest
from sqlglot import exp

from migrator.analysis.pg.volatility import Volatility, expression_volatility
from migrator.sql.parse import parse_sql


def default_of(expr_sql: str) -> exp.Expr:
    stmt = parse_sql(f"ALTER TABLE t ADD COLUMN x int DEFAULT {expr_sql}").statements[0]
    assert stmt.ast is not None
    node = stmt.ast.find(exp.DefaultColumnConstraint)
    assert node is not None
    return node.this


ROWS = [
    ("0", Volatility.IMMUTABLE),
    ("'x'", Volatility.IMMUTABLE),
    ("lower('A')", Volatility.IMMUTABLE),
    ("now()", Volatility.STABLE),
    ("CURRENT_TIMESTAMP", Volatility.STABLE),
    ("statement_timestamp()", Volatility.STABLE),
    ("transaction_timestamp()", Volatility.STABLE),
    ("CAST(now() AS date)", Volatility.STABLE),
    ("random()", Volatility.VOLATILE),
    ("(random() * 10)::int", Volatility.VOLATILE),
    ("clock_timestamp()", Volatility.VOLATILE),
    ("timeofday()", Volatility.VOLATILE),
    ("gen_random_uuid()", Volatility.VOLATILE),
    ("uuid_generate_v4()", Volatility.VOLATILE),
    ("nextval('s')", Volatility.VOLATILE),
]


@pytest.mark.parametrize("expr_sql, volatility", ROWS, ids=[r[0] for r in ROWS])
def test_default_volatility(expr_sql: str, volatility: Volatility) -> None:
    assert expression_volatility(default_of(expr_sql))[0] is volatility


def test_unknown_function_is_assumed_volatile_and_named() -> None:
    vol, unknown = expression_volatility(default_of("my_default()"))
    assert vol is Volatility.VOLATILE and unknown == ("my_default",)
