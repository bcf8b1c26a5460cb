"""Lint throughput and start-up time.

    python benchmarks/bench_lint.py [--statements 5000]

1. Statements per second of `lint_paths` on a generated directory of migrations (≥ 5,000
   statements, a realistic mix), compared with plain `sqlglot.parse` of the same text measured in
   the same run (the ratio is what to watch: machines differ, ratios much less).
2. Wall time of `migrator lint small.sql` as a new process, compared with `python -c pass` in the
   same run (the cost of start-up and imports).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TABLE = "CREATE TABLE t{n} (id bigint PRIMARY KEY, email text, created_at timestamptz DEFAULT now())"
TEMPLATES = (
    "ALTER TABLE t{p} ADD COLUMN c{n} integer",
    "CREATE INDEX CONCURRENTLY ix_{n} ON t{p} (email)",
    "CREATE INDEX ix_plain_{n} ON t{p} (created_at)",
    "ALTER TABLE t{p} ADD CONSTRAINT ck_{n} CHECK (id > 0) NOT VALID",
    "ALTER TABLE t{p} VALIDATE CONSTRAINT ck_{n}",
    "SET lock_timeout = '2s'",
    "UPDATE t{p} SET email = lower(email) WHERE id < 1000",
    "ALTER TABLE t{p} ALTER COLUMN email SET NOT NULL",
    "COMMENT ON TABLE t{p} IS 'table {n}'",
)


def generate(directory: Path, statements: int, per_file: int = 50) -> str:
    """Write migration files holding `statements` statements; return all their text.

    The first file creates the tables; the later files change them. Tables from earlier files
    exist (and may be large), so the rules do their real work on every later statement."""
    tables = max(1, statements // 25)
    first = "\n".join(TABLE.format(n=n) + ";" for n in range(tables)) + "\n"
    (directory / "0000_tables.sql").write_text(first)
    texts = [first]
    written = tables
    file_number = 1
    while written < statements:
        lines = []
        for _ in range(min(per_file, statements - written)):
            template = TEMPLATES[written % len(TEMPLATES)]
            lines.append(template.format(n=written, p=written % tables) + ";")
            written += 1
        text = "\n".join(lines) + "\n"
        (directory / f"{file_number:04d}_migration.sql").write_text(text)
        texts.append(text)
        file_number += 1
    return "".join(texts)


def best_of(repeats: int, action: object) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        timings.append(time.perf_counter() - start)
    return min(timings)


def throughput(statements: int) -> None:
    import sqlglot

    from migrator.api.lint import lint_paths

    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        generate(directory, statements)
        files = sorted(directory.glob("*.sql"))
        file_texts = [f.read_text() for f in files]
        report = lint_paths([str(directory)])  # warm-up (imports, rule loading)
        counted = report.result.statement_count
        lint_time = best_of(3, lambda: lint_paths([str(directory)]))
        parse_time = best_of(3, lambda: [sqlglot.parse(t, read="postgres") for t in file_texts])
    print(f"lint:            {counted} statements in {len(files)} files: {lint_time:.2f} s "
          f"= {counted / lint_time:,.0f} statements/s ({len(report.result.findings)} findings)")
    print(f"sqlglot.parse:   same text: {parse_time:.2f} s = {counted / parse_time:,.0f} statements/s")
    print(f"ratio:           lint takes {lint_time / parse_time:.1f}x the time of a plain sqlglot parse")


def startup() -> None:
    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder) / "0001_small.sql"
        small.write_text("CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE INDEX ix ON users (id);\n")
        migrator = [sys.executable, "-c", "from migrator.cli import main; main()", "lint", str(small),
                    "--fail-on", "none"]

        def run(command: list[str]) -> float:
            start = time.perf_counter()
            subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return time.perf_counter() - start

        run(migrator)  # warm the file cache
        lint_times = [run(migrator) for _ in range(5)]
        python_times = [run([sys.executable, "-c", "pass"]) for _ in range(5)]
    lint_median, python_median = statistics.median(lint_times), statistics.median(python_times)
    print(f"one small file:  migrator lint {lint_median * 1000:.0f} ms (median of 5, process start included)")
    print(f"python -c pass:  {python_median * 1000:.0f} ms; ratio {lint_median / python_median:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=5000)
    args = parser.parse_args()
    throughput(max(args.statements, 1))
    startup()


if __name__ == "__main__":
    main()
