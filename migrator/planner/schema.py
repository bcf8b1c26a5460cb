"""What the planner knows of the schema before each statement it plans (tables, columns with
their exact type and default text, primary keys, indexes, partitions).

The planner needs a few facts the analysis facts do not carry: a table's primary key (the key a
backfill walks), a column's type text (for a shadow or synced column), the indexes on a column
(rebuilt on a shadow column) and a partitioned table's partitions. This module follows the
statements of the planned migrations (and any earlier history) and records those facts, read
from each statement's exact source text. What it does not know, it says it does not know (None).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sqlglot import exp
from sqlglot.tokenizer_core import Token, TokenType

from migrator.planner.sqltext import (
    QualifiedName,
    action_spans,
    clause_end,
    find_token,
    identifier_name,
    matching_paren,
    text_between,
    tokenize,
)

COLUMN_STOP_WORDS = (
    "NOT", "NULL", "DEFAULT", "CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "REFERENCES",
    "GENERATED", "COLLATE", "COMPRESSION", "STORAGE",
)
_TABLE_CONSTRAINT_WORDS = {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE", "LIKE"}
SERIAL_TYPES = {"serial": "integer", "serial4": "integer", "bigserial": "bigint",
                "serial8": "bigint", "smallserial": "smallint", "serial2": "smallint"}


@dataclass(frozen=True, slots=True)
class ColumnDef:
    """A column definition read from source text (CREATE TABLE element or ADD COLUMN)."""

    name: str
    type_sql: str  # exact text of the type
    not_null: bool = False
    default_sql: str | None = None  # exact text of the DEFAULT expression
    primary_key: bool = False
    unique: bool = False
    primary_key_name: str | None = None  # `CONSTRAINT n PRIMARY KEY` on the column
    unique_name: str | None = None
    identity_sql: str | None = None  # `GENERATED … AS IDENTITY …` text
    generated_sql: str | None = None  # `GENERATED ALWAYS AS (…) STORED|VIRTUAL` text
    references: bool = False
    references_table: str | None = None  # key of the referenced table (inline REFERENCES)
    references_columns: tuple[str, ...] = ()  # empty: the referenced table's primary key
    check: bool = False
    collate: bool = False
    owned_sequence: str | None = None  # quoted name of the sequence OWNED BY this column

    @property
    def serial_base_type(self) -> str | None:
        return SERIAL_TYPES.get(self.type_sql.strip().lower())


def read_column_def(sql: str, tokens: Sequence[Token], first: int, last: int) -> ColumnDef | None:
    """Read a column definition from tokens `first..last` of `sql`."""
    if first > last:
        return None
    name = _token_name(tokens[first])
    type_last = first
    i = first + 1
    depth = 0
    while i <= last:
        tok = tokens[i]
        if depth == 0 and tok.token_type is not TokenType.STRING and tok.text.upper() in COLUMN_STOP_WORDS:
            break
        if tok.token_type is TokenType.L_PAREN:
            depth += 1
        elif tok.token_type is TokenType.R_PAREN:
            depth -= 1
        type_last = i
        i += 1
    type_sql = text_between(sql, tokens, first + 1, type_last)
    col = ColumnDef(name=name, type_sql=type_sql)
    pending_name: str | None = None
    while i <= last:
        word = tokens[i].text.upper()
        if word != "CONSTRAINT" and pending_name is not None and word not in ("PRIMARY", "UNIQUE"):
            pending_name = None
        if word == "NOT" and i + 1 <= last and tokens[i + 1].text.upper() == "NULL":
            col = replace(col, not_null=True)
            i += 2
        elif word == "NULL":
            i += 1
        elif word == "DEFAULT":
            end = min(clause_end(tokens, i + 1, COLUMN_STOP_WORDS), last)
            col = replace(col, default_sql=text_between(sql, tokens, i + 1, end))
            i = end + 1
        elif word == "CONSTRAINT":
            pending_name = _token_name(tokens[i + 1]) if i + 1 <= last else None
            i += 2
            continue
        elif word == "PRIMARY":
            col = replace(col, primary_key=True, not_null=True, primary_key_name=pending_name)
            i += 2
        elif word == "UNIQUE":
            col = replace(col, unique=True, unique_name=pending_name)
            i += 1
        elif word == "CHECK":
            close = matching_paren(tokens, i + 1)
            col = replace(col, check=True)
            i = close + 1
        elif word == "REFERENCES":
            end = min(clause_end(tokens, i + 1, ("NOT", "NULL", "DEFAULT", "CONSTRAINT", "PRIMARY",
                                                   "UNIQUE", "CHECK", "GENERATED", "COLLATE")), last)
            target = _read_qualified(tokens, i + 1)
            ref_cols: tuple[str, ...] = ()
            after = i + (4 if target is not None and target.schema else 2)
            if after <= end and tokens[after].text == "(":
                ref_cols = _names_in_parens(tokens, after)
            col = replace(
                col,
                references=True,
                references_table=target.key if target is not None else None,
                references_columns=ref_cols,
            )
            i = end + 1
        elif word == "GENERATED":
            end = min(clause_end(tokens, i + 1, ("NOT", "NULL", "DEFAULT", "CONSTRAINT", "PRIMARY",
                                                   "UNIQUE", "CHECK", "REFERENCES", "COLLATE")), last)
            text = text_between(sql, tokens, i, end)
            if "IDENTITY" in text.upper():
                col = replace(col, identity_sql=text, not_null=True)
            else:
                col = replace(col, generated_sql=text)
            i = end + 1
        elif word == "COLLATE":
            col = replace(col, collate=True)
            i += 2
        else:
            i += 1
    if col.serial_base_type:
        col = replace(col, not_null=True)
    return col


def _token_name(tok: Token) -> str:
    if tok.token_type is TokenType.IDENTIFIER:
        return tok.text
    return tok.text.lower()


@dataclass(frozen=True, slots=True)
class IndexInfo:
    """An index: its name, its columns (plain column names; `None` for expressions), and the
    exact text of the statement that created it."""

    name: str
    columns: tuple[str | None, ...]
    unique: bool
    definition_sql: str | None = None
    constraint: str | None = None  # "p" primary key, "u" unique constraint


@dataclass(frozen=True, slots=True)
class ForeignKeyInfo:
    name: str | None
    table: str  # key of the referencing table
    columns: tuple[str, ...]
    ref_table: str
    ref_columns: tuple[str, ...]


@dataclass(slots=True)
class TableInfo:
    name: QualifiedName
    columns: dict[str, ColumnDef] = field(default_factory=dict)
    primary_key: tuple[str, ...] | None = None
    indexes: dict[str, IndexInfo] = field(default_factory=dict)
    partitioned: bool = False
    partitions: list[QualifiedName] = field(default_factory=list)
    check_columns: set[str] = field(default_factory=set)  # columns named in CHECK constraints
    partition_strategy: str | None = None  # RANGE / LIST / HASH
    partition_key: str | None = None  # the single plain key column, when it is one
    has_default_partition: bool = False
    has_unknown_constraints: bool = False


class SchemaTracker:
    """Follows statements and records what later rewrites need. Planner-internal state."""

    def __init__(self) -> None:
        self.tables: dict[str, TableInfo] = {}
        self.foreign_keys: list[ForeignKeyInfo] = []

    # ----------------------------------------------------------------- reads
    def table(self, name: QualifiedName | str) -> TableInfo | None:
        key = name if isinstance(name, str) else name.key
        return self.tables.get(key)

    def column(self, table: QualifiedName, column: str) -> ColumnDef | None:
        info = self.table(table)
        return None if info is None else info.columns.get(column)

    def primary_key(self, table: QualifiedName) -> tuple[str, ...] | None:
        info = self.table(table)
        return None if info is None else info.primary_key

    def indexes_on(self, table: QualifiedName, column: str) -> tuple[IndexInfo, ...]:
        info = self.table(table)
        if info is None:
            return ()
        return tuple(ix for ix in info.indexes.values() if column in ix.columns)

    def index(self, name: QualifiedName) -> tuple[TableInfo, IndexInfo] | None:
        for info in self.tables.values():
            if info.name.schema not in (name.schema, None) and name.schema is not None:
                continue
            if name.name in info.indexes:
                return info, info.indexes[name.name]
        return None

    def referencing_foreign_keys(self, table: QualifiedName, column: str) -> tuple[ForeignKeyInfo, ...]:
        """Foreign keys that reference `table.column` (a reference without columns means the
        referenced table's primary key)."""
        pk = self.primary_key(table) or ()
        return tuple(
            fk
            for fk in self.foreign_keys
            if fk.ref_table == table.key and column in (fk.ref_columns or pk)
        )

    def partitions(self, table: QualifiedName) -> tuple[QualifiedName, ...] | None:
        info = self.table(table)
        if info is None or not info.partitioned:
            return None
        return tuple(info.partitions)

    # ---------------------------------------------------------------- writes
    def follow(self, sql: str, ast: exp.Expr | None) -> None:
        """Record the effect of one statement (best effort; unknown statements change nothing)."""
        words = sql.upper().split()
        if words[:2] == ["ALTER", "SEQUENCE"] and "OWNED" in words:
            self._sequence_owner(sql)
            return
        if ast is None:
            return
        try:
            self._follow(sql, ast)
        except Exception:  # noqa: BLE001 - the tracker is advisory; never fail planning on it
            return

    def _sequence_owner(self, sql: str) -> None:
        tokens = tokenize(sql)
        sequence = _read_qualified(tokens, 2)
        owned = find_token(tokens, "OWNED")
        if sequence is None or owned is None or owned + 2 >= len(tokens):
            return
        names = [_token_name(t) for t in tokens[owned + 2 :] if t.token_type is not TokenType.DOT]
        if len(names) < 2:
            return
        table = QualifiedName(names[-3] if len(names) >= 3 else None, names[-2])
        info = self.table(table)
        if info is not None and names[-1] in info.columns:
            info.columns[names[-1]] = replace(info.columns[names[-1]], owned_sequence=sequence.sql)

    def _follow(self, sql: str, ast: exp.Expr) -> None:
        if isinstance(ast, exp.Create):
            kind = (ast.args.get("kind") or "").upper()
            if kind == "TABLE":
                self._create_table(sql, ast)
            elif kind == "INDEX":
                self._create_index(sql, ast)
            return
        if isinstance(ast, exp.Alter) and (ast.args.get("kind") or "").upper() == "TABLE":
            self._alter_table(sql, ast)
            return
        if isinstance(ast, exp.Drop):
            kind = (ast.args.get("kind") or "").upper()
            for target in ast.args.get("expressions") or ast.args.get("tables") or []:
                if not isinstance(target, exp.Table):
                    continue
                name = QualifiedName.of(target)
                if kind == "TABLE":
                    self.tables.pop(name.key, None)
                elif kind == "INDEX":
                    found = self.index(name)
                    if found:
                        found[0].indexes.pop(name.name, None)

    def _create_table(self, sql: str, ast: exp.Create) -> None:
        target = ast.this
        table_node = target.this if isinstance(target, exp.Schema) else target
        if not isinstance(table_node, exp.Table):
            return
        name = QualifiedName.of(table_node)
        info = TableInfo(name=name)
        tokens = tokenize(sql)
        upper_sql = sql.upper()
        info.partitioned = re.search(r"\bPARTITION\s+BY\b", upper_sql) is not None
        key = re.search(r"\bPARTITION\s+BY\s+(RANGE|LIST|HASH)\s*\(\s*(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)\s*\)", sql, re.IGNORECASE)
        if key is not None:
            info.partition_strategy = key.group(1).upper()
            raw = key.group(2)
            info.partition_key = raw[1:-1].replace('""', '"') if raw.startswith('"') else raw.lower()
        open_i = find_token(tokens, "(")
        part_of = find_token(tokens, "PARTITION")
        if part_of is not None and part_of + 1 < len(tokens) and tokens[part_of + 1].text.upper() == "OF":
            parent_first = part_of + 2
            parent = _read_qualified(tokens, parent_first)
            if parent is not None and (parent_info := self.table(parent)) is not None:
                parent_info.partitions.append(name)
                if re.search(r"\bPARTITION\s+OF\s+\S+\s+DEFAULT\b", upper_sql):
                    parent_info.has_default_partition = True
                info.columns = dict(parent_info.columns)
                info.primary_key = parent_info.primary_key
            self.tables[name.key] = info
            return
        if open_i is None:
            self.tables[name.key] = info
            return
        close_i = matching_paren(tokens, open_i)
        element_first = open_i + 1
        while element_first < close_i:
            element_last = min(clause_end(tokens, element_first), close_i - 1)
            self._table_element(sql, tokens, element_first, element_last, info)
            element_first = element_last + 2
        self.tables[name.key] = info
        self._record_inline_references(info)
        from migrator.planner.sqltext import pg_object_name

        for col in info.columns.values():
            if col.primary_key:
                info.primary_key = (col.name,)
                pkey = col.primary_key_name or pg_object_name(name.name, None, "pkey")
                info.indexes[pkey] = IndexInfo(pkey, (col.name,), True, None, "p")
            if col.unique:
                unique_name = col.unique_name or pg_object_name(name.name, col.name, "key")
                info.indexes[unique_name] = IndexInfo(unique_name, (col.name,), True, None, "u")
            if col.check:
                info.check_columns.add(col.name)
            if col.serial_base_type:
                sequence = name.sibling(pg_object_name(name.name, col.name, "seq"))
                info.columns[col.name] = replace(col, owned_sequence=sequence.sql)

    def _table_element(self, sql: str, tokens: Sequence[Token], first: int, last: int, info: TableInfo) -> None:
        word = tokens[first].text.upper()
        if tokens[first].token_type is TokenType.IDENTIFIER or word not in _TABLE_CONSTRAINT_WORDS:
            col = read_column_def(sql, tokens, first, last)
            if col is not None:
                info.columns[col.name] = col
            return
        name: str | None = None
        i = first
        if word == "CONSTRAINT" and first + 2 <= last:
            name, i = _token_name(tokens[first + 1]), first + 2
        self._constraint(tokens, i, last, name, info)

    def _constraint(
        self, tokens: Sequence[Token], i: int, last: int, name: str | None, info: TableInfo
    ) -> None:
        """A table constraint starting at token `i` (after `CONSTRAINT name`)."""
        from migrator.planner.sqltext import pg_object_name

        kind = tokens[i].text.upper()
        open_i = find_token(tokens, "(", start=i)
        cols = _names_in_parens(tokens, open_i) if open_i is not None and open_i <= last else ()
        if kind == "PRIMARY" and cols:
            info.primary_key = cols
            for c in cols:
                if c in info.columns:
                    info.columns[c] = replace(info.columns[c], not_null=True)
            index_name = name or pg_object_name(info.name.name, None, "pkey")
            info.indexes[index_name] = IndexInfo(index_name, cols, True, None, "p")
        elif kind == "UNIQUE" and cols:
            index_name = name or pg_object_name(info.name.name, "_".join(cols), "key")
            info.indexes[index_name] = IndexInfo(index_name, cols, True, None, "u")
        elif kind == "FOREIGN":
            self._table_foreign_key(tokens, i, last, info)
        elif kind == "CHECK" and open_i is not None:
            close = matching_paren(tokens, open_i)
            for j in range(open_i + 1, close):
                tok = tokens[j]
                nxt = tokens[j + 1] if j + 1 < len(tokens) else None
                if tok.token_type in (TokenType.VAR, TokenType.IDENTIFIER) and not (
                    nxt is not None and nxt.token_type is TokenType.L_PAREN
                ):
                    info.check_columns.add(_token_name(tok))
        else:
            info.has_unknown_constraints = True

    def _table_foreign_key(self, tokens: Sequence[Token], first: int, last: int, info: TableInfo) -> None:
        fk = find_token(tokens, "FOREIGN", start=first)
        ref = find_token(tokens, "REFERENCES", start=first)
        if fk is None or ref is None or ref > last:
            return
        open_i = find_token(tokens, "(", start=fk)
        if open_i is None or open_i > ref:
            return
        columns = _names_in_parens(tokens, open_i)
        target = _read_qualified(tokens, ref + 1)
        if target is None:
            return
        after = ref + (4 if target.schema else 2)
        ref_cols = _names_in_parens(tokens, after) if after <= last and tokens[after].text == "(" else ()
        self.foreign_keys.append(ForeignKeyInfo(None, info.name.key, columns, target.key, ref_cols))

    def _record_inline_references(self, info: TableInfo) -> None:
        for col in info.columns.values():
            if col.references_table is not None:
                self.foreign_keys.append(
                    ForeignKeyInfo(None, info.name.key, (col.name,), col.references_table, col.references_columns)
                )

    def _create_index(self, sql: str, ast: exp.Create) -> None:
        index = ast.this
        if not isinstance(index, exp.Index):
            return
        table = index.args.get("table")
        if not isinstance(table, exp.Table):
            return
        info = self.table(QualifiedName.of(table))
        if info is None:
            return
        params = index.args.get("params")
        columns: list[str | None] = []
        for ordered in (params.args.get("columns") if params else None) or []:
            inner = ordered.this if isinstance(ordered, exp.Ordered) else ordered
            columns.append(identifier_name(inner) if isinstance(inner, exp.Column) else None)
        name = identifier_name(index.this) if index.this else None
        if not name:
            from migrator.planner.sqltext import pg_object_name

            label = "_".join(c or "expr" for c in columns)
            name = pg_object_name(info.name.name, label, "idx")
        info.indexes[name] = IndexInfo(name, tuple(columns), bool(ast.args.get("unique")), sql)

    @staticmethod
    def _altered_column(
        col: ColumnDef, action: exp.AlterColumn, sql: str, tokens: Sequence[Token], position: int
    ) -> ColumnDef:
        """The column after one `ALTER COLUMN` action (nullability, default, type)."""
        allow_null = action.args.get("allow_null")
        if allow_null is not None:
            return replace(col, not_null=not allow_null)
        if action.args.get("dtype") is not None:
            type_sql = _action_text_after(sql, tokens, position, "TYPE", ("COLLATE", "USING"))
            return replace(col, type_sql=type_sql) if type_sql else col
        if action.args.get("default") is not None:
            return replace(col, default_sql=_action_text_after(sql, tokens, position, "DEFAULT"))
        if action.args.get("drop"):
            return replace(col, default_sql=None)
        return col

    def _alter_table(self, sql: str, ast: exp.Alter) -> None:
        table = ast.this
        if not isinstance(table, exp.Table):
            return
        name = QualifiedName.of(table)
        info = self.table(name)
        actions = ast.args.get("actions") or []
        if info is None:
            return
        tokens = tokenize(sql)
        for action in actions:
            if isinstance(action, exp.ColumnDef):
                first = find_token(tokens, "ADD")
                if first is None:
                    continue
                first += 1
                if tokens[first].text.upper() == "COLUMN":
                    first += 1
                if tokens[first].text.upper() == "IF":
                    first += 3
                last = clause_end(tokens, first)
                col = read_column_def(sql, tokens, first, last)
                if col is not None:
                    info.columns[col.name] = col
                    if col.references_table is not None:
                        self.foreign_keys.append(
                            ForeignKeyInfo(None, name.key, (col.name,), col.references_table, col.references_columns)
                        )
            elif isinstance(action, exp.RenameColumn):
                old = identifier_name(action.this)
                new = identifier_name(action.args.get("to"))
                if old in info.columns:
                    info.columns[new] = replace(info.columns.pop(old), name=new)
            elif isinstance(action, exp.AlterRename):
                new_table = action.this
                if isinstance(new_table, exp.Table):
                    self.tables.pop(name.key, None)
                    info.name = QualifiedName(name.schema, identifier_name(new_table.this))
                    self.tables[info.name.key] = info
            elif isinstance(action, exp.AlterColumn):
                col_name = identifier_name(action.this)
                col = info.columns.get(col_name)
                if col is None:
                    continue
                info.columns[col_name] = self._altered_column(col, action, sql, tokens, actions.index(action))
            elif isinstance(action, exp.Drop) and (action.args.get("kind") or "").upper() == "COLUMN":
                for target in action.args.get("expressions") or action.args.get("tables") or []:
                    info.columns.pop(identifier_name(target), None)
            elif isinstance(action, exp.AddConstraint) and (add := find_token(tokens, "ADD")) is not None:
                first = add + 1
                cname = None
                if tokens[first].text.upper() == "CONSTRAINT":
                    cname, first = _token_name(tokens[first + 1]), first + 2
                if tokens[first].text.upper() in ("UNIQUE", "CHECK", "PRIMARY") and " USING INDEX" not in " ".join(sql.upper().split()):
                    self._constraint(tokens, first, len(tokens) - 1, cname, info)
                for constraint in action.expressions:
                    inner = constraint.expressions[0] if isinstance(constraint, exp.Constraint) and constraint.expressions else constraint
                    if isinstance(inner, exp.PrimaryKey):
                        cols = tuple(identifier_name(e) for e in inner.expressions)
                        info.primary_key = cols
                    elif isinstance(inner, exp.ForeignKey):
                        ref = inner.args.get("reference")
                        schema = ref.this if ref is not None else None
                        if isinstance(schema, exp.Schema) and isinstance(schema.this, exp.Table):
                            self.foreign_keys.append(
                                ForeignKeyInfo(
                                    name=identifier_name(constraint.this) if isinstance(constraint, exp.Constraint) else None,
                                    table=name.key,
                                    columns=tuple(identifier_name(e) for e in inner.expressions),
                                    ref_table=QualifiedName.of(schema.this).key,
                                    ref_columns=tuple(identifier_name(e) for e in schema.expressions),
                                )
                            )


def _action_text_after(sql: str, tokens: Sequence[Token], position: int, word: str,
                       stops: Sequence[str] = ()) -> str | None:
    """Exact text after `word` in the `position`-th action of an ALTER TABLE, up to `stops`."""
    _, spans = action_spans(tokens)
    if position >= len(spans):
        return None
    first, last = spans[position]
    at = find_token(tokens[: last + 1], word, start=first)
    if at is None:
        return None
    end = min(clause_end(tokens, at + 1, stops), last)
    return text_between(sql, tokens, at + 1, end) or None


def _read_qualified(tokens: Sequence[Token], first: int) -> QualifiedName | None:
    if first >= len(tokens):
        return None
    first_name = _token_name(tokens[first])
    if first + 2 < len(tokens) and tokens[first + 1].token_type is TokenType.DOT:
        return QualifiedName(first_name, _token_name(tokens[first + 2]))
    return QualifiedName(None, first_name)


def _names_in_parens(tokens: Sequence[Token], open_i: int) -> tuple[str, ...]:
    close = matching_paren(tokens, open_i)
    return tuple(
        _token_name(t) for t in tokens[open_i + 1 : close] if t.token_type is not TokenType.COMMA
    )
