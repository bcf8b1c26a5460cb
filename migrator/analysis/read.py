"""Read one statement's exact text into `Action`s: the sub-commands the knowledge base matches.

The reader works on the statement's own tokens (`tokens.py`), so it reads the forms sqlglot
leaves opaque (VALIDATE CONSTRAINT, ATTACH PARTITION, REINDEX, ...) the same way as the ones it
structures, and never regenerates SQL. An `Action.verb` is `"<command>/<sub-command>"` in the
words of the PostgreSQL reference (`ALTER TABLE/ADD COLUMN`, `CREATE INDEX`); a form the reader
does not recognise gets verb `"<command>/?"` and is analysed as unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from migrator.analysis.locks import LockMode
from migrator.analysis.pg.coercion import TypeRef, is_serial, parse_type
from migrator.analysis.tokens import Cursor, Tok, TokKind, split_top_level, tokenize

DEFAULT_SCHEMA = "public"


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """A column definition (CREATE TABLE element or ADD COLUMN)."""

    name: str
    type: TypeRef | None
    type_tokens: tuple[Tok, ...] = ()
    default: tuple[Tok, ...] | None = None
    not_null: bool = False
    primary_key: bool = False
    unique: bool = False
    check: tuple[Tok, ...] | None = None
    references: str | None = None
    identity: bool = False
    serial: bool = False
    generated: str | None = None  # "stored" | "virtual"


@dataclass(frozen=True, slots=True)
class ConstraintSpec:
    """A table constraint (ADD CONSTRAINT / CREATE TABLE element)."""

    name: str | None
    kind: str  # CHECK | UNIQUE | PRIMARY KEY | FOREIGN KEY | EXCLUDE | NOT NULL
    columns: tuple[str, ...] = ()
    check: tuple[Tok, ...] = ()
    references: str | None = None
    using_index: str | None = None
    not_valid: bool = False
    not_enforced: bool = False


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
    using: tuple[Tok, ...] | None = None
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


class Reader:
    """Reads statements; keeps the search_path's first schema for unqualified names."""

    def __init__(self, default_schema: str = DEFAULT_SCHEMA) -> None:
        self.default_schema = default_schema

    def q(self, parts: tuple[str, ...] | None) -> str | None:
        return qualify(parts, self.default_schema)

    def read(self, sql: str) -> tuple[Action, ...]:
        toks = tokenize(sql)
        while toks and toks[-1].text == ";":
            toks = toks[:-1]
        if not toks:
            return ()
        c = Cursor(toks)
        head = c.peek_up()
        handler = _HANDLERS.get(head)
        if handler is None:
            return (Action(verb=f"{head}/?", label=head),)
        return handler(self, c)

    # ---------------------------------------------------------------- ALTER
    def alter(self, c: Cursor) -> tuple[Action, ...]:
        c.accept("ALTER")
        if c.accept("TABLE"):
            return self.alter_table(c)
        if c.at("INDEX"):
            c.accept("INDEX")
            return self.alter_index(c)
        if c.accept("MATERIALIZED", "VIEW"):
            return self.alter_simple(c, "ALTER MATERIALIZED VIEW")
        if c.accept("VIEW"):
            return self.alter_simple(c, "ALTER VIEW")
        if c.accept("SEQUENCE"):
            return self.alter_simple(c, "ALTER SEQUENCE")
        if c.accept("TYPE"):
            return self.alter_type(c)
        if c.accept("DOMAIN"):
            return self.alter_domain(c)
        if c.accept("TRIGGER") or c.accept("POLICY"):
            kind = c.toks[c.i - 1].up
            name = c.next()
            c.accept("ON")
            table = self.q(c.qualified_name())
            return (Action(verb=f"ALTER {kind}/*", label=c.peek_up(), table=table, name=name.name if name else None),)
        word = c.peek_up()
        return (Action(verb=f"ALTER {word}/*", label=f"ALTER {word}"),)

    def alter_table(self, c: Cursor) -> tuple[Action, ...]:
        flags = set()
        if c.accept("ALL", "IN"):
            return (Action(verb="ALTER TABLE/?", label="ALL IN TABLESPACE"),)
        if c.accept("IF", "EXISTS"):
            flags.add("IF EXISTS")
        if c.accept("ONLY"):
            flags.add("ONLY")
        table = self.q(c.qualified_name())
        c.accept("*")
        if table is None:
            return (Action(verb="ALTER TABLE/?", label="?"),)
        if c.at("RENAME"):
            return (self._alter_table_rename(c, table),)
        if c.accept("SET", "SCHEMA"):
            schema = c.next()
            return (Action(verb="ALTER TABLE/SET SCHEMA", label="SET SCHEMA", table=table,
                           extra=(schema.name if schema else "",)),)
        if c.accept("ATTACH", "PARTITION"):
            part = self.q(c.qualified_name())
            rest = c.rest()
            default = any(t.up == "DEFAULT" for t in rest[:2])
            return (Action(verb="ALTER TABLE/ATTACH PARTITION", label="ATTACH PARTITION", table=table,
                           name=part, partition_default=default, using=rest),)
        if c.accept("DETACH", "PARTITION"):
            part = self.q(c.qualified_name())
            f = {t.up for t in c.rest()}
            fl = frozenset({"CONCURRENTLY"} & f | {"FINALIZE"} & f)
            return (Action(verb="ALTER TABLE/DETACH PARTITION", label="DETACH PARTITION", table=table,
                           name=part, flags=fl),)
        actions = []
        for part in split_top_level(c.rest()):
            actions.append(self._alter_table_action(Cursor(part), table, frozenset(flags)))
        return tuple(actions)

    def _alter_table_rename(self, c: Cursor, table: str) -> Action:
        c.accept("RENAME")
        if c.accept("TO"):
            new = c.next()
            return Action(verb="ALTER TABLE/RENAME TO", label="RENAME TO", table=table,
                          new_name=_in_schema_of(table, new.name) if new else None)
        if c.accept("CONSTRAINT"):
            old = c.next()
            c.accept("TO")
            new = c.next()
            return Action(verb="ALTER TABLE/RENAME CONSTRAINT", label="RENAME CONSTRAINT", table=table,
                          name=old.name if old else None, new_name=new.name if new else None)
        c.accept("COLUMN")
        old = c.next()
        c.accept("TO")
        new = c.next()
        return Action(verb="ALTER TABLE/RENAME COLUMN", label="RENAME COLUMN", table=table,
                      column=old.name if old else None, new_name=new.name if new else None)

    def _alter_table_action(self, c: Cursor, table: str, flags: frozenset[str]) -> Action:
        def act(verb: str, **kw: object) -> Action:
            return Action(verb=f"ALTER TABLE/{verb}", label=verb, table=table,
                          flags=flags | kw.pop("flags", frozenset()), **kw)  # type: ignore[arg-type]

        if c.accept("ADD"):
            if c.at("CONSTRAINT") or c.peek_up() in ("CHECK", "UNIQUE", "PRIMARY", "FOREIGN", "EXCLUDE") or (
                c.peek_up() == "NOT" and c.peek_up(1) == "NULL"
            ):
                cons = self._table_constraint(c)
                if cons is None:
                    return act("?")
                if cons.using_index:
                    return act("ADD CONSTRAINT USING INDEX", constraint=cons, name=cons.name,
                               index=_in_schema_of(table, cons.using_index))
                return act("ADD CONSTRAINT", constraint=cons, name=cons.name)
            c.accept("COLUMN")
            fl = frozenset({"IF NOT EXISTS"}) if c.accept("IF", "NOT", "EXISTS") else frozenset()
            spec = self._column_def(c)
            if spec is None:
                return act("?")
            return act("ADD COLUMN", column=spec.name, column_spec=spec, type=spec.type, flags=fl)
        if c.accept("DROP"):
            if c.accept("CONSTRAINT"):
                fl = frozenset({"IF EXISTS"}) if c.accept("IF", "EXISTS") else frozenset()
                name = c.next()
                fl |= frozenset({"CASCADE"}) if c.accept("CASCADE") else frozenset()
                return act("DROP CONSTRAINT", name=name.name if name else None, flags=fl)
            c.accept("COLUMN")
            fl = frozenset({"IF EXISTS"}) if c.accept("IF", "EXISTS") else frozenset()
            name = c.next()
            fl |= frozenset({"CASCADE"}) if c.accept("CASCADE") else frozenset()
            return act("DROP COLUMN", column=name.name if name else None, flags=fl)
        if c.accept("ALTER"):
            if c.accept("CONSTRAINT"):
                name = c.next()
                return act("ALTER CONSTRAINT", name=name.name if name else None)
            c.accept("COLUMN")
            col_tok = c.next()
            col = col_tok.name if col_tok else None
            if c.accept("SET", "DATA", "TYPE") or c.accept("TYPE"):
                rest = list(c.rest())
                using_at = next((j for j, t in enumerate(rest) if t.up == "USING"), None)
                type_toks = tuple(rest[:using_at] if using_at is not None else rest)
                using = tuple(rest[using_at + 1 :]) if using_at is not None else None
                return act("ALTER COLUMN TYPE", column=col, type=parse_type(type_toks), using=using)
            if c.accept("SET", "DEFAULT"):
                return act("SET DEFAULT", column=col, using=c.rest())
            if c.accept("DROP", "DEFAULT"):
                return act("DROP DEFAULT", column=col)
            if c.accept("SET", "NOT", "NULL"):
                return act("SET NOT NULL", column=col)
            if c.accept("DROP", "NOT", "NULL"):
                return act("DROP NOT NULL", column=col)
            if c.accept("SET", "STATISTICS"):
                return act("SET STATISTICS", column=col)
            if c.accept("SET", "STORAGE"):
                return act("SET STORAGE", column=col)
            if c.accept("SET", "COMPRESSION"):
                return act("SET COMPRESSION", column=col)
            if c.accept("DROP", "EXPRESSION"):
                return act("DROP EXPRESSION", column=col)
            if c.accept("SET", "EXPRESSION"):
                return act("SET EXPRESSION", column=col)
            if c.accept("DROP", "IDENTITY"):
                return act("DROP IDENTITY", column=col)
            if c.at("ADD", "GENERATED"):
                return act("ADD GENERATED AS IDENTITY", column=col)
            if c.at("SET", "GENERATED") or c.at("RESTART") or (c.at("SET") and c.peek_up(1) in ("INCREMENT", "START", "MINVALUE", "MAXVALUE", "CACHE", "CYCLE", "NO")):
                return act("SET GENERATED", column=col)
            if c.at("SET", "(") or c.at("RESET", "("):
                return act("SET ATTRIBUTE OPTIONS", column=col)
            return act("?", column=col)
        if c.accept("VALIDATE", "CONSTRAINT"):
            name = c.next()
            return act("VALIDATE CONSTRAINT", name=name.name if name else None)
        if c.at("ENABLE") or c.at("DISABLE"):
            word = c.next()
            assert word is not None
            c.accept("ALWAYS") or c.accept("REPLICA")
            if c.accept("TRIGGER"):
                return act(f"{word.up} TRIGGER")
            if c.accept("ROW", "LEVEL", "SECURITY"):
                return act(f"{word.up} ROW LEVEL SECURITY")
            if c.accept("RULE"):
                return act(f"{word.up} RULE")
            return act("?")
        if c.accept("FORCE", "ROW", "LEVEL", "SECURITY") or c.accept("NO", "FORCE", "ROW", "LEVEL", "SECURITY"):
            return act("FORCE ROW LEVEL SECURITY")
        if c.accept("SET", "LOGGED"):
            return act("SET LOGGED")
        if c.accept("SET", "UNLOGGED"):
            return act("SET UNLOGGED")
        if c.accept("SET", "TABLESPACE"):
            return act("SET TABLESPACE")
        if c.accept("SET", "WITHOUT", "CLUSTER"):
            return act("SET WITHOUT CLUSTER")
        if c.accept("SET", "ACCESS", "METHOD"):
            return act("SET ACCESS METHOD")
        if c.accept("SET", "WITHOUT", "OIDS"):
            return act("SET WITHOUT OIDS")
        if c.at("SET", "(") or c.at("RESET", "("):
            return act("SET STORAGE PARAMETERS")
        if c.accept("CLUSTER", "ON"):
            idx = c.next()
            return act("CLUSTER ON", index=_in_schema_of(table, idx.name) if idx else None)
        if c.accept("REPLICA", "IDENTITY"):
            return act("REPLICA IDENTITY")
        if c.accept("OWNER", "TO"):
            return act("OWNER TO")
        if c.accept("INHERIT") or c.accept("NO", "INHERIT"):
            return act("INHERIT")
        if c.accept("OF") or c.accept("NOT", "OF"):
            return act("OF")
        return act("?")

    # ------------------------------------------------------------- column definitions
    _COLUMN_CONSTRAINT_WORDS = frozenset(
        {"CONSTRAINT", "DEFAULT", "NOT", "NULL", "CHECK", "UNIQUE", "PRIMARY", "REFERENCES",
         "GENERATED", "COLLATE", "DEFERRABLE", "INITIALLY", "COMPRESSION", "STORAGE"}
    )

    def _column_def(self, c: Cursor) -> ColumnSpec | None:
        name_tok = c.next()
        if name_tok is None or not name_tok.is_ident:
            return None
        toks = c.rest()
        j = 0
        depth = 0
        while j < len(toks):
            t = toks[j]
            if t.text == "(":
                depth += 1
            elif t.text == ")":
                depth -= 1
            elif depth == 0 and t.kind is TokKind.WORD and t.up in self._COLUMN_CONSTRAINT_WORDS:
                break
            j += 1
        type_toks = toks[:j]
        rest = Cursor(toks[j:])
        default: tuple[Tok, ...] | None = None
        not_null = pk = unique = identity = False
        check = None
        refs = None
        generated = None
        while not rest.done:
            if rest.accept("CONSTRAINT"):
                rest.next()
                continue
            if rest.accept("DEFAULT"):
                default = self._until_constraint_word(rest)
                continue
            if rest.accept("NOT", "NULL"):
                not_null = True
                continue
            if rest.accept("NULL"):
                continue
            if rest.accept("PRIMARY", "KEY"):
                pk = True
                continue
            if rest.accept("UNIQUE"):
                unique = True
                rest.accept("NULLS", "NOT", "DISTINCT") or rest.accept("NULLS", "DISTINCT")
                continue
            if rest.accept("CHECK"):
                check = rest.skip_parens()
                rest.accept("NO", "INHERIT")
                continue
            if rest.accept("REFERENCES"):
                refs = self.q(rest.qualified_name())
                rest.skip_parens()
                continue
            if rest.accept("GENERATED"):
                if rest.accept("ALWAYS") or rest.accept("BY", "DEFAULT"):
                    pass
                if rest.accept("AS", "IDENTITY"):
                    identity = True
                    rest.skip_parens()
                    continue
                if rest.accept("AS"):
                    rest.skip_parens()
                    generated = "virtual" if rest.accept("VIRTUAL") else ("stored" if rest.accept("STORED") else "virtual")
                    continue
                continue
            rest.next()
        return ColumnSpec(
            name=name_tok.name, type=parse_type(type_toks), type_tokens=tuple(type_toks),
            default=default, not_null=not_null, primary_key=pk, unique=unique, check=check,
            references=refs, identity=identity, serial=is_serial(type_toks), generated=generated,
        )

    def _until_constraint_word(self, c: Cursor) -> tuple[Tok, ...]:
        start = c.i
        depth = 0
        while not c.done:
            t = c.peek()
            assert t is not None
            if t.text == "(":
                depth += 1
            elif t.text == ")":
                depth -= 1
            elif depth == 0 and t.kind is TokKind.WORD and t.up in self._COLUMN_CONSTRAINT_WORDS - {"NULL"}:
                if not (t.up == "NOT" and c.peek_up(1) != "NULL"):
                    break
            c.i += 1
        return c.toks[start : c.i]

    def _table_constraint(self, c: Cursor) -> ConstraintSpec | None:
        name = None
        if c.accept("CONSTRAINT"):
            t = c.next()
            name = t.name if t else None
        toks = c.rest()
        ups = {t.up for t in toks if t.kind is TokKind.WORD}
        not_valid = _ends_with(toks, ("NOT", "VALID"))
        not_enforced = _ends_with(toks, ("NOT", "ENFORCED")) or _contains(toks, ("NOT", "ENFORCED"))
        if c.accept("CHECK"):
            check = c.skip_parens()
            return ConstraintSpec(name, "CHECK", check=check, not_valid=not_valid, not_enforced=not_enforced,
                                  columns=_idents(check))
        if c.accept("NOT", "NULL"):
            col = c.next()
            return ConstraintSpec(name, "NOT NULL", columns=(col.name,) if col else (), not_valid=not_valid)
        if c.accept("UNIQUE") or c.accept("PRIMARY", "KEY"):
            kind = "UNIQUE" if c.toks[c.i - 1].up == "UNIQUE" else "PRIMARY KEY"
            c.accept("NULLS", "NOT", "DISTINCT") or c.accept("NULLS", "DISTINCT")
            if c.accept("USING", "INDEX"):
                idx = c.next()
                return ConstraintSpec(name, kind, using_index=idx.name if idx else None)
            cols = tuple(t.name for t in c.skip_parens() if t.is_ident)
            return ConstraintSpec(name, kind, columns=cols)
        if c.accept("FOREIGN", "KEY"):
            cols = tuple(t.name for t in c.skip_parens() if t.is_ident)
            c.accept("REFERENCES")
            ref = self.q(c.qualified_name())
            return ConstraintSpec(name, "FOREIGN KEY", columns=cols, references=ref, not_valid=not_valid,
                                  not_enforced=not_enforced)
        if c.accept("EXCLUDE"):
            return ConstraintSpec(name, "EXCLUDE", not_valid=not_valid)
        del ups
        return None

    # ---------------------------------------------------------------- ALTER INDEX / others
    def alter_index(self, c: Cursor) -> tuple[Action, ...]:
        if c.accept("ALL", "IN"):
            return (Action(verb="ALTER INDEX/?", label="ALL IN TABLESPACE"),)
        flags = frozenset({"IF EXISTS"}) if c.accept("IF", "EXISTS") else frozenset()
        index = self.q(c.qualified_name())
        if c.accept("RENAME", "TO"):
            new = c.next()
            return (Action(verb="ALTER INDEX/RENAME TO", label="RENAME TO", index=index, flags=flags,
                           new_name=_in_schema_of(index, new.name) if new else None),)
        if c.accept("SET", "TABLESPACE"):
            return (Action(verb="ALTER INDEX/SET TABLESPACE", label="SET TABLESPACE", index=index, flags=flags),)
        if c.accept("ATTACH", "PARTITION"):
            part = self.q(c.qualified_name())
            return (Action(verb="ALTER INDEX/ATTACH PARTITION", label="ATTACH PARTITION", index=index, name=part),)
        if c.at("SET", "(") or c.at("RESET", "("):
            return (Action(verb="ALTER INDEX/SET STORAGE PARAMETERS", label="SET", index=index, flags=flags),)
        if c.accept("ALTER"):
            c.accept("COLUMN")
            c.next()
            if c.accept("SET", "STATISTICS"):
                return (Action(verb="ALTER INDEX/SET STATISTICS", label="SET STATISTICS", index=index),)
        return (Action(verb="ALTER INDEX/?", label="?", index=index),)

    def alter_simple(self, c: Cursor, kind: str) -> tuple[Action, ...]:
        flags = frozenset({"IF EXISTS"}) if c.accept("IF", "EXISTS") else frozenset()
        rel = self.q(c.qualified_name())
        if c.accept("RENAME", "TO"):
            new = c.next()
            return (Action(verb=f"{kind}/RENAME TO", label="RENAME TO", table=rel, flags=flags,
                           new_name=_in_schema_of(rel, new.name) if new else None),)
        if c.at("RENAME"):
            return (Action(verb=f"{kind}/RENAME COLUMN", label="RENAME COLUMN", table=rel, flags=flags),)
        if c.accept("OWNER", "TO"):
            return (Action(verb=f"{kind}/OWNER TO", label="OWNER TO", table=rel),)
        if c.accept("SET", "SCHEMA"):
            return (Action(verb=f"{kind}/SET SCHEMA", label="SET SCHEMA", table=rel),)
        return (Action(verb=f"{kind}/OPTIONS", label=c.peek_up(), table=rel, flags=flags),)

    def alter_type(self, c: Cursor) -> tuple[Action, ...]:
        name = self.q(c.qualified_name())
        if c.accept("ADD", "VALUE"):
            return (Action(verb="ALTER TYPE/ADD VALUE", label="ADD VALUE", name=name),)
        if c.accept("RENAME", "VALUE"):
            return (Action(verb="ALTER TYPE/RENAME VALUE", label="RENAME VALUE", name=name),)
        if c.accept("RENAME", "TO"):
            new = c.next()
            return (Action(verb="ALTER TYPE/RENAME TO", label="RENAME TO", name=name,
                           new_name=_in_schema_of(name, new.name) if new else None),)
        if c.accept("OWNER", "TO"):
            return (Action(verb="ALTER TYPE/OWNER TO", label="OWNER TO", name=name),)
        return (Action(verb="ALTER TYPE/?", label=c.peek_up(), name=name),)

    def alter_domain(self, c: Cursor) -> tuple[Action, ...]:
        name = self.q(c.qualified_name())
        if c.accept("ADD"):
            cons = self._table_constraint(c)
            nv = bool(cons and cons.not_valid)
            return (Action(verb="ALTER DOMAIN/ADD CONSTRAINT", label="ADD CONSTRAINT", name=name,
                           constraint=cons, flags=frozenset({"NOT VALID"}) if nv else frozenset()),)
        if c.accept("VALIDATE", "CONSTRAINT"):
            return (Action(verb="ALTER DOMAIN/VALIDATE CONSTRAINT", label="VALIDATE CONSTRAINT", name=name),)
        if c.accept("DROP", "CONSTRAINT"):
            return (Action(verb="ALTER DOMAIN/DROP CONSTRAINT", label="DROP CONSTRAINT", name=name),)
        if c.accept("SET", "NOT", "NULL"):
            return (Action(verb="ALTER DOMAIN/SET NOT NULL", label="SET NOT NULL", name=name),)
        if c.accept("DROP", "NOT", "NULL"):
            return (Action(verb="ALTER DOMAIN/DROP NOT NULL", label="DROP NOT NULL", name=name),)
        if c.accept("SET", "DEFAULT") or c.accept("DROP", "DEFAULT"):
            return (Action(verb="ALTER DOMAIN/DEFAULT", label="SET DEFAULT", name=name),)
        if c.accept("RENAME"):
            return (Action(verb="ALTER DOMAIN/RENAME", label="RENAME", name=name),)
        if c.accept("OWNER", "TO"):
            return (Action(verb="ALTER TYPE/OWNER TO", label="OWNER TO", name=name),)
        return (Action(verb="ALTER DOMAIN/?", label=c.peek_up(), name=name),)

    # ---------------------------------------------------------------- CREATE
    def create(self, c: Cursor) -> tuple[Action, ...]:
        c.accept("CREATE")
        or_replace = c.accept("OR", "REPLACE")
        if c.at("UNIQUE", "INDEX") or c.at("INDEX"):
            return self.create_index(c)
        temp = False
        while c.peek_up() in ("GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED"):
            temp = temp or c.peek_up() in ("TEMP", "TEMPORARY")
            c.next()
        if c.accept("TABLE"):
            return self.create_table(c, temp)
        if c.accept("MATERIALIZED", "VIEW"):
            return self.create_view(c, "CREATE MATERIALIZED VIEW", or_replace)
        if c.accept("RECURSIVE", "VIEW") or c.accept("VIEW"):
            return self.create_view(c, "CREATE VIEW", or_replace)
        if c.accept("SEQUENCE"):
            c.accept("IF", "NOT", "EXISTS")
            return (Action(verb="CREATE SEQUENCE", label="", name=self.q(c.qualified_name())),)
        if c.accept("TYPE"):
            name = self.q(c.qualified_name())
            is_enum = c.accept("AS", "ENUM")
            return (Action(verb="CREATE TYPE", label="", name=name, flags=frozenset({"ENUM"}) if is_enum else frozenset()),)
        if c.accept("DOMAIN"):
            name = self.q(c.qualified_name())
            c.accept("AS")
            rest = c.rest()
            has_check = any(t.up == "CHECK" for t in rest)
            return (Action(verb="CREATE DOMAIN", label="", name=name, type=parse_type(rest),
                           flags=frozenset({"CHECK"}) if has_check else frozenset()),)
        if c.at("CONSTRAINT", "TRIGGER") or c.at("TRIGGER"):
            c.accept("CONSTRAINT")
            c.accept("TRIGGER")
            name = c.next()
            rest = Cursor(c.rest())
            while not rest.done and not rest.at("ON"):
                rest.next()
            rest.accept("ON")
            table = self.q(rest.qualified_name())
            return (Action(verb="CREATE TRIGGER", label="", table=table, name=name.name if name else None),)
        if c.accept("POLICY"):
            name = c.next()
            c.accept("ON")
            return (Action(verb="CREATE POLICY", label="", table=self.q(c.qualified_name()),
                           name=name.name if name else None),)
        if c.at("FUNCTION") or c.at("PROCEDURE"):
            return (Action(verb="CREATE FUNCTION", label=""),)
        if c.accept("EXTENSION"):
            return (Action(verb="CREATE EXTENSION", label=""),)
        if c.accept("SCHEMA"):
            return (Action(verb="CREATE SCHEMA", label=""),)
        if c.at("RULE"):
            return (Action(verb="CREATE RULE", label=""),)
        word = c.peek_up()
        if word in ("ROLE", "USER", "GROUP", "COLLATION", "PUBLICATION", "SUBSCRIPTION", "SERVER",
                    "STATISTICS", "AGGREGATE", "OPERATOR", "CAST", "TEXT", "LANGUAGE", "EVENT",
                    "FOREIGN", "ACCESS", "CONVERSION", "TRANSFORM", "TABLESPACE", "DATABASE"):
            return (Action(verb=f"CREATE {word}", label=""),)
        return (Action(verb="CREATE/?", label=word),)

    def create_index(self, c: Cursor) -> tuple[Action, ...]:
        flags = set()
        if c.accept("UNIQUE"):
            flags.add("UNIQUE")
        c.accept("INDEX")
        if c.accept("CONCURRENTLY"):
            flags.add("CONCURRENTLY")
        if c.accept("IF", "NOT", "EXISTS"):
            flags.add("IF NOT EXISTS")
        name = None
        if not c.at("ON"):
            n = c.next()
            name = n.name if n else None
        c.accept("ON")
        if c.accept("ONLY"):
            flags.add("ONLY")
        table = self.q(c.qualified_name())
        if c.accept("USING"):
            c.next()
        cols = c.skip_parens()
        col_names = tuple(
            p[0].name for p in split_top_level(cols) if p and p[0].is_ident
        )
        rest = c.rest()
        if any(t.up == "WHERE" for t in rest):
            flags.add("PARTIAL")
        index = _in_schema_of(table, name) if name else None
        return (Action(verb="CREATE INDEX", label="", table=table, index=index, flags=frozenset(flags),
                       extra=col_names),)

    def create_table(self, c: Cursor, temp: bool) -> tuple[Action, ...]:
        flags = {"TEMP"} if temp else set()
        if c.accept("IF", "NOT", "EXISTS"):
            flags.add("IF NOT EXISTS")
        table = self.q(c.qualified_name())
        if c.accept("PARTITION", "OF"):
            parent = self.q(c.qualified_name())
            rest = c.rest()
            default = any(t.up == "DEFAULT" for t in rest[:3]) and not any(t.up == "VALUES" for t in rest[:3])
            elems = Cursor(rest).skip_parens() if rest and rest[0].text == "(" else ()
            cols, cons = self._table_elements(elems, table)
            partitioned = _contains(rest, ("PARTITION", "BY"))
            return (Action(verb="CREATE TABLE/PARTITION OF", label="", table=table, partition_of=parent,
                           partition_default=default, columns=cols, constraints=cons,
                           partitioned=partitioned, flags=frozenset(flags)),)
        if c.at("OF"):
            return (Action(verb="CREATE TABLE", label="", table=table, flags=frozenset(flags)),)
        if c.peek_up() == "(":
            elems = c.skip_parens()
            rest = c.rest()
            if rest and rest[0].up == "AS":
                return (Action(verb="CREATE TABLE AS", label="", table=table, flags=frozenset(flags),
                               tables=self._query_sources(rest)),)
            cols, cons = self._table_elements(elems, table)
            partitioned = _contains(rest, ("PARTITION", "BY"))
            likes = tuple(
                self.q(tuple(t.name for t in e[1:2])) or "" for e in split_top_level(elems)
                if e and e[0].up == "LIKE"
            )
            return (Action(verb="CREATE TABLE", label="", table=table, columns=cols, constraints=cons,
                           partitioned=partitioned, flags=frozenset(flags), tables=likes),)
        rest = c.rest()
        if any(t.up == "AS" for t in rest[:8]):
            return (Action(verb="CREATE TABLE AS", label="", table=table, flags=frozenset(flags),
                           tables=self._query_sources(rest)),)
        return (Action(verb="CREATE TABLE/?", label="", table=table),)

    def _table_elements(self, elems: tuple[Tok, ...], table: str | None) -> tuple[tuple[ColumnSpec, ...], tuple[ConstraintSpec, ...]]:
        cols: list[ColumnSpec] = []
        cons: list[ConstraintSpec] = []
        for part in split_top_level(elems):
            pc = Cursor(part)
            if pc.at("LIKE"):
                continue
            if pc.peek_up() in ("CONSTRAINT", "CHECK", "UNIQUE", "PRIMARY", "FOREIGN", "EXCLUDE"):
                cs = self._table_constraint(pc)
                if cs is not None:
                    cons.append(cs)
                continue
            spec = self._column_def(pc)
            if spec is not None:
                cols.append(spec)
        return tuple(cols), tuple(cons)

    def create_view(self, c: Cursor, kind: str, or_replace: bool) -> tuple[Action, ...]:
        c.accept("IF", "NOT", "EXISTS")
        name = self.q(c.qualified_name())
        rest = c.rest()
        flags = frozenset({"OR REPLACE"} if or_replace else set()) | (
            frozenset({"WITH NO DATA"}) if _ends_with(rest, ("WITH", "NO", "DATA")) else frozenset()
        )
        return (Action(verb=kind, label="", table=name, tables=self._query_sources(rest), flags=flags),)

    def _query_sources(self, toks: tuple[Tok, ...]) -> tuple[str, ...]:
        """Relations named after FROM/JOIN (and their comma lists) in a query, outermost and nested."""
        out: list[str] = []
        ctes: set[str] = set()
        n = len(toks)
        for j, t in enumerate(toks):
            if t.kind is TokKind.WORD and t.up in ("WITH", ",") and j + 2 < n and toks[j + 2].up == "AS":
                ctes.add(toks[j + 1].name)
        j = 0
        while j < n:
            t = toks[j]
            if t.kind is TokKind.WORD and t.up in ("FROM", "JOIN", "USING") and j + 1 < n:
                k = j + 1
                while True:
                    if k < n and toks[k].up == "ONLY":
                        k += 1
                    if k < n and toks[k].is_ident and toks[k].up not in _NOT_RELATION:
                        cur = Cursor(toks, k)
                        parts = cur.qualified_name()
                        k = cur.i
                        if parts and not (len(parts) == 1 and parts[0] in ctes) and not (k < n and toks[k].text == "("):
                            q = self.q(parts)
                            if q:
                                out.append(q)
                        # skip alias
                        if k < n and toks[k].up == "AS":
                            k += 1
                        if k < n and toks[k].is_ident and toks[k].up not in _CLAUSE_WORDS:
                            k += 1
                        if k < n and toks[k].text == ",":
                            k += 1
                            continue
                    break
                j = k
                continue
            j += 1
        return tuple(dict.fromkeys(out))

    # ---------------------------------------------------------------- DROP
    def drop(self, c: Cursor) -> tuple[Action, ...]:
        c.accept("DROP")
        if c.accept("INDEX"):
            flags = set()
            if c.accept("CONCURRENTLY"):
                flags.add("CONCURRENTLY")
            if c.accept("IF", "EXISTS"):
                flags.add("IF EXISTS")
            names = self._name_list(c)
            if c.accept("CASCADE"):
                flags.add("CASCADE")
            return tuple(Action(verb="DROP INDEX", label="", index=n, flags=frozenset(flags)) for n in names)
        kind = None
        for words in (("MATERIALIZED", "VIEW"), ("TABLE",), ("VIEW",), ("SEQUENCE",), ("TYPE",), ("DOMAIN",),
                      ("FUNCTION",), ("PROCEDURE",), ("TRIGGER",), ("POLICY",), ("SCHEMA",), ("EXTENSION",),
                      ("RULE",), ("DATABASE",), ("ROLE",), ("USER",), ("OWNED",)):
            if c.accept(*words):
                kind = " ".join(words)
                break
        if kind is None:
            return (Action(verb="DROP/?", label=c.peek_up()),)
        flags = {"IF EXISTS"} if c.accept("IF", "EXISTS") else set()
        if kind in ("TRIGGER", "POLICY", "RULE"):
            name = c.next()
            c.accept("ON")
            table = self.q(c.qualified_name())
            return (Action(verb=f"DROP {kind}", label="", table=table, name=name.name if name else None,
                           flags=frozenset(flags)),)
        if kind in ("FUNCTION", "PROCEDURE", "SCHEMA", "EXTENSION", "DATABASE", "ROLE", "USER", "OWNED"):
            rest = c.rest()
            if any(t.up == "CASCADE" for t in rest):
                flags.add("CASCADE")
            name = c.next()
            return (Action(verb=f"DROP {kind}", label="", name=name.name if name else None, flags=frozenset(flags)),)
        names = self._name_list(c)
        if c.accept("CASCADE"):
            flags.add("CASCADE")
        if kind in ("TYPE", "DOMAIN"):
            return tuple(Action(verb=f"DROP {kind}", label="", name=n, flags=frozenset(flags)) for n in names)
        return tuple(Action(verb=f"DROP {kind}", label="", table=n, flags=frozenset(flags)) for n in names)

    def _name_list(self, c: Cursor) -> list[str]:
        names = []
        while True:
            n = self.q(c.qualified_name())
            if n is None:
                break
            names.append(n)
            if not c.accept(","):
                break
        return names

    # ---------------------------------------------------------------- maintenance / data / misc
    def truncate(self, c: Cursor) -> tuple[Action, ...]:
        c.accept("TRUNCATE")
        c.accept("TABLE")
        names = []
        while True:
            c.accept("ONLY")
            n = self.q(c.qualified_name())
            if n is None:
                break
            names.append(n)
            c.accept("*")
            if not c.accept(","):
                break
        rest = {t.up for t in c.rest()}
        flags = frozenset({"CASCADE"} & rest | ({"RESTART IDENTITY"} if "RESTART" in rest else set()))
        return (Action(verb="TRUNCATE", label="", table=names[0] if names else None, tables=tuple(names), flags=flags),)

    def reindex(self, c: Cursor) -> tuple[Action, ...]:
        c.accept("REINDEX")
        c.skip_parens()
        what = c.next()
        flags = frozenset({"CONCURRENTLY"}) if c.accept("CONCURRENTLY") else frozenset()
        name = self.q(c.qualified_name())
        w = what.up if what else ""
        if w == "INDEX":
            return (Action(verb="REINDEX INDEX", label="INDEX", index=name, flags=flags),)
        if w == "TABLE":
            return (Action(verb="REINDEX TABLE", label="TABLE", table=name, flags=flags),)
        return (Action(verb=f"REINDEX {w}", label=w, flags=flags),)

    def vacuum(self, c: Cursor) -> tuple[Action, ...]:
        c.accept("VACUUM")
        opts = {t.up for t in c.skip_parens() if t.kind is TokKind.WORD}
        while c.peek_up() in ("FULL", "FREEZE", "VERBOSE", "ANALYZE", "ANALYSE"):
            t = c.next()
            assert t is not None
            opts.add(t.up)
        names = self._relation_list(c)
        verb = "VACUUM FULL" if "FULL" in opts else "VACUUM"
        if not names:
            return (Action(verb=f"{verb}/ALL", label=""),)
        return tuple(Action(verb=verb, label="", table=n) for n in names)

    def analyze_(self, c: Cursor) -> tuple[Action, ...]:
        c.next()
        c.skip_parens()
        c.accept("VERBOSE")
        names = self._relation_list(c)
        if not names:
            return (Action(verb="ANALYZE/ALL", label=""),)
        return tuple(Action(verb="ANALYZE", label="", table=n) for n in names)

    def _relation_list(self, c: Cursor) -> list[str]:
        names = []
        while True:
            n = self.q(c.qualified_name())
            if n is None:
                break
            names.append(n)
            c.skip_parens()
            if not c.accept(","):
                break
        return names

    def cluster(self, c: Cursor) -> tuple[Action, ...]:
        c.accept("CLUSTER")
        c.skip_parens()
        c.accept("VERBOSE")
        table = self.q(c.qualified_name())
        index = None
        if c.accept("USING"):
            index = _in_schema_of(table, c.next().name) if c.peek() else None  # type: ignore[union-attr]
        if table is None:
            return (Action(verb="CLUSTER/ALL", label=""),)
        return (Action(verb="CLUSTER", label="", table=table, index=index),)

    def refresh(self, c: Cursor) -> tuple[Action, ...]:
        c.accept("REFRESH")
        c.accept("MATERIALIZED", "VIEW")
        flags = frozenset({"CONCURRENTLY"}) if c.accept("CONCURRENTLY") else frozenset()
        name = self.q(c.qualified_name())
        return (Action(verb="REFRESH MATERIALIZED VIEW", label="", table=name, flags=flags),)

    def lock(self, c: Cursor) -> tuple[Action, ...]:
        c.accept("LOCK")
        c.accept("TABLE")
        names = []
        while True:
            c.accept("ONLY")
            n = self.q(c.qualified_name())
            if n is None:
                break
            names.append(n)
            c.accept("*")
            if not c.accept(","):
                break
        mode = LockMode.ACCESS_EXCLUSIVE
        if c.accept("IN"):
            words = []
            while not c.done and c.peek_up() not in ("MODE",):
                t = c.next()
                assert t is not None
                words.append(t.up)
            try:
                mode = LockMode["_".join(words)]
            except KeyError:
                mode = LockMode.ACCESS_EXCLUSIVE
            c.accept("MODE")
        flags = frozenset({"NOWAIT"}) if c.accept("NOWAIT") else frozenset()
        return (Action(verb="LOCK", label="", table=names[0] if names else None, tables=tuple(names),
                       mode=mode, flags=flags),)

    def comment(self, c: Cursor) -> tuple[Action, ...]:
        c.accept("COMMENT")
        c.accept("ON")
        obj = []
        while not c.done and not c.at("IS"):
            t = c.next()
            assert t is not None
            obj.append(t)
        words = [t.up for t in obj]
        table = None
        if words[:1] == ["COLUMN"]:
            parts = [t.name for t in obj[1:] if t.is_ident]
            table = self.q(tuple(parts[:-1])) if len(parts) >= 2 else None
            return (Action(verb="COMMENT/COLUMN", label="", table=table),)
        if words[:1] in (["TABLE"],) or words[:2] == ["MATERIALIZED", "VIEW"] or words[:1] == ["VIEW"]:
            k = 2 if words[:1] == ["MATERIALIZED"] else 1
            table = self.q(tuple(t.name for t in obj[k:] if t.is_ident))
            return (Action(verb="COMMENT/TABLE", label="", table=table),)
        if words[:1] == ["CONSTRAINT"] or words[:1] == ["TRIGGER"] or words[:1] == ["POLICY"]:
            on = next((j for j, t in enumerate(obj) if t.up == "ON"), None)
            if on is not None:
                table = self.q(tuple(t.name for t in obj[on + 1 :] if t.is_ident and t.up != "DOMAIN"))
            return (Action(verb="COMMENT/TABLE", label="", table=table),)
        if words[:1] == ["INDEX"]:
            return (Action(verb="COMMENT/INDEX", label="", index=self.q(tuple(t.name for t in obj[1:] if t.is_ident))),)
        return (Action(verb="COMMENT/OTHER", label=""),)

    def dml(self, c: Cursor) -> tuple[Action, ...]:
        toks = c.rest()
        head = toks[0].up
        if head == "WITH":
            # find the main verb after the CTEs
            depth = 0
            for j, t in enumerate(toks):
                if t.text == "(":
                    depth += 1
                elif t.text == ")":
                    depth -= 1
                elif depth == 0 and t.up in ("INSERT", "UPDATE", "DELETE", "SELECT", "MERGE") and j > 0:
                    inner = self.dml(Cursor(toks[j:]))
                    sources = self._query_sources(toks)
                    return tuple(
                        Action(verb=a.verb, label=a.label, table=a.table, has_where=a.has_where,
                               tables=tuple(dict.fromkeys(a.tables + sources)), flags=a.flags)
                        for a in inner
                    )
            return (Action(verb="SELECT", label="", tables=self._query_sources(toks)),)
        if head == "UPDATE":
            c.accept("UPDATE")
            c.accept("ONLY")
            table = self.q(c.qualified_name())
            has_where = _has_top_word(toks, "WHERE")
            sources = tuple(s for s in self._query_sources(toks) if s != table)
            return (Action(verb="UPDATE", label="", table=table, has_where=has_where, tables=sources),)
        if head == "DELETE":
            c.accept("DELETE")
            c.accept("FROM")
            c.accept("ONLY")
            table = self.q(c.qualified_name())
            has_where = _has_top_word(toks, "WHERE")
            sources = tuple(s for s in self._query_sources(toks[3:]) if s != table)
            return (Action(verb="DELETE", label="", table=table, has_where=has_where, tables=sources),)
        if head == "INSERT":
            c.accept("INSERT")
            c.accept("INTO")
            table = self.q(c.qualified_name())
            sources = tuple(self._query_sources(c.rest()))
            verb = "INSERT SELECT" if any(t.up == "SELECT" for t in c.rest()) else "INSERT"
            return (Action(verb=verb, label="", table=table, tables=sources),)
        if head == "MERGE":
            return (Action(verb="MERGE", label=""),)
        if head in ("SELECT", "VALUES", "TABLE"):
            if _contains(toks, ("INTO",)) and head == "SELECT" and not _contains(toks, ("FROM",)):
                pass
            if head == "SELECT" and _has_top_word(toks, "INTO"):
                return (Action(verb="SELECT INTO", label="", tables=self._query_sources(toks)),)
            for_update = _contains(toks, ("FOR", "UPDATE")) or _contains(toks, ("FOR", "SHARE")) or \
                _contains(toks, ("FOR", "NO", "KEY")) or _contains(toks, ("FOR", "KEY"))
            return (Action(verb="SELECT", label="", tables=self._query_sources(toks),
                           flags=frozenset({"FOR UPDATE"}) if for_update else frozenset()),)
        return (Action(verb=f"{head}/?", label=""),)

    def session(self, c: Cursor) -> tuple[Action, ...]:
        toks = c.rest()
        head = toks[0].up
        if head == "SET":
            j = 1
            if j < len(toks) and toks[j].up in ("LOCAL", "SESSION"):
                j += 1
            name = toks[j].name if j < len(toks) else ""
            if name == "time" and j + 1 < len(toks) and toks[j + 1].up == "ZONE":
                name = "timezone"
                j += 1
            if name == "transaction" or name == "constraints" or name == "role" or name == "session":
                return (Action(verb="SET", label="", name=name),)
            vals = [t for t in toks[j + 1 :] if t.up not in ("TO", "=")]
            value = ",".join(t.text.strip("'").lower() if t.kind is TokKind.STRING else t.name for t in vals if t.text != ",")
            return (Action(verb="SET", label="", name=name, extra=(value,)),)
        if head == "RESET":
            return (Action(verb="SET", label="", name=toks[1].name if len(toks) > 1 else "", extra=("<reset>",)),)
        return (Action(verb="SESSION", label=head),)

    def grant(self, c: Cursor) -> tuple[Action, ...]:
        return (Action(verb="GRANT", label=""),)

    def procedural(self, c: Cursor) -> tuple[Action, ...]:
        return (Action(verb=c.peek_up(), label=""),)


_NOT_RELATION = frozenset({"SELECT", "LATERAL", "VALUES", "(", "UNNEST", "GENERATE_SERIES"})
_CLAUSE_WORDS = frozenset(
    {"WHERE", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "FULL", "CROSS", "ON", "GROUP", "ORDER",
     "LIMIT", "OFFSET", "UNION", "EXCEPT", "INTERSECT", "HAVING", "WINDOW", "FOR", "USING",
     "RETURNING", "SET", "NATURAL", "FETCH", "WITH", "AS", "TABLESAMPLE"}
)


def _has_top_word(toks: tuple[Tok, ...], word: str) -> bool:
    depth = 0
    for t in toks:
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth -= 1
        elif depth == 0 and t.kind is TokKind.WORD and t.up == word:
            return True
    return False


def _contains(toks: tuple[Tok, ...], words: tuple[str, ...]) -> bool:
    n = len(words)
    for j in range(len(toks) - n + 1):
        if all(toks[j + k].up == words[k] for k in range(n)):
            return True
    return False


def _ends_with(toks: tuple[Tok, ...], words: tuple[str, ...]) -> bool:
    n = len(words)
    return len(toks) >= n and all(toks[len(toks) - n + k].up == words[k] for k in range(n))


def _idents(toks: tuple[Tok, ...]) -> tuple[str, ...]:
    return tuple(t.name for t in toks if t.kind is TokKind.QIDENT or (t.kind is TokKind.WORD and t.up not in ("IS", "NOT", "NULL", "AND", "OR", "TRUE", "FALSE")))


_HANDLERS = {
    "ALTER": Reader.alter,
    "CREATE": Reader.create,
    "DROP": Reader.drop,
    "TRUNCATE": Reader.truncate,
    "REINDEX": Reader.reindex,
    "VACUUM": Reader.vacuum,
    "ANALYZE": Reader.analyze_,
    "ANALYSE": Reader.analyze_,
    "CLUSTER": Reader.cluster,
    "REFRESH": Reader.refresh,
    "LOCK": Reader.lock,
    "COMMENT": Reader.comment,
    "UPDATE": Reader.dml,
    "DELETE": Reader.dml,
    "INSERT": Reader.dml,
    "MERGE": Reader.dml,
    "SELECT": Reader.dml,
    "WITH": Reader.dml,
    "VALUES": Reader.dml,
    "TABLE": Reader.dml,
    "SET": Reader.session,
    "RESET": Reader.session,
    "SHOW": Reader.session,
    "BEGIN": Reader.session,
    "START": Reader.session,
    "COMMIT": Reader.session,
    "END": Reader.session,
    "ROLLBACK": Reader.session,
    "ABORT": Reader.session,
    "SAVEPOINT": Reader.session,
    "RELEASE": Reader.session,
    "GRANT": Reader.grant,
    "REVOKE": Reader.grant,
    "DO": Reader.procedural,
    "CALL": Reader.procedural,
    "NOTIFY": Reader.procedural,
    "DISCARD": Reader.session,
    "CHECKPOINT": Reader.procedural,
}
