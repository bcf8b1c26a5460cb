-- Columns added to tables that already exist (and may be large).
ALTER TABLE users ADD COLUMN last_login timestamptz;
ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'free';
ALTER TABLE users ADD COLUMN api_key uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE users ALTER COLUMN email TYPE varchar(200);
ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;
