"""Update the schema model and the migration context with what one statement did."""

from __future__ import annotations

from dataclasses import replace

from migrator.analysis.actions import Action, ColumnSpec, ConstraintSpec
from migrator.analysis.context import Context
from migrator.analysis.from_ast import not_null_column
from migrator.analysis.schema import (
    ColumnModel,
    ConstraintKind,
    ConstraintModel,
    IndexModel,
    TableModel,
)

_UTC_NAMES = frozenset(
    {"utc", "etc/utc", "gmt", "etc/gmt", "zulu", "z", "universal", "etc/universal", "greenwich",
     "etc/greenwich", "utc0", "gmt0", "etc/gmt0", "etc/gmt+0", "etc/gmt-0", "0", "+0", "-0", "00:00",
     "+00:00", "uct", "etc/uct", "etc/zulu"}
)

_KIND = {
    "CHECK": ConstraintKind.CHECK, "UNIQUE": ConstraintKind.UNIQUE, "PRIMARY KEY": ConstraintKind.PRIMARY_KEY,
    "FOREIGN KEY": ConstraintKind.FOREIGN_KEY, "EXCLUDE": ConstraintKind.EXCLUDE, "NOT NULL": ConstraintKind.NOT_NULL,
}


def _short(qualified: str) -> str:
    return qualified.split(".", 1)[1]


def _schema_of(qualified: str) -> str:
    return qualified.split(".", 1)[0]


def _column_model(spec: ColumnSpec, ctx: Context) -> ColumnModel:
    domain = None
    if spec.type is not None:
        name = spec.type.base if "." in spec.type.base else f"public.{spec.type.base}"
        if name in ctx.schema.domains:
            domain = name
    return ColumnModel(
        name=spec.name, type=spec.type,
        nullable=not (spec.not_null or spec.primary_key or spec.serial or spec.identity),
        has_default=spec.default is not None or spec.serial or spec.identity, domain=domain,
    )


def _constraint_model(table: str, spec: ConstraintSpec, ctx: Context) -> ConstraintModel:
    short = _short(table)
    cols = spec.columns
    kind = _KIND[spec.kind]
    if spec.name:
        name = spec.name
    elif kind is ConstraintKind.PRIMARY_KEY:
        name = f"{short}_pkey"
    elif kind is ConstraintKind.UNIQUE:
        name = f"{short}_{'_'.join(cols)}_key"
    elif kind is ConstraintKind.FOREIGN_KEY:
        name = f"{short}_{'_'.join(cols)}_fkey"
    elif kind is ConstraintKind.CHECK:
        name = f"{short}_{cols[0]}_check" if cols else f"{short}_check"
    elif kind is ConstraintKind.NOT_NULL:
        name = f"{short}_{cols[0]}_not_null" if cols else f"{short}_not_null"
    else:
        name = f"{short}_excl"
    index = None
    if kind in (ConstraintKind.PRIMARY_KEY, ConstraintKind.UNIQUE, ConstraintKind.EXCLUDE):
        index = f"{_schema_of(table)}.{spec.using_index or name}"
    return ConstraintModel(
        name=name, kind=kind, columns=cols, valid=not spec.not_valid, referenced=spec.references,
        not_null_column=not_null_column(spec.check) if kind is ConstraintKind.CHECK else None, index=index,
        on_delete=spec.on_delete, on_update=spec.on_update,
    )


def _add_constraint(table: str, spec: ConstraintSpec, ctx: Context, new: bool) -> None:
    model = _constraint_model(table, spec, ctx)
    if spec.using_index:
        idx = ctx.schema.indexes.get(model.index or "")
        if idx is not None:
            model = replace(model, columns=idx.columns)
            ctx.schema.rename_index(idx.name, model.index or idx.name)
    ctx.schema.add_constraint(table, model)
    if model.index and not spec.using_index:
        t = ctx.schema.table(table)
        partitioned = t is not None and t.partitioned
        ctx.schema.add_index(IndexModel(model.index, table, model.columns, unique=True, partitioned=partitioned))
        if new:
            ctx.new_relations.add(model.index)
        if partitioned and model.kind in (ConstraintKind.PRIMARY_KEY, ConstraintKind.UNIQUE):
            _add_partition_key_indexes(table, model, ctx, new)
    if model.kind in (ConstraintKind.PRIMARY_KEY,) or (model.kind is ConstraintKind.NOT_NULL and model.valid):
        for col in model.columns:
            t = ctx.schema.table(table)
            c = t.column(col) if t else None
            if c is not None:
                ctx.schema.set_column(table, replace(c, nullable=False))


def _add_partition_key_indexes(table: str, model: ConstraintModel, ctx: Context, new: bool) -> None:
    """A key on a partitioned table creates a matching index on every partition (named as
    PostgreSQL names them: `<partition>_pkey`, `<partition>_<cols>_key`)."""
    stack = list(ctx.schema.partitions_of(table))
    while stack:
        part = stack.pop(0)
        suffix = "pkey" if model.kind is ConstraintKind.PRIMARY_KEY else f"{'_'.join(model.columns)}_key"
        name = f"{_schema_of(part)}.{_short(part)}_{suffix}"
        p = ctx.schema.table(part)
        ctx.schema.add_index(IndexModel(name, part, model.columns, unique=True, partitioned=bool(p and p.partitioned)))
        if new or ctx.is_new(part):
            ctx.new_relations.add(name)
        stack.extend(ctx.schema.partitions_of(part))


def _inline_constraints(table: str, spec: ColumnSpec) -> list[ConstraintSpec]:
    out = []
    if spec.primary_key:
        out.append(ConstraintSpec(None, "PRIMARY KEY", columns=(spec.name,)))
    if spec.unique:
        out.append(ConstraintSpec(None, "UNIQUE", columns=(spec.name,)))
    if spec.references:
        out.append(ConstraintSpec(None, "FOREIGN KEY", columns=(spec.name,), references=spec.references,
                                  on_delete=spec.on_delete, on_update=spec.on_update))
    if spec.check is not None:
        out.append(ConstraintSpec(None, "CHECK", columns=(spec.name,), check=spec.check))
    return out


def _add_column(table: str, spec: ColumnSpec, ctx: Context, new: bool) -> None:
    ctx.schema.set_column(table, _column_model(spec, ctx))
    if spec.serial or spec.identity:
        seq = f"{_schema_of(table)}.{_short(table)}_{spec.name}_seq"
        ctx.schema.sequences.add(seq)
        ctx.new_relations.add(seq)
        t = ctx.schema.table(table)
        if t is not None:
            ctx.schema.update_table(table, sequences=t.sequences + (seq,))
    for cons in _inline_constraints(table, spec):
        _add_constraint(table, cons, ctx, new)


def apply_action(a: Action, ctx: Context) -> None:
    """Record the effect of `a` in `ctx.schema` and `ctx` (called after its facts are computed)."""
    schema = ctx.schema
    verb = a.verb
    if verb in ("CREATE TABLE", "CREATE TABLE/PARTITION OF"):
        if a.table is None or ("IF NOT EXISTS" in a.flags and schema.table(a.table) is not None):
            return
        columns: tuple[ColumnModel, ...] = ()
        parent_model = schema.table(a.partition_of) if a.partition_of else None
        if parent_model is not None:
            columns = parent_model.columns
        for like in a.tables:
            src = schema.table(like)
            if src is not None:
                columns += src.columns
        inherits = a.extra if verb == "CREATE TABLE" else ()
        for parent in inherits:
            src = schema.table(parent)
            if src is not None:
                columns += src.columns
        schema.put_table(TableModel(
            name=a.table, columns=columns, partitioned=a.partitioned, parent=a.partition_of,
            is_default_partition=a.partition_default, inherits=inherits,
        ))
        ctx.new_relations.add(a.table)
        for spec in a.columns:
            _add_column(a.table, spec, ctx, new=True)
        for cons in a.constraints:
            _add_constraint(a.table, cons, ctx, new=True)
        if parent_model is not None:
            for idx in [i for i in schema.indexes.values() if i.table == a.partition_of]:
                name = f"{_schema_of(a.table)}.{_short(a.table)}_{'_'.join(idx.columns)}_idx"
                schema.add_index(IndexModel(name, a.table, idx.columns, idx.unique))
                ctx.new_relations.add(name)
        return
    if verb in ("CREATE TABLE AS", "SELECT INTO"):
        if a.table is not None:
            schema.put_table(TableModel(name=a.table))
            ctx.new_relations.add(a.table)
        return
    if verb in ("CREATE VIEW", "CREATE MATERIALIZED VIEW"):
        if a.table is not None:
            kind = "view" if verb == "CREATE VIEW" else "materialized view"
            existed = schema.table(a.table) is not None
            schema.put_table(TableModel(name=a.table, kind=kind, sources=a.tables))
            if not existed:
                ctx.new_relations.add(a.table)
        return
    if verb == "CREATE INDEX":
        if a.table is None:
            return
        name = a.index or f"{_schema_of(a.table)}.{_short(a.table)}_{'_'.join(a.extra) or 'expr'}_idx"
        if "IF NOT EXISTS" in a.flags and name in schema.indexes:
            return
        t = schema.table(a.table)
        schema.add_index(IndexModel(name, a.table, a.extra, unique="UNIQUE" in a.flags,
                                    partitioned=bool(t and t.partitioned), expression_columns=a.expression_columns))
        ctx.new_relations.add(name)
        if t is not None and t.partitioned and "ONLY" not in a.flags:
            for part in schema.partitions_of(a.table):
                pname = f"{_schema_of(part)}.{_short(part)}_{'_'.join(a.extra) or 'expr'}_idx"
                schema.add_index(IndexModel(pname, part, a.extra, unique="UNIQUE" in a.flags,
                                            expression_columns=a.expression_columns))
                ctx.new_relations.add(pname)
        return
    if verb == "CREATE SEQUENCE" and a.name:
        schema.sequences.add(a.name)
        ctx.new_relations.add(a.name)
        return
    if verb == "CREATE TYPE" and a.name and "ENUM" in a.flags:
        schema.enums.add(a.name)
        return
    if verb == "CREATE DOMAIN" and a.name:
        schema.domains[a.name] = "CHECK" in a.flags
        if a.type is not None:
            schema.domain_base[a.name] = a.type
        return
    if verb == "SET":
        if a.name == "timezone":
            ctx.session_utc = bool(a.extra) and a.extra[0] in _UTC_NAMES
        elif a.name == "search_path" and a.extra:
            for part in a.extra[0].split(","):
                part = part.strip().strip('"')
                if part and part != "$user":
                    ctx.default_schema = part
                    break
        return
    if verb.startswith("ALTER TABLE/"):
        _apply_alter_table(a, ctx)
        return
    if verb in ("DROP TABLE", "DROP VIEW", "DROP MATERIALIZED VIEW") and a.table:
        schema.drop_table(a.table)
        if "CASCADE" in a.flags:
            schema.drop_foreign_keys_to(a.table)
        return
    if verb == "CREATE TRIGGER" and a.table and a.name and a.extra:
        t = schema.table(a.table)
        if t is not None:
            schema.update_table(a.table, triggers=tuple(x for x in t.triggers if x[0] != a.name) + ((a.name, a.extra[0]),))
        return
    if verb == "DROP TRIGGER" and a.table and a.name:
        t = schema.table(a.table)
        if t is not None:
            schema.update_table(a.table, triggers=tuple(x for x in t.triggers if x[0] != a.name))
        return
    if verb == "CLUSTER" and a.table and a.index:
        schema.update_table(a.table, clustered_index=a.index)
        return
    if verb == "DROP INDEX" and a.index:
        schema.remove_index(a.index)
        return
    if verb == "DROP SEQUENCE" and a.table:
        schema.sequences.discard(a.table)
        return
    if verb == "DROP TYPE" and a.name:
        schema.enums.discard(a.name)
        return
    if verb == "DROP DOMAIN" and a.name:
        schema.domains.pop(a.name, None)
        return
    if verb == "ALTER INDEX/RENAME TO" and a.index and a.new_name:
        schema.rename_index(a.index, a.new_name)
        return
    if verb in ("ALTER VIEW/RENAME TO", "ALTER MATERIALIZED VIEW/RENAME TO") and a.table and a.new_name:
        schema.rename_table(a.table, a.new_name)
        return
    if verb == "ALTER SEQUENCE/RENAME TO" and a.table and a.new_name:
        if a.table in schema.sequences:
            schema.sequences.discard(a.table)
            schema.sequences.add(a.new_name)
        return
    if verb == "ALTER TYPE/RENAME TO" and a.name and a.new_name:
        if a.name in schema.enums:
            schema.enums.discard(a.name)
            schema.enums.add(a.new_name)
        return
    if verb == "ALTER DOMAIN/ADD CONSTRAINT" and a.name:
        schema.domains[a.name] = True
        return


def _apply_alter_table(a: Action, ctx: Context) -> None:
    schema = ctx.schema
    table = a.table
    if table is None:
        return
    verb = a.verb.split("/", 1)[1]
    t = schema.table(table)
    new = ctx.is_new(table)
    if verb == "ADD COLUMN" and a.column_spec is not None:
        if "IF NOT EXISTS" in a.flags and t is not None and t.column(a.column_spec.name) is not None:
            return
        _add_column(table, a.column_spec, ctx, new)
    elif verb == "DROP COLUMN" and a.column:
        schema.drop_column(table, a.column)
    elif verb == "ALTER COLUMN TYPE" and a.column and t is not None:
        c = t.column(a.column)
        if c is not None:
            schema.set_column(table, replace(c, type=a.type, domain=None))
    elif verb in ("SET NOT NULL", "DROP NOT NULL") and a.column and t is not None:
        c = t.column(a.column)
        if c is not None:
            schema.set_column(table, replace(c, nullable=verb == "DROP NOT NULL"))
    elif verb in ("SET DEFAULT", "DROP DEFAULT") and a.column and t is not None:
        c = t.column(a.column)
        if c is not None:
            schema.set_column(table, replace(c, has_default=verb == "SET DEFAULT"))
    elif verb in ("ADD CONSTRAINT", "ADD CONSTRAINT USING INDEX") and a.constraint is not None:
        _add_constraint(table, a.constraint, ctx, new)
    elif verb == "VALIDATE CONSTRAINT" and a.name:
        validated = schema.constraint_of(table, a.name)
        if validated is not None:
            schema.add_constraint(table, replace(validated, valid=True))
            if validated.kind is ConstraintKind.NOT_NULL and t is not None:
                for col in validated.columns:
                    cm = t.column(col)
                    if cm is not None:
                        schema.set_column(table, replace(cm, nullable=False))
    elif verb == "DROP CONSTRAINT" and a.name:
        schema.drop_constraint(table, a.name)
    elif verb == "RENAME COLUMN" and a.column and a.new_name:
        schema.rename_column(table, a.column, a.new_name)
    elif verb == "RENAME TO" and a.new_name:
        schema.rename_table(table, a.new_name)
        if new:
            ctx.new_relations.add(a.new_name)
    elif verb == "SET SCHEMA" and a.extra and a.extra[0]:
        target = f"{a.extra[0]}.{_short(table)}"
        schema.rename_table(table, target)
        if new:
            ctx.new_relations.add(target)
    elif verb == "RENAME CONSTRAINT" and a.name and a.new_name and t is not None:
        renamed = t.constraint(a.name)
        if renamed is not None:
            schema.drop_constraint(table, a.name)
            idx = None
            if renamed.index:
                idx = f"{_schema_of(table)}.{a.new_name}"
                schema.rename_index(renamed.index, idx)
            schema.add_constraint(table, replace(renamed, name=a.new_name, index=idx))
    elif verb == "INHERIT" and a.name and t is not None:
        kept = tuple(p for p in t.inherits if p != a.name)
        schema.update_table(table, inherits=kept if a.label == "NO INHERIT" else kept + (a.name,))
    elif verb == "CLUSTER ON" and a.index:
        schema.update_table(table, clustered_index=a.index)
    elif verb == "SET WITHOUT CLUSTER":
        schema.update_table(table, clustered_index=None)
    elif verb == "ATTACH PARTITION" and a.name:
        schema.update_table(a.name, parent=table, is_default_partition=a.partition_default)
    elif verb == "DETACH PARTITION" and a.name and "FINALIZE" not in a.flags:
        schema.update_table(a.name, parent=None, is_default_partition=False)
