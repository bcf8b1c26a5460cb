BEGIN;

-- Running upgrade c66c65175fec -> b7103ca278a7

CREATE TABLE dashboards (
    id SERIAL NOT NULL, 
    name VARCHAR(100) NOT NULL, 
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL, 
    owner_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE, 
    UNIQUE (name)
);
CREATE INDEX ix_dashboards_owner_id ON dashboards (owner_id);
ALTER TABLE dashboards ADD COLUMN external_id VARCHAR(64);
ALTER TABLE dashboards RENAME external_id TO external_id_old;
ALTER TABLE dashboards ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE dashboards ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE dashboards ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE dashboards ADD CONSTRAINT fk_dashboards_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE dashboards DROP CONSTRAINT dashboards_owner_id_fkey;
CREATE UNIQUE INDEX uq_dashboards_external ON dashboards (lower(name), owner_id);
ALTER TABLE dashboards ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN dashboards.name IS 'Display name of the dashboard';
UPDATE alembic_version SET version_num='b7103ca278a7' WHERE alembic_version.version_num = 'c66c65175fec';

-- Running upgrade b7103ca278a7 -> d02560dd9d7d

ALTER TABLE metrics ADD COLUMN email VARCHAR(320);
ALTER TABLE metrics RENAME email TO email_old;
ALTER TABLE metrics ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE metrics ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE metrics ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE metrics ADD CONSTRAINT fk_metrics_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE metrics DROP CONSTRAINT metrics_owner_id_fkey;
CREATE UNIQUE INDEX uq_metrics_external ON metrics (lower(name), owner_id);
ALTER TABLE metrics ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN metrics.name IS 'Display name of the metric';
DROP INDEX ix_metrics_legacy;
ALTER TABLE metrics DROP COLUMN legacy_flag;
UPDATE alembic_version SET version_num='d02560dd9d7d' WHERE alembic_version.version_num = 'b7103ca278a7';

-- Running upgrade d02560dd9d7d -> c097638f92de

ALTER TABLE alerts ADD COLUMN score DOUBLE PRECISION;
ALTER TABLE alerts RENAME score TO score_old;
ALTER TABLE alerts ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE alerts ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE alerts ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE alerts ADD CONSTRAINT fk_alerts_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE alerts DROP CONSTRAINT alerts_owner_id_fkey;
CREATE UNIQUE INDEX uq_alerts_external ON alerts (lower(name), owner_id);
ALTER TABLE alerts ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN alerts.name IS 'Display name of the alert';
UPDATE alembic_version SET version_num='c097638f92de' WHERE alembic_version.version_num = 'd02560dd9d7d';

-- Running upgrade c097638f92de -> 35e995c107a7

ALTER TABLE incidents ADD COLUMN name VARCHAR(255);
ALTER TABLE incidents RENAME name TO name_old;
ALTER TABLE incidents ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE incidents ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE incidents ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE incidents ADD CONSTRAINT fk_incidents_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE incidents DROP CONSTRAINT incidents_owner_id_fkey;
CREATE UNIQUE INDEX uq_incidents_external ON incidents (lower(name), owner_id);
ALTER TABLE incidents ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN incidents.name IS 'Display name of the incident';
DROP INDEX ix_incidents_legacy;
ALTER TABLE incidents DROP COLUMN legacy_flag;
UPDATE alembic_version SET version_num='35e995c107a7' WHERE alembic_version.version_num = 'c097638f92de';

-- Running upgrade 35e995c107a7 -> 1f1362ea41d1

ALTER TABLE releases ADD COLUMN status VARCHAR(32);
ALTER TABLE releases RENAME status TO status_old;
ALTER TABLE releases ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE releases ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE releases ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE releases ADD CONSTRAINT fk_releases_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE releases DROP CONSTRAINT releases_owner_id_fkey;
CREATE UNIQUE INDEX uq_releases_external ON releases (lower(name), owner_id);
ALTER TABLE releases ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN releases.name IS 'Display name of the release';
ALTER TABLE releases RENAME TO release_records;
UPDATE alembic_version SET version_num='1f1362ea41d1' WHERE alembic_version.version_num = '35e995c107a7';

COMMIT;
