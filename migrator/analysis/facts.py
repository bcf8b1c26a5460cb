"""The facts of one statement: what it locks, rewrites, scans and blocks, and its risk."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from migrator.analysis.locks import LockMode


class Risk(StrEnum):
    """`safe`: no lock that blocks reads or writes (or only on objects it creates).
    `caution`: blocks only for a catalog update (safe with lock_timeout + retries), or runs long
    without blocking (CREATE INDEX CONCURRENTLY). `dangerous`: blocks for a time that grows with
    the table, loses data, or breaks the running application. `unknown`: not understood."""

    SAFE = "safe"
    CAUTION = "caution"
    DANGEROUS = "dangerous"
    UNKNOWN = "unknown"

    @property
    def order(self) -> int:
        return {"safe": 0, "caution": 1, "dangerous": 2, "unknown": 3}[self.value]


class RelationKind(StrEnum):
    TABLE = "table"
    INDEX = "index"
    SEQUENCE = "sequence"
    VIEW = "view"
    MATERIALIZED_VIEW = "materialized view"
    PARTITIONED_TABLE = "partitioned table"
    TYPE = "type"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Lock:
    """A table-level lock taken by a statement on one relation.

    `relation` is schema-qualified (`public.users`). `new` is True when the relation is created by
    this statement or earlier in the same migration (a lock on it blocks nobody).
    """

    relation: str
    mode: LockMode
    kind: RelationKind = RelationKind.TABLE
    new: bool = False


@dataclass(frozen=True, slots=True)
class Facts:
    """What one statement does to a database, for one target PostgreSQL major version.

    Attributes:
        statement_index: the `Statement.index` these facts describe.
        tables: schema-qualified relations the statement touches.
        locks: every table-level lock it takes (including on indexes, referenced tables,
            partitions, sequences and tables using a domain).
        lock: the strongest lock on a relation that existed before the statement, or None.
        rewrite: rewrites the table (new relfilenode for the heap and its indexes).
        scan: reads the whole table (or an index build) while holding its lock.
        blocks_reads / blocks_writes: a concurrent SELECT / INSERT-UPDATE-DELETE on a
            pre-existing relation would wait for this statement (table locks or row locks).
        transactional: may run inside a transaction block.
        destructive: loses data.
        backward_incompatible: breaks the application version still running.
        risk: the risk class.
        reasons: human-readable sentences explaining the facts and the risk.
        sources: ids of the knowledge entries that decided the facts.
        assumptions: what the analysis did not know and assumed (worse case).
    """

    statement_index: int
    tables: tuple[str, ...] = ()
    locks: tuple[Lock, ...] = ()
    lock: LockMode | None = None
    rewrite: bool = False
    scan: bool = False
    blocks_reads: bool = False
    blocks_writes: bool = False
    transactional: bool = True
    destructive: bool = False
    backward_incompatible: bool = False
    risk: Risk = Risk.UNKNOWN
    reasons: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()

    def blocked_phrase(self, nothing: str = "nothing") -> str:
        """What the statement blocks for other sessions, in words: `reads and writes`, `writes`,
        `reads`, or `nothing` (callers may name the nothing-case differently)."""
        if self.blocks_reads and self.blocks_writes:
            return "reads and writes"
        if self.blocks_writes:
            return "writes"
        if self.blocks_reads:
            return "reads"
        return nothing


@dataclass(frozen=True, slots=True)
class AnalyzedMigration:
    """A migration with the facts of each of its statements (same order, same length)."""

    migration: Migration
    facts: tuple[Facts, ...]
    # Facts of the statements found inside DO blocks / function bodies, keyed by the index of
    # the enclosing statement; folded into that statement's facts as well.
    assumptions: tuple[str, ...] = ()
    # The schema model (migrator.analysis.schema.SchemaModel) as earlier migrations left it, and as
    # this migration leaves it. Snapshots: never mutate them.
    schema_before: Any = field(default=None, compare=False, repr=False)
    schema_after: Any = field(default=None, compare=False, repr=False)


from migrator.sql.statement import Migration
