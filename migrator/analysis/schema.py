"""The schema model: what earlier migrations created, against which later statements are analysed.

Tables (columns with type, nullability and default; constraints with their validity; indexes;
partitioning), enum types, domains and sequences. The analyzer updates it statement by statement
(`SchemaModel` is a mutable registry of frozen values: each change replaces one `TableModel`), so
analysing a file costs one pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum

from migrator.analysis.pg.coercion import TypeRef


class ConstraintKind(StrEnum):
    CHECK = "check"
    UNIQUE = "unique"
    PRIMARY_KEY = "primary key"
    FOREIGN_KEY = "foreign key"
    EXCLUDE = "exclude"
    NOT_NULL = "not null"


@dataclass(frozen=True, slots=True)
class ColumnModel:
    name: str
    type: TypeRef | None
    nullable: bool = True
    has_default: bool = False
    domain: str | None = None


@dataclass(frozen=True, slots=True)
class ConstraintModel:
    """A table constraint. `not_null_column` is set for a CHECK that is exactly `col IS NOT NULL`
    (which lets SET NOT NULL skip its scan on PG 12+ once the check is valid)."""

    name: str
    kind: ConstraintKind
    columns: tuple[str, ...] = ()
    valid: bool = True
    referenced: str | None = None
    not_null_column: str | None = None
    index: str | None = None


@dataclass(frozen=True, slots=True)
class IndexModel:
    name: str  # schema-qualified
    table: str
    columns: tuple[str, ...] = ()
    unique: bool = False
    partitioned: bool = False


@dataclass(frozen=True, slots=True)
class TableModel:
    name: str  # schema-qualified
    columns: tuple[ColumnModel, ...] = ()
    constraints: tuple[ConstraintModel, ...] = ()
    partitioned: bool = False
    parent: str | None = None
    is_default_partition: bool = False
    kind: str = "table"  # table | view | materialized view
    sequences: tuple[str, ...] = ()  # owned sequences (serial / identity)
    sources: tuple[str, ...] = ()  # views and materialized views: the relations they read

    def column(self, name: str) -> ColumnModel | None:
        for c in self.columns:
            if c.name == name:
                return c
        return None

    def constraint(self, name: str) -> ConstraintModel | None:
        for c in self.constraints:
            if c.name == name:
                return c
        return None


@dataclass(slots=True)
class SchemaModel:
    """Relations and types known from earlier statements. Names are schema-qualified."""

    tables: dict[str, TableModel] = field(default_factory=dict)
    indexes: dict[str, IndexModel] = field(default_factory=dict)
    enums: set[str] = field(default_factory=set)
    domains: dict[str, bool] = field(default_factory=dict)  # name -> has a CHECK constraint
    domain_base: dict[str, TypeRef] = field(default_factory=dict)
    sequences: set[str] = field(default_factory=set)

    def copy(self) -> SchemaModel:
        return SchemaModel(
            dict(self.tables), dict(self.indexes), set(self.enums), dict(self.domains),
            dict(self.domain_base), set(self.sequences),
        )

    # ---- queries ---------------------------------------------------------------------------

    def table(self, name: str) -> TableModel | None:
        return self.tables.get(name)

    def has_relation(self, name: str) -> bool:
        return name in self.tables or name in self.indexes or name in self.sequences

    def indexes_of(self, table: str) -> tuple[str, ...]:
        return tuple(i.name for i in self.indexes.values() if i.table == table)

    def indexes_on_column(self, table: str, column: str) -> tuple[str, ...]:
        return tuple(i.name for i in self.indexes.values() if i.table == table and column in i.columns)

    def partitions_of(self, table: str) -> tuple[str, ...]:
        return tuple(t.name for t in self.tables.values() if t.parent == table)

    def default_partition_of(self, table: str) -> str | None:
        for t in self.tables.values():
            if t.parent == table and t.is_default_partition:
                return t.name
        return None

    def referencing_tables(self, table: str) -> tuple[str, ...]:
        """Tables with a foreign key to `table` (other than itself)."""
        out = []
        for t in self.tables.values():
            if t.name == table:
                continue
            if any(c.kind is ConstraintKind.FOREIGN_KEY and c.referenced == table for c in t.constraints):
                out.append(t.name)
        return tuple(out)

    def referenced_tables(self, table: str) -> tuple[str, ...]:
        t = self.tables.get(table)
        if t is None:
            return ()
        return tuple(dict.fromkeys(
            c.referenced for c in t.constraints
            if c.kind is ConstraintKind.FOREIGN_KEY and c.referenced and c.referenced != table
        ))

    def tables_using_domain(self, domain: str) -> tuple[str, ...]:
        short = domain.split(".", 1)[-1]
        return tuple(
            t.name for t in self.tables.values()
            if any(c.domain == domain or (c.type is not None and c.type.base in (domain, short)) for c in t.columns)
        )

    def valid_not_null_check(self, table: str, column: str) -> bool:
        t = self.tables.get(table)
        if t is None:
            return False
        return any(
            c.kind is ConstraintKind.CHECK and c.valid and c.not_null_column == column for c in t.constraints
        )

    def index_table(self, index: str) -> str | None:
        i = self.indexes.get(index)
        return None if i is None else i.table

    # ---- updates ---------------------------------------------------------------------------

    def put_table(self, table: TableModel) -> None:
        self.tables[table.name] = table

    def drop_table(self, name: str) -> None:
        self.tables.pop(name, None)
        for k in [k for k, i in self.indexes.items() if i.table == name]:
            del self.indexes[k]
        for t in list(self.tables.values()):
            if t.parent == name:
                self.tables.pop(t.name, None)

    def rename_table(self, old: str, new: str) -> None:
        t = self.tables.pop(old, None)
        if t is None:
            return
        self.tables[new] = replace(t, name=new)
        for k, i in list(self.indexes.items()):
            if i.table == old:
                self.indexes[k] = replace(i, table=new)
        for k, other in list(self.tables.items()):
            if other.parent == old:
                self.tables[k] = replace(other, parent=new)
            if any(c.referenced == old for c in other.constraints):
                self.tables[k] = replace(other, constraints=tuple(
                    replace(c, referenced=new) if c.referenced == old else c for c in other.constraints))

    def update_table(self, name: str, **changes: object) -> None:
        t = self.tables.get(name)
        if t is not None:
            self.tables[name] = replace(t, **changes)  # type: ignore[arg-type]

    def set_column(self, table: str, column: ColumnModel) -> None:
        t = self.tables.get(table)
        if t is None:
            return
        cols = tuple(column if c.name == column.name else c for c in t.columns)
        if column.name not in {c.name for c in t.columns}:
            cols = t.columns + (column,)
        self.tables[table] = replace(t, columns=cols)

    def drop_column(self, table: str, column: str) -> None:
        t = self.tables.get(table)
        if t is None:
            return
        self.tables[table] = replace(
            t,
            columns=tuple(c for c in t.columns if c.name != column),
            constraints=tuple(c for c in t.constraints if column not in c.columns),
        )
        for k in [k for k, i in self.indexes.items() if i.table == table and column in i.columns]:
            del self.indexes[k]

    def rename_column(self, table: str, old: str, new: str) -> None:
        t = self.tables.get(table)
        if t is None:
            return
        self.tables[table] = replace(
            t,
            columns=tuple(replace(c, name=new) if c.name == old else c for c in t.columns),
            constraints=tuple(
                replace(c, columns=_ren(c.columns, old, new),
                        not_null_column=new if c.not_null_column == old else c.not_null_column)
                for c in t.constraints
            ),
        )
        for k, i in list(self.indexes.items()):
            if i.table == table and old in i.columns:
                self.indexes[k] = replace(i, columns=_ren(i.columns, old, new))

    def add_constraint(self, table: str, constraint: ConstraintModel) -> None:
        t = self.tables.get(table)
        if t is None:
            return
        others = tuple(c for c in t.constraints if c.name != constraint.name)
        self.tables[table] = replace(t, constraints=others + (constraint,))

    def drop_constraint(self, table: str, name: str) -> ConstraintModel | None:
        t = self.tables.get(table)
        if t is None:
            return None
        found = t.constraint(name)
        self.tables[table] = replace(t, constraints=tuple(c for c in t.constraints if c.name != name))
        if found is not None and found.index:
            self.indexes.pop(found.index, None)
        return found

    def all_table_names(self) -> Iterator[str]:
        return iter(self.tables)


def _ren(cols: Iterable[str], old: str, new: str) -> tuple[str, ...]:
    return tuple(new if c == old else c for c in cols)
