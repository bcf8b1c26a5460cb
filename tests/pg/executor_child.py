"""Run the real `migrator` CLI in a subprocess with a hand-built plan instead of the planner.

    python -m tests.pg.executor_child SCENARIO apply migration.sql --database-url URL ...

Only `migrator.api.execute.plan_for` is replaced; options, output, exit codes, signals and state
are the real ones. Used by tests/pg/test_executor_cli.py for behaviour that is about the process.
"""

from __future__ import annotations

import sys

from migrator.api import execute
from migrator.cli import main
from tests.pg.executor_plans import SCENARIOS

if __name__ == "__main__":
    scenario = SCENARIOS[sys.argv[1]]
    execute.plan_for = lambda paths, version, **kwargs: scenario.plan  # type: ignore[assignment]
    main(sys.argv[2:])
