-- Flyway V7__foreign_data.sql: reporting reads the legacy billing database through postgres_fdw.
CREATE EXTENSION IF NOT EXISTS postgres_fdw;

CREATE SERVER legacy_billing FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host 'billing-db.internal', port '5432', dbname 'billing');

CREATE USER MAPPING FOR CURRENT_USER SERVER legacy_billing
    OPTIONS (user 'report_ro', password 'change-me');

CREATE SCHEMA IF NOT EXISTS legacy;

IMPORT FOREIGN SCHEMA public LIMIT TO (invoices, payments)
    FROM SERVER legacy_billing INTO legacy;

CREATE FOREIGN TABLE legacy.refunds (
    id bigint NOT NULL,
    invoice_id bigint,
    amount numeric(12,2)
) SERVER legacy_billing OPTIONS (schema_name 'public', table_name 'refunds');

DROP FOREIGN TABLE IF EXISTS legacy.old_refunds;
DROP USER MAPPING IF EXISTS FOR CURRENT_USER SERVER legacy_billing_v1;
DROP SERVER IF EXISTS legacy_billing_v1 CASCADE;
