create table public.suppliers (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.suppliers enable row level security;
create policy "Public suppliers are viewable by everyone." on public.suppliers
  for select using (true);
create policy "Users can insert their own supplier." on public.suppliers
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own supplier." on public.suppliers
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.suppliers to authenticated;
grant all on table public.suppliers to service_role;
revoke all on table public.suppliers from anon;
comment on table public.suppliers is 'Profile data for each supplier.';
alter publication supabase_realtime add table public.suppliers;
create table public.categorys (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.categorys enable row level security;
create policy "Public categorys are viewable by everyone." on public.categorys
  for select using (true);
create policy "Users can insert their own category." on public.categorys
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own category." on public.categorys
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.categorys to authenticated;
grant all on table public.categorys to service_role;
revoke all on table public.categorys from anon;
comment on table public.categorys is 'Profile data for each category.';
alter publication supabase_realtime add table public.categorys;
create table public.tags (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.tags enable row level security;
create policy "Public tags are viewable by everyone." on public.tags
  for select using (true);
create policy "Users can insert their own tag." on public.tags
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own tag." on public.tags
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.tags to authenticated;
grant all on table public.tags to service_role;
revoke all on table public.tags from anon;
comment on table public.tags is 'Profile data for each tag.';
alter publication supabase_realtime add table public.tags;
create table public.articles (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.articles enable row level security;
create policy "Public articles are viewable by everyone." on public.articles
  for select using (true);
create policy "Users can insert their own article." on public.articles
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own article." on public.articles
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.articles to authenticated;
grant all on table public.articles to service_role;
revoke all on table public.articles from anon;
comment on table public.articles is 'Profile data for each article.';
alter publication supabase_realtime add table public.articles;
create table public.authors (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.authors enable row level security;
create policy "Public authors are viewable by everyone." on public.authors
  for select using (true);
create policy "Users can insert their own author." on public.authors
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own author." on public.authors
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.authors to authenticated;
grant all on table public.authors to service_role;
revoke all on table public.authors from anon;
comment on table public.authors is 'Profile data for each author.';
alter publication supabase_realtime add table public.authors;
create table public.sessions (
  id uuid not null references auth.users on delete cascade,
  updated_at timestamp with time zone,
  username text unique,
  avatar_url text,
  primary key (id),
  constraint username_length check (char_length(username) >= 3)
);
alter table public.sessions enable row level security;
create policy "Public sessions are viewable by everyone." on public.sessions
  for select using (true);
create policy "Users can insert their own session." on public.sessions
  for insert with check ((select auth.uid()) = id);
create policy "Users can update own session." on public.sessions
  for update to authenticated using ((select auth.uid()) = id);
grant select, insert, update on table public.sessions to authenticated;
grant all on table public.sessions to service_role;
revoke all on table public.sessions from anon;
comment on table public.sessions is 'Profile data for each session.';
alter publication supabase_realtime add table public.sessions;
grant usage on schema public to anon, authenticated;
alter default privileges in schema public grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to postgres, anon, authenticated, service_role;
create or replace function public.handle_new_user_3()
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
create trigger on_auth_user_created_3
  after insert on auth.users
  for each row execute procedure public.handle_new_user_3();
drop policy if exists "old policy 3" on public.users;
alter policy "Users can update own user." on public.users to authenticated using ((select auth.uid()) = id);
