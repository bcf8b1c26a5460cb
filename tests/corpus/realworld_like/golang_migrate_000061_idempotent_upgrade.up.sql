-- golang-migrate, idempotent "upgrade" migration in the style of projects that must run on
-- installations of any age: every object is created IF NOT EXISTS and then upgraded in place.
-- On an old installation the table already exists and is large: the ALTERs below rewrite it.
CREATE TABLE IF NOT EXISTS threads (
    postid varchar(26) PRIMARY KEY,
    channelid varchar(26),
    replycount bigint,
    lastreplyat bigint,
    participants text
);

ALTER TABLE threads ADD COLUMN IF NOT EXISTS threaddeleteat bigint;
ALTER TABLE threads ALTER COLUMN participants TYPE jsonb USING participants::jsonb;
CREATE INDEX IF NOT EXISTS idx_threads_channel_id_last_reply_at ON threads (channelid, lastreplyat);

CREATE OR REPLACE VIEW thread_counts AS SELECT channelid, count(*) AS n FROM threads GROUP BY channelid;
ALTER VIEW thread_counts SET (security_barrier = true);
