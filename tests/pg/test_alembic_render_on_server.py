"""The SQL `migrator.alembic.render` produces for the example project runs on a real server,
statement by statement, with the transaction structure the splitter reports (the concurrent
index build of `autocommit_block()` must really be outside a transaction block)."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrator.alembic.render import render_script_directory
from migrator.sql.split import split_source
from tests.support.pg import TestDatabase

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "alembic"


@pytest.mark.any_pg
def test_rendered_example_revisions_run_in_order(pg_db: TestDatabase) -> None:
    sources = [s for s in render_script_directory(str(EXAMPLE)) if s.render_error is None]
    assert len(sources) == 5
    with pg_db.connect(autocommit=True) as connection:
        for source in sources:
            for statement in split_source(source):
                in_block = connection.info.transaction_status.name == "INTRANS"
                assert in_block == statement.in_transaction, (
                    f"{statement.span.path}:{statement.span.line}: {statement.text}"
                )
                connection.execute(statement.text)  # type: ignore[call-overload]
    columns = pg_db.fetchall(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = 'users' ORDER BY ordinal_position"
    )
    assert [c for (c,) in columns] == ["id", "full_name", "age", "email"]
    indexes = pg_db.fetchall(
        "SELECT indexname FROM pg_indexes WHERE tablename = 'users' ORDER BY 1"
    )
    assert ("ix_users_email",) in indexes
