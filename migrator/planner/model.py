"""Plan data types: a migration becomes ordered phases of steps, each with its undo.

The executor consumes these; only the executor touches a database.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from migrator.analysis.facts import Risk
from migrator.analysis.locks import LockMode


class PhaseName(StrEnum):
    EXPAND = "expand"  # backward compatible with the running application; before the deploy
    BACKFILL = "backfill"  # data movement in batches, online
    CONTRACT = "contract"  # removes what the old application needed; after the deploy


class StepKind(StrEnum):
    DDL = "ddl"
    BACKFILL = "backfill"
    VALIDATE = "validate"
    CLEANUP = "cleanup"


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Retries on lock_not_available (55P03), optionally deadlock (40P01): exponential backoff
    with full jitter, bounded by attempts and a deadline."""

    max_attempts: int = 10
    base_delay_ms: int = 200
    max_delay_ms: int = 10_000
    deadline_s: float = 300.0
    retry_deadlock: bool = True


@dataclass(frozen=True, slots=True)
class Timeouts:
    """Per-step session settings, in milliseconds (0 = no limit)."""

    lock_timeout_ms: int
    statement_timeout_ms: int
    idle_in_transaction_session_timeout_ms: int = 60_000
    transaction_timeout_ms: int | None = None  # set only on PostgreSQL 17+


@dataclass(frozen=True, slots=True)
class Backfill:
    """A batched data change: `UPDATE table SET <set_sql> WHERE <key> in batch [AND where_sql]`.

    `table` and `key` columns are identifiers (quoted when rendered); `set_sql` and `where_sql`
    are SQL expressions taken from the user's migration text (exact text, never regenerated).
    `delete` makes it a batched DELETE instead of an UPDATE."""

    table: str  # schema-qualified
    key: tuple[str, ...]
    set_sql: str | None
    where_sql: str | None = None
    batch_size: int = 1000
    delete: bool = False
    # Rows that still need the backfill (`WHERE pending_sql`), for the contract gate and for
    # resuming; None when it cannot be said (a data change such as a user's UPDATE).
    pending_sql: str | None = None


@dataclass(frozen=True, slots=True)
class Undo:
    """How to undo a step: SQL to run (`sql`), or `irreversible` with the reason."""

    sql: str | None = None
    transactional: bool = True
    irreversible: str | None = None

    @classmethod
    def run(cls, sql: str, transactional: bool = True) -> Undo:
        return cls(sql=sql, transactional=transactional)

    @classmethod
    def impossible(cls, reason: str) -> Undo:
        return cls(irreversible=reason)

    @classmethod
    def nothing(cls) -> Undo:
        return cls(sql="")


@dataclass(frozen=True, slots=True)
class Step:
    """One unit of work. `id` is stable (phase + position + content hash)."""

    id: str
    phase: PhaseName
    kind: StepKind
    description: str
    sql: str | None
    transactional: bool
    lock: LockMode | None
    risk: Risk
    timeouts: Timeouts
    retry: RetryPolicy
    undo: Undo
    backfill: Backfill | None = None
    origin: int | None = None  # index of the statement in the original migration
    migration: str = ""  # source path of the migration this step comes from
    group: str | None = None  # steps sharing a group run in one transaction
    precheck_sql: str | None = None  # returns a row when the step is already done (idempotence)
    notes: tuple[str, ...] = ()
    # The original statement carried unchanged (no rewrite applies, or none can make it safe).
    passthrough: bool = False
    # Set when the step stays dangerous: why, and what a person can do instead.
    dangerous_reason: str | None = None
    manual_alternative: str | None = None
    rewrite: str = ""  # name of the rewrite that produced the step ("passthrough" when none)


@dataclass(frozen=True, slots=True)
class Phase:
    name: PhaseName
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    source: str  # the migration(s) it plans, joined by ", "
    pg_version: int
    phases: tuple[Phase, ...]
    warnings: tuple[str, ...] = ()
    unsafe: tuple[str, ...] = field(default=())  # statements kept dangerous, with reason
    migrations: tuple[str, ...] = ()  # source paths of the planned migrations, in order

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = _jsonable(asdict(self))
        return data

    @property
    def hash(self) -> str:
        """sha256 of the canonical JSON, with each migration path reduced to its file name, so
        the same plan hashes the same whether its files were named relative or absolute."""
        data = self.to_dict()
        data["source"] = ", ".join(_file_name(s) for s in self.source.split(", "))
        data["migrations"] = [_file_name(m) for m in data.get("migrations", [])]
        paths = sorted(set(self.migrations) | set(self.source.split(", ")), key=len, reverse=True)
        for key in ("warnings", "unsafe"):
            texts = data[key]
            for path in paths:
                texts = [t.replace(path, _file_name(path)) for t in texts]
            data[key] = texts
        for phase in data["phases"]:
            for step in phase["steps"]:
                step["migration"] = _file_name(step["migration"])
                if step.get("group"):
                    head, sep, tail = step["group"].partition("#")
                    step["group"] = _file_name(head) + sep + tail
        canonical = json.dumps(data, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()

    def steps(self, phase: PhaseName | None = None) -> tuple[Step, ...]:
        return tuple(s for p in self.phases if phase in (None, p.name) for s in p.steps)


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, LockMode):
        return str(value)
    if isinstance(value, StrEnum):
        return value.value
    return value
