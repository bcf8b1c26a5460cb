create table public.order_items (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.order_items enable row level security;
create policy "Public order_items are viewable by everyone." on public.order_items
  for select using (true);
create policy "Users can insert their own order_item." on public.order_items
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own order_item." on public.order_items
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.order_items to authenticated;
grant all on table public.order_items to service_role;
revoke all on table public.order_items from anon;
comment on table public.order_items is 'Profile data for each order_item.';
alter publication supabase_realtime add table public.order_items;
create table public.customers (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.customers enable row level security;
create policy "Public customers are viewable by everyone." on public.customers
  for select using (true);
create policy "Users can insert their own customer." on public.customers
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own customer." on public.customers
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.customers to authenticated;
grant all on table public.customers to service_role;
revoke all on table public.customers from anon;
comment on table public.customers is 'Profile data for each customer.';
alter publication supabase_realtime add table public.customers;
create table public.addresss (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.addresss enable row level security;
create policy "Public addresss are viewable by everyone." on public.addresss
  for select using (true);
create policy "Users can insert their own address." on public.addresss
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own address." on public.addresss
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.addresss to authenticated;
grant all on table public.addresss to service_role;
revoke all on table public.addresss from anon;
comment on table public.addresss is 'Profile data for each address.';
alter publication supabase_realtime add table public.addresss;
create table public.shipments (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.shipments enable row level security;
create policy "Public shipments are viewable by everyone." on public.shipments
  for select using (true);
create policy "Users can insert their own shipment." on public.shipments
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own shipment." on public.shipments
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.shipments to authenticated;
grant all on table public.shipments to service_role;
revoke all on table public.shipments from anon;
comment on table public.shipments is 'Profile data for each shipment.';
alter publication supabase_realtime add table public.shipments;
create table public.warehouses (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.warehouses enable row level security;
create policy "Public warehouses are viewable by everyone." on public.warehouses
  for select using (true);
create policy "Users can insert their own warehouse." on public.warehouses
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own warehouse." on public.warehouses
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.warehouses to authenticated;
grant all on table public.warehouses to service_role;
revoke all on table public.warehouses from anon;
comment on table public.warehouses is 'Profile data for each warehouse.';
alter publication supabase_realtime add table public.warehouses;
create table public.inventorys (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.inventorys enable row level security;
create policy "Public inventorys are viewable by everyone." on public.inventorys
  for select using (true);
create policy "Users can insert their own inventory." on public.inventorys
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own inventory." on public.inventorys
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.inventorys to authenticated;
grant all on table public.inventorys to service_role;
revoke all on table public.inventorys from anon;
comment on table public.inventorys is 'Profile data for each inventory.';
alter publication supabase_realtime add table public.inventorys;
grant usage on schema public to anon, authenticated;
alter default privileges in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to postgres, anon, authenticated, service_role;
create or replace function public.handle_new_user_2()
returns trigger
language plpgsql
security definer set search_path = ''
as $$
begin
  insert into public.users (id, full_name, avatar_url)
  values (new.id, new.raw_user_meta_data->>'full_name', new.raw_user_meta_data->>'avatar_url');
  return new;
end;
$$;
create trigger on_auth_user_created_2
  after insert on auth.users
  for each row execute procedure public.handle_new_user_2();
drop policy if exists "old policy 2" on public.users;
alter policy "Users can update own user." on public.users to authenticated using ((select auth.uid()) = id);
