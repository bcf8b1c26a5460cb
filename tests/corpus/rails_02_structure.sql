SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;
SELECT pg_catalog.set_config('search_path', '', false);
SET default_tablespace = '';
SET default_table_access_method = heap;

--
-- Name: products; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.products (
    id bigint NOT NULL,
    name character varying NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
CREATE SEQUENCE public.products_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.products_id_seq OWNED BY public.products.id;
ALTER TABLE ONLY public.products ALTER COLUMN id SET DEFAULT nextval('public.products_id_seq'::regclass);
ALTER TABLE ONLY public.products
    ADD CONSTRAINT products_pkey PRIMARY KEY (id);
CREATE INDEX index_products_on_created_at ON public.products USING btree (created_at);
CREATE UNIQUE INDEX index_products_on_name ON public.products USING btree (name);

--
-- Name: orders; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orders (
    id bigint NOT NULL,
    name character varying NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
CREATE SEQUENCE public.orders_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.orders_id_seq OWNED BY public.orders.id;
ALTER TABLE ONLY public.orders ALTER COLUMN id SET DEFAULT nextval('public.orders_id_seq'::regclass);
ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);
CREATE INDEX index_orders_on_created_at ON public.orders USING btree (created_at);
CREATE UNIQUE INDEX index_orders_on_name ON public.orders USING btree (name);
CREATE INDEX index_orders_on_name_trgm ON public.orders USING gin (name public.gin_trgm_ops);
ALTER TABLE ONLY public.orders
    ADD CONSTRAINT fk_rails_356a192b79 FOREIGN KEY (id) REFERENCES public.accounts(id);

--
-- Name: order_items; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.order_items (
    id bigint NOT NULL,
    name character varying NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
CREATE SEQUENCE public.order_items_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.order_items_id_seq OWNED BY public.order_items.id;
ALTER TABLE ONLY public.order_items ALTER COLUMN id SET DEFAULT nextval('public.order_items_id_seq'::regclass);
ALTER TABLE ONLY public.order_items
    ADD CONSTRAINT order_items_pkey PRIMARY KEY (id);
CREATE INDEX index_order_items_on_created_at ON public.order_items USING btree (created_at);
CREATE UNIQUE INDEX index_order_items_on_name ON public.order_items USING btree (name);

--
-- Name: customers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.customers (
    id bigint NOT NULL,
    name character varying NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
CREATE SEQUENCE public.customers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.customers_id_seq OWNED BY public.customers.id;
ALTER TABLE ONLY public.customers ALTER COLUMN id SET DEFAULT nextval('public.customers_id_seq'::regclass);
ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (id);
CREATE INDEX index_customers_on_created_at ON public.customers USING btree (created_at);
CREATE UNIQUE INDEX index_customers_on_name ON public.customers USING btree (name);
CREATE INDEX index_customers_on_name_trgm ON public.customers USING gin (name public.gin_trgm_ops);
ALTER TABLE ONLY public.customers
    ADD CONSTRAINT fk_rails_77de68daec FOREIGN KEY (id) REFERENCES public.accounts(id);

--
-- Name: addresss; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.addresss (
    id bigint NOT NULL,
    name character varying NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
CREATE SEQUENCE public.addresss_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.addresss_id_seq OWNED BY public.addresss.id;
ALTER TABLE ONLY public.addresss ALTER COLUMN id SET DEFAULT nextval('public.addresss_id_seq'::regclass);
ALTER TABLE ONLY public.addresss
    ADD CONSTRAINT addresss_pkey PRIMARY KEY (id);
CREATE INDEX index_addresss_on_created_at ON public.addresss USING btree (created_at);
CREATE UNIQUE INDEX index_addresss_on_name ON public.addresss USING btree (name);

--
-- Name: shipments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.shipments (
    id bigint NOT NULL,
    name character varying NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
CREATE SEQUENCE public.shipments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.shipments_id_seq OWNED BY public.shipments.id;
ALTER TABLE ONLY public.shipments ALTER COLUMN id SET DEFAULT nextval('public.shipments_id_seq'::regclass);
ALTER TABLE ONLY public.shipments
    ADD CONSTRAINT shipments_pkey PRIMARY KEY (id);
CREATE INDEX index_shipments_on_created_at ON public.shipments USING btree (created_at);
CREATE UNIQUE INDEX index_shipments_on_name ON public.shipments USING btree (name);
CREATE INDEX index_shipments_on_name_trgm ON public.shipments USING gin (name public.gin_trgm_ops);
ALTER TABLE ONLY public.shipments
    ADD CONSTRAINT fk_rails_ac3478d69a FOREIGN KEY (id) REFERENCES public.accounts(id);

--
-- Name: warehouses; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.warehouses (
    id bigint NOT NULL,
    name character varying NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
CREATE SEQUENCE public.warehouses_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.warehouses_id_seq OWNED BY public.warehouses.id;
ALTER TABLE ONLY public.warehouses ALTER COLUMN id SET DEFAULT nextval('public.warehouses_id_seq'::regclass);
ALTER TABLE ONLY public.warehouses
    ADD CONSTRAINT warehouses_pkey PRIMARY KEY (id);
CREATE INDEX index_warehouses_on_created_at ON public.warehouses USING btree (created_at);
CREATE UNIQUE INDEX index_warehouses_on_name ON public.warehouses USING btree (name);

--
-- Name: inventorys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.inventorys (
    id bigint NOT NULL,
    name character varying NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
CREATE SEQUENCE public.inventorys_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.inventorys_id_seq OWNED BY public.inventorys.id;
ALTER TABLE ONLY public.inventorys ALTER COLUMN id SET DEFAULT nextval('public.inventorys_id_seq'::regclass);
ALTER TABLE ONLY public.inventorys
    ADD CONSTRAINT inventorys_pkey PRIMARY KEY (id);
CREATE INDEX index_inventorys_on_created_at ON public.inventorys USING btree (created_at);
CREATE UNIQUE INDEX index_inventorys_on_name ON public.inventorys USING btree (name);
CREATE INDEX index_inventorys_on_name_trgm ON public.inventorys USING gin (name public.gin_trgm_ops);
ALTER TABLE ONLY public.inventorys
    ADD CONSTRAINT fk_rails_902ba3cda1 FOREIGN KEY (id) REFERENCES public.accounts(id);

--
-- Name: suppliers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.suppliers (
    id bigint NOT NULL,
    name character varying NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
CREATE SEQUENCE public.suppliers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.suppliers_id_seq OWNED BY public.suppliers.id;
ALTER TABLE ONLY public.suppliers ALTER COLUMN id SET DEFAULT nextval('public.suppliers_id_seq'::regclass);
ALTER TABLE ONLY public.suppliers
    ADD CONSTRAINT suppliers_pkey PRIMARY KEY (id);
CREATE INDEX index_suppliers_on_created_at ON public.suppliers USING btree (created_at);
CREATE UNIQUE INDEX index_suppliers_on_name ON public.suppliers USING btree (name);

--
-- Name: categorys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.categorys (
    id bigint NOT NULL,
    name character varying NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
CREATE SEQUENCE public.categorys_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE public.categorys_id_seq OWNED BY public.categorys.id;
ALTER TABLE ONLY public.categorys ALTER COLUMN id SET DEFAULT nextval('public.categorys_id_seq'::regclass);
ALTER TABLE ONLY public.categorys
    ADD CONSTRAINT categorys_pkey PRIMARY KEY (id);
CREATE INDEX index_categorys_on_created_at ON public.categorys USING btree (created_at);
CREATE UNIQUE INDEX index_categorys_on_name ON public.categorys USING btree (name);
CREATE INDEX index_categorys_on_name_trgm ON public.categorys USING gin (name public.gin_trgm_ops);
ALTER TABLE ONLY public.categorys
    ADD CONSTRAINT fk_rails_0ade7c2cf9 FOREIGN KEY (id) REFERENCES public.accounts(id);
CREATE TABLE public.schema_migrations (
    version character varying NOT NULL
);
ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);
SET search_path TO "$user", public;
INSERT INTO "schema_migrations" (version) VALUES
('20240101000000'),
('20240102000000'),
('20240103000000');
