"""PostgreSQL major versions and what each can do.

This is the ONLY module that compares version numbers (a layering test enforces it). Everything
else asks a `Capabilities` flag, so the reason for each version difference is written down once.
"""

from __future__ import annotations

from dataclasses import dataclass

SUPPORTED: range = range(12, 19)
DEFAULT: int = 16


@dataclass(frozen=True, slots=True)
class Capabilities:
    """Version-dependent behaviour, each flag citing the release notes or docs section."""

    version: int
    # ADD COLUMN with a non-volatile DEFAULT is catalog-only ("fast default"), PG 11 release notes.
    fast_default_nonvolatile: bool
    # SET NOT NULL skips the scan when a valid CHECK (col IS NOT NULL) exists, PG 12 (sql-altertable).
    set_not_null_uses_valid_check: bool
    # REINDEX ... CONCURRENTLY, PG 12 (sql-reindex).
    reindex_concurrently: bool
    # ATTACH PARTITION takes SHARE UPDATE EXCLUSIVE on the parent, PG 12 (sql-altertable).
    attach_partition_share_update_exclusive: bool
    # ALTER TYPE ... ADD VALUE allowed inside a transaction block, PG 12 (sql-altertype).
    enum_add_value_in_transaction: bool
    # ALTER COLUMN ... SET COMPRESSION, PG 14.
    set_compression: bool
    # DETACH PARTITION ... CONCURRENTLY, PG 14 (sql-altertable).
    detach_partition_concurrently: bool
    # ALTER COLUMN ... DROP EXPRESSION, PG 13.
    drop_expression: bool
    # UNIQUE NULLS NOT DISTINCT, PG 15.
    unique_nulls_not_distinct: bool
    # ALTER COLUMN ... SET EXPRESSION AS (...) on a generated column, PG 17 (sql-altertable).
    set_expression: bool
    # transaction_timeout setting, PG 17.
    transaction_timeout: bool
    # ADD CONSTRAINT ... NOT NULL ... NOT VALID, PG 18 (sql-altertable).
    not_null_not_valid: bool
    # GRANT / REVOKE on a table take ACCESS SHARE on it: measured on PG 18 (not on 15 or 16; PG 17
    # was not available to measure, assumed like 16 — the lock conflicts only with ACCESS EXCLUSIVE).
    grant_locks_table: bool
    # VIRTUAL generated columns (the default kind) do not rewrite, PG 18.
    virtual_generated_columns: bool
    # NOT ENFORCED constraints, PG 18.
    not_enforced_constraints: bool
    # MERGE, PG 15 (sql-merge).
    merge: bool = False
    # ALTER TABLE … SET ACCESS METHOD, PG 15 (sql-altertable).
    set_access_method: bool = False
    # Creating a foreign key (even NOT VALID, or inline in CREATE TABLE / ADD COLUMN) takes ACCESS
    # SHARE on the referenced key's index: measured on PG 18 (not on 15 or 16; 17 not measured,
    # assumed like 16).
    fk_locks_referenced_key_index: bool = False
    # GRANT … ON SEQUENCE and SET DEFAULT nextval('seq') take ACCESS SHARE on the sequence:
    # measured on PG 18 (not on 15 or 16).
    sequence_reference_locks: bool = False
    # ADD UNIQUE on a partitioned table builds each partition's index under ACCESS EXCLUSIVE on the
    # partition: measured on PG 18 (SHARE on 15 and 16; 17 not measured, assumed like 16).
    partitioned_key_locks_partitions_exclusive: bool = False
    # CREATE TABLE … PARTITION OF / ATTACH PARTITION take SHARE UPDATE EXCLUSIVE on the parent's
    # partitioned indexes: measured on 15.18 and 18, NOT on 16.2 (the only 16 build available; likely
    # a minor-release change, so later 16.x may behave like 15 and 18). 12–14 and 17 assumed like 15.
    attach_locks_parent_indexes: bool = False
    # Validating a foreign key to a partitioned table takes ACCESS SHARE on its partitioned key
    # index as well as on the partitions' indexes: measured on 16.2 only (not on 15.18 or 18).
    fk_check_locks_partitioned_key_index: bool = False
    # CLUSTER of a partitioned table, PG 15 (sql-cluster; before: an error).
    cluster_partitioned: bool = False
    # CREATE INDEX CONCURRENTLY / REINDEX CONCURRENTLY could silently corrupt indexes in minor
    # releases 14.0-14.3 (fixed in 14.4, release notes E.x "Fix CREATE INDEX CONCURRENTLY and
    # REINDEX CONCURRENTLY ... could miss tuples"). The target is a major version, so true for 14.
    concurrent_index_corruption_minors: bool = False
    # ADD FOREIGN KEY ... NOT VALID on a partitioned table, PG 18 (before: "cannot add NOT VALID
    # foreign key on partitioned table"; verified on 15.18 and 18.6).
    not_valid_foreign_key_on_partitioned: bool = False

    @classmethod
    def for_version(cls, version: int) -> Capabilities:
        if version not in SUPPORTED:
            raise ValueError(
                f"unsupported PostgreSQL major version {version}; supported: "
                f"{SUPPORTED.start}-{SUPPORTED.stop - 1}"
            )
        return cls(
            version=version,
            fast_default_nonvolatile=version >= 11,
            set_not_null_uses_valid_check=version >= 12,
            reindex_concurrently=version >= 12,
            attach_partition_share_update_exclusive=version >= 12,
            enum_add_value_in_transaction=version >= 12,
            set_compression=version >= 14,
            detach_partition_concurrently=version >= 14,
            drop_expression=version >= 13,
            unique_nulls_not_distinct=version >= 15,
            set_expression=version >= 17,
            transaction_timeout=version >= 17,
            not_null_not_valid=version >= 18,
            grant_locks_table=version >= 18,
            virtual_generated_columns=version >= 18,
            not_enforced_constraints=version >= 18,
            concurrent_index_corruption_minors=version == 14,
            not_valid_foreign_key_on_partitioned=version >= 18,
            merge=version >= 15,
            set_access_method=version >= 15,
            fk_locks_referenced_key_index=version >= 18,
            sequence_reference_locks=version >= 18,
            partitioned_key_locks_partitions_exclusive=version >= 18,
            attach_locks_parent_indexes=version != 16,
            fk_check_locks_partitioned_key_index=version == 16,
            cluster_partitioned=version >= 15,
        )


def major_from_server_version_num(num: int) -> int:
    """`server_version_num` (e.g. 150018) to its major version (15)."""
    return num // 10000
