CREATE OR REPLACE VIEW subscription_summary AS
  SELECT o.id, o.name, count(*) AS total
  FROM subscriptions o JOIN events ev ON ev.subscription_id = o.id
  GROUP BY o.id, o.name;
CREATE MATERIALIZED VIEW IF NOT EXISTS subscription_daily AS
  SELECT date_trunc('day', created_at) AS day, count(*) AS n FROM subscriptions GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX subscription_daily_day_idx ON subscription_daily (day);
REFRESH MATERIALIZED VIEW CONCURRENTLY subscription_daily;
ALTER MATERIALIZED VIEW subscription_daily OWNER TO reporting;
ALTER VIEW subscription_summary RENAME TO subscription_overview;
GRANT SELECT ON subscription_overview, subscription_daily TO reporting_ro;
DROP VIEW IF EXISTS subscription_legacy_summary;
DROP MATERIALIZED VIEW IF EXISTS subscription_legacy_daily;
CREATE OR REPLACE VIEW plan_summary AS
  SELECT o.id, o.name, count(*) AS total
  FROM plans o JOIN events ev ON ev.plan_id = o.id
  GROUP BY o.id, o.name;
CREATE MATERIALIZED VIEW IF NOT EXISTS plan_daily AS
  SELECT date_trunc('day', created_at) AS day, count(*) AS n FROM plans GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX plan_daily_day_idx ON plan_daily (day);
REFRESH MATERIALIZED VIEW CONCURRENTLY plan_daily;
ALTER MATERIALIZED VIEW plan_daily OWNER TO reporting;
ALTER VIEW plan_summary RENAME TO plan_overview;
GRANT SELECT ON plan_overview, plan_daily TO reporting_ro;
DROP VIEW IF EXISTS plan_legacy_summary;
DROP MATERIALIZED VIEW IF EXISTS plan_legacy_daily;
CREATE OR REPLACE VIEW product_summary AS
  SELECT o.id, o.name, count(*) AS total
  FROM products o JOIN events ev ON ev.product_id = o.id
  GROUP BY o.id, o.name;
CREATE MATERIALIZED VIEW IF NOT EXISTS product_daily AS
  SELECT date_trunc('day', created_at) AS day, count(*) AS n FROM products GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX product_daily_day_idx ON product_daily (day);
REFRESH MATERIALIZED VIEW CONCURRENTLY product_daily;
ALTER MATERIALIZED VIEW product_daily OWNER TO reporting;
ALTER VIEW product_summary RENAME TO product_overview;
GRANT SELECT ON product_overview, product_daily TO reporting_ro;
DROP VIEW IF EXISTS product_legacy_summary;
DROP MATERIALIZED VIEW IF EXISTS product_legacy_daily;
CREATE OR REPLACE VIEW order_summary AS
  SELECT o.id, o.name, count(*) AS total
  FROM orders o JOIN events ev ON ev.order_id = o.id
  GROUP BY o.id, o.name;
CREATE MATERIALIZED VIEW IF NOT EXISTS order_daily AS
  SELECT date_trunc('day', created_at) AS day, count(*) AS n FROM orders GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX order_daily_day_idx ON order_daily (day);
REFRESH MATERIALIZED VIEW CONCURRENTLY order_daily;
ALTER MATERIALIZED VIEW order_daily OWNER TO reporting;
ALTER VIEW order_summary RENAME TO order_overview;
GRANT SELECT ON order_overview, order_daily TO reporting_ro;
DROP VIEW IF EXISTS order_legacy_summary;
DROP MATERIALIZED VIEW IF EXISTS order_legacy_daily;
CREATE OR REPLACE VIEW order_item_summary AS
  SELECT o.id, o.name, count(*) AS total
  FROM order_items o JOIN events ev ON ev.order_item_id = o.id
  GROUP BY o.id, o.name;
CREATE MATERIALIZED VIEW IF NOT EXISTS order_item_daily AS
  SELECT date_trunc('day', created_at) AS day, count(*) AS n FROM order_items GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX order_item_daily_day_idx ON order_item_daily (day);
REFRESH MATERIALIZED VIEW CONCURRENTLY order_item_daily;
ALTER MATERIALIZED VIEW order_item_daily OWNER TO reporting;
ALTER VIEW order_item_summary RENAME TO order_item_overview;
GRANT SELECT ON order_item_overview, order_item_daily TO reporting_ro;
DROP VIEW IF EXISTS order_item_legacy_summary;
DROP MATERIALIZED VIEW IF EXISTS order_item_legacy_daily;
CREATE OR REPLACE VIEW customer_summary AS
  SELECT o.id, o.name, count(*) AS total
  FROM customers o JOIN events ev ON ev.customer_id = o.id
  GROUP BY o.id, o.name;
CREATE MATERIALIZED VIEW IF NOT EXISTS customer_daily AS
  SELECT date_trunc('day', created_at) AS day, count(*) AS n FROM customers GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX customer_daily_day_idx ON customer_daily (day);
REFRESH MATERIALIZED VIEW CONCURRENTLY customer_daily;
ALTER MATERIALIZED VIEW customer_daily OWNER TO reporting;
ALTER VIEW customer_summary RENAME TO customer_overview;
GRANT SELECT ON customer_overview, customer_daily TO reporting_ro;
DROP VIEW IF EXISTS customer_legacy_summary;
DROP MATERIALIZED VIEW IF EXISTS customer_legacy_daily;
CREATE OR REPLACE VIEW address_summary AS
  SELECT o.id, o.name, count(*) AS total
  FROM addresss o JOIN events ev ON ev.address_id = o.id
  GROUP BY o.id, o.name;
CREATE MATERIALIZED VIEW IF NOT EXISTS address_daily AS
  SELECT date_trunc('day', created_at) AS day, count(*) AS n FROM addresss GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX address_daily_day_idx ON address_daily (day);
REFRESH MATERIALIZED VIEW CONCURRENTLY address_daily;
ALTER MATERIALIZED VIEW address_daily OWNER TO reporting;
ALTER VIEW address_summary RENAME TO address_overview;
GRANT SELECT ON address_overview, address_daily TO reporting_ro;
DROP VIEW IF EXISTS address_legacy_summary;
DROP MATERIALIZED VIEW IF EXISTS address_legacy_daily;
CREATE OR REPLACE VIEW shipment_summary AS
  SELECT o.id, o.name, count(*) AS total
  FROM shipments o JOIN events ev ON ev.shipment_id = o.id
  GROUP BY o.id, o.name;
CREATE MATERIALIZED VIEW IF NOT EXISTS shipment_daily AS
  SELECT date_trunc('day', created_at) AS day, count(*) AS n FROM shipments GROUP BY 1
WITH NO DATA;
CREATE UNIQUE INDEX shipment_daily_day_idx ON shipment_daily (day);
REFRESH MATERIALIZED VIEW CONCURRENTLY shipment_daily;
ALTER MATERIALIZED VIEW shipment_daily OWNER TO reporting;
ALTER VIEW shipment_summary RENAME TO shipment_overview;
GRANT SELECT ON shipment_overview, shipment_daily TO reporting_ro;
DROP VIEW IF EXISTS shipment_legacy_summary;
DROP MATERIALIZED VIEW IF EXISTS shipment_legacy_daily;
