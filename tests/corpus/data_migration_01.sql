BEGIN;
UPDATE users SET status = 'active' WHERE status IS NULL AND id BETWEEN 0 AND 9999;
INSERT INTO users_archive (id, name, archived_at)
SELECT id, name, now() FROM users WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM users WHERE deleted_at < now() - interval '90 days';
UPDATE users AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('users_v2', false), ('users_v3', false);
UPDATE accounts SET status = 'active' WHERE status IS NULL AND id BETWEEN 10000 AND 19999;
INSERT INTO accounts_archive (id, name, archived_at)
SELECT id, name, now() FROM accounts WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM accounts WHERE deleted_at < now() - interval '90 days';
UPDATE accounts AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('accounts_v2', false), ('accounts_v3', false);
UPDATE organizations SET status = 'active' WHERE status IS NULL AND id BETWEEN 20000 AND 29999;
INSERT INTO organizations_archive (id, name, archived_at)
SELECT id, name, now() FROM organizations WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM organizations WHERE deleted_at < now() - interval '90 days';
UPDATE organizations AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('organizations_v2', false), ('organizations_v3', false);
UPDATE projects SET status = 'active' WHERE status IS NULL AND id BETWEEN 30000 AND 39999;
INSERT INTO projects_archive (id, name, archived_at)
SELECT id, name, now() FROM projects WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM projects WHERE deleted_at < now() - interval '90 days';
UPDATE projects AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('projects_v2', false), ('projects_v3', false);
UPDATE tasks SET status = 'active' WHERE status IS NULL AND id BETWEEN 40000 AND 49999;
INSERT INTO tasks_archive (id, name, archived_at)
SELECT id, name, now() FROM tasks WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM tasks WHERE deleted_at < now() - interval '90 days';
UPDATE tasks AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('tasks_v2', false), ('tasks_v3', false);
UPDATE comments SET status = 'active' WHERE status IS NULL AND id BETWEEN 50000 AND 59999;
INSERT INTO comments_archive (id, name, archived_at)
SELECT id, name, now() FROM comments WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM comments WHERE deleted_at < now() - interval '90 days';
UPDATE comments AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('comments_v2', false), ('comments_v3', false);
UPDATE invoices SET status = 'active' WHERE status IS NULL AND id BETWEEN 60000 AND 69999;
INSERT INTO invoices_archive (id, name, archived_at)
SELECT id, name, now() FROM invoices WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM invoices WHERE deleted_at < now() - interval '90 days';
UPDATE invoices AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('invoices_v2', false), ('invoices_v3', false);
UPDATE payments SET status = 'active' WHERE status IS NULL AND id BETWEEN 70000 AND 79999;
INSERT INTO payments_archive (id, name, archived_at)
SELECT id, name, now() FROM payments WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM payments WHERE deleted_at < now() - interval '90 days';
UPDATE payments AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('payments_v2', false), ('payments_v3', false);
UPDATE subscriptions SET status = 'active' WHERE status IS NULL AND id BETWEEN 80000 AND 89999;
INSERT INTO subscriptions_archive (id, name, archived_at)
SELECT id, name, now() FROM subscriptions WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM subscriptions WHERE deleted_at < now() - interval '90 days';
UPDATE subscriptions AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('subscriptions_v2', false), ('subscriptions_v3', false);
UPDATE plans SET status = 'active' WHERE status IS NULL AND id BETWEEN 90000 AND 99999;
INSERT INTO plans_archive (id, name, archived_at)
SELECT id, name, now() FROM plans WHERE deleted_at IS NOT NULL
ON CONFLICT (id) DO NOTHING;
DELETE FROM plans WHERE deleted_at < now() - interval '90 days';
UPDATE plans AS t SET owner_id = o.id FROM owners o WHERE o.legacy_id = t.legacy_owner_id;
INSERT INTO feature_flags (name, enabled) VALUES ('plans_v2', false), ('plans_v3', false);
COMMIT;
