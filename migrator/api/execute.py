"""Apply, roll back and inspect plans on a database: what `migrator apply/rollback/status` do.

    >>> result = apply_paths(["migrations/"], ApplyOptions(database_url=url))   # doctest: +SKIP

The database URL comes from the flag, else `MIGRATOR_DATABASE_URL`, else the config file's
`database_url`; it reaches output only through `redact_dsn()`. Executor settings come from the
config file (`lock_timeout`, `statement_timeout` at the top level; `[tool.migrator.apply]`
`lock_timeout`, `backfill_target`, `backfill_pause`, `backfill_batch_max`, `wait`), with flags on
top.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from migrator.errors import ConfigError, InputError, redact_dsn
from migrator.executor.backfill import BackfillSettings
from migrator.executor.control import RunControl
from migrator.executor.progress import RunObserver
from migrator.executor.runner import ExecutorSettings, Runner, RunResult
from migrator.executor.session import DryRunSession, Session
from migrator.executor.state import StateStore, StepStatus
from migrator.executor.timeouts import TimeoutSettings
from migrator.planner.model import PhaseName, Plan

PHASE_CHOICES = ("expand", "backfill", "contract", "all")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|min|m|h)?\s*$", re.IGNORECASE)
_UNIT_MS = {"ms": 1.0, "s": 1000.0, "sec": 1000.0, "min": 60_000.0, "m": 60_000.0, "h": 3_600_000.0}


def parse_duration_ms(value: Any, key: str) -> int:
    """`"2s"`, `"200ms"`, `"1min"` or a number of milliseconds, as milliseconds."""
    if isinstance(value, bool):
        raise ConfigError(key, f"expected a duration such as 2s or 500ms, got {value!r}")
    if isinstance(value, (int, float)):
        return int(value)
    match = _DURATION.match(str(value))
    if match is None:
        raise ConfigError(key, f"expected a duration such as 2s or 500ms, got {value!r}")
    return int(float(match.group(1)) * _UNIT_MS[(match.group(2) or "ms").lower()])


def phases_for(choice: str) -> tuple[PhaseName, ...]:
    if choice == "all":
        return (PhaseName.EXPAND, PhaseName.BACKFILL, PhaseName.CONTRACT)
    try:
        return (PhaseName(choice),)
    except ValueError:
        raise InputError(f"--phase {choice!r}: choose one of {', '.join(PHASE_CHOICES)}") from None


def _config(start: str | None = None) -> Any:
    from migrator.config import ConfigResolver

    return ConfigResolver().for_file(start or os.path.join(os.getcwd(), "migration.sql"))


def resolve_database_url(flag: str | None, *, required: bool = True, config: Any = None) -> str | None:
    """The URL from the flag, else `MIGRATOR_DATABASE_URL`, else `[tool.migrator] database_url`."""
    if flag:
        return flag
    env = os.environ.get("MIGRATOR_DATABASE_URL")
    if env:
        return env
    cfg = config if config is not None else _config()
    value = cfg.value("database_url")
    if value:
        return str(value)
    if required:
        raise InputError("no database: pass --database-url URL, set MIGRATOR_DATABASE_URL, or set "
                         "database_url in [tool.migrator]")
    return None


@dataclass(frozen=True, slots=True)
class SettingOverrides:
    """Executor settings given on the command line (None: not given)."""

    lock_timeout_ms: int | None = None
    statement_timeout_ms: int | None = None
    backfill_target_ms: int | None = None
    backfill_pause_ms: int | None = None
    backfill_batch_max: int | None = None
    wait_s: float | None = None


def executor_settings(config: Any = None, flags: SettingOverrides | None = None) -> ExecutorSettings:
    """Defaults, then the config file, then flags."""
    cfg = config if config is not None else _config()
    flags = flags or SettingOverrides()
    section: Mapping[str, Any] = {**cfg.section("executor"), **cfg.section("apply")}
    timeouts = TimeoutSettings()
    backfill = BackfillSettings()
    wait_s = 0.0
    lock = section.get("lock_timeout", cfg.value("lock_timeout"))
    if lock is not None:
        timeouts = replace(timeouts, lock_timeout_ms=parse_duration_ms(lock, "tool.migrator.lock_timeout"),
                           lock_timeout_explicit=True)
    statement = section.get("statement_timeout", cfg.value("statement_timeout"))
    if statement is not None:
        timeouts = replace(timeouts, catalog_change_ms=parse_duration_ms(statement, "tool.migrator.statement_timeout"))
    bf_section = cfg.section("backfill")
    target = section.get("backfill_target", bf_section.get("target"))
    if target is not None:
        backfill = replace(backfill, target_batch_ms=parse_duration_ms(target, "tool.migrator.backfill.target"))
    pause = section.get("backfill_pause", bf_section.get("pause"))
    if pause is not None:
        backfill = replace(backfill, pause_ms=parse_duration_ms(pause, "tool.migrator.backfill.pause"))
    batch_max = section.get("backfill_batch_max", bf_section.get("batch_max"))
    if batch_max is not None:
        if not isinstance(batch_max, int) or batch_max < 1:
            raise ConfigError("tool.migrator.backfill.batch_max", "expected a positive integer")
        backfill = replace(backfill, max_batch=batch_max)
    if "wait" in section:
        wait_s = parse_duration_ms(section["wait"], "tool.migrator.apply.wait") / 1000
    if flags.lock_timeout_ms is not None:
        timeouts = replace(timeouts, lock_timeout_ms=flags.lock_timeout_ms, lock_timeout_explicit=True)
    if flags.statement_timeout_ms is not None:
        timeouts = replace(timeouts, catalog_change_ms=flags.statement_timeout_ms)
    if flags.backfill_target_ms is not None:
        backfill = replace(backfill, target_batch_ms=flags.backfill_target_ms)
    if flags.backfill_pause_ms is not None:
        backfill = replace(backfill, pause_ms=flags.backfill_pause_ms)
    if flags.backfill_batch_max is not None:
        backfill = replace(backfill, max_batch=flags.backfill_batch_max)
    if flags.wait_s is not None:
        wait_s = flags.wait_s
    if timeouts.lock_timeout_ms <= 0:
        raise ConfigError("lock_timeout", "must be greater than 0: migrator never waits for a lock without a limit")
    return ExecutorSettings(timeouts=timeouts, backfill=backfill, lock_wait_s=wait_s)


@dataclass(frozen=True, slots=True)
class ApplyOptions:
    database_url: str | None
    phases: tuple[PhaseName, ...] = (PhaseName.EXPAND, PhaseName.BACKFILL, PhaseName.CONTRACT)
    dry_run: bool = False
    pg_version: int | None = None  # for a dry run without a database
    settings: ExecutorSettings = field(default_factory=ExecutorSettings)
    assume_in_transaction: bool = False


Confirm = Callable[[PhaseName, tuple[str, ...]], bool]


def plan_for(paths: Sequence[str], pg_version: int, *, assume_in_transaction: bool = False,
             session: Session | DryRunSession | None = None, database_url: str | None = None) -> Plan:
    """Read, analyse and plan the migrations (the same plan `migrator plan --database-url` shows).

    With a session, migrations already applied are left out (SQL files by `migrator.steps`,
    Alembic revisions by `alembic_version`): only pending ones are planned. With `database_url`,
    the live catalog is their history (what the applied migrations built) and its table
    estimates decide, as for `migrator plan --database-url`, e.g. that a whole-table UPDATE on a
    large existing table is a batched backfill.
    """
    from migrator.analysis.analyze import analyze
    from migrator.planner.planner import plan
    from migrator.sql.parse import parse_source
    from migrator.sql.source import SourceKind, load_sources

    sources = load_sources(paths)
    if session is not None:
        sources = pending_sql_sources(sources, session)
    if session is not None and any(s.kind is SourceKind.ALEMBIC for s in sources):
        from migrator.alembic.online import current_heads, pending_sources

        sources = pending_sources(sources, current_heads(session))
    if not sources:
        return Plan(source="", pg_version=pg_version, phases=())
    migrations = [parse_source(s, assume_in_transaction=assume_in_transaction) for s in sources]
    history: list[Any] = []
    table_stats = None
    if database_url is not None:
        from migrator.planner.catalog import read_catalog

        catalog = read_catalog(database_url)
        history = [catalog.database_history()]
        table_stats = catalog.table_stats
    analyzed = analyze([*history, *migrations], pg_version=pg_version)[len(history):]
    return plan(analyzed, pg_version, table_stats=table_stats, history=tuple(history))


def pending_sql_sources(sources: Sequence[Any], session: Session | DryRunSession) -> tuple[Any, ...]:
    """Leave out SQL migrations an earlier plan applied completely (recorded in `migrator.steps`).

    Alembic revisions are filtered by `alembic_version` instead.
    """
    from migrator.sql.source import SourceKind

    store = StateStore(session)
    store.exists = store.schema_version() is not None
    applied = store.applied_migrations()
    return tuple(s for s in sources if s.kind is SourceKind.ALEMBIC or s.path not in applied)


def apply_paths(paths: Sequence[str], options: ApplyOptions, observer: RunObserver,
                confirm: Confirm | None = None,
                plan_builder: Callable[[int], Plan] | None = None) -> RunResult:
    """Plan the migrations for the target server's version, then run the chosen phases.

    Alembic projects (`alembic.ini` in the current directory with revisions among `paths`) stamp
    `alembic_version` as each revision's phases complete.
    """
    if options.dry_run and options.database_url is None:
        from migrator.analysis.pg.versions import DEFAULT, Capabilities

        version = options.pg_version or DEFAULT
        dry = DryRunSession(observer.statement, Capabilities.for_version(version))
        plan = plan_builder(version) if plan_builder else plan_for(paths, version)
        return _run_apply(dry, plan, options, observer, confirm, paths)
    assert options.database_url is not None
    session: Session | DryRunSession
    if options.dry_run:
        session = DryRunSession.connect(options.database_url, observer.statement)
    else:
        session = Session.connect(options.database_url)
    try:
        version = session.caps.version
        if plan_builder is not None:
            return _run_apply(session, plan_builder(version), options, observer, confirm, paths)
        plan, input_key = _plan_or_resume(paths, version, options, session, observer)
        return _run_apply(session, plan, options, observer, confirm, paths, input_key)
    finally:
        session.close()


def _plan_or_resume(paths: Sequence[str], version: int, options: ApplyOptions, session: Session | DryRunSession,
                    observer: RunObserver) -> tuple[Plan, str]:
    """The plan to run and the key of its inputs.

    The inputs (pending migration files, their contents, the target version) are identified by
    the hash of their catalog-free plan. When an earlier run of the same inputs left its plan
    unfinished (a phase at a time, an interruption, a failure), THAT plan is resumed: re-planning
    against the catalog its own steps changed would give another plan. Otherwise the pending
    migrations are planned against the live catalog, as `migrator plan --database-url` does.
    """
    from migrator.executor.recorded import plan_from_dict

    inputs = plan_for(paths, version, assume_in_transaction=options.assume_in_transaction, session=session)
    if not inputs.phases:
        return inputs, ""
    input_key = inputs.hash
    recorded = StateStore(session).resumable_plan(input_key)
    if recorded is not None:
        plan = plan_from_dict(recorded)
        observer.message(f"resuming plan {plan.hash[:12]}: an earlier run of the same migrations left it unfinished")
        return plan, input_key
    return plan_for(paths, version, assume_in_transaction=options.assume_in_transaction, session=session,
                    database_url=options.database_url), input_key


def apply_plan(plan: Plan, options: ApplyOptions, observer: RunObserver,
               confirm: Confirm | None = None) -> RunResult:
    """Run an already built plan (library use and tests)."""
    return apply_paths((), options, observer, confirm, plan_builder=lambda _version: plan)


def _run_apply(session: Session | DryRunSession, plan: Plan, options: ApplyOptions, observer: RunObserver,
               confirm: Confirm | None, paths: Sequence[str], input_key: str = "") -> RunResult:
    stamper = None
    try:
        from migrator.alembic.online import alembic_stamper

        stamper = alembic_stamper(session, plan, paths, observer)
    except ImportError:
        stamper = None
    control = RunControl.from_env(session.cancel)
    runner = Runner(session, observer, control, options.settings, confirm, on_migration_complete=stamper)
    return runner.apply(plan, options.phases, input_key)


def rollback(database_url: str, phases: tuple[PhaseName, ...], observer: RunObserver, *,
             plan_hash: str | None = None, dry_run: bool = False,
             settings: ExecutorSettings | None = None) -> RunResult:
    """Undo the applied steps of the latest applied plan (or `plan_hash`), newest first."""
    session: Session | DryRunSession
    session = (DryRunSession.connect(database_url, observer.statement) if dry_run
               else Session.connect(database_url))
    try:
        from migrator.alembic.online import unstamp

        control = RunControl.from_env(session.cancel)
        runner = Runner(session, observer, control, settings,
                        on_rolled_back=lambda migrations: unstamp(session, migrations, observer))
        return runner.rollback(plan_hash, phases)
    finally:
        session.close()


# -- status -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PhaseStatus:
    phase: str
    status: str
    steps_done: int
    steps_total: int


@dataclass(frozen=True, slots=True)
class BackfillStatus:
    step_id: str
    table: str
    rows_done: int
    rows_estimate: int | None
    done: bool
    batch_size: int


@dataclass(frozen=True, slots=True)
class MigrationStatus:
    migration: str
    phases: tuple[PhaseStatus, ...]


@dataclass(frozen=True, slots=True)
class PlanStatus:
    plan_hash: str
    source: str
    created_at: datetime
    migrations: tuple[MigrationStatus, ...]
    running_steps: tuple[str, ...]
    failed_steps: tuple[tuple[str, str], ...]
    backfills: tuple[BackfillStatus, ...]
    # steps left `running` by a run that stopped (signal, kill, lost connection): resumable
    interrupted_steps: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class RunStatus:
    id: int
    plan_hash: str
    command: str
    status: str
    phases: tuple[str, ...]
    started_at: datetime
    finished_at: datetime | None
    error: str | None


@dataclass(frozen=True, slots=True)
class StatusReport:
    database: str  # redacted
    state_schema: bool
    active_run: RunStatus | None
    recent_runs: tuple[RunStatus, ...]
    plans: tuple[PlanStatus, ...]
    lock_holder: str | None = None  # the process holding the apply lock now, if any
    stale_run: bool = False  # a run is recorded as running but no process holds the lock

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        def convert(value: Any) -> Any:
            if isinstance(value, datetime):
                return value.isoformat()
            if isinstance(value, dict):
                return {k: convert(v) for k, v in value.items()}
            if isinstance(value, (list, tuple)):
                return [convert(v) for v in value]
            return value

        return convert(asdict(self))  # type: ignore[no-any-return]


def status(database_url: str, *, limit: int = 10) -> StatusReport:
    """What each recorded plan has done: phases per migration, running steps, backfill progress."""
    session = Session.connect(database_url, read_only=True)
    try:
        store = StateStore(session)
        version = store.schema_version()
        store.exists = version is not None
        runs = [RunStatus(r.id, r.plan_hash, r.command, r.status, r.phases, r.started_at, r.finished_at, r.error)
                for r in store.runs(limit)]
        active = next((r for r in runs if r.status == "running"), None)
        holder = store.lock_holder()
        lock_holder = None if holder == "holder unknown" else holder
        plans = tuple(_plan_status(store, h, source, created, live=lock_holder is not None)
                      for h, source, created in store.plans()[:limit])
        return StatusReport(redact_dsn(database_url), store.exists, active, tuple(runs), plans,
                            lock_holder, stale_run=active is not None and lock_holder is None)
    finally:
        session.close()


def _plan_status(store: StateStore, plan_hash: str, source: str, created: datetime, *,
                 live: bool = True) -> PlanStatus:
    records = list(store.steps(plan_hash).values())
    by_migration: dict[str, dict[str, list[str]]] = {}
    for r in records:
        by_migration.setdefault(r.migration or source, {}).setdefault(r.phase, []).append(r.status)
    migrations = []
    for migration, phases in by_migration.items():
        rows = []
        for phase in ("expand", "backfill", "contract"):
            statuses = phases.get(phase, [])
            if not statuses:
                continue
            done = sum(s in StepStatus.COMPLETE for s in statuses)
            rows.append(PhaseStatus(phase, _phase_summary(statuses), done, len(statuses)))
        migrations.append(MigrationStatus(migration, tuple(rows)))
    backfills = []
    for r in records:
        if r.kind != "backfill":
            continue
        b = store.backfill(plan_hash, r.step_id)
        if b is not None:
            backfills.append(BackfillStatus(r.step_id, b.table_name, b.rows_done, b.rows_estimate, b.done, b.batch_size))
    return PlanStatus(
        plan_hash, source, created, tuple(migrations),
        tuple(r.step_id for r in records if r.status == StepStatus.RUNNING and live),
        tuple((r.step_id, r.error or "") for r in records if r.status == StepStatus.FAILED),
        tuple(backfills),
        tuple((r.step_id, r.error or "the process stopped without recording an end; re-run apply to resume")
              for r in records if r.status == StepStatus.RUNNING and not live),
    )


def _phase_summary(statuses: list[str]) -> str:
    if all(s in StepStatus.COMPLETE for s in statuses):
        return "done"
    if all(s == StepStatus.UNDONE for s in statuses):
        return "undone"
    if any(s == StepStatus.FAILED for s in statuses):
        return "failed"
    if any(s in (StepStatus.RUNNING, *StepStatus.COMPLETE) for s in statuses):
        return "partial"
    return "pending"
