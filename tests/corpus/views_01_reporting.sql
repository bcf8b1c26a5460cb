CREATE OR REPLACE VIEW user_summary AS
  SELECT o.id, o.name, count(*) AS total
  FROM users o JOIN events ev ON ev.user_id = o.id
  GROUP BY o.id, o.name;
CREATE MATERIALIZED VIEW IF NOT EXISTS user_daily AS
  SELECT date_trunc('day', created_at) AS day, count(*) AS n FROM users GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX user_daily_day_idx ON user_daily (day);
REFRESH MATERIALIZED VIEW CONCURRENTLY user_daily;
ALTER MATERIALIZED VIEW user_daily OWNER TO reporting;
ALTER VIEW user_summary RENAME TO user_overview;
GRANT SELECT ON user_overview, user_daily TO reporting_ro;
DROP VIEW IF EXISTS user_legacy_summary;
DROP MATERIALIZED VIEW IF EXISTS user_legacy_daily;
CREATE OR REPLACE VIEW account_summary AS
  SELECT o.id, o.name, count(*) AS total
  FROM accounts o JOIN events ev ON ev.account_id = o.id
  GROUP BY o.id, o.name;
CREATE MATERIALIZED VIEW IF NOT EXISTS account_daily AS
  SELECT date_trunc('day', created_at) AS day, count(*) AS n FROM accounts GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX account_daily_day_idx ON account_daily (day);
REFRESH MATERIALIZED VIEW CONCURRENTLY account_daily;
ALTER MATERIALIZED VIEW account_daily OWNER TO reporting;
ALTER VIEW account_summary RENAME TO account_overview;
GRANT SELECT ON account_overview, account_daily TO reporting_ro;
DROP VIEW IF EXISTS account_legacy_summary;
DROP MATERIALIZED VIEW IF EXISTS account_legacy_daily;
CREATE OR REPLACE VIEW organization_summary AS
  SELECT o.id, o.name, count(*) AS total
  FROM organizations o JOIN events ev ON ev.organization_id = o.id
  GROUP BY o.id, o.name;
CREATE MATERIALIZED VIEW IF NOT EXISTS organization_daily AS
  SELECT date_trunc('day', created_at) AS day, count(*) AS n FROM organizations GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX organization_daily_day_idx ON organization_daily (day);
REFRESH MATERIALIZED VIEW CONCURRENTLY organization_daily;
ALTER MATERIALIZED VIEW organization_daily OWNER TO reporting;
ALTER VIEW organization_summary RENAME TO organization_overview;
GRANT SELECT ON organization_overview, organization_daily TO reporting_ro;
DROP VIEW IF EXISTS organization_legacy_summary;
DROP MATERIALIZED VIEW IF EXISTS organization_legacy_daily;
CREATE OR REPLACE VIEW project_summary AS
  SELECT o.id, o.name, count(*) AS total
  FROM projects o JOIN events ev ON ev.project_id = o.id
  GROUP BY o.id, o.name;
CREATE MATERIALIZED VIEW IF NOT EXISTS project_daily AS
  SELECT date_trunc('day', created_at) AS day, count(*) AS n FROM projects GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX project_daily_day_idx ON project_daily (day);
REFRESH MATERIALIZED VIEW CONCURRENTLY project_daily;
ALTER MATERIALIZED VIEW project_daily OWNER TO reporting;
ALTER VIEW project_summary RENAME TO project_overview;
GRANT SELECT ON project_overview, project_daily TO reporting_ro;
DROP VIEW IF EXISTS project_legacy_summary;
DROP MATERIALIZED VIEW IF EXISTS project_legacy_daily;
CREATE OR REPLACE VIEW task_summary AS
  SELECT o.id, o.name, count(*) AS total
  FROM tasks o JOIN events ev ON ev.task_id = o.id
  GROUP BY o.id, o.name;
CREATE MATERIALIZED VIEW IF NOT EXISTS task_daily AS
  SELECT date_trunc('day', created_at) AS day, count(*) AS n FROM tasks GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX task_daily_day_idx ON task_daily (day);
REFRESH MATERIALIZED VIEW CONCURRENTLY task_daily;
ALTER MATERIALIZED VIEW task_daily OWNER TO reporting;
ALTER VIEW task_summary RENAME TO task_overview;
GRANT SELECT ON task_overview, task_daily TO reporting_ro;
DROP VIEW IF EXISTS task_legacy_summary;
DROP MATERIALIZED VIEW IF EXISTS task_legacy_daily;
CREATE OR REPLACE VIEW comment_summary AS
  SELECT o.id, o.name, count(*) AS total
  FROM comments o JOIN events ev ON ev.comment_id = o.id
  GROUP BY o.id, o.name;
CREATE MATERIALIZED VIEW IF NOT EXISTS comment_daily AS
  SELECT date_trunc('day', created_at) AS day, count(*) AS n FROM comments GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX comment_daily_day_idx ON comment_daily (day);
REFRESH MATERIALIZED VIEW CONCURRENTLY comment_daily;
ALTER MATERIALIZED VIEW comment_daily OWNER TO reporting;
ALTER VIEW comment_summary RENAME TO comment_overview;
GRANT SELECT ON comment_overview, comment_daily TO reporting_ro;
DROP VIEW IF EXISTS comment_legacy_summary;
DROP MATERIALIZED VIEW IF EXISTS comment_legacy_daily;
CREATE OR REPLACE VIEW invoice_summary AS
  SELECT o.id, o.name, count(*) AS total
  FROM invoices o JOIN events ev ON ev.invoice_id = o.id
  GROUP BY o.id, o.name;
CREATE MATERIALIZED VIEW IF NOT EXISTS invoice_daily AS
  SELECT date_trunc('day', created_at) AS day, count(*) AS n FROM invoices GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX invoice_daily_day_idx ON invoice_daily (day);
REFRESH MATERIALIZED VIEW CONCURRENTLY invoice_daily;
ALTER MATERIALIZED VIEW invoice_daily OWNER TO reporting;
ALTER VIEW invoice_summary RENAME TO invoice_overview;
GRANT SELECT ON invoice_overview, invoice_daily TO reporting_ro;
DROP VIEW IF EXISTS invoice_legacy_summary;
DROP MATERIALIZED VIEW IF EXISTS invoice_legacy_daily;
CREATE OR REPLACE VIEW payment_summary AS
  SELECT o.id, o.name, count(*) AS total
  FROM payments o JOIN events ev ON ev.payment_id = o.id
  GROUP BY o.id, o.name;
CREATE MATERIALIZED VIEW IF NOT EXISTS payment_daily AS
  SELECT date_trunc('day', created_at) AS day, count(*) AS n FROM payments GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX payment_daily_day_idx ON payment_daily (day);
REFRESH MATERIALIZED VIEW CONCURRENTLY payment_daily;
ALTER MATERIALIZED VIEW payment_daily OWNER TO reporting;
ALTER VIEW payment_summary RENAME TO payment_overview;
GRANT SELECT ON payment_overview, payment_daily TO reporting_ro;
DROP VIEW IF EXISTS payment_legacy_summary;
DROP MATERIALIZED VIEW IF EXISTS payment_legacy_daily;
