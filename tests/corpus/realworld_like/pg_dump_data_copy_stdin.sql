--
-- PostgreSQL database dump (plain format, schema and data), seeded reference tables
--

SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

CREATE TABLE public.plans (
    id integer NOT NULL,
    name text NOT NULL,
    price_cents integer DEFAULT 0 NOT NULL
);

CREATE SEQUENCE public.plans_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;

--
-- Data for Name: plans; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.plans (id, name, price_cents) FROM stdin;
1	free	0
2	pro; yearly	9900
3	team	\N
\.


SELECT pg_catalog.setval('public.plans_id_seq', 3, true);

ALTER TABLE ONLY public.plans
    ADD CONSTRAINT plans_pkey PRIMARY KEY (id);

COPY public.features (plan_id, code) FROM stdin;
\.

CREATE UNIQUE INDEX plans_name_key ON public.plans USING btree (name);
