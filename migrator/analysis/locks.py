"""PostgreSQL table-level lock modes and their conflict table.

Source: PostgreSQL documentation, "13.3.1. Table-Level Locks", Table 13.2 "Conflicting Lock
Modes" (explicit-locking.html#LOCKING-TABLES). The table is the same in every supported version.
"""

from __future__ import annotations

from enum import IntEnum


class LockMode(IntEnum):
    """Table-level lock modes, ordered from weakest to strongest; `str()` is PostgreSQL's name."""

    ACCESS_SHARE = 1
    ROW_SHARE = 2
    ROW_EXCLUSIVE = 3
    SHARE_UPDATE_EXCLUSIVE = 4
    SHARE = 5
    SHARE_ROW_EXCLUSIVE = 6
    EXCLUSIVE = 7
    ACCESS_EXCLUSIVE = 8

    def __str__(self) -> str:
        return self.name.replace("_", " ")

    @property
    def pg_locks_name(self) -> str:
        """The name `pg_locks.mode` shows, e.g. `AccessExclusiveLock`."""
        return "".join(part.capitalize() for part in self.name.split("_")) + "Lock"

    @classmethod
    def from_pg_locks(cls, mode: str) -> LockMode:
        for m in cls:
            if m.pg_locks_name == mode:
                return m
        raise ValueError(f"not a table lock mode: {mode}")

    @classmethod
    def parse(cls, text: str) -> LockMode:
        """Parse `ACCESS EXCLUSIVE`, `access_exclusive` or `AccessExclusiveLock`."""
        t = text.strip()
        if t.endswith("Lock"):
            return cls.from_pg_locks(t)
        return cls[t.upper().replace(" ", "_")]

    def conflicts_with(self, other: LockMode) -> bool:
        return other in CONFLICTS[self]

    @property
    def blocks_reads(self) -> bool:
        """Blocks a plain SELECT (ACCESS SHARE)."""
        return self.conflicts_with(LockMode.ACCESS_SHARE)

    @property
    def blocks_writes(self) -> bool:
        """Blocks INSERT/UPDATE/DELETE (ROW EXCLUSIVE)."""
        return self.conflicts_with(LockMode.ROW_EXCLUSIVE)


_M = LockMode
CONFLICTS: dict[LockMode, frozenset[LockMode]] = {
    _M.ACCESS_SHARE: frozenset({_M.ACCESS_EXCLUSIVE}),
    _M.ROW_SHARE: frozenset({_M.EXCLUSIVE, _M.ACCESS_EXCLUSIVE}),
    _M.ROW_EXCLUSIVE: frozenset({_M.SHARE, _M.SHARE_ROW_EXCLUSIVE, _M.EXCLUSIVE, _M.ACCESS_EXCLUSIVE}),
    _M.SHARE_UPDATE_EXCLUSIVE: frozenset(
        {_M.SHARE_UPDATE_EXCLUSIVE, _M.SHARE, _M.SHARE_ROW_EXCLUSIVE, _M.EXCLUSIVE, _M.ACCESS_EXCLUSIVE}
    ),
    _M.SHARE: frozenset(
        {_M.ROW_EXCLUSIVE, _M.SHARE_UPDATE_EXCLUSIVE, _M.SHARE_ROW_EXCLUSIVE, _M.EXCLUSIVE, _M.ACCESS_EXCLUSIVE}
    ),
    _M.SHARE_ROW_EXCLUSIVE: frozenset(
        {_M.ROW_EXCLUSIVE, _M.SHARE_UPDATE_EXCLUSIVE, _M.SHARE, _M.SHARE_ROW_EXCLUSIVE, _M.EXCLUSIVE,
         _M.ACCESS_EXCLUSIVE}
    ),
    _M.EXCLUSIVE: frozenset(
        {_M.ROW_SHARE, _M.ROW_EXCLUSIVE, _M.SHARE_UPDATE_EXCLUSIVE, _M.SHARE, _M.SHARE_ROW_EXCLUSIVE,
         _M.EXCLUSIVE, _M.ACCESS_EXCLUSIVE}
    ),
    _M.ACCESS_EXCLUSIVE: frozenset(LockMode),
}
