BEGIN;

-- Running upgrade fa35e192121e -> 91032ad7bbcb

CREATE TABLE products (
    id SERIAL NOT NULL, 
    name VARCHAR(100) NOT NULL, 
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL, 
    owner_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE, 
    UNIQUE (name)
);
CREATE INDEX ix_products_owner_id ON products (owner_id);
ALTER TABLE products ADD COLUMN description TEXT;
ALTER TABLE products RENAME description TO description_old;
ALTER TABLE products ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE products ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE products ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE products ADD CONSTRAINT fk_products_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE products DROP CONSTRAINT products_owner_id_fkey;
CREATE UNIQUE INDEX uq_products_external ON products (lower(name), owner_id);
ALTER TABLE products ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN products.name IS 'Display name of the product';
UPDATE alembic_version SET version_num='91032ad7bbcb' WHERE alembic_version.version_num = 'fa35e192121e';

-- Running upgrade 91032ad7bbcb -> 472b07b9fcf2

ALTER TABLE orders ADD COLUMN amount NUMERIC(12, 2);
ALTER TABLE orders RENAME amount TO amount_old;
ALTER TABLE orders ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE orders ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE orders ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE orders ADD CONSTRAINT fk_orders_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE orders DROP CONSTRAINT orders_owner_id_fkey;
CREATE UNIQUE INDEX uq_orders_external ON orders (lower(name), owner_id);
ALTER TABLE orders ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN orders.name IS 'Display name of the order';
DROP INDEX ix_orders_legacy;
ALTER TABLE orders DROP COLUMN legacy_flag;
UPDATE alembic_version SET version_num='472b07b9fcf2' WHERE alembic_version.version_num = '91032ad7bbcb';

-- Running upgrade 472b07b9fcf2 -> 12c6fc06c99a

ALTER TABLE order_items ADD COLUMN is_active BOOLEAN;
ALTER TABLE order_items RENAME is_active TO is_active_old;
ALTER TABLE order_items ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE order_items ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE order_items ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE order_items ADD CONSTRAINT fk_order_items_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE order_items DROP CONSTRAINT order_items_owner_id_fkey;
CREATE UNIQUE INDEX uq_order_items_external ON order_items (lower(name), owner_id);
ALTER TABLE order_items ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN order_items.name IS 'Display name of the order_item';
UPDATE alembic_version SET version_num='12c6fc06c99a' WHERE alembic_version.version_num = '472b07b9fcf2';

-- Running upgrade 12c6fc06c99a -> d435a6cdd786

ALTER TABLE customers ADD COLUMN created_at TIMESTAMP WITHOUT TIME ZONE;
ALTER TABLE customers RENAME created_at TO created_at_old;
ALTER TABLE customers ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE customers ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE customers ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE customers ADD CONSTRAINT fk_customers_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE customers DROP CONSTRAINT customers_owner_id_fkey;
CREATE UNIQUE INDEX uq_customers_external ON customers (lower(name), owner_id);
ALTER TABLE customers ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN customers.name IS 'Display name of the customer';
DROP INDEX ix_customers_legacy;
ALTER TABLE customers DROP COLUMN legacy_flag;
UPDATE alembic_version SET version_num='d435a6cdd786' WHERE alembic_version.version_num = '12c6fc06c99a';

-- Running upgrade d435a6cdd786 -> 4d134bc07221

ALTER TABLE addresss ADD COLUMN priority INTEGER;
ALTER TABLE addresss RENAME priority TO priority_old;
ALTER TABLE addresss ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE addresss ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE addresss ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE addresss ADD CONSTRAINT fk_addresss_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE addresss DROP CONSTRAINT addresss_owner_id_fkey;
CREATE UNIQUE INDEX uq_addresss_external ON addresss (lower(name), owner_id);
ALTER TABLE addresss ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN addresss.name IS 'Display name of the address';
ALTER TABLE addresss RENAME TO address_records;
UPDATE alembic_version SET version_num='4d134bc07221' WHERE alembic_version.version_num = 'd435a6cdd786';

COMMIT;
