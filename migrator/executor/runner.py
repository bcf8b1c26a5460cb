"""Run a `Plan` on a live database, phase by phase, step by step, safely and resumably.

`apply()` and `rollback()` are the executor's entry points (`migrator.api.execute` calls them).
The rules, each enforced here:

- one dedicated session, holding the apply advisory lock for the whole run;
- a transactional step (or group of steps sharing `Step.group`) runs in one transaction with
  `SET LOCAL` timeouts, and its `done` row is written in that same transaction; on a lock timeout
  (55P03; 40P01 by policy) the whole transaction is retried with backoff and jitter, bounded by
  attempts and a deadline, and never after its commit;
- a non-transactional step runs in autocommit after a catalog check, and leftovers of an earlier
  failed concurrent build are dropped first;
- a statement the catalog shows would do nothing is skipped (it would still take its lock);
- backfills run in batches (`backfill.py`);
- `contract` runs only through the gate (`gates.py`);
- a phase that cannot be undone is announced before it runs and needs confirmation;
- every step boundary is a checkpoint (`control.py`), so crash tests can stop the process there.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from migrator.analysis.facts import Risk
from migrator.errors import ExecutionError, ExitCode, GateBlocked, LockNotAcquired, MigratorError
from migrator.executor import backfill as bf
from migrator.executor import idempotence
from migrator.executor.control import Interrupted, RunControl
from migrator.executor.gates import contract_gate_problems
from migrator.executor.progress import BackfillProgress, RunObserver, describe_blockers
from migrator.executor.retry import RetryClock, is_retriable
from migrator.executor.session import AnySession, StatementFailed
from migrator.executor.state import StateStore, StepRecord, StepStatus
from migrator.executor.timeouts import TimeoutSettings, effective_timeouts, merge_group_timeouts
from migrator.planner.model import (
    Phase,
    PhaseName,
    Plan,
    RetryPolicy,
    Step,
    StepKind,
    Timeouts,
    Undo,
)

PHASE_ORDER: tuple[PhaseName, ...] = (PhaseName.EXPAND, PhaseName.BACKFILL, PhaseName.CONTRACT)


class StepFailed(ExecutionError):
    """A step failed for a reason a retry cannot fix; state recorded, rollback available."""


class RunInterrupted(ExecutionError):
    """SIGTERM / Ctrl-C: the running statement was cancelled and the step left resumable."""

    exit_code = ExitCode.RETRY_LATER


class ConfirmationDeclined(MigratorError):
    """The user did not confirm an irreversible phase."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True, slots=True)
class ExecutorSettings:
    """Executor defaults (timeouts, batches, waiting for another run)."""

    timeouts: TimeoutSettings = field(default_factory=TimeoutSettings)
    backfill: bf.BackfillSettings = field(default_factory=bf.BackfillSettings)
    lock_wait_s: float = 0.0
    retry: RetryPolicy | None = None  # replaces every step's policy when set


@dataclass(frozen=True, slots=True)
class StepOutcome:
    step_id: str
    phase: str
    status: str  # done | skipped | undone
    elapsed_s: float
    attempts: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class RunResult:
    """What a run did: the plan, the phases it ran, each step's outcome."""

    plan_hash: str
    command: str
    phases: tuple[str, ...]
    outcomes: tuple[StepOutcome, ...]
    dry_run: bool
    messages: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Unit:
    steps: tuple[Step, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.steps)

    @property
    def transactional(self) -> bool:
        return self.steps[0].transactional and self.steps[0].backfill is None


def units(steps: Sequence[Step]) -> tuple[_Unit, ...]:
    """Consecutive transactional steps sharing a `group` form one unit; every other step is alone."""
    out: list[list[Step]] = []
    for step in steps:
        grouped = step.group is not None and step.transactional and step.backfill is None
        if grouped and out and out[-1][-1].group == step.group and out[-1][-1].backfill is None \
                and out[-1][-1].transactional:
            out[-1].append(step)
        else:
            out.append([step])
    return tuple(_Unit(tuple(u)) for u in out)


def _merge_policies(policies: Sequence[RetryPolicy]) -> RetryPolicy:
    return RetryPolicy(
        max_attempts=min(p.max_attempts for p in policies),
        base_delay_ms=max(p.base_delay_ms for p in policies),
        max_delay_ms=max(p.max_delay_ms for p in policies),
        deadline_s=min(p.deadline_s for p in policies),
        retry_deadlock=all(p.retry_deadlock for p in policies),
    )


class Runner:
    """Runs one plan (or rolls one back) on one session."""

    def __init__(self, session: AnySession, observer: RunObserver, control: RunControl,
                 settings: ExecutorSettings | None = None,
                 confirm: Callable[[PhaseName, tuple[str, ...]], bool] | None = None,
                 on_migration_complete: Callable[[str], None] | None = None,
                 on_rolled_back: Callable[[tuple[str, ...]], None] | None = None) -> None:
        self.session = session
        self.observer = observer
        self.control = control
        self.settings = settings or ExecutorSettings()
        self.confirm = confirm
        self.on_migration_complete = on_migration_complete
        self.on_rolled_back = on_rolled_back  # migrations of a plan after steps of it were undone
        self.state = StateStore(session)
        self.statuses: dict[str, str] = {}
        self.outcomes: list[StepOutcome] = []
        self.run_id: int | None = None
        self.plan_hash = ""
        self._locked = False

    # -- apply -------------------------------------------------------------------------------

    def apply(self, plan: Plan, phases: Sequence[PhaseName], input_key: str = "") -> RunResult:
        """Run the chosen phases of `plan` (in expand, backfill, contract order).

        `input_key` identifies the inputs the plan was made from (recorded with it, so a later run
        of the same inputs resumes this plan instead of re-planning against a changed catalog).
        """
        self.plan_hash = plan.hash
        selected = tuple(p for p in PHASE_ORDER if p in phases)
        try:
            self._begin("apply", selected)
            self.state.register_plan(plan, input_key)
            self.statuses = {k: r.status for k, r in self.state.steps(self.plan_hash).items()}
            self.run_id = self.state.start_run(self.plan_hash, "apply", tuple(p.value for p in selected))
            self._confirm_irreversible(plan, selected)
            for phase in self._ordered(plan):
                if phase.name in selected:
                    self._run_phase(plan, phase, ran_earlier=selected)
            self._notify_complete_migrations(plan)
            self.state.finish_run(self.run_id, "done")
        except BaseException as exc:  # noqa: BLE001 - recorded, then re-raised (translated)
            self._end_failed(exc)
            raise self._translate(exc) from None
        finally:
            self._end()
        return RunResult(self.plan_hash, "apply", tuple(p.value for p in selected), tuple(self.outcomes),
                         self.session.dry_run)

    def _begin(self, command: str, phases: tuple[PhaseName, ...]) -> None:
        self.session.check_not_transaction_pooled()
        self.state.acquire_lock(self.settings.lock_wait_s)
        self._locked = True
        self.control.install_signal_handlers()
        self.state.ensure_schema(create=command == "apply")
        self.session.set_session_defaults(
            [("idle_in_transaction_session_timeout", self.settings.timeouts.idle_in_transaction_session_timeout_ms)]
        )

    def _translate(self, exc: BaseException) -> BaseException:
        """Interrupts and unexpected database errors become `MigratorError`s (no traceback)."""
        if isinstance(exc, (Interrupted, KeyboardInterrupt)) or (
                isinstance(exc, StatementFailed) and self.control.stop_requested):
            return RunInterrupted(
                f"interrupted by {self.control.signal_name or 'a stop request'}; every step is either done or "
                "left resumable: re-run the same command to continue")
        if isinstance(exc, StatementFailed):
            return ExecutionError(f"database error: {exc.message} (SQLSTATE {exc.sqlstate})",
                                  sqlstate=exc.sqlstate)
        return exc

    def _end_failed(self, exc: BaseException) -> None:
        status = "interrupted" if isinstance(exc, (Interrupted, RunInterrupted, KeyboardInterrupt)) else "failed"
        try:
            if status == "interrupted" or (isinstance(exc, StatementFailed) and self.control.stop_requested):
                status = "interrupted"
                reason = self.control.signal_name or "a stop request"
                self.state.note_interrupted(
                    self.plan_hash, f"interrupted by {reason}; resumable: re-run the same command to continue")
            self.state.finish_run(self.run_id, status, str(self._translate(exc)))
        except (StatementFailed, MigratorError):
            pass

    def _end(self) -> None:
        self.control.restore_signal_handlers()
        if not self._locked:
            return
        self._locked = False
        try:
            self.state.release_lock()
        except StatementFailed:
            pass

    @staticmethod
    def _ordered(plan: Plan) -> list[Phase]:
        return sorted(plan.phases, key=lambda p: PHASE_ORDER.index(p.name))

    def _run_phase(self, plan: Plan, phase: Phase, ran_earlier: tuple[PhaseName, ...]) -> None:
        if phase.name is PhaseName.CONTRACT:
            self._check_gate(plan)
        pending = [s for s in phase.steps if self.statuses.get(s.id) not in StepStatus.COMPLETE]
        if not pending:
            self.observer.message(f"phase {phase.name.value}: already done")
            return
        self.observer.phase_started(phase.name, len(pending))
        self.state.mark_phase(self.plan_hash, phase.name.value, "running")
        for unit in units(pending):
            try:
                self._run_unit(unit)
            except (StepFailed, LockNotAcquired):
                with contextlib.suppress(StatementFailed):  # the connection may be gone
                    self.state.mark_phase(self.plan_hash, phase.name.value, "failed")
                raise
        self.state.mark_phase(self.plan_hash, phase.name.value, "done")

    def _confirm_irreversible(self, plan: Plan, selected: tuple[PhaseName, ...]) -> None:
        """Before anything runs: name every phase that cannot be undone, and ask to go on."""
        for phase in self._ordered(plan):
            if phase.name not in selected:
                continue
            irreversible = tuple(f"{s.id} ({s.description}): {s.undo.irreversible}" for s in phase.steps
                                 if s.undo.irreversible is not None
                                 and self.statuses.get(s.id) not in StepStatus.COMPLETE)
            if not irreversible:
                continue
            self.observer.phase_irreversible(phase.name, irreversible)
            if not self.session.dry_run and self.confirm is not None and not self.confirm(phase.name, irreversible):
                raise ConfirmationDeclined(
                    f"phase {phase.name.value} cannot be undone and was not confirmed; nothing was "
                    "run (pass --yes to confirm non-interactively)")

    def _check_gate(self, plan: Plan) -> None:
        problems = contract_gate_problems(plan, self.session, self.statuses)
        if not problems:
            return
        if self.session.dry_run:
            self.observer.message("-- contract gate (a real run checks it after the earlier phases): "
                                  + "; ".join(problems))
            return
        raise GateBlocked(
            "contract refused for plan " + self.plan_hash[:12] + ": " + "; ".join(problems)
            + ". Run `migrator apply --phase expand`/`--phase backfill` to completion first "
            "(`migrator status` shows what is left)"
        )

    def _notify_complete_migrations(self, plan: Plan) -> None:
        if self.on_migration_complete is None:
            return
        if self.session.dry_run:
            return
        if not all(self.statuses.get(s.id) in StepStatus.COMPLETE for s in plan.steps()):
            return  # stamp only when the whole plan is done (see migrator/alembic/online.py)
        for migration in dict.fromkeys(s.migration for s in plan.steps()):
            self.on_migration_complete(migration)

    # -- units --------------------------------------------------------------------------------

    def _policy(self, steps: Sequence[Step]) -> RetryPolicy:
        if self.settings.retry is not None:
            return self.settings.retry
        return _merge_policies([s.retry for s in steps])

    def _timeouts(self, step: Step) -> Timeouts:
        return effective_timeouts(step, self.settings.timeouts, self.session.caps)

    def _run_unit(self, unit: _Unit) -> None:
        if _is_online_revision(unit.steps[0]):
            self._run_online(unit.steps[0])
        elif unit.steps[0].backfill is not None:
            self._run_backfill(unit.steps[0])
        elif unit.transactional:
            self._run_transactional(unit)
        else:
            self._run_autocommit(unit.steps[0])

    def _outcome(self, step: Step, status: str, started: float, attempts: int, note: str = "") -> None:
        self.statuses[step.id] = status
        self.outcomes.append(StepOutcome(step.id, step.phase.value, status, time.monotonic() - started,
                                         attempts, note))

    def _run_transactional(self, unit: _Unit) -> None:
        timeouts = merge_group_timeouts([self._timeouts(s) for s in unit.steps])
        policy = self._policy(unit.steps)
        clock = RetryClock.start(policy)
        for step in unit.steps:
            self.observer.step_started(step, timeouts)
        while True:
            self.control.raise_if_stopped()
            self.control.checkpoint(f"before {'+'.join(unit.ids)}")
            started = time.monotonic()
            results: list[tuple[Step, str, str]] = []
            try:
                with self.session.transaction(timeouts):
                    for step in unit.steps:
                        reason = idempotence.already_done(self.session, step)
                        if reason is not None:
                            self.state.mark_step(self.plan_hash, step.id, StepStatus.SKIPPED, self.run_id,
                                                 error=reason, attempts=clock.attempts + 1)
                            results.append((step, StepStatus.SKIPPED, reason))
                            continue
                        assert step.sql is not None, f"step {step.id} has no SQL"
                        self.session.run(step.sql, watch_lock_ms=timeouts.lock_timeout_ms)
                        self.state.mark_step(self.plan_hash, step.id, StepStatus.DONE, self.run_id,
                                             attempts=clock.attempts + 1)
                        results.append((step, StepStatus.DONE, ""))
            except StatementFailed as exc:
                clock.record_attempt()
                self._after_failure(unit.steps, exc, clock, policy)
                continue
            for step, status, reason in results:
                if status == StepStatus.SKIPPED:
                    self.observer.step_skipped(step, reason)
                else:
                    self.observer.step_done(step, time.monotonic() - started)
                self._outcome(step, status, started, clock.attempts + 1, reason)
            self.control.checkpoint(f"after {'+'.join(unit.ids)}")
            return

    def _after_failure(self, steps: Sequence[Step], exc: StatementFailed, clock: RetryClock,
                       policy: RetryPolicy) -> None:
        """Decide after a failed attempt: return to retry (after the backoff), or raise."""
        ids = tuple(s.id for s in steps)
        if self.control.stop_requested:
            for step in steps:
                self._record(self.plan_hash, step.id, StepStatus.PENDING, self.run_id,
                                     error=f"interrupted ({self.control.signal_name}); re-run to resume",
                                     attempts=1)
            raise RunInterrupted(
                f"interrupted by {self.control.signal_name} during {', '.join(ids)}: the running statement "
                "was cancelled and nothing of it was kept; re-run `migrator apply` to resume",
                step_id=ids[0], sqlstate=exc.sqlstate)
        if is_retriable(exc.sqlstate, policy):
            delay = clock.next_delay()
            if delay is not None:
                self.observer.retrying(ids, clock.attempts, policy.max_attempts, delay,
                                       _first_line(exc.message), exc.blockers)
                self.control.sleep(delay)
                return
            message = (f"{', '.join(ids)}: could not get its lock after {clock.attempts} attempt(s) "
                       f"within {policy.deadline_s:.0f}s ({_first_line(exc.message)}); "
                       f"{describe_blockers(exc.blockers)}. Nothing was changed by this step; "
                       "re-run `migrator apply` later")
            for step in steps:
                self._record(self.plan_hash, step.id, StepStatus.FAILED, self.run_id,
                                     error=message, sqlstate=exc.sqlstate, attempts=clock.attempts)
            raise LockNotAcquired(message, step_id=ids[0], sqlstate=exc.sqlstate)
        message = (f"step {', '.join(ids)} failed: {exc.message} (SQLSTATE {exc.sqlstate}). The state is "
                   "recorded: fix the cause and re-run `migrator apply` to continue, or run "
                   "`migrator rollback` to undo the steps already applied")
        for step in steps:
            self._record(self.plan_hash, step.id, StepStatus.FAILED, self.run_id,
                                 error=exc.message, sqlstate=exc.sqlstate, attempts=clock.attempts)
        raise StepFailed(message, step_id=ids[0], sqlstate=exc.sqlstate)

    def _record(self, plan_hash: str, step_id: str, status: str, run_id: int | None, **kwargs: Any) -> None:
        """Record a failure; if the connection itself is gone (transaction_timeout, server restart),
        the step stays as it was recorded (resumable) and the original error is what the user sees."""
        try:
            self.state.mark_step(plan_hash, step_id, status, run_id, **kwargs)
        except StatementFailed as exc:
            self.observer.message(f"{step_id}: could not record {status} ({_first_line(exc.message)})")

    def _run_autocommit(self, step: Step) -> None:
        timeouts = self._timeouts(step)
        policy = self._policy([step])
        clock = RetryClock.start(policy)
        self.observer.step_started(step, timeouts)
        while True:
            self.control.raise_if_stopped()
            self.control.checkpoint(f"before {step.id}")
            started = time.monotonic()
            reason = idempotence.already_done(self.session, step)
            if reason is not None:
                self.state.mark_step(self.plan_hash, step.id, StepStatus.SKIPPED, self.run_id,
                                     error=reason, attempts=0)
                self.observer.step_skipped(step, reason)
                self._outcome(step, StepStatus.SKIPPED, started, clock.attempts, reason)
                self.control.checkpoint(f"after {step.id}")
                return
            try:
                self._clean_leftovers(step, timeouts)
                self.state.mark_step(self.plan_hash, step.id, StepStatus.RUNNING, self.run_id)
                self.control.checkpoint(f"running {step.id}")
                assert step.sql is not None, f"step {step.id} has no SQL"
                with self.session.session_timeouts(timeouts):
                    self.session.run(step.sql, watch_lock_ms=timeouts.lock_timeout_ms)
            except StatementFailed as exc:
                clock.record_attempt()
                if not self.control.stop_requested:
                    self._clean_leftovers_quietly(step, timeouts)
                self._after_failure([step], exc, clock, policy)
                continue
            self.control.checkpoint(f"executed {step.id}")
            self.state.mark_step(self.plan_hash, step.id, StepStatus.DONE, self.run_id, attempts=clock.attempts + 1)
            self.observer.step_done(step, time.monotonic() - started)
            self._outcome(step, StepStatus.DONE, started, clock.attempts + 1)
            self.control.checkpoint(f"after {step.id}")
            return

    def _clean_leftovers(self, step: Step, timeouts: Timeouts) -> None:
        for leftover in idempotence.leftovers(self.session, step):
            self.observer.message(f"{step.id}: dropping INVALID index {leftover.schema}.{leftover.name} "
                                  "left by an earlier failed or interrupted build")
            with self.session.session_timeouts(replace(timeouts, statement_timeout_ms=0)):
                self.session.run_query(idempotence.drop_index_concurrently(leftover),
                                       watch_lock_ms=timeouts.lock_timeout_ms)

    def _clean_leftovers_quietly(self, step: Step, timeouts: Timeouts) -> None:
        try:
            self._clean_leftovers(step, timeouts)
        except StatementFailed as exc:
            self.observer.message(f"{step.id}: could not drop the INVALID index yet ({_first_line(exc.message)}); "
                                  "the next run drops it before building again")

    def _run_online(self, step: Step) -> None:
        """An Alembic revision that could not be rendered: its `upgrade()` runs online."""
        from migrator.alembic.online import run_revision_online

        timeouts = self._timeouts(replace(step, lock=None))
        policy = self._policy([step])
        clock = RetryClock.start(policy)
        self.observer.step_started(replace(step, description=f"{step.migration}: upgrade() online via Alembic "
                                                             "(not renderable offline; risk unknown)"), timeouts)
        while True:
            self.control.raise_if_stopped()
            self.control.checkpoint(f"before {step.id}")
            started = time.monotonic()
            if self.session.dry_run:
                self.observer.statement(f"-- run {step.migration} upgrade() online through Alembic "
                                        f"(lock_timeout={timeouts.lock_timeout_ms}ms, "
                                        f"statement_timeout={timeouts.statement_timeout_ms}ms)")
                self._outcome(step, StepStatus.DONE, started, 1)
                return
            query = self.state.mark_step_query(self.plan_hash, step.id, StepStatus.DONE, self.run_id,
                                               attempts=clock.attempts + 1)

            def record_done(conn: Any, q: tuple[Any, ...] = query) -> None:
                if self.state.exists:
                    conn.execute(*q)

            try:
                run_revision_online(step.migration, self.session.dsn, timeouts, record_done)
            except StatementFailed as exc:
                clock.record_attempt()
                self._after_failure([step], exc, clock, policy)
                continue
            self.observer.step_done(step, time.monotonic() - started)
            self._outcome(step, StepStatus.DONE, started, clock.attempts + 1)
            self.control.checkpoint(f"after {step.id}")
            return

    # -- backfill -----------------------------------------------------------------------------

    def _run_backfill(self, step: Step) -> None:
        spec = step.backfill
        assert spec is not None
        table = bf.parse_table(spec.table)
        timeouts = self._timeouts(step)
        policy = self._policy([step])
        settings = self.settings.backfill
        self.observer.step_started(step, timeouts)
        self.control.raise_if_stopped()
        self.control.checkpoint(f"before {step.id}")
        started = time.monotonic()
        record = self.state.backfill(self.plan_hash, step.id)
        if self.session.dry_run and record is None and not bf.table_exists(self.session, table):
            # Created by an earlier step of this plan, which a dry run did not run.
            self.observer.message(f"-- would backfill {table} in batches (the table does not exist yet: an "
                                  "earlier step of this plan creates it; its key is resolved when it runs)")
            self._finish_backfill(step, started, 0, note="would run")
            return
        if record is None:
            key = bf.resolve_key(self.session, table, spec.key)
            bound_rows = self.session.read(bf.upper_bound_query(table, key))
            upper = tuple(str(v) for v in bound_rows[0]) if bound_rows else None
            estimate = bf.rows_estimate(self.session, table)
            size = max(settings.min_batch, min(settings.max_batch, spec.batch_size))
            with self._state_transaction(timeouts):
                self.state.start_backfill(self.plan_hash, step.id, str(table), tuple(k.name for k in key),
                                          upper, estimate, size)
                self.state.mark_step(self.plan_hash, step.id, StepStatus.RUNNING, self.run_id)
                if upper is None and not self.session.dry_run:
                    self.state.mark_step(self.plan_hash, step.id, StepStatus.DONE, self.run_id)
            self.control.checkpoint(f"started {step.id}")
            cursor: tuple[str, ...] | None = None
            rows_done = 0
        else:
            key = bf.resolve_key(self.session, table, record.key_columns)
            upper, cursor, size, estimate, rows_done = (record.upper_bound, record.cursor, record.batch_size,
                                                        record.rows_estimate, record.rows_done)
            if record.done:
                upper = None
        if upper is None and self.session.dry_run:
            upper = tuple(f"<largest {k.name} at start>" for k in key)
        elif upper is None:
            self._finish_backfill(step, started, rows_done, note="table empty or already done")
            return
        meter = bf.RateMeter(time.monotonic())
        clock = RetryClock.start(policy)
        try:
            while True:
                self.control.raise_if_stopped()
                params = [*(cursor or ()), *upper, size]
                query = bf.batch_query(table, key, spec, has_cursor=cursor is not None)
                batch_started = time.monotonic()
                finished = False
                try:
                    with self.session.transaction(timeouts):
                        rows = self.session.run_query(query, params, watch_lock_ms=timeouts.lock_timeout_ms)
                        if not rows:
                            self.state.finish_backfill(self.plan_hash, step.id)
                            self.state.mark_step(self.plan_hash, step.id, StepStatus.DONE, self.run_id,
                                                 attempts=1)
                            finished = True
                        else:
                            visited = int(rows[0][1])
                            new_cursor = tuple(str(v) for v in rows[0][2:])
                            elapsed_ms = (time.monotonic() - batch_started) * 1000
                            next_size = bf.next_batch_size(size, elapsed_ms, settings)
                            self.state.save_cursor(self.plan_hash, step.id, new_cursor, visited, next_size)
                except StatementFailed as exc:
                    clock.record_attempt()
                    self._after_failure([step], exc, clock, policy)
                    continue
                clock = RetryClock.start(policy)
                if finished or self.session.dry_run:
                    break
                cursor, size = new_cursor, next_size
                rows_done += visited
                meter.add(visited)
                remaining = None if estimate is None else max(estimate - rows_done, 0)
                self.observer.backfill_progress(BackfillProgress(
                    step.id, str(table), rows_done, estimate, meter.rate(), meter.eta(remaining), size, elapsed_ms))
                self.control.checkpoint(f"batch {step.id}")
                if settings.pause_ms > 0:
                    self.control.sleep(settings.pause_ms / 1000)
        finally:
            self.observer.backfill_finished(step)
        self._finish_backfill(step, started, rows_done)

    @contextmanager
    def _state_transaction(self, timeouts: Timeouts) -> Iterator[None]:
        """A transaction that only writes state (nothing to show in a dry run)."""
        if self.session.dry_run:
            yield
            return
        with self.session.transaction(timeouts):
            yield

    def _finish_backfill(self, step: Step, started: float, rows_done: int, note: str = "") -> None:
        self.statuses[step.id] = StepStatus.DONE
        self.observer.step_done(step, time.monotonic() - started)
        self._outcome(step, StepStatus.DONE, started, 1, note or f"{rows_done} rows")
        self.control.checkpoint(f"after {step.id}")

    # -- rollback -----------------------------------------------------------------------------

    def rollback(self, plan_hash: str | None, phases: Sequence[PhaseName]) -> RunResult:
        """Run the undo steps of what was applied, newest first.

        Raises:
            ExecutionError: no applied plan, or an applied step that cannot be undone.
        """
        selected = tuple(p for p in PHASE_ORDER if p in phases)
        try:
            self._begin("rollback", selected)
            resolved = self.state.resolve_plan_hash(plan_hash)
            if resolved is None:
                raise ExecutionError("nothing to roll back: no applied plan recorded in this database"
                                     + (f" matches {plan_hash!r}" if plan_hash else ""))
            self.plan_hash = resolved
            records = list(self.state.steps(resolved).values())
            applied = [r for r in records if _applied(r)]
            later_applied = [r for r in applied if PhaseName(r.phase) not in selected
                             and PHASE_ORDER.index(PhaseName(r.phase)) > min(PHASE_ORDER.index(p) for p in selected)]
            if later_applied:
                raise ExecutionError(
                    "roll back the later phases first: " + ", ".join(sorted({r.phase for r in later_applied}))
                    + " still applied (use --phase all, or --phase for them first)")
            to_undo = [r for r in reversed(applied) if PhaseName(r.phase) in selected]
            irreversible = [r for r in to_undo if r.irreversible]
            if irreversible:
                raise ExecutionError(
                    "cannot roll back: these applied steps cannot be undone: "
                    + "; ".join(f"{r.step_id} ({r.description}): {r.irreversible}" for r in irreversible))
            self.run_id = self.state.start_run(resolved, "rollback", tuple(p.value for p in selected))
            for record in to_undo:
                self._undo(record)
            for record in records:  # a partly walked backfill must start over after a rollback
                if record.kind == StepKind.BACKFILL.value and PhaseName(record.phase) in selected \
                        and not _applied(record):
                    self.state.reset_backfill(record.plan_hash, record.step_id)
            for phase in selected:
                self.state.mark_phase(resolved, phase.value, "undone")
            if to_undo and self.on_rolled_back is not None and not self.session.dry_run:
                self.on_rolled_back(tuple(dict.fromkeys(r.migration for r in records)))
            self.state.finish_run(self.run_id, "done")
        except BaseException as exc:  # noqa: BLE001 - recorded, then re-raised (translated)
            self._end_failed(exc)
            raise self._translate(exc) from None
        finally:
            self._end()
        return RunResult(self.plan_hash, "rollback", tuple(p.value for p in selected), tuple(self.outcomes),
                         self.session.dry_run)

    def _undo(self, record: StepRecord) -> None:
        step = _step_from_record(record)
        undo_sql = (record.undo_sql or "").strip()
        transactional = record.undo_transactional
        probe = replace(step, sql=undo_sql or None, transactional=transactional,
                        lock=None if transactional else step.lock,
                        kind=StepKind.DDL if transactional else StepKind.CLEANUP)
        timeouts = effective_timeouts(probe, self.settings.timeouts, self.session.caps)
        policy = self.settings.retry or RetryPolicy()
        clock = RetryClock.start(policy)
        self.observer.step_started(replace(step, description=f"undo: {step.description}"), timeouts)
        while True:
            self.control.raise_if_stopped()
            self.control.checkpoint(f"undo {step.id}")
            started = time.monotonic()
            try:
                if not undo_sql:
                    with self.session.transaction(timeouts):
                        self._after_undo(record)
                elif transactional:
                    with self.session.transaction(timeouts):
                        self.session.run(undo_sql, watch_lock_ms=timeouts.lock_timeout_ms)
                        self._after_undo(record)
                else:
                    with self.session.session_timeouts(timeouts):
                        self.session.run(undo_sql, watch_lock_ms=timeouts.lock_timeout_ms)
                    self._after_undo(record)
            except StatementFailed as exc:
                clock.record_attempt()
                self._after_failure([step], exc, clock, policy)
                continue
            self.observer.step_done(step, time.monotonic() - started)
            self._outcome(step, StepStatus.UNDONE, started, clock.attempts + 1)
            return

    def _after_undo(self, record: StepRecord) -> None:
        if record.kind == StepKind.BACKFILL.value:
            self.state.reset_backfill(record.plan_hash, record.step_id)
        self.state.mark_step(record.plan_hash, record.step_id, StepStatus.UNDONE, self.run_id)


def _applied(record: StepRecord) -> bool:
    """Applied, at least partly: done, or a non-transactional/backfill step left running."""
    if record.status == StepStatus.DONE:
        return True
    return record.status == StepStatus.RUNNING and (not record.transactional or record.kind == StepKind.BACKFILL.value)


def _step_from_record(record: StepRecord) -> Step:
    return Step(
        id=record.step_id, phase=PhaseName(record.phase), kind=StepKind(record.kind),
        description=record.description, sql=record.sql, transactional=record.transactional, lock=None,
        risk=Risk.UNKNOWN, timeouts=Timeouts(0, 0), retry=RetryPolicy(),
        undo=Undo(sql=record.undo_sql, transactional=record.undo_transactional, irreversible=record.irreversible),
        migration=record.migration,
    )


def _is_online_revision(step: Step) -> bool:
    from migrator.alembic.render import NOT_RENDERABLE_MARKER

    text = step.sql or ""
    return text.lstrip().startswith(NOT_RENDERABLE_MARKER) and step.migration.endswith(".py")


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text
