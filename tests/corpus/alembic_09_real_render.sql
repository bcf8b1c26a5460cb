-- Rendered by alembic 1.20 (offline, postgresql) from op.* calls
CREATE TABLE author (
    id SERIAL NOT NULL, 
    name VARCHAR(100) NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
    PRIMARY KEY (id)
);

CREATE TYPE post_status AS ENUM ('draft', 'published');

CREATE TABLE post (
    id BIGINT GENERATED ALWAYS AS IDENTITY, 
    author_id INTEGER NOT NULL, 
    title VARCHAR(200), 
    body TEXT, 
    status post_status DEFAULT 'draft', 
    meta JSONB DEFAULT '{}'::jsonb, 
    PRIMARY KEY (id), 
    CONSTRAINT uq_post_author_title UNIQUE (author_id, title), 
    FOREIGN KEY(author_id) REFERENCES author (id) ON DELETE CASCADE
);

CREATE INDEX ix_post_author_id ON post (author_id);

CREATE UNIQUE INDEX CONCURRENTLY ix_post_title ON post (title);

CREATE INDEX ix_post_meta ON post USING gin (meta);

CREATE INDEX ix_post_live ON post (id) WHERE status = 'published';

ALTER TABLE post ADD COLUMN slug VARCHAR(120);

ALTER TABLE post ADD COLUMN views INTEGER DEFAULT '0' NOT NULL;

ALTER TABLE post RENAME title TO headline;

ALTER TABLE post ALTER COLUMN headline TYPE VARCHAR(300);

ALTER TABLE post ALTER COLUMN views TYPE BIGINT USING views::bigint;

ALTER TABLE post ALTER COLUMN slug SET NOT NULL;

ALTER TABLE post ALTER COLUMN body DROP NOT NULL;

ALTER TABLE post ALTER COLUMN views DROP DEFAULT;

ALTER TABLE post ALTER COLUMN status SET DEFAULT 'published';

COMMENT ON COLUMN post.body IS 'Markdown body';

ALTER TABLE post ADD CONSTRAINT fk_post_editor FOREIGN KEY(editor_id) REFERENCES author (id) ON DELETE SET NULL;

ALTER TABLE post ADD CONSTRAINT uq_post_slug UNIQUE (slug);

ALTER TABLE post ADD CONSTRAINT ck_post_views_positive CHECK (views >= 0);

ALTER TABLE post DROP CONSTRAINT uq_post_author_title;

DROP INDEX ix_post_meta;

DROP INDEX CONCURRENTLY ix_post_title;

ALTER TABLE post DROP COLUMN meta;

ALTER TABLE post RENAME TO article;

COMMENT ON TABLE article IS 'Published articles';

UPDATE article SET status = 'published' WHERE views > 100;

INSERT INTO author (id, name) VALUES (1, 'Ann');

INSERT INTO author (id, name) VALUES (2, 'Bob');

INSERT INTO author (id, name) VALUES (3, 'Cy');

ALTER TABLE tag ADD CONSTRAINT pk_tag PRIMARY KEY (id);

ALTER TABLE booking ADD CONSTRAINT excl_booking EXCLUDE USING gist (room WITH =, during WITH &&);

CREATE SEQUENCE invoice_number_seq START WITH 1000;

ALTER TABLE article ALTER COLUMN created_at TYPE TIMESTAMP WITHOUT TIME ZONE;

DROP TABLE legacy_post;

DROP TYPE post_status;

CREATE TABLE blog.tag (
    id SERIAL NOT NULL, 
    label VARCHAR(50) NOT NULL, 
    PRIMARY KEY (id), 
    UNIQUE (label)
);

ALTER TABLE blog.tag ADD COLUMN color VARCHAR(7);

ALTER TABLE blog.tag RENAME label TO name;

ALTER TABLE blog.tag DROP COLUMN color;

CREATE INDEX ix_blog_tag_name_lower ON blog.tag (lower(name));

