"""What a run reports while it works: the `RunObserver` protocol and its renderers.

The runner calls the observer (pgroll's `CallbackFn(done, total)`, widened to steps, retries and
statements). `LogObserver` writes to `logging`; `ConsoleObserver` writes to a rich console: a
live progress bar (rows, rate, ETA) on a terminal and plain progress lines in a CI log. Nothing
here decides anything; every message is built from values the runner passes in.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Protocol

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from migrator.errors import redact_text
from migrator.executor.session import Blocker
from migrator.planner.model import PhaseName, Step, Timeouts

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BackfillProgress:
    step_id: str
    table: str
    rows_done: int
    rows_total: int | None
    rows_per_s: float
    eta_s: float | None
    batch_size: int
    batch_ms: float


class RunObserver(Protocol):
    def phase_started(self, phase: PhaseName, steps: int) -> None: ...
    def phase_irreversible(self, phase: PhaseName, reasons: tuple[str, ...]) -> None: ...
    def step_started(self, step: Step, timeouts: Timeouts) -> None: ...
    def step_skipped(self, step: Step, reason: str) -> None: ...
    def step_done(self, step: Step, elapsed_s: float) -> None: ...
    def retrying(self, step_ids: tuple[str, ...], attempt: int, max_attempts: int, delay_s: float,
                 error: str, blockers: tuple[Blocker, ...]) -> None: ...
    def backfill_progress(self, progress: BackfillProgress) -> None: ...
    def backfill_finished(self, step: Step) -> None: ...
    def message(self, text: str) -> None: ...
    def statement(self, text: str) -> None: ...


def describe_blockers(blockers: tuple[Blocker, ...]) -> str:
    if not blockers:
        return "blocked by: unknown (the blocking session ended before it could be sampled)"
    return "blocked by: " + "; ".join(b.describe() for b in blockers)


def retry_message(step_ids: tuple[str, ...], attempt: int, max_attempts: int, delay_s: float,
                  error: str, blockers: tuple[Blocker, ...]) -> str:
    what = step_ids[0] if len(step_ids) == 1 else f"group {', '.join(step_ids)}"
    return (f"{what}: {error} (attempt {attempt}/{max_attempts}); retrying in {delay_s:.2f}s; "
            f"{describe_blockers(blockers)}")


class LogObserver:
    """Reports through `logging` (library use, tests)."""

    def __init__(self) -> None:
        self.statements: list[str] = []
        self.messages: list[str] = []

    def phase_started(self, phase: PhaseName, steps: int) -> None:
        log.info("phase %s: %d steps", phase.value, steps)

    def phase_irreversible(self, phase: PhaseName, reasons: tuple[str, ...]) -> None:
        self.messages.append(f"phase {phase.value} cannot be undone: " + "; ".join(reasons))

    def step_started(self, step: Step, timeouts: Timeouts) -> None:
        log.info("step %s: %s", step.id, step.description)

    def step_skipped(self, step: Step, reason: str) -> None:
        self.messages.append(f"{step.id}: skipped: {reason}")

    def step_done(self, step: Step, elapsed_s: float) -> None:
        log.info("step %s done in %.3fs", step.id, elapsed_s)

    def retrying(self, step_ids: tuple[str, ...], attempt: int, max_attempts: int, delay_s: float,
                 error: str, blockers: tuple[Blocker, ...]) -> None:
        text = retry_message(step_ids, attempt, max_attempts, delay_s, error, blockers)
        self.messages.append(text)
        log.warning("%s", text)

    def backfill_progress(self, progress: BackfillProgress) -> None:
        log.debug("backfill %s: %d rows", progress.step_id, progress.rows_done)

    def backfill_finished(self, step: Step) -> None:
        log.info("backfill %s finished", step.id)

    def message(self, text: str) -> None:
        self.messages.append(redact_text(text))
        log.info("%s", redact_text(text))

    def statement(self, text: str) -> None:
        self.statements.append(text)


def _fmt_timeouts(t: Timeouts) -> str:
    parts = [f"lock_timeout={t.lock_timeout_ms}ms", f"statement_timeout={t.statement_timeout_ms}ms"]
    if t.transaction_timeout_ms is not None:
        parts.append(f"transaction_timeout={t.transaction_timeout_ms}ms")
    return ", ".join(parts)


class ConsoleObserver:
    """Reports to a rich console: a live bar on a terminal, plain lines otherwise (CI logs)."""

    def __init__(self, console: Console, *, plain_interval_s: float = 3.0, verbose: bool = True,
                 dry_run: bool = False) -> None:
        self.console = console
        self.dry_run = dry_run  # nothing runs: say "would run", not "done in"
        self.live = console.is_terminal and not console.is_dumb_terminal
        self.plain_interval_s = plain_interval_s
        self.verbose = verbose
        self._bar: Progress | None = None
        self._task: int | None = None
        self._last_line = 0.0

    def _print(self, text: str, style: str | None = None) -> None:
        self.console.print(redact_text(text), style=style, markup=False, highlight=False, soft_wrap=True)

    def phase_started(self, phase: PhaseName, steps: int) -> None:
        self._print(f"== phase {phase.value}: {steps} step{'s' if steps != 1 else ''}", style="bold")

    def phase_irreversible(self, phase: PhaseName, reasons: tuple[str, ...]) -> None:
        self._print(f"phase {phase.value} cannot be undone by `migrator rollback`:", style="bold yellow")
        for reason in reasons:
            self._print(f"  - {reason}", style="yellow")

    def step_started(self, step: Step, timeouts: Timeouts) -> None:
        if self.verbose:
            mode = "transaction" if step.transactional else "autocommit"
            self._print(f"-> {step.id}: {step.description} [{mode}; {_fmt_timeouts(timeouts)}]")

    def step_skipped(self, step: Step, reason: str) -> None:
        if self.dry_run:
            self._print(f"   {step.id}: would be skipped as the database is now ({reason}; the earlier "
                        "steps of this plan, not run by a dry run, may change that)", style="dim")
            return
        self._print(f"   {step.id}: skipped ({reason})", style="dim")

    def step_done(self, step: Step, elapsed_s: float) -> None:
        if self.verbose and self.dry_run:
            self._print(f"   {step.id}: would run")
        elif self.verbose:
            self._print(f"   {step.id}: done in {elapsed_s:.3f}s", style="green")

    def retrying(self, step_ids: tuple[str, ...], attempt: int, max_attempts: int, delay_s: float,
                 error: str, blockers: tuple[Blocker, ...]) -> None:
        self._print("   " + retry_message(step_ids, attempt, max_attempts, delay_s, error, blockers),
                    style="yellow")

    def backfill_progress(self, progress: BackfillProgress) -> None:
        if self.live:
            self._live_progress(progress)
            return
        now = time.monotonic()
        if now - self._last_line < self.plain_interval_s:
            return
        self._last_line = now
        total = f"/~{progress.rows_total}" if progress.rows_total else ""
        eta = f", eta {progress.eta_s:.0f}s" if progress.eta_s is not None else ", eta unknown"
        self._print(f"   backfill {progress.table}: {progress.rows_done}{total} rows, "
                    f"{progress.rows_per_s:.0f} rows/s{eta}, batch {progress.batch_size}")

    def _live_progress(self, progress: BackfillProgress) -> None:
        if self._bar is None:
            self._bar = Progress(
                TextColumn("   backfill {task.fields[table]}"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:.0f} rows/s"), TimeRemainingColumn(),
                console=self.console, transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task("backfill", total=progress.rows_total, table=progress.table,
                                            rate=0.0)
        assert self._task is not None
        total = progress.rows_total if progress.rows_total and progress.rows_total >= progress.rows_done else None
        self._bar.update(self._task, completed=progress.rows_done, total=total, rate=progress.rows_per_s)  # type: ignore[arg-type]

    def backfill_finished(self, step: Step) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
            self._task = None
        self._last_line = 0.0

    def message(self, text: str) -> None:
        self._print(text)

    def statement(self, text: str) -> None:
        self.console.print(redact_text(text), markup=False, highlight=False, soft_wrap=True)
