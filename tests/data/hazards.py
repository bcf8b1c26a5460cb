"""The 89 hazards of the migration-hazard catalog, each mapped to the rule that reports it.

A copy of the catalog's ids and titles (the catalog itself is not part of the repository), with
a minimal example per hazard: `sql` is the migration, `earlier` the SQL of earlier migrations
(its tables exist and may be large). `tests/rules/test_hazard_coverage.py` lints each example
and asserts that `rule` reports it (and that none of `not_rules` does). Hazards that no rule can
check from SQL are in `LEFT_OUT` with the reason. `docs/hazards.md` is the human-readable view.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Hazard:
    id: str
    title: str
    rule: str  # the rule name that reports the example
    sql: str
    earlier: str = ""
    pg: int = 16
    assume_in_transaction: bool = False
    not_rules: tuple[str, ...] = ()  # rules that must NOT fire (false positives other tools have)
    note: str = ""  # what part of the hazard the rule does not check, and why
    message_contains: tuple[str, ...] = ()  # e.g. the other table a lock is taken on


@dataclass(frozen=True, slots=True)
class LeftOut:
    id: str
    title: str
    reason: str


T = "CREATE TABLE t (a int, b text);"
PC = "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (id int, p_id int);"
PART = "CREATE TABLE p (a int) PARTITION BY RANGE (a); CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);"

COVERED: tuple[Hazard, ...] = (
    # 1 Columns, nullability and defaults
    Hazard("COL001", "add-column-volatile-default", "volatile-default",
           "ALTER TABLE t ADD COLUMN r float8 DEFAULT random();", T),
    Hazard("COL003", "add-column-required", "required-column-without-default",
           "ALTER TABLE t ADD COLUMN c int NOT NULL;", T),
    Hazard("COL004", "add-column-serial-identity", "serial-column-added",
           "ALTER TABLE t ADD COLUMN id bigserial;", T),
    Hazard("COL005", "add-column-generated-stored", "stored-generated-column",
           "ALTER TABLE t ADD COLUMN c int GENERATED ALWAYS AS (a * 2) STORED;", T),
    Hazard("COL006", "add-column-inline-unique", "inline-constraint-on-added-column",
           "ALTER TABLE t ADD COLUMN c int UNIQUE;", T),
    Hazard("COL007", "add-column-inline-check", "inline-constraint-on-added-column",
           "ALTER TABLE t ADD COLUMN c int CHECK (c > 0);", T),
    Hazard("COL008", "add-column-inline-fk", "added-column-references",
           "ALTER TABLE c ADD COLUMN q_id int REFERENCES p (id);", PC),
    Hazard("COL009", "add-column-domain-with-check", "constrained-domain-column",
           "ALTER TABLE t ADD COLUMN c positive;", "CREATE DOMAIN positive AS int CHECK (VALUE > 0); " + T),
    Hazard("COL010", "add-column-json", "json-column", "ALTER TABLE t ADD COLUMN c json;", T),
    Hazard("NUL001", "set-not-null", "set-not-null", "ALTER TABLE t ALTER COLUMN a SET NOT NULL;", T),
    Hazard("NUL002", "drop-not-null", "drop-not-null", "ALTER TABLE t ALTER COLUMN a DROP NOT NULL;",
           "CREATE TABLE t (a int NOT NULL);"),
    Hazard("NUL003", "set/drop-default", "column-default-change", "ALTER TABLE t ALTER COLUMN a SET DEFAULT 0;", T),
    Hazard("NUL004", "set-not-null-with-update", "backfill-with-schema-change",
           "UPDATE t SET a = 0 WHERE a IS NULL;\nALTER TABLE t ALTER COLUMN a SET NOT NULL;", T),
    Hazard("COL011", "set-storage/compression", "missing-lock-timeout",
           "ALTER TABLE t ALTER COLUMN b SET STORAGE EXTERNAL;", T),
    Hazard("COL013", "drop/alter-generated-expression, alter-identity", "generated-or-identity-change",
           "ALTER TABLE t ALTER COLUMN g DROP EXPRESSION;",
           "CREATE TABLE t (a int, g int GENERATED ALWAYS AS (a * 2) STORED);"),
    # 2 Column type changes
    Hazard("TYP001", "alter-type-rewrite", "column-type-rewrite", "ALTER TABLE t ALTER COLUMN a TYPE bigint;", T),
    Hazard("TYP002", "alter-type-binary-coercible", "missing-lock-timeout",
           "ALTER TABLE t ALTER COLUMN v TYPE varchar(20);", "CREATE TABLE t (v varchar(10));",
           not_rules=("column-type-rewrite", "column-type-scan")),
    Hazard("TYP003", "alter-type-index-rebuild", "column-type-scan",
           "ALTER TABLE t ALTER COLUMN e TYPE citext;",
           "CREATE EXTENSION IF NOT EXISTS citext; CREATE TABLE t (e text); CREATE INDEX t_e ON t (e);",
           not_rules=("column-type-rewrite",)),
    Hazard("TYP004", "timestamp->timestamptz", "column-type-rewrite",
           "ALTER TABLE t ALTER COLUMN ts TYPE timestamptz;", "CREATE TABLE t (ts timestamp);"),
    Hazard("TYP005", "alter-type-with-check-constraints", "column-type-scan",
           "ALTER TABLE t ALTER COLUMN v TYPE varchar(20);",
           "CREATE TABLE t (v varchar(10) CONSTRAINT t_v_check CHECK (v <> ''));",
           not_rules=("column-type-rewrite",)),
    Hazard("TYP006", "alter-type-to-constrained-domain", "column-type-rewrite",
           "ALTER TABLE t ALTER COLUMN a TYPE positive;", "CREATE DOMAIN positive AS int CHECK (VALUE > 0); " + T),
    # 3 Constraints
    Hazard("CON001", "add-check", "constraint-without-not-valid",
           "ALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a > 0);", T),
    Hazard("CON002", "add-foreign-key", "constraint-without-not-valid",
           "ALTER TABLE c ADD CONSTRAINT c_p_fk FOREIGN KEY (p_id) REFERENCES p (id);", PC,
           message_contains=("`public.c`", "`public.p`")),
    Hazard("CON003", "validate-in-same-transaction", "validate-in-same-transaction",
           "BEGIN;\nALTER TABLE t ADD CONSTRAINT k CHECK (a > 0) NOT VALID;\nALTER TABLE t VALIDATE CONSTRAINT k;\nCOMMIT;",
           T),
    Hazard("CON004", "add-unique-constraint", "unique-constraint-builds-index",
           "ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a);", T),
    Hazard("CON005", "add-primary-key", "unique-constraint-builds-index", "ALTER TABLE t ADD PRIMARY KEY (a);", T),
    Hazard("CON006", "pk-using-index-on-nullable", "primary-key-on-nullable-columns",
           "ALTER TABLE t ADD CONSTRAINT t_pk PRIMARY KEY USING INDEX t_a_key;",
           T + " CREATE UNIQUE INDEX t_a_key ON t (a);"),
    Hazard("CON007", "add-exclusion-constraint", "exclusion-constraint",
           "ALTER TABLE r ADD CONSTRAINT r_no_overlap EXCLUDE USING gist (span WITH &&);",
           "CREATE TABLE r (span int4range);"),
    Hazard("CON008", "drop-foreign-key", "drop-constraint", "ALTER TABLE c DROP CONSTRAINT c_fk;",
           "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p_id int, CONSTRAINT c_fk FOREIGN KEY (p_id) REFERENCES p (id));",
           message_contains=("`public.c`", "`public.p`")),
    Hazard("CON009", "drop-constraint", "drop-constraint", "ALTER TABLE t DROP CONSTRAINT t_a_check;",
           "CREATE TABLE t (a int CONSTRAINT t_a_check CHECK (a > 0));"),
    Hazard("CON010", "data-dependent-constraint", "constraint-may-fail-on-existing-rows",
           "CREATE UNIQUE INDEX CONCURRENTLY t_a_key ON t (a);", T),
    Hazard("CON011", "alter-domain-add-check", "domain-constraint-without-not-valid",
           "ALTER DOMAIN d ADD CONSTRAINT d_positive CHECK (VALUE > 0);",
           "CREATE DOMAIN d AS int; CREATE TABLE t (a d);"),
    Hazard("CON012", "create-domain-with-check", "domain-with-check", "CREATE DOMAIN d AS int CHECK (VALUE > 0);"),
    # 4 Indexes
    Hazard("IDX001", "create-index-non-concurrent", "index-without-concurrently", "CREATE INDEX t_a ON t (a);", T),
    Hazard("IDX002", "concurrently-in-transaction", "concurrently-in-transaction",
           "BEGIN;\nCREATE INDEX CONCURRENTLY t_a ON t (a);\nCOMMIT;", T),
    Hazard("IDX003", "cic-invalid-leftover", "concurrent-index-if-not-exists",
           "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_a ON t (a);", T),
    Hazard("IDX004", "cic-on-partitioned-parent", "concurrently-on-partitioned-table",
           "CREATE INDEX CONCURRENTLY p_a ON p (a);", PART),
    Hazard("IDX005", "create-index-on-partitioned", "index-without-concurrently", "CREATE INDEX p_a ON p (a);",
           PART),
    Hazard("IDX006", "drop-index-non-concurrent", "drop-index-without-concurrently", "DROP INDEX t_a;",
           T + " CREATE INDEX t_a ON t (a);"),
    Hazard("IDX007", "reindex-non-concurrent", "reindex-without-concurrently", "REINDEX INDEX t_a;",
           T + " CREATE INDEX t_a ON t (a);"),
    Hazard("IDX008", "cic-pg14-corruption", "concurrent-index-corruption-pg14",
           "CREATE INDEX CONCURRENTLY t_a ON t (a);", T, pg=14),
    Hazard("IDX009", "fk-without-index", "foreign-key-without-index",
           "CREATE TABLE n (id bigint PRIMARY KEY, p_id int REFERENCES p (id));",
           "CREATE TABLE p (id int PRIMARY KEY);"),
    Hazard("IDX010", "wide-non-unique-index", "wide-index",
           "CREATE INDEX CONCURRENTLY w ON w (a, b, c, d);", "CREATE TABLE w (a int, b int, c int, d int);"),
    Hazard("IDX011", "drop-before-create-index", "index-dropped-before-replacement",
           "DROP INDEX CONCURRENTLY t_a;\nCREATE INDEX CONCURRENTLY t_a_b ON t (a, b);",
           T + " CREATE INDEX t_a ON t (a);"),
    Hazard("IDX012", "rename-index", "rename-object", "ALTER INDEX t_a RENAME TO t_a_idx;",
           T + " CREATE INDEX t_a ON t (a);"),
    Hazard("IDX013", "analyze-after-index", "index-without-analyze",
           "CREATE INDEX CONCURRENTLY t_lower_b ON t (lower(b));", T),
    # 5 Drops, renames and compatibility
    Hazard("CMP001", "drop-column", "drop-column", "ALTER TABLE t DROP COLUMN b;", T),
    Hazard("CMP002", "drop-table", "drop-table", "DROP TABLE t;", T),
    Hazard("CMP003", "drop-schema / database / other objects", "drop-object", "DROP SCHEMA s CASCADE;",
           "CREATE SCHEMA s;"),
    Hazard("CMP004", "rename-column", "rename-column", "ALTER TABLE t RENAME COLUMN a TO a2;", T),
    Hazard("CMP005", "rename-table", "rename-table", "ALTER TABLE t RENAME TO t2;", T),
    Hazard("CMP006", "rename-other", "rename-object", "ALTER TYPE mood RENAME VALUE 'sad' TO 'unhappy';",
           "CREATE TYPE mood AS ENUM ('sad', 'ok');"),
    Hazard("CMP007", "truncate", "truncate-table", "TRUNCATE t;", T),
    Hazard("CMP008", "truncate-cascade", "truncate-cascade", "TRUNCATE p CASCADE;",
           "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p_id int REFERENCES p (id));",
           message_contains=("`public.c`",)),
    Hazard("CMP009", "set-schema", "set-schema", "ALTER TABLE t SET SCHEMA s;", "CREATE SCHEMA s; " + T),
    Hazard("CMP010", "create-table-force / drop-if-exists-recreate", "table-recreated",
           "DROP TABLE IF EXISTS t;\nCREATE TABLE t (a int);", T),
    # 6 Table-level, partitions and other objects
    Hazard("TBL001", "vacuum-full / cluster", "vacuum-full-or-cluster", "VACUUM FULL t;", T),
    Hazard("TBL002", "set-logged/unlogged", "set-logged", "ALTER TABLE t SET UNLOGGED;", T),
    Hazard("TBL003", "set-tablespace", "set-tablespace", "ALTER TABLE t SET TABLESPACE pg_default;", T),
    Hazard("TBL004", "refresh-matview", "refresh-materialized-view-without-concurrently",
           "REFRESH MATERIALIZED VIEW mv;", T + " CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;"),
    Hazard("TBL005", "triggers", "disable-trigger", "ALTER TABLE t DISABLE TRIGGER ALL;", T),
    Hazard("TBL006", "rls-policy-replica-identity", "row-security-change",
           "ALTER TABLE t ENABLE ROW LEVEL SECURITY;", T),
    Hazard("TBL007", "create-table-with-fk", "missing-lock-timeout",
           "CREATE TABLE n (id int, p_id int REFERENCES p (id));", "CREATE TABLE p (id int PRIMARY KEY);",
           message_contains=("SHARE ROW EXCLUSIVE", "`public.p`")),
    Hazard("TBL008", "enum-add-value", "enum-value-added-in-transaction",
           "BEGIN;\nALTER TYPE mood ADD VALUE 'meh';\nCOMMIT;", "CREATE TYPE mood AS ENUM ('sad', 'ok');"),
    Hazard("PRT001", "attach-partition", "attach-partition-scan",
           "ALTER TABLE p ATTACH PARTITION p2 FOR VALUES FROM (10) TO (20);", PART + " CREATE TABLE p2 (a int);"),
    Hazard("PRT002", "detach-partition", "detach-partition-without-concurrently",
           "ALTER TABLE p DETACH PARTITION p1;", PART),
    # 7 Transactions, timeouts, data changes and hygiene
    Hazard("TXN001", "missing-lock-timeout", "missing-lock-timeout", "ALTER TABLE t ADD COLUMN c int;", T),
    Hazard("TXN002", "missing-statement-timeout", "missing-statement-timeout",
           "SET lock_timeout = '2s';\nALTER TABLE t ALTER COLUMN a TYPE bigint;", T),
    Hazard("TXN003", "timeout-flow-errors", "missing-lock-timeout",
           "BEGIN;\nSET LOCAL lock_timeout = '2s';\nCOMMIT;\nALTER TABLE t ADD COLUMN c int;\nSET lock_timeout = '2s';", T),
    Hazard("TXN004", "long-transaction-holding-access-exclusive", "statements-after-access-exclusive",
           "BEGIN;\nALTER TABLE t ADD COLUMN c int;\nCREATE TABLE u (a int);\nCOMMIT;", T),
    Hazard("TXN005", "rewrite-under-dangerous-lock", "rewrite-under-held-lock",
           "BEGIN;\nALTER TABLE t ADD COLUMN c int;\nALTER TABLE u ALTER COLUMN a TYPE bigint;\nCOMMIT;",
           T + " CREATE TABLE u (a int);"),
    Hazard("TXN006", "transaction-nesting / uncommitted", "transaction-nesting",
           "BEGIN;\nALTER TABLE t ADD COLUMN c int;", T),
    Hazard("TXN007", "non-idempotent-statements", "non-idempotent-statement", "CREATE TABLE u (a int);"),
    Hazard("TXN008", "multiple-alter-same-table", "multiple-alter-same-table",
           "ALTER TABLE t ADD COLUMN c int;\nALTER TABLE t ADD COLUMN d int;", T),
    Hazard("TXN010", "cic-vs-autovacuum", "concurrent-operation-short-lock-timeout",
           "SET lock_timeout = '1s';\nCREATE INDEX CONCURRENTLY t_a ON t (a);", T),
    Hazard("DML001", "bulk-update/delete-in-migration", "bulk-data-change", "UPDATE t SET a = 1;", T),
    Hazard("DML002", "raw-sql-escape-hatch", "dynamic-sql",
           "DO $$ BEGIN EXECUTE 'ALTER TABLE t ADD COLUMN c int'; END $$;", T),
    Hazard("BP001", "prefer-bigint", "small-integer-key", "CREATE TABLE u (id int PRIMARY KEY);"),
    Hazard("BP002", "prefer-identity", "serial-column", "CREATE TABLE u (id bigserial PRIMARY KEY);"),
    Hazard("BP003", "prefer-text", "varchar-length-limit", "CREATE TABLE u (name varchar(100));"),
    Hazard("BP004", "prefer-timestamptz", "timestamp-without-time-zone", "CREATE TABLE u (at timestamp);"),
    Hazard("BP005", "identifiers", "identifier-too-long", "CREATE TABLE " + "u" * 64 + " (a int);"),
    Hazard("BP006", "column-alignment", "column-padding",
           "CREATE TABLE u (a boolean, b bigint, c boolean, d bigint);"),
    Hazard("BP007", "migration-dir-linearity", "merge-conflict-marker",
           "CREATE TABLE u (a int);\n<<<<<<< HEAD\nALTER TABLE u ADD COLUMN b int;\n=======\n"
           "ALTER TABLE u ADD COLUMN c int;\n>>>>>>> feature\n",
           note="Partly: merge conflicts left in a file are reported. A migration inserted out of order "
                "across files needs the repository history or the Alembic revision graph (`alembic heads`), "
                "not SQL: a directory's natural file order is its migration order by definition."),
    Hazard("BP008", "duplicate-column-assignment", "duplicate-column-assignment", "CREATE TABLE u (a int, a text);"),
)

LEFT_OUT: tuple[LeftOut, ...] = (
    LeftOut("COL002", "add-column-default-pre-pg11",
            "Only PostgreSQL 10 and older rewrite for a constant default; migrator's targets are 12-18, where "
            "every non-volatile default is catalog-only. (volatile-default asks "
            "`Capabilities.fast_default_nonvolatile`, so the old behaviour would be reported if it were a target.)"),
    LeftOut("COL012", "set-statistics/reloptions",
            "Safe: SHARE UPDATE EXCLUSIVE, instant; it blocks neither reads nor writes, so there is nothing to "
            "report (the coverage test asserts that no error or warning fires on it)."),
    LeftOut("TBL009", "comment",
            "Safe: SHARE UPDATE EXCLUSIVE, instant; nothing to report (asserted by the coverage test)."),
    LeftOut("TXN009", "lock-timeout-retry",
            "Run-time behaviour: whether a lock_timeout fires is known only while the migration runs. The "
            "executor (`migrator apply`) retries with backoff; missing-lock-timeout's help tells SQL users to retry."),
)

ALL_IDS: tuple[str, ...] = tuple(sorted([h.id for h in COVERED] + [h.id for h in LEFT_OUT]))

# Statements the catalog calls safe: no error or warning may fire on them.
SAFE_EXAMPLES: tuple[tuple[str, str, str], ...] = (
    ("COL012", "ALTER TABLE t ALTER COLUMN a SET STATISTICS 500;\nALTER TABLE t SET (fillfactor = 90);", T),
    ("TBL009", "COMMENT ON TABLE t IS 'things';\nCOMMENT ON COLUMN t.a IS 'an a';", T),
)


def render_markdown() -> str:
    """`docs/hazards.md`: hazard → rule table, the left-out list, and the rules by code.

    Regenerate with `python -m tests.data.hazards > docs/hazards.md`.
    """
    from migrator.lint.registry import all_rules

    rules = all_rules()
    lines = [
        "# Hazards and the rules that report them", "",
        "Each hazard of the migration-hazard catalog (89 hazards: what the established PostgreSQL migration",
        "linters and online-schema-change tools detect, plus what a real server shows) is reported by a",
        "`migrator lint` rule, or is listed under *Left out* with the reason. The ids are the catalog's.",
        "`tests/rules/test_hazard_coverage.py` lints a minimal example of every covered hazard and asserts",
        "that the rule below reports it (`tests/data/hazards.py` holds the examples; this page is generated",
        "from it with `python -m tests.data.hazards > docs/hazards.md`).", "",
        "| hazard | pattern | rule | severity |", "|---|---|---|---|",
    ]
    for hazard in sorted(COVERED, key=lambda h: h.id):
        found = rules.get(hazard.rule)
        if found is None:
            lines.append(f"| {hazard.id} | {hazard.title} | `{hazard.rule}` (missing) | |")
            continue
        note = f" ({hazard.note})" if hazard.note else ""
        link = f"[{found.code} `{found.name}`](rules.md#{found.code.lower()}-{found.name})"
        lines.append(f"| {hazard.id} | {hazard.title} | {link}{note} | {found.severity} |")
    lines += ["", "## Left out", "", "| hazard | pattern | why |", "|---|---|---|"]
    lines += [f"| {h.id} | {h.title} | {h.reason} |" for h in LEFT_OUT]
    lines += ["", "## Rules by code", "", "| code | rule | severity | status | hazards |", "|---|---|---|---|---|"]
    lines += [f"| {r.code} | `{r.name}` | {r.severity} | {r.status} | {', '.join(r.hazards) or '—'} |"
              for r in rules]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")
