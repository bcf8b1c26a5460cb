-- Constraints and indexes on existing tables.
CREATE INDEX users_email_idx ON users (email);
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey
    FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total_cents >= 0);
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
