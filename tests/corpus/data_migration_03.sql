BEGIN;
UPDATE tags SET status = 'active' WHERE status IS NULL AND id BETWEEN 0 AND 9999;
INSERT INTO tags_archive (id, name, archived_at)
SELECT id, name, now() FROM tags WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM tags WHERE deleted_at < now() - interval '90 days';
UPDATE tags AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('tags_v2', false), ('tags_v3', false);
UPDATE articles SET status = 'active' WHERE status IS NULL AND id BETWEEN 10000 AND 19999;
INSERT INTO articles_archive (id, name, archived_at)
SELECT id, name, now() FROM articles WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM articles WHERE deleted_at < now() - interval '90 days';
UPDATE articles AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('articles_v2', false), ('articles_v3', false);
UPDATE authors SET status = 'active' WHERE status IS NULL AND id BETWEEN 20000 AND 29999;
INSERT INTO authors_archive (id, name, archived_at)
SELECT id, name, now() FROM authors WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM authors WHERE deleted_at < now() - interval '90 days';
UPDATE authors AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('authors_v2', false), ('authors_v3', false);
UPDATE sessions SET status = 'active' WHERE status IS NULL AND id BETWEEN 30000 AND 39999;
INSERT INTO sessions_archive (id, name, archived_at)
SELECT id, name, now() FROM sessions WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM sessions WHERE deleted_at < now() - interval '90 days';
UPDATE sessions AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('sessions_v2', false), ('sessions_v3', false);
UPDATE tokens SET status = 'active' WHERE status IS NULL AND id BETWEEN 40000 AND 49999;
INSERT INTO tokens_archive (id, name, archived_at)
SELECT id, name, now() FROM tokens WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM tokens WHERE deleted_at < now() - interval '90 days';
UPDATE tokens AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('tokens_v2', false), ('tokens_v3', false);
UPDATE notifications SET status = 'active' WHERE status IS NULL AND id BETWEEN 50000 AND 59999;
INSERT INTO notifications_archive (id, name, archived_at)
SELECT id, name, now() FROM notifications WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM notifications WHERE deleted_at < now() - interval '90 days';
UPDATE notifications AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('notifications_v2', false), ('notifications_v3', false);
UPDATE webhooks SET status = 'active' WHERE status IS NULL AND id BETWEEN 60000 AND 69999;
INSERT INTO webhooks_archive (id, name, archived_at)
SELECT id, name, now() FROM webhooks WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM webhooks WHERE deleted_at < now() - interval '90 days';
UPDATE webhooks AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('webhooks_v2', false), ('webhooks_v3', false);
UPDATE events SET status = 'active' WHERE status IS NULL AND id BETWEEN 70000 AND 79999;
INSERT INTO events_archive (id, name, archived_at)
SELECT id, name, now() FROM events WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM events WHERE deleted_at < now() - interval '90 days';
UPDATE events AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('events_v2', false), ('events_v3', false);
UPDATE audit_logs SET status = 'active' WHERE status IS NULL AND id BETWEEN 80000 AND 89999;
INSERT INTO audit_logs_archive (id, name, archived_at)
SELECT id, name, now() FROM audit_logs WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM audit_logs WHERE deleted_at < now() - interval '90 days';
UPDATE audit_logs AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('audit_logs_v2', false), ('audit_logs_v3', false);
UPDATE teams SET status = 'active' WHERE status IS NULL AND id BETWEEN 90000 AND 99999;
INSERT INTO teams_archive (id, name, archived_at)
SELECT id, name, now() FROM teams WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM teams WHERE deleted_at < now() - interval '90 days';
UPDATE teams AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('teams_v2', false), ('teams_v3', false);
COMMIT;
