"""The session timeline: transaction blocks and effective lock/statement timeouts per statement."""

from __future__ import annotations

import pytest

from migrator.lint.context import LintContext
from migrator.lint.session import parse_duration_ms
from tests.unit.lint.helpers import analyzed

TARGET = "ALTER TABLE t ADD COLUMN c int"


def _ctx(sql: str, assume: bool = False) -> tuple[LintContext, int]:
    migration = analyzed(sql + f";\n{TARGET};\n", assume_in_transaction=assume)
    ctx = LintContext(migration, assume_in_transaction=assume)
    index = next(s.index for s in migration.migration.statements if s.sql == TARGET)
    return ctx, index


@pytest.mark.parametrize(
    "setup, expected_ms",
    [
        ("SELECT 1", None),
        ("SET lock_timeout = '2s'", 2000),
        ("SET lock_timeout TO 500", 500),
        ("SET SESSION lock_timeout = '1min'", 60_000),
        ("SET lock_timeout = '250ms'", 250),
        ("SET lock_timeout = '1.5s'", 1500),
        ('SET "lock_timeout" = \'3s\'', 3000),
        ("set LOCK_TIMEOUT='4s'", 4000),
        ("SET lock_timeout = 0", 0),
        ("SET lock_timeout = '2s'; SET lock_timeout TO DEFAULT", None),
        ("SET lock_timeout = '2s'; RESET lock_timeout", None),
        ("SET lock_timeout = '2s'; RESET ALL", None),
        ("SET lock_timeout = '2s'; RESET statement_timeout", 2000),
        ("SET LOCAL lock_timeout = '2s'", None),  # outside a transaction block: no effect
        ("BEGIN; SET LOCAL lock_timeout = '2s'", 2000),
        ("BEGIN; SET LOCAL lock_timeout = '2s'; COMMIT", None),  # SET LOCAL ends with the block
        ("BEGIN; SET lock_timeout = '2s'; COMMIT", 2000),  # session SET survives COMMIT
        ("BEGIN; SET lock_timeout = '2s'; ROLLBACK", None),  # ...but not ROLLBACK
        ("SET lock_timeout = '1s'; BEGIN; SET LOCAL lock_timeout = '5s'; COMMIT", 1000),
        ("BEGIN; SET LOCAL lock_timeout = '2s'; COMMIT AND CHAIN", None),
        ("BEGIN; SET lock_timeout = '2s'; ROLLBACK AND CHAIN", None),
        ("SELECT set_config('lock_timeout', '2s', false)", 2000),
        ("BEGIN; SELECT set_config('lock_timeout', '2s', true)", 2000),
        ("SELECT set_config('lock_timeout', '2s', true)", None),
        ("SELECT set_config('statement_timeout', '2s', false)", None),
        ("/* set */ SET lock_timeout = '2s' /* two seconds */", 2000),
        ("SET lock_timeout = 'soon'", None),
        ("DO $$ BEGIN PERFORM set_config('lock_timeout', '3s', false); END $$", 3000),
        ("CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ SELECT set_config('lock_timeout', '3s', false) $$", None),
    ],
    ids=["never-set", "set-seconds", "set-to-plain-ms", "set-session-min", "set-ms", "set-fraction",
         "quoted-name", "case-insensitive", "zero-disables", "to-default", "reset", "reset-all",
         "reset-other", "local-outside-block", "local-inside-block", "local-ends-at-commit",
         "session-survives-commit", "rollback-reverts", "local-then-session-restored", "local-ends-at-commit-and-chain", "rollback-and-chain-reverts",
         "set-config-session", "set-config-local-in-block", "set-config-local-outside-block",
         "set-config-other-setting", "comments-ignored", "invalid-value", "do-block-runs-set-config",
         "function-body-does-not-run"],
)
def test_lock_timeout_follows_the_session(setup: str, expected_ms: int | None) -> None:
    ctx, index = _ctx(setup)
    assert ctx.lock_timeout_ms(index) == expected_ms


def test_statement_timeout_is_tracked_separately() -> None:
    ctx, index = _ctx("SET statement_timeout = '30s'; SET lock_timeout = '2s'")
    assert (ctx.statement_timeout_ms(index), ctx.lock_timeout_ms(index)) == (30_000, 2000)


@pytest.mark.parametrize(
    "setup, assume, in_transaction",
    [
        ("SELECT 1", False, False),
        ("BEGIN", False, True),
        ("SELECT 1; BEGIN", False, True),
        ("START TRANSACTION", False, True),
        ("BEGIN; COMMIT", False, False),
        ("BEGIN; ROLLBACK", False, False),
        ("BEGIN; SAVEPOINT a; ROLLBACK TO SAVEPOINT a", False, True),
        ("BEGIN; COMMIT AND CHAIN", False, True),
        ("SELECT 1", True, True),
        ("SELECT 1; COMMIT", True, False),
        ("COMMIT; BEGIN", True, True),
    ],
    ids=["autocommit", "begin", "after-begin", "start-transaction", "after-commit", "after-rollback",
         "rollback-to-savepoint", "commit-and-chain", "assumed", "assumed-then-commit",
         "alembic-autocommit-block-end"],
)
def test_in_transaction(setup: str, assume: bool, in_transaction: bool) -> None:
    ctx, index = _ctx(setup, assume)
    assert ctx.in_transaction(index) is in_transaction


@pytest.mark.parametrize(
    "text, expected",
    [("'2s'", 2000), ("2000", 2000), ("'1min'", 60_000), ("'1h'", 3_600_000), ("'1d'", 86_400_000),
     ("'500us'", 0), ("'0'", 0), ("'2 s'", 2000), ("'2sec'", None), ("''", None), ("-1", None)],
    ids=["s", "plain-ms", "min", "h", "d", "us-rounds", "quoted-zero", "space-before-unit",
         "unknown-unit", "empty", "negative"],
)
def test_parse_duration_ms(text: str, expected: int | None) -> None:
    assert parse_duration_ms(text) == expected


@pytest.mark.parametrize("sql, expected", [("BEGIN;\nSELECT 1;", False), ("BEGIN;\nBEGIN;\nSELECT 1;", True)],
                         ids=["first-begin", "nested-begin"])
def test_begin_runs_in_the_state_before_it(sql: str, expected: bool) -> None:
    ctx = LintContext(analyzed(sql))
    begins = [s for s in ctx.statements if s.sql == "BEGIN"]
    assert ctx.in_transaction(begins[-1]) is expected
    assert [s.index for s in ctx.transaction_of(begins[0])] == list(range(len(ctx.statements)))
