set names 'utf8';
set session_replication_role = 'replica';

create table "publisher" ("id" serial primary key, "name" varchar(255) not null, "type" text check ("type" in ('local', 'global')) not null default 'local');

alter table "book" add column "publisher_id" int null;
alter table "book" add constraint "book_publisher_id_foreign" foreign key ("publisher_id") references "publisher" ("id") on update cascade on delete set null;
alter table "book" alter column "price" type numeric(8,2) using ("price"::numeric(8,2));
create index "book_publisher_id_index" on "book" ("publisher_id");

set session_replication_role = 'origin';
