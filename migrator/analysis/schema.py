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
from migrator.sql.statement import Statement


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
    on_delete: str | None = None  # foreign keys: CASCADE | SET NULL | SET DEFAULT | RESTRICT | None (NO ACTION)
    on_update: str | None = None


@dataclass(frozen=True, slots=True)
class IndexModel:
    name: str  # schema-qualified
    table: str
    columns: tuple[str, ...] = ()
    unique: bool = False
    partitioned: bool = False
    expression_columns: tuple[str, ...] = ()  # columns used inside index expressions


@dataclass(frozen=True, slots=True)
class FunctionModel:
    """A function or procedure created by an earlier statement: its declared volatility (which
    decides whether a DEFAULT calling it rewrites) and, for LANGUAGE sql bodies and DO-like
    procedures, the statements of its body (which a CALL runs)."""

    name: str  # schema-qualified, lower-cased unless quoted
    volatility: str = "volatile"  # immutable | stable | volatile (PostgreSQL's default: volatile)
    procedure: bool = False
    body: tuple[Statement, ...] = ()


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
    clustered_index: str | None = None  # CLUSTER ON / CLUSTER … USING: what a bare CLUSTER uses
    triggers: tuple[tuple[str, str], ...] = ()  # (trigger name, schema-qualified function)
    inherits: tuple[str, ...] = ()  # inheritance parents (INHERITS / INHERIT), not partitioning

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
    """Relations and types known from earlier statements. Names are schema-qualified.

    `tables` and `indexes` are readable dicts; change them only through the methods, which keep
    the lookup maps (indexes by table, partitions by parent, foreign keys by referenced table)
    up to date, so each lookup costs the size of its answer, not the size of the schema.
    """

    tables: dict[str, TableModel] = field(default_factory=dict)
    indexes: dict[str, IndexModel] = field(default_factory=dict)
    enums: set[str] = field(default_factory=set)
    domains: dict[str, bool] = field(default_factory=dict)  # name -> has a CHECK constraint
    domain_base: dict[str, TypeRef] = field(default_factory=dict)
    sequences: set[str] = field(default_factory=set)
    functions: dict[str, FunctionModel] = field(default_factory=dict)
    _indexes_by_table: dict[str, dict[str, None]] = field(default_factory=dict, repr=False)
    _children: dict[str, dict[str, None]] = field(default_factory=dict, repr=False)
    _referenced_by: dict[str, dict[str, int]] = field(default_factory=dict, repr=False)
    _inheritors: dict[str, dict[str, None]] = field(default_factory=dict, repr=False)
    # Constraints added earlier in these migrations to tables the model does not know (created
    # outside them): a CHECK (c IS NOT NULL) validated here still makes a later SET NOT NULL cheap.
    outside_constraints: dict[str, dict[str, ConstraintModel]] = field(default_factory=dict)

    def copy(self) -> SchemaModel:
        return SchemaModel(
            dict(self.tables), dict(self.indexes), set(self.enums), dict(self.domains),
            dict(self.domain_base), set(self.sequences), dict(self.functions),
            {k: dict(v) for k, v in self._indexes_by_table.items()},
            {k: dict(v) for k, v in self._children.items()},
            {k: dict(v) for k, v in self._referenced_by.items()},
            {k: dict(v) for k, v in self._inheritors.items()},
            {k: dict(v) for k, v in self.outside_constraints.items()},
        )

    # ---- queries ---------------------------------------------------------------------------

    def table(self, name: str) -> TableModel | None:
        return self.tables.get(name)

    def has_relation(self, name: str) -> bool:
        return name in self.tables or name in self.indexes or name in self.sequences

    def indexes_of(self, table: str) -> tuple[str, ...]:
        return tuple(self._indexes_by_table.get(table, ()))

    def indexes_on_column(self, table: str, column: str) -> tuple[str, ...]:
        return tuple(i for i in self._indexes_by_table.get(table, ())
                     if column in self.indexes[i].columns or column in self.indexes[i].expression_columns)

    def partitions_of(self, table: str) -> tuple[str, ...]:
        return tuple(self._children.get(table, ()))

    def has_descendants(self, table: str) -> bool:
        """The table has partitions or inheritance children (a cheap test for the common case)."""
        return bool(self._children.get(table)) or bool(self._inheritors.get(table))

    def inheritance_children(self, table: str) -> tuple[str, ...]:
        return tuple(self._inheritors.get(table, ()))

    def default_partition_of(self, table: str) -> str | None:
        for name in self._children.get(table, ()):
            if self.tables[name].is_default_partition:
                return name
        return None

    def referencing_tables(self, table: str) -> tuple[str, ...]:
        """Tables with a foreign key to `table` (other than itself)."""
        return tuple(t for t in self._referenced_by.get(table, ()) if t != table)

    def referenced_tables(self, table: str) -> tuple[str, ...]:
        t = self.tables.get(table)
        if t is None:
            return ()
        return tuple(dict.fromkeys(
            c.referenced for c in t.constraints
            if c.kind is ConstraintKind.FOREIGN_KEY and c.referenced and c.referenced != table
        ))

    def tables_using_domain(self, domain: str) -> tuple[str, ...]:
        """Tables with a column of the domain (or enum/composite type) `domain`."""
        short = domain.split(".", 1)[-1]
        return tuple(
            t.name for t in self.tables.values()
            if any(c.domain == domain or (c.type is not None and c.type.base in (domain, short)) for c in t.columns)
        )

    def valid_not_null_check(self, table: str, column: str) -> bool:
        t = self.tables.get(table)
        constraints = t.constraints if t is not None else tuple(self.outside_constraints.get(table, {}).values())
        return any(
            c.kind is ConstraintKind.CHECK and c.valid and c.not_null_column == column for c in constraints
        )

    def constraint_of(self, table: str, name: str) -> ConstraintModel | None:
        """A constraint by name, also on a table the model does not know (added in these migrations)."""
        t = self.tables.get(table)
        if t is not None:
            return t.constraint(name)
        return self.outside_constraints.get(table, {}).get(name)

    def declared_volatility(self) -> dict[str, str]:
        """User functions' declared volatility by qualified and by bare name (the bare name maps
        to the most volatile of the functions that share it)."""
        order = {"immutable": 0, "stable": 1, "volatile": 2}
        out: dict[str, str] = {}
        for f in self.functions.values():
            out[f.name] = f.volatility
            bare = f.name.split(".", 1)[-1]
            if order[f.volatility] >= order.get(out.get(bare, "immutable"), 0):
                out[bare] = f.volatility
        return out

    def index_table(self, index: str) -> str | None:
        i = self.indexes.get(index)
        return None if i is None else i.table

    def tables_in_schema(self, schema: str) -> tuple[str, ...]:
        prefix = f"{schema}."
        return tuple(n for n, t in self.tables.items() if n.startswith(prefix) and t.kind != "view")

    def referencing_by_action(self, table: str, event: str, writes: bool) -> tuple[str, ...]:
        """Tables whose foreign keys to `table` modify their rows when a referenced row is deleted or
        its key updated (`event` "delete" | "update"; CASCADE / SET NULL / SET DEFAULT: `writes`), or
        only check them (NO ACTION / RESTRICT: not `writes`)."""
        out: list[str] = []
        for name in self.referencing_tables(table):
            t = self.tables.get(name)
            if t is None:
                continue
            for c in t.constraints:
                if c.kind is not ConstraintKind.FOREIGN_KEY or c.referenced != table:
                    continue
                action = c.on_delete if event == "delete" else c.on_update
                if (action in ("CASCADE", "SET NULL", "SET DEFAULT")) == writes:
                    out.append(name)
                    break
        return tuple(out)

    def tables_with_trigger_function(self, functions: Iterable[str]) -> tuple[str, ...]:
        wanted = set(functions)
        return tuple(n for n, t in self.tables.items() if any(f in wanted for _, f in t.triggers))

    def dependent_views(self, relations: Iterable[str]) -> tuple[str, ...]:
        """Views and materialized views that read any of `relations`, directly or through other views."""
        found: list[str] = []
        frontier = set(relations)
        while frontier:
            nxt = {n for n, t in self.tables.items() if t.kind != "table" and n not in found
                   and any(src in frontier for src in t.sources)}
            found.extend(sorted(nxt))
            frontier = nxt
        return tuple(found)

    def partition_indexes(self, index: str) -> tuple[str, ...]:
        """The partitions' indexes that match a partitioned index (same columns and expressions)."""
        parent = self.indexes.get(index)
        if parent is None:
            return ()
        out: list[str] = []
        stack = list(self.partitions_of(parent.table))
        while stack:
            part = stack.pop(0)
            for name in self._indexes_by_table.get(part, ()):
                i = self.indexes[name]
                if i.columns == parent.columns and i.expression_columns == parent.expression_columns:
                    out.append(name)
                    break
            stack.extend(self.partitions_of(part))
        return tuple(out)

    def clustered_tables(self) -> tuple[str, ...]:
        return tuple(n for n, t in self.tables.items() if t.clustered_index)

    def all_table_names(self) -> Iterator[str]:
        return iter(self.tables)

    # ---- lookup-map maintenance ------------------------------------------------------------

    def _link(self, t: TableModel) -> None:
        if t.parent:
            self._children.setdefault(t.parent, {})[t.name] = None
        for p in t.inherits:
            self._inheritors.setdefault(p, {})[t.name] = None
        for c in t.constraints:
            if c.kind is ConstraintKind.FOREIGN_KEY and c.referenced:
                refs = self._referenced_by.setdefault(c.referenced, {})
                refs[t.name] = refs.get(t.name, 0) + 1

    def _unlink(self, t: TableModel) -> None:
        if t.parent and t.parent in self._children:
            self._children[t.parent].pop(t.name, None)
        for p in t.inherits:
            if p in self._inheritors:
                self._inheritors[p].pop(t.name, None)
        for c in t.constraints:
            if c.kind is ConstraintKind.FOREIGN_KEY and c.referenced and c.referenced in self._referenced_by:
                refs = self._referenced_by[c.referenced]
                left = refs.get(t.name, 0) - 1
                if left > 0:
                    refs[t.name] = left
                else:
                    refs.pop(t.name, None)

    def _set(self, t: TableModel) -> None:
        old = self.tables.get(t.name)
        if old is not None:
            self._unlink(old)
        self.tables[t.name] = t
        self._link(t)

    # ---- updates ---------------------------------------------------------------------------

    def put_table(self, table: TableModel) -> None:
        self._set(table)

    def add_index(self, index: IndexModel) -> None:
        self.remove_index(index.name)
        self.indexes[index.name] = index
        self._indexes_by_table.setdefault(index.table, {})[index.name] = None

    def remove_index(self, name: str) -> IndexModel | None:
        idx = self.indexes.pop(name, None)
        if idx is not None and idx.table in self._indexes_by_table:
            self._indexes_by_table[idx.table].pop(name, None)
        return idx

    def rename_index(self, old: str, new: str) -> None:
        idx = self.remove_index(old)
        if idx is not None:
            self.add_index(replace(idx, name=new))

    def drop_table(self, name: str) -> None:
        t = self.tables.pop(name, None)
        if t is not None:
            self._unlink(t)
        for idx in list(self._indexes_by_table.pop(name, {})):
            self.indexes.pop(idx, None)
        for child in list(self._children.pop(name, {})):
            self.drop_table(child)

    def drop_foreign_keys_to(self, referenced: str) -> None:
        """Remove every foreign key that references `referenced` (DROP TABLE … CASCADE)."""
        for name in list(self._referenced_by.get(referenced, ())):
            t = self.tables.get(name)
            if t is not None:
                self._set(replace(t, constraints=tuple(c for c in t.constraints if c.referenced != referenced)))

    def rename_table(self, old: str, new: str) -> None:
        t = self.tables.get(old)
        if t is None:
            return
        referencing = [r for r in self._referenced_by.get(old, ()) if r != old]
        children = list(self._children.get(old, ()))
        self.drop_table_entry(old)
        self._set(replace(t, name=new, constraints=tuple(
            replace(c, referenced=new) if c.referenced == old else c for c in t.constraints)))
        for idx in list(self._indexes_by_table.pop(old, {})):
            self.add_index(replace(self.indexes[idx], table=new))
        for child in children:
            self._set(replace(self.tables[child], parent=new))
        for r in referencing:
            other = self.tables[r]
            self._set(replace(other, constraints=tuple(
                replace(c, referenced=new) if c.referenced == old else c for c in other.constraints)))

    def drop_table_entry(self, name: str) -> None:
        """Forget the table itself (not its indexes or partitions): used by renames."""
        t = self.tables.pop(name, None)
        if t is not None:
            self._unlink(t)

    def update_table(self, name: str, **changes: object) -> None:
        t = self.tables.get(name)
        if t is not None:
            self._set(replace(t, **changes))  # type: ignore[arg-type]

    def set_column(self, table: str, column: ColumnModel) -> None:
        t = self.tables.get(table)
        if t is None:
            return
        cols = tuple(column if c.name == column.name else c for c in t.columns)
        if column.name not in {c.name for c in t.columns}:
            cols = t.columns + (column,)
        self.tables[table] = replace(t, columns=cols)  # columns do not affect the lookup maps

    def drop_column(self, table: str, column: str) -> None:
        t = self.tables.get(table)
        if t is None:
            return
        self._set(replace(
            t,
            columns=tuple(c for c in t.columns if c.name != column),
            constraints=tuple(c for c in t.constraints if column not in c.columns),
        ))
        for idx in self.indexes_on_column(table, column):
            self.remove_index(idx)

    def rename_column(self, table: str, old: str, new: str) -> None:
        t = self.tables.get(table)
        if t is None:
            return
        self._set(replace(
            t,
            columns=tuple(replace(c, name=new) if c.name == old else c for c in t.columns),
            constraints=tuple(
                replace(c, columns=_ren(c.columns, old, new),
                        not_null_column=new if c.not_null_column == old else c.not_null_column)
                for c in t.constraints
            ),
        ))
        for idx in self.indexes_on_column(table, old):
            i = self.indexes[idx]
            self.indexes[idx] = replace(i, columns=_ren(i.columns, old, new),
                                        expression_columns=_ren(i.expression_columns, old, new))

    def add_constraint(self, table: str, constraint: ConstraintModel) -> None:
        t = self.tables.get(table)
        if t is None:
            if constraint.name:
                self.outside_constraints.setdefault(table, {})[constraint.name] = constraint
            return
        others = tuple(c for c in t.constraints if c.name != constraint.name)
        self._set(replace(t, constraints=others + (constraint,)))

    def drop_constraint(self, table: str, name: str) -> ConstraintModel | None:
        t = self.tables.get(table)
        if t is None:
            return self.outside_constraints.get(table, {}).pop(name, None)
        found = t.constraint(name)
        self._set(replace(t, constraints=tuple(c for c in t.constraints if c.name != name)))
        if found is not None and found.index:
            self.remove_index(found.index)
        return found


def _ren(cols: Iterable[str], old: str, new: str) -> tuple[str, ...]:
    return tuple(new if c == old else c for c in cols)
