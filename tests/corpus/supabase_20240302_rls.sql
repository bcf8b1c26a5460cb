create table public.invoices (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.invoices enable row level security;
create policy "Public invoices are viewable by everyone." on public.invoices
  for select using (true);
create policy "Users can insert their own invoice." on public.invoices
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own invoice." on public.invoices
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.invoices to authenticated;
grant all on table public.invoices to service_role;
revoke all on table public.invoices from anon;
comment on table public.invoices is 'Profile data for each invoice.';
alter publication supabase_realtime add table public.invoices;
create table public.payments (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.payments enable row level security;
create policy "Public payments are viewable by everyone." on public.payments
  for select using (true);
create policy "Users can insert their own payment." on public.payments
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own payment." on public.payments
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.payments to authenticated;
grant all on table public.payments to service_role;
revoke all on table public.payments from anon;
comment on table public.payments is 'Profile data for each payment.';
alter publication supabase_realtime add table public.payments;
create table public.subscriptions (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.subscriptions enable row level security;
create policy "Public subscriptions are viewable by everyone." on public.subscriptions
  for select using (true);
create policy "Users can insert their own subscription." on public.subscriptions
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own subscription." on public.subscriptions
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.subscriptions to authenticated;
grant all on table public.subscriptions to service_role;
revoke all on table public.subscriptions from anon;
comment on table public.subscriptions is 'Profile data for each subscription.';
alter publication supabase_realtime add table public.subscriptions;
create table public.plans (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.plans enable row level security;
create policy "Public plans are viewable by everyone." on public.plans
  for select using (true);
create policy "Users can insert their own plan." on public.plans
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own plan." on public.plans
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.plans to authenticated;
grant all on table public.plans to service_role;
revoke all on table public.plans from anon;
comment on table public.plans is 'Profile data for each plan.';
alter publication supabase_realtime add table public.plans;
create table public.products (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.products enable row level security;
create policy "Public products are viewable by everyone." on public.products
  for select using (true);
create policy "Users can insert their own product." on public.products
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own product." on public.products
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.products to authenticated;
grant all on table public.products to service_role;
revoke all on table public.products from anon;
comment on table public.products is 'Profile data for each product.';
alter publication supabase_realtime add table public.products;
create table public.orders (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.orders enable row level security;
create policy "Public orders are viewable by everyone." on public.orders
  for select using (true);
create policy "Users can insert their own order." on public.orders
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own order." on public.orders
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.orders to authenticated;
grant all on table public.orders to service_role;
revoke all on table public.orders from anon;
comment on table public.orders is 'Profile data for each order.';
alter publication supabase_realtime add table public.orders;
grant usage on schema public to anon, authenticated;
alter default privileges in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to postgres, anon, authenticated, service_role;
create or replace function public.handle_new_user_1()
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
create trigger on_auth_user_created_1
  after insert on auth.users
  for each row execute procedure public.handle_new_user_1();
drop policy if exists "old policy 1" on public.users;
alter policy "Users can update own user." on public.users to authenticated using ((select auth.uid()) = id);
