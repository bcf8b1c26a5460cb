BEGIN;

-- Running upgrade 80e28a51cbc2 -> e6c3dd630428

CREATE TABLE memberships (
    id SERIAL NOT NULL, 
    name VARCHAR(100) NOT NULL, 
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL, 
    owner_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE, 
    UNIQUE (name)
);
CREATE INDEX ix_memberships_owner_id ON memberships (owner_id);
ALTER TABLE memberships ADD COLUMN priority INTEGER;
ALTER TABLE memberships RENAME priority TO priority_old;
ALTER TABLE memberships ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE memberships ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE memberships ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE memberships ADD CONSTRAINT fk_memberships_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE memberships DROP CONSTRAINT memberships_owner_id_fkey;
CREATE UNIQUE INDEX uq_memberships_external ON memberships (lower(name), owner_id);
ALTER TABLE memberships ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN memberships.name IS 'Display name of the membership';
UPDATE alembic_version SET version_num='e6c3dd630428' WHERE alembic_version.version_num = '80e28a51cbc2';

-- Running upgrade e6c3dd630428 -> 6c1e671f9af5

ALTER TABLE invitations ADD COLUMN external_id VARCHAR(64);
ALTER TABLE invitations RENAME external_id TO external_id_old;
ALTER TABLE invitations ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE invitations ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE invitations ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE invitations ADD CONSTRAINT fk_invitations_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE invitations DROP CONSTRAINT invitations_owner_id_fkey;
CREATE UNIQUE INDEX uq_invitations_external ON invitations (lower(name), owner_id);
ALTER TABLE invitations ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN invitations.name IS 'Display name of the invitation';
DROP INDEX ix_invitations_legacy;
ALTER TABLE invitations DROP COLUMN legacy_flag;
UPDATE alembic_version SET version_num='6c1e671f9af5' WHERE alembic_version.version_num = 'e6c3dd630428';

-- Running upgrade 6c1e671f9af5 -> 511a418e7259

ALTER TABLE files ADD COLUMN email VARCHAR(320);
ALTER TABLE files RENAME email TO email_old;
ALTER TABLE files ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE files ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE files ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE files ADD CONSTRAINT fk_files_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE files DROP CONSTRAINT files_owner_id_fkey;
CREATE UNIQUE INDEX uq_files_external ON files (lower(name), owner_id);
ALTER TABLE files ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN files.name IS 'Display name of the file';
UPDATE alembic_version SET version_num='511a418e7259' WHERE alembic_version.version_num = '6c1e671f9af5';

-- Running upgrade 511a418e7259 -> a17554a0d2b1

ALTER TABLE folders ADD COLUMN score DOUBLE PRECISION;
ALTER TABLE folders RENAME score TO score_old;
ALTER TABLE folders ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE folders ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE folders ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE folders ADD CONSTRAINT fk_folders_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE folders DROP CONSTRAINT folders_owner_id_fkey;
CREATE UNIQUE INDEX uq_folders_external ON folders (lower(name), owner_id);
ALTER TABLE folders ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN folders.name IS 'Display name of the folder';
DROP INDEX ix_folders_legacy;
ALTER TABLE folders DROP COLUMN legacy_flag;
UPDATE alembic_version SET version_num='a17554a0d2b1' WHERE alembic_version.version_num = '511a418e7259';

-- Running upgrade a17554a0d2b1 -> c66c65175fec

ALTER TABLE reports ADD COLUMN name VARCHAR(255);
ALTER TABLE reports RENAME name TO name_old;
ALTER TABLE reports ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE reports ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE reports ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE reports ADD CONSTRAINT fk_reports_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE reports DROP CONSTRAINT reports_owner_id_fkey;
CREATE UNIQUE INDEX uq_reports_external ON reports (lower(name), owner_id);
ALTER TABLE reports ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN reports.name IS 'Display name of the report';
ALTER TABLE reports RENAME TO report_records;
UPDATE alembic_version SET version_num='c66c65175fec' WHERE alembic_version.version_num = 'a17554a0d2b1';

COMMIT;
