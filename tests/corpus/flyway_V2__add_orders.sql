-- Flyway migration V2
CREATE TABLE IF NOT EXISTS payments (
  id BIGSERIAL PRIMARY KEY,
  code VARCHAR(50) NOT NULL UNIQUE,
  amount NUMERIC(12,2) NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS idx_payments_created_at ON payments(created_at DESC);
ALTER TABLE payments ADD COLUMN IF NOT EXISTS note TEXT;
ALTER TABLE payments ADD CONSTRAINT chk_payments_amount CHECK (amount >= 0) NOT VALID;
ALTER TABLE payments VALIDATE CONSTRAINT chk_payments_amount;
UPDATE payments SET note = 'migrated' WHERE note IS NULL AND created_at < '2024-01-01';
ALTER TABLE payments ALTER COLUMN note SET NOT NULL, ALTER COLUMN note SET DEFAULT '';
CREATE TABLE IF NOT EXISTS subscriptions (
  id BIGSERIAL PRIMARY KEY,
  code VARCHAR(50) NOT NULL UNIQUE,
  amount NUMERIC(12,2) NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS idx_subscriptions_created_at ON subscriptions(created_at DESC);
ALTER TABLE subscriptions ADD COLUMN IF NOT EXISTS note TEXT;
ALTER TABLE subscriptions ADD CONSTRAINT chk_subscriptions_amount CHECK (amount >= 0) NOT VALID;
ALTER TABLE subscriptions VALIDATE CONSTRAINT chk_subscriptions_amount;
UPDATE subscriptions SET note = 'migrated' WHERE note IS NULL AND created_at < '2024-01-01';
ALTER TABLE subscriptions ALTER COLUMN note SET NOT NULL, ALTER COLUMN note SET DEFAULT '';
CREATE TABLE IF NOT EXISTS plans (
  id BIGSERIAL PRIMARY KEY,
  code VARCHAR(50) NOT NULL UNIQUE,
  amount NUMERIC(12,2) NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS idx_plans_created_at ON plans(created_at DESC);
ALTER TABLE plans ADD COLUMN IF NOT EXISTS note TEXT;
ALTER TABLE plans ADD CONSTRAINT chk_plans_amount CHECK (amount >= 0) NOT VALID;
ALTER TABLE plans VALIDATE CONSTRAINT chk_plans_amount;
UPDATE plans SET note = 'migrated' WHERE note IS NULL AND created_at < '2024-01-01';
ALTER TABLE plans ALTER COLUMN note SET NOT NULL, ALTER COLUMN note SET DEFAULT '';
CREATE TABLE IF NOT EXISTS products (
  id BIGSERIAL PRIMARY KEY,
  code VARCHAR(50) NOT NULL UNIQUE,
  amount NUMERIC(12,2) NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS idx_products_created_at ON products(created_at DESC);
ALTER TABLE products ADD COLUMN IF NOT EXISTS note TEXT;
ALTER TABLE products ADD CONSTRAINT chk_products_amount CHECK (amount >= 0) NOT VALID;
ALTER TABLE products VALIDATE CONSTRAINT chk_products_amount;
UPDATE products SET note = 'migrated' WHERE note IS NULL AND created_at < '2024-01-01';
ALTER TABLE products ALTER COLUMN note SET NOT NULL, ALTER COLUMN note SET DEFAULT '';
CREATE TABLE IF NOT EXISTS orders (
  id BIGSERIAL PRIMARY KEY,
  code VARCHAR(50) NOT NULL UNIQUE,
  amount NUMERIC(12,2) NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS idx_orders_created_at ON orders(created_at DESC);
ALTER TABLE orders ADD COLUMN IF NOT EXISTS note TEXT;
ALTER TABLE orders ADD CONSTRAINT chk_orders_amount CHECK (amount >= 0) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT chk_orders_amount;
UPDATE orders SET note = 'migrated' WHERE note IS NULL AND created_at < '2024-01-01';
ALTER TABLE orders ALTER COLUMN note SET NOT NULL, ALTER COLUMN note SET DEFAULT '';
CREATE TABLE IF NOT EXISTS order_items (
  id BIGSERIAL PRIMARY KEY,
  code VARCHAR(50) NOT NULL UNIQUE,
  amount NUMERIC(12,2) NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS idx_order_items_created_at ON order_items(created_at DESC);
ALTER TABLE order_items ADD COLUMN IF NOT EXISTS note TEXT;
ALTER TABLE order_items ADD CONSTRAINT chk_order_items_amount CHECK (amount >= 0) NOT VALID;
ALTER TABLE order_items VALIDATE CONSTRAINT chk_order_items_amount;
UPDATE order_items SET note = 'migrated' WHERE note IS NULL AND created_at < '2024-01-01';
ALTER TABLE order_items ALTER COLUMN note SET NOT NULL, ALTER COLUMN note SET DEFAULT '';
CREATE TABLE IF NOT EXISTS customers (
  id BIGSERIAL PRIMARY KEY,
  code VARCHAR(50) NOT NULL UNIQUE,
  amount NUMERIC(12,2) NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS idx_customers_created_at ON customers(created_at DESC);
ALTER TABLE customers ADD COLUMN IF NOT EXISTS note TEXT;
ALTER TABLE customers ADD CONSTRAINT chk_customers_amount CHECK (amount >= 0) NOT VALID;
ALTER TABLE customers VALIDATE CONSTRAINT chk_customers_amount;
UPDATE customers SET note = 'migrated' WHERE note IS NULL AND created_at < '2024-01-01';
ALTER TABLE customers ALTER COLUMN note SET NOT NULL, ALTER COLUMN note SET DEFAULT '';
