-- migrate:up
create table warehouse_events (
  id uuid primary key default gen_random_uuid(),
  warehouse_id bigint not null references warehouses (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index warehouse_events_warehouse_id_idx on warehouse_events (warehouse_id);
create index warehouse_events_payload_idx on warehouse_events using gin (payload jsonb_path_ops);
alter table warehouse_events add column tenant_id bigint;
alter table warehouse_events alter column tenant_id set not null;
create table inventory_events (
  id uuid primary key default gen_random_uuid(),
  inventory_id bigint not null references inventorys (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index inventory_events_inventory_id_idx on inventory_events (inventory_id);
create index inventory_events_payload_idx on inventory_events using gin (payload jsonb_path_ops);
alter table inventory_events add column tenant_id bigint;
alter table inventory_events alter column tenant_id set not null;
create table supplier_events (
  id uuid primary key default gen_random_uuid(),
  supplier_id bigint not null references suppliers (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index supplier_events_supplier_id_idx on supplier_events (supplier_id);
create index supplier_events_payload_idx on supplier_events using gin (payload jsonb_path_ops);
alter table supplier_events add column tenant_id bigint;
alter table supplier_events alter column tenant_id set not null;
create table category_events (
  id uuid primary key default gen_random_uuid(),
  category_id bigint not null references categorys (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index category_events_category_id_idx on category_events (category_id);
create index category_events_payload_idx on category_events using gin (payload jsonb_path_ops);
alter table category_events add column tenant_id bigint;
alter table category_events alter column tenant_id set not null;
create table tag_events (
  id uuid primary key default gen_random_uuid(),
  tag_id bigint not null references tags (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index tag_events_tag_id_idx on tag_events (tag_id);
create index tag_events_payload_idx on tag_events using gin (payload jsonb_path_ops);
alter table tag_events add column tenant_id bigint;
alter table tag_events alter column tenant_id set not null;
create table article_events (
  id uuid primary key default gen_random_uuid(),
  article_id bigint not null references articles (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index article_events_article_id_idx on article_events (article_id);
create index article_events_payload_idx on article_events using gin (payload jsonb_path_ops);
alter table article_events add column tenant_id bigint;
alter table article_events alter column tenant_id set not null;
create table author_events (
  id uuid primary key default gen_random_uuid(),
  author_id bigint not null references authors (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index author_events_author_id_idx on author_events (author_id);
create index author_events_payload_idx on author_events using gin (payload jsonb_path_ops);
alter table author_events add column tenant_id bigint;
alter table author_events alter column tenant_id set not null;
create table session_events (
  id uuid primary key default gen_random_uuid(),
  session_id bigint not null references sessions (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index session_events_session_id_idx on session_events (session_id);
create index session_events_payload_idx on session_events using gin (payload jsonb_path_ops);
alter table session_events add column tenant_id bigint;
alter table session_events alter column tenant_id set not null;

-- migrate:down
drop table if exists warehouse_events;
drop table if exists inventory_events;
drop table if exists supplier_events;
drop table if exists category_events;
drop table if exists tag_events;
drop table if exists article_events;
drop table if exists author_events;
drop table if exists session_events;
