"""Analysis throughput: statements analysed per second on a large generated migration file.

Run: `python benchmarks/bench_analyze.py [--statements N] [--repeat R]`

Prints the figures of migrator's full pipeline (split → parse → analyse) and, measured in the
same run on the same text, a baseline: plain `sqlglot.parse(text, read="postgres")`. The ratio is
what to compare across machines (absolute seconds are noisy on shared hardware).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import sqlglot

TEMPLATES = (
    "ALTER TABLE t{n} ADD COLUMN c{m} integer",
    "ALTER TABLE t{n} ADD COLUMN d{m} text NOT NULL DEFAULT 'x'",
    "ALTER TABLE t{n} ALTER COLUMN a TYPE bigint",
    "ALTER TABLE t{n} ALTER COLUMN b TYPE varchar(200)",
    "CREATE INDEX ix_{n}_{m} ON t{n} (a, b)",
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS cx_{n}_{m} ON t{n} (b)",
    "ALTER TABLE t{n} ADD CONSTRAINT ck_{n}_{m} CHECK (a > 0) NOT VALID",
    "ALTER TABLE t{n} VALIDATE CONSTRAINT ck_{n}_{m}",
    "ALTER TABLE t{n} ALTER COLUMN b SET NOT NULL",
    "ALTER TABLE t{n} RENAME COLUMN e TO e{m}",
    "UPDATE t{n} SET a = a + 1 WHERE b = 'x{m}'",
    "DROP INDEX IF EXISTS ix_old_{n}_{m}",
    "COMMENT ON TABLE t{n} IS 'table {m}'",
)


def generate(statements: int, tables: int = 50, seed: int = 7) -> str:
    rng = random.Random(seed)
    parts = [f"CREATE TABLE t{n} (id bigint PRIMARY KEY, a int, b varchar(100), e text);"
             for n in range(tables)]
    for m in range(statements - tables):
        parts.append(rng.choice(TEMPLATES).format(n=rng.randrange(tables), m=m) + ";")
    return "\n".join(parts) + "\n"


def _time(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from migrator.analysis.analyze import analyze
    from migrator.sql.parse import parse_source
    from migrator.sql.source import Source

    # Two files: the first creates the tables, the second (the large one) is analysed against
    # the schema model the first builds, as `migrator plan DIR` does.
    text = generate(args.statements)
    head, _, tail = text.partition("\n" + "ALTER")  # tables first, then changes
    first = Source(path="0001_tables.sql", text=head + "\n")
    second = Source(path="0002_changes.sql", text="ALTER" + tail)

    def pipeline() -> None:
        analyze([parse_source(first), parse_source(second)], pg_version=16)

    def baseline() -> None:
        sqlglot.parse(text, read="postgres")

    pipeline()  # warm caches (imports, dialect tables)
    t_pipeline = _time(pipeline, args.repeat)
    t_baseline = _time(baseline, args.repeat)
    n = args.statements
    print(f"statements:                {n}")
    print(f"migrator split+parse+analyse: {t_pipeline:8.3f} s  {n / t_pipeline:10,.0f} statements/s")
    print(f"baseline sqlglot.parse:       {t_baseline:8.3f} s  {n / t_baseline:10,.0f} statements/s")
    print(f"ratio (migrator / baseline time): {t_pipeline / t_baseline:.2f}x")


if __name__ == "__main__":
    main()
