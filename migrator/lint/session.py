"""The session timeline of one migration: transaction blocks and effective timeouts per statement.

Follows what a single psql-like session does while it runs the file top to bottom:
`BEGIN`/`START TRANSACTION` open a block, `COMMIT`/`END`/`ROLLBACK`/`ABORT` close it (a
`ROLLBACK` also undoes session `SET`s made in the block), `SET` / `SET SESSION` / `SET LOCAL`
(the latter ends with the block and is ignored outside one), `RESET name`, `RESET ALL`,
`SET name TO DEFAULT`, and `SELECT set_config('name', 'value', is_local)`.

Timeouts are in milliseconds: `0` means explicitly disabled, `None` means never set in this
migration (or reset to the server default, which this file cannot know).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from migrator.sql.statement import Statement, StatementKind

TRACKED_SETTINGS = ("lock_timeout", "statement_timeout", "idle_in_transaction_session_timeout",
                    "transaction_timeout")

_UNIT_MS: dict[str, float] = {"us": 0.001, "ms": 1.0, "s": 1000.0, "min": 60_000.0,
                              "h": 3_600_000.0, "d": 86_400_000.0}
_COMMENTS = re.compile(r"--[^\n]*|/\*.*?\*/", re.DOTALL)
_SET = re.compile(
    r"^SET\s+(?:(?P<scope>SESSION|LOCAL)\s+)?(?P<name>[A-Za-z_][A-Za-z0-9_.]*|\"[^\"]+\")\s*"
    r"(?:=|\bTO\b)\s*(?P<value>.*?)\s*$",
    re.IGNORECASE | re.DOTALL,
)
_RESET = re.compile(r"^RESET\s+(?P<name>[A-Za-z_][A-Za-z0-9_.]*|\"[^\"]+\")\s*$", re.IGNORECASE)
_SET_CONFIG = re.compile(
    r"set_config\s*\(\s*'(?P<name>[^']*)'\s*,\s*(?:'(?P<value>(?:[^']|'')*)'|(?P<number>-?\d+(?:\.\d+)?))"
    r"\s*,\s*(?P<local>[^)]*)\)",
    re.IGNORECASE,
)
_DURATION = re.compile(r"^\s*(?P<number>-?\d+(?:\.\d*)?|\.\d+)\s*(?P<unit>[A-Za-z]*)\s*$")
_BEGIN = re.compile(r"^(BEGIN|START\s+TRANSACTION)\b", re.IGNORECASE)
_END = re.compile(r"^(COMMIT|END|ROLLBACK|ABORT|PREPARE\s+TRANSACTION)\b(?!\s+(AND\s+CHAIN))", re.IGNORECASE)
_ROLLBACK = re.compile(r"^(ROLLBACK|ABORT)\b(?!\s+(TO\b|AND\s+CHAIN))", re.IGNORECASE)
_CHAIN = re.compile(r"^(COMMIT|END|ROLLBACK|ABORT)\b(?:\s+(?:WORK|TRANSACTION))?\s+AND\s+CHAIN\b", re.IGNORECASE)
_SAVEPOINT_ROLLBACK = re.compile(r"^ROLLBACK\s+TO\b", re.IGNORECASE)
_TRUE = {"true", "'true'", "t", "'t'", "on", "'on'", "yes", "'yes'", "1", "'1'"}


def strip_comments(sql: str) -> str:
    """`sql` without `--` and `/* */` comments, trimmed (good enough for utility commands)."""
    return _COMMENTS.sub(" ", sql).strip()


def parse_duration_ms(value: str) -> int | None:
    """A PostgreSQL time setting value in milliseconds, or None when it is not a duration.

    Plain numbers are milliseconds (the unit of `lock_timeout` and `statement_timeout`).

    >>> parse_duration_ms("'2s'"), parse_duration_ms("500"), parse_duration_ms("'1min'")
    (2000, 500, 60000)
    >>> parse_duration_ms("0"), parse_duration_ms("'1.5s'"), parse_duration_ms("'soon'")
    (0, 1500, None)
    """
    text = value.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1].replace("''", "'")
    match = _DURATION.match(text)
    if match is None:
        return None
    unit = match["unit"].lower() or "ms"
    if unit not in _UNIT_MS:
        return None
    milliseconds = float(match["number"]) * _UNIT_MS[unit]
    if milliseconds < 0:
        return None
    return round(milliseconds)


@dataclass(frozen=True, slots=True)
class SettingChange:
    """One change a statement makes to a tracked setting. `value_ms` None = reset/default."""

    name: str
    value_ms: int | None
    local: bool = False


def setting_changes(sql: str) -> tuple[SettingChange, ...] | None:
    """The tracked-setting changes of one statement; `None` means `RESET ALL`."""
    text = strip_comments(sql)
    if re.fullmatch(r"RESET\s+ALL", text, re.IGNORECASE):
        return None
    match = _SET.match(text)
    if match is not None:
        name = match["name"].strip('"').lower()
        if name not in TRACKED_SETTINGS:
            return ()
        value = match["value"]
        local = (match["scope"] or "").upper() == "LOCAL"
        if value.upper() == "DEFAULT":
            return (SettingChange(name, None, local),)
        return (SettingChange(name, parse_duration_ms(value), local),)
    match = _RESET.match(text)
    if match is not None:
        name = match["name"].strip('"').lower()
        return (SettingChange(name, None),) if name in TRACKED_SETTINGS else ()
    if "set_config" not in text.lower():
        return ()
    changes = []
    for call in _SET_CONFIG.finditer(text):
        name = call["name"].lower()
        if name not in TRACKED_SETTINGS:
            continue
        raw = call["value"] if call["value"] is not None else call["number"]
        local = call["local"].strip().lower() in _TRUE
        changes.append(SettingChange(name, parse_duration_ms(raw) if raw != "" else None, local))
    return tuple(changes)


def _is_begin(stmt: Statement, text: str) -> bool:
    return stmt.kind is StatementKind.BEGIN or bool(_BEGIN.match(text))


def _is_end(stmt: Statement, text: str) -> bool:
    if stmt.kind is StatementKind.ROLLBACK_TO_SAVEPOINT or _SAVEPOINT_ROLLBACK.match(text):
        return False
    if re.search(r"\bAND\s+CHAIN\b", text, re.IGNORECASE) and not re.search(r"\bAND\s+NO\s+CHAIN\b", text, re.IGNORECASE):
        return False
    return stmt.kind in (StatementKind.COMMIT, StatementKind.ROLLBACK) or bool(_END.match(text))


@dataclass(frozen=True, slots=True)
class StatementSession:
    """The session state in force while one statement runs."""

    in_transaction: bool  # for BEGIN: whether a block was already open (nested BEGIN)
    block: int | None  # transaction block id (None: autocommit, its own implicit transaction)
    settings: tuple[tuple[str, int | None], ...]  # effective (name, ms); absent = never set

    def setting_ms(self, name: str) -> int | None:
        for key, value in self.settings:
            if key == name:
                return value
        return None


def session_timeline(statements: Sequence[Statement], assume_in_transaction: bool = False) -> tuple[StatementSession, ...]:
    """The session state at each statement (same order and length as `statements`).

    Args:
        statements: the statements of one migration, in file order.
        assume_in_transaction: the runner wraps the file in a transaction (Alembic,
            Flyway-like runners); an explicit COMMIT in the file still ends it.
    """
    result: list[StatementSession] = []
    session: dict[str, int | None] = {}
    local: dict[str, int | None] = {}
    snapshot: dict[str, int | None] = {}
    in_tx = assume_in_transaction
    block: int | None = 0 if in_tx else None
    next_block = 1
    for stmt in statements:
        text = strip_comments(stmt.sql)
        before = in_tx  # BEGIN itself runs outside the block it opens (as the splitter says)
        if _is_begin(stmt, text) and not in_tx:
            in_tx, block, next_block = True, next_block, next_block + 1
            snapshot = dict(session)
        elif not in_tx and stmt.in_transaction and not _is_end(stmt, text):
            # The splitter knows of a transaction we did not open (e.g. a runner's wrapper).
            in_tx, block, next_block = True, next_block, next_block + 1
            snapshot = dict(session)
        defines_code = stmt.kind in (StatementKind.CREATE_FUNCTION, StatementKind.CREATE_PROCEDURE)
        changes = () if defines_code else setting_changes(stmt.sql)  # a body runs later, not here
        if changes is None:
            session.clear()
            local.clear()
        else:
            for change in changes:
                if change.local:
                    if in_tx:
                        local[change.name] = change.value_ms
                    continue
                session[change.name] = change.value_ms
                local.pop(change.name, None)
        effective = {**session, **local}
        running_in_tx = before if _is_begin(stmt, text) else in_tx
        result.append(StatementSession(running_in_tx, block, tuple(sorted(effective.items()))))
        if _is_end(stmt, text) and in_tx:
            if _ROLLBACK.match(text) or stmt.kind is StatementKind.ROLLBACK:
                session = snapshot
            local = {}
            in_tx, block = False, None
        elif in_tx and _CHAIN.match(text):  # COMMIT/ROLLBACK AND CHAIN: a new block at once
            if re.match(r"(ROLLBACK|ABORT)\b", text, re.IGNORECASE):
                session = snapshot
            local = {}
            snapshot = dict(session)
            block, next_block = next_block, next_block + 1
    return tuple(result)
