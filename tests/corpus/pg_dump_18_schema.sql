-- pg_dump 18.6 --schema-only output of a small application schema with PostgreSQL 18 features (real tool output)
--
-- PostgreSQL database dump
--

\restrict DQcKWFH1aGTvzo4CRZIutb55fBBea36pDZV1Av4h8dAsfel2BX3TzG7q6uFsNZJ

-- Dumped from database version 18.6
-- Dumped by pg_dump version 18.6

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET transaction_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: app; Type: SCHEMA; Schema: -; Owner: postgres
--

CREATE SCHEMA app;


ALTER SCHEMA app OWNER TO postgres;

--
-- Name: btree_gist; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;


--
-- Name: EXTENSION btree_gist; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION btree_gist IS 'support for indexing common datatypes in GiST';


--
-- Name: citext; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;


--
-- Name: EXTENSION citext; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';


--
-- Name: pg_trgm; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;


--
-- Name: EXTENSION pg_trgm; Type: COMMENT; Schema: -; Owner: 
--

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';


--
-- Name: email; Type: DOMAIN; Schema: app; Owner: postgres
--

CREATE DOMAIN app.email AS text
	CONSTRAINT email_check CHECK ((VALUE ~* '^[^@]+@[^@]+$'::text));


ALTER DOMAIN app.email OWNER TO postgres;

--
-- Name: money_amount; Type: TYPE; Schema: app; Owner: postgres
--

CREATE TYPE app.money_amount AS (
	currency character(3),
	cents bigint
);


ALTER TYPE app.money_amount OWNER TO postgres;

--
-- Name: order_status; Type: TYPE; Schema: app; Owner: postgres
--

CREATE TYPE app.order_status AS ENUM (
    'pending',
    'paid',
    'shipped',
    'cancelled'
);


ALTER TYPE app.order_status OWNER TO postgres;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: orders; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.orders (
    id bigint NOT NULL,
    customer_id bigint NOT NULL,
    status app.order_status DEFAULT 'pending'::app.order_status NOT NULL,
    total app.money_amount,
    invoice_number bigint,
    placed_at timestamp with time zone DEFAULT now() NOT NULL,
    note text
);
ALTER TABLE ONLY app.orders ALTER COLUMN note SET STATISTICS 200;
ALTER TABLE ONLY app.orders ALTER COLUMN note SET STORAGE EXTERNAL;


ALTER TABLE app.orders OWNER TO postgres;

--
-- Name: TABLE orders; Type: COMMENT; Schema: app; Owner: postgres
--

COMMENT ON TABLE app.orders IS 'Customer orders';


--
-- Name: COLUMN orders.status; Type: COMMENT; Schema: app; Owner: postgres
--

COMMENT ON COLUMN app.orders.status IS 'Lifecycle state';


--
-- Name: order_count(bigint); Type: FUNCTION; Schema: app; Owner: postgres
--

CREATE FUNCTION app.order_count(cid bigint) RETURNS bigint
    LANGUAGE sql STABLE
    BEGIN ATOMIC
 SELECT count(*) AS count
    FROM app.orders
   WHERE (orders.customer_id = order_count.cid);
END;


ALTER FUNCTION app.order_count(cid bigint) OWNER TO postgres;

--
-- Name: purge_cache(); Type: PROCEDURE; Schema: app; Owner: postgres
--

CREATE PROCEDURE app.purge_cache()
    LANGUAGE sql
    AS $$ DELETE FROM app.cache $$;


ALTER PROCEDURE app.purge_cache() OWNER TO postgres;

--
-- Name: touch(); Type: FUNCTION; Schema: app; Owner: postgres
--

CREATE FUNCTION app.touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  NEW.placed_at := now();
  INSERT INTO app.audit_log (customer_id, status, placed_at) VALUES (NEW.customer_id, NEW.status, NEW.placed_at);
  RETURN NEW;
END
$$;


ALTER FUNCTION app.touch() OWNER TO postgres;

--
-- Name: FUNCTION touch(); Type: COMMENT; Schema: app; Owner: postgres
--

COMMENT ON FUNCTION app.touch() IS 'keeps placed_at fresh';


--
-- Name: invoice_number_seq; Type: SEQUENCE; Schema: app; Owner: postgres
--

CREATE SEQUENCE app.invoice_number_seq
    START WITH 1000
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE app.invoice_number_seq OWNER TO postgres;

--
-- Name: invoice_number_seq; Type: SEQUENCE OWNED BY; Schema: app; Owner: postgres
--

ALTER SEQUENCE app.invoice_number_seq OWNED BY app.orders.invoice_number;


--
-- Name: audit_log; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.audit_log (
    id bigint CONSTRAINT orders_id_not_null NOT NULL,
    customer_id bigint CONSTRAINT orders_customer_id_not_null NOT NULL,
    status app.order_status DEFAULT 'pending'::app.order_status CONSTRAINT orders_status_not_null NOT NULL,
    total app.money_amount,
    invoice_number bigint DEFAULT nextval('app.invoice_number_seq'::regclass),
    placed_at timestamp with time zone DEFAULT now() CONSTRAINT orders_placed_at_not_null NOT NULL,
    note text
);


ALTER TABLE app.audit_log OWNER TO postgres;

--
-- Name: bookings; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.bookings (
    id integer NOT NULL,
    room integer NOT NULL,
    during tstzrange NOT NULL
);


ALTER TABLE app.bookings OWNER TO postgres;

--
-- Name: bookings_id_seq; Type: SEQUENCE; Schema: app; Owner: postgres
--

CREATE SEQUENCE app.bookings_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE app.bookings_id_seq OWNER TO postgres;

--
-- Name: bookings_id_seq; Type: SEQUENCE OWNED BY; Schema: app; Owner: postgres
--

ALTER SEQUENCE app.bookings_id_seq OWNED BY app.bookings.id;


--
-- Name: cache; Type: TABLE; Schema: app; Owner: postgres
--

CREATE UNLOGGED TABLE app.cache (
    k text NOT NULL,
    v bytea
)
WITH (fillfactor='70');


ALTER TABLE app.cache OWNER TO postgres;

--
-- Name: customers; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.customers (
    id bigint NOT NULL,
    email app.email NOT NULL,
    name text DEFAULT ''::text NOT NULL,
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, COALESCE(name, ''::text))) STORED,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT customers_name_len CHECK ((char_length(name) < 500))
);

ALTER TABLE ONLY app.customers REPLICA IDENTITY FULL;


ALTER TABLE app.customers OWNER TO postgres;

--
-- Name: CONSTRAINT customers_name_len ON customers; Type: COMMENT; Schema: app; Owner: postgres
--

COMMENT ON CONSTRAINT customers_name_len ON app.customers IS 'names stay short';


--
-- Name: customer_totals; Type: VIEW; Schema: app; Owner: postgres
--

CREATE VIEW app.customer_totals AS
 SELECT c.id,
    c.name,
    count(o.id) AS orders
   FROM (app.customers c
     LEFT JOIN app.orders o ON ((o.customer_id = c.id)))
  GROUP BY c.id, c.name;


ALTER VIEW app.customer_totals OWNER TO postgres;

--
-- Name: customers_id_seq; Type: SEQUENCE; Schema: app; Owner: postgres
--

CREATE SEQUENCE app.customers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER SEQUENCE app.customers_id_seq OWNER TO postgres;

--
-- Name: customers_id_seq; Type: SEQUENCE OWNED BY; Schema: app; Owner: postgres
--

ALTER SEQUENCE app.customers_id_seq OWNED BY app.customers.id;


--
-- Name: daily_orders; Type: MATERIALIZED VIEW; Schema: app; Owner: postgres
--

CREATE MATERIALIZED VIEW app.daily_orders AS
 SELECT date_trunc('day'::text, placed_at) AS day,
    count(*) AS n
   FROM app.orders
  GROUP BY (date_trunc('day'::text, placed_at))
  WITH NO DATA;


ALTER MATERIALIZED VIEW app.daily_orders OWNER TO postgres;

--
-- Name: events; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.events (
    id bigint NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL
)
PARTITION BY RANGE (occurred_at);


ALTER TABLE app.events OWNER TO postgres;

--
-- Name: events_2024; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.events_2024 (
    id bigint CONSTRAINT events_id_not_null NOT NULL,
    occurred_at timestamp with time zone CONSTRAINT events_occurred_at_not_null NOT NULL,
    payload jsonb DEFAULT '{}'::jsonb CONSTRAINT events_payload_not_null NOT NULL
);


ALTER TABLE app.events_2024 OWNER TO postgres;

--
-- Name: events_2025; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.events_2025 (
    id bigint CONSTRAINT events_id_not_null NOT NULL,
    occurred_at timestamp with time zone CONSTRAINT events_occurred_at_not_null NOT NULL,
    payload jsonb DEFAULT '{}'::jsonb CONSTRAINT events_payload_not_null NOT NULL
);


ALTER TABLE app.events_2025 OWNER TO postgres;

--
-- Name: events_default; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.events_default (
    id bigint CONSTRAINT events_id_not_null NOT NULL,
    occurred_at timestamp with time zone CONSTRAINT events_occurred_at_not_null NOT NULL,
    payload jsonb DEFAULT '{}'::jsonb CONSTRAINT events_payload_not_null NOT NULL
);


ALTER TABLE app.events_default OWNER TO postgres;

--
-- Name: orders_id_seq; Type: SEQUENCE; Schema: app; Owner: postgres
--

ALTER TABLE app.orders ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME app.orders_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: readings; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.readings (
    id uuid DEFAULT uuidv7() NOT NULL,
    raw numeric NOT NULL,
    doubled numeric GENERATED ALWAYS AS ((raw * (2)::numeric)),
    sensor text
);


ALTER TABLE app.readings OWNER TO postgres;

--
-- Name: room_rates; Type: TABLE; Schema: app; Owner: postgres
--

CREATE TABLE app.room_rates (
    room integer NOT NULL,
    valid_at tstzrange NOT NULL,
    rate numeric
);


ALTER TABLE app.room_rates OWNER TO postgres;

--
-- Name: events_2024; Type: TABLE ATTACH; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events ATTACH PARTITION app.events_2024 FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00');


--
-- Name: events_2025; Type: TABLE ATTACH; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events ATTACH PARTITION app.events_2025 FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00');


--
-- Name: events_default; Type: TABLE ATTACH; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events ATTACH PARTITION app.events_default DEFAULT;


--
-- Name: bookings id; Type: DEFAULT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.bookings ALTER COLUMN id SET DEFAULT nextval('app.bookings_id_seq'::regclass);


--
-- Name: customers id; Type: DEFAULT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.customers ALTER COLUMN id SET DEFAULT nextval('app.customers_id_seq'::regclass);


--
-- Name: orders invoice_number; Type: DEFAULT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.orders ALTER COLUMN invoice_number SET DEFAULT nextval('app.invoice_number_seq'::regclass);


--
-- Name: bookings bookings_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.bookings
    ADD CONSTRAINT bookings_pkey PRIMARY KEY (id);


--
-- Name: bookings bookings_room_during_excl; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.bookings
    ADD CONSTRAINT bookings_room_during_excl EXCLUDE USING gist (room WITH =, during WITH &&);


--
-- Name: cache cache_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.cache
    ADD CONSTRAINT cache_pkey PRIMARY KEY (k);


--
-- Name: customers customers_email_key; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.customers
    ADD CONSTRAINT customers_email_key UNIQUE (email);


--
-- Name: customers customers_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (id);


--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (id, occurred_at);


--
-- Name: events_2024 events_2024_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events_2024
    ADD CONSTRAINT events_2024_pkey PRIMARY KEY (id, occurred_at);


--
-- Name: events_2025 events_2025_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events_2025
    ADD CONSTRAINT events_2025_pkey PRIMARY KEY (id, occurred_at);


--
-- Name: events_default events_default_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.events_default
    ADD CONSTRAINT events_default_pkey PRIMARY KEY (id, occurred_at);


--
-- Name: orders orders_note_len; Type: CHECK CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE app.orders
    ADD CONSTRAINT orders_note_len CHECK ((char_length(note) < 1000)) NOT VALID;


--
-- Name: orders orders_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);


--
-- Name: readings readings_pkey; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.readings
    ADD CONSTRAINT readings_pkey PRIMARY KEY (id);


--
-- Name: readings readings_raw_positive; Type: CHECK CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE app.readings
    ADD CONSTRAINT readings_raw_positive CHECK ((raw > (0)::numeric)) NOT ENFORCED;


--
-- Name: readings readings_sensor_nn; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE app.readings
    ADD CONSTRAINT readings_sensor_nn NOT NULL sensor NOT VALID;


--
-- Name: room_rates room_rates_pk; Type: CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.room_rates
    ADD CONSTRAINT room_rates_pk PRIMARY KEY (room, valid_at WITHOUT OVERLAPS);


--
-- Name: customers_created_at_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX customers_created_at_idx ON app.customers USING btree (created_at);

ALTER TABLE app.customers CLUSTER ON customers_created_at_idx;


--
-- Name: customers_name_trgm; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX customers_name_trgm ON app.customers USING gin (name public.gin_trgm_ops);


--
-- Name: daily_orders_day; Type: INDEX; Schema: app; Owner: postgres
--

CREATE UNIQUE INDEX daily_orders_day ON app.daily_orders USING btree (day);


--
-- Name: events_occurred_at_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX events_occurred_at_idx ON ONLY app.events USING btree (occurred_at);


--
-- Name: events_2024_occurred_at_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX events_2024_occurred_at_idx ON app.events_2024 USING btree (occurred_at);


--
-- Name: events_2025_occurred_at_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX events_2025_occurred_at_idx ON app.events_2025 USING btree (occurred_at);


--
-- Name: events_default_occurred_at_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX events_default_occurred_at_idx ON app.events_default USING btree (occurred_at);


--
-- Name: orders_customer_id_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX orders_customer_id_idx ON app.orders USING btree (customer_id);


--
-- Name: INDEX orders_customer_id_idx; Type: COMMENT; Schema: app; Owner: postgres
--

COMMENT ON INDEX app.orders_customer_id_idx IS 'FK lookup';


--
-- Name: orders_open_per_customer; Type: INDEX; Schema: app; Owner: postgres
--

CREATE UNIQUE INDEX orders_open_per_customer ON app.orders USING btree (customer_id) WHERE (status = 'pending'::app.order_status);


--
-- Name: orders_placed_at_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE INDEX orders_placed_at_idx ON app.orders USING brin (placed_at);


--
-- Name: readings_sensor_idx; Type: INDEX; Schema: app; Owner: postgres
--

CREATE UNIQUE INDEX readings_sensor_idx ON app.readings USING btree (sensor) NULLS NOT DISTINCT;


--
-- Name: events_2024_occurred_at_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_occurred_at_idx ATTACH PARTITION app.events_2024_occurred_at_idx;


--
-- Name: events_2024_pkey; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_pkey ATTACH PARTITION app.events_2024_pkey;


--
-- Name: events_2025_occurred_at_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_occurred_at_idx ATTACH PARTITION app.events_2025_occurred_at_idx;


--
-- Name: events_2025_pkey; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_pkey ATTACH PARTITION app.events_2025_pkey;


--
-- Name: events_default_occurred_at_idx; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_occurred_at_idx ATTACH PARTITION app.events_default_occurred_at_idx;


--
-- Name: events_default_pkey; Type: INDEX ATTACH; Schema: app; Owner: postgres
--

ALTER INDEX app.events_pkey ATTACH PARTITION app.events_default_pkey;


--
-- Name: orders orders_touch; Type: TRIGGER; Schema: app; Owner: postgres
--

CREATE TRIGGER orders_touch BEFORE UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION app.touch();


--
-- Name: orders orders_customer_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: postgres
--

ALTER TABLE ONLY app.orders
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES app.customers(id) ON DELETE CASCADE;


--
-- Name: orders; Type: ROW SECURITY; Schema: app; Owner: postgres
--

ALTER TABLE app.orders ENABLE ROW LEVEL SECURITY;

--
-- Name: orders orders_owner; Type: POLICY; Schema: app; Owner: postgres
--

CREATE POLICY orders_owner ON app.orders FOR SELECT TO app_reader USING ((customer_id > 0));


--
-- Name: SCHEMA app; Type: ACL; Schema: -; Owner: postgres
--

GRANT USAGE ON SCHEMA app TO app_reader;


--
-- Name: TABLE orders; Type: ACL; Schema: app; Owner: postgres
--

GRANT SELECT ON TABLE app.orders TO app_reader;


--
-- Name: FUNCTION touch(); Type: ACL; Schema: app; Owner: postgres
--

REVOKE ALL ON FUNCTION app.touch() FROM PUBLIC;


--
-- Name: SEQUENCE invoice_number_seq; Type: ACL; Schema: app; Owner: postgres
--

GRANT USAGE ON SEQUENCE app.invoice_number_seq TO app_reader;


--
-- Name: TABLE audit_log; Type: ACL; Schema: app; Owner: postgres
--

GRANT SELECT ON TABLE app.audit_log TO app_reader;


--
-- Name: TABLE bookings; Type: ACL; Schema: app; Owner: postgres
--

GRANT SELECT ON TABLE app.bookings TO app_reader;


--
-- Name: TABLE cache; Type: ACL; Schema: app; Owner: postgres
--

GRANT SELECT ON TABLE app.cache TO app_reader;


--
-- Name: TABLE customers; Type: ACL; Schema: app; Owner: postgres
--

GRANT SELECT ON TABLE app.customers TO app_reader;


--
-- Name: COLUMN customers.id; Type: ACL; Schema: app; Owner: postgres
--

GRANT SELECT(id) ON TABLE app.customers TO app_reader;


--
-- Name: COLUMN customers.name; Type: ACL; Schema: app; Owner: postgres
--

GRANT SELECT(name) ON TABLE app.customers TO app_reader;


--
-- Name: TABLE customer_totals; Type: ACL; Schema: app; Owner: postgres
--

GRANT SELECT ON TABLE app.customer_totals TO app_reader;


--
-- Name: TABLE daily_orders; Type: ACL; Schema: app; Owner: postgres
--

GRANT SELECT ON TABLE app.daily_orders TO app_reader;


--
-- Name: TABLE events; Type: ACL; Schema: app; Owner: postgres
--

GRANT SELECT ON TABLE app.events TO app_reader;


--
-- Name: TABLE events_2024; Type: ACL; Schema: app; Owner: postgres
--

GRANT SELECT ON TABLE app.events_2024 TO app_reader;


--
-- Name: TABLE events_2025; Type: ACL; Schema: app; Owner: postgres
--

GRANT SELECT ON TABLE app.events_2025 TO app_reader;


--
-- Name: TABLE events_default; Type: ACL; Schema: app; Owner: postgres
--

GRANT SELECT ON TABLE app.events_default TO app_reader;


--
-- Name: TABLE readings; Type: ACL; Schema: app; Owner: postgres
--

GRANT SELECT ON TABLE app.readings TO app_reader;


--
-- Name: TABLE room_rates; Type: ACL; Schema: app; Owner: postgres
--

GRANT SELECT ON TABLE app.room_rates TO app_reader;


--
-- Name: DEFAULT PRIVILEGES FOR TABLES; Type: DEFAULT ACL; Schema: app; Owner: postgres
--

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA app GRANT SELECT ON TABLES TO app_reader;


--
-- PostgreSQL database dump complete
--

\unrestrict DQcKWFH1aGTvzo4CRZIutb55fBBea36pDZV1Av4h8dAsfel2BX3TzG7q6uFsNZJ

