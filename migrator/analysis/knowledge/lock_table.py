"""LOCK TABLE in each mode.

Source: sql-lock.html ("If no lock mode is specified, then ACCESS EXCLUSIVE"; NOWAIT fails
instead of waiting and takes the same lock; descendant tables are locked unless ONLY).
"""

from __future__ import annotations

from migrator.analysis.knowledge._common import SOLO
from migrator.analysis.knowledge.entry import Entry, Target, on
from migrator.analysis.locks import LockMode


def _mode_entry(mode: LockMode) -> Entry:
    slug = mode.name.lower().replace("_", "-")
    blocks = "reads and writes" if mode.blocks_reads else ("writes" if mode.blocks_writes else "no reads or writes")
    return Entry(
        id=f"lock-table.{slug}", verb="LOCK", form=f"LOCK TABLE t IN {mode} MODE [NOWAIT]", doc="sql-lock.html",
        locks=(on(Target.LISTED_THROUGH_VIEWS, None),), test=lambda a, ctx, m=mode: a.mode is m,  # type: ignore[misc]
        reason=f"LOCK TABLE … IN {mode} MODE holds that lock until the transaction ends: it blocks {blocks} of other sessions.",
        setup=SOLO, example=f"LOCK TABLE s IN {mode} MODE" + (" NOWAIT" if mode is LockMode.ACCESS_EXCLUSIVE else ""),
    )


ENTRIES: tuple[Entry, ...] = tuple(_mode_entry(m) for m in LockMode)
