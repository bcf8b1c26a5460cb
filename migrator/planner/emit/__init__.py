"""Writers of a plan to files a user can commit: SQL scripts per phase, Alembic revisions."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from migrator.planner.model import Step


def step_runs(steps: Sequence[Step]) -> Iterator[tuple[Step, ...]]:
    """Consecutive steps that run together: a transactional group, or a single step."""
    i = 0
    while i < len(steps):
        step = steps[i]
        if step.group is None or not step.transactional:
            yield (step,)
            i += 1
            continue
        j = i
        while j < len(steps) and steps[j].group == step.group and steps[j].transactional:
            j += 1
        yield tuple(steps[i:j])
        i = j
