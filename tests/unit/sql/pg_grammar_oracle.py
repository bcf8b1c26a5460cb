"""An independent oracle for statement meaning: PostgreSQL's own grammar, via pglast.

pglast wraps libpg_query, the parser of the PostgreSQL server itself (pglast 8: PostgreSQL 18).
`oracle_classify(sql)` names a statement's command and sub-commands in the reference's words
from the server's raw parse tree, without looking at our code. The tests compare it with
`migrator.sql.parse.classify` so that "structured" also means "with the meaning PostgreSQL gives
it". `None` as actions means the oracle does not name them (the test then compares the kind).
"""

from __future__ import annotations

from typing import Any

import pglast
from pglast import ast, enums

ObjectType = enums.ObjectType
AT = enums.AlterTableType

_OBJECT_NAMES: dict[Any, str] = {
    ObjectType.OBJECT_TABLE: "TABLE",
    ObjectType.OBJECT_INDEX: "INDEX",
    ObjectType.OBJECT_VIEW: "VIEW",
    ObjectType.OBJECT_MATVIEW: "MATERIALIZED VIEW",
    ObjectType.OBJECT_SEQUENCE: "SEQUENCE",
    ObjectType.OBJECT_TYPE: "TYPE",
    ObjectType.OBJECT_DOMAIN: "DOMAIN",
    ObjectType.OBJECT_FUNCTION: "FUNCTION",
    ObjectType.OBJECT_PROCEDURE: "PROCEDURE",
    ObjectType.OBJECT_ROUTINE: "ROUTINE",
    ObjectType.OBJECT_TRIGGER: "TRIGGER",
    ObjectType.OBJECT_SCHEMA: "SCHEMA",
    ObjectType.OBJECT_EXTENSION: "EXTENSION",
    ObjectType.OBJECT_POLICY: "POLICY",
    ObjectType.OBJECT_RULE: "RULE",
    ObjectType.OBJECT_DATABASE: "DATABASE",
    ObjectType.OBJECT_PUBLICATION: "PUBLICATION",
    ObjectType.OBJECT_ROLE: "ROLE",
    ObjectType.OBJECT_EVENT_TRIGGER: "EVENT TRIGGER",
    ObjectType.OBJECT_FOREIGN_TABLE: "FOREIGN TABLE",
    ObjectType.OBJECT_FOREIGN_SERVER: "SERVER",
    ObjectType.OBJECT_FDW: "FOREIGN DATA WRAPPER",
    ObjectType.OBJECT_TSCONFIGURATION: "TEXT SEARCH CONFIGURATION",
    ObjectType.OBJECT_TSDICTIONARY: "TEXT SEARCH DICTIONARY",
    ObjectType.OBJECT_TSPARSER: "TEXT SEARCH PARSER",
    ObjectType.OBJECT_TSTEMPLATE: "TEXT SEARCH TEMPLATE",
    ObjectType.OBJECT_CAST: "CAST",
}

_SIMPLE_COMMANDS: dict[Any, str] = {
    AT.AT_AddColumn: "ADD COLUMN",
    AT.AT_DropNotNull: "DROP NOT NULL",
    AT.AT_SetNotNull: "SET NOT NULL",
    AT.AT_DropExpression: "DROP EXPRESSION",
    AT.AT_SetStatistics: "SET STATISTICS",
    AT.AT_SetOptions: "SET (attribute_option)",
    AT.AT_ResetOptions: "RESET (attribute_option)",
    AT.AT_SetStorage: "SET STORAGE",
    AT.AT_SetCompression: "SET COMPRESSION",
    AT.AT_DropColumn: "DROP COLUMN",
    AT.AT_ValidateConstraint: "VALIDATE CONSTRAINT",
    AT.AT_DropConstraint: "DROP CONSTRAINT",
    AT.AT_AlterColumnType: "ALTER COLUMN TYPE",
    AT.AT_ChangeOwner: "OWNER TO",
    AT.AT_ClusterOn: "CLUSTER ON",
    AT.AT_DropCluster: "SET WITHOUT CLUSTER",
    AT.AT_SetLogged: "SET LOGGED",
    AT.AT_SetUnLogged: "SET UNLOGGED",
    AT.AT_SetAccessMethod: "SET ACCESS METHOD",
    AT.AT_SetTableSpace: "SET TABLESPACE",
    AT.AT_SetRelOptions: "SET (storage_parameter)",
    AT.AT_ResetRelOptions: "RESET (storage_parameter)",
    AT.AT_EnableTrig: "ENABLE TRIGGER",
    AT.AT_EnableAlwaysTrig: "ENABLE ALWAYS TRIGGER",
    AT.AT_EnableReplicaTrig: "ENABLE REPLICA TRIGGER",
    AT.AT_DisableTrig: "DISABLE TRIGGER",
    AT.AT_EnableTrigAll: "ENABLE TRIGGER",
    AT.AT_DisableTrigAll: "DISABLE TRIGGER",
    AT.AT_EnableTrigUser: "ENABLE TRIGGER",
    AT.AT_DisableTrigUser: "DISABLE TRIGGER",
    AT.AT_EnableRule: "ENABLE RULE",
    AT.AT_EnableAlwaysRule: "ENABLE ALWAYS RULE",
    AT.AT_EnableReplicaRule: "ENABLE REPLICA RULE",
    AT.AT_DisableRule: "DISABLE RULE",
    AT.AT_AddInherit: "INHERIT",
    AT.AT_DropInherit: "NO INHERIT",
    AT.AT_ReplicaIdentity: "REPLICA IDENTITY",
    AT.AT_EnableRowSecurity: "ENABLE ROW LEVEL SECURITY",
    AT.AT_DisableRowSecurity: "DISABLE ROW LEVEL SECURITY",
    AT.AT_ForceRowSecurity: "FORCE ROW LEVEL SECURITY",
    AT.AT_NoForceRowSecurity: "NO FORCE ROW LEVEL SECURITY",
    AT.AT_AttachPartition: "ATTACH PARTITION",
    AT.AT_DetachPartition: "DETACH PARTITION",
    AT.AT_DetachPartitionFinalize: "DETACH PARTITION",
    AT.AT_AddIdentity: "ADD GENERATED AS IDENTITY",
    AT.AT_DropIdentity: "DROP IDENTITY",
    AT.AT_AlterConstraint: "ALTER CONSTRAINT",
    AT.AT_SetExpression: "SET EXPRESSION",
    AT.AT_DropOids: "SET WITHOUT OIDS",
    AT.AT_AddOf: "OF",
    AT.AT_DropOf: "NOT OF",
}

_SEQUENCE_OPTIONS = {
    "owned_by": "OWNED BY",
    "restart": "RESTART",
    "increment": "INCREMENT",
    "as": "AS",
    "start": "START",
    "cache": "CACHE",
}


_TYPE_ATTRIBUTE_COMMANDS = {
    AT.AT_AddColumn: "ADD ATTRIBUTE",
    AT.AT_DropColumn: "DROP ATTRIBUTE",
    AT.AT_AlterColumnType: "ALTER ATTRIBUTE",
}


def _alter_table_command(cmd: Any, objtype: Any = None) -> str:
    subtype = cmd.subtype
    if objtype == ObjectType.OBJECT_TYPE and subtype in _TYPE_ATTRIBUTE_COMMANDS:
        return _TYPE_ATTRIBUTE_COMMANDS[subtype]
    if subtype in _SIMPLE_COMMANDS:
        return _SIMPLE_COMMANDS[subtype]
    if subtype == AT.AT_ColumnDefault:
        return "SET DEFAULT" if cmd.def_ is not None else "DROP DEFAULT"
    if subtype == AT.AT_AddConstraint:
        constraint = cmd.def_
        if getattr(constraint, "indexname", None):
            return "ADD CONSTRAINT USING INDEX"
        return "ADD CONSTRAINT"
    if subtype == AT.AT_SetIdentity:
        names = [d.defname for d in cmd.def_ or ()]
        return "SET GENERATED" if names == ["generated"] else "SET IDENTITY OPTIONS"
    return f"? {subtype.name}"


def _sequence_option(defelem: Any) -> str:
    name = defelem.defname
    if name in ("minvalue", "maxvalue"):
        return name.upper() if defelem.arg is not None else f"NO {name.upper()}"
    if name == "cycle":
        value = getattr(defelem.arg, "boolval", None)
        return "CYCLE" if value is None or getattr(value, "boolval", value) else "NO CYCLE"
    return _SEQUENCE_OPTIONS.get(name, name.upper())


def _drop_kind(stmt: Any) -> str:
    return f"DROP {_OBJECT_NAMES.get(stmt.removeType, 'OTHER')}".replace("DROP OTHER", "DROP")


def oracle_classify(sql: str) -> tuple[str, tuple[str, ...] | None]:
    """`(kind, actions)` of one statement according to PostgreSQL's grammar."""
    (raw,) = pglast.parse_sql(sql)
    stmt = raw.stmt
    name = type(stmt).__name__
    simple = {
        "CreateStmt": "CREATE TABLE",
        "IndexStmt": "CREATE INDEX",
        "ViewStmt": "CREATE VIEW",
        "CreateSeqStmt": "CREATE SEQUENCE",
        "CreateEnumStmt": "CREATE TYPE",
        "CompositeTypeStmt": "CREATE TYPE",
        "CreateRangeStmt": "CREATE TYPE",
        "CreateDomainStmt": "CREATE DOMAIN",
        "CreateTrigStmt": "CREATE TRIGGER",
        "CreateSchemaStmt": "CREATE SCHEMA",
        "CreateExtensionStmt": "CREATE EXTENSION",
        "CreatePolicyStmt": "CREATE POLICY",
        "TruncateStmt": "TRUNCATE",
        "ReindexStmt": "REINDEX",
        "ClusterStmt": "CLUSTER",
        "RefreshMatViewStmt": "REFRESH MATERIALIZED VIEW",
        "LockStmt": "LOCK",
        "CommentStmt": "COMMENT",
        "AlterDefaultPrivilegesStmt": "ALTER DEFAULT PRIVILEGES",
        "InsertStmt": "INSERT",
        "UpdateStmt": "UPDATE",
        "DeleteStmt": "DELETE",
        "MergeStmt": "MERGE",
        "SelectStmt": "SELECT",
        "CopyStmt": "COPY",
        "DoStmt": "DO",
        "CallStmt": "CALL",
        "VariableShowStmt": "SHOW",
        "ConstraintsSetStmt": "SET",
        "GrantRoleStmt": "GRANT",
        "DropdbStmt": "DROP DATABASE",
        "RuleStmt": "CREATE RULE",
        "CreatePublicationStmt": "CREATE PUBLICATION",
        "CreateEventTrigStmt": "CREATE EVENT TRIGGER",
        "CreateRoleStmt": "CREATE ROLE",
        "DropRoleStmt": "DROP ROLE",
        "CreatedbStmt": "CREATE DATABASE",
        "CreateForeignServerStmt": "CREATE SERVER",
        "AlterForeignServerStmt": "ALTER SERVER",
        "CreateUserMappingStmt": "CREATE USER MAPPING",
        "AlterUserMappingStmt": "ALTER USER MAPPING",
        "DropUserMappingStmt": "DROP USER MAPPING",
        "CreateForeignTableStmt": "CREATE FOREIGN TABLE",
        "CreateFdwStmt": "CREATE FOREIGN DATA WRAPPER",
        "AlterFdwStmt": "ALTER FOREIGN DATA WRAPPER",
        "ImportForeignSchemaStmt": "IMPORT FOREIGN SCHEMA",
        "AlterTSConfigurationStmt": "ALTER TEXT SEARCH CONFIGURATION",
        "AlterTSDictionaryStmt": "ALTER TEXT SEARCH DICTIONARY",
        "CreateCastStmt": "CREATE CAST",
        "CreateStatsStmt": "CREATE STATISTICS",
        "SecLabelStmt": "SECURITY LABEL",
        "NotifyStmt": "NOTIFY",
        "ListenStmt": "LISTEN",
        "UnlistenStmt": "UNLISTEN",
        "CreateOpClassStmt": "CREATE OPERATOR CLASS",
        "CreateOpFamilyStmt": "CREATE OPERATOR FAMILY",
        "AlterSystemStmt": "ALTER SYSTEM",
        "DiscardStmt": "DISCARD",
        "CheckPointStmt": "CHECKPOINT",
        "DeallocateStmt": "DEALLOCATE",
    }
    if name in simple:
        if name == "GrantRoleStmt" and not stmt.is_grant:
            return "REVOKE", ()
        return simple[name], ()
    if name == "DefineStmt":
        defined = {
            ObjectType.OBJECT_TYPE: "CREATE TYPE",
            ObjectType.OBJECT_COLLATION: "CREATE COLLATION",
            ObjectType.OBJECT_AGGREGATE: "CREATE AGGREGATE",
            ObjectType.OBJECT_OPERATOR: "CREATE OPERATOR",
            ObjectType.OBJECT_TSCONFIGURATION: "CREATE TEXT SEARCH CONFIGURATION",
            ObjectType.OBJECT_TSDICTIONARY: "CREATE TEXT SEARCH DICTIONARY",
            ObjectType.OBJECT_TSPARSER: "CREATE TEXT SEARCH PARSER",
            ObjectType.OBJECT_TSTEMPLATE: "CREATE TEXT SEARCH TEMPLATE",
        }
        return defined.get(stmt.kind, f"? DefineStmt {stmt.kind.name}"), ()
    if name == "CreateTableAsStmt":
        return (
            "CREATE MATERIALIZED VIEW"
            if stmt.objtype == ObjectType.OBJECT_MATVIEW
            else "CREATE TABLE AS"
        ), ()
    if name == "CreateFunctionStmt":
        return ("CREATE PROCEDURE" if stmt.is_procedure else "CREATE FUNCTION"), ()
    if name == "DropStmt":
        return _drop_kind(stmt), ()
    if name == "GrantStmt":
        return ("GRANT" if stmt.is_grant else "REVOKE"), ()
    if name == "VacuumStmt":
        return ("VACUUM" if stmt.is_vacuumcmd else "ANALYZE"), ()
    if name == "TransactionStmt":
        kinds = {
            "TRANS_STMT_BEGIN": "BEGIN",
            "TRANS_STMT_START": "BEGIN",
            "TRANS_STMT_COMMIT": "COMMIT",
            "TRANS_STMT_ROLLBACK": "ROLLBACK",
            "TRANS_STMT_SAVEPOINT": "SAVEPOINT",
            "TRANS_STMT_RELEASE": "RELEASE SAVEPOINT",
            "TRANS_STMT_ROLLBACK_TO": "ROLLBACK TO SAVEPOINT",
        }
        return kinds.get(stmt.kind.name, stmt.kind.name), ()
    if name == "VariableSetStmt":
        reset = stmt.kind.name in ("VAR_RESET", "VAR_RESET_ALL")
        return ("RESET" if reset else "SET"), ()
    if name == "AlterTableStmt":
        kind = f"ALTER {_OBJECT_NAMES.get(stmt.objtype, 'OTHER')}"
        return kind, tuple(_alter_table_command(cmd, stmt.objtype) for cmd in stmt.cmds)
    if name == "RenameStmt":
        rename = stmt.renameType
        if rename == ObjectType.OBJECT_COLUMN:
            return f"ALTER {_OBJECT_NAMES.get(stmt.relationType, 'OTHER')}", ("RENAME COLUMN",)
        if rename == ObjectType.OBJECT_TABCONSTRAINT:
            return "ALTER TABLE", ("RENAME CONSTRAINT",)
        if rename == ObjectType.OBJECT_DOMCONSTRAINT:
            return "ALTER DOMAIN", ("RENAME CONSTRAINT",)
        if rename == ObjectType.OBJECT_ATTRIBUTE:
            return "ALTER TYPE", ("RENAME ATTRIBUTE",)
        return f"ALTER {_OBJECT_NAMES.get(rename, 'OTHER')}", ("RENAME TO",)
    if name == "AlterObjectSchemaStmt":
        return f"ALTER {_OBJECT_NAMES.get(stmt.objectType, 'OTHER')}", ("SET SCHEMA",)
    if name == "AlterOwnerStmt":
        return f"ALTER {_OBJECT_NAMES.get(stmt.objectType, 'OTHER')}", ("OWNER TO",)
    if name == "AlterEnumStmt":
        return "ALTER TYPE", ("RENAME VALUE" if stmt.oldVal else "ADD VALUE",)
    if name == "AlterDomainStmt":
        subtype = stmt.subtype
        action = {
            "N": "DROP NOT NULL",
            "O": "SET NOT NULL",
            "C": "ADD CONSTRAINT",
            "X": "DROP CONSTRAINT",
            "V": "VALIDATE CONSTRAINT",
        }.get(subtype)
        if subtype == "T":
            action = "SET DEFAULT" if stmt.def_ is not None else "DROP DEFAULT"
        return "ALTER DOMAIN", (action or f"? {subtype}",)
    if name == "AlterSeqStmt":
        names: list[str] = []
        for option in stmt.options or ():
            word = _sequence_option(option)
            if word not in names:
                names.append(word)
        return "ALTER SEQUENCE", tuple(names)
    if name == "AlterPolicyStmt":
        return "ALTER POLICY", ()
    if name == "AlterFunctionStmt":
        return f"ALTER {_OBJECT_NAMES.get(stmt.objtype, 'FUNCTION')}", None
    if name in ("AlterExtensionStmt", "AlterExtensionContentsStmt"):
        return "ALTER EXTENSION", None
    if name == "AlterPublicationStmt":
        return "ALTER PUBLICATION", None
    if name in ("AlterRoleStmt", "AlterRoleSetStmt"):
        if name == "AlterRoleSetStmt":
            return "ALTER ROLE", (
                "RESET" if stmt.setstmt.kind.name.startswith("VAR_RESET") else "SET",
            )
        return "ALTER ROLE", ("OPTIONS",)
    if name in ("AlterDatabaseStmt", "AlterDatabaseSetStmt"):
        if name == "AlterDatabaseSetStmt":
            return "ALTER DATABASE", (
                "RESET" if stmt.setstmt.kind.name.startswith("VAR_RESET") else "SET",
            )
        options = [d.defname for d in stmt.options or ()]
        return "ALTER DATABASE", ("SET TABLESPACE" if options == ["tablespace"] else "OPTIONS",)
    if name == "AlterTypeStmt":
        return "ALTER TYPE", None
    return f"? {name}", None


def oracle_not_valid(sql: str) -> tuple[bool, ...]:
    """For an ALTER TABLE: per sub-command, whether it adds a constraint NOT VALID."""
    (raw,) = pglast.parse_sql(sql)
    stmt = raw.stmt
    if type(stmt).__name__ != "AlterTableStmt":
        return ()
    return tuple(
        bool(
            cmd.subtype == AT.AT_AddConstraint
            and cmd.def_ is not None
            and getattr(cmd.def_, "skip_validation", False)
        )
        for cmd in stmt.cmds
    )


def oracle_accepts(sql: str) -> bool:
    """Whether PostgreSQL's grammar accepts the text as exactly one statement."""
    try:
        return len(pglast.parse_sql(sql)) == 1
    except pglast.parser.ParseError:
        return False


__all__ = ["ast", "oracle_accepts", "oracle_classify", "oracle_not_valid"]
