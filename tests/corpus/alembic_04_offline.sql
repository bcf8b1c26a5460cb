BEGIN;

-- Running upgrade 4d134bc07221 -> 22d200f8670d

CREATE TABLE shipments (
    id SERIAL NOT NULL, 
    name VARCHAR(100) NOT NULL, 
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL, 
    owner_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE, 
    UNIQUE (name)
);
CREATE INDEX ix_shipments_owner_id ON shipments (owner_id);
ALTER TABLE shipments ADD COLUMN amount NUMERIC(12, 2);
ALTER TABLE shipments RENAME amount TO amount_old;
ALTER TABLE shipments ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE shipments ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE shipments ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE shipments ADD CONSTRAINT fk_shipments_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE shipments DROP CONSTRAINT shipments_owner_id_fkey;
CREATE UNIQUE INDEX uq_shipments_external ON shipments (lower(name), owner_id);
ALTER TABLE shipments ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN shipments.name IS 'Display name of the shipment';
UPDATE alembic_version SET version_num='22d200f8670d' WHERE alembic_version.version_num = '4d134bc07221';

-- Running upgrade 22d200f8670d -> 632667547e7c

ALTER TABLE warehouses ADD COLUMN is_active BOOLEAN;
ALTER TABLE warehouses RENAME is_active TO is_active_old;
ALTER TABLE warehouses ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE warehouses ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE warehouses ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE warehouses ADD CONSTRAINT fk_warehouses_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE warehouses DROP CONSTRAINT warehouses_owner_id_fkey;
CREATE UNIQUE INDEX uq_warehouses_external ON warehouses (lower(name), owner_id);
ALTER TABLE warehouses ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN warehouses.name IS 'Display name of the warehouse';
DROP INDEX ix_warehouses_legacy;
ALTER TABLE warehouses DROP COLUMN legacy_flag;
UPDATE alembic_version SET version_num='632667547e7c' WHERE alembic_version.version_num = '22d200f8670d';

-- Running upgrade 632667547e7c -> cb4e5208b4cd

ALTER TABLE inventorys ADD COLUMN created_at TIMESTAMP WITHOUT TIME ZONE;
ALTER TABLE inventorys RENAME created_at TO created_at_old;
ALTER TABLE inventorys ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE inventorys ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE inventorys ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE inventorys ADD CONSTRAINT fk_inventorys_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE inventorys DROP CONSTRAINT inventorys_owner_id_fkey;
CREATE UNIQUE INDEX uq_inventorys_external ON inventorys (lower(name), owner_id);
ALTER TABLE inventorys ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN inventorys.name IS 'Display name of the inventory';
UPDATE alembic_version SET version_num='cb4e5208b4cd' WHERE alembic_version.version_num = '632667547e7c';

-- Running upgrade cb4e5208b4cd -> b6692ea5df92

ALTER TABLE suppliers ADD COLUMN priority INTEGER;
ALTER TABLE suppliers RENAME priority TO priority_old;
ALTER TABLE suppliers ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE suppliers ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE suppliers ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE suppliers ADD CONSTRAINT fk_suppliers_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE suppliers DROP CONSTRAINT suppliers_owner_id_fkey;
CREATE UNIQUE INDEX uq_suppliers_external ON suppliers (lower(name), owner_id);
ALTER TABLE suppliers ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN suppliers.name IS 'Display name of the supplier';
DROP INDEX ix_suppliers_legacy;
ALTER TABLE suppliers DROP COLUMN legacy_flag;
UPDATE alembic_version SET version_num='b6692ea5df92' WHERE alembic_version.version_num = 'cb4e5208b4cd';

-- Running upgrade b6692ea5df92 -> f1f836cb4ea6

ALTER TABLE categorys ADD COLUMN external_id VARCHAR(64);
ALTER TABLE categorys RENAME external_id TO external_id_old;
ALTER TABLE categorys ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE categorys ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE categorys ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE categorys ADD CONSTRAINT fk_categorys_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE categorys DROP CONSTRAINT categorys_owner_id_fkey;
CREATE UNIQUE INDEX uq_categorys_external ON categorys (lower(name), owner_id);
ALTER TABLE categorys ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN categorys.name IS 'Display name of the category';
ALTER TABLE categorys RENAME TO category_records;
UPDATE alembic_version SET version_num='f1f836cb4ea6' WHERE alembic_version.version_num = 'b6692ea5df92';

COMMIT;
