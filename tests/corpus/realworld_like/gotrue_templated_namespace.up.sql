-- golang migration rendered by a Go template at run time (GoTrue/pop style).
-- The placeholders are not PostgreSQL: each statement must stay UNKNOWN (never misread).
create table if not exists {{ index .Options "Namespace" }}.api_tokens (
    id uuid not null,
    user_id uuid not null,
    constraint api_tokens_pkey primary key (id)
);
comment on table {{ index .Options "Namespace" }}.api_tokens is 'auth: API tokens';
create index if not exists api_tokens_user_id_idx on {{ index .Options "Namespace" }}.api_tokens (user_id);
alter table only {{ index .Options "Namespace" }}.api_tokens add column if not exists revoked boolean not null default false;
grant select on {{ index .Options "Namespace" }}.api_tokens to {{ index .Options "User" }};
create index if not exists api_tokens_created_idx on auth.api_tokens (id);
