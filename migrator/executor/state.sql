-- migrator run state, schema version 1.
-- Applied by migrator/executor/state.py in one transaction while holding the apply advisory lock.
-- The invariants are constraints, so a bug in the executor fails loudly instead of corrupting state.

CREATE SCHEMA IF NOT EXISTS migrator;

CREATE TABLE migrator.schema_version (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version integer NOT NULL CHECK (version > 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every plan ever applied, with its full JSON so `rollback` and `status` need no source files.
CREATE TABLE migrator.plans (
    plan_hash text PRIMARY KEY CHECK (plan_hash ~ '^[0-9a-f]{64}$'),
    source text NOT NULL,
    pg_version integer NOT NULL,
    plan jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE migrator.runs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_hash text NOT NULL REFERENCES migrator.plans,
    command text NOT NULL CHECK (command IN ('apply', 'rollback')),
    phases text[] NOT NULL,
    status text NOT NULL CHECK (status IN ('running', 'done', 'failed', 'interrupted')),
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    backend_pid integer NOT NULL DEFAULT pg_backend_pid(),
    error text,
    CHECK ((status = 'running') = (finished_at IS NULL)),
    CHECK (finished_at IS NULL OR finished_at >= started_at)
);
-- Only one run can be active at a time (pgroll's init.sql does the same).
CREATE UNIQUE INDEX runs_one_active ON migrator.runs ((true)) WHERE status = 'running';

CREATE TABLE migrator.phases (
    plan_hash text NOT NULL REFERENCES migrator.plans,
    phase text NOT NULL CHECK (phase IN ('expand', 'backfill', 'contract')),
    status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'running', 'done', 'failed', 'undone')),
    started_at timestamptz,
    finished_at timestamptz,
    PRIMARY KEY (plan_hash, phase),
    CHECK (status = 'pending' OR started_at IS NOT NULL),
    CHECK (status NOT IN ('done', 'undone') OR finished_at IS NOT NULL)
);

CREATE TABLE migrator.steps (
    plan_hash text NOT NULL,
    step_id text NOT NULL,
    position integer NOT NULL CHECK (position >= 0),
    phase text NOT NULL,
    migration text NOT NULL,
    kind text NOT NULL,
    description text NOT NULL,
    sql text,
    transactional boolean NOT NULL,
    undo_sql text,
    undo_transactional boolean NOT NULL DEFAULT true,
    irreversible text,
    status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'running', 'done', 'skipped', 'failed', 'undone')),
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    started_at timestamptz,
    finished_at timestamptz,
    error text,
    sqlstate text,
    run_id bigint REFERENCES migrator.runs,
    PRIMARY KEY (plan_hash, step_id),
    UNIQUE (plan_hash, position),
    FOREIGN KEY (plan_hash, phase) REFERENCES migrator.phases,
    CHECK (status = 'pending' OR started_at IS NOT NULL OR status = 'skipped'),
    CHECK (status NOT IN ('done', 'skipped', 'undone') OR finished_at IS NOT NULL),
    CHECK (undo_sql IS NULL OR irreversible IS NULL)
);

-- One row per backfill step: the keyset cursor, saved in the same transaction as each batch.
CREATE TABLE migrator.backfills (
    plan_hash text NOT NULL,
    step_id text NOT NULL,
    table_name text NOT NULL,
    key_columns text[] NOT NULL CHECK (cardinality(key_columns) > 0),
    upper_bound text[],
    cursor text[],
    rows_done bigint NOT NULL DEFAULT 0 CHECK (rows_done >= 0),
    rows_estimate bigint,
    batches bigint NOT NULL DEFAULT 0 CHECK (batches >= 0),
    batch_size integer NOT NULL CHECK (batch_size > 0),
    done boolean NOT NULL DEFAULT false,
    started_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_hash, step_id),
    FOREIGN KEY (plan_hash, step_id) REFERENCES migrator.steps ON DELETE CASCADE,
    CHECK (upper_bound IS NULL OR cardinality(upper_bound) = cardinality(key_columns)),
    CHECK (cursor IS NULL OR cardinality(cursor) = cardinality(key_columns)),
    -- an empty table (no upper bound) has nothing to do and no cursor
    CHECK (upper_bound IS NOT NULL OR (cursor IS NULL AND done))
);

INSERT INTO migrator.schema_version (version) VALUES (1);
