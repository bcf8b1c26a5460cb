-- Renames and drops break the application version that is still running.
ALTER TABLE users RENAME COLUMN name TO full_name;
ALTER TABLE orders DROP COLUMN status;
UPDATE users SET plan = 'pro' WHERE last_login > now() - interval '30 days';
