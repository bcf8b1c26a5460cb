-- migrate:up
create table user_events (
  id uuid primary key default gen_random_uuid(),
  user_id bigint not null references users (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index user_events_user_id_idx on user_events (user_id);
create index user_events_payload_idx on user_events using gin (payload jsonb_path_ops);
alter table user_events add column tenant_id bigint;
alter table user_events alter column tenant_id set not null;
create table account_events (
  id uuid primary key default gen_random_uuid(),
  account_id bigint not null references accounts (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index account_events_account_id_idx on account_events (account_id);
create index account_events_payload_idx on account_events using gin (payload jsonb_path_ops);
alter table account_events add column tenant_id bigint;
alter table account_events alter column tenant_id set not null;
create table organization_events (
  id uuid primary key default gen_random_uuid(),
  organization_id bigint not null references organizations (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index organization_events_organization_id_idx on organization_events (organization_id);
create index organization_events_payload_idx on organization_events using gin (payload jsonb_path_ops);
alter table organization_events add column tenant_id bigint;
alter table organization_events alter column tenant_id set not null;
create table project_events (
  id uuid primary key default gen_random_uuid(),
  project_id bigint not null references projects (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index project_events_project_id_idx on project_events (project_id);
create index project_events_payload_idx on project_events using gin (payload jsonb_path_ops);
alter table project_events add column tenant_id bigint;
alter table project_events alter column tenant_id set not null;
create table task_events (
  id uuid primary key default gen_random_uuid(),
  task_id bigint not null references tasks (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index task_events_task_id_idx on task_events (task_id);
create index task_events_payload_idx on task_events using gin (payload jsonb_path_ops);
alter table task_events add column tenant_id bigint;
alter table task_events alter column tenant_id set not null;
create table comment_events (
  id uuid primary key default gen_random_uuid(),
  comment_id bigint not null references comments (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index comment_events_comment_id_idx on comment_events (comment_id);
create index comment_events_payload_idx on comment_events using gin (payload jsonb_path_ops);
alter table comment_events add column tenant_id bigint;
alter table comment_events alter column tenant_id set not null;
create table invoice_events (
  id uuid primary key default gen_random_uuid(),
  invoice_id bigint not null references invoices (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index invoice_events_invoice_id_idx on invoice_events (invoice_id);
create index invoice_events_payload_idx on invoice_events using gin (payload jsonb_path_ops);
alter table invoice_events add column tenant_id bigint;
alter table invoice_events alter column tenant_id set not null;
create table payment_events (
  id uuid primary key default gen_random_uuid(),
  payment_id bigint not null references payments (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index payment_events_payment_id_idx on payment_events (payment_id);
create index payment_events_payload_idx on payment_events using gin (payload jsonb_path_ops);
alter table payment_events add column tenant_id bigint;
alter table payment_events alter column tenant_id set not null;

-- migrate:down
drop table if exists user_events;
drop table if exists account_events;
drop table if exists organization_events;
drop table if exists project_events;
drop table if exists task_events;
drop table if exists comment_events;
drop table if exists invoice_events;
drop table if exists payment_events;
