BEGIN;
CREATE TABLE IF NOT EXISTS payments(
   id serial PRIMARY KEY,
   username VARCHAR (50) UNIQUE NOT NULL,
   password VARCHAR (50) NOT NULL,
   email VARCHAR (300) UNIQUE NOT NULL
);
ALTER TABLE payments ADD COLUMN name_0 character varying(255);
CREATE INDEX CONCURRENTLY IF NOT EXISTS payments_name_0_idx ON payments (name_0);
ALTER TABLE payments ADD COLUMN status_1 character varying(32);
CREATE INDEX CONCURRENTLY IF NOT EXISTS payments_status_1_idx ON payments (status_1);
ALTER TABLE payments ADD COLUMN description_2 text;
CREATE INDEX CONCURRENTLY IF NOT EXISTS payments_description_2_idx ON payments (description_2);
ALTER TABLE payments ADD COLUMN amount_3 numeric(12, 2);
CREATE INDEX CONCURRENTLY IF NOT EXISTS payments_amount_3_idx ON payments (amount_3);
ALTER TABLE payments ADD COLUMN is_active_4 boolean;
CREATE INDEX CONCURRENTLY IF NOT EXISTS payments_is_active_4_idx ON payments (is_active_4);
ALTER TABLE payments ADD COLUMN created_at_5 timestamp with time zone;
CREATE INDEX CONCURRENTLY IF NOT EXISTS payments_created_at_5_idx ON payments (created_at_5);
ALTER TABLE payments ADD COLUMN priority_6 integer;
CREATE INDEX CONCURRENTLY IF NOT EXISTS payments_priority_6_idx ON payments (priority_6);
ALTER TABLE payments ADD COLUMN external_id_7 character varying(64);
CREATE INDEX CONCURRENTLY IF NOT EXISTS payments_external_id_7_idx ON payments (external_id_7);
ALTER TABLE payments ALTER COLUMN email TYPE text;
ALTER TABLE payments ALTER COLUMN id TYPE bigint;
COMMIT;
