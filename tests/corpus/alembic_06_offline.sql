BEGIN;

-- Running upgrade 98fbc42faedc -> e1822db470e6

CREATE TABLE notifications (
    id SERIAL NOT NULL, 
    name VARCHAR(100) NOT NULL, 
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL, 
    owner_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE, 
    UNIQUE (name)
);
CREATE INDEX ix_notifications_owner_id ON notifications (owner_id);
ALTER TABLE notifications ADD COLUMN created_at TIMESTAMP WITHOUT TIME ZONE;
ALTER TABLE notifications RENAME created_at TO created_at_old;
ALTER TABLE notifications ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE notifications ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE notifications ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE notifications ADD CONSTRAINT fk_notifications_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE notifications DROP CONSTRAINT notifications_owner_id_fkey;
CREATE UNIQUE INDEX uq_notifications_external ON notifications (lower(name), owner_id);
ALTER TABLE notifications ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN notifications.name IS 'Display name of the notification';
UPDATE alembic_version SET version_num='e1822db470e6' WHERE alembic_version.version_num = '98fbc42faedc';

-- Running upgrade e1822db470e6 -> b7eb6c689c03

ALTER TABLE webhooks ADD COLUMN priority INTEGER;
ALTER TABLE webhooks RENAME priority TO priority_old;
ALTER TABLE webhooks ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE webhooks ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE webhooks ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE webhooks ADD CONSTRAINT fk_webhooks_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE webhooks DROP CONSTRAINT webhooks_owner_id_fkey;
CREATE UNIQUE INDEX uq_webhooks_external ON webhooks (lower(name), owner_id);
ALTER TABLE webhooks ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN webhooks.name IS 'Display name of the webhook';
DROP INDEX ix_webhooks_legacy;
ALTER TABLE webhooks DROP COLUMN legacy_flag;
UPDATE alembic_version SET version_num='b7eb6c689c03' WHERE alembic_version.version_num = 'e1822db470e6';

-- Running upgrade b7eb6c689c03 -> a9334987ece7

ALTER TABLE events ADD COLUMN external_id VARCHAR(64);
ALTER TABLE events RENAME external_id TO external_id_old;
ALTER TABLE events ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE events ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE events ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE events ADD CONSTRAINT fk_events_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE events DROP CONSTRAINT events_owner_id_fkey;
CREATE UNIQUE INDEX uq_events_external ON events (lower(name), owner_id);
ALTER TABLE events ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN events.name IS 'Display name of the event';
UPDATE alembic_version SET version_num='a9334987ece7' WHERE alembic_version.version_num = 'b7eb6c689c03';

-- Running upgrade a9334987ece7 -> c5b76da3e608

ALTER TABLE audit_logs ADD COLUMN email VARCHAR(320);
ALTER TABLE audit_logs RENAME email TO email_old;
ALTER TABLE audit_logs ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE audit_logs ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE audit_logs ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE audit_logs ADD CONSTRAINT fk_audit_logs_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE audit_logs DROP CONSTRAINT audit_logs_owner_id_fkey;
CREATE UNIQUE INDEX uq_audit_logs_external ON audit_logs (lower(name), owner_id);
ALTER TABLE audit_logs ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN audit_logs.name IS 'Display name of the audit_log';
DROP INDEX ix_audit_logs_legacy;
ALTER TABLE audit_logs DROP COLUMN legacy_flag;
UPDATE alembic_version SET version_num='c5b76da3e608' WHERE alembic_version.version_num = 'a9334987ece7';

-- Running upgrade c5b76da3e608 -> 80e28a51cbc2

ALTER TABLE teams ADD COLUMN score DOUBLE PRECISION;
ALTER TABLE teams RENAME score TO score_old;
ALTER TABLE teams ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE teams ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE teams ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE teams ADD CONSTRAINT fk_teams_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE teams DROP CONSTRAINT teams_owner_id_fkey;
CREATE UNIQUE INDEX uq_teams_external ON teams (lower(name), owner_id);
ALTER TABLE teams ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN teams.name IS 'Display name of the team';
ALTER TABLE teams RENAME TO team_records;
UPDATE alembic_version SET version_num='80e28a51cbc2' WHERE alembic_version.version_num = 'c5b76da3e608';

COMMIT;
