BEGIN;
CREATE TABLE IF NOT EXISTS orders(
   id serial PRIMARY KEY,
   username VARCHAR (50) UNIQUE NOT NULL,
   password VARCHAR (50) NOT NULL,
   email VARCHAR (300) UNIQUE NOT NULL
);
ALTER TABLE orders ADD COLUMN name_0 character varying(255);
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_name_0_idx ON orders (name_0);
ALTER TABLE orders ADD COLUMN status_1 character varying(32);
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_1_idx ON orders (status_1);
ALTER TABLE orders ADD COLUMN description_2 text;
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_description_2_idx ON orders (description_2);
ALTER TABLE orders ADD COLUMN amount_3 numeric(12, 2);
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_amount_3_idx ON orders (amount_3);
ALTER TABLE orders ADD COLUMN is_active_4 boolean;
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_is_active_4_idx ON orders (is_active_4);
ALTER TABLE orders ADD COLUMN created_at_5 timestamp with time zone;
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_at_5_idx ON orders (created_at_5);
ALTER TABLE orders ADD COLUMN priority_6 integer;
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_priority_6_idx ON orders (priority_6);
ALTER TABLE orders ADD COLUMN external_id_7 character varying(64);
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_external_id_7_idx ON orders (external_id_7);
ALTER TABLE orders ALTER COLUMN email TYPE text;
ALTER TABLE orders ALTER COLUMN id TYPE bigint;
COMMIT;
