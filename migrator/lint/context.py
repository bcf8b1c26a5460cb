"""`LintContext`: what a rule may ask about the migration around the statement it checks.

One context is built per migration (everything is computed once: transaction blocks, effective
timeouts, relations created in the migration, statement offsets, tokens on demand); the runner
positions it at each statement and rule in turn. Rules only ask; they never re-derive locks or
compare version numbers (`caps` answers version questions).

Example (inside a rule):
    if ctx.is_new_table(facts.tables[0]):
        return
    if ctx.lock_timeout_ms(stmt) is None:
        yield ctx.finding(stmt, "...", help="SET lock_timeout = '2s' before this statement")
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlglot import exp

from migrator.analysis.facts import AnalyzedMigration, Facts
from migrator.analysis.from_ast import actions_of, ident, table_name
from migrator.analysis.locks import LockMode
from migrator.analysis.pg.versions import DEFAULT, Capabilities
from migrator.lint.model import Edit, Finding, Fix, Rule, Severity
from migrator.lint.session import StatementSession, session_timeline
from migrator.sql.source import Source, SourceKind, Span
from migrator.sql.statement import Statement, StatementKind

logger = logging.getLogger(__name__)

_CREATING_KINDS = frozenset({
    StatementKind.CREATE_TABLE, StatementKind.CREATE_TABLE_AS, StatementKind.CREATE_MATERIALIZED_VIEW,
    StatementKind.CREATE_VIEW, StatementKind.CREATE_INDEX, StatementKind.CREATE_SEQUENCE,
    StatementKind.CREATE_TYPE, StatementKind.CREATE_DOMAIN,
})
_SKIPPED_TOKEN_TYPES = frozenset({"STRING", "IDENTIFIER", "NATIONAL_STRING", "RAW_STRING",
                                  "HEREDOC_STRING", "BIT_STRING", "HEX_STRING", "BYTE_STRING",
                                  "UNICODE_STRING"})


@lru_cache(maxsize=4096)
def normalize_relation(name: str, default_schema: str = "public") -> str:
    """`Users` → `public.users`; `"Odd"."T"` → `Odd.T`; quoted parts keep their case.

    >>> normalize_relation('Users'), normalize_relation('s."T"'), normalize_relation('public.t')
    ('public.users', 's.T', 'public.t')
    """
    parts = [m.group(1).replace('""', '"') if m.group(1) is not None else m.group(2).lower()
             for m in re.finditer(r'"((?:[^"]|"")*)"|([^."\s]+)', name)]
    if not parts:
        return name
    if len(parts) == 1:
        parts.insert(0, default_schema)
    return ".".join(parts[-2:])


@dataclass(frozen=True, slots=True)
class _TokenSpan:
    """A token of a statement: its text and 0-based offsets into `Statement.sql` (end exclusive)."""

    text: str
    start: int
    end: int
    kind: str


class LintContext:
    """The context of one migration, positioned at the current statement and rule.

    Attributes (read-only for rules):
        caps: `Capabilities` of the target PostgreSQL version.
        pg_version: the target major version.
        statements / facts: all statements of the migration and their facts (same order).
        index: index of the current statement.
        rule: the rule being run (the runner sets it).
        source: the migration's `Source`.
    """

    __slots__ = (
        "_created_at",
        "_held",
        "_line_starts",
        "_offsets",
        "_replay",
        "_schema",
        "_sessions",
        "_tokens",
        "analyzed",
        "assume_in_transaction",
        "caps",
        "facts",
        "index",
        "pg_version",
        "rule",
        "source",
        "statements",
    )

    def __init__(self, analyzed: AnalyzedMigration, *, pg_version: int = DEFAULT,
                 assume_in_transaction: bool = False, schema: Any = None) -> None:
        self.analyzed = analyzed
        self.pg_version = pg_version
        self.caps = Capabilities.for_version(pg_version)
        self.source: Source = analyzed.migration.source
        self.statements: tuple[Statement, ...] = analyzed.migration.statements
        self.facts: tuple[Facts, ...] = analyzed.facts
        self.assume_in_transaction = assume_in_transaction  # Alembic renders its BEGIN/COMMIT
        self.index = 0
        self.rule: Rule | None = None
        self._schema = schema
        self._replay: tuple[Any, int] | None = None
        self._tokens: dict[int, tuple[_TokenSpan, ...]] = {}
        self._line_starts: list[int] | None = None
        self._sessions: tuple[StatementSession, ...] = session_timeline(
            self.statements, self.assume_in_transaction)
        self._created_at: dict[str, int] = self._relations_created()
        self._held: tuple[Mapping[str, LockMode], ...] | None = None
        self._offsets: tuple[int | None, ...] = self._statement_offsets()

    # -- positioning (runner only) -------------------------------------------------------

    def at(self, index: int, rule: Rule | None = None) -> LintContext:
        """Position the context at statement `index` (and `rule`); returns self."""
        self.index = index
        self.rule = rule
        return self

    @property
    def statement(self) -> Statement:
        return self.statements[self.index]

    # -- what existed before -------------------------------------------------------------

    @property
    def schema(self) -> Any:
        """The analysis `SchemaModel` as of just before the current statement (earlier files and
        the earlier statements of this migration applied), or None when the analysis gave none.

        Computed lazily by replaying the analysis over the earlier statements, once per
        migration. Read it, never change it, and do not keep it: it moves with the context.
        """
        return self.schema_at(self.index)

    def schema_at(self, stmt: Statement | int | None = None) -> Any:
        """`schema` as of just before `stmt` (default: the current statement)."""
        index = self._index_of(stmt)
        before = getattr(self.analyzed, "schema_before", None)
        if before is None:
            return self._schema
        replay = self._replay
        if replay is None or replay[1] > index:
            from migrator.analysis.context import Context

            replay = (Context(caps=self.caps, schema=before.copy()), 0)
        context, done = replay
        try:
            from migrator.analysis.analyze import analyze_statement

            while done < index:
                analyze_statement(self.statements[done], context)
                done += 1
        except Exception:  # the analysis already ran once; a replay failure only loses precision
            logger.exception("replaying the schema model failed at statement %d", done)
            self._replay = None
            return before
        self._replay = (context, done)
        return context.schema

    def is_new_table(self, name: str, stmt: Statement | int | None = None) -> bool:
        """True when relation `name` was created earlier in this migration (before `stmt`,
        default: the current statement). New relations are empty and unused: nothing on them
        is dangerous. Accepts `users`, `public.users` or quoted names."""
        created = self._created_at.get(normalize_relation(name))
        return created is not None and created < self._index_of(stmt)

    is_new_relation = is_new_table

    def _relations_created(self) -> dict[str, int]:
        """Relation → index of the statement that created it in this migration: the relation a
        CREATE statement's tree names, renames of such relations (`ALTER TABLE … RENAME TO`),
        and the analysis' `Lock.new` flags."""
        created: dict[str, int] = {}
        for stmt, facts in zip(self.statements, self.facts, strict=False):
            for lock in facts.locks:
                if lock.new:
                    created.setdefault(normalize_relation(lock.relation), stmt.index)
            if stmt.kind in _CREATING_KINDS:
                name = created_relation_of(stmt)
                if name is not None:
                    created.setdefault(name, stmt.index)
            if stmt.kind is StatementKind.ALTER_TABLE and "RENAME TO" in stmt.actions:
                for action in actions_of(stmt):
                    if action.verb == "ALTER TABLE/RENAME TO" and action.table in created and action.new_name:
                        created.setdefault(action.new_name, stmt.index)
        return created

    # -- transactions and settings -------------------------------------------------------

    def in_transaction(self, stmt: Statement | int | None = None) -> bool:
        """The statement runs inside a transaction block (explicit BEGIN…COMMIT, the
        `assume_in_transaction` setting; an Alembic revision renders its transaction as BEGIN…COMMIT)."""
        index = self._index_of(stmt)
        return self._sessions[index].in_transaction or self.statements[index].in_transaction

    def transaction_of(self, stmt: Statement | int | None = None) -> tuple[Statement, ...]:
        """The statements sharing the statement's transaction block (just itself when it runs
        in autocommit)."""
        index = self._index_of(stmt)
        block = self._sessions[index].block
        if block is None:
            return (self.statements[index],)
        return tuple(s for s, state in zip(self.statements, self._sessions, strict=False)
                     if state.block == block)

    def locks_held_before(self, stmt: Statement | int | None = None) -> Mapping[str, LockMode]:
        """Strongest table lock per relation taken by earlier statements of the same
        transaction block (held until it ends). Empty in autocommit."""
        if self._held is None:
            self._held = self._locks_held_table()
        return self._held[self._index_of(stmt)]

    def _locks_held_table(self) -> tuple[Mapping[str, LockMode], ...]:
        """`locks_held_before` of every statement, in one forward pass (a block is contiguous)."""
        table: list[Mapping[str, LockMode]] = []
        held: dict[str, LockMode] = {}
        current: int | None = None
        for index, session in enumerate(self._sessions):
            if session.block != current:
                held, current = {}, session.block
            table.append(dict(held) if current is not None else {})
            if current is None or index >= len(self.facts):
                continue
            for lock in self.facts[index].locks:
                if lock.mode > held.get(lock.relation, LockMode.ACCESS_SHARE - 1):
                    held[lock.relation] = lock.mode
        return tuple(table)

    def lock_timeout_ms(self, stmt: Statement | int | None = None) -> int | None:
        """Effective `lock_timeout` (ms) while the statement runs; 0 = disabled; None = never set
        (or reset to the server default) in this migration."""
        return self._sessions[self._index_of(stmt)].setting_ms("lock_timeout")

    def statement_timeout_ms(self, stmt: Statement | int | None = None) -> int | None:
        """Effective `statement_timeout` (ms), like `lock_timeout_ms`."""
        return self._sessions[self._index_of(stmt)].setting_ms("statement_timeout")

    def setting_ms(self, name: str, stmt: Statement | int | None = None) -> int | None:
        """Effective value of a tracked time setting (`idle_in_transaction_session_timeout`,
        `transaction_timeout`, ...)."""
        return self._sessions[self._index_of(stmt)].setting_ms(name)

    # -- findings --------------------------------------------------------------------------

    def finding(self, stmt: Statement, message: str, *, help: str | None = None,
                fix: Fix | None = None, span: Span | None = None) -> Finding:
        """A finding of the current rule on `stmt` (span: the statement, unless given). A fix
        whose edits could not be located (an edit helper returned None) is dropped, unless it
        is display-only advice."""
        if self.rule is None:
            raise RuntimeError("LintContext.finding() called outside a rule (no current rule)")
        if fix is not None and not fix.edits and fix.applicability != "display-only":
            fix = None
        facts = self.facts[stmt.index] if 0 <= stmt.index < len(self.facts) else None
        return Finding(
            rule=self.rule.name,
            code=self.rule.code,
            severity=Severity(self.rule.severity),
            message=message,
            span=span or stmt.span,
            help=help,
            fix=fix,
            statement_index=stmt.index,
            facts=facts,
        )

    # -- text edits on the original source -------------------------------------------------

    def statement_offset(self, stmt: Statement) -> int | None:
        """Offset of `stmt.sql` in `Source.text` (None if it cannot be located)."""
        return self._offsets[stmt.index] if 0 <= stmt.index < len(self._offsets) else None

    def tokens(self, stmt: Statement) -> tuple[_TokenSpan, ...]:
        """The statement's tokens (comments dropped), offsets relative to `stmt.sql`."""
        cached = self._tokens.get(stmt.index)
        if cached is None:
            cached = tokenize(stmt.sql)
            self._tokens[stmt.index] = cached
        return cached

    def find_keywords(self, stmt: Statement, keyword_regex: str | Sequence[str],
                      occurrence: int = 1) -> tuple[int, int] | None:
        """(start, end) offsets in `stmt.sql` of the `occurrence`-th run of consecutive tokens
        matching `keyword_regex` (one regex per token; case-insensitive full match). Quoted
        identifiers, strings and comments never match."""
        patterns = [keyword_regex] if isinstance(keyword_regex, str) else list(keyword_regex)
        compiled = [re.compile(p, re.IGNORECASE) for p in patterns]
        tokens = self.tokens(stmt)
        seen = 0
        for i in range(len(tokens) - len(compiled) + 1):
            window = tokens[i:i + len(compiled)]
            if all(t.kind not in _SKIPPED_TOKEN_TYPES and c.fullmatch(t.text)
                   for t, c in zip(window, compiled, strict=True)):
                seen += 1
                if seen == occurrence:
                    return window[0].start, window[-1].end
        return None

    def keyword_edit_after(self, stmt: Statement, keyword_regex: str | Sequence[str], text: str,
                           occurrence: int = 1) -> Edit | None:
        """Insert `text` right after the keyword(s) (e.g. `(r"INDEX",)`, `" CONCURRENTLY"`)."""
        found = self.find_keywords(stmt, keyword_regex, occurrence)
        return None if found is None else self.replace_span(stmt, found[1], found[1], text)

    insert_after = keyword_edit_after

    def keyword_edit_before(self, stmt: Statement, keyword_regex: str | Sequence[str], text: str,
                            occurrence: int = 1) -> Edit | None:
        """Insert `text` right before the keyword(s)."""
        found = self.find_keywords(stmt, keyword_regex, occurrence)
        return None if found is None else self.replace_span(stmt, found[0], found[0], text)

    insert_before = keyword_edit_before

    def replace_keywords(self, stmt: Statement, keyword_regex: str | Sequence[str], text: str,
                         occurrence: int = 1) -> Edit | None:
        """Replace the keyword(s) themselves with `text` (`""` deletes them)."""
        found = self.find_keywords(stmt, keyword_regex, occurrence)
        return None if found is None else self.replace_span(stmt, found[0], found[1], text)

    def append_edit(self, stmt: Statement, text: str) -> Edit | None:
        """Insert `text` at the end of the statement (before its semicolon)."""
        return self.replace_span(stmt, len(stmt.sql.rstrip()), len(stmt.sql.rstrip()), text)

    def replace_statement(self, stmt: Statement, text: str) -> Edit | None:
        """Replace the whole statement text (without its semicolon) with `text`."""
        return self.replace_span(stmt, 0, len(stmt.sql), text)

    def insert_before_statement(self, stmt: Statement, text: str) -> Edit | None:
        """Insert `text` (e.g. `"SET lock_timeout = '2s';\\n"`) before the statement."""
        return self.replace_span(stmt, 0, 0, text)

    def replace_span(self, stmt: Statement, start: int, end: int, text: str) -> Edit | None:
        """An edit replacing `stmt.sql[start:end]` with `text`, in `Source.text` offsets."""
        base = self.statement_offset(stmt)
        if base is None or not 0 <= start <= end <= len(stmt.sql):
            return None
        return Edit(base + start, base + end, text)

    def sub_span(self, stmt: Statement, start: int, end: int) -> Span:
        """The `Span` of `stmt.sql[start:end]` (1-based lines/columns) for a finding that
        points inside the statement. For Alembic sources the statement's span is returned."""
        base = self.statement_offset(stmt)
        if base is None or self.source.kind is SourceKind.ALEMBIC:
            return stmt.span
        line, col = self._line_col(base + start)
        end_line, end_col = self._line_col(base + end)
        return Span(stmt.span.path, base + start, base + end, line, col, end_line, end_col)

    # -- helpers -----------------------------------------------------------------------------

    def _index_of(self, stmt: Statement | int | None) -> int:
        if stmt is None:
            return self.index
        if isinstance(stmt, int):
            return stmt
        return stmt.index

    def _statement_offsets(self) -> tuple[int | None, ...]:
        text = self.source.text
        offsets: list[int | None] = []
        cursor = 0
        for stmt in self.statements:
            start = stmt.span.start
            if text[start:start + len(stmt.sql)] == stmt.sql:
                offsets.append(start)
                cursor = start + len(stmt.sql)
                continue
            found = text.find(stmt.sql, cursor) if stmt.sql else -1
            offsets.append(found if found >= 0 else None)
            if found >= 0:
                cursor = found + len(stmt.sql)
        return tuple(offsets)

    def _line_col(self, offset: int) -> tuple[int, int]:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer(r"\n", self.source.text)]
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1


def created_relation_of(stmt: Statement) -> str | None:
    """The schema-qualified relation a CREATE TABLE/VIEW/MATERIALIZED VIEW/SEQUENCE/INDEX/TYPE/DOMAIN
    statement creates, from its tree (None: unnamed index, or no tree). An index lives in its
    table's schema.

    >>> from migrator.sql.parse import parse_sql
    >>> [created_relation_of(s) for s in parse_sql('CREATE INDEX "Ix" ON s.t (a); CREATE TABLE t2 (a int)').statements]
    ['s.Ix', 'public.t2']
    """
    tree = stmt.ast
    if tree is None:
        return None
    target = tree.args.get("this")
    if isinstance(target, exp.Index):
        table = table_name(target.args.get("table"), "public")
        name = ident(target.args.get("this"))
        if name is None:
            return None
        return f"{table.split('.', 1)[0] if table else 'public'}.{name}"
    if isinstance(target, (exp.Table, exp.Schema)):
        return table_name(target, "public")
    return None


def tokenize(sql: str) -> tuple[_TokenSpan, ...]:
    """Tokens of `sql` with 0-based offsets (end exclusive), via the sqlglot tokenizer. Falls
    back to a conservative scanner when sqlglot cannot tokenize the text."""
    try:
        from sqlglot.dialects.postgres import Postgres

        raw: list[Any] = Postgres().tokenize(sql)
        return tuple(_TokenSpan(sql[t.start:t.end + 1], t.start, t.end + 1, t.token_type.name)
                     for t in raw)
    except Exception:  # noqa: BLE001 - any tokenizer failure falls back to the scanner
        return _scan(sql)


_SCAN = re.compile(
    r"(?P<comment>--[^\n]*|/\*.*?\*/)|(?P<string>'(?:[^']|'')*'|\$(?P<tag>[A-Za-z_]*)\$.*?\$(?P=tag)\$)"
    r"|(?P<ident>\"(?:[^\"]|\"\")*\")|(?P<word>[A-Za-z_][A-Za-z0-9_$]*)|(?P<other>\S)",
    re.DOTALL,
)


def _scan(sql: str) -> tuple[_TokenSpan, ...]:
    tokens = []
    for m in _SCAN.finditer(sql):
        if m["comment"] is not None:
            continue
        kind = ("STRING" if m["string"] is not None else "IDENTIFIER" if m["ident"] is not None
                else "VAR" if m["word"] is not None else "OTHER")
        tokens.append(_TokenSpan(m.group(0), m.start(), m.end(), kind))
    return tuple(tokens)
