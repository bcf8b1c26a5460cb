"""What `ALTER COLUMN ... TYPE` costs for a given old → new type (PostgreSQL `ATColumnChangeRequiresRewrite`).

A type change skips the table rewrite when the old type is binary-coercible to the new one and
any length coercion is a no-op for the old values (sql-altertable.html#SQL-ALTERTABLE-NOTES:
"changing the type of an existing column will normally cause the entire table and its indexes to
be rewritten ... when the old type is either binary coercible to the new type or an unconstrained
domain over the new type, a table rewrite is not needed"). Indexes on the column are rebuilt
when the operator class changes. Every rule here is run on a real server by the verification
suite (`tests/pg/test_knowledge_verified.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class TypeRef:
    """A column type: canonical base name (`integer`, `character varying`, `numeric`,
    `timestamp with time zone`, or a user type's lower-cased name), its modifiers, array-ness."""

    base: str
    mods: tuple[int, ...] = ()
    array: bool = False
    text: str = ""

    def __str__(self) -> str:
        return self.text or self.base


_ALIASES: dict[str, str] = {
    "int": "integer", "int4": "integer", "integer": "integer", "serial": "integer",
    "serial4": "integer",
    "bigint": "bigint", "int8": "bigint", "bigserial": "bigint", "serial8": "bigint",
    "smallint": "smallint", "int2": "smallint", "smallserial": "smallint", "serial2": "smallint",
    "varchar": "character varying", "character varying": "character varying",
    "char varying": "character varying",
    "char": "character", "character": "character", "bpchar": "character",
    "text": "text", "citext": "citext", "name": "name",
    "numeric": "numeric", "decimal": "numeric",
    "real": "real", "float4": "real", "double precision": "double precision",
    "float8": "double precision", "float": "double precision",
    "bool": "boolean", "boolean": "boolean",
    "timestamp": "timestamp without time zone",
    "timestamp without time zone": "timestamp without time zone",
    "timestamptz": "timestamp with time zone", "timestamp with time zone": "timestamp with time zone",
    "time": "time without time zone", "time without time zone": "time without time zone",
    "timetz": "time with time zone", "time with time zone": "time with time zone",
    "interval": "interval", "date": "date",
    "json": "json", "jsonb": "jsonb", "uuid": "uuid", "bytea": "bytea",
    "inet": "inet", "cidr": "cidr", "macaddr": "macaddr",
    "bit": "bit", "varbit": "bit varying", "bit varying": "bit varying",
    "money": "money", "xml": "xml", "oid": "oid", "tsvector": "tsvector",
}

SERIAL_TYPES = frozenset(
    {"serial", "serial4", "bigserial", "serial8", "smallserial", "serial2"}
)

# Types whose values are stored with a length/precision modifier that a widening keeps valid
# (their typmod coercion is simplified away by the type's planner support function).
_WIDENABLE = frozenset(
    {"character varying", "bit varying", "timestamp without time zone",
     "timestamp with time zone", "time without time zone", "time with time zone", "interval"}
)

# Pairs (old base, new base) that are binary-coercible (pg_cast castmethod 'b') and whose
# conversion needs no length check for the old values.
_BINARY: frozenset[tuple[str, str]] = frozenset(
    {
        ("character varying", "text"),
        ("text", "character varying"),  # only without a length limit (checked below)
        ("character", "text"),  # pg_cast: bpchar → text is binary ('b'): verified below
        ("character", "character varying"),
        ("cidr", "inet"),
        ("citext", "text"),
        ("text", "citext"),
        ("character varying", "citext"),
        ("citext", "character varying"),
        ("bit", "bit varying"),  # only without a length limit (checked below; measured)
    }
)

# Operator-class families for index reuse: a binary-coercible change keeps the column's indexes
# only when the new type uses the same default btree operator family.
_OPFAMILY: dict[str, str] = {
    "text": "text_ops", "character varying": "text_ops", "name": "text_ops",
    "character": "bpchar_ops", "citext": "citext_ops", "cidr": "network_ops",
    "inet": "network_ops", "bit": "bit_ops", "bit varying": "varbit_ops",
}


class TypeChange(StrEnum):
    """The cost of changing a column's type."""

    NONE = "none"  # catalog only
    INDEX_REBUILD = "index rebuild"  # no table rewrite, but the column's indexes are rebuilt
    REWRITE = "rewrite"  # table and all its indexes rewritten
    UNKNOWN = "unknown"  # old type unknown: treated as a rewrite


@dataclass(frozen=True, slots=True)
class TypeChangeVerdict:
    change: TypeChange
    reason: str


def classify_type_change(
    old: TypeRef | None, new: TypeRef, *, has_using: bool = False, session_utc: bool = False,
    column_indexed: bool = True,
) -> TypeChangeVerdict:
    """The cost of `ALTER COLUMN c TYPE new` for a column of type `old` (None: unknown).

    `session_utc`: the migration set `timezone` to UTC earlier (timestamp ↔ timestamptz is then
    binary, PG 12+). `column_indexed`: the column has an index (for index rebuilds).
    """
    if old is None:
        return TypeChangeVerdict(
            TypeChange.UNKNOWN,
            f"the column's current type is not in the schema model: assuming the change to {new} "
            "rewrites the table and its indexes",
        )
    if has_using:
        # A USING expression is evaluated for every row unless it is a plain reference; we assume
        # the worse case.
        return TypeChangeVerdict(TypeChange.REWRITE, f"USING recomputes every row: {old} → {new} rewrites the table and its indexes")
    if old.array or new.array:
        if old.array and new.array and old.base == new.base and (old.mods == new.mods or not new.mods):
            return TypeChangeVerdict(TypeChange.NONE, f"{old} → {new} does not change the element type")
        # An array of another element type is converted element by element (ArrayCoerceExpr), which
        # PostgreSQL always treats as a rewrite, even for binary-coercible elements (measured).
        return _rewrite(old, new)
    if old.base == new.base:
        return _same_base(old, new, column_indexed)
    pair = (old.base, new.base)
    tz_pair = {old.base, new.base} == {"timestamp without time zone", "timestamp with time zone"}
    if tz_pair:
        if session_utc and _mods_widen(old, new):
            return TypeChangeVerdict(
                TypeChange.NONE,
                f"{old} → {new} needs no rewrite because this migration set the session time zone to UTC",
            )
        return TypeChangeVerdict(
            TypeChange.REWRITE,
            f"{old} → {new} rewrites the table unless the session time zone is UTC "
            "(the migration does not set `timezone = 'UTC'` before it)",
        )
    if pair in _BINARY:
        if new.base in ("character varying", "bit varying") and new.mods and not (
            old.base == new.base or (old.mods and new.mods[0] >= old.mods[0] and old.base not in ("text", "bit"))
        ):
            return TypeChangeVerdict(
                TypeChange.REWRITE, f"{old} → {new} checks every value against the new length limit (table rewrite)"
            )
        if old.base == "character" :
            return _rewrite(old, new)  # bpchar → text strips trailing blanks: a function cast
        if column_indexed and _OPFAMILY.get(old.base) != _OPFAMILY.get(new.base):
            return TypeChangeVerdict(
                TypeChange.INDEX_REBUILD,
                f"{old} → {new} is binary-coercible (no table rewrite) but the indexes on the column "
                "change operator class and are rebuilt",
            )
        return TypeChangeVerdict(TypeChange.NONE, f"{old} → {new} is binary-coercible: no table rewrite")
    return _rewrite(old, new)


def _same_base(old: TypeRef, new: TypeRef, column_indexed: bool) -> TypeChangeVerdict:
    if old.mods == new.mods:
        return TypeChangeVerdict(TypeChange.NONE, f"{old} → {new} does not change the type")
    if old.base == "numeric":
        if not new.mods:
            return TypeChangeVerdict(TypeChange.NONE, f"{old} → {new}: removing the precision limit needs no rewrite")
        if old.mods and _numeric_widens(old.mods, new.mods):
            return TypeChangeVerdict(TypeChange.NONE, f"{old} → {new}: a larger precision with the same scale needs no rewrite")
        return _rewrite(old, new)
    if old.base in _WIDENABLE:
        if not new.mods or (old.mods and new.mods[0] >= old.mods[0]):
            return TypeChangeVerdict(TypeChange.NONE, f"{old} → {new} widens the limit: no rewrite")
        return TypeChangeVerdict(
            TypeChange.REWRITE, f"{old} → {new} narrows the limit: every value is checked (table rewrite)"
        )
    return _rewrite(old, new)


def _numeric_widens(old: tuple[int, ...], new: tuple[int, ...]) -> bool:
    old_p, old_s = old[0], (old[1] if len(old) > 1 else 0)
    new_p, new_s = new[0], (new[1] if len(new) > 1 else 0)
    return new_s == old_s and new_p >= old_p


def _mods_widen(old: TypeRef, new: TypeRef) -> bool:
    if not new.mods:
        return True
    return bool(old.mods) and new.mods[0] >= old.mods[0]


def _rewrite(old: TypeRef, new: TypeRef) -> TypeChangeVerdict:
    return TypeChangeVerdict(TypeChange.REWRITE, f"{old} → {new} is not binary-coercible: the table and its indexes are rewritten")
