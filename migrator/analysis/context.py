"""What earlier statements of the same migration established, for analysing the next one.

Tables created in this migration (new and empty: nothing on them is dangerous), the session
settings that change facts (`SET timezone`, `SET search_path`), and the shared `SchemaModel`
(which also records CHECK constraints validated earlier, so a later SET NOT NULL is cheap).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from migrator.analysis.pg.versions import Capabilities
from migrator.analysis.schema import SchemaModel


@dataclass(slots=True)
class Context:
    """Analysis state for one migration (one session): mutable, owned by `analyze()`."""

    caps: Capabilities
    schema: SchemaModel
    default_schema: str = "public"
    new_relations: set[str] = field(default_factory=set)
    session_utc: bool = False
    memo: dict[int, tuple[object, object]] = field(default_factory=dict)  # per-statement memo, cleared by analyze

    def is_new(self, relation: str | None) -> bool:
        """Created earlier in this migration (so empty and unseen by the application)."""
        return relation is not None and relation in self.new_relations

    def is_new_table(self, name: str) -> bool:
        """`is_new` accepting unqualified names (`users` → `<default schema>.users`)."""
        qualified = name if "." in name else f"{self.default_schema}.{name}"
        return qualified.lower() in self.new_relations or qualified in self.new_relations

    def is_known(self, relation: str | None) -> bool:
        return relation is not None and (self.schema.has_relation(relation) or relation in self.new_relations)
