BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> b6589fc6ab0d

CREATE TABLE users (
    id SERIAL NOT NULL, 
    name VARCHAR(100) NOT NULL, 
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL, 
    owner_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE, 
    UNIQUE (name)
);
CREATE INDEX ix_users_owner_id ON users (owner_id);
ALTER TABLE users ADD COLUMN name VARCHAR(255);
ALTER TABLE users RENAME name TO name_old;
ALTER TABLE users ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE users ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE users ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE users ADD CONSTRAINT fk_users_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE users DROP CONSTRAINT users_owner_id_fkey;
CREATE UNIQUE INDEX uq_users_external ON users (lower(name), owner_id);
ALTER TABLE users ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN users.name IS 'Display name of the user';
INSERT INTO alembic_version (version_num) VALUES ('b6589fc6ab0d') RETURNING alembic_version.version_num;

-- Running upgrade b6589fc6ab0d -> 356a192b7913

CREATE TABLE accounts (
    id SERIAL NOT NULL, 
    name VARCHAR(100) NOT NULL, 
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL, 
    owner_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE, 
    UNIQUE (name)
);
CREATE INDEX ix_accounts_owner_id ON accounts (owner_id);
ALTER TABLE accounts ADD COLUMN status VARCHAR(32);
ALTER TABLE accounts RENAME status TO status_old;
ALTER TABLE accounts ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE accounts ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE accounts ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE accounts ADD CONSTRAINT fk_accounts_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE accounts DROP CONSTRAINT accounts_owner_id_fkey;
CREATE UNIQUE INDEX uq_accounts_external ON accounts (lower(name), owner_id);
ALTER TABLE accounts ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN accounts.name IS 'Display name of the account';
DROP INDEX ix_accounts_legacy;
ALTER TABLE accounts DROP COLUMN legacy_flag;
UPDATE alembic_version SET version_num='356a192b7913' WHERE alembic_version.version_num = 'b6589fc6ab0d';

-- Running upgrade 356a192b7913 -> da4b9237bacc

CREATE TABLE organizations (
    id SERIAL NOT NULL, 
    name VARCHAR(100) NOT NULL, 
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL, 
    owner_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE, 
    UNIQUE (name)
);
CREATE INDEX ix_organizations_owner_id ON organizations (owner_id);
ALTER TABLE organizations ADD COLUMN description TEXT;
ALTER TABLE organizations RENAME description TO description_old;
ALTER TABLE organizations ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE organizations ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE organizations ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE organizations ADD CONSTRAINT fk_organizations_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE organizations DROP CONSTRAINT organizations_owner_id_fkey;
CREATE UNIQUE INDEX uq_organizations_external ON organizations (lower(name), owner_id);
ALTER TABLE organizations ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN organizations.name IS 'Display name of the organization';
UPDATE alembic_version SET version_num='da4b9237bacc' WHERE alembic_version.version_num = '356a192b7913';

-- Running upgrade da4b9237bacc -> 77de68daecd8

CREATE TABLE projects (
    id SERIAL NOT NULL, 
    name VARCHAR(100) NOT NULL, 
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL, 
    owner_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE, 
    UNIQUE (name)
);
CREATE INDEX ix_projects_owner_id ON projects (owner_id);
ALTER TABLE projects ADD COLUMN amount NUMERIC(12, 2);
ALTER TABLE projects RENAME amount TO amount_old;
ALTER TABLE projects ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE projects ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE projects ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE projects ADD CONSTRAINT fk_projects_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE projects DROP CONSTRAINT projects_owner_id_fkey;
CREATE UNIQUE INDEX uq_projects_external ON projects (lower(name), owner_id);
ALTER TABLE projects ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN projects.name IS 'Display name of the project';
DROP INDEX ix_projects_legacy;
ALTER TABLE projects DROP COLUMN legacy_flag;
UPDATE alembic_version SET version_num='77de68daecd8' WHERE alembic_version.version_num = 'da4b9237bacc';

-- Running upgrade 77de68daecd8 -> 1b6453892473

CREATE TABLE tasks (
    id SERIAL NOT NULL, 
    name VARCHAR(100) NOT NULL, 
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL, 
    owner_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE, 
    UNIQUE (name)
);
CREATE INDEX ix_tasks_owner_id ON tasks (owner_id);
ALTER TABLE tasks ADD COLUMN is_active BOOLEAN;
ALTER TABLE tasks RENAME is_active TO is_active_old;
ALTER TABLE tasks ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE tasks ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE tasks ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE tasks ADD CONSTRAINT fk_tasks_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE tasks DROP CONSTRAINT tasks_owner_id_fkey;
CREATE UNIQUE INDEX uq_tasks_external ON tasks (lower(name), owner_id);
ALTER TABLE tasks ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN tasks.name IS 'Display name of the task';
ALTER TABLE tasks RENAME TO task_records;
UPDATE alembic_version SET version_num='1b6453892473' WHERE alembic_version.version_num = '77de68daecd8';

COMMIT;
