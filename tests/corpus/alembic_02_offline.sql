BEGIN;

-- Running upgrade 1b6453892473 -> b1d5781111d8

CREATE TABLE comments (
    id SERIAL NOT NULL, 
    name VARCHAR(100) NOT NULL, 
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL, 
    owner_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE, 
    UNIQUE (name)
);
CREATE INDEX ix_comments_owner_id ON comments (owner_id);
ALTER TABLE comments ADD COLUMN status VARCHAR(32);
ALTER TABLE comments RENAME status TO status_old;
ALTER TABLE comments ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE comments ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE comments ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE comments ADD CONSTRAINT fk_comments_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE comments DROP CONSTRAINT comments_owner_id_fkey;
CREATE UNIQUE INDEX uq_comments_external ON comments (lower(name), owner_id);
ALTER TABLE comments ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN comments.name IS 'Display name of the comment';
UPDATE alembic_version SET version_num='b1d5781111d8' WHERE alembic_version.version_num = '1b6453892473';

-- Running upgrade b1d5781111d8 -> 17ba0791499d

ALTER TABLE invoices ADD COLUMN description TEXT;
ALTER TABLE invoices RENAME description TO description_old;
ALTER TABLE invoices ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE invoices ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE invoices ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE invoices ADD CONSTRAINT fk_invoices_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE invoices DROP CONSTRAINT invoices_owner_id_fkey;
CREATE UNIQUE INDEX uq_invoices_external ON invoices (lower(name), owner_id);
ALTER TABLE invoices ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN invoices.name IS 'Display name of the invoice';
DROP INDEX ix_invoices_legacy;
ALTER TABLE invoices DROP COLUMN legacy_flag;
UPDATE alembic_version SET version_num='17ba0791499d' WHERE alembic_version.version_num = 'b1d5781111d8';

-- Running upgrade 17ba0791499d -> 7b52009b64fd

ALTER TABLE payments ADD COLUMN amount NUMERIC(12, 2);
ALTER TABLE payments RENAME amount TO amount_old;
ALTER TABLE payments ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE payments ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE payments ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE payments ADD CONSTRAINT fk_payments_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE payments DROP CONSTRAINT payments_owner_id_fkey;
CREATE UNIQUE INDEX uq_payments_external ON payments (lower(name), owner_id);
ALTER TABLE payments ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN payments.name IS 'Display name of the payment';
UPDATE alembic_version SET version_num='7b52009b64fd' WHERE alembic_version.version_num = '17ba0791499d';

-- Running upgrade 7b52009b64fd -> bd307a3ec329

ALTER TABLE subscriptions ADD COLUMN is_active BOOLEAN;
ALTER TABLE subscriptions RENAME is_active TO is_active_old;
ALTER TABLE subscriptions ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE subscriptions ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE subscriptions ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE subscriptions ADD CONSTRAINT fk_subscriptions_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_owner_id_fkey;
CREATE UNIQUE INDEX uq_subscriptions_external ON subscriptions (lower(name), owner_id);
ALTER TABLE subscriptions ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN subscriptions.name IS 'Display name of the subscription';
DROP INDEX ix_subscriptions_legacy;
ALTER TABLE subscriptions DROP COLUMN legacy_flag;
UPDATE alembic_version SET version_num='bd307a3ec329' WHERE alembic_version.version_num = '7b52009b64fd';

-- Running upgrade bd307a3ec329 -> fa35e192121e

ALTER TABLE plans ADD COLUMN created_at TIMESTAMP WITHOUT TIME ZONE;
ALTER TABLE plans RENAME created_at TO created_at_old;
ALTER TABLE plans ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE plans ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE plans ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE plans ADD CONSTRAINT fk_plans_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE plans DROP CONSTRAINT plans_owner_id_fkey;
CREATE UNIQUE INDEX uq_plans_external ON plans (lower(name), owner_id);
ALTER TABLE plans ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN plans.name IS 'Display name of the plan';
ALTER TABLE plans RENAME TO plan_records;
UPDATE alembic_version SET version_num='fa35e192121e' WHERE alembic_version.version_num = 'bd307a3ec329';

COMMIT;
