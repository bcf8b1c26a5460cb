"""Writes tests/corpus/*.sql and their *.expected files.

Each template below is written in one style real projects produce, together with what the
statement is (kind and actions, in PostgreSQL reference words), as read by the author from the SQL.
The expectations never come from migrator's parser; test_corpus.py also checks every statement
against PostgreSQL's own grammar (pglast). Run: python tests/corpus/generate_corpus.py
"""

import hashlib
import os
import random

random.seed(7)
OUT = os.path.dirname(os.path.abspath(__file__))
os.makedirs(OUT, exist_ok=True)


class F:
    def __init__(self, name):
        self.name = name
        self.parts = []
        self.exp = []

    def c(self, text):  # comment lines
        self.parts.append(text)

    def s(self, sql, kind, *actions, skipped=False):
        self.parts.append(sql.rstrip() + ";")
        if not skipped:  # statements in a down section are not run by `up`: no expectation
            self.exp.append(kind + (" | " + ", ".join(actions) if actions else ""))

    def write(self):
        with open(os.path.join(OUT, self.name + ".sql"), "w") as fh:
            fh.write("\n".join(self.parts) + "\n")
        with open(os.path.join(OUT, self.name + ".expected"), "w") as fh:
            fh.write(
                f"# {self.name}.sql: one line per statement: KIND | ACTION, ACTION (written from the SQL)\n"
            )
            fh.write("\n".join(self.exp) + "\n")


def rev(i):
    return hashlib.sha1(str(i).encode()).hexdigest()[:12]


ENT = [
    "user",
    "account",
    "organization",
    "project",
    "task",
    "comment",
    "invoice",
    "payment",
    "subscription",
    "plan",
    "product",
    "order",
    "order_item",
    "customer",
    "address",
    "shipment",
    "warehouse",
    "inventory",
    "supplier",
    "category",
    "tag",
    "article",
    "author",
    "session",
    "token",
    "notification",
    "webhook",
    "event",
    "audit_log",
    "team",
    "membership",
    "invitation",
    "file",
    "folder",
    "report",
    "dashboard",
    "metric",
    "alert",
    "incident",
    "release",
]
COLS = [
    ("name", "VARCHAR(255)", "character varying(255)", "String"),
    ("status", "VARCHAR(32)", "character varying(32)", "String"),
    ("description", "TEXT", "text", "String"),
    ("amount", "NUMERIC(12, 2)", "numeric(12, 2)", "Decimal(65,30)"),
    ("is_active", "BOOLEAN", "boolean", "Boolean"),
    ("created_at", "TIMESTAMP WITHOUT TIME ZONE", "timestamp with time zone", "TIMESTAMP(3)"),
    ("priority", "INTEGER", "integer", "INTEGER"),
    ("external_id", "VARCHAR(64)", "character varying(64)", "TEXT"),
    ("email", "VARCHAR(320)", "character varying(254)", "TEXT"),
    ("score", "DOUBLE PRECISION", "double precision", "DOUBLE PRECISION"),
]

# ---------------------------------------------------------------- Alembic offline
prev = None
for n in range(8):
    f = F(f"alembic_{n + 1:02d}_offline")
    f.s("BEGIN", "BEGIN")
    if n == 0:
        f.c("")
        f.s(
            "CREATE TABLE alembic_version (\n    version_num VARCHAR(32) NOT NULL, \n    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n)",
            "CREATE TABLE",
        )
    for k in range(5):
        e = ENT[(n * 5 + k) % len(ENT)]
        r = rev(n * 10 + k)
        f.c(f"\n-- Running upgrade {prev or ''} -> {r}\n")
        if n == 0 or k == 0:
            f.s(
                f"CREATE TABLE {e}s (\n    id SERIAL NOT NULL, \n    name VARCHAR(100) NOT NULL, \n    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL, \n    owner_id INTEGER, \n    PRIMARY KEY (id), \n    FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE, \n    UNIQUE (name)\n)",
                "CREATE TABLE",
            )
            f.s(f"CREATE INDEX ix_{e}s_owner_id ON {e}s (owner_id)", "CREATE INDEX")
        col = COLS[(n + k) % len(COLS)]
        f.s(f"ALTER TABLE {e}s ADD COLUMN {col[0]} {col[1]}", "ALTER TABLE", "ADD COLUMN")
        f.s(f"ALTER TABLE {e}s RENAME {col[0]} TO {col[0]}_old", "ALTER TABLE", "RENAME COLUMN")
        f.s(
            f"ALTER TABLE {e}s ALTER COLUMN name TYPE VARCHAR(200)",
            "ALTER TABLE",
            "ALTER COLUMN TYPE",
        )
        f.s(f"ALTER TABLE {e}s ALTER COLUMN owner_id SET NOT NULL", "ALTER TABLE", "SET NOT NULL")
        f.s(
            f"ALTER TABLE {e}s ALTER COLUMN created_at DROP NOT NULL",
            "ALTER TABLE",
            "DROP NOT NULL",
        )
        f.s(
            f"ALTER TABLE {e}s ADD CONSTRAINT fk_{e}s_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id)",
            "ALTER TABLE",
            "ADD CONSTRAINT",
        )
        f.s(
            f"ALTER TABLE {e}s DROP CONSTRAINT {e}s_owner_id_fkey", "ALTER TABLE", "DROP CONSTRAINT"
        )
        f.s(f"CREATE UNIQUE INDEX uq_{e}s_external ON {e}s (lower(name), owner_id)", "CREATE INDEX")
        f.s(f"ALTER TABLE {e}s ALTER COLUMN priority SET DEFAULT '0'", "ALTER TABLE", "SET DEFAULT")
        f.s(f"COMMENT ON COLUMN {e}s.name IS 'Display name of the {e}'", "COMMENT")
        if k % 2:
            f.s(f"DROP INDEX ix_{e}s_legacy", "DROP INDEX")
            f.s(f"ALTER TABLE {e}s DROP COLUMN legacy_flag", "ALTER TABLE", "DROP COLUMN")
        if k == 4:
            f.s(f"ALTER TABLE {e}s RENAME TO {e}_records", "ALTER TABLE", "RENAME TO")
        if n == 0 and k == 0:
            f.s(
                f"INSERT INTO alembic_version (version_num) VALUES ('{r}') RETURNING alembic_version.version_num",
                "INSERT",
            )
        else:
            f.s(
                f"UPDATE alembic_version SET version_num='{r}' WHERE alembic_version.version_num = '{prev}'",
                "UPDATE",
            )
        prev = r
    f.c("")
    f.s("COMMIT", "COMMIT")
    f.write()

# ---------------------------------------------------------------- Django sqlmigrate
for n in range(8):
    app = ["shop", "blog", "crm", "billing", "accounts", "inventory", "support", "analytics"][n]
    f = F(f"django_{n + 1:02d}_{app}_sqlmigrate")
    f.s("BEGIN", "BEGIN")
    for k in range(6):
        model = ENT[(n * 3 + k) % len(ENT)].replace("_", "")
        t = f'"{app}_{model}"'
        f.c(f"--\n-- Create model {model.title()}\n--")
        f.s(
            f'CREATE TABLE {t} ("id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY, "title" varchar(200) NOT NULL, "created" timestamp with time zone NOT NULL, "owner_id" bigint NOT NULL)',
            "CREATE TABLE",
        )
        f.c(f"--\n-- Add field rank to {model}\n--")
        f.s(
            f'ALTER TABLE {t} ADD COLUMN "rank" integer DEFAULT 0 NOT NULL CHECK ("rank" >= 0)',
            "ALTER TABLE",
            "ADD COLUMN",
        )
        f.s(f'ALTER TABLE {t} ALTER COLUMN "rank" DROP DEFAULT', "ALTER TABLE", "DROP DEFAULT")
        f.c(f"--\n-- Alter field title on {model}\n--")
        f.s(
            f'ALTER TABLE {t} ALTER COLUMN "title" TYPE varchar(300)',
            "ALTER TABLE",
            "ALTER COLUMN TYPE",
        )
        f.s(
            f'ALTER TABLE {t} ADD CONSTRAINT "{app}_{model}_owner_id_{rev(k)[:8]}_fk_auth_user_id" FOREIGN KEY ("owner_id") REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED',
            "ALTER TABLE",
            "ADD CONSTRAINT",
        )
        f.s(
            f'CREATE INDEX "{app}_{model}_owner_id_{rev(k + 50)[:8]}" ON {t} ("owner_id")',
            "CREATE INDEX",
        )
        f.s(
            f'CREATE INDEX "{app}_{model}_title_{rev(k + 9)[:8]}_like" ON {t} ("title" varchar_pattern_ops)',
            "CREATE INDEX",
        )
        f.c(f"--\n-- Rename field created on {model} to created_at\n--")
        f.s(
            f'ALTER TABLE {t} RENAME COLUMN "created" TO "created_at"',
            "ALTER TABLE",
            "RENAME COLUMN",
        )
        f.c(f"--\n-- Alter field owner on {model}\n--")
        f.s(f'SET CONSTRAINTS "{app}_{model}_owner_id_fk" IMMEDIATE', "SET")
        f.s(
            f'ALTER TABLE {t} DROP CONSTRAINT "{app}_{model}_owner_id_fk"',
            "ALTER TABLE",
            "DROP CONSTRAINT",
        )
        f.s(
            f'ALTER TABLE {t} ALTER COLUMN "owner_id" DROP NOT NULL', "ALTER TABLE", "DROP NOT NULL"
        )
        f.c("--\n-- Add unique constraint\n--")
        f.s(
            f'ALTER TABLE {t} ADD CONSTRAINT "{app}_{model}_title_owner_uniq" UNIQUE ("title", "owner_id")',
            "ALTER TABLE",
            "ADD CONSTRAINT",
        )
        if k % 3 == 2:
            f.c(f"--\n-- Remove field legacy from {model}\n--")
            f.s(f'ALTER TABLE {t} DROP COLUMN "legacy" CASCADE', "ALTER TABLE", "DROP COLUMN")
            f.c(f"--\n-- Rename model {model} to {model}archive\n--")
            f.s(f'ALTER TABLE {t} RENAME TO "{app}_{model}archive"', "ALTER TABLE", "RENAME TO")
            f.s(
                f'ALTER INDEX "{app}_{model}_owner_id_{rev(k + 50)[:8]}" RENAME TO "{app}_{model}archive_owner_id"',
                "ALTER INDEX",
                "RENAME TO",
            )
    f.s("COMMIT", "COMMIT")
    f.write()

# ---------------------------------------------------------------- Rails structure.sql
for n in range(3):
    f = F(f"rails_{n + 1:02d}_structure")
    for setting, value in [
        ("statement_timeout", "0"),
        ("lock_timeout", "0"),
        ("idle_in_transaction_session_timeout", "0"),
        ("client_encoding", "'UTF8'"),
        ("standard_conforming_strings", "on"),
        ("check_function_bodies", "false"),
        ("xmloption", "content"),
        ("client_min_messages", "warning"),
        ("row_security", "off"),
    ]:
        f.s(f"SET {setting} = {value}", "SET")
    f.s("SELECT pg_catalog.set_config('search_path', '', false)", "SELECT")
    f.s("SET default_tablespace = ''", "SET")
    f.s("SET default_table_access_method = heap", "SET")
    if n == 0:
        f.s("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public", "CREATE EXTENSION")
        f.s(
            "COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams'",
            "COMMENT",
        )
    for k in range(10):
        e = ENT[(n * 10 + k) % len(ENT)] + "s"
        f.c(f"\n--\n-- Name: {e}; Type: TABLE; Schema: public; Owner: -\n--\n")
        f.s(
            f"CREATE TABLE public.{e} (\n    id bigint NOT NULL,\n    name character varying NOT NULL,\n    metadata jsonb DEFAULT '{{}}'::jsonb NOT NULL,\n    created_at timestamp(6) without time zone NOT NULL,\n    updated_at timestamp(6) without time zone NOT NULL\n)",
            "CREATE TABLE",
        )
        f.s(
            f"CREATE SEQUENCE public.{e}_id_seq\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1",
            "CREATE SEQUENCE",
        )
        f.s(
            f"ALTER SEQUENCE public.{e}_id_seq OWNED BY public.{e}.id", "ALTER SEQUENCE", "OWNED BY"
        )
        f.s(
            f"ALTER TABLE ONLY public.{e} ALTER COLUMN id SET DEFAULT nextval('public.{e}_id_seq'::regclass)",
            "ALTER TABLE",
            "SET DEFAULT",
        )
        f.s(
            f"ALTER TABLE ONLY public.{e}\n    ADD CONSTRAINT {e}_pkey PRIMARY KEY (id)",
            "ALTER TABLE",
            "ADD CONSTRAINT",
        )
        f.s(
            f"CREATE INDEX index_{e}_on_created_at ON public.{e} USING btree (created_at)",
            "CREATE INDEX",
        )
        f.s(
            f"CREATE UNIQUE INDEX index_{e}_on_name ON public.{e} USING btree (name)",
            "CREATE INDEX",
        )
        if k % 2:
            f.s(
                f"CREATE INDEX index_{e}_on_name_trgm ON public.{e} USING gin (name public.gin_trgm_ops)",
                "CREATE INDEX",
            )
            f.s(
                f"ALTER TABLE ONLY public.{e}\n    ADD CONSTRAINT fk_rails_{rev(k)[:10]} FOREIGN KEY (id) REFERENCES public.accounts(id)",
                "ALTER TABLE",
                "ADD CONSTRAINT",
            )
    f.s(
        "CREATE TABLE public.schema_migrations (\n    version character varying NOT NULL\n)",
        "CREATE TABLE",
    )
    f.s(
        "ALTER TABLE ONLY public.schema_migrations\n    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version)",
        "ALTER TABLE",
        "ADD CONSTRAINT",
    )
    f.s('SET search_path TO "$user", public', "SET")
    f.s(
        "INSERT INTO \"schema_migrations\" (version) VALUES\n('20240101000000'),\n('20240102000000'),\n('20240103000000')",
        "INSERT",
    )
    f.write()

# ---------------------------------------------------------------- Flyway
for n in range(5):
    f = F(f"flyway_V{n + 1}__{['init', 'add_orders', 'payments', 'reporting', 'cleanup'][n]}")
    f.c(f"-- Flyway migration V{n + 1}")
    for k in range(7):
        e = ENT[(n * 7 + k) % len(ENT)] + "s"
        f.s(
            f"CREATE TABLE IF NOT EXISTS {e} (\n  id BIGSERIAL PRIMARY KEY,\n  code VARCHAR(50) NOT NULL UNIQUE,\n  amount NUMERIC(12,2) NOT NULL DEFAULT 0,\n  created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP\n)",
            "CREATE TABLE",
        )
        f.s(
            f"CREATE INDEX IF NOT EXISTS idx_{e}_created_at ON {e}(created_at DESC)", "CREATE INDEX"
        )
        f.s(f"ALTER TABLE {e} ADD COLUMN IF NOT EXISTS note TEXT", "ALTER TABLE", "ADD COLUMN")
        f.s(
            f"ALTER TABLE {e} ADD CONSTRAINT chk_{e}_amount CHECK (amount >= 0) NOT VALID",
            "ALTER TABLE",
            "ADD CONSTRAINT",
        )
        f.s(
            f"ALTER TABLE {e} VALIDATE CONSTRAINT chk_{e}_amount",
            "ALTER TABLE",
            "VALIDATE CONSTRAINT",
        )
        f.s(
            f"UPDATE {e} SET note = 'migrated' WHERE note IS NULL AND created_at < '2024-01-01'",
            "UPDATE",
        )
        f.s(
            f"ALTER TABLE {e} ALTER COLUMN note SET NOT NULL, ALTER COLUMN note SET DEFAULT ''",
            "ALTER TABLE",
            "SET NOT NULL",
            "SET DEFAULT",
        )
        if n == 4:
            f.s(f"DROP TABLE IF EXISTS {e}_backup CASCADE", "DROP TABLE")
            f.s(f"DELETE FROM {e} WHERE created_at < now() - interval '2 years'", "DELETE")
    f.write()

# ---------------------------------------------------------------- golang-migrate up/down
for n in range(4):
    e = ENT[(n * 4 + 3) % len(ENT)]
    up = F(f"golang_migrate_{n + 1:06d}_{e}s.up")
    up.s("BEGIN", "BEGIN")
    up.s(
        f"CREATE TABLE IF NOT EXISTS {e}s(\n   id serial PRIMARY KEY,\n   username VARCHAR (50) UNIQUE NOT NULL,\n   password VARCHAR (50) NOT NULL,\n   email VARCHAR (300) UNIQUE NOT NULL\n)",
        "CREATE TABLE",
    )
    for k in range(8):
        col = COLS[k % len(COLS)]
        up.s(f"ALTER TABLE {e}s ADD COLUMN {col[0]}_{k} {col[2]}", "ALTER TABLE", "ADD COLUMN")
        up.s(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {e}s_{col[0]}_{k}_idx ON {e}s ({col[0]}_{k})",
            "CREATE INDEX",
        )
    up.s(f"ALTER TABLE {e}s ALTER COLUMN email TYPE text", "ALTER TABLE", "ALTER COLUMN TYPE")
    up.s(f"ALTER TABLE {e}s ALTER COLUMN id TYPE bigint", "ALTER TABLE", "ALTER COLUMN TYPE")
    up.s("COMMIT", "COMMIT")
    up.write()
    down = F(f"golang_migrate_{n + 1:06d}_{e}s.down")
    for k in range(8):
        col = COLS[k % len(COLS)]
        down.s(f"DROP INDEX CONCURRENTLY IF EXISTS {e}s_{col[0]}_{k}_idx", "DROP INDEX")
        down.s(f"ALTER TABLE {e}s DROP COLUMN IF EXISTS {col[0]}_{k}", "ALTER TABLE", "DROP COLUMN")
    down.s(f"DROP TABLE IF EXISTS {e}s", "DROP TABLE")
    down.write()

# ---------------------------------------------------------------- dbmate
for n in range(3):
    f = F(f"dbmate_2024010{n + 1}120000_{['create_events', 'tenancy', 'search'][n]}")
    f.c("-- migrate:up")
    for k in range(8):
        e = ENT[(n * 8 + k) % len(ENT)]
        f.s(
            f"create table {e}_events (\n  id uuid primary key default gen_random_uuid(),\n  {e}_id bigint not null references {e}s (id) on delete cascade,\n  payload jsonb not null,\n  occurred_at timestamptz not null default now()\n)",
            "CREATE TABLE",
        )
        f.s(f"create index {e}_events_{e}_id_idx on {e}_events ({e}_id)", "CREATE INDEX")
        f.s(
            f"create index {e}_events_payload_idx on {e}_events using gin (payload jsonb_path_ops)",
            "CREATE INDEX",
        )
        f.s(f"alter table {e}_events add column tenant_id bigint", "ALTER TABLE", "ADD COLUMN")
        f.s(
            f"alter table {e}_events alter column tenant_id set not null",
            "ALTER TABLE",
            "SET NOT NULL",
        )
    f.c("\n-- migrate:down")
    for k in range(8):
        e = ENT[(n * 8 + k) % len(ENT)]
        f.s(f"drop table if exists {e}_events", "DROP TABLE", skipped=True)
    f.write()

# ---------------------------------------------------------------- Prisma
for n in range(5):
    f = F(
        f"prisma_2024{n + 1:02d}15093000_{['init', 'add_profile', 'relations', 'enums', 'indexes'][n]}_migration"
    )
    if n in (0, 3):
        f.c("-- CreateEnum")
        f.s(f"CREATE TYPE \"Role{n}\" AS ENUM ('USER', 'ADMIN', 'OWNER')", "CREATE TYPE")
    for k in range(6):
        m = ENT[(n * 6 + k) % len(ENT)].title().replace("_", "")
        f.c("\n-- CreateTable")
        f.s(
            f'CREATE TABLE "{m}" (\n    "id" SERIAL NOT NULL,\n    "email" TEXT NOT NULL,\n    "name" TEXT,\n    "authorId" INTEGER NOT NULL,\n    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,\n    "updatedAt" TIMESTAMP(3) NOT NULL,\n\n    CONSTRAINT "{m}_pkey" PRIMARY KEY ("id")\n)',
            "CREATE TABLE",
        )
        f.c("\n-- CreateIndex")
        f.s(f'CREATE UNIQUE INDEX "{m}_email_key" ON "{m}"("email")', "CREATE INDEX")
        f.c("\n-- CreateIndex")
        f.s(f'CREATE INDEX "{m}_authorId_idx" ON "{m}"("authorId")', "CREATE INDEX")
        f.c("\n-- AddForeignKey")
        f.s(
            f'ALTER TABLE "{m}" ADD CONSTRAINT "{m}_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE',
            "ALTER TABLE",
            "ADD CONSTRAINT",
        )
        if n >= 1:
            f.c("\n-- AlterTable")
            f.s(
                f'ALTER TABLE "{m}" ADD COLUMN     "bio" TEXT,\nALTER COLUMN "name" SET NOT NULL',
                "ALTER TABLE",
                "ADD COLUMN",
                "SET NOT NULL",
            )
            f.c("\n-- DropForeignKey")
            f.s(
                f'ALTER TABLE "{m}" DROP CONSTRAINT "{m}_legacyId_fkey"',
                "ALTER TABLE",
                "DROP CONSTRAINT",
            )
            f.c("\n-- DropIndex")
            f.s(f'DROP INDEX "{m}_legacy_idx"', "DROP INDEX")
        if n == 3:
            f.c("\n-- AlterEnum")
            f.s(f"ALTER TYPE \"Role{n}\" ADD VALUE 'GUEST{k}'", "ALTER TYPE", "ADD VALUE")
            f.c("\n-- AlterTable")
            f.s(
                f'ALTER TABLE "{m}" ADD COLUMN     "role" "Role{n}" NOT NULL DEFAULT \'USER\'',
                "ALTER TABLE",
                "ADD COLUMN",
            )
        if n == 4:
            f.c("\n-- AlterTable")
            f.s(
                f'ALTER TABLE "{m}" DROP COLUMN "legacy",\nADD COLUMN     "slug" TEXT NOT NULL',
                "ALTER TABLE",
                "DROP COLUMN",
                "ADD COLUMN",
            )
            f.c("\n-- RenameIndex")
            f.s(f'ALTER INDEX "{m}_old_key" RENAME TO "{m}_slug_key"', "ALTER INDEX", "RENAME TO")
    f.write()

# ---------------------------------------------------------------- Supabase / PostgREST
for n in range(4):
    f = F(f"supabase_2024030{n + 1}_{['profiles', 'rls', 'storage', 'realtime'][n]}")
    if n == 0:
        f.s('create extension if not exists "uuid-ossp" with schema extensions', "CREATE EXTENSION")
        f.s("create schema if not exists private", "CREATE SCHEMA")
    for k in range(6):
        e = ENT[(n * 6 + k) % len(ENT)]
        t = f"public.{e}s"
        f.s(
            f"create table {t} (\n  id uuid not null references auth.users on delete cascade,\n  updated_at timestamp with time zone,\n  username text unique,\n  avatar_url text,\n  primary key (id),\n  constraint username_length check (char_length(username) >= 3)\n)",
            "CREATE TABLE",
        )
        f.s(
            f"alter table {t} enable row level security", "ALTER TABLE", "ENABLE ROW LEVEL SECURITY"
        )
        f.s(
            f'create policy "Public {e}s are viewable by everyone." on {t}\n  for select using (true)',
            "CREATE POLICY",
        )
        f.s(
            f'create policy "Users can insert their own {e}." on {t}\n  for insert with check ((select auth.uid()) = id)',
            "CREATE POLICY",
        )
        f.s(
            f'create policy "Users can update own {e}." on {t}\n  for update to authenticated using ((select auth.uid()) = id)',
            "CREATE POLICY",
        )
        f.s(f"grant select, insert, update on table {t} to authenticated", "GRANT")
        f.s(f"grant all on table {t} to service_role", "GRANT")
        f.s(f"revoke all on table {t} from anon", "REVOKE")
        f.s(f"comment on table {t} is 'Profile data for each {e}.'", "COMMENT")
        f.s(f"alter publication supabase_realtime add table {t}", "ALTER PUBLICATION", "ADD TABLE")
    f.s("grant usage on schema public to anon, authenticated", "GRANT")
    f.s(
        "alter default privileges in schema public grant all on tables to postgres, anon, authenticated, service_role",
        "ALTER DEFAULT PRIVILEGES",
    )
    f.s(
        "alter default privileges in schema public grant all on sequences to postgres, anon, authenticated, service_role",
        "ALTER DEFAULT PRIVILEGES",
    )
    f.s(
        f"create or replace function public.handle_new_user_{n}()\nreturns trigger\nlanguage plpgsql\nsecurity definer set search_path = ''\nas $$\nbegin\n  insert into public.users (id, full_name, avatar_url)\n  values (new.id, new.raw_user_meta_data->>'full_name', new.raw_user_meta_data->>'avatar_url');\n  return new;\nend;\n$$",
        "CREATE FUNCTION",
    )
    f.s(
        f"create trigger on_auth_user_created_{n}\n  after insert on auth.users\n  for each row execute procedure public.handle_new_user_{n}()",
        "CREATE TRIGGER",
    )
    f.s(f'drop policy if exists "old policy {n}" on public.users', "DROP POLICY")
    f.s(
        'alter policy "Users can update own user." on public.users to authenticated using ((select auth.uid()) = id)',
        "ALTER POLICY",
    )
    f.write()

# ---------------------------------------------------------------- partitions
for n in range(2):
    f = F(f"partitions_{n + 1:02d}_{['measurements', 'events'][n]}")
    base = ["measurement", "event_log"][n]
    f.s(
        f"CREATE TABLE {base} (\n    city_id int not null,\n    logdate date not null,\n    peaktemp int,\n    unitsales int\n) PARTITION BY RANGE (logdate)",
        "CREATE TABLE",
    )
    for m in range(1, 13):
        part = f"{base}_y2024m{m:02d}"
        nxt = f"2024-{m + 1:02d}-01" if m < 12 else "2025-01-01"
        f.s(
            f"CREATE TABLE {part} PARTITION OF {base}\n    FOR VALUES FROM ('2024-{m:02d}-01') TO ('{nxt}')",
            "CREATE TABLE",
        )
        f.s(f"CREATE INDEX ON {part} (logdate)", "CREATE INDEX")
    f.s(f"CREATE TABLE {base}_default PARTITION OF {base} DEFAULT", "CREATE TABLE")
    f.s(f"CREATE INDEX {base}_logdate_idx ON ONLY {base} (logdate)", "CREATE INDEX")
    for m in range(1, 13):
        f.s(
            f"ALTER INDEX {base}_logdate_idx ATTACH PARTITION {base}_y2024m{m:02d}_logdate_idx",
            "ALTER INDEX",
            "ATTACH PARTITION",
        )
    f.s(
        f"CREATE TABLE {base}_y2025m01\n  (LIKE {base} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)",
        "CREATE TABLE",
    )
    f.s(
        f"ALTER TABLE {base}_y2025m01 ADD CONSTRAINT y2025m01\n   CHECK ( logdate >= DATE '2025-01-01' AND logdate < DATE '2025-02-01' )",
        "ALTER TABLE",
        "ADD CONSTRAINT",
    )
    f.s(
        f"ALTER TABLE {base} ATTACH PARTITION {base}_y2025m01\n    FOR VALUES FROM ('2025-01-01') TO ('2025-02-01' )",
        "ALTER TABLE",
        "ATTACH PARTITION",
    )
    f.s(f"ALTER TABLE {base}_y2025m01 DROP CONSTRAINT y2025m01", "ALTER TABLE", "DROP CONSTRAINT")
    f.s(
        f"ALTER TABLE {base} DETACH PARTITION {base}_y2024m01 CONCURRENTLY",
        "ALTER TABLE",
        "DETACH PARTITION",
    )
    f.s(f"ALTER TABLE {base} DETACH PARTITION {base}_y2024m02", "ALTER TABLE", "DETACH PARTITION")
    f.s(f"DROP TABLE {base}_y2024m02", "DROP TABLE")
    f.s(
        f"CREATE TABLE {base}_by_city (city_id int, note text) PARTITION BY LIST (city_id)",
        "CREATE TABLE",
    )
    for h in range(4):
        f.s(
            f"CREATE TABLE {base}_by_city_{h} PARTITION OF {base}_by_city FOR VALUES IN ({h * 10}, {h * 10 + 1})",
            "CREATE TABLE",
        )
    f.s(f"CREATE TABLE {base}_hash (id bigint) PARTITION BY HASH (id)", "CREATE TABLE")
    for h in range(4):
        f.s(
            f"CREATE TABLE {base}_hash_{h} PARTITION OF {base}_hash FOR VALUES WITH (MODULUS 4, REMAINDER {h})",
            "CREATE TABLE",
        )
    f.write()

# ---------------------------------------------------------------- enums, domains, types
for n in range(2):
    f = F(f"types_{n + 1:02d}_enums_domains")
    for k in range(8):
        name = f"{ENT[(n * 8 + k) % len(ENT)]}_state"
        f.s(f"CREATE TYPE {name} AS ENUM ('draft', 'active', 'archived')", "CREATE TYPE")
        f.s(
            f"ALTER TYPE {name} ADD VALUE IF NOT EXISTS 'deleted' AFTER 'archived'",
            "ALTER TYPE",
            "ADD VALUE",
        )
        f.s(f"ALTER TYPE {name} ADD VALUE 'pending' BEFORE 'active'", "ALTER TYPE", "ADD VALUE")
        f.s(f"ALTER TYPE {name} RENAME VALUE 'draft' TO 'new'", "ALTER TYPE", "RENAME VALUE")
        f.s(
            f"ALTER TABLE {ENT[(n * 8 + k) % len(ENT)]}s ALTER COLUMN state TYPE {name} USING state::{name}",
            "ALTER TABLE",
            "ALTER COLUMN TYPE",
        )
    f.s("CREATE DOMAIN email_address AS text CHECK (VALUE ~* '^[^@]+@[^@]+$')", "CREATE DOMAIN")
    f.s(
        "CREATE DOMAIN positive_int AS integer NOT NULL DEFAULT 1 CHECK (VALUE > 0)",
        "CREATE DOMAIN",
    )
    f.s(
        "ALTER DOMAIN positive_int ADD CONSTRAINT positive_int_max CHECK (VALUE < 1000000) NOT VALID",
        "ALTER DOMAIN",
        "ADD CONSTRAINT",
    )
    f.s(
        "ALTER DOMAIN positive_int VALIDATE CONSTRAINT positive_int_max",
        "ALTER DOMAIN",
        "VALIDATE CONSTRAINT",
    )
    f.s("ALTER DOMAIN email_address SET NOT NULL", "ALTER DOMAIN", "SET NOT NULL")
    f.s(
        "ALTER DOMAIN email_address DROP CONSTRAINT IF EXISTS email_address_check",
        "ALTER DOMAIN",
        "DROP CONSTRAINT",
    )
    f.s("CREATE TYPE money_amount AS (currency char(3), cents bigint)", "CREATE TYPE")
    f.s("ALTER TYPE money_amount ADD ATTRIBUTE note text", "ALTER TYPE", "ADD ATTRIBUTE")
    f.s("ALTER TYPE task_state RENAME TO task_status", "ALTER TYPE", "RENAME TO")
    f.s("DROP TYPE IF EXISTS legacy_state, legacy_kind", "DROP TYPE")
    f.s("DROP DOMAIN IF EXISTS old_email CASCADE", "DROP DOMAIN")
    f.write()

# ---------------------------------------------------------------- maintenance and zero-downtime patterns
for n in range(3):
    f = F(f"zero_downtime_{n + 1:02d}")
    f.s("SET lock_timeout = '2s'", "SET")
    f.s("SET statement_timeout TO '15min'", "SET")
    for k in range(6):
        e = ENT[(n * 6 + k) % len(ENT)] + "s"
        f.s(f"CREATE UNIQUE INDEX CONCURRENTLY {e}_email_uniq ON {e} (email)", "CREATE INDEX")
        f.s(
            f"ALTER TABLE {e} ADD CONSTRAINT {e}_email_key UNIQUE USING INDEX {e}_email_uniq",
            "ALTER TABLE",
            "ADD CONSTRAINT USING INDEX",
        )
        f.s(
            f"ALTER TABLE {e} ADD CONSTRAINT {e}_owner_fk FOREIGN KEY (owner_id) REFERENCES users (id) NOT VALID",
            "ALTER TABLE",
            "ADD CONSTRAINT",
        )
        f.s(
            f"ALTER TABLE {e} VALIDATE CONSTRAINT {e}_owner_fk",
            "ALTER TABLE",
            "VALIDATE CONSTRAINT",
        )
        f.s(
            f"ALTER TABLE {e} ADD CONSTRAINT {e}_email_not_null CHECK (email IS NOT NULL) NOT VALID",
            "ALTER TABLE",
            "ADD CONSTRAINT",
        )
        f.s(
            f"ALTER TABLE {e} VALIDATE CONSTRAINT {e}_email_not_null",
            "ALTER TABLE",
            "VALIDATE CONSTRAINT",
        )
        f.s(f"ALTER TABLE {e} ALTER COLUMN email SET NOT NULL", "ALTER TABLE", "SET NOT NULL")
        f.s(f"ALTER TABLE {e} DROP CONSTRAINT {e}_email_not_null", "ALTER TABLE", "DROP CONSTRAINT")
        f.s(f"CREATE UNIQUE INDEX CONCURRENTLY {e}_pkey_new ON {e} (id)", "CREATE INDEX")
        f.s(
            f"ALTER TABLE {e} DROP CONSTRAINT {e}_pkey, ADD CONSTRAINT {e}_pkey PRIMARY KEY USING INDEX {e}_pkey_new",
            "ALTER TABLE",
            "DROP CONSTRAINT",
            "ADD CONSTRAINT USING INDEX",
        )
        f.s(f"REINDEX INDEX CONCURRENTLY {e}_created_at_idx", "REINDEX")
        f.s(f"DROP INDEX CONCURRENTLY IF EXISTS {e}_old_idx", "DROP INDEX")
        f.s(
            f"ALTER TABLE {e} ALTER COLUMN payload SET STORAGE EXTERNAL",
            "ALTER TABLE",
            "SET STORAGE",
        )
        f.s(
            f"ALTER TABLE {e} ALTER COLUMN name SET STATISTICS 500", "ALTER TABLE", "SET STATISTICS"
        )
        f.s(
            f"ALTER TABLE {e} SET (autovacuum_vacuum_scale_factor = 0.01, fillfactor = 90)",
            "ALTER TABLE",
            "SET (storage_parameter)",
        )
        f.s(f"ANALYZE {e}", "ANALYZE")
    f.s("RESET lock_timeout", "RESET")
    f.s("RESET statement_timeout", "RESET")
    f.write()

f = F("maintenance_01_offline_window")
f.s("BEGIN", "BEGIN")
f.s("LOCK TABLE accounts IN SHARE ROW EXCLUSIVE MODE", "LOCK")
f.s("LOCK TABLE ONLY payments, invoices IN ACCESS EXCLUSIVE MODE NOWAIT", "LOCK")
f.s("ALTER TABLE accounts SET LOGGED", "ALTER TABLE", "SET LOGGED")
f.s("ALTER TABLE staging_accounts SET UNLOGGED", "ALTER TABLE", "SET UNLOGGED")
f.s("ALTER TABLE accounts SET TABLESPACE fast_ssd", "ALTER TABLE", "SET TABLESPACE")
f.s("ALTER INDEX accounts_pkey SET TABLESPACE fast_ssd", "ALTER INDEX", "SET TABLESPACE")
f.s("ALTER TABLE accounts CLUSTER ON accounts_created_at_idx", "ALTER TABLE", "CLUSTER ON")
f.s("ALTER TABLE accounts REPLICA IDENTITY FULL", "ALTER TABLE", "REPLICA IDENTITY")
f.s("ALTER TABLE accounts OWNER TO app_owner", "ALTER TABLE", "OWNER TO")
f.s("ALTER TABLE accounts DISABLE TRIGGER USER", "ALTER TABLE", "DISABLE TRIGGER")
f.s("UPDATE accounts SET normalized_email = lower(email)", "UPDATE")
f.s("ALTER TABLE accounts ENABLE TRIGGER USER", "ALTER TABLE", "ENABLE TRIGGER")
f.s(
    "ALTER TABLE accounts ENABLE ALWAYS TRIGGER accounts_audit",
    "ALTER TABLE",
    "ENABLE ALWAYS TRIGGER",
)
f.s("ALTER TABLE accounts RESET (fillfactor)", "ALTER TABLE", "RESET (storage_parameter)")
f.s("ALTER TABLE legacy.accounts SET SCHEMA archive", "ALTER TABLE", "SET SCHEMA")
f.s(
    "ALTER TABLE accounts RENAME CONSTRAINT accounts_email_key TO accounts_email_uniq",
    "ALTER TABLE",
    "RENAME CONSTRAINT",
)
f.s("ALTER TABLE accounts_2019 NO INHERIT accounts", "ALTER TABLE", "NO INHERIT")
f.s("ALTER TABLE accounts_2024 INHERIT accounts", "ALTER TABLE", "INHERIT")
f.s(
    "ALTER TABLE accounts ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY",
    "ALTER TABLE",
    "ADD GENERATED AS IDENTITY",
)
f.s(
    "ALTER TABLE accounts ALTER COLUMN search_vector DROP EXPRESSION",
    "ALTER TABLE",
    "DROP EXPRESSION",
)
f.s("ALTER TABLE accounts ALTER COLUMN bio SET COMPRESSION lz4", "ALTER TABLE", "SET COMPRESSION")
f.s("SAVEPOINT before_truncate", "SAVEPOINT")
f.s("TRUNCATE ONLY accounts_staging RESTART IDENTITY CASCADE", "TRUNCATE")
f.s("RELEASE SAVEPOINT before_truncate", "RELEASE SAVEPOINT")
f.s("COMMIT", "COMMIT")
f.s("VACUUM (VERBOSE, ANALYZE) accounts", "VACUUM")
f.s("VACUUM FULL accounts_staging", "VACUUM")
f.s("CLUSTER accounts USING accounts_created_at_idx", "CLUSTER")
f.s("CLUSTER accounts", "CLUSTER")
f.s("REINDEX TABLE CONCURRENTLY accounts", "REINDEX")
f.s("REINDEX (VERBOSE) INDEX accounts_pkey", "REINDEX")
f.s("ANALYZE VERBOSE accounts (email, created_at)", "ANALYZE")
f.write()

# ---------------------------------------------------------------- views, matviews, sequences, data
for n in range(2):
    f = F(f"views_{n + 1:02d}_reporting")
    for k in range(8):
        e = ENT[(n * 8 + k) % len(ENT)]
        f.s(
            f"CREATE OR REPLACE VIEW {e}_summary AS\n  SELECT o.id, o.name, count(*) AS total\n  FROM {e}s o JOIN events ev ON ev.{e}_id = o.id\n  GROUP BY o.id, o.name",
            "CREATE VIEW",
        )
        f.s(
            f"CREATE MATERIALIZED VIEW IF NOT EXISTS {e}_daily AS\n  SELECT date_trunc('day', created_at) AS day, count(*) AS n FROM {e}s GROUP BY 1\nWITH NO DATA",
            "CREATE MATERIALIZED VIEW",
        )
        f.s(f"CREATE UNIQUE INDEX {e}_daily_day_idx ON {e}_daily (day)", "CREATE INDEX")
        f.s(f"REFRESH MATERIALIZED VIEW CONCURRENTLY {e}_daily", "REFRESH MATERIALIZED VIEW")
        f.s(
            f"ALTER MATERIALIZED VIEW {e}_daily OWNER TO reporting",
            "ALTER MATERIALIZED VIEW",
            "OWNER TO",
        )
        f.s(f"ALTER VIEW {e}_summary RENAME TO {e}_overview", "ALTER VIEW", "RENAME TO")
        f.s(f"GRANT SELECT ON {e}_overview, {e}_daily TO reporting_ro", "GRANT")
        f.s(f"DROP VIEW IF EXISTS {e}_legacy_summary", "DROP VIEW")
        f.s(f"DROP MATERIALIZED VIEW IF EXISTS {e}_legacy_daily", "DROP MATERIALIZED VIEW")
    f.write()

for n in range(2):
    f = F(f"sequences_{n + 1:02d}")
    for k in range(10):
        e = ENT[(n * 10 + k) % len(ENT)] + "s"
        f.s(
            f"CREATE SEQUENCE IF NOT EXISTS {e}_number_seq AS bigint START WITH 1000 INCREMENT BY 1 CACHE 20",
            "CREATE SEQUENCE",
        )
        f.s(f"ALTER SEQUENCE {e}_number_seq OWNED BY {e}.number", "ALTER SEQUENCE", "OWNED BY")
        f.s(
            f"ALTER TABLE {e} ALTER COLUMN number SET DEFAULT nextval('{e}_number_seq')",
            "ALTER TABLE",
            "SET DEFAULT",
        )
        f.s(
            f"SELECT setval('{e}_number_seq', (SELECT COALESCE(MAX(number), 1000) FROM {e}))",
            "SELECT",
        )
        f.s(f"SELECT pg_catalog.setval('public.{e}_id_seq', 1, false)", "SELECT")
        f.s(f"ALTER SEQUENCE {e}_id_seq RESTART WITH 1", "ALTER SEQUENCE", "RESTART")
        f.s(f"ALTER SEQUENCE {e}_id_seq AS bigint", "ALTER SEQUENCE", "AS")
    f.s("DROP SEQUENCE IF EXISTS legacy_seq, legacy_seq2", "DROP SEQUENCE")
    f.write()

for n in range(3):
    f = F(f"data_migration_{n + 1:02d}")
    f.s("BEGIN", "BEGIN")
    for k in range(10):
        e = ENT[(n * 10 + k) % len(ENT)] + "s"
        f.s(
            f"UPDATE {e} SET status = 'active' WHERE status IS NULL AND id BETWEEN {k * 10000} AND {(k + 1) * 10000 - 1}",
            "UPDATE",
        )
        f.s(
            f"INSERT INTO {e}_archive (id, name, archived_at)\nSELECT id, name, now() FROM {e} WHERE deleted_at IS NOT NULL\nON CONFLICT (id) DO NOTHING",
            "INSERT",
        )
        f.s(f"DELETE FROM {e} WHERE deleted_at < now() - interval '90 days'", "DELETE")
        f.s(
            f"UPDATE {e} AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id",
            "UPDATE",
        )
        f.s(
            f"INSERT INTO feature_flags (name, enabled) VALUES ('{e}_v2', false), ('{e}_v3', false)",
            "INSERT",
        )
    f.s("COMMIT", "COMMIT")
    f.write()

# ---------------------------------------------------------------- functions, triggers, DO blocks
for n in range(2):
    f = F(f"plpgsql_{n + 1:02d}_triggers")
    for k in range(5):
        e = ENT[(n * 5 + k) % len(ENT)] + "s"
        f.s(
            f"CREATE OR REPLACE FUNCTION set_{e}_updated_at() RETURNS trigger AS $$\nBEGIN\n  NEW.updated_at = now();\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql",
            "CREATE FUNCTION",
        )
        f.s(f"DROP TRIGGER IF EXISTS {e}_updated_at ON {e}", "DROP TRIGGER")
        f.s(
            f"CREATE TRIGGER {e}_updated_at BEFORE UPDATE ON {e}\n  FOR EACH ROW EXECUTE FUNCTION set_{e}_updated_at()",
            "CREATE TRIGGER",
        )
        f.s(
            f"DO $$\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = '{e}' AND column_name = 'updated_at') THEN\n    ALTER TABLE {e} ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();\n  END IF;\nEND\n$$",
            "DO",
        )
        f.s(
            f"COMMENT ON FUNCTION set_{e}_updated_at() IS 'Keeps {e}.updated_at current'", "COMMENT"
        )
        f.s(f"ALTER FUNCTION set_{e}_updated_at() OWNER TO app_owner", "ALTER FUNCTION", "OWNER TO")
        f.s(f"GRANT EXECUTE ON FUNCTION set_{e}_updated_at() TO app_user", "GRANT")
        f.s(f"COMMENT ON TRIGGER {e}_updated_at ON {e} IS 'maintained by migrations'", "COMMENT")
    f.s(
        "CREATE OR REPLACE PROCEDURE archive_old_rows(cutoff date)\nLANGUAGE plpgsql\nAS $proc$\nBEGIN\n  DELETE FROM events WHERE occurred_at < cutoff;\n  COMMIT;\nEND;\n$proc$",
        "CREATE PROCEDURE",
    )
    f.s("CALL archive_old_rows('2023-01-01')", "CALL")
    f.s(
        "CREATE FUNCTION add(a integer, b integer) RETURNS integer\n    LANGUAGE SQL\n    IMMUTABLE\n    RETURNS NULL ON NULL INPUT\n    RETURN a + b",
        "CREATE FUNCTION",
    )
    f.s("DROP FUNCTION IF EXISTS old_helper(integer, text)", "DROP FUNCTION")
    f.write()

# ---------------------------------------------------------------- PG18 / newer forms and comments
f = F("pg18_01_not_null_not_valid")
for k in range(8):
    e = ENT[k] + "s"
    f.s(
        f"ALTER TABLE {e} ADD CONSTRAINT {e}_email_nn NOT NULL email NOT VALID",
        "ALTER TABLE",
        "ADD CONSTRAINT",
    )
    f.s(f"ALTER TABLE {e} VALIDATE CONSTRAINT {e}_email_nn", "ALTER TABLE", "VALIDATE CONSTRAINT")
    f.s(
        f"ALTER TABLE {e} ADD CONSTRAINT {e}_amount_positive CHECK (amount > 0) NOT ENFORCED",
        "ALTER TABLE",
        "ADD CONSTRAINT",
    )
    f.s(
        f"ALTER TABLE {e} ALTER COLUMN legacy_id DROP IDENTITY IF EXISTS",
        "ALTER TABLE",
        "DROP IDENTITY",
    )
    f.s(f"ALTER TABLE {e} ALTER COLUMN id SET GENERATED ALWAYS", "ALTER TABLE", "SET GENERATED")
    f.s(f"COMMENT ON CONSTRAINT {e}_email_nn ON {e} IS NULL", "COMMENT")
    f.s(f"COMMENT ON INDEX {e}_pkey IS 'primary key'", "COMMENT")
f.write()

f = F("misc_01_schemas_extensions_grants")
f.s("CREATE SCHEMA IF NOT EXISTS app AUTHORIZATION app_owner", "CREATE SCHEMA")
f.s("CREATE EXTENSION IF NOT EXISTS btree_gist", "CREATE EXTENSION")
f.s("CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public", "CREATE EXTENSION")
f.s("ALTER EXTENSION citext UPDATE TO '1.6'", "ALTER EXTENSION", "UPDATE TO")
for k in range(10):
    e = ENT[k] + "s"
    f.s(
        f"ALTER TABLE app.{e} ADD CONSTRAINT {e}_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&)",
        "ALTER TABLE",
        "ADD CONSTRAINT",
    )
    f.s("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA app TO app_user", "GRANT")
    f.s("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA app TO app_user", "GRANT")
    f.s(f"REVOKE INSERT ON app.{e} FROM readonly", "REVOKE")
f.s("GRANT app_user TO deploy", "GRANT")
f.s("ALTER SCHEMA app OWNER TO app_owner", "ALTER SCHEMA", "OWNER TO")
f.s("ALTER SCHEMA legacy RENAME TO legacy_archive", "ALTER SCHEMA", "RENAME TO")
f.s("DROP SCHEMA IF EXISTS scratch CASCADE", "DROP SCHEMA")
f.s("DROP EXTENSION IF EXISTS hstore", "DROP EXTENSION")
f.s(
    "ALTER TRIGGER accounts_audit ON accounts RENAME TO accounts_audit_trigger",
    "ALTER TRIGGER",
    "RENAME TO",
)
f.s("START TRANSACTION", "BEGIN")
f.s("SET LOCAL lock_timeout = '1s'", "SET")
f.s("ALTER TABLE app.users ALTER COLUMN email TYPE citext", "ALTER TABLE", "ALTER COLUMN TYPE")
f.s("END", "COMMIT")
f.write()
