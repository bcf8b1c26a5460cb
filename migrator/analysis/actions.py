"""The `Action` type: one sub-command of a statement, as the knowledge base matches it.

`from_ast.py` builds Actions from the parser's tree: `verb` is `"<command>/<sub-command>"` in the
words of the PostgreSQL reference (`ALTER TABLE/ADD COLUMN`, `CREATE INDEX`); a form the tree
does not carry gets verb `"<command>/?"` and is analysed as unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlglot import exp

from migrator.analysis.locks import LockMode
from migrator.analysis.pg.coercion import TypeRef

DEFAULT_SCHEMA = "public"


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """A column definition (CREATE TABLE element or ADD COLUMN)."""

    name: str
    type: TypeRef | None
    default: exp.Expr | None = None
    not_null: bool = False
    primary_key: bool = False
    unique: bool = False
    check: exp.Expr | None = None
    references: str | None = None
    identity: bool = False
    serial: bool = False
    generated: str | None = None  # "stored" | "virtual"
    on_delete: str | None = None  # REFERENCES … ON DELETE CASCADE | SET NULL | SET DEFAULT | RESTRICT
    on_update: str | None = None


@dataclass(frozen=True, slots=True)
class ConstraintSpec:
    """A table constraint (ADD CONSTRAINT / CREATE TABLE element)."""

    name: str | None
    kind: str  # CHECK | UNIQUE | PRIMARY KEY | FOREIGN KEY | EXCLUDE | NOT NULL
    columns: tuple[str, ...] = ()
    check: exp.Expr | None = None
    references: str | None = None
    using_index: str | None = None
    not_valid: bool = False
    not_enforced: bool = False
    on_delete: str | None = None  # FOREIGN KEY … ON DELETE CASCADE | SET NULL | SET DEFAULT | RESTRICT
    on_update: str | None = None


@dataclass(frozen=True, slots=True)
class Action:
    """One sub-command of a statement, with what the knowledge base needs to match it."""

    verb: str
    label: str
    table: str | None = None
    index: str | None = None
    column: str | None = None
    name: str | None = None  # constraint / trigger / object name
    new_name: str | None = None
    type: TypeRef | None = None
    using: exp.Expr | None = None
    column_spec: ColumnSpec | None = None
    constraint: ConstraintSpec | None = None
    flags: frozenset[str] = frozenset()
    tables: tuple[str, ...] = ()  # other relations: LOCK/TRUNCATE/DROP lists, query sources
    mode: LockMode | None = None
    columns: tuple[ColumnSpec, ...] = ()
    constraints: tuple[ConstraintSpec, ...] = ()
    partition_of: str | None = None
    partition_default: bool = False
    partitioned: bool = False
    has_where: bool = False
    target_columns: tuple[str, ...] = ()  # UPDATE: the columns SET; INSERT: the column list
    sequences: tuple[str, ...] = ()  # sequences the statement calls nextval()/setval() on
    values_width: int = 0  # INSERT … VALUES: values per row (0: not a VALUES list)
    expression_columns: tuple[str, ...] = ()  # CREATE INDEX: columns used inside index expressions
    extra: tuple[str, ...] = field(default=())  # free-form detail (e.g. SET schema target)


def qualify(parts: tuple[str, ...] | None, default_schema: str = DEFAULT_SCHEMA) -> str | None:
    if not parts:
        return None
    if len(parts) == 1:
        return f"{default_schema}.{parts[0]}"
    return f"{parts[-2]}.{parts[-1]}"


def _in_schema_of(table: str | None, name: str) -> str:
    schema = table.split(".", 1)[0] if table else DEFAULT_SCHEMA
    return f"{schema}.{name}"
