"""The `Entry` type: one statement form, what PostgreSQL locks, rewrites and scans for it.

An entry is data a reviewer can check against the documentation section it cites (`doc`), and
that `tests/pg/test_knowledge_verified.py` checks against a real server by running `setup` then
`example` on every available major version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from migrator.analysis.locks import LockMode
from migrator.analysis.pg.versions import Capabilities

if TYPE_CHECKING:
    from migrator.analysis.actions import Action
    from migrator.analysis.context import Context

DOCS = "https://www.postgresql.org/docs/current/"


class Target(StrEnum):
    """Which relation(s) a lock lands on, resolved against the action and the schema model."""

    TABLE = "the table"
    INDEX = "the index"
    INDEX_TABLE = "the index's table"
    TABLE_INDEXES = "every index of the table"
    COLUMN_INDEXES = "the indexes on the column"
    REFERENCED = "the referenced table"
    REFERENCED_INDEXES = "every index of the referenced table"
    FK_TARGETS = "the tables its foreign keys reference"
    FK_TARGET_INDEXES = "the indexes of the tables its foreign keys reference"
    DRAWN_SEQUENCES = "the sequences it draws values from"
    CALLED_SEQUENCES = "the sequences its expressions call nextval()/setval() on"
    ARBITER_INDEX = "the ON CONFLICT arbiter index"
    SCHEMA_TABLES = "every table of the schema"
    SCHEMA_TABLE_INDEXES = "every index of the schema's tables"
    FK_CASCADED = "the referencing tables whose foreign keys cascade (CASCADE / SET NULL / SET DEFAULT) the change"
    FK_CASCADED_INDEXES = "the indexes of the referencing tables the change cascades to"
    FK_CHECKED = "the referencing tables whose foreign keys only check the change (NO ACTION / RESTRICT)"
    FK_CHECKED_INDEXES = "the indexes of the referencing tables that only check the change"
    WRITTEN = "the table written (a view's base tables too)"
    WRITTEN_INDEXES = "the indexes of the tables written (through views)"
    DETACHED_PARTITION_INDEXES = "the detached partition's indexes attached to the parent's indexes"
    REFERENCED_KEY_INDEX = "the referenced table's key index (primary key, else unique)"
    PARENT_FK_TARGET_KEY_INDEXES = "the key indexes of the tables the partitioned parent's foreign keys reference"
    PARENT_FK_TARGETS = "the tables the partitioned parent's foreign keys reference"
    PARENT_PARTITIONED_INDEXES = "the partitioned parent's partitioned indexes"
    NAMED_TABLE = "the other table the sub-command names (INHERIT parent)"
    INHERITED_PARENTS = "the tables it inherits from"
    TABLE_PARENT = "the partitioned table (or inheritance parent) of the table"
    PARTITION_INDEXES = "the partitions' indexes of a partitioned index"
    PARTITION_INDEX_TABLES = "the partitions of a partitioned index's table"
    DEPENDENT_VIEWS = "the views and materialized views that read the table"
    DEPENDENT_VIEW_INDEXES = "the indexes of the materialized views that read the table"
    TRIGGER_TABLES = "the tables with triggers that execute the function"
    SEQUENCE_OWNER = "the table owning the sequence"
    ALL_TABLES = "every table"
    ALL_TABLE_INDEXES = "every index"
    LISTED_THROUGH_VIEWS = "each listed table, and the tables the listed views read"
    CLUSTERED_TABLES = "every table with a clustered index (CLUSTER ON)"
    CLUSTERED_TABLE_INDEXES = "the indexes of every table with a clustered index"
    REFERENCING = "the tables whose foreign keys reference it"
    REFERENCING_INDEXES = "the indexes of the tables whose foreign keys reference it"
    REFERENCING_ALL = "every table whose foreign keys reach it, directly or through others"
    REFERENCING_ALL_INDEXES = "the indexes of every table whose foreign keys reach it"
    PARTITIONS = "every partition"
    PARTITION = "the partition"
    DEFAULT_PARTITION = "the default partition"
    PARENT = "the partitioned parent"
    SOURCES = "the tables the query reads"
    SOURCE_INDEXES = "the indexes of the tables the query reads"
    LISTED = "each listed table"
    LISTED_INDEXES = "the indexes of each listed table"
    DOMAIN_TABLES = "every table with a column of the domain"
    OWNED_SEQUENCES = "the table's sequences"
    CONSTRAINT_INDEX = "the constraint's index"
    COLUMN_SEQUENCE = "the column's identity or serial sequence"
    PARTITION_INDEX_TABLE = "the attached index's table"
    VIEW_SOURCES = "the tables the materialized view reads"
    VIEW_SOURCE_INDEXES = "the indexes of the tables the materialized view reads"


@dataclass(frozen=True, slots=True)
class LockSpec:
    """`mode` on `target`; `mode=None` means the mode the statement names (LOCK TABLE)."""

    target: Target
    mode: LockMode | None


def on(target: Target, mode: LockMode | None) -> LockSpec:
    return LockSpec(target, mode)


Match = Callable[["Action", "Context"], bool]


@dataclass(frozen=True, slots=True)
class Entry:
    """One statement form.

    Attributes:
        id: stable identifier, `<family>.<form>` (shown in `Facts.sources`).
        verb: the `Action.verb` this entry is a candidate for.
        form: the form in the reference's words.
        doc: the PostgreSQL documentation anchor (relative to /docs/current/).
        locks: the table-level locks taken.
        rewrite / scan: rewrites the table (new relfilenode) / reads all of it under the lock.
        row_locks: locks every row it changes until commit (a whole-table UPDATE/DELETE).
        some_row_locks: locks the rows a WHERE clause selects until commit: how many is unknown,
            so writers of those rows may wait (risk at least `caution`, never `safe`).
        transactional: may run inside a transaction block.
        destructive / backward_incompatible: loses data / breaks the running application.
        fails_on_data: fails on a table that has rows (e.g. ADD COLUMN NOT NULL without default).
        reason: one sentence a user reads.
        test: extra condition on the action and context (None: any action of `verb`).
        when: version condition (None: every supported version).
        setup / example: SQL run by the verification suite (setup is an earlier migration).
        verify: False when the example cannot run on a throwaway server (say why in `reason`).
        needs: extensions the example needs.
        recurse: the TABLE/LISTED locks also land on every partition of a partitioned table.
        overrides: when this entry applies, the other entries of the verb do not (a no-op form,
            e.g. ADD COLUMN IF NOT EXISTS of a column that exists).
    """

    id: str
    verb: str
    form: str
    doc: str
    locks: tuple[LockSpec, ...]
    reason: str
    rewrite: bool = False
    scan: bool = False
    row_locks: bool = False
    some_row_locks: bool = False
    transactional: bool = True
    destructive: bool = False
    backward_incompatible: bool = False
    fails_on_data: bool = False
    test: Match | None = None
    when: Callable[[Capabilities], bool] | None = None
    setup: str = ""
    example: str = ""
    verify: bool = True
    needs: tuple[str, ...] = ()
    recurse: bool = True
    overrides: bool = False

    def applies(self, action: Action, ctx: Context) -> bool:
        if self.when is not None and not self.when(ctx.caps):
            return False
        return self.test is None or self.test(action, ctx)

    @property
    def url(self) -> str:
        return DOCS + self.doc
