"""The rule registry: the `@rule` decorator and the loading of rule modules into `Rule` values.

A rule module (`lint_rules/<snake_name>.py`) has a Markdown docstring, exactly one function
decorated with `@rule(...)` and, usually, a `CASES` tuple. `lint_rules/__init__.py` lists every
module in `ALL`; third-party packages add modules through the entry point group
`migrator.lint_rules` (each entry point names a module).

Example:
    >>> from migrator.lint.registry import all_rules
    >>> rules = all_rules()            # doctest: +SKIP
    >>> rules.by_key("M101").name      # doctest: +SKIP
    'index-without-concurrently'
"""

from __future__ import annotations

import difflib
import importlib
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any, TypeVar

from migrator.errors import InputError
from migrator.lint.model import Case, Rule, Severity, Status

logger = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "migrator.lint_rules"
RULE_ATTRIBUTE = "__migrator_rule__"

_CODE = re.compile(r"^M\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """What `@rule(...)` records on the check function (the module supplies docs and CASES)."""

    code: str
    name: str
    severity: Severity
    aliases: tuple[str, ...] = ()
    hazards: tuple[str, ...] = ()
    status: Status = Status.STABLE


def rule(
    *,
    code: str,
    name: str,
    severity: Severity,
    aliases: Sequence[str] = (),
    hazards: Sequence[str] = (),
    status: Status = Status.STABLE,
) -> Callable[[F], F]:
    """Mark `check(stmt, facts, ctx) -> Iterator[Finding]` as the check of a rule.

    Args:
        code: stable code, `M` + three digits by family (M1xx indexes, M2xx constraints, M3xx
            columns and types, M4xx tables/renames/drops, M5xx transactions and timeouts,
            M6xx data changes, M7xx partitions, M8xx best practice, M9xx the tool itself).
        name: kebab-case hazard name (what is allowed to happen, not the remedy).
        severity: default severity (configuration may override it).
        aliases: other tools' names for the same rule (squawk, strong_migrations, ...).
        hazards: ids of `HAZARDS.md` rows this rule covers.
        status: `stable` or `preview`.

    Raises:
        ValueError: malformed code or name (a programming error in the rule module).
    """
    if not _CODE.match(code):
        raise ValueError(f"rule code {code!r} must be 'M' followed by three digits")
    if not _NAME.match(name):
        raise ValueError(f"rule name {name!r} must be kebab-case")
    spec = RuleSpec(code, name, Severity(severity), tuple(aliases), tuple(hazards), Status(status))

    def decorate(check: F) -> F:
        setattr(check, RULE_ATTRIBUTE, spec)
        return check

    return decorate


def rule_from_module(module: ModuleType) -> Rule:
    """Build the `Rule` of one rule module (its decorated check, docstring and `CASES`).

    Raises:
        ValueError: the module has no decorated check, more than one, or no docstring.
    """
    checks = [obj for obj in vars(module).values()
              if callable(obj) and getattr(obj, RULE_ATTRIBUTE, None) is not None
              and getattr(obj, "__module__", None) == module.__name__]
    if len(checks) != 1:
        raise ValueError(f"{module.__name__}: expected exactly one @rule function, found {len(checks)}")
    check = checks[0]
    spec: RuleSpec = getattr(check, RULE_ATTRIBUTE)
    doc = (module.__doc__ or "").strip()
    if not doc:
        raise ValueError(f"{module.__name__}: a rule module needs a docstring (its documentation)")
    cases = tuple(getattr(module, "CASES", ()))
    for case in cases:
        if not isinstance(case, Case):
            raise TypeError(f"{module.__name__}: CASES must hold Case values, got {case!r}")
    return Rule(
        code=spec.code,
        name=spec.name,
        severity=spec.severity,
        summary=doc.splitlines()[0].strip(),
        doc=doc,
        check=check,
        module=module.__name__,
        aliases=spec.aliases,
        hazards=spec.hazards,
        status=spec.status,
        cases=cases,
    )


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The loaded rules, sorted by code, with lookup by code, name or alias."""

    rules: tuple[Rule, ...]

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, key: str) -> Rule | None:
        """The rule whose code, name or alias is `key` (case-insensitive), or None."""
        wanted = key.strip().lower()
        for candidate in self.rules:
            if wanted in (candidate.code.lower(), candidate.name, *(a.lower() for a in candidate.aliases)):
                return candidate
        return None

    def by_key(self, key: str) -> Rule:
        """Like `get`, but an unknown key is an `InputError` with a "did you mean" hint."""
        found = self.get(key)
        if found is not None:
            return found
        raise InputError(f"unknown rule {key!r}{did_you_mean(key, self.keys())}")

    def keys(self) -> tuple[str, ...]:
        return tuple(k for r in self.rules for k in (r.code, r.name, *r.aliases))

    def matching(self, selector: str) -> tuple[Rule, ...]:
        """Rules a selector names: a code (`M101`), a code prefix / family (`M1`, `M10`), a
        name or alias, or `ALL`. Unknown selectors return ()."""
        key = selector.strip()
        if key.upper() == "ALL":
            return self.rules
        if re.fullmatch(r"[Mm]\d{0,3}", key):
            return tuple(r for r in self.rules if r.code.startswith(key.upper()))
        found = self.get(key)
        return (found,) if found is not None else ()


def did_you_mean(key: str, candidates: Iterable[str]) -> str:
    """`"; did you mean 'x'?"` for the closest candidate, or ""."""
    close = difflib.get_close_matches(key.lower(), [c.lower() for c in candidates], n=1, cutoff=0.6)
    originals = {c.lower(): c for c in candidates}
    return f"; did you mean {originals[close[0]]!r}?" if close else ""


def load_rules(modules: Iterable[ModuleType]) -> RuleSet:
    """Build a `RuleSet` from rule modules, checking that codes and names are unique.

    Raises:
        ValueError: two rules share a code, a name or an alias.
    """
    rules = [rule_from_module(m) for m in modules]
    seen: dict[str, str] = {}
    for r in rules:
        for key in (r.code, r.name, *r.aliases):
            if key.lower() in seen and seen[key.lower()] != r.module:
                raise ValueError(f"rule key {key!r} used by both {seen[key.lower()]} and {r.module}")
            seen[key.lower()] = r.module
    return RuleSet(tuple(sorted(rules, key=lambda r: r.code)))


def builtin_modules() -> tuple[ModuleType, ...]:
    """The modules listed in `lint_rules.ALL`."""
    package = importlib.import_module("lint_rules")
    return tuple(getattr(package, "ALL", ()))


def plugin_modules() -> tuple[ModuleType, ...]:
    """Modules registered by other packages under the `migrator.lint_rules` entry point group."""
    from importlib.metadata import entry_points

    modules: list[ModuleType] = []
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        loaded = entry.load()
        if isinstance(loaded, ModuleType):
            modules.append(loaded)
        else:
            logger.warning("entry point %s does not name a module; ignored", entry.name)
    return tuple(modules)


@cache
def all_rules() -> RuleSet:
    """Every built-in and plug-in rule (loaded once per process)."""
    return load_rules((*builtin_modules(), *plugin_modules()))
