"""Run state in the target database's `migrator` schema: runs, phases, steps, backfill cursors.

`state.sql` is the versioned schema (`migrator.schema_version`); `StateStore.ensure_schema()`
creates it once, in one transaction, while the apply advisory lock is held. Every write goes
through `Session.record()`, so a dry run reads the state (when it exists) and writes nothing.
A step's `done` row is written in the same transaction as a transactional step itself, which is
what makes "never applied twice" hold after a crash at any point.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from importlib import resources
from typing import Any

from psycopg import sql

from migrator.errors import ExitCode, StateConflict
from migrator.executor.session import AnySession, truncate
from migrator.planner.model import PhaseName, Plan, Step

SCHEMA = "migrator"
SCHEMA_VERSION = 1
# pg_try_advisory_lock(int4, int4): "migr" and 1. pg_locks shows it as classid/objid, objsubid 2.
APPLY_LOCK_KEY: tuple[int, int] = (0x6D696772, 1)


class ApplyInProgress(StateConflict):
    """Another `migrator apply`/`rollback` holds the advisory lock on this database."""

    exit_code = ExitCode.RETRY_LATER


class StepStatus:
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    SKIPPED = "skipped"
    FAILED = "failed"
    UNDONE = "undone"

    COMPLETE = frozenset({DONE, SKIPPED})


@dataclass(frozen=True, slots=True)
class StepRecord:
    """One row of `migrator.steps`."""

    plan_hash: str
    step_id: str
    position: int
    phase: str
    migration: str
    kind: str
    description: str
    sql: str | None
    transactional: bool
    undo_sql: str | None
    undo_transactional: bool
    irreversible: str | None
    status: str
    attempts: int
    started_at: datetime | None
    finished_at: datetime | None
    error: str | None

    @property
    def complete(self) -> bool:
        return self.status in StepStatus.COMPLETE


@dataclass(frozen=True, slots=True)
class BackfillRecord:
    """One row of `migrator.backfills`: where a batched backfill stands."""

    step_id: str
    table_name: str
    key_columns: tuple[str, ...]
    upper_bound: tuple[str, ...] | None
    cursor: tuple[str, ...] | None
    rows_done: int
    rows_estimate: int | None
    batches: int
    batch_size: int
    done: bool


@dataclass(frozen=True, slots=True)
class RunRecord:
    id: int
    plan_hash: str
    command: str
    phases: tuple[str, ...]
    status: str
    started_at: datetime
    finished_at: datetime | None
    backend_pid: int
    error: str | None


_STEP_COLUMNS = (
    "plan_hash, step_id, position, phase, migration, kind, description, sql, transactional, "
    "undo_sql, undo_transactional, irreversible, status, attempts, started_at, finished_at, error"
)


def _t(name: str) -> sql.Composed:
    return sql.SQL("{}.{}").format(sql.Identifier(SCHEMA), sql.Identifier(name))


class StateStore:
    """Reads and writes the `migrator` schema through one session."""

    def __init__(self, session: AnySession) -> None:
        self.session = session
        self.exists = False

    # -- schema and lock ---------------------------------------------------------------------

    def schema_version(self) -> int | None:
        rows = self.session.read("SELECT to_regclass('migrator.schema_version') IS NOT NULL")
        if not rows or not rows[0][0]:
            return None
        version = self.session.read(sql.SQL("SELECT version FROM {}").format(_t("schema_version")))
        return int(version[0][0]) if version else None

    def ensure_schema(self, create: bool = True) -> None:
        """Create the state schema if missing (and `create`); refuse a schema newer than this migrator."""
        version = self.schema_version()
        if version is not None and version > SCHEMA_VERSION:
            raise StateConflict(
                f"the migrator state schema in this database is version {version}, newer than "
                f"this migrator ({SCHEMA_VERSION}): upgrade migrator"
            )
        if version == SCHEMA_VERSION:
            self.exists = True
            return
        if self.session.dry_run or not create:
            self.exists = False
            return
        text = resources.files("migrator.executor").joinpath("state.sql").read_text()
        from migrator.planner.model import Timeouts

        with self.session.transaction(Timeouts(lock_timeout_ms=5_000, statement_timeout_ms=30_000)):
            self.session.record(text)
        self.exists = True

    def acquire_lock(self, wait_s: float = 0.0, poll_s: float = 0.5) -> None:
        """Take the apply advisory lock; wait up to `wait_s` seconds, then fail clearly."""
        deadline = time.monotonic() + wait_s
        while True:
            if self.session.try_advisory_lock(APPLY_LOCK_KEY):
                return
            if time.monotonic() >= deadline:
                raise ApplyInProgress(
                    "another migrator apply or rollback is running on this database "
                    f"({self.lock_holder()}); wait for it to finish, or pass --wait SECONDS"
                )
            time.sleep(min(poll_s, max(deadline - time.monotonic(), 0.01)))

    def release_lock(self) -> None:
        self.session.advisory_unlock(APPLY_LOCK_KEY)

    def lock_holder(self) -> str:
        rows = self.session.read(
            "SELECT a.pid, coalesce(a.application_name, ''), "
            "extract(epoch FROM clock_timestamp() - a.backend_start)::float8, coalesce(a.client_addr::text, 'local') "
            "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.classid = %s AND l.objid = %s AND l.objsubid = 2 AND l.granted",
            APPLY_LOCK_KEY,
        )
        if not rows:
            return "holder unknown"
        pid, app, age, addr = rows[0]
        return f"held by pid {pid}, application {app or '?'}, from {addr}, connected {float(age):.0f}s ago"

    # -- plans and runs ------------------------------------------------------------------------

    def resumable_plan(self, input_key: str) -> dict[str, Any] | None:
        """The recorded JSON of the newest unfinished plan made from the same inputs (`input_key`:
        the same pending migration files, contents and target version), or None."""
        if not input_key or self.schema_version() is None:
            return None
        from migrator.executor.recorded import INPUT_KEY

        rows = self.session.read(
            sql.SQL("SELECT p.plan FROM {plans} AS p WHERE p.plan ->> %s = %s AND EXISTS (SELECT 1 FROM {steps} "
                    "AS s WHERE s.plan_hash = p.plan_hash AND s.status NOT IN ('done', 'skipped')) "
                    "ORDER BY p.created_at DESC LIMIT 1").format(plans=_t("plans"), steps=_t("steps")),
            (INPUT_KEY, input_key),
        )
        return dict(rows[0][0]) if rows else None

    def register_plan(self, plan: Plan, input_key: str = "") -> None:
        """Record the plan, its phases and steps (once per plan hash), in one transaction.

        A new plan inherits what earlier plans already applied: a pending step with the same
        migration, phase, kind and SQL as a step done by another plan (for a backfill, which has
        no SQL: the same step id and description) is recorded as done, so adding a migration to
        a directory never re-runs the ones before it.
        """
        if not self.exists or self.session.dry_run:
            return
        from migrator.planner.model import Timeouts

        with self.session.transaction(Timeouts(lock_timeout_ms=5_000, statement_timeout_ms=60_000)):
            self._register_plan(plan, input_key)

    def _register_plan(self, plan: Plan, input_key: str = "") -> None:
        from migrator.executor.recorded import INPUT_KEY

        plan_hash = plan.hash
        recorded = plan.to_dict()
        if input_key:
            recorded[INPUT_KEY] = input_key
        inserted = self.session.record(
            sql.SQL("INSERT INTO {} (plan_hash, source, pg_version, plan) VALUES (%s, %s, %s, %s) "
                    "ON CONFLICT (plan_hash) DO NOTHING RETURNING plan_hash").format(_t("plans")),
            (plan_hash, plan.source, plan.pg_version, json.dumps(recorded, sort_keys=True)),
        )
        if not inserted:
            self._continue_backfills(plan)
            return
        for phase in PhaseName:
            self.session.record(
                sql.SQL("INSERT INTO {} (plan_hash, phase) VALUES (%s, %s) ON CONFLICT DO NOTHING")
                .format(_t("phases")),
                (plan_hash, phase.value),
            )
        for position, step in enumerate(plan.steps()):
            self.session.record(
                sql.SQL(
                    "INSERT INTO {} (plan_hash, step_id, position, phase, migration, kind, description, "
                    "sql, transactional, undo_sql, undo_transactional, irreversible) "
                    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING"
                ).format(_t("steps")),
                (plan_hash, step.id, position, step.phase.value, step.migration, step.kind.value,
                 step.description, step.sql, step.transactional,
                 step.undo.sql if step.undo.irreversible is None else None, step.undo.transactional,
                 step.undo.irreversible),
            )
        self.session.record(
            sql.SQL(
                "UPDATE {steps} AS n SET status = o.status, started_at = o.started_at, "
                "finished_at = o.finished_at, error = 'applied by plan ' || left(o.plan_hash, 12) "
                "FROM {steps} AS o WHERE n.plan_hash = %s AND o.plan_hash <> n.plan_hash "
                "AND n.status = 'pending' AND o.status IN ('done', 'skipped') "
                "AND o.migration = n.migration AND o.phase = n.phase AND o.kind = n.kind "
                "AND CASE WHEN n.sql IS NOT NULL THEN o.sql = n.sql "
                "ELSE o.sql IS NULL AND o.step_id = n.step_id AND o.description = n.description END"
            ).format(steps=_t("steps")),
            (plan_hash,),
        )
        self._continue_backfills(plan)

    def _continue_backfills(self, plan: Plan) -> None:
        """Move an interrupted backfill's cursor from an earlier plan to the same step of this one.

        A re-run after an interruption re-plans, and the new plan has a new hash. Its backfill step
        for the same migration file (by file name) with the same backfill (table, key, SET, WHERE,
        UPDATE or DELETE) continues from the recorded cursor, so no row is updated twice. The cursor
        is moved (not copied): only one plan ever owns it. An interrupted backfill that this plan
        does not continue, with rows already done, refuses the run: a different plan could update
        those rows again.

        Raises:
            StateConflict: an earlier plan's backfill of one of this plan's migrations is partly done
                and this plan has no matching step to continue it.
        """
        plan_hash = plan.hash
        new_steps = {s.id: s for s in plan.steps() if s.backfill is not None}
        recorded = self.steps(plan_hash)
        unfinished = self.session.record(
            sql.SQL(
                "SELECT b.plan_hash, b.step_id, o.migration, o.phase, b.rows_done, b.cursor IS NOT NULL"
                " FROM {backfills} AS b JOIN {steps} AS o ON o.plan_hash = b.plan_hash AND o.step_id = b.step_id"
                " WHERE b.plan_hash <> %s AND NOT b.done AND o.status NOT IN ('done', 'skipped', 'undone')"
                " ORDER BY b.updated_at DESC"
            ).format(steps=_t("steps"), backfills=_t("backfills")),
            (plan_hash,),
        )
        names = {_file_name(s.migration) for s in plan.steps()}
        taken: set[str] = set()
        for old_plan, old_step, migration, phase, rows_done, has_cursor in unfinished:
            if _file_name(str(migration)) not in names:
                continue
            old_spec = self._backfill_spec(str(old_plan), str(old_step))
            match = next((s for s in new_steps.values()
                          if s.id not in taken and _file_name(s.migration) == _file_name(str(migration))
                          and s.phase.value == phase and old_spec is not None
                          and _spec_key(asdict(s.backfill)) == _spec_key(old_spec)  # type: ignore[arg-type]
                          and recorded.get(s.id) is not None and recorded[s.id].status == StepStatus.PENDING
                          and self.backfill(plan_hash, s.id) is None), None)
            if match is not None:
                taken.add(match.id)
                self._move_backfill(str(old_plan), str(old_step), plan_hash, match.id)
                continue
            if int(rows_done) > 0 or has_cursor:
                raise StateConflict(
                    f"the backfill {old_step} of {migration} (plan {str(old_plan)[:12]}) was interrupted after "
                    f"{rows_done} row(s), and the new plan for these files does not continue it (the files or "
                    "the database changed): running a different plan could update those rows twice. Restore "
                    "the files as they were and re-run, or roll the interrupted plan back "
                    f"(`migrator rollback --plan {str(old_plan)[:12]}`)"
                )

    def _backfill_spec(self, plan_hash: str, step_id: str) -> dict[str, Any] | None:
        data = self.plan_json(plan_hash)
        for phase in (data or {}).get("phases", []):
            for step in phase.get("steps", []):
                if step.get("id") == step_id:
                    spec = step.get("backfill")
                    return dict(spec) if isinstance(spec, dict) else None
        return None

    def _move_backfill(self, old_plan: str, old_step: str, new_plan: str, new_step: str) -> None:
        self.session.record(
            sql.SQL(
                "INSERT INTO {backfills} (plan_hash, step_id, table_name, key_columns, upper_bound, cursor,"
                " rows_done, rows_estimate, batches, batch_size, done, started_at, updated_at)"
                " SELECT %s, %s, table_name, key_columns, upper_bound, cursor, rows_done, rows_estimate, batches,"
                " batch_size, done, started_at, clock_timestamp() FROM {backfills}"
                " WHERE plan_hash = %s AND step_id = %s"
            ).format(backfills=_t("backfills")),
            (new_plan, new_step, old_plan, old_step),
        )
        self.session.record(
            sql.SQL("DELETE FROM {} WHERE plan_hash = %s AND step_id = %s").format(_t("backfills")),
            (old_plan, old_step),
        )
        self.session.record(
            sql.SQL("UPDATE {} SET status = 'pending', error = %s WHERE plan_hash = %s AND step_id = %s")
            .format(_t("steps")),
            (f"interrupted; continued by plan {new_plan[:12]}", old_plan, old_step),
        )

    def applied_migrations(self) -> frozenset[str]:
        """Migrations some plan applied completely (every step done or skipped, none undone)."""
        if not self.exists:
            return frozenset()
        rows = self.session.read(
            sql.SQL("SELECT DISTINCT migration FROM (SELECT plan_hash, migration FROM {} "
                    "GROUP BY plan_hash, migration HAVING bool_and(status IN ('done', 'skipped'))) AS complete")
            .format(_t("steps"))
        )
        return frozenset(str(r[0]) for r in rows)

    def start_run(self, plan_hash: str, command: str, phases: tuple[str, ...]) -> int | None:
        """Mark runs left `running` by a dead process as interrupted, then open a new run."""
        if not self.exists:
            return None
        self.session.record(
            sql.SQL("UPDATE {} SET status = 'interrupted', finished_at = clock_timestamp(), "
                    "error = coalesce(error, 'the process stopped without recording an end') "
                    "WHERE status = 'running'").format(_t("runs"))
        )
        rows = self.session.record(
            sql.SQL("INSERT INTO {} (plan_hash, command, phases, status) VALUES (%s, %s, %s, 'running') "
                    "RETURNING id").format(_t("runs")),
            (plan_hash, command, list(phases)),
        )
        return int(rows[0][0]) if rows else None

    def finish_run(self, run_id: int | None, status: str, error: str | None = None) -> None:
        if run_id is None or not self.exists:
            return
        self.session.record(
            sql.SQL("UPDATE {} SET status = %s, finished_at = clock_timestamp(), error = %s "
                    "WHERE id = %s").format(_t("runs")),
            (status, None if error is None else truncate(error, 2_000), run_id),
        )

    # -- steps ---------------------------------------------------------------------------------

    def note_interrupted(self, plan_hash: str, note: str) -> None:
        """Record why the steps left `running` stopped (they stay `running`: resumable, and rollback
        still sees a partly applied backfill or non-transactional step)."""
        if not self.exists or not plan_hash:
            return
        self.session.record(
            sql.SQL("UPDATE {} SET error = %s WHERE plan_hash = %s AND status = 'running'").format(_t("steps")),
            (truncate(note, 2_000), plan_hash),
        )

    def steps(self, plan_hash: str) -> dict[str, StepRecord]:
        if not self.exists:
            return {}
        rows = self.session.read(
            sql.SQL("SELECT " + _STEP_COLUMNS + " FROM {} WHERE plan_hash = %s ORDER BY position")
            .format(_t("steps")),
            (plan_hash,),
        )
        return {str(r[1]): StepRecord(*r) for r in rows}

    def mark_step(self, plan_hash: str, step_id: str, status: str, run_id: int | None, *,
                  error: str | None = None, sqlstate: str | None = None, attempts: int = 0) -> None:
        """Set a step's status; `running` stamps `started_at`, complete states `finished_at`."""
        if not self.exists:
            return
        self.session.record(*self.mark_step_query(plan_hash, step_id, status, run_id, error=error,
                                                  sqlstate=sqlstate, attempts=attempts))

    def mark_step_query(self, plan_hash: str, step_id: str, status: str, run_id: int | None, *,
                        error: str | None = None, sqlstate: str | None = None,
                        attempts: int = 0) -> tuple[sql.Composed, tuple[Any, ...]]:
        """The UPDATE that `mark_step` runs, for callers that run it on their own connection."""
        return (
            sql.SQL(
                "UPDATE {} SET status = %s, attempts = attempts + %s, run_id = coalesce(%s, run_id), "
                "error = %s, sqlstate = %s, "
                "started_at = CASE WHEN %s = 'running' THEN clock_timestamp() WHEN %s = 'pending' "
                "  THEN started_at ELSE coalesce(started_at, clock_timestamp()) END, "
                "finished_at = CASE WHEN %s IN ('done', 'skipped', 'undone', 'failed') THEN clock_timestamp() END "
                "WHERE plan_hash = %s AND step_id = %s"
            ).format(_t("steps")),
            (status, attempts, run_id, None if error is None else truncate(error, 2_000), sqlstate,
             status, status, status, plan_hash, step_id),
        )

    def mark_phase(self, plan_hash: str, phase: str, status: str) -> None:
        if not self.exists:
            return
        self.session.record(
            sql.SQL(
                "UPDATE {} SET status = %s, "
                "started_at = CASE WHEN %s = 'running' OR started_at IS NULL THEN clock_timestamp() ELSE started_at END, "
                "finished_at = CASE WHEN %s IN ('done', 'undone', 'failed') THEN clock_timestamp() END "
                "WHERE plan_hash = %s AND phase = %s"
            ).format(_t("phases")),
            (status, status, status, plan_hash, phase),
        )

    def phase_statuses(self, plan_hash: str) -> dict[str, str]:
        if not self.exists:
            return {}
        rows = self.session.read(
            sql.SQL("SELECT phase, status FROM {} WHERE plan_hash = %s").format(_t("phases")), (plan_hash,)
        )
        return {str(r[0]): str(r[1]) for r in rows}

    # -- backfills -------------------------------------------------------------------------------

    def backfill(self, plan_hash: str, step_id: str) -> BackfillRecord | None:
        if not self.exists:
            return None
        rows = self.session.read(
            sql.SQL("SELECT step_id, table_name, key_columns, upper_bound, cursor, rows_done, rows_estimate, "
                    "batches, batch_size, done FROM {} WHERE plan_hash = %s AND step_id = %s")
            .format(_t("backfills")),
            (plan_hash, step_id),
        )
        if not rows:
            return None
        r = rows[0]
        return BackfillRecord(
            str(r[0]), str(r[1]), tuple(r[2]), None if r[3] is None else tuple(r[3]),
            None if r[4] is None else tuple(r[4]), int(r[5]), None if r[6] is None else int(r[6]),
            int(r[7]), int(r[8]), bool(r[9]),
        )

    def start_backfill(self, plan_hash: str, step_id: str, table: str, key: tuple[str, ...],
                       upper_bound: tuple[str, ...] | None, rows_estimate: int | None,
                       batch_size: int) -> None:
        if not self.exists:
            return
        self.session.record(
            sql.SQL("INSERT INTO {} (plan_hash, step_id, table_name, key_columns, upper_bound, rows_estimate, "
                    "batch_size, done) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
                    "ON CONFLICT (plan_hash, step_id) DO NOTHING").format(_t("backfills")),
            (plan_hash, step_id, table, list(key), None if upper_bound is None else list(upper_bound),
             rows_estimate, batch_size, upper_bound is None),
        )

    def save_cursor(self, plan_hash: str, step_id: str, cursor: tuple[str, ...], rows: int,
                    batch_size: int) -> None:
        """Advance the cursor; call inside the batch's transaction."""
        if not self.exists:
            return
        self.session.record(
            sql.SQL("UPDATE {} SET cursor = %s, rows_done = rows_done + %s, batches = batches + 1, "
                    "batch_size = %s, updated_at = clock_timestamp() WHERE plan_hash = %s AND step_id = %s")
            .format(_t("backfills")),
            (list(cursor), rows, batch_size, plan_hash, step_id),
        )

    def finish_backfill(self, plan_hash: str, step_id: str) -> None:
        if not self.exists:
            return
        self.session.record(
            sql.SQL("UPDATE {} SET done = true, updated_at = clock_timestamp() "
                    "WHERE plan_hash = %s AND step_id = %s").format(_t("backfills")),
            (plan_hash, step_id),
        )

    def reset_backfill(self, plan_hash: str, step_id: str) -> None:
        """Forget a backfill's cursor (after its step is undone, a new apply starts over)."""
        if not self.exists:
            return
        self.session.record(
            sql.SQL("DELETE FROM {} WHERE plan_hash = %s AND step_id = %s").format(_t("backfills")),
            (plan_hash, step_id),
        )

    # -- reading for status and rollback ---------------------------------------------------------

    def runs(self, limit: int = 20) -> list[RunRecord]:
        if not self.exists:
            return []
        rows = self.session.read(
            sql.SQL("SELECT id, plan_hash, command, phases, status, started_at, finished_at, backend_pid, error "
                    "FROM {} ORDER BY id DESC LIMIT %s").format(_t("runs")),
            (limit,),
        )
        return [RunRecord(int(r[0]), str(r[1]), str(r[2]), tuple(r[3]), str(r[4]), r[5], r[6], int(r[7]), r[8])
                for r in rows]

    def plans(self) -> list[tuple[str, str, datetime]]:
        """(plan_hash, source, created_at), newest first."""
        if not self.exists:
            return []
        rows = self.session.read(
            sql.SQL("SELECT plan_hash, source, created_at FROM {} ORDER BY created_at DESC, plan_hash")
            .format(_t("plans"))
        )
        return [(str(r[0]), str(r[1]), r[2]) for r in rows]

    def plan_json(self, plan_hash: str) -> dict[str, Any] | None:
        if not self.exists:
            return None
        rows = self.session.read(sql.SQL("SELECT plan FROM {} WHERE plan_hash = %s").format(_t("plans")),
                                 (plan_hash,))
        return dict(rows[0][0]) if rows else None

    def resolve_plan_hash(self, prefix: str | None) -> str | None:
        """The plan of the latest run, or the one plan whose hash starts with `prefix`."""
        if not self.exists:
            return None
        if prefix:
            rows = self.session.read(
                sql.SQL("SELECT plan_hash FROM {} WHERE plan_hash LIKE %s").format(_t("plans")),
                (prefix.lower().replace("%", "").replace("_", "") + "%",),
            )
            if len(rows) > 1:
                raise StateConflict(f"plan hash prefix {prefix!r} is ambiguous; give more characters")
            return str(rows[0][0]) if rows else None
        rows = self.session.read(
            sql.SQL("SELECT plan_hash FROM {} WHERE command = 'apply' ORDER BY id DESC LIMIT 1").format(_t("runs"))
        )
        return str(rows[0][0]) if rows else None


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _spec_key(spec: dict[str, Any]) -> tuple[Any, ...]:
    """What makes two backfills the same work (batch size is only pacing)."""
    return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(spec.items()) if k != "batch_size")


def step_is_irreversible(step: Step) -> bool:
    return step.undo.irreversible is not None
