"""Build `Action`s from a statement's sqlglot tree (`MigratorPostgres` nodes).

What a statement is comes from the parser: `Statement.kind` and `Statement.actions` give the verb
of each `Action` (`"ALTER TABLE/ADD COLUMN"`), and the tree's nodes give the names, types,
defaults, constraints and flags. A sub-command the tree does not carry becomes an `…/?` action
(analysed as unknown). Nothing here regenerates SQL.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlglot import exp

from migrator.analysis.actions import Action, ColumnSpec, ConstraintSpec
from migrator.analysis.locks import LockMode
from migrator.analysis.pg.coercion import TypeRef
from migrator.sql import nodes
from migrator.sql.statement import Statement, StatementKind

# --------------------------------------------------------------------------- names


def ident(node: exp.Expr | str | None) -> str | None:
    """The value of an identifier: lower-cased unless quoted."""
    if node is None:
        return None
    if isinstance(node, str):
        return node.lower()
    if isinstance(node, exp.Identifier):
        text = str(node.this)
        return text if node.quoted else text.lower()
    if isinstance(node, (exp.Column, exp.Table)):
        return ident(node.args.get("this"))
    if isinstance(node, exp.Var):
        return str(node.this).lower()
    if isinstance(node, exp.Literal):
        return str(node.this)
    name = getattr(node, "name", None)
    return name.lower() if isinstance(name, str) and name else None


def table_name(node: exp.Expr | None, default_schema: str) -> str | None:
    """`schema.name` of an exp.Table (or a Schema wrapping one)."""
    if node is None:
        return None
    if isinstance(node, exp.Schema):
        node = node.this
    if isinstance(node, exp.Identifier):
        return f"{default_schema}.{ident(node)}"
    if not isinstance(node, exp.Table):
        return None
    name = ident(node.args.get("this"))
    if name is None:
        return None
    schema = ident(node.args.get("db")) or default_schema
    return f"{schema}.{name}"


def _sibling(qualified: str | None, name: str | None) -> str | None:
    if name is None:
        return None
    schema = qualified.split(".", 1)[0] if qualified else "public"
    return f"{schema}.{name}"


# --------------------------------------------------------------------------- types

_DTYPE_NAMES: dict[str, str] = {
    "INT": "integer", "BIGINT": "bigint", "SMALLINT": "smallint", "SERIAL": "integer",
    "BIGSERIAL": "bigint", "SMALLSERIAL": "smallint", "VARCHAR": "character varying",
    "NVARCHAR": "character varying", "CHAR": "character", "NCHAR": "character", "BPCHAR": "character",
    "TEXT": "text", "DECIMAL": "numeric", "FLOAT": "real", "DOUBLE": "double precision",
    "BOOLEAN": "boolean", "TIMESTAMP": "timestamp without time zone",
    "TIMESTAMPTZ": "timestamp with time zone", "TIME": "time without time zone",
    "TIMETZ": "time with time zone", "INTERVAL": "interval", "DATE": "date", "JSON": "json",
    "JSONB": "jsonb", "UUID": "uuid", "VARBINARY": "bytea", "INET": "inet", "BIT": "bit",
    "MONEY": "money", "XML": "xml", "NAME": "name", "OID": "oid", "TSVECTOR": "tsvector",
}
_USER_ALIASES = {"varbit": "bit varying", "cidr": "cidr", "citext": "citext"}
SERIAL_DTYPES = frozenset({"SERIAL", "BIGSERIAL", "SMALLSERIAL"})


def type_ref(dt: exp.Expr | None) -> TypeRef | None:
    if not isinstance(dt, exp.DataType):
        return None
    kind = dt.this.name if hasattr(dt.this, "name") else str(dt.this)
    if kind == "ARRAY":
        inner = type_ref(dt.expressions[0]) if dt.expressions else None
        base = inner.base if inner else "unknown"
        return TypeRef(base=base, mods=inner.mods if inner else (), array=True, text=f"{base}[]")
    mods: list[int] = []
    for param in dt.expressions:
        value = param.this if isinstance(param, exp.DataTypeParam) else param
        try:
            mods.append(int(str(getattr(value, "this", value))))
        except ValueError:
            pass
    if kind == "USERDEFINED":
        raw = str(dt.args.get("kind") or "").strip('"')
        name = raw if raw != raw.lower() and '"' in str(dt.args.get("kind")) else raw.lower()
        base = _USER_ALIASES.get(name, name)
    else:
        base = _DTYPE_NAMES.get(kind, kind.lower())
    text = base + (f"({','.join(map(str, mods))})" if mods else "")
    return TypeRef(base=base, mods=tuple(mods), text=text)


# --------------------------------------------------------------------------- expressions

def not_null_column(check: exp.Expr | None) -> str | None:
    """`c IS NOT NULL` → "c"."""
    node = check
    while isinstance(node, exp.Paren):
        node = node.this
    if isinstance(node, exp.Not) and isinstance(node.this, exp.Is):
        node = exp.Is(this=node.this.this, expression=node.this.expression, negate=True)
    if (isinstance(node, exp.Is) and node.args.get("negate") and isinstance(node.expression, exp.Null)
            and isinstance(node.this, exp.Column)):
        return ident(node.this)
    return None


def _columns_in(node: exp.Expr | None) -> tuple[str, ...]:
    if node is None:
        return ()
    return tuple(dict.fromkeys(c for col in node.find_all(exp.Column) if (c := ident(col)) is not None))


def _ident_list(nodes_: Iterable[exp.Expr]) -> tuple[str, ...]:
    out = []
    for n in nodes_:
        name = ident(n.this if isinstance(n, exp.Ordered) else n)
        if name:
            out.append(name)
    return tuple(out)


# --------------------------------------------------------------------------- column / constraint specs


def column_spec(cd: exp.ColumnDef, default_schema: str) -> ColumnSpec:
    dt = cd.args.get("kind")
    ref = type_ref(dt)
    serial = isinstance(dt, exp.DataType) and getattr(dt.this, "name", "") in SERIAL_DTYPES
    default = None
    not_null = pk = unique = identity = False
    check = None
    refs = None
    generated = None
    on_delete = on_update = None
    for cc in cd.args.get("constraints") or []:
        kind = cc.args.get("kind") if isinstance(cc, exp.ColumnConstraint) else cc
        if isinstance(kind, exp.DefaultColumnConstraint):
            default = kind.this
        elif isinstance(kind, exp.NotNullColumnConstraint):
            not_null = not kind.args.get("allow_null")
        elif isinstance(kind, exp.PrimaryKeyColumnConstraint):
            pk = True
        elif isinstance(kind, exp.UniqueColumnConstraint):
            unique = True
        elif isinstance(kind, exp.CheckColumnConstraint) or type(kind).__name__ == "CheckConstraint":
            check = kind.this if kind is not None else None
        elif isinstance(kind, exp.Reference):
            refs = table_name(kind.this, default_schema)
            on_delete, on_update = _referential_actions(kind)
        elif isinstance(kind, exp.GeneratedAsIdentityColumnConstraint):
            if kind.args.get("expression") is not None:
                generated = "stored"
            else:
                identity = True
        elif isinstance(kind, exp.ComputedColumnConstraint):
            # `persisted` is True for STORED; VIRTUAL (or no keyword, PG 18's default) is virtual.
            generated = "stored" if kind.args.get("persisted") else "virtual"
    return ColumnSpec(
        name=ident(cd.this) or "?", type=ref, default=default,
        not_null=not_null, primary_key=pk, unique=unique, check=check, references=refs,
        identity=identity, serial=serial, generated=generated, on_delete=on_delete, on_update=on_update,
    )


def _referential_actions(ref: exp.Reference) -> tuple[str | None, str | None]:
    """(ON DELETE action, ON UPDATE action) of a REFERENCES clause; None for NO ACTION."""
    on_delete: str | None = None
    on_update: str | None = None
    for option in ref.args.get("options") or []:
        text = " ".join(str(option).upper().split())
        for prefix in ("ON DELETE ", "ON UPDATE "):
            if text.startswith(prefix):
                word = text[len(prefix):]
                action = None if word == "NO ACTION" else word
                if prefix == "ON DELETE ":
                    on_delete = action
                else:
                    on_update = action
    return on_delete, on_update


def constraint_spec(node: exp.Expr, default_schema: str, not_valid: bool) -> ConstraintSpec | None:
    """A table constraint from `AddConstraint` / `Constraint` / bare constraint nodes."""
    name = None
    if isinstance(node, exp.AddConstraint):
        if len(node.expressions) != 1:
            return None
        node = node.expressions[0]
    if isinstance(node, exp.Constraint):
        name = ident(node.this)
        if len(node.expressions) != 1:
            return None
        node = node.expressions[0]
    if type(node).__name__ == "CheckConstraint" or isinstance(node, exp.CheckColumnConstraint):
        body = node.this
        return ConstraintSpec(name, "CHECK", columns=_columns_in(body), check=body, not_valid=not_valid,
                              not_enforced=bool(node.args.get("not_enforced")))
    if isinstance(node, exp.ForeignKey):
        ref = node.args.get("reference")
        target = table_name(ref.this, default_schema) if isinstance(ref, exp.Reference) else None
        options = [str(o).upper() for o in (ref.args.get("options") or [])] if isinstance(ref, exp.Reference) else []
        not_enforced = bool(node.args.get("not_enforced")) or "NOT ENFORCED" in options
        on_delete, on_update = _referential_actions(ref) if isinstance(ref, exp.Reference) else (None, None)
        return ConstraintSpec(name, "FOREIGN KEY", columns=_ident_list(node.expressions), references=target,
                              not_valid=not_valid, not_enforced=not_enforced, on_delete=on_delete, on_update=on_update)
    if isinstance(node, exp.PrimaryKey):
        return ConstraintSpec(name, "PRIMARY KEY", columns=_ident_list(node.expressions))
    if isinstance(node, exp.PrimaryKeyColumnConstraint):
        return ConstraintSpec(name, "PRIMARY KEY", columns=_ident_list(node.expressions or []))
    if isinstance(node, exp.UniqueColumnConstraint):
        schema = node.this
        cols = _ident_list(schema.expressions) if isinstance(schema, exp.Schema) else ()
        return ConstraintSpec(name, "UNIQUE", columns=cols)
    if isinstance(node, exp.ExcludeColumnConstraint):
        return ConstraintSpec(name, "EXCLUDE", not_valid=not_valid)
    return None


# --------------------------------------------------------------------------- statements


def actions_of(stmt: Statement, default_schema: str = "public") -> tuple[Action, ...]:
    """The actions of a parsed statement (never raises; unknown shapes become `…/?`)."""
    tree = stmt.ast
    if tree is None:
        return ()
    try:
        return _dispatch(stmt, tree, default_schema)
    except (AttributeError, IndexError, KeyError, TypeError, ValueError):
        return (Action(verb=f"{stmt.kind.value}/?", label="?"),)


def _dispatch(stmt: Statement, tree: exp.Expr, ds: str) -> tuple[Action, ...]:
    k = stmt.kind
    K = StatementKind
    if isinstance(tree, exp.Alter):
        return _alter(stmt, tree, ds)
    if k is K.CREATE_INDEX:
        return (_create_index(tree, ds),)
    if k in (K.CREATE_TABLE, K.CREATE_TABLE_AS):
        return (_create_table(stmt, tree, ds),)
    if k in (K.CREATE_VIEW, K.CREATE_MATERIALIZED_VIEW):
        verb = k.value
        flags = {"OR REPLACE"} if tree.args.get("replace") else set()
        props = tree.args.get("properties")
        if props is not None and any(isinstance(p, exp.WithDataProperty) and p.args.get("no") for p in props.expressions):
            flags.add("WITH NO DATA")
        return (Action(verb=verb, label="", table=table_name(tree.this, ds), tables=_sources(tree.expression, ds),
                       flags=frozenset(flags)),)
    if k is K.CREATE_SEQUENCE:
        return (Action(verb="CREATE SEQUENCE", label="", name=table_name(tree.this, ds)),)
    if k is K.CREATE_TYPE:
        e = tree.args.get("expression")
        is_enum = isinstance(e, exp.DataType) and getattr(e.this, "name", "") == "ENUM"
        return (Action(verb="CREATE TYPE", label="", name=table_name(tree.this, ds),
                       flags=frozenset({"ENUM"}) if is_enum else frozenset()),)
    if k is K.CREATE_DOMAIN:
        has_check = bool(tree.args.get("constraints")) and any(
            type(c).__name__ == "CheckConstraint" for c in tree.args.get("constraints") or [])
        return (Action(verb="CREATE DOMAIN", label="", name=table_name(tree.this, ds), type=type_ref(tree.args.get("dtype")),
                       flags=frozenset({"CHECK"}) if has_check else frozenset()),)
    if k is K.CREATE_TRIGGER:
        props = tree.args.get("properties")
        tp = next((p for p in props.expressions if isinstance(p, exp.TriggerProperties)), None) if props else None
        table = table_name(tp.args.get("table"), ds) if tp is not None else None
        execute = tp.args.get("execute") if tp is not None else None
        fn = execute.this if isinstance(execute, exp.Expr) else None
        fname = _qualified_function(ident(fn.this) if isinstance(fn, exp.Anonymous) else None, ds)
        return (Action(verb="CREATE TRIGGER", label="", table=table, name=ident(tree.this),
                       extra=(fname,) if fname else ()),)
    if k is K.CREATE_POLICY:
        return (Action(verb="CREATE POLICY", label="", table=table_name(tree.args.get("table"), ds), name=ident(tree.this)),)
    if k is K.ALTER_POLICY:
        return (Action(verb="ALTER POLICY/*", label="", table=table_name(tree.args.get("table"), ds), name=ident(tree.this)),)
    if k is K.DROP_POLICY:
        return (Action(verb="DROP POLICY", label="", table=table_name(tree.args.get("table"), ds), name=ident(tree.this)),)
    if k in (K.CREATE_FUNCTION, K.CREATE_PROCEDURE):
        return (Action(verb="CREATE FUNCTION", label=""),)
    if k in (K.CREATE_EXTENSION, K.CREATE_SCHEMA):
        return (Action(verb=k.value, label=""),)
    if isinstance(tree, exp.Drop):
        return _drop(stmt, tree, ds)
    if k is K.TRUNCATE:
        listed = tuple(n for t in tree.expressions if (n := table_name(t, ds)))
        cascade = str(tree.args.get("option") or "").upper() == "CASCADE"
        tflags = {"CASCADE"} if cascade else set()
        if str(tree.args.get("identity") or "").upper() == "RESTART":
            tflags.add("RESTART IDENTITY")
        return (Action(verb="TRUNCATE", label="", table=listed[0] if listed else None, tables=listed,
                       flags=frozenset(tflags)),)
    if isinstance(tree, nodes.Reindex):
        what = str(tree.args.get("kind") or "").upper()
        rflags = frozenset({"CONCURRENTLY"}) if tree.args.get("concurrently") else frozenset()
        target = table_name(tree.this, ds)
        if what == "INDEX":
            return (Action(verb="REINDEX INDEX", label="INDEX", index=target, flags=rflags),)
        if what == "TABLE":
            return (Action(verb="REINDEX TABLE", label="TABLE", table=target, flags=rflags),)
        return (Action(verb=f"REINDEX {what}", label=what, name=ident(tree.this) if tree.this is not None else None,
                       flags=rflags),)
    if k is K.ALTER_DEFAULT_PRIVILEGES:
        return (Action(verb="ALTER DEFAULT PRIVILEGES", label=""),)
    if k is K.CREATE_RULE and isinstance(tree, nodes.CreateRule):
        return (Action(verb="CREATE RULE", label="", table=table_name(tree.args.get("table"), ds), name=ident(tree.this)),)
    if k is K.DROP_RULE and isinstance(tree.args.get("table"), exp.Table):
        return (Action(verb="DROP RULE", label="", table=table_name(tree.args.get("table"), ds), name=ident(tree.this)),)
    if k is K.CREATE_PUBLICATION and isinstance(tree, nodes.GenericStatement) and not tree.args.get("all_tables"):
        listed = tuple(n for t in tree.args.get("tables") or [] if (n := table_name(t, ds)))
        return (Action(verb="CREATE PUBLICATION", label="", tables=listed),)
    if isinstance(tree, nodes.Vacuum):
        verb = "VACUUM FULL" if tree.args.get("full") else "VACUUM"
        vacuumed = [n for t in tree.expressions if (n := table_name(t, ds))]
        if not vacuumed:
            return (Action(verb=f"{verb}/ALL", label=""),)
        return tuple(Action(verb=verb, label="", table=n) for n in vacuumed)
    if isinstance(tree, nodes.AnalyzeTables):
        analyzed = [n for t in tree.expressions if (n := table_name(t, ds))]
        if not analyzed:
            return (Action(verb="ANALYZE/ALL", label=""),)
        return tuple(Action(verb="ANALYZE", label="", table=n) for n in analyzed)
    if isinstance(tree, nodes.ClusterTable):
        table = table_name(tree.this, ds)
        if table is None:
            return (Action(verb="CLUSTER/ALL", label=""),)
        return (Action(verb="CLUSTER", label="", table=table, index=_sibling(table, ident(tree.args.get("index")))),)
    if isinstance(tree, nodes.RefreshMaterializedView):
        rflags2 = {"CONCURRENTLY"} if tree.args.get("concurrently") else set()
        if tree.args.get("no_data"):
            rflags2.add("WITH NO DATA")
        return (Action(verb="REFRESH MATERIALIZED VIEW", label="", table=table_name(tree.this, ds),
                       flags=frozenset(rflags2)),)
    if isinstance(tree, nodes.LockTable):
        names = tuple(n for t in tree.expressions if (n := table_name(t, ds)))
        mode_text = str(tree.args.get("mode") or "ACCESS EXCLUSIVE").upper().replace(" ", "_")
        mode = LockMode[mode_text] if mode_text in LockMode.__members__ else LockMode.ACCESS_EXCLUSIVE
        only = any(t.args.get("only") for t in tree.expressions)
        flags = {"NOWAIT"} if tree.args.get("nowait") else set()
        if only:
            flags.add("ONLY")
        return (Action(verb="LOCK", label="", table=names[0] if names else None, tables=names, mode=mode,
                       flags=frozenset(flags)),)
    if isinstance(tree, exp.Comment) or k is K.COMMENT:
        return (_comment(tree, ds),)
    if k in (K.GRANT, K.REVOKE):
        sec = tree.args.get("securable")
        items = sec.expressions if isinstance(sec, exp.Tuple) else ([sec] if sec is not None else [])
        kind = str(tree.args.get("kind") or "").upper()
        names = tuple(n for t in items if isinstance(t, exp.Table) and (n := table_name(t, ds))) \
            if kind in ("", "TABLE", "SEQUENCE") else ()
        return (Action(verb="GRANT", label="", tables=names,
                       flags=frozenset({"SEQUENCE"}) if kind == "SEQUENCE" else frozenset()),)
    if k is K.SET:
        return tuple(_set_item(item) for item in tree.expressions) or (Action(verb="SET", label=""),)
    if k in (K.RESET, K.SHOW, K.BEGIN, K.COMMIT, K.ROLLBACK, K.SAVEPOINT, K.RELEASE_SAVEPOINT,
             K.ROLLBACK_TO_SAVEPOINT):
        if k is K.RESET:
            return (Action(verb="SET", label="", name=(ident(tree.this) or "").lower(), extra=("<reset>",)),)
        return (Action(verb="SESSION", label=k.value),)
    if k in (K.UPDATE, K.DELETE, K.INSERT, K.MERGE) or (k is K.SELECT and isinstance(tree, exp.Query)):
        return _dml(tree, ds)
    if k is K.CALL:
        fn = tree.this
        name = ident(fn.this) if isinstance(fn, exp.Anonymous) else (ident(fn) if fn is not None else None)
        return (Action(verb="CALL", label="", name=_qualified_function(name, ds)),)
    if k is K.DO:
        return (Action(verb=k.value, label=""),)
    return (Action(verb=f"{k.value}/?", label=k.value),)


def _function_ref(node: exp.Expr, ds: str) -> str | None:
    """`schema.name` of a function named in DROP FUNCTION (the argument list is ignored)."""
    if isinstance(node, nodes.FunctionSignature):
        node = node.this
    if isinstance(node, exp.Table):
        inner = node.this
        name = ident(inner.this) if isinstance(inner, exp.Anonymous) else ident(inner)
        return _qualified_function(name, ident(node.args.get("db")) or ds)
    if isinstance(node, exp.Anonymous):
        return _qualified_function(ident(node.this), ds)
    return None


def _qualified_function(name: str | None, ds: str) -> str | None:
    if not name:
        return None
    return name if "." in name else f"{ds}.{name}"


_SEQUENCE_FUNCTIONS = frozenset({"nextval", "setval"})


def called_sequences(tree: exp.Expr | None, ds: str) -> tuple[str, ...]:
    """Sequences a query draws from or sets: `nextval('s')`, `setval('s', …)` (literal names)."""
    if tree is None:
        return ()
    return _sequence_names(tree.find_all(exp.Anonymous), ds)


def _sequence_names(calls: Iterable[exp.Anonymous], ds: str) -> tuple[str, ...]:
    out: list[str] = []
    for fn in calls:
        if fn.name.lower() not in _SEQUENCE_FUNCTIONS:
            continue
        args = fn.expressions
        first = args[0] if args else None
        while isinstance(first, exp.Cast):
            first = first.this
        if isinstance(first, exp.Literal) and first.is_string:
            raw = str(first.this)
            parts = [p.strip('"') if p.startswith('"') else p.lower() for p in raw.split(".")]
            out.append(".".join(parts) if len(parts) > 1 else f"{ds}.{parts[0]}")
    return tuple(dict.fromkeys(out))


def _set_columns(tree: exp.Expr) -> tuple[str, ...]:
    out = []
    for eq in tree.expressions:
        if isinstance(eq, exp.EQ):
            name = ident(eq.this)
            if name:
                out.append(name)
    return tuple(out)


def _dml(tree: exp.Expr, ds: str) -> tuple[Action, ...]:
    """The actions of a data statement, and of each data-modifying CTE it carries
    (`WITH x AS (UPDATE …) SELECT …` updates `t` as a plain UPDATE would)."""
    out: list[Action] = []
    with_ = tree.args.get("with_") or tree.args.get("with")
    if isinstance(with_, exp.With):
        for cte in with_.expressions:
            body = cte.this if isinstance(cte, exp.CTE) else None
            if isinstance(body, (exp.Update, exp.Delete, exp.Insert, exp.Merge)):
                out.extend(_dml(body, ds))
    main = _dml_one(tree, ds)
    if main is not None:
        out.append(main)
    return tuple(out)


def _dml_one(tree: exp.Expr, ds: str) -> Action | None:
    if isinstance(tree, exp.Update):
        table = table_name(tree.this, ds)
        read, seqs = _sources_and_sequences(tree, ds, skip_dml_ctes=True)
        sources = tuple(s for s in read if s != table)
        return Action(verb="UPDATE", label="", table=table, has_where=tree.args.get("where") is not None,
                      tables=sources, target_columns=_set_columns(tree), sequences=seqs)
    if isinstance(tree, exp.Delete):
        table = table_name(tree.this, ds)
        read, seqs = _sources_and_sequences(tree, ds, skip_dml_ctes=True)
        sources = tuple(s for s in read if s != table)
        return Action(verb="DELETE", label="", table=table, has_where=tree.args.get("where") is not None,
                      tables=sources, sequences=seqs)
    if isinstance(tree, exp.Merge):
        table = table_name(tree.this, ds)
        seqs = called_sequences(tree, ds)
        sources = tuple(s for s in _sources(tree.args.get("using"), ds) if s != table)
        whens = tree.args.get("whens")
        matched = any(w.args.get("matched") for w in (whens.expressions if whens is not None else []))
        return Action(verb="MERGE", label="", table=table, tables=sources, has_where=True,
                      flags=frozenset({"WHEN MATCHED"}) if matched else frozenset(), sequences=seqs)
    if isinstance(tree, exp.Insert):
        seqs = called_sequences(tree, ds)
        target = tree.this
        table = table_name(target, ds)
        cols = _ident_list(target.expressions) if isinstance(target, exp.Schema) else ()
        query = tree.args.get("expression")
        flags: set[str] = set()
        if cols:
            flags.add("COLUMN LIST")
        if tree.args.get("default") or query is None or isinstance(query, exp.Values) and any(
                isinstance(v, exp.Var) and str(v.this).upper() == "DEFAULT"
                for row in query.expressions for v in getattr(row, "expressions", [])):
            flags.add("DEFAULT VALUES")
        conflict = tree.args.get("conflict")
        keys: tuple[str, ...] = ()
        if isinstance(conflict, exp.OnConflict):
            action_word = str(getattr(conflict.args.get("action"), "this", "") or "").upper()
            if "UPDATE" in action_word:
                flags.add("ON CONFLICT DO UPDATE")
            keys = _ident_list(conflict.args.get("conflict_keys") or [])
            if conflict.args.get("constraint") is not None:
                flags.add("ON CONSTRAINT")
                keys = (ident(conflict.args.get("constraint")) or "",)
        width = 0
        if isinstance(query, exp.Values) and query.expressions:
            width = len(getattr(query.expressions[0], "expressions", []) or [None])
        common = {"table": table, "target_columns": cols, "extra": keys, "flags": frozenset(flags),
                  "sequences": seqs, "values_width": width}
        if isinstance(query, exp.Query) and not isinstance(query, exp.Values) and query.find(exp.Table):
            sources = _sources(tree, ds, skip_dml_ctes=True, skip=target)
            if table in sources:
                common["flags"] = frozenset(flags | {"READS ITSELF"})
            return Action(verb="INSERT SELECT", label="", tables=sources, **common)  # type: ignore[arg-type]
        return Action(verb="INSERT", label="", tables=_sources(tree, ds, skip_dml_ctes=True, skip=target),
                      **common)  # type: ignore[arg-type]
    if isinstance(tree, exp.Query):
        if tree.args.get("into") is not None:
            into = tree.args["into"]
            return Action(verb="SELECT INTO", label="", table=table_name(into.this, ds), tables=_sources(tree, ds))
        locks = tree.args.get("locks") or []
        where = tree.args.get("where") is not None
        read, seqs = _sources_and_sequences(tree, ds, skip_dml_ctes=True)
        return Action(verb="SELECT", label="", tables=read, has_where=where,
                      flags=frozenset({"FOR UPDATE"}) if locks else frozenset(), sequences=seqs)
    return None


def _sources(tree: exp.Expr | None, ds: str, skip_dml_ctes: bool = False,
             skip: exp.Expr | None = None) -> tuple[str, ...]:
    """Relations a query reads (CTE names excluded; with `skip_dml_ctes`, also what data-modifying
    CTEs touch, which are actions of their own; `skip`: a subtree left out, e.g. INSERT's target)."""
    return _sources_and_sequences(tree, ds, skip_dml_ctes, skip)[0]


def _sources_and_sequences(tree: exp.Expr | None, ds: str, skip_dml_ctes: bool = False,
                           skip: exp.Expr | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`_sources` and `called_sequences` of a query, in one pass over its tree."""
    if tree is None:
        return (), ()
    tables: list[exp.Table] = []
    cte_nodes: list[exp.CTE] = []
    calls: list[exp.Anonymous] = []
    for node in tree.walk():  # one pass: tables, CTEs, function calls
        if isinstance(node, exp.Table):
            tables.append(node)
        elif isinstance(node, exp.CTE):
            cte_nodes.append(node)
        elif isinstance(node, exp.Anonymous):
            calls.append(node)
    skipped: set[int] = set()
    if skip is not None:
        skipped.update(id(t) for t in skip.find_all(exp.Table))
    ctes: set[str | None] = set()
    for c in cte_nodes:
        alias = c.args.get("alias")
        if alias is not None:
            ctes.add(ident(alias.this))
        if skip_dml_ctes and isinstance(c.this, (exp.Update, exp.Delete, exp.Insert, exp.Merge)):
            skipped.update(id(t) for t in c.this.find_all(exp.Table))
    out = []
    for t in tables:
        if not t.name or (ctes and not t.args.get("db") and ident(t.this) in ctes) or id(t) in skipped:
            continue
        if isinstance(t.this, exp.Func):
            continue
        n = table_name(t, ds)
        if n:
            out.append(n)
    return tuple(dict.fromkeys(out)), _sequence_names(calls, ds)


def _set_item(item: exp.Expr) -> Action:
    eq = item.this if isinstance(item, exp.SetItem) else item
    if not isinstance(eq, exp.EQ):
        return Action(verb="SET", label="")
    name = str(eq.this.name if isinstance(eq.this, (exp.Var, exp.Column)) else eq.this).lower()
    if name == "time zone":
        name = "timezone"
    value = eq.expression
    if isinstance(value, exp.Tuple):
        parts = [str(v.name) for v in value.expressions]
    else:
        parts = [str(value.name if hasattr(value, "name") and value.name else value)]
    return Action(verb="SET", label="", name=name, extra=(",".join(p.strip("'\"").lower() for p in parts),))


def _comment(tree: exp.Expr, ds: str) -> Action:
    kind = str(tree.args.get("kind") or "").upper()
    target = tree.this
    if kind == "COLUMN" and isinstance(target, exp.Column):
        table = ident(target.args.get("table"))
        schema = ident(target.args.get("db")) or ds
        return Action(verb="COMMENT/COLUMN", label="", table=f"{schema}.{table}" if table else None)
    if kind in ("TABLE", "VIEW", "MATERIALIZED VIEW", "SEQUENCE"):
        return Action(verb="COMMENT/TABLE", label="", table=table_name(target, ds))
    if kind == "INDEX":
        return Action(verb="COMMENT/INDEX", label="", index=table_name(target, ds))
    if kind in ("CONSTRAINT", "TRIGGER", "POLICY"):
        on = tree.args.get("on") or tree.args.get("table")
        return Action(verb="COMMENT/CONSTRAINT", label=kind, table=table_name(on, ds) if on is not None else None)
    return Action(verb="COMMENT/OTHER", label="")


def _create_index(tree: exp.Expr, ds: str) -> Action:
    index = tree.this
    tbl = index.args.get("table")
    table = table_name(tbl, ds)
    flags = set()
    if tree.args.get("unique"):
        flags.add("UNIQUE")
    if tree.args.get("concurrently"):
        flags.add("CONCURRENTLY")
    if tree.args.get("exists"):
        flags.add("IF NOT EXISTS")
    if isinstance(tbl, exp.Table) and tbl.args.get("only"):
        flags.add("ONLY")
    params = index.args.get("params")
    cols: tuple[str, ...] = ()
    expression_columns: tuple[str, ...] = ()
    if params is not None:
        cols = tuple(
            name for o in params.args.get("columns") or []
            if isinstance((c := (o.this if isinstance(o, exp.Ordered) else o)), exp.Column) and (name := ident(c))
        )
        expression_columns = tuple(dict.fromkeys(
            name for o in params.args.get("columns") or []
            if not isinstance((c := (o.this if isinstance(o, exp.Ordered) else o)), exp.Column)
            for name in _columns_in(c)
        ))
        if params.args.get("where") is not None:
            flags.add("PARTIAL")
    name = ident(index.this) if index.args.get("this") is not None else None
    return Action(verb="CREATE INDEX", label="", table=table, index=_sibling(table, name), flags=frozenset(flags),
                  extra=cols, expression_columns=expression_columns)


def _create_table(stmt: Statement, tree: exp.Expr, ds: str) -> Action:
    target = tree.this
    table = table_name(target, ds)
    flags = {"IF NOT EXISTS"} if tree.args.get("exists") else set()
    props = tree.args.get("properties")
    prop_list = props.expressions if props is not None else []
    if stmt.kind is StatementKind.CREATE_TABLE_AS:
        if any(isinstance(p, exp.WithDataProperty) and p.args.get("no") for p in prop_list):
            flags.add("WITH NO DATA")
        return Action(verb="CREATE TABLE AS", label="", table=table, tables=_sources(tree.expression, ds),
                      flags=frozenset(flags))
    part_of = next((p for p in prop_list if isinstance(p, exp.PartitionedOfProperty)), None)
    partitioned = any(isinstance(p, exp.PartitionedByProperty) for p in prop_list)
    columns: list[ColumnSpec] = []
    constraints: list[ConstraintSpec] = []
    likes: list[str] = []
    if isinstance(target, exp.Schema):
        for e in target.expressions:
            if isinstance(e, exp.ColumnDef):
                columns.append(column_spec(e, ds))
            elif isinstance(e, exp.LikeProperty):
                n = table_name(e.this, ds)
                if n:
                    likes.append(n)
            else:
                spec = constraint_spec(e, ds, False)
                if spec is not None:
                    constraints.append(spec)
    if part_of is not None:
        bound = part_of.args.get("expression")
        default = isinstance(bound, exp.Var) and str(bound.this).upper() == "DEFAULT"
        return Action(verb="CREATE TABLE/PARTITION OF", label="", table=table,
                      partition_of=table_name(part_of.this, ds), partition_default=default,
                      columns=tuple(columns), constraints=tuple(constraints), partitioned=partitioned,
                      flags=frozenset(flags))
    inherits = tuple(
        n for p in prop_list if isinstance(p, exp.InheritsProperty) for t in p.expressions if (n := table_name(t, ds)))
    return Action(verb="CREATE TABLE", label="", table=table, columns=tuple(columns), constraints=tuple(constraints),
                  partitioned=partitioned, flags=frozenset(flags), tables=tuple(likes), extra=inherits)


def _drop(stmt: Statement, tree: exp.Drop, ds: str) -> tuple[Action, ...]:
    kind = stmt.kind.value  # "DROP TABLE", "DROP INDEX", ...
    flags = set()
    if tree.args.get("exists"):
        flags.add("IF EXISTS")
    if tree.args.get("cascade"):
        flags.add("CASCADE")
    if tree.args.get("concurrently"):
        flags.add("CONCURRENTLY")
    names = [table_name(t, ds) for t in tree.args.get("tables") or [] if isinstance(t, exp.Table)]
    if stmt.kind is StatementKind.DROP_INDEX:
        return tuple(Action(verb="DROP INDEX", label="", index=n, flags=frozenset(flags)) for n in names if n)
    if stmt.kind is StatementKind.DROP_TRIGGER:
        on = tree.args.get("cluster")
        table = table_name(on.this, ds) if isinstance(on, exp.OnProperty) else None
        trig = tree.args.get("tables") or []
        tname = ident(trig[0].this) if trig and isinstance(trig[0], exp.Table) else None
        return (Action(verb="DROP TRIGGER", label="", table=table, name=tname, flags=frozenset(flags)),)
    if stmt.kind in (StatementKind.DROP_TYPE, StatementKind.DROP_DOMAIN):
        return tuple(Action(verb=kind, label="", name=n, flags=frozenset(flags)) for n in names if n)
    if stmt.kind is StatementKind.DROP_SCHEMA:
        schemas = [ident(t.args.get("db") or t.args.get("this")) for t in tree.args.get("tables") or []
                   if isinstance(t, exp.Table)]
        return tuple(Action(verb=kind, label="", name=n, flags=frozenset(flags)) for n in schemas if n) or (
            Action(verb=kind, label="", flags=frozenset(flags)),)
    if stmt.kind in (StatementKind.DROP_FUNCTION, StatementKind.DROP_PROCEDURE):
        fnames = tuple(n for t in tree.args.get("tables") or [] if (n := _function_ref(t, ds)))
        return (Action(verb=kind, label="", tables=fnames, flags=frozenset(flags)),)
    if stmt.kind is StatementKind.DROP_EXTENSION:
        return (Action(verb=kind, label="", flags=frozenset(flags)),)
    if stmt.kind in (StatementKind.DROP_TABLE, StatementKind.DROP_VIEW, StatementKind.DROP_MATERIALIZED_VIEW,
                     StatementKind.DROP_SEQUENCE):
        return tuple(Action(verb=kind, label="", table=n, flags=frozenset(flags)) for n in names if n)
    return (Action(verb=f"{kind}/?", label=kind),)


# --------------------------------------------------------------------------- ALTER

_ALTER_TABLE_WORDS = {
    "SET (storage_parameter)": "SET STORAGE PARAMETERS",
    "RESET (storage_parameter)": "SET STORAGE PARAMETERS",
    "SET (attribute_option)": "SET ATTRIBUTE OPTIONS",
    "RESET (attribute_option)": "SET ATTRIBUTE OPTIONS",
    "NO INHERIT": "INHERIT",
    "NO FORCE ROW LEVEL SECURITY": "FORCE ROW LEVEL SECURITY",
    "ENABLE ALWAYS TRIGGER": "ENABLE TRIGGER",
    "ENABLE REPLICA TRIGGER": "ENABLE TRIGGER",
    "ENABLE ALWAYS RULE": "ENABLE RULE",
    "ENABLE REPLICA RULE": "ENABLE RULE",
    "SET GENERATED": "SET GENERATED",
    "RESTART": "SET GENERATED",
}


def _alter(stmt: Statement, tree: exp.Alter, ds: str) -> tuple[Action, ...]:
    kind = stmt.kind
    rel = table_name(tree.this, ds) if isinstance(tree.this, exp.Table) else None
    words = list(stmt.actions)
    acts = list(tree.args.get("actions") or [])
    not_valid = bool(tree.args.get("not_valid"))
    base_flags = set()
    if tree.args.get("exists"):
        base_flags.add("IF EXISTS")
    if tree.args.get("only"):
        base_flags.add("ONLY")
    if kind is StatementKind.ALTER_TABLE:
        if len(words) != len(acts):
            return (Action(verb="ALTER TABLE/?", label="?", table=rel),)
        return tuple(_alter_table_action(w, a, rel, ds, not_valid, frozenset(base_flags)) for w, a in zip(words, acts))
    if kind is StatementKind.ALTER_INDEX:
        word = words[0] if words else "?"
        a = acts[0] if acts else None
        if word == "RENAME TO" and isinstance(a, exp.AlterRename):
            return (Action(verb="ALTER INDEX/RENAME TO", label=word, index=rel, new_name=_sibling(rel, ident(a.this))),)
        if word == "ATTACH PARTITION" and isinstance(a, nodes.AttachPartition):
            return (Action(verb="ALTER INDEX/ATTACH PARTITION", label=word, index=rel, name=table_name(a.this, ds)),)
        if word in ("SET (storage_parameter)", "RESET (storage_parameter)"):
            return (Action(verb="ALTER INDEX/SET STORAGE PARAMETERS", label=word, index=rel),)
        if word == "SET TABLESPACE":
            return (Action(verb="ALTER INDEX/SET TABLESPACE", label=word, index=rel),)
        if word == "SET STATISTICS":
            return (Action(verb="ALTER INDEX/SET STATISTICS", label=word, index=rel),)
        return (Action(verb="ALTER INDEX/?", label=word, index=rel),)
    if kind in (StatementKind.ALTER_VIEW, StatementKind.ALTER_MATERIALIZED_VIEW, StatementKind.ALTER_SEQUENCE):
        word = words[0] if words else "?"
        a = acts[0] if acts else None
        if word == "RENAME TO" and isinstance(a, exp.AlterRename):
            return (Action(verb=f"{kind.value}/RENAME TO", label=word, table=rel, new_name=_sibling(rel, ident(a.this))),)
        if word == "RENAME COLUMN":
            return (Action(verb=f"{kind.value}/RENAME COLUMN", label=word, table=rel),)
        if word == "OWNER TO":
            return (Action(verb=f"{kind.value}/OWNER TO", label=word, table=rel),)
        if word == "SET SCHEMA":
            return (Action(verb=f"{kind.value}/SET SCHEMA", label=word, table=rel),)
        if kind is StatementKind.ALTER_SEQUENCE and len(words) == 1 and word == "OWNED BY" and a is not None:
            owner = next((o.expression for o in a.find_all(nodes.SequenceOption)
                          if str(getattr(o.this, "this", o.this)).upper() == "OWNED BY"), None)
            owner_table = None
            if isinstance(owner, exp.Column) and owner.args.get("table") is not None:
                owner_table = f"{ident(owner.args.get('db')) or ds}.{ident(owner.args.get('table'))}"
            return (Action(verb="ALTER SEQUENCE/OWNED BY", label=word, table=rel,
                           tables=(owner_table,) if owner_table else ()),)
        if kind is StatementKind.ALTER_MATERIALIZED_VIEW and len(words) == 1 and word in (
                "SET (storage_parameter)", "RESET (storage_parameter)", "SET STATISTICS"):
            return (Action(verb="ALTER MATERIALIZED VIEW/SET STORAGE PARAMETERS", label=word, table=rel),)
        return (Action(verb=f"{kind.value}/OPTIONS", label=word, table=rel),)
    if kind is StatementKind.ALTER_TYPE:
        name = rel
        word = words[0] if words else "?"
        a = acts[0] if acts else None
        if word == "RENAME TO" and isinstance(a, exp.AlterRename):
            return (Action(verb="ALTER TYPE/RENAME TO", label=word, name=name, new_name=_sibling(name, ident(a.this))),)
        if word in ("ADD VALUE", "RENAME VALUE", "OWNER TO", "ADD ATTRIBUTE", "RENAME ATTRIBUTE", "SET SCHEMA") \
                and len(words) == 1:
            return (Action(verb=f"ALTER TYPE/{word}", label=word, name=name),)
        return (Action(verb="ALTER TYPE/?", label=word, name=name),)
    if kind is StatementKind.ALTER_DOMAIN:
        name = rel
        word = words[0] if words else "?"
        a = acts[0] if acts else None
        if word == "ADD CONSTRAINT":
            nv = bool(a is not None and a.args.get("not_valid")) or not_valid
            return (Action(verb="ALTER DOMAIN/ADD CONSTRAINT", label=word, name=name,
                           flags=frozenset({"NOT VALID"}) if nv else frozenset()),)
        mapping = {"VALIDATE CONSTRAINT": "VALIDATE CONSTRAINT", "DROP CONSTRAINT": "DROP CONSTRAINT",
                   "SET NOT NULL": "SET NOT NULL", "DROP NOT NULL": "DROP NOT NULL", "SET DEFAULT": "DEFAULT",
                   "DROP DEFAULT": "DEFAULT", "RENAME TO": "RENAME", "RENAME CONSTRAINT": "RENAME",
                   "OWNER TO": "OWNER TO"}
        if word == "OWNER TO":
            return (Action(verb="ALTER TYPE/OWNER TO", label=word, name=name),)
        verb = mapping.get(word)
        return (Action(verb=f"ALTER DOMAIN/{verb or '?'}", label=word, name=name),)
    if kind in (StatementKind.ALTER_FUNCTION, StatementKind.ALTER_PROCEDURE, StatementKind.ALTER_ROUTINE,
                StatementKind.ALTER_SCHEMA):
        word = words[0] if len(words) == 1 else "?"
        verb = "ALTER SCHEMA" if kind is StatementKind.ALTER_SCHEMA else "ALTER FUNCTION"
        if word in ("RENAME TO", "SET SCHEMA"):
            return (Action(verb=f"{verb}/RENAME", label=word),)
        if word == "?":
            return (Action(verb=f"{verb}/?", label=word),)
        return (Action(verb=f"{verb}/OPTIONS", label=word),)
    if kind is StatementKind.ALTER_TRIGGER:
        on = tree.args.get("cluster")
        table = table_name(on.this, ds) if isinstance(on, exp.OnProperty) else None
        return (Action(verb="ALTER TRIGGER/*", label=words[0] if words else "", table=table, name=ident(tree.this)),)
    word = words[0] if words else "?"
    return (Action(verb=f"{kind.value}/?", label=word, table=rel),)


def _alter_table_action(word: str, a: exp.Expr, table: str | None, ds: str, not_valid: bool,
                        flags: frozenset[str]) -> Action:
    verb_word = _ALTER_TABLE_WORDS.get(word, word)

    def act(**kw: object) -> Action:
        extra_flags = kw.pop("flags", frozenset())
        return Action(verb=f"ALTER TABLE/{verb_word}", label=word, table=table,
                      flags=flags | extra_flags, **kw)  # type: ignore[arg-type,operator]

    if word == "ADD COLUMN" and isinstance(a, exp.ColumnDef):
        spec = column_spec(a, ds)
        return act(column=spec.name, column_spec=spec, type=spec.type,
                   flags=frozenset({"IF NOT EXISTS"}) if a.args.get("exists") else frozenset())
    if word == "DROP COLUMN" and isinstance(a, exp.Drop):
        cols = a.args.get("tables") or []
        col = ident(cols[0]) if cols else None
        f = set()
        if a.args.get("exists"):
            f.add("IF EXISTS")
        if a.args.get("cascade"):
            f.add("CASCADE")
        return act(column=col, flags=frozenset(f))
    if word == "DROP CONSTRAINT":
        if isinstance(a, exp.Drop):
            names = a.args.get("tables") or []
            name = ident(names[0]) if names else None
            cascade = bool(a.args.get("cascade"))
        else:
            name = ident(a.this)
            cascade = bool(a.args.get("cascade"))
        return act(name=name, flags=frozenset({"CASCADE"}) if cascade else frozenset())
    if isinstance(a, exp.AlterColumn):
        col = ident(a.this)
        if word == "ALTER COLUMN TYPE":
            using = a.args.get("using") or None
            return act(column=col, type=type_ref(a.args.get("dtype")), using=using)
        if word == "SET DEFAULT":
            return act(column=col, using=a.args.get("default") or None)
        return act(column=col)
    if isinstance(a, nodes.AlterColumnOption):
        restart = any(str(getattr(o.this, "this", o.this)).upper() == "RESTART" for o in a.find_all(nodes.SequenceOption))
        return act(column=ident(a.this), flags=frozenset({"RESTART"}) if restart else frozenset())
    if word in ("ADD CONSTRAINT",):
        if isinstance(a, nodes.AddNotNullConstraint):
            col = ident(a.args.get("column"))
            nn = ConstraintSpec(ident(a.this), "NOT NULL", columns=(col,) if col else (), not_valid=not_valid)
            return act(constraint=nn, name=nn.name)
        cons = constraint_spec(a, ds, not_valid)
        if cons is None:
            return Action(verb="ALTER TABLE/?", label=word, table=table)
        return act(constraint=cons, name=cons.name)
    if word == "ADD CONSTRAINT USING INDEX" and isinstance(a, nodes.AddConstraintUsingIndex):
        index = ident(a.args.get("index"))
        ui = ConstraintSpec(ident(a.this), str(a.args.get("kind") or "UNIQUE").upper(), using_index=index)
        return act(constraint=ui, name=ui.name, index=_sibling(table, index))
    if word == "VALIDATE CONSTRAINT":
        return act(name=ident(a.this))
    if word == "RENAME COLUMN" and isinstance(a, exp.RenameColumn):
        return act(column=ident(a.this), new_name=ident(a.args.get("to")))
    if word == "RENAME TO" and isinstance(a, exp.AlterRename):
        return act(new_name=_sibling(table, ident(a.this)))
    if word == "RENAME CONSTRAINT":
        return act(name=ident(a.this), new_name=ident(a.args.get("to")))
    if word == "SET SCHEMA":
        return act(extra=(ident(a.this) or "",))
    if word == "ATTACH PARTITION" and isinstance(a, nodes.AttachPartition):
        return act(name=table_name(a.this, ds), partition_default=bool(a.args.get("default")))
    if word == "DETACH PARTITION" and isinstance(a, nodes.DetachPartition):
        f = set()
        if a.args.get("concurrently"):
            f.add("CONCURRENTLY")
        if a.args.get("finalize"):
            f.add("FINALIZE")
        return act(name=table_name(a.this, ds), flags=frozenset(f))
    if word == "CLUSTER ON":
        return act(index=_sibling(table, ident(a.this)))
    if word in ("INHERIT", "NO INHERIT") and isinstance(a, nodes.Inherit):
        return act(name=table_name(a.this, ds))
    if word == "REPLICA IDENTITY" and a.args.get("index") is not None:
        return act(index=_sibling(table, ident(a.args.get("index"))))
    if word == "SET ACCESS METHOD" and isinstance(a, exp.AlterSet):
        method = ident(a.args.get("access_method"))
        return act(extra=(method,) if method else ())
    return act()
