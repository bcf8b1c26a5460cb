"""Statement shapes and per-migration indexes that rule modules read (not a rule module).

The shapes (`alter_table`, `create_table`, `create_index`, `drop_index`, `created_name`) are thin
adapters over the parser's tree (`Statement.kind`, `Statement.actions`, `Statement.ast`) and the
analysis' `Action`s (`migrator.analysis.from_ast.actions_of`). Positioned tokens (`scan`) remain
only to locate text in `Statement.sql`: where a fix edit goes, the span of a type or DEFAULT
expression. Nothing here knows about locks or versions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlglot import exp

from migrator.analysis.actions import DEFAULT_SCHEMA, ColumnSpec, ConstraintSpec
from migrator.analysis.actions import Action as AnalysedAction
from migrator.analysis.facts import Facts, RelationKind
from migrator.analysis.from_ast import actions_of, column_spec, constraint_spec, ident
from migrator.lint.model import Edit
from migrator.sql import nodes
from migrator.sql.statement import Statement, StatementKind

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<lc>--[^\n]*)
  | (?P<dollar>\$(?:[A-Za-z_][A-Za-z_0-9]*)?\$)
  | (?P<param>\$\d+)
  | (?P<string>[eE]?'(?:[^'\\]|\\.|'')*'?)
  | (?P<qident>"(?:[^"]|"")*"?)
  | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)
  | (?P<word>[A-Za-z_\u0080-\uffff][A-Za-z_0-9$\u0080-\uffff]*)
  | (?P<op>::|<=|>=|<>|!=|\|\||[-+*/<>=~!@#%^&|`?(),;.\[\]:{}])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Tk:
    """One token of a statement: `kind` is word/qident/string/number/op/param; `up` the
    upper-cased text of a word (the exact text otherwise); `start`/`end` offsets into the SQL."""

    kind: str
    text: str
    up: str
    start: int
    end: int

    @property
    def is_ident(self) -> bool:
        return self.kind in ("word", "qident")

    @property
    def name(self) -> str:
        """The identifier's value: folded to lower case unless double-quoted."""
        if self.kind == "qident":
            return self.text[1:-1].replace('""', '"')
        return self.text.lower()


@lru_cache(maxsize=4096)
def scan(sql: str) -> tuple[Tk, ...]:
    """Tokenize SQL; comments and whitespace are dropped. Never raises."""
    toks: list[Tk] = []
    pos, n = 0, len(sql)
    while pos < n:
        if sql.startswith("/*", pos):
            close = sql.find("*/", pos + 2)
            pos = n if close < 0 else close + 2
            continue
        m = _TOKEN.match(sql, pos)
        if m is None:
            toks.append(Tk("op", sql[pos], sql[pos], pos, pos + 1))
            pos += 1
            continue
        kind = m.lastgroup or "op"
        value = m.group(0)
        if kind == "dollar":
            close = sql.find(value, m.end())
            stop = n if close < 0 else close + len(value)
            toks.append(Tk("string", sql[pos:stop], sql[pos:stop], pos, stop))
            pos = stop
            continue
        pos = m.end()
        if kind in ("ws", "lc"):
            continue
        toks.append(Tk(kind, value, value.upper() if kind == "word" else value, m.start(), m.end()))
    return tuple(toks)


def ups(toks: Sequence[Tk]) -> tuple[str, ...]:
    return tuple(t.up for t in toks)


def find(toks: Sequence[Tk], *words: str, start: int = 0, top_level: bool = True) -> int:
    """Index of the first occurrence of the word sequence (at paren depth 0 by default), or -1."""
    depth = 0
    for i in range(start, len(toks)):
        t = toks[i]
        if (depth == 0 or not top_level) and all(
                i + k < len(toks) and toks[i + k].up == w for k, w in enumerate(words)):
            return i
        if t.kind == "op" and t.text in "([":
            depth += 1
        elif t.kind == "op" and t.text in ")]":
            depth -= 1
    return -1




def split_commas(toks: Sequence[Tk]) -> list[tuple[Tk, ...]]:
    """Split at commas outside parentheses."""
    parts: list[tuple[Tk, ...]] = []
    depth, begin = 0, 0
    for i, t in enumerate(toks):
        if t.kind != "op":
            continue
        if t.text in "([":
            depth += 1
        elif t.text in ")]":
            depth -= 1
        elif t.text == "," and depth == 0:
            parts.append(tuple(toks[begin:i]))
            begin = i + 1
    parts.append(tuple(toks[begin:]))
    return [p for p in parts if p]


def paren_group(toks: Sequence[Tk], i: int) -> tuple[tuple[Tk, ...], int]:
    """If `toks[i]` is `(`: the tokens inside the matching parens and the index after `)`."""
    if i >= len(toks) or toks[i].text != "(":
        return (), i
    depth = 0
    for j in range(i, len(toks)):
        if toks[j].kind == "op" and toks[j].text in "([":
            depth += 1
        elif toks[j].kind == "op" and toks[j].text in ")]":
            depth -= 1
            if depth == 0:
                return tuple(toks[i + 1 : j]), j + 1
    return tuple(toks[i + 1 :]), len(toks)


def qualified_name(toks: Sequence[Tk], i: int) -> tuple[str, int]:
    """Read `a`, `a.b` or `a.b.c` at `i`: the dotted name and the index after it ("" if none)."""
    if i >= len(toks) or not toks[i].is_ident:
        return "", i
    parts = [toks[i].name]
    i += 1
    while i + 1 < len(toks) and toks[i].text == "." and toks[i + 1].is_ident:
        parts.append(toks[i + 1].name)
        i += 2
    return ".".join(parts), i




def short(name: str) -> str:
    """The last part of a dotted name (`public.users` → `users`)."""
    return name.rsplit(".", 1)[-1]


def same_relation(a: str, b: str) -> bool:
    """Names equal, comparing unqualified names when one side is unqualified."""
    if not a or not b:
        return False
    if "." in a and "." in b:
        return a == b
    return short(a) == short(b)


# --- statement shapes, read from the parser's tree ---------------------------------------------
#
# What a statement is and what it contains comes from `Statement.kind`, `Statement.actions` and
# the sqlglot tree (`Statement.ast`, MigratorPostgres nodes) through `migrator.analysis.from_ast`.
# Tokens are used below only to LOCATE text (the span of an action, of a column's type, of a
# DEFAULT expression, the INDEX keyword) so that rules can place fix edits and quote the source.

_CONSTRAINT_START = {"CONSTRAINT", "NOT", "NULL", "DEFAULT", "UNIQUE", "PRIMARY", "CHECK", "REFERENCES",
                     "GENERATED", "COLLATE", "DEFERRABLE", "INITIALLY", "COMPRESSION", "STORAGE"}

_DTYPE_SHORT = {
    "INT": "int4", "BIGINT": "int8", "SMALLINT": "int2", "SERIAL": "serial4", "BIGSERIAL": "serial8",
    "SMALLSERIAL": "serial2", "VARCHAR": "varchar", "NVARCHAR": "varchar", "CHAR": "bpchar",
    "NCHAR": "bpchar", "BPCHAR": "bpchar", "TEXT": "text", "TIMESTAMP": "timestamp",
    "TIMESTAMPTZ": "timestamptz", "TIME": "time", "TIMETZ": "timetz", "JSON": "json", "JSONB": "jsonb",
    "BOOLEAN": "bool", "UUID": "uuid", "DATE": "date", "FLOAT": "float4", "DOUBLE": "float8",
    "DECIMAL": "numeric", "VARBINARY": "bytea", "INTERVAL": "interval", "OID": "oid", "MONEY": "money",
    "INET": "inet",
}
_USERDEFINED_SHORT = {"int4": "int4", "int8": "int8", "int2": "int2", "serial": "serial4", "serial4": "serial4",
                      "serial8": "serial8", "serial2": "serial2", "bigserial": "serial8",
                      "smallserial": "serial2", "float8": "float8", "float4": "float4", "bool": "bool",
                      "bpchar": "bpchar", "timestamptz": "timestamptz", "timetz": "timetz"}


def _dtype_short(dt: exp.Expr | None) -> tuple[str, bool, tuple[str, ...]]:
    """(short type name, is array, modifiers) of a DataType node: `int4`, `varchar`, `serial8`, ..."""
    if dt is None:
        return "", False, ()
    if not isinstance(dt, exp.DataType):
        return dt.sql(dialect="postgres").split("(")[0].lower(), False, ()
    kind = getattr(dt.this, "name", str(dt.this))
    if kind == "ARRAY":
        inner = dt.expressions[0] if dt.expressions else None
        base, _, mods = _dtype_short(inner)
        return base, True, mods
    mods = tuple(str(getattr(p.this, "this", p.this)) if isinstance(p, exp.DataTypeParam) else p.sql()
                 for p in dt.expressions)
    if kind == "USERDEFINED":
        written = dt.args.get("kind")
        if isinstance(written, exp.Identifier):
            name = ident(written) or ""
        else:
            text = str(written or "")
            name = text[1:-1].replace('""', '"') if text.startswith('"') else text.lower()
        return _USERDEFINED_SHORT.get(name, name), False, mods
    return _DTYPE_SHORT.get(kind, kind.lower()), False, mods


def written_name(node: exp.Expr | None) -> str:
    """A relation or object name as written (`t`, `s.t`; quoted parts keep their case)."""
    while isinstance(node, (exp.Schema, exp.Index)) or (
            node is not None and not isinstance(node, (exp.Table, exp.Identifier, exp.Column, exp.Dot))
            and isinstance(node.args.get("this"), (exp.Table, exp.Schema))):
        node = node.args.get("this")
    if isinstance(node, exp.Identifier):
        return ident(node) or ""
    if isinstance(node, exp.Dot):
        return ".".join(p for p in (written_name(node.this), written_name(node.expression)) if p)
    if isinstance(node, (exp.Table, exp.Column)):
        parts = [node.args.get(k) for k in ("catalog", "db", "this")]
        return ".".join(n for p in parts if p is not None and (n := ident(p)))
    return ""


@dataclass(frozen=True, slots=True)
class ColumnDef:
    """A column definition (`name type [constraints]`) from CREATE TABLE or ADD COLUMN: the facts
    from the tree's `ColumnDef` node (`spec`), the token positions for edits."""

    name: str
    base_type: str  # normalised type name: `int4`, `int8`, `varchar`, `timestamp`, `serial8`, ...
    is_array: bool
    type_text: str  # the type as written, e.g. "varchar(20)"
    type_args: tuple[str, ...]  # modifiers, e.g. ("20",)
    toks: tuple[Tk, ...]
    not_null: bool
    has_default: bool
    default_toks: tuple[Tk, ...]
    unique: bool
    primary_key: bool
    check: bool
    references: str  # referenced table as the analysis qualifies it, "" if none
    generated_stored: bool
    generated_virtual: bool
    identity: bool
    name_tok: Tk | None
    type_start: int = 0  # offsets of the type as written, into the statement's SQL
    type_end: int = 0
    spec: ColumnSpec | None = None


def _column_def(node: exp.ColumnDef, toks: Sequence[Tk], sql: str) -> ColumnDef:
    """A ColumnDef from the tree node; `toks` are the tokens of its text (name first), used only
    to locate the type and DEFAULT spans."""
    spec = column_spec(node, DEFAULT_SCHEMA)
    base, is_array, mods = _dtype_short(node.args.get("kind"))
    type_start = type_end = 0
    default_toks: tuple[Tk, ...] = ()
    if len(toks) > 1:
        stop = _next_top_level(toks, 1, _CONSTRAINT_START)
        type_start, type_end = toks[1].start, toks[max(stop - 1, 1)].end
        at = find(toks, "DEFAULT", start=stop)
        if at >= 0 and spec.default is not None:
            end = _next_top_level(toks, at + 1, _CONSTRAINT_START - {"NULL"})
            default_toks = tuple(toks[at + 1 : end])
    return ColumnDef(
        name=spec.name, base_type=base, is_array=is_array,
        type_text=sql[type_start:type_end] if type_end else "", type_args=mods, toks=tuple(toks),
        not_null=spec.not_null or spec.primary_key, has_default=spec.default is not None,
        default_toks=default_toks, unique=spec.unique, primary_key=spec.primary_key,
        check=spec.check is not None, references=spec.references or "",
        generated_stored=spec.generated == "stored", generated_virtual=spec.generated == "virtual",
        identity=spec.identity, name_tok=toks[0] if toks else None,
        type_start=type_start, type_end=type_end, spec=spec,
    )


def _next_top_level(toks: Sequence[Tk], start: int, words_: set[str]) -> int:
    """Index of the first word in `words_` at paren depth 0 from `start` (len(toks) if none)."""
    depth = 0
    for i in range(start, len(toks)):
        t = toks[i]
        if t.kind == "op" and t.text in "([":
            depth += 1
        elif t.kind == "op" and t.text in ")]":
            depth -= 1
        elif depth == 0 and t.kind == "word" and t.up in words_:
            return i
    return len(toks)


# --- ALTER TABLE -------------------------------------------------------------------------------

# The parser's words for a sub-command (`Statement.actions`) → the words rules match on.
_ACTION_WORDS = {
    "RENAME TO": "RENAME",
    "ADD CONSTRAINT USING INDEX": "ADD CONSTRAINT",
    "SET (storage_parameter)": "SET STORAGE PARAMETER",
    "RESET (storage_parameter)": "SET STORAGE PARAMETER",
    "SET (attribute_option)": "SET ATTRIBUTE OPTIONS",
    "RESET (attribute_option)": "RESET ATTRIBUTE OPTIONS",
    "ADD GENERATED AS IDENTITY": "ADD GENERATED",
    "SET IDENTITY OPTIONS": "ALTER IDENTITY",
    "ENABLE ALWAYS TRIGGER": "ENABLE TRIGGER",
    "ENABLE REPLICA TRIGGER": "ENABLE TRIGGER",
    "ENABLE ALWAYS RULE": "ENABLE RULE",
    "ENABLE REPLICA RULE": "ENABLE RULE",
}


@dataclass(frozen=True, slots=True)
class Action:
    """One sub-command of ALTER TABLE: `kind` in the reference's words (`ADD COLUMN`,
    `ADD CONSTRAINT`, `ALTER COLUMN TYPE`, `SET NOT NULL`, ...), the column or constraint it
    names, the analysis' `Action` (`analysed`), its tree node and its tokens (for edits)."""

    kind: str
    toks: tuple[Tk, ...]
    column: str = ""
    constraint: str = ""
    constraint_type: str = ""  # CHECK, UNIQUE, PRIMARY KEY, FOREIGN KEY, EXCLUDE, NOT NULL
    not_valid: bool = False
    using_index: bool = False
    column_def: ColumnDef | None = None
    node: exp.Expr | None = None
    analysed: AnalysedAction | None = None


@dataclass(frozen=True, slots=True)
class AlterTable:
    table: str
    only: bool
    if_exists: bool
    actions: tuple[Action, ...]
    toks: tuple[Tk, ...]


def _after_target(toks: Sequence[Tk], skip: int) -> int:
    """Index after `<skip words> [IF EXISTS|IF NOT EXISTS] [ONLY] name [*]` (locating only)."""
    i = skip
    while i < len(toks) and toks[i].up in ("IF", "NOT", "EXISTS", "ONLY", "CONCURRENTLY"):
        i += 1
    _, i = qualified_name(toks, i)
    if i < len(toks) and toks[i].text == "*":
        i += 1
    return i


def _action(word: str, node: exp.Expr, analysed: AnalysedAction | None, toks: tuple[Tk, ...], sql: str) -> Action:
    kind = _ACTION_WORDS.get(word, word)
    column = (analysed.column if analysed is not None else None) or ""
    if kind == "ADD COLUMN" and isinstance(node, exp.ColumnDef):
        start = 1
        while start < len(toks) and toks[start].up in ("COLUMN", "IF", "NOT", "EXISTS"):
            start += 1
        col = _column_def(node, toks[start:], sql)
        return Action(kind, toks, column=col.name, column_def=col, node=node, analysed=analysed)
    constraint = analysed.constraint if analysed is not None else None
    if kind == "ADD CONSTRAINT":
        return Action(kind, toks, constraint=(constraint.name if constraint else None) or "",
                      constraint_type=constraint.kind if constraint else "",
                      not_valid=bool(constraint and constraint.not_valid),
                      using_index=isinstance(node, nodes.AddConstraintUsingIndex), node=node, analysed=analysed)
    name = (analysed.name if analysed is not None else None) or ""
    if kind in ("DROP CONSTRAINT", "VALIDATE CONSTRAINT", "RENAME CONSTRAINT"):
        return Action(kind, toks, constraint=name, node=node, analysed=analysed)
    return Action(kind, toks, column=column, node=node, analysed=analysed)


@lru_cache(maxsize=4096)
def _alter_table(stmt: Statement) -> AlterTable | None:
    tree = stmt.ast
    if stmt.kind is not StatementKind.ALTER_TABLE or not isinstance(tree, exp.Alter):
        return None
    nodes_ = list(tree.args.get("actions") or [])
    analysed = actions_of(stmt)
    if len(analysed) != len(nodes_):
        analysed = (None,) * len(nodes_)  # type: ignore[assignment]
    toks = scan(stmt.sql)
    parts = split_commas(toks[_after_target(toks, 2):])
    if len(parts) != len(nodes_):
        parts = [tuple(toks)] * len(nodes_)
    acts = tuple(_action(word, node, a, tuple(part), stmt.sql)
                 for word, node, a, part in zip(stmt.actions, nodes_, analysed, parts))
    return AlterTable(written_name(tree.this), bool(tree.args.get("only")), bool(tree.args.get("exists")),
                      acts, toks)


def alter_table(stmt: Statement) -> AlterTable | None:
    """The shape of an `ALTER TABLE` statement, or None for other statements."""
    if stmt.kind is not StatementKind.ALTER_TABLE:
        return None
    return _alter_table(stmt)


def actions(stmt: Statement, *kinds: str) -> Iterator[Action]:
    """The ALTER TABLE actions of the given kinds (all actions when no kind is given)."""
    shape = alter_table(stmt)
    if shape is None:
        return
    for a in shape.actions:
        if not kinds or a.kind in kinds:
            yield a


# --- CREATE TABLE ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CreateTable:
    table: str
    if_not_exists: bool
    columns: tuple[ColumnDef, ...]
    constraints: tuple[tuple[Tk, ...], ...]  # table constraints / LIKE clauses (their tokens)
    partitioned: bool
    partition_of: str
    toks: tuple[Tk, ...]
    constraint_specs: tuple[ConstraintSpec, ...] = ()


def create_table(stmt: Statement) -> CreateTable | None:
    """The shape of a `CREATE TABLE` statement (not `AS`), or None."""
    if stmt.kind is not StatementKind.CREATE_TABLE:
        return None
    return _create_table(stmt)


@lru_cache(maxsize=4096)
def _create_table(stmt: Statement) -> CreateTable | None:
    tree = stmt.ast
    if not isinstance(tree, exp.Create):
        return None
    target = tree.this
    elements = list(target.expressions) if isinstance(target, exp.Schema) else []
    props = tree.args.get("properties")
    prop_list = list(props.expressions) if props is not None else []
    part_of = next((p for p in prop_list if isinstance(p, exp.PartitionedOfProperty)), None)
    toks = scan(stmt.sql)
    parts: list[tuple[Tk, ...]] = []
    if elements:
        at = _after_target(toks, find(toks, "TABLE") + 1)
        if part_of is not None:
            at = _after_target(toks, find(toks, "OF", start=at) + 1)
        parts = split_commas(paren_group(toks, at)[0])
    if len(parts) != len(elements):
        parts = [()] * len(elements)
    columns: list[ColumnDef] = []
    constraints: list[tuple[Tk, ...]] = []
    specs: list[ConstraintSpec] = []
    for element, part in zip(elements, parts):
        if isinstance(element, exp.ColumnDef):
            columns.append(_column_def(element, part, stmt.sql))
            continue
        constraints.append(part)
        spec = constraint_spec(element, DEFAULT_SCHEMA, False)
        if spec is not None:
            specs.append(spec)
    return CreateTable(
        table=written_name(target), if_not_exists=bool(tree.args.get("exists")), columns=tuple(columns),
        constraints=tuple(constraints), partitioned=any(isinstance(p, exp.PartitionedByProperty) for p in prop_list),
        partition_of=written_name(part_of.this) if part_of is not None else "", toks=toks,
        constraint_specs=tuple(specs))


# --- CREATE / DROP INDEX -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CreateIndex:
    name: str
    table: str
    unique: bool
    concurrently: bool
    if_not_exists: bool
    only: bool
    method: str
    columns: tuple[exp.Expr, ...]  # one tree node per indexed element
    partial: bool
    index_tok: Tk | None  # the INDEX keyword (insert ` CONCURRENTLY` after it)
    toks: tuple[Tk, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        """Indexed element names; an expression element is `"(expr)"`."""
        return tuple(
            (ident(node) or "(expr)") if isinstance(node, exp.Column) else "(expr)"
            for node in (_index_element(el) for el in self.columns)
        )

    @property
    def has_expression(self) -> bool:
        return "(expr)" in self.column_names


def _index_element(node: exp.Expr) -> exp.Expr:
    """An index element without its ordering and operator class."""
    if isinstance(node, exp.Ordered):
        node = node.this
    while isinstance(node, (exp.Opclass, exp.Collate)):
        node = node.this
    return node


def create_index(stmt: Statement) -> CreateIndex | None:
    """The shape of a `CREATE INDEX` statement, or None."""
    if stmt.kind is not StatementKind.CREATE_INDEX:
        return None
    return _create_index(stmt)


@lru_cache(maxsize=4096)
def _create_index(stmt: Statement) -> CreateIndex | None:
    tree = stmt.ast
    if not isinstance(tree, exp.Create) or not isinstance(tree.this, exp.Index):
        return None
    index = tree.this
    table = index.args.get("table")
    params = index.args.get("params")
    using = params.args.get("using") if params is not None else None
    toks = scan(stmt.sql)
    at = find(toks, "INDEX")
    return CreateIndex(
        name=written_name(index.this) if index.args.get("this") is not None else "",
        table=written_name(table), unique=bool(tree.args.get("unique")),
        concurrently=bool(tree.args.get("concurrently")), if_not_exists=bool(tree.args.get("exists")),
        only=bool(isinstance(table, exp.Table) and table.args.get("only")),
        method=(ident(using) or "btree") if using is not None else "btree",
        columns=tuple(params.args.get("columns") or ()) if params is not None else (),
        partial=params is not None and params.args.get("where") is not None,
        index_tok=toks[at] if at >= 0 else None, toks=toks)


@dataclass(frozen=True, slots=True)
class DropIndex:
    names: tuple[str, ...]
    concurrently: bool
    if_exists: bool
    cascade: bool
    index_tok: Tk | None
    toks: tuple[Tk, ...]


def drop_index(stmt: Statement) -> DropIndex | None:
    """The shape of a `DROP INDEX` statement, or None."""
    if stmt.kind is not StatementKind.DROP_INDEX or not isinstance(stmt.ast, exp.Drop):
        return None
    tree = stmt.ast
    toks = scan(stmt.sql)
    at = find(toks, "INDEX")
    return DropIndex(tuple(written_name(t) for t in tree.args.get("tables") or ()),
                     bool(tree.args.get("concurrently")), bool(tree.args.get("exists")),
                     bool(tree.args.get("cascade")), toks[at] if at >= 0 else None, toks)


def words(stmt: Statement) -> tuple[str, ...]:
    return ups(scan(stmt.sql))




def name_after(stmt: Statement, *prefix: str, skip: Iterable[str] = ("IF", "EXISTS", "NOT", "ONLY", "CONCURRENTLY")) -> str:
    """The object a statement names (`ALTER DOMAIN d`, `REFRESH MATERIALIZED VIEW v`), from the tree
    when it carries it, else the qualified name after the leading words `prefix`."""
    tree = stmt.ast
    if tree is not None:
        target = tree.args.get("this")
        name = written_name(target) if isinstance(target, (exp.Table, exp.Schema)) else ""
        if name:
            return name
    toks = scan(stmt.sql)
    i = len(prefix)
    skipped = set(skip)
    while i < len(toks) and toks[i].up in skipped:
        i += 1
    return qualified_name(toks, i)[0]


# --- context questions that combine facts, this migration and the schema model -----------------


def schema_table(ctx: Any, name: str) -> Any:
    """The schema model's entry for table `name` (before the current statement), or None."""
    schema = getattr(ctx, "schema", None)
    if schema is None or not name:
        return None
    for getter in ("table", "get_table", "find_table", "relation", "get"):
        fn = getattr(schema, getter, None)
        if callable(fn):
            for candidate in (name, normalize(name)):
                try:
                    found = fn(candidate)
                except Exception:  # noqa: BLE001 - an unknown name is "not known", never a crash
                    found = None
                if found is not None:
                    return found
    tables = getattr(schema, "tables", None)
    if isinstance(tables, dict):
        return tables.get(normalize(name)) or tables.get(name)
    return None


def normalize(name: str) -> str:
    """`users` → `public.users` (the form facts and the schema model use)."""
    if not name:
        return name
    return name if "." in name else f"public.{name}"


def is_partitioned(ctx: Any, stmt: Statement, facts: Facts, table: str) -> bool:
    """Whether `table` is a partitioned parent: from the statement's locks, a CREATE TABLE ...
    PARTITION BY earlier in this migration, or the schema model of earlier migrations."""
    for lock in facts.locks:
        if lock.kind == RelationKind.PARTITIONED_TABLE and same_relation(lock.relation, table):
            return True
    partitioned_here: list[tuple[int, str]] = per_migration(ctx, "partitioned", _partitioned_created)
    if any(index < stmt.index and same_relation(name, table) for index, name in partitioned_here):
        return True
    if any(same_relation(lock.relation, table) for lock in facts.locks):
        return False  # the analysis knows the relation and did not call it partitioned
    known = schema_table(ctx, table)
    if known is None:
        return False
    for attr in ("partitioned", "is_partitioned"):
        if getattr(known, attr, False) is True:
            return True
    kind = getattr(known, "kind", None)
    return str(kind).lower() in ("partitioned table", "partitioned", "p") if kind is not None else bool(
        getattr(known, "partition_by", None))


def _partitioned_created(ctx: Any) -> list[tuple[int, str]]:
    return [(s.index, table) for s, a in _migration_actions(ctx)
            if a.verb.startswith("CREATE TABLE") and a.partitioned and (table := a.table)]


def existing(facts: Facts) -> bool:
    """The statement locks a relation that existed before it (not created in this migration)."""
    return facts.lock is not None


def edit(ctx: Any, stmt: Statement, tok_or_offset: Tk | int | None, text: str, *, before: bool = False) -> Edit | None:
    """Insert `text` after (or before) a token, or at an offset into `stmt.sql` (None: not located)."""
    if tok_or_offset is None:
        return None
    if isinstance(tok_or_offset, Tk):
        at = tok_or_offset.start if before else tok_or_offset.end
    else:
        at = tok_or_offset
    result: Edit | None = ctx.replace_span(stmt, at, at, text)
    return result


def created_name(stmt: Statement) -> tuple[str, str]:
    """For a CREATE statement: (object kind word, qualified name as written), e.g. ("TABLE", "s.t");
    ("", "") for other statements and unnamed objects."""
    value = stmt.kind.value
    tree = stmt.ast
    if not value.startswith("CREATE ") or tree is None:
        return "", ""
    kind = value.removeprefix("CREATE ").removeprefix("MATERIALIZED ").removesuffix(" AS")
    target = tree.args.get("this")
    if isinstance(target, exp.Index):
        target = target.this if target.args.get("this") is not None else None
    if isinstance(target, (exp.Table, exp.Schema, exp.Identifier)):
        return kind, written_name(target)
    text = tree.args.get("sql")
    if isinstance(tree, nodes.GenericStatement) and isinstance(text, exp.Literal):
        # The tree keeps these forms (CREATE FOREIGN TABLE, SERVER, COLLATION, ...) as their kind and
        # raw text: the created name is the first qualified name of that text.
        toks = scan(str(text.this))
        while toks and toks[0].up in ("IF", "NOT", "EXISTS"):
            toks = toks[1:]
        return kind, qualified_name(toks, 0)[0]
    return kind, ""


def created_in_migration(ctx: Any, stmt: Statement, name: str, kinds: Iterable[str] = ()) -> bool:
    """Whether an earlier statement of this migration created an object called `name`."""
    wanted = set(kinds)
    if ctx.is_new_table(name, stmt):
        return True
    created: dict[str, list[tuple[int, str, str]]] = per_migration(ctx, "created", _created_index)
    return any(index < stmt.index and same_relation(full, name) and (not wanted or kind in wanted)
               for index, kind, full in created.get(short(name), ()))


def is_new(ctx: Any, stmt: Statement, name: str) -> bool:
    """Whether relation `name` was created earlier in this migration (new and empty)."""
    return bool(name) and created_in_migration(ctx, stmt, name)


def column_added_in_migration(ctx: Any, stmt: Statement, table: str, column: str) -> bool:
    """Whether an earlier `ALTER TABLE ... ADD COLUMN` of this migration added `table.column`
    (the running application does not know the column yet)."""
    added: dict[str, list[tuple[int, str]]] = per_migration(ctx, "added-columns", _added_columns)
    return any(index < stmt.index and same_relation(name, table) for index, name in added.get(column, ()))


def _added_columns(ctx: Any) -> dict[str, list[tuple[int, str]]]:
    """Column name → [(statement index, table)] of every ADD COLUMN in the migration."""
    found: dict[str, list[tuple[int, str]]] = {}
    for stmt, action in _migration_actions(ctx):
        if action.verb == "ALTER TABLE/ADD COLUMN" and action.column and action.table:
            found.setdefault(action.column, []).append((stmt.index, action.table))
    return found


def lock_phrase(facts: Facts, relation: str = "") -> str:
    """`an ACCESS EXCLUSIVE lock` / `a SHARE lock`: the statement's lock (on `relation` if given)
    as the analysis found it, for messages."""
    mode = facts.lock
    if relation:
        on = [lock.mode for lock in facts.locks if not lock.new and same_relation(lock.relation, relation)]
        mode = max(on) if on else mode
    name = str(mode) if mode is not None else "a blocking"
    return f"{'an' if name[0] in 'AEIOU' else 'a'} {name} lock"


def blocked(facts: Facts) -> str:
    """What the statement blocks for others, from the facts: `reads and writes`, `writes`, ..."""
    return facts.blocked_phrase(nothing="other schema changes")


# --- per-migration caches (one forward pass instead of a scan per statement) ------------------

_CACHE: dict[tuple[int, str], tuple[object, Any]] = {}


def per_migration(ctx: Any, key: str, compute: Any) -> Any:
    """`compute(ctx)` once per lint context (one migration linted with one set of settings)."""
    owner = ctx
    slot = (id(owner), key)
    hit = _CACHE.get(slot)
    if hit is not None and hit[0] is owner:
        return hit[1]
    if len(_CACHE) > 512:
        _CACHE.clear()
    value = compute(ctx)
    _CACHE[slot] = (owner, value)
    return value


def _created_index(ctx: Any) -> dict[str, list[tuple[int, str, str]]]:
    """Unqualified name → [(statement index, object kind, qualified name)] of CREATE statements."""
    found: dict[str, list[tuple[int, str, str]]] = {}
    for stmt in ctx.statements:
        kind, name = created_name(stmt)
        if name:
            found.setdefault(short(name), []).append((stmt.index, kind, name))
    return found


def _actions_by_statement(ctx: Any) -> tuple[tuple[Statement, AnalysedAction], ...]:
    return tuple((stmt, action) for stmt in ctx.statements for action in actions_of(stmt))


def _migration_actions(ctx: Any) -> tuple[tuple[Statement, AnalysedAction], ...]:
    """Every statement's analysed actions (`from_ast.actions_of`), computed once per migration."""
    found: tuple[tuple[Statement, AnalysedAction], ...] = per_migration(ctx, "actions", _actions_by_statement)
    return found


def held_before(ctx: Any, stmt: Statement) -> dict[str, Any]:
    """Locks that earlier statements of the statement's transaction block hold (`ctx.locks_held_before`)."""
    return dict(ctx.locks_held_before(stmt))


# --- flags read from the tree --------------------------------------------------------------------


def concurrent(stmt: Statement) -> bool:
    """The statement runs CONCURRENTLY: CREATE/DROP INDEX, REINDEX, REFRESH MATERIALIZED VIEW, or
    ALTER TABLE … DETACH PARTITION … CONCURRENTLY (FINALIZE is not concurrent)."""
    tree = stmt.ast
    if tree is None:
        return False
    if tree.args.get("concurrently"):
        return True
    return any(isinstance(a, nodes.DetachPartition) and bool(a.args.get("concurrently"))
               for a in (tree.args.get("actions") or []) if isinstance(tree, exp.Alter))


def validates(stmt: Statement) -> bool:
    """ALTER TABLE / ALTER DOMAIN … VALIDATE CONSTRAINT."""
    return "VALIDATE CONSTRAINT" in stmt.actions


def partition_name(action: Action) -> str:
    """The partition an `ATTACH PARTITION` / `DETACH PARTITION` action names, as written."""
    if isinstance(action.node, (nodes.AttachPartition, nodes.DetachPartition)):
        return written_name(action.node.this)
    return ""


def node_flag(action: Action, name: str) -> bool:
    """A boolean argument of the action's tree node (`concurrently`, `finalize`, `default`, ...)."""
    return action.node is not None and bool(action.node.args.get(name))


def default_partition_created(ctx: Any) -> bool:
    """This migration creates or attaches a DEFAULT partition (any statement)."""
    found: bool = per_migration(ctx, "default-partition", lambda c: any(
        a.partition_default for _, a in _migration_actions(c)))
    return found


def policy_table(stmt: Statement) -> str:
    """The table of CREATE / ALTER / DROP POLICY, as written ("" for other statements)."""
    if stmt.kind not in (StatementKind.CREATE_POLICY, StatementKind.ALTER_POLICY, StatementKind.DROP_POLICY):
        return ""
    return written_name(stmt.ast.args.get("table")) if stmt.ast is not None else ""


def action_nodes(stmt: Statement) -> tuple[exp.Expr, ...]:
    """The sub-command nodes of an ALTER statement (any object kind), in order."""
    tree = stmt.ast
    return tuple(tree.args.get("actions") or ()) if isinstance(tree, exp.Alter) else ()


def altered_name(stmt: Statement) -> str:
    """The object an ALTER statement changes, as written (`s.t`, `f` for `ALTER FUNCTION f(int)`)."""
    return written_name(stmt.ast.this) if isinstance(stmt.ast, exp.Alter) else ""


def dropped_names(stmt: Statement) -> tuple[str, ...]:
    """The objects a DROP statement names, as written (`DROP FUNCTION f(int)` → `f`)."""
    tree = stmt.ast
    if not isinstance(tree, exp.Drop):
        return ()
    return tuple(n for t in tree.args.get("tables") or () if (n := written_name(t)))


def dml_target(stmt: Statement) -> str:
    """The table an UPDATE / DELETE writes, as written ("" for other statements)."""
    tree = stmt.ast
    if stmt.kind not in (StatementKind.UPDATE, StatementKind.DELETE) or tree is None:
        return ""
    return written_name(tree.this) if isinstance(tree.this, exp.Table) else ""


def _analysed_tables(ctx: Any) -> tuple[tuple[int, str | None], ...]:
    """(statement index, table or None for all tables) of every ANALYZE / VACUUM of the migration."""
    out: list[tuple[int, str | None]] = []
    for stmt, action in _migration_actions(ctx):
        if action.verb in ("ANALYZE/ALL", "VACUUM/ALL"):
            out.append((stmt.index, None))
        elif action.verb in ("ANALYZE", "VACUUM") and action.table:
            out.append((stmt.index, action.table))
    return tuple(out)


def analysed_after(ctx: Any, stmt: Statement, table: str) -> bool:
    """A later ANALYZE / VACUUM of this migration covers `table` (or every table)."""
    found: tuple[tuple[int, str | None], ...] = per_migration(ctx, "analysed", _analysed_tables)
    return any(index > stmt.index and (name is None or same_relation(name, table)) for index, name in found)


def _dropped_indexes(ctx: Any) -> tuple[tuple[int, str], ...]:
    return tuple((s.index, name) for s in ctx.statements if (shape := drop_index(s)) is not None
                 for name in shape.names)


def index_dropped_before(ctx: Any, stmt: Statement, name: str) -> bool:
    """An earlier `DROP INDEX` of this migration drops index `name`."""
    found: tuple[tuple[int, str], ...] = per_migration(ctx, "dropped-indexes", _dropped_indexes)
    return any(index < stmt.index and same_relation(dropped, name) for index, dropped in found)
