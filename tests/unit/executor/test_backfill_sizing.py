from __future__ import annotations

import pytest

from migrator.executor.backfill import BackfillSettings, TableRef, next_batch_size, parse_table

SETTINGS = BackfillSettings(target_batch_ms=200, min_batch=10, max_batch=50_000, max_factor=2.0, smoothing=0.5)


@pytest.mark.parametrize(
    "current, elapsed_ms, expected",
    [(1000, 200, 1000), (1000, 50, 2000), (1000, 800, 500), (1000, 1, 2000), (1000, 100_000, 500),
     (1000, 100, 1414), (15, 10_000, 10), (40_000, 1, 50_000), (1000, 0, 2000)],
    ids=["on-target-unchanged", "4x-too-fast-doubles", "4x-too-slow-halves", "very-fast-capped-at-2x",
         "very-slow-capped-at-half", "2x-too-fast-grows-smoothly", "floor-min-batch", "ceiling-max-batch",
         "zero-elapsed"],
)
def test_batch_size_moves_toward_the_target_smoothly(current: int, elapsed_ms: float, expected: int) -> None:
    assert next_batch_size(current, elapsed_ms, SETTINGS) == expected


def test_batch_size_converges_when_time_is_proportional_to_rows() -> None:
    size = 100
    for _ in range(40):
        elapsed = size * 0.01  # 10 µs per row: target 200 ms = 20,000 rows
        size = next_batch_size(size, elapsed, SETTINGS)
    assert 19_000 <= size <= 21_000


@pytest.mark.parametrize(
    "text, expected",
    [("public.users", TableRef("public", "users")), ("users", TableRef(None, "users")),
     ('"My Schema"."Odd.Name"', TableRef("My Schema", "Odd.Name")), ('s."a""b"', TableRef("s", 'a"b'))],
    ids=["qualified", "bare", "quoted-with-dot", "escaped-quote"],
)
def test_parse_table_takes_identifiers_as_written(text: str, expected: TableRef) -> None:
    assert parse_table(text) == expected
