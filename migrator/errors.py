"""User-facing errors (one base class), exit codes and DSN redaction.

A `MigratorError` stops a command; `cli.main` prints it as `path:line:col: message` without a
traceback. Any other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from migrator.sql.source import Span


class ExitCode(IntEnum):
    """Documented process exit codes (README, `migrator --help`)."""

    SUCCESS = 0
    FAILURE = 1  # findings at or above fail_on, or a failed step
    USAGE = 2  # usage, config or input error, failed connection
    RETRY_LATER = 3  # lock contention past the deadline: try again later
    BLOCKED_BY_GATE = 4  # contract refused: expand/backfill not complete or facts do not hold


class MigratorError(Exception):
    """Base of every error a user can cause or act on."""

    exit_code: ExitCode = ExitCode.FAILURE

    def __init__(self, message: str, span: Span | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.span = span

    def render(self) -> str:
        if self.span is None:
            return f"error: {self.message}"
        return f"{self.span.path}:{self.span.line}:{self.span.col}: error: {self.message}"


class InputError(MigratorError):
    """Unreadable file, unknown revision, bad command-line value."""

    exit_code = ExitCode.USAGE


class ConfigError(InputError):
    """A bad configuration value; the message names the key."""

    def __init__(self, key: str, message: str, path: str | None = None) -> None:
        where = f"{path}: " if path else ""
        super().__init__(f"{where}{key}: {message}")
        self.key = key


class ConnectionFailed(MigratorError):
    """The database could not be reached; carries only the redacted DSN."""

    exit_code = ExitCode.USAGE

    def __init__(self, redacted_dsn: str, reason: str) -> None:
        super().__init__(f"cannot connect to {redacted_dsn}: {redact_text(reason)}")
        self.redacted_dsn = redacted_dsn


class PlanError(MigratorError):
    """No safe plan exists; the message gives the reason and the manual alternative."""


class ExecutionError(MigratorError):
    """A step failed; state is recorded and a rollback is available."""

    def __init__(self, message: str, step_id: str | None = None, sqlstate: str | None = None):
        super().__init__(message)
        self.step_id = step_id
        self.sqlstate = sqlstate


class LockNotAcquired(ExecutionError):
    """Retries exhausted while waiting for a lock; blockers are listed in the message."""

    exit_code = ExitCode.RETRY_LATER


class StateConflict(ExecutionError):
    """Another apply holds the lock, or the recorded plan differs."""


class GateBlocked(MigratorError):
    """`contract` refused because expand/backfill are not complete or their facts do not hold."""

    exit_code = ExitCode.BLOCKED_BY_GATE


_URL_PASSWORD = re.compile(r"(?P<head>[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s]*:)(?P<pw>[^@\s]*)(?P<at>@)")
_KV_PASSWORD = re.compile(r"(?P<head>\bpassword\s*=\s*)(?P<pw>'(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)


def redact_dsn(dsn: str) -> str:
    """Return `dsn` with any password replaced by `***` (URL and key=value forms).

    >>> redact_dsn("postgresql://app:s3cret@db:5432/prod")
    'postgresql://app:***@db:5432/prod'
    >>> redact_dsn("host=db password=s3cret dbname=prod")
    'host=db password=*** dbname=prod'
    """
    return redact_text(dsn)


def redact_text(text: str) -> str:
    """Remove passwords from any text that may embed a DSN (error messages, logs)."""
    text = _URL_PASSWORD.sub(lambda m: f"{m['head']}***{m['at']}", text)
    return _KV_PASSWORD.sub(lambda m: f"{m['head']}***", text)


@dataclass(frozen=True, slots=True)
class Problem:
    """A non-fatal input problem that is reported as data (for example an unreadable file in a
    directory scan that should still be reported with its path)."""

    path: str
    message: str
