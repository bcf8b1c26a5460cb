-- Supabase CLI migration (supabase/migrations/20250110120000_realtime_roles.sql)
-- Roles, realtime publication, PostgREST reload: the shapes Supabase projects write by hand.

create role app_reader nologin noinherit;
create role app_writer;
alter role app_reader set statement_timeout = '8s';
grant app_reader to authenticator;

drop publication if exists supabase_realtime;
create publication supabase_realtime;
create publication app_changes for table public.orders, public.order_items with (publish = 'insert, update');
alter publication supabase_realtime add table public.orders;
alter publication supabase_realtime drop table public.order_items;

create view public.order_totals with (security_invoker = on) as
  select o.id, sum(i.qty * i.price) as total
  from public.orders o join public.order_items i on i.order_id = o.id
  group by o.id;
alter view public.order_totals set (security_invoker = on);
create view public.order_secrets with (security_barrier) as select id from public.orders;
alter table public.orders set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_enabled = on);

alter function public.place_order(uuid, jsonb) reset search_path;
alter database postgres set "app.settings.env" to 'staging';

security label for pgsodium on column public.customers.card_token is 'ENCRYPT WITH KEY ID 5b1e0c52-1111-4d2c-9c55-d3b0e6a1e001';

create event trigger app_ddl_watch on ddl_command_end
  execute function public.log_ddl_command();

notify pgrst, 'reload schema';
notify pgrst;
