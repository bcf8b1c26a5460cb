BEGIN;

-- Running upgrade f1f836cb4ea6 -> af3e133428b9

CREATE TABLE tags (
    id SERIAL NOT NULL, 
    name VARCHAR(100) NOT NULL, 
    created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now() NOT NULL, 
    owner_id INTEGER, 
    PRIMARY KEY (id), 
    FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE, 
    UNIQUE (name)
);
CREATE INDEX ix_tags_owner_id ON tags (owner_id);
ALTER TABLE tags ADD COLUMN is_active BOOLEAN;
ALTER TABLE tags RENAME is_active TO is_active_old;
ALTER TABLE tags ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE tags ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE tags ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE tags ADD CONSTRAINT fk_tags_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE tags DROP CONSTRAINT tags_owner_id_fkey;
CREATE UNIQUE INDEX uq_tags_external ON tags (lower(name), owner_id);
ALTER TABLE tags ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN tags.name IS 'Display name of the tag';
UPDATE alembic_version SET version_num='af3e133428b9' WHERE alembic_version.version_num = 'f1f836cb4ea6';

-- Running upgrade af3e133428b9 -> 761f22b2c159

ALTER TABLE articles ADD COLUMN created_at TIMESTAMP WITHOUT TIME ZONE;
ALTER TABLE articles RENAME created_at TO created_at_old;
ALTER TABLE articles ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE articles ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE articles ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE articles ADD CONSTRAINT fk_articles_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE articles DROP CONSTRAINT articles_owner_id_fkey;
CREATE UNIQUE INDEX uq_articles_external ON articles (lower(name), owner_id);
ALTER TABLE articles ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN articles.name IS 'Display name of the article';
DROP INDEX ix_articles_legacy;
ALTER TABLE articles DROP COLUMN legacy_flag;
UPDATE alembic_version SET version_num='761f22b2c159' WHERE alembic_version.version_num = 'af3e133428b9';

-- Running upgrade 761f22b2c159 -> 92cfceb39d57

ALTER TABLE authors ADD COLUMN priority INTEGER;
ALTER TABLE authors RENAME priority TO priority_old;
ALTER TABLE authors ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE authors ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE authors ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE authors ADD CONSTRAINT fk_authors_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE authors DROP CONSTRAINT authors_owner_id_fkey;
CREATE UNIQUE INDEX uq_authors_external ON authors (lower(name), owner_id);
ALTER TABLE authors ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN authors.name IS 'Display name of the author';
UPDATE alembic_version SET version_num='92cfceb39d57' WHERE alembic_version.version_num = '761f22b2c159';

-- Running upgrade 92cfceb39d57 -> 0286dd552c9b

ALTER TABLE sessions ADD COLUMN external_id VARCHAR(64);
ALTER TABLE sessions RENAME external_id TO external_id_old;
ALTER TABLE sessions ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE sessions ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE sessions ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE sessions ADD CONSTRAINT fk_sessions_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE sessions DROP CONSTRAINT sessions_owner_id_fkey;
CREATE UNIQUE INDEX uq_sessions_external ON sessions (lower(name), owner_id);
ALTER TABLE sessions ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN sessions.name IS 'Display name of the session';
DROP INDEX ix_sessions_legacy;
ALTER TABLE sessions DROP COLUMN legacy_flag;
UPDATE alembic_version SET version_num='0286dd552c9b' WHERE alembic_version.version_num = '92cfceb39d57';

-- Running upgrade 0286dd552c9b -> 98fbc42faedc

ALTER TABLE tokens ADD COLUMN email VARCHAR(320);
ALTER TABLE tokens RENAME email TO email_old;
ALTER TABLE tokens ALTER COLUMN name TYPE VARCHAR(200);
ALTER TABLE tokens ALTER COLUMN owner_id SET NOT NULL;
ALTER TABLE tokens ALTER COLUMN created_at DROP NOT NULL;
ALTER TABLE tokens ADD CONSTRAINT fk_tokens_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id);
ALTER TABLE tokens DROP CONSTRAINT tokens_owner_id_fkey;
CREATE UNIQUE INDEX uq_tokens_external ON tokens (lower(name), owner_id);
ALTER TABLE tokens ALTER COLUMN priority SET DEFAULT '0';
COMMENT ON COLUMN tokens.name IS 'Display name of the token';
ALTER TABLE tokens RENAME TO token_records;
UPDATE alembic_version SET version_num='98fbc42faedc' WHERE alembic_version.version_num = '0286dd552c9b';

COMMIT;
