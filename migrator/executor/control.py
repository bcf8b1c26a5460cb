"""Run control: stop requests (SIGTERM / Ctrl-C), interruptible sleeps and crash checkpoints.

On SIGTERM or SIGINT the handler records the request, wakes any backoff sleep and cancels the
statement running on the dedicated connection; the runner then records the step as resumable
and exits. Checkpoints mark every step boundary: with `MIGRATOR_CRASH_AT=N` the process dies with
`os._exit` at the N-th checkpoint (crash-injection tests), and `MIGRATOR_CHECKPOINT_TRACE=PATH`
appends each checkpoint's label to a file.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

CRASH_AT_ENV = "MIGRATOR_CRASH_AT"
TRACE_ENV = "MIGRATOR_CHECKPOINT_TRACE"
CRASH_EXIT_STATUS = 137


class Interrupted(Exception):
    """A stop was requested (signal); the current unit is recorded as resumable."""


class RunControl:
    """Stop flag, signal handlers and checkpoints of one run."""

    def __init__(self, cancel: Callable[[], None] = lambda: None, crash_at: int | None = None,
                 trace_path: str | None = None) -> None:
        self._cancel = cancel
        self._event = threading.Event()
        self._previous: dict[int, Any] = {}
        self.signal_name: str | None = None
        self.checkpoints = 0
        self.crash_at = crash_at
        self.trace_path = trace_path

    @classmethod
    def from_env(cls, cancel: Callable[[], None] = lambda: None) -> RunControl:
        raw = os.environ.get(CRASH_AT_ENV, "").strip()
        crash_at = int(raw) if raw.isdigit() else None
        return cls(cancel, crash_at, os.environ.get(TRACE_ENV) or None)

    @property
    def stop_requested(self) -> bool:
        return self._event.is_set()

    def request_stop(self, reason: str = "stop requested") -> None:
        self.signal_name = self.signal_name or reason
        self._event.set()
        self._cancel()

    def raise_if_stopped(self) -> None:
        if self._event.is_set():
            raise Interrupted(self.signal_name or "stop requested")

    def sleep(self, seconds: float) -> None:
        """Sleep, waking early (and raising `Interrupted`) when a stop is requested."""
        if seconds > 0:
            self._event.wait(seconds)
        self.raise_if_stopped()

    def checkpoint(self, label: str) -> None:
        """A step boundary: trace it, and crash here if asked to (tests)."""
        self.checkpoints += 1
        if self.trace_path:
            with open(self.trace_path, "a", encoding="utf-8") as trace:
                trace.write(f"{self.checkpoints} {label}\n")
        if self.crash_at is not None and self.checkpoints == self.crash_at:
            os._exit(CRASH_EXIT_STATUS)

    # -- signals -------------------------------------------------------------------------------

    def install_signal_handlers(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for signum in (signal.SIGTERM, signal.SIGINT):
            self._previous[signum] = signal.signal(signum, self._on_signal)

    def restore_signal_handlers(self) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self._event.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt  # second Ctrl-C: stop waiting for a clean exit
        self.request_stop(signal.Signals(signum).name)
