BEGIN;
CREATE TABLE IF NOT EXISTS projects(
   id serial PRIMARY KEY,
   username VARCHAR (50) UNIQUE NOT NULL,
   password VARCHAR (50) NOT NULL,
   email VARCHAR (300) UNIQUE NOT NULL
);
ALTER TABLE projects ADD COLUMN name_0 character varying(255);
CREATE INDEX CONCURRENTLY IF NOT EXISTS projects_name_0_idx ON projects (name_0);
ALTER TABLE projects ADD COLUMN status_1 character varying(32);
CREATE INDEX CONCURRENTLY IF NOT EXISTS projects_status_1_idx ON projects (status_1);
ALTER TABLE projects ADD COLUMN description_2 text;
CREATE INDEX CONCURRENTLY IF NOT EXISTS projects_description_2_idx ON projects (description_2);
ALTER TABLE projects ADD COLUMN amount_3 numeric(12, 2);
CREATE INDEX CONCURRENTLY IF NOT EXISTS projects_amount_3_idx ON projects (amount_3);
ALTER TABLE projects ADD COLUMN is_active_4 boolean;
CREATE INDEX CONCURRENTLY IF NOT EXISTS projects_is_active_4_idx ON projects (is_active_4);
ALTER TABLE projects ADD COLUMN created_at_5 timestamp with time zone;
CREATE INDEX CONCURRENTLY IF NOT EXISTS projects_created_at_5_idx ON projects (created_at_5);
ALTER TABLE projects ADD COLUMN priority_6 integer;
CREATE INDEX CONCURRENTLY IF NOT EXISTS projects_priority_6_idx ON projects (priority_6);
ALTER TABLE projects ADD COLUMN external_id_7 character varying(64);
CREATE INDEX CONCURRENTLY IF NOT EXISTS projects_external_id_7_idx ON projects (external_id_7);
ALTER TABLE projects ALTER COLUMN email TYPE text;
ALTER TABLE projects ALTER COLUMN id TYPE bigint;
COMMIT;
