"""The rewrites, one module per statement form; `REWRITES` is explicit and ordered: the first
rewrite whose `applies` is true plans the statement, and `Passthrough` (last) takes the rest."""

from __future__ import annotations

from migrator.planner.rewrites.add_check import AddCheck
from migrator.planner.rewrites.add_column import AddColumn
from migrator.planner.rewrites.add_foreign_key import AddForeignKey
from migrator.planner.rewrites.add_primary_key import AddPrimaryKey
from migrator.planner.rewrites.add_unique import AddUnique
from migrator.planner.rewrites.alter_column_type import AlterColumnType
from migrator.planner.rewrites.attach_partition import AttachPartition
from migrator.planner.rewrites.base import BaseRewrite, PlanContext, Rewrite, Rewritten, StepDraft
from migrator.planner.rewrites.batched_dml import BatchedDml
from migrator.planner.rewrites.create_index import CreateIndex
from migrator.planner.rewrites.drop import Drop
from migrator.planner.rewrites.drop_index import DropIndex
from migrator.planner.rewrites.passthrough import Passthrough
from migrator.planner.rewrites.reindex import Reindex
from migrator.planner.rewrites.rename_column import RenameColumn
from migrator.planner.rewrites.rename_table import RenameTable
from migrator.planner.rewrites.set_not_null import SetNotNull
from migrator.planner.rewrites.unsafe import Unsafe

REWRITES: tuple[BaseRewrite, ...] = (
    CreateIndex(),
    DropIndex(),
    Reindex(),
    AddForeignKey(),
    AddCheck(),
    AddPrimaryKey(),
    AddUnique(),
    SetNotNull(),
    AddColumn(),
    AlterColumnType(),
    RenameColumn(),
    RenameTable(),
    AttachPartition(),
    Drop(),
    BatchedDml(),
    Unsafe(),
    Passthrough(),
)

__all__ = ["REWRITES", "BaseRewrite", "PlanContext", "Rewrite", "Rewritten", "StepDraft"]
