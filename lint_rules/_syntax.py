"""Positioned tokens and statement shapes that rule modules read (not a rule module).

Rules match on the words of a statement's exact source text: each token keeps its offsets into
`Statement.sql`, so a rule can both read the shape (`ALTER TABLE t ADD COLUMN c int NOT NULL`) and
build a fix as an `Edit` at the right place. Nothing here knows about locks or versions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from migrator.analysis.facts import Facts, RelationKind
from migrator.lint.model import Edit

if TYPE_CHECKING:
    from migrator.sql.statement import Statement

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


def has(toks: Sequence[Tk], *words: str, top_level: bool = True) -> bool:
    return find(toks, *words, top_level=top_level) >= 0


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


def column_names(toks: Sequence[Tk]) -> tuple[str, ...]:
    """Names of a parenthesised column list's plain-column elements (expressions skipped)."""
    names: list[str] = []
    for part in split_commas(toks):
        if part[0].is_ident and (len(part) == 1 or part[1].up in ("ASC", "DESC", "NULLS", "COLLATE")) or part[0].is_ident and part[1].is_ident:
            names.append(part[0].name)
    return tuple(names)


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


# --- column definitions ------------------------------------------------------------------------

_CONSTRAINT_START = {"CONSTRAINT", "NOT", "NULL", "DEFAULT", "UNIQUE", "PRIMARY", "CHECK", "REFERENCES",
                     "GENERATED", "COLLATE", "DEFERRABLE", "INITIALLY", "COMPRESSION", "STORAGE"}


@dataclass(frozen=True, slots=True)
class ColumnDef:
    """A column definition (`name type [constraints]`) from CREATE TABLE or ADD COLUMN."""

    name: str
    type_words: tuple[str, ...]  # upper-cased type tokens without modifiers, e.g. ("CHARACTER", "VARYING")
    type_text: str  # the type as written, e.g. "varchar(20)"
    type_args: tuple[str, ...]  # modifiers, e.g. ("20",)
    toks: tuple[Tk, ...]
    not_null: bool
    has_default: bool
    default_toks: tuple[Tk, ...]
    unique: bool
    primary_key: bool
    check: bool
    references: str  # referenced table, "" if none
    generated_stored: bool
    generated_virtual: bool
    identity: bool
    name_tok: Tk
    type_start: int = 0  # offsets of the type as written, into the statement's SQL
    type_end: int = 0

    @property
    def base_type(self) -> str:
        """Normalised type name: `int4`, `int8`, `varchar`, `timestamp`, `serial8`, ..."""
        return normalise_type(self.type_words)

    @property
    def is_array(self) -> bool:
        return "[" in self.type_text or "ARRAY" in self.type_words


_TYPE_ALIASES = {
    "INT": "int4", "INTEGER": "int4", "INT4": "int4", "SMALLINT": "int2", "INT2": "int2",
    "BIGINT": "int8", "INT8": "int8", "SERIAL": "serial4", "SERIAL4": "serial4",
    "SMALLSERIAL": "serial2", "SERIAL2": "serial2", "BIGSERIAL": "serial8", "SERIAL8": "serial8",
    "VARCHAR": "varchar", "CHARACTER VARYING": "varchar", "CHAR VARYING": "varchar",
    "CHAR": "bpchar", "CHARACTER": "bpchar", "BPCHAR": "bpchar", "NCHAR": "bpchar", "TEXT": "text",
    "TIMESTAMP": "timestamp", "TIMESTAMP WITHOUT TIME ZONE": "timestamp",
    "TIMESTAMP WITH TIME ZONE": "timestamptz", "TIMESTAMPTZ": "timestamptz",
    "TIME": "time", "TIME WITHOUT TIME ZONE": "time", "TIME WITH TIME ZONE": "timetz", "TIMETZ": "timetz",
    "JSON": "json", "JSONB": "jsonb", "BOOLEAN": "bool", "BOOL": "bool", "UUID": "uuid",
    "DATE": "date", "REAL": "float4", "FLOAT4": "float4", "DOUBLE PRECISION": "float8",
    "FLOAT8": "float8", "FLOAT": "float8", "NUMERIC": "numeric", "DECIMAL": "numeric",
    "BYTEA": "bytea", "INTERVAL": "interval", "OID": "oid", "MONEY": "money", "INET": "inet",
    "CIDR": "cidr", "MACADDR": "macaddr", "CITEXT": "citext",
}


def normalise_type(words: Sequence[str]) -> str:
    joined = " ".join(words)
    if joined in _TYPE_ALIASES:
        return _TYPE_ALIASES[joined]
    if words and words[-1] in _TYPE_ALIASES and len(words) == 1:
        return _TYPE_ALIASES[words[-1]]
    return ".".join(w.lower() for w in words)


def parse_column_def(toks: Sequence[Tk]) -> ColumnDef | None:
    """Parse `name type [constraints...]`; None when the tokens are not a column definition."""
    if len(toks) < 2 or not toks[0].is_ident:
        return None
    i = 1
    type_words: list[str] = []
    type_args: tuple[str, ...] = ()
    type_start, type_end = toks[1].start, toks[1].end
    while i < len(toks):
        t = toks[i]
        if t.kind == "word" and t.up in _CONSTRAINT_START:
            break
        if t.text == "(":
            inner, i = paren_group(toks, i)
            if not type_args:
                type_args = tuple(x.text for x in inner if x.kind in ("number", "word"))
            type_end = toks[i - 1].end
            continue
        if t.is_ident:
            type_words.append(t.up if t.kind == "word" else t.name.upper())
        type_end = t.end
        i += 1
    rest = tuple(toks[i:])
    words = ups(rest)
    default_toks: tuple[Tk, ...] = ()
    d = find(rest, "DEFAULT")
    if d > 0 and rest[d - 1].up == "BY":
        d = -1
    if d >= 0:
        stop = d + 1
        while stop < len(rest) and not (rest[stop].kind == "word" and rest[stop].up in _CONSTRAINT_START - {"NULL"}):
            if rest[stop].text == "(":
                _, stop = paren_group(rest, stop)
                continue
            stop += 1
        default_toks = tuple(rest[d + 1 : stop])
    gen = find(rest, "GENERATED")
    identity = gen >= 0 and has(rest[gen:], "IDENTITY")
    generated_expr = gen >= 0 and not identity
    ref = find(rest, "REFERENCES")
    ref_name = qualified_name(rest, ref + 1)[0] if ref >= 0 else ""
    clean = [w for w in type_words if w != "ARRAY"] + (["ARRAY"] if "ARRAY" in type_words else [])
    type_toks = [t for t in toks if type_start <= t.start < type_end]
    sql_type_text = "".join(
        (" " if k and t.is_ident and type_toks[k - 1].is_ident else "") + t.text for k, t in enumerate(type_toks)
    )
    return ColumnDef(
        name=toks[0].name,
        type_words=tuple(clean),
        type_text=sql_type_text,
        type_args=type_args,
        toks=tuple(toks),
        not_null=find(rest, "NOT", "NULL") >= 0 or find(rest, "PRIMARY", "KEY") >= 0,
        has_default=d >= 0,
        default_toks=default_toks,
        unique="UNIQUE" in words,
        primary_key=find(rest, "PRIMARY", "KEY") >= 0,
        check="CHECK" in words,
        references=ref_name,
        generated_stored=generated_expr and "STORED" in words,
        generated_virtual=generated_expr and "STORED" not in words,
        identity=identity,
        name_tok=toks[0],
        type_start=type_start,
        type_end=type_end,
    )


# --- ALTER TABLE -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Action:
    """One sub-command of ALTER TABLE: `kind` in the reference's words (`ADD COLUMN`,
    `ADD CONSTRAINT`, `ALTER COLUMN TYPE`, `SET NOT NULL`, ...), the column or constraint it
    names, and its tokens."""

    kind: str
    toks: tuple[Tk, ...]
    column: str = ""
    constraint: str = ""
    constraint_type: str = ""  # CHECK, UNIQUE, PRIMARY KEY, FOREIGN KEY, EXCLUDE, NOT NULL
    not_valid: bool = False
    using_index: bool = False
    column_def: ColumnDef | None = None

    def has(self, *words: str) -> bool:
        return has(self.toks, *words)


@dataclass(frozen=True, slots=True)
class AlterTable:
    table: str
    only: bool
    if_exists: bool
    actions: tuple[Action, ...]
    toks: tuple[Tk, ...]


_CONSTRAINT_TYPES = (("CHECK",), ("UNIQUE",), ("PRIMARY", "KEY"), ("FOREIGN", "KEY"), ("EXCLUDE",),
                     ("NOT", "NULL"))


def _constraint(toks: Sequence[Tk], i: int) -> tuple[str, str]:
    """At `[CONSTRAINT name] <type>`: (name, type)."""
    name = ""
    if i < len(toks) and toks[i].up == "CONSTRAINT" and i + 1 < len(toks):
        name = toks[i + 1].name
        i += 2
    for words in _CONSTRAINT_TYPES:
        if tuple(t.up for t in toks[i : i + len(words)]) == words:
            return name, " ".join(words)
    return name, ""


def _action(toks: tuple[Tk, ...]) -> Action:
    w = ups(toks)
    first = w[0] if w else ""
    if first == "ADD":
        i = 1
        if w[1:2] in (("CONSTRAINT",), ("CHECK",), ("UNIQUE",), ("PRIMARY",), ("FOREIGN",), ("EXCLUDE",)):
            name, ctype = _constraint(toks, 1)
            return Action("ADD CONSTRAINT", toks, constraint=name, constraint_type=ctype,
                          not_valid=find(toks, "NOT", "VALID") >= 0,
                          using_index=find(toks, "USING", "INDEX") >= 0)
        if w[1:2] == ("COLUMN",):
            i = 2
        if w[i : i + 3] == ("IF", "NOT", "EXISTS"):
            i += 3
        col = parse_column_def(toks[i:])
        return Action("ADD COLUMN", toks, column=col.name if col else "", column_def=col)
    if first == "ALTER":
        i = 2 if w[1:2] == ("COLUMN",) else 1
        column = toks[i].name if i < len(toks) else ""
        sub = w[i + 1 :]
        kinds = (
            (("TYPE",), "ALTER COLUMN TYPE"), (("SET", "DATA", "TYPE"), "ALTER COLUMN TYPE"),
            (("SET", "NOT", "NULL"), "SET NOT NULL"), (("DROP", "NOT", "NULL"), "DROP NOT NULL"),
            (("SET", "DEFAULT"), "SET DEFAULT"), (("DROP", "DEFAULT"), "DROP DEFAULT"),
            (("SET", "STORAGE"), "SET STORAGE"), (("SET", "COMPRESSION"), "SET COMPRESSION"),
            (("SET", "STATISTICS"), "SET STATISTICS"), (("DROP", "EXPRESSION"), "DROP EXPRESSION"),
            (("DROP", "IDENTITY"), "DROP IDENTITY"), (("ADD", "GENERATED"), "ADD GENERATED"),
            (("SET", "GENERATED"), "SET GENERATED"), (("SET", "EXPRESSION"), "SET EXPRESSION"),
            (("RESTART",), "ALTER IDENTITY"), (("SET", "("), "SET ATTRIBUTE OPTIONS"),
            (("RESET", "("), "RESET ATTRIBUTE OPTIONS"), (("SET", "INCREMENT"), "ALTER IDENTITY"),
        )
        for prefix, kind in kinds:
            if sub[: len(prefix)] == prefix:
                return Action(kind, toks, column=column)
        return Action("ALTER COLUMN", toks, column=column)
    if first == "DROP":
        if w[1:2] == ("CONSTRAINT",):
            j = 4 if w[2:4] == ("IF", "EXISTS") else 2
            return Action("DROP CONSTRAINT", toks, constraint=toks[j].name if j < len(toks) else "")
        j = 2 if w[1:2] == ("COLUMN",) else 1
        if w[j : j + 2] == ("IF", "EXISTS"):
            j += 2
        return Action("DROP COLUMN", toks, column=toks[j].name if j < len(toks) else "")
    if first == "VALIDATE":
        return Action("VALIDATE CONSTRAINT", toks, constraint=toks[2].name if len(toks) > 2 else "")
    if first == "RENAME":
        if w[1:2] == ("TO",):
            return Action("RENAME", toks)
        if w[1:2] == ("CONSTRAINT",):
            return Action("RENAME CONSTRAINT", toks, constraint=toks[2].name if len(toks) > 2 else "")
        j = 2 if w[1:2] == ("COLUMN",) else 1
        return Action("RENAME COLUMN", toks, column=toks[j].name if j < len(toks) else "")
    two = " ".join(w[:2])
    three = " ".join(w[:3])
    for phrase in ("ENABLE ROW LEVEL", "DISABLE ROW LEVEL", "FORCE ROW LEVEL", "NO FORCE ROW"):
        if " ".join(w[: len(phrase.split())]) == phrase:
            return Action(phrase.replace(" LEVEL", " LEVEL SECURITY"), toks)
    if two in ("SET SCHEMA", "SET LOGGED", "SET UNLOGGED", "SET TABLESPACE", "SET ACCESS",
               "SET WITHOUT", "ATTACH PARTITION", "DETACH PARTITION", "REPLICA IDENTITY", "OWNER TO",
               "CLUSTER ON", "INHERIT", "NO INHERIT", "OF", "NOT OF"):
        return Action(two, toks)
    if first in ("ENABLE", "DISABLE"):
        if "TRIGGER" in w[:3]:
            return Action(f"{first} TRIGGER", toks)
        if "RULE" in w[:3]:
            return Action(f"{first} RULE", toks)
    if two in ("SET (", "RESET ("):
        return Action("SET STORAGE PARAMETER", toks)
    return Action(three or first, toks)


@lru_cache(maxsize=2048)
def _alter_table(sql: str) -> AlterTable | None:
    toks = scan(sql)
    w = ups(toks)
    if w[:2] != ("ALTER", "TABLE"):
        return None
    i = 2
    if_exists = w[i : i + 2] == ("IF", "EXISTS")
    if if_exists:
        i += 2
    if w[i : i + 3] == ("ALL", "IN", "TABLESPACE"):
        return None
    only = w[i : i + 1] == ("ONLY",)
    if only:
        i += 1
    name, i = qualified_name(toks, i)
    if i < len(toks) and toks[i].text == "*":
        i += 1
    rest = toks[i:]
    if rest and rest[0].up in ("RENAME", "SET", "ATTACH", "DETACH") and not (
        rest[0].up == "SET" and len(rest) > 1 and rest[1].text == "("
    ):
        # single-action forms; RENAME/SET SCHEMA/ATTACH/DETACH never come in a list, but SET
        # LOGGED/ TABLESPACE may: split anyway.
        pass
    actions = tuple(_action(part) for part in split_commas(rest))
    return AlterTable(name, only, if_exists, actions, toks)


def alter_table(stmt: Statement) -> AlterTable | None:
    """The shape of an `ALTER TABLE` statement, or None for other statements."""
    return _alter_table(stmt.sql)


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
    constraints: tuple[tuple[Tk, ...], ...]  # table constraints / LIKE clauses
    partitioned: bool
    partition_of: str
    toks: tuple[Tk, ...]


@lru_cache(maxsize=2048)
def _create_table(sql: str) -> CreateTable | None:
    toks = scan(sql)
    w = ups(toks)
    i = find(toks, "TABLE")
    if not w or w[0] != "CREATE" or i < 0 or i > 4:
        return None
    if any(x in ("LOCAL", "GLOBAL", "TEMPORARY", "TEMP", "UNLOGGED", "OR", "FOREIGN") for x in w[1:i]) and "FOREIGN" in w[1:i]:
        return None
    i += 1
    if_not_exists = w[i : i + 3] == ("IF", "NOT", "EXISTS")
    if if_not_exists:
        i += 3
    name, i = qualified_name(toks, i)
    partition_of = ""
    if w[i : i + 2] == ("PARTITION", "OF"):
        partition_of, i = qualified_name(toks, i + 2)
    body, after = paren_group(toks, i)
    columns: list[ColumnDef] = []
    constraints: list[tuple[Tk, ...]] = []
    for part in split_commas(body):
        if part[0].up in ("CONSTRAINT", "CHECK", "UNIQUE", "PRIMARY", "FOREIGN", "EXCLUDE", "LIKE"):
            constraints.append(part)
            continue
        col = parse_column_def(part)
        if col is not None:
            columns.append(col)
    return CreateTable(name, if_not_exists, tuple(columns), tuple(constraints),
                       find(toks, "PARTITION", "BY", start=after) >= 0, partition_of, toks)


def create_table(stmt: Statement) -> CreateTable | None:
    """The shape of a `CREATE TABLE` statement (not `AS`), or None."""
    return _create_table_checked(stmt.sql)


@lru_cache(maxsize=4096)
def _create_table_checked(sql: str) -> CreateTable | None:
    if not sql[:40].lstrip().upper().startswith("CREATE"):
        return None
    toks = scan(sql)
    if has(toks, "AS") and not has(toks, "("):
        return None
    return _create_table(sql)


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
    columns: tuple[tuple[Tk, ...], ...]  # one token tuple per indexed element
    partial: bool
    index_tok: Tk  # the INDEX keyword (insert ` CONCURRENTLY` after it)
    toks: tuple[Tk, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        """Indexed element names; an expression element is `"(expr)"`."""
        return tuple(
            el[0].name if el[0].is_ident and (len(el) == 1 or el[1].is_ident) else "(expr)"
            for el in self.columns
        )

    @property
    def has_expression(self) -> bool:
        return "(expr)" in self.column_names


@lru_cache(maxsize=2048)
def _create_index(sql: str) -> CreateIndex | None:
    toks = scan(sql)
    w = ups(toks)
    if not w or w[0] != "CREATE":
        return None
    i = 1
    unique = w[i : i + 1] == ("UNIQUE",)
    if unique:
        i += 1
    if w[i : i + 1] != ("INDEX",):
        return None
    index_tok = toks[i]
    i += 1
    concurrently = w[i : i + 1] == ("CONCURRENTLY",)
    if concurrently:
        i += 1
    if_not_exists = w[i : i + 3] == ("IF", "NOT", "EXISTS")
    if if_not_exists:
        i += 3
    name = ""
    if w[i : i + 1] != ("ON",):
        name, i = qualified_name(toks, i)
    if w[i : i + 1] != ("ON",):
        return None
    i += 1
    only = w[i : i + 1] == ("ONLY",)
    if only:
        i += 1
    table, i = qualified_name(toks, i)
    method = "btree"
    if w[i : i + 1] == ("USING",) and i + 1 < len(toks):
        method = toks[i + 1].name
        i += 2
    body, after = paren_group(toks, i)
    return CreateIndex(name, table, unique, concurrently, if_not_exists, only, method,
                       tuple(split_commas(body)), find(toks, "WHERE", start=after) >= 0, index_tok, toks)


def create_index(stmt: Statement) -> CreateIndex | None:
    return _create_index(stmt.sql)


@dataclass(frozen=True, slots=True)
class DropIndex:
    names: tuple[str, ...]
    concurrently: bool
    if_exists: bool
    cascade: bool
    index_tok: Tk
    toks: tuple[Tk, ...]


def drop_index(stmt: Statement) -> DropIndex | None:
    return _drop_index(stmt.sql)


@lru_cache(maxsize=4096)
def _drop_index(sql: str) -> DropIndex | None:
    toks = scan(sql)
    w = ups(toks)
    if w[:2] != ("DROP", "INDEX"):
        return None
    i = 2
    concurrently = w[i : i + 1] == ("CONCURRENTLY",)
    if concurrently:
        i += 1
    if_exists = w[i : i + 2] == ("IF", "EXISTS")
    if if_exists:
        i += 2
    names = tuple(qualified_name(p, 0)[0] for p in split_commas(toks[i:]))
    return DropIndex(names, concurrently, if_exists, "CASCADE" in w, toks[1], toks)


def words(stmt: Statement) -> tuple[str, ...]:
    return ups(scan(stmt.sql))


def starts(stmt: Statement, *prefix: str) -> bool:
    return words(stmt)[: len(prefix)] == prefix


def name_after(stmt: Statement, *prefix: str, skip: Iterable[str] = ("IF", "EXISTS", "NOT", "ONLY", "CONCURRENTLY")) -> str:
    """The qualified name after the leading words `prefix` (skipping guard words)."""
    toks = scan(stmt.sql)
    i = len(prefix)
    skipped = set(skip)
    while i < len(toks) and toks[i].up in skipped:
        i += 1
    return qualified_name(toks, i)[0]


# --- context questions that combine facts, this migration and the schema model -----------------


def earlier_statements(ctx: Any, stmt: Statement) -> tuple[Statement, ...]:
    return tuple(ctx.statements[: stmt.index])


def later_statements(ctx: Any, stmt: Statement) -> tuple[Statement, ...]:
    return tuple(ctx.statements[stmt.index + 1 :])


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
    return [(s.index, shape.table) for s in ctx.statements
            if (shape := create_table(s)) is not None and shape.partitioned]


def existing(facts: Facts) -> bool:
    """The statement locks a relation that existed before it (not created in this migration)."""
    return facts.lock is not None


def edit(ctx: Any, stmt: Statement, tok_or_offset: Tk | int, text: str, *, before: bool = False) -> Edit | None:
    """Insert `text` after (or before) a token, or at an offset into `stmt.sql`."""
    if isinstance(tok_or_offset, Tk):
        at = tok_or_offset.start if before else tok_or_offset.end
    else:
        at = tok_or_offset
    result: Edit | None = ctx.replace_span(stmt, at, at, text)
    return result


_CREATE_SKIP = ("OR", "REPLACE", "TEMP", "TEMPORARY", "UNLOGGED", "MATERIALIZED", "RECURSIVE", "UNIQUE",
                "TRUSTED", "PROCEDURAL", "IF", "NOT", "EXISTS", "CONCURRENTLY", "GLOBAL", "LOCAL")


def created_name(stmt: Statement) -> tuple[str, str]:
    """For a CREATE statement: (object kind word, qualified name), e.g. ("TABLE", "s.t")."""
    toks = scan(stmt.sql)
    if not toks or toks[0].up != "CREATE":
        return "", ""
    i = 1
    while i < len(toks) and toks[i].up in _CREATE_SKIP:
        i += 1
    if i >= len(toks):
        return "", ""
    kind = toks[i].up
    if kind == "FOREIGN" and i + 1 < len(toks):
        kind, i = "FOREIGN " + toks[i + 1].up, i + 1
    j = i + 1
    while j < len(toks) and toks[j].up in ("IF", "NOT", "EXISTS", "CONCURRENTLY"):
        j += 1
    name, _ = qualified_name(toks, j)
    return kind, name


def created_in_migration(ctx: Any, stmt: Statement, name: str, kinds: Iterable[str] = ()) -> bool:
    """Whether an earlier statement of this migration created an object called `name`."""
    wanted = set(kinds)
    if ctx.is_new_table(name):
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
    for stmt in ctx.statements:
        shape = alter_table(stmt)
        for action in shape.actions if shape is not None else ():
            if action.kind == "ADD COLUMN" and action.column:
                found.setdefault(action.column, []).append((stmt.index, shape.table))  # type: ignore[union-attr]
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
    if facts.blocks_reads and facts.blocks_writes:
        return "reads and writes"
    if facts.blocks_writes:
        return "writes"
    if facts.blocks_reads:
        return "reads"
    return "other schema changes"


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
        if not stmt.sql[:20].lstrip().upper().startswith("CREATE"):
            continue
        kind, name = created_name(stmt)
        if name:
            found.setdefault(short(name), []).append((stmt.index, kind, name))
    return found


def _held_before(ctx: Any) -> tuple[dict[str, Any], ...]:
    """For each statement: relation → strongest lock mode that earlier statements of the same
    transaction block took on relations that existed before the migration (held until it ends)."""
    from migrator.sql.statement import StatementKind

    out: list[dict[str, Any]] = []
    held: dict[str, Any] = {}
    for i, stmt in enumerate(ctx.statements):
        if stmt.kind is StatementKind.BEGIN or not ctx.in_transaction(i):
            held = {}
        out.append(dict(held))
        if stmt.kind in (StatementKind.COMMIT, StatementKind.ROLLBACK):
            held = {}
            continue
        facts = ctx.facts[i] if i < len(ctx.facts) else None
        for lock in getattr(facts, "locks", ()):
            if not lock.new and lock.mode > held.get(lock.relation, 0):
                held[lock.relation] = lock.mode
    return tuple(out)


def held_before(ctx: Any, stmt: Statement) -> dict[str, Any]:
    """Locks on pre-existing relations that the statement's transaction already holds."""
    table: tuple[dict[str, Any], ...] = per_migration(ctx, "held", _held_before)
    return table[stmt.index] if stmt.index < len(table) else {}
