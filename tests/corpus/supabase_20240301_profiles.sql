create extension if not exists "uuid-ossp" with schema extensions;
create schema if not exists private;
create table public.users (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.users enable row level security;
create policy "Public users are viewable by everyone." on public.users
  for select using (true);
create policy "Users can insert their own user." on public.users
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own user." on public.users
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.users to authenticated;
grant all on table public.users to service_role;
revoke all on table public.users from anon;
comment on table public.users is 'Profile data for each user.';
alter publication supabase_realtime add table public.users;
create table public.accounts (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.accounts enable row level security;
create policy "Public accounts are viewable by everyone." on public.accounts
  for select using (true);
create policy "Users can insert their own account." on public.accounts
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own account." on public.accounts
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.accounts to authenticated;
grant all on table public.accounts to service_role;
revoke all on table public.accounts from anon;
comment on table public.accounts is 'Profile data for each account.';
alter publication supabase_realtime add table public.accounts;
create table public.organizations (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.organizations enable row level security;
create policy "Public organizations are viewable by everyone." on public.organizations
  for select using (true);
create policy "Users can insert their own organization." on public.organizations
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own organization." on public.organizations
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.organizations to authenticated;
grant all on table public.organizations to service_role;
revoke all on table public.organizations from anon;
comment on table public.organizations is 'Profile data for each organization.';
alter publication supabase_realtime add table public.organizations;
create table public.projects (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.projects enable row level security;
create policy "Public projects are viewable by everyone." on public.projects
  for select using (true);
create policy "Users can insert their own project." on public.projects
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own project." on public.projects
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.projects to authenticated;
grant all on table public.projects to service_role;
revoke all on table public.projects from anon;
comment on table public.projects is 'Profile data for each project.';
alter publication supabase_realtime add table public.projects;
create table public.tasks (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.tasks enable row level security;
create policy "Public tasks are viewable by everyone." on public.tasks
  for select using (true);
create policy "Users can insert their own task." on public.tasks
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own task." on public.tasks
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.tasks to authenticated;
grant all on table public.tasks to service_role;
revoke all on table public.tasks from anon;
comment on table public.tasks is 'Profile data for each task.';
alter publication supabase_realtime add table public.tasks;
create table public.comments (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.comments enable row level security;
create policy "Public comments are viewable by everyone." on public.comments
  for select using (true);
create policy "Users can insert their own comment." on public.comments
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own comment." on public.comments
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.comments to authenticated;
grant all on table public.comments to service_role;
revoke all on table public.comments from anon;
comment on table public.comments is 'Profile data for each comment.';
alter publication supabase_realtime add table public.comments;
grant usage on schema public to anon, authenticated;
alter default privileges in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to postgres, anon, authenticated, service_role;
create or replace function public.handle_new_user_0()
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
create trigger on_auth_user_created_0
  after insert on auth.users
  for each row execute procedure public.handle_new_user_0();
drop policy if exists "old policy 0" on public.users;
alter policy "Users can update own user." on public.users to authenticated using ((select auth.uid()) = id);
