"""The knowledge base: one `Entry` per statement form, grouped by statement family.

`ENTRIES` lists every entry; `candidates(verb)` the entries for one `Action.verb`, in order.
Each family module cites the PostgreSQL documentation it comes from; every entry with
`verify=True` is run on real servers by `tests/pg/test_knowledge_verified.py`.
"""

from __future__ import annotations

from collections import defaultdict

from migrator.analysis.knowledge import (
    alter_table,
    constraints,
    create_index,
    dml,
    drop,
    lock_table,
    maintenance,
    misc,
    partitions,
    rename,
    triggers_views_matviews,
    types_enums_domains,
)
from migrator.analysis.knowledge.entry import Entry, LockSpec, Target

FAMILIES = (
    alter_table, constraints, create_index, partitions, rename, drop, types_enums_domains,
    triggers_views_matviews, maintenance, dml, lock_table, misc,
)

ENTRIES: tuple[Entry, ...] = tuple(e for family in FAMILIES for e in family.ENTRIES)

_BY_ID: dict[str, Entry] = {e.id: e for e in ENTRIES}
_BY_VERB: dict[str, tuple[Entry, ...]] = {}


def _index() -> None:
    groups: dict[str, list[Entry]] = defaultdict(list)
    for e in ENTRIES:
        groups[e.verb].append(e)
    _BY_VERB.update({k: tuple(v) for k, v in groups.items()})


_index()
if len(_BY_ID) != len(ENTRIES):  # pragma: no cover - guarded by a unit test as well
    raise RuntimeError("duplicate knowledge entry ids")


def by_id(entry_id: str) -> Entry:
    return _BY_ID[entry_id]


def candidates(verb: str) -> tuple[Entry, ...]:
    return _BY_VERB.get(verb, ())


__all__ = ["ENTRIES", "Entry", "LockSpec", "Target", "by_id", "candidates"]
