-- The safe versions: short lock timeouts, NOT VALID + VALIDATE, concurrent index builds.
SET lock_timeout = '2s';
ALTER TABLE orders ADD CONSTRAINT orders_status_check
    CHECK (total_cents < 100000000) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_status_check;
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_idx ON orders (id, user_id);
