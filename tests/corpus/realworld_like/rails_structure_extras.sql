SET statement_timeout = 0;
SET lock_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);

--
-- Name: prs_start(internal, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.prs_start(internal, integer) RETURNS internal
    LANGUAGE c STRICT
    AS '$libdir/tag_parser', 'prs_start';

--
-- Name: tag_parser; Type: TEXT SEARCH PARSER; Schema: public; Owner: -
--

CREATE TEXT SEARCH PARSER public.tag_parser (
    START = public.prs_start,
    GETTOKEN = public.prs_getlexeme,
    END = public.prs_end,
    HEADLINE = prsd_headline,
    LEXTYPES = public.prs_lextype );

--
-- Name: unaccent_simple; Type: TEXT SEARCH CONFIGURATION; Schema: public; Owner: -
--

CREATE TEXT SEARCH CONFIGURATION public.unaccent_simple (
    PARSER = pg_catalog."default" );

ALTER TEXT SEARCH CONFIGURATION public.unaccent_simple
    ADD MAPPING FOR asciiword WITH public.unaccent, simple;

--
-- Name: ci_natural; Type: COLLATION; Schema: public; Owner: -
--

CREATE COLLATION public.ci_natural (provider = icu, deterministic = false, locale = 'und-u-ks-level2');

--
-- Name: tsrange_day; Type: TYPE; Schema: public; Owner: -
--

CREATE TYPE public.daterange_inclusive AS RANGE (
    subtype = date,
    subtype_diff = public.date_diff_days
);

CREATE TYPE public.box_like;

--
-- Name: first(anyelement); Type: AGGREGATE; Schema: public; Owner: -
--

CREATE AGGREGATE public.first_value_agg(anyelement) (
    SFUNC = public.first_agg,
    STYPE = anyelement
);

CREATE CAST (character varying AS public.citext) WITHOUT FUNCTION AS ASSIGNMENT;

CREATE TABLE public.sessions (
    id bigint NOT NULL,
    flags bit varying(16),
    owner_id bigint
);

CREATE TABLE public.session_timings (
    session_id bigint NOT NULL,
    idle_for interval day to second(3)
);

CREATE TABLE public.session_owners (
    session_id bigint NOT NULL,
    owner_id bigint,
    CONSTRAINT session_owners_owner_fk FOREIGN KEY (session_id, owner_id) REFERENCES public.owners(session_id, id) ON DELETE SET NULL (owner_id)
);

CREATE STATISTICS public.sessions_owner_flags (dependencies) ON owner_id, flags FROM public.sessions;

CREATE RULE sessions_no_delete AS
    ON DELETE TO public.sessions DO INSTEAD NOTHING;

CREATE RECURSIVE VIEW public.category_tree (id, parent_id, depth) AS
 SELECT categories.id, categories.parent_id, 0 FROM public.categories WHERE (categories.parent_id IS NULL)
UNION ALL
 SELECT c.id, c.parent_id, (t.depth + 1) FROM (public.categories c JOIN public.category_tree t ON ((c.parent_id = t.id)));

INSERT INTO public.sessions (id, owner_id) OVERRIDING SYSTEM VALUE VALUES (1, NULL);

CREATE DATABASE reporting_replica;
