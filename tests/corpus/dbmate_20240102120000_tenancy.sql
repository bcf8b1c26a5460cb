-- migrate:up
create table subscription_events (
  id uuid primary key default gen_random_uuid(),
  subscription_id bigint not null references subscriptions (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index subscription_events_subscription_id_idx on subscription_events (subscription_id);
create index subscription_events_payload_idx on subscription_events using gin (payload jsonb_path_ops);
alter table subscription_events add column tenant_id bigint;
alter table subscription_events alter column tenant_id set not null;
create table plan_events (
  id uuid primary key default gen_random_uuid(),
  plan_id bigint not null references plans (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index plan_events_plan_id_idx on plan_events (plan_id);
create index plan_events_payload_idx on plan_events using gin (payload jsonb_path_ops);
alter table plan_events add column tenant_id bigint;
alter table plan_events alter column tenant_id set not null;
create table product_events (
  id uuid primary key default gen_random_uuid(),
  product_id bigint not null references products (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index product_events_product_id_idx on product_events (product_id);
create index product_events_payload_idx on product_events using gin (payload jsonb_path_ops);
alter table product_events add column tenant_id bigint;
alter table product_events alter column tenant_id set not null;
create table order_events (
  id uuid primary key default gen_random_uuid(),
  order_id bigint not null references orders (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index order_events_order_id_idx on order_events (order_id);
create index order_events_payload_idx on order_events using gin (payload jsonb_path_ops);
alter table order_events add column tenant_id bigint;
alter table order_events alter column tenant_id set not null;
create table order_item_events (
  id uuid primary key default gen_random_uuid(),
  order_item_id bigint not null references order_items (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index order_item_events_order_item_id_idx on order_item_events (order_item_id);
create index order_item_events_payload_idx on order_item_events using gin (payload jsonb_path_ops);
alter table order_item_events add column tenant_id bigint;
alter table order_item_events alter column tenant_id set not null;
create table customer_events (
  id uuid primary key default gen_random_uuid(),
  customer_id bigint not null references customers (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index customer_events_customer_id_idx on customer_events (customer_id);
create index customer_events_payload_idx on customer_events using gin (payload jsonb_path_ops);
alter table customer_events add column tenant_id bigint;
alter table customer_events alter column tenant_id set not null;
create table address_events (
  id uuid primary key default gen_random_uuid(),
  address_id bigint not null references addresss (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index address_events_address_id_idx on address_events (address_id);
create index address_events_payload_idx on address_events using gin (payload jsonb_path_ops);
alter table address_events add column tenant_id bigint;
alter table address_events alter column tenant_id set not null;
create table shipment_events (
  id uuid primary key default gen_random_uuid(),
  shipment_id bigint not null references shipments (id) on delete cascade,
  payload jsonb not null,
  occurred_at timestamptz not null default now()
);
create index shipment_events_shipment_id_idx on shipment_events (shipment_id);
create index shipment_events_payload_idx on shipment_events using gin (payload jsonb_path_ops);
alter table shipment_events add column tenant_id bigint;
alter table shipment_events alter column tenant_id set not null;

-- migrate:down
drop table if exists subscription_events;
drop table if exists plan_events;
drop table if exists product_events;
drop table if exists order_events;
drop table if exists order_item_events;
drop table if exists customer_events;
drop table if exists address_events;
drop table if exists shipment_events;
