BEGIN;
CREATE TABLE IF NOT EXISTS shipments(
   id serial PRIMARY KEY,
   username VARCHAR (50) UNIQUE NOT NULL,
   password VARCHAR (50) NOT NULL,
   email VARCHAR (300) UNIQUE NOT NULL
);
ALTER TABLE shipments ADD COLUMN name_0 character varying(255);
CREATE INDEX CONCURRENTLY IF NOT EXISTS shipments_name_0_idx ON shipments (name_0);
ALTER TABLE shipments ADD COLUMN status_1 character varying(32);
CREATE INDEX CONCURRENTLY IF NOT EXISTS shipments_status_1_idx ON shipments (status_1);
ALTER TABLE shipments ADD COLUMN description_2 text;
CREATE INDEX CONCURRENTLY IF NOT EXISTS shipments_description_2_idx ON shipments (description_2);
ALTER TABLE shipments ADD COLUMN amount_3 numeric(12, 2);
CREATE INDEX CONCURRENTLY IF NOT EXISTS shipments_amount_3_idx ON shipments (amount_3);
ALTER TABLE shipments ADD COLUMN is_active_4 boolean;
CREATE INDEX CONCURRENTLY IF NOT EXISTS shipments_is_active_4_idx ON shipments (is_active_4);
ALTER TABLE shipments ADD COLUMN created_at_5 timestamp with time zone;
CREATE INDEX CONCURRENTLY IF NOT EXISTS shipments_created_at_5_idx ON shipments (created_at_5);
ALTER TABLE shipments ADD COLUMN priority_6 integer;
CREATE INDEX CONCURRENTLY IF NOT EXISTS shipments_priority_6_idx ON shipments (priority_6);
ALTER TABLE shipments ADD COLUMN external_id_7 character varying(64);
CREATE INDEX CONCURRENTLY IF NOT EXISTS shipments_external_id_7_idx ON shipments (external_id_7);
ALTER TABLE shipments ALTER COLUMN email TYPE text;
ALTER TABLE shipments ALTER COLUMN id TYPE bigint;
COMMIT;
