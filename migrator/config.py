"""Configuration: find, read and validate `[tool.migrator]` / `migrator.toml`, then layer env and flags.

Where: for each linted file, the nearest directory at or above it that has a `migrator.toml`
(keys at the top level) or a `pyproject.toml` with a `[tool.migrator]` table; `migrator.toml`
wins over `pyproject.toml` in the same directory. `--config FILE` (or `MIGRATOR_CONFIG`) uses one
file for everything. Precedence: command-line flags > `MIGRATOR_*` environment > file > defaults.

    [tool.migrator]
    pg_version = 16
    select = ["ALL"]                 # codes, names, aliases, families ("M1") or "ALL"
    ignore = ["M803"]
    fail_on = "error"                # error | warning | info | none
    assume_in_transaction = false
    preview = false                  # also run rules in preview (else only when selected by code/name)
    severity = { M101 = "warning", "unused-suppression" = "error" }

    [tool.migrator.per_path."legacy/**"]
    ignore = ["M1"]                  # added to ignore
    pg_version = 12

    [tool.migrator.apply]            # sections owned by other commands: keys not checked here
    lock_timeout = "2s"

See docs/config.md for every key.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from migrator.analysis.pg.versions import DEFAULT, SUPPORTED
from migrator.errors import ConfigError
from migrator.lint.model import Severity

CONFIG_FILES = ("migrator.toml", "pyproject.toml")
FAIL_ON_VALUES = ("error", "warning", "info", "none")

# Keys validated here (lint) and keys other commands read (validated by their owners).
LINT_KEYS = frozenset({"pg_version", "select", "ignore", "severity", "per_path", "fail_on",
                       "assume_in_transaction", "baseline", "preview"})
OTHER_SCALAR_KEYS = frozenset({"database_url", "lock_timeout", "statement_timeout", "migrations",
                               "schema", "state_schema", "application_name"})
SECTIONS = frozenset({"apply", "plan", "executor", "backfill", "alembic", "lint", "rollback",
                      "status"})
PER_PATH_KEYS = frozenset({"select", "ignore", "severity", "pg_version", "assume_in_transaction"})

ENV_PREFIX = "MIGRATOR_"


@dataclass(frozen=True, slots=True)
class PathOverride:
    """Settings for files whose path (relative to the config file's directory) matches `glob`."""

    glob: str
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    pg_version: int | None = None
    assume_in_transaction: bool | None = None

    def matches(self, relative_path: str) -> bool:
        return glob_matches(self.glob, relative_path)


@dataclass(frozen=True, slots=True)
class LintSettings:
    """The effective lint settings for one file (config file + per_path + env + flags)."""

    pg_version: int = DEFAULT
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    fail_on: str = "error"
    assume_in_transaction: bool = False
    config_path: str | None = None
    preview: bool = False  # run preview rules too (else only when selected by exact code/name)

    @property
    def fail_on_severity(self) -> Severity | None:
        """The least severity that fails the run (None: `fail_on = "none"`)."""
        return None if self.fail_on == "none" else Severity(self.fail_on)


@dataclass(frozen=True, slots=True)
class Config:
    """One configuration file (or the defaults), with env and flag overrides applied.

    Attributes:
        path: the file it came from (None: defaults only).
        root: the directory `per_path` globs are relative to.
        base: settings before per-path overrides.
        per_path: overrides in file order (later ones win).
        values: every top-level value of the file as read (e.g. `database_url`).
        sections: sub-tables owned by other commands (`apply`, `plan`, ...), unchecked.
        forced: flag/env overrides applied after per-path overrides (they win over the file).
    """

    path: str | None = None
    root: str = "."
    base: LintSettings = LintSettings()
    per_path: tuple[PathOverride, ...] = ()
    values: tuple[tuple[str, Any], ...] = ()
    sections: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    forced: tuple[tuple[str, Any], ...] = ()

    def value(self, key: str, default: Any = None) -> Any:
        """A top-level value (env `MIGRATOR_<KEY>` wins over the file)."""
        env = os.environ.get(ENV_PREFIX + key.upper())
        if env is not None:
            return env
        return dict(self.values).get(key, default)

    def section(self, name: str) -> Mapping[str, Any]:
        """A sub-table such as `[tool.migrator.apply]` (empty when absent)."""
        return dict(dict(self.sections).get(name, ()))

    def for_path(self, path: str) -> LintSettings:
        """The settings for one file: base, then matching `per_path` overrides, then flags/env."""
        settings = self.base
        relative = _relative(path, self.root)
        for override in self.per_path:
            if not override.matches(relative):
                continue
            settings = replace(
                settings,
                select=override.select if override.select is not None else settings.select,
                ignore=settings.ignore + override.ignore,
                severity=settings.severity + override.severity,
                pg_version=override.pg_version if override.pg_version is not None else settings.pg_version,
                assume_in_transaction=(override.assume_in_transaction
                                       if override.assume_in_transaction is not None
                                       else settings.assume_in_transaction),
            )
        forced = dict(self.forced)
        if "extend_ignore" in forced:
            settings = replace(settings, ignore=settings.ignore + forced.pop("extend_ignore"))
        if "extend_severity" in forced:
            settings = replace(settings, severity=settings.severity + forced.pop("extend_severity"))
        return replace(settings, **forced) if forced else settings


@dataclass(frozen=True, slots=True)
class Overrides:
    """Values given on the command line (None: not given). They win over env and file."""

    config_file: str | None = None
    pg_version: int | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    extend_ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    fail_on: str | None = None
    assume_in_transaction: bool | None = None
    extra: tuple[tuple[str, Any], ...] = field(default=())
    preview: bool | None = None


# -- glob matching -----------------------------------------------------------------------------


@cache
def _glob_regex(pattern: str) -> re.Pattern[str]:
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def glob_matches(pattern: str, relative_path: str) -> bool:
    """`**` crosses directories, `*` and `?` do not; a pattern without `/` also matches the
    file name alone, and a pattern naming a directory matches everything below it.

    >>> glob_matches("legacy/**", "legacy/a/001.sql"), glob_matches("*.sql", "db/001.sql")
    (True, True)
    >>> glob_matches("legacy", "legacy/001.sql"), glob_matches("db/*.sql", "db/x/001.sql")
    (True, False)
    """
    path = relative_path.replace("\\", "/")
    path = path.removeprefix("./")
    pat = pattern.rstrip("/")
    regex = _glob_regex(pat)
    if regex.match(path) or _glob_regex(pat + "/**").match(path):
        return True
    return "/" not in pat and regex.match(path.rsplit("/", 1)[-1]) is not None


def _relative(path: str, root: str) -> str:
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return Path(path).as_posix()


# -- reading and validating ----------------------------------------------------------------------


def _strings(value: Any, key: str, path: str | None) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(item.strip() for item in value)
    raise ConfigError(key, "expected a list of rule codes or names", path)


def _pg_version(value: Any, key: str, path: str | None) -> int:
    text = str(value).strip()
    if isinstance(value, bool) or not re.fullmatch(r"\d+(\.\d+)?", text):
        raise ConfigError(key, f"expected a PostgreSQL major version such as 16, got {value!r}", path)
    major = int(text.split(".")[0])
    if major not in SUPPORTED:
        raise ConfigError(key, f"unsupported PostgreSQL major version {major}; supported: "
                               f"{SUPPORTED.start}-{SUPPORTED.stop - 1}", path)
    return major


def _bool(value: Any, key: str, path: str | None) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("1", "true", "yes", "on"):
        return True
    if isinstance(value, str) and value.strip().lower() in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(key, f"expected true or false, got {value!r}", path)


def _fail_on(value: Any, key: str, path: str | None) -> str:
    text = str(value).strip().lower()
    if text not in FAIL_ON_VALUES:
        raise ConfigError(key, f"expected one of {', '.join(FAIL_ON_VALUES)}, got {value!r}", path)
    return text


def _severities(value: Any, key: str, path: str | None) -> tuple[tuple[str, Severity], ...]:
    if isinstance(value, str):  # env / flag form: "M101=warning,M2=info"
        pairs = [part.split("=", 1) for part in value.split(",") if part.strip()]
        if any(len(pair) != 2 for pair in pairs):
            raise ConfigError(key, "expected RULE=SEVERITY pairs, e.g. M101=warning", path)
        value = {k.strip(): v.strip() for k, v in pairs}
    if not isinstance(value, Mapping):
        raise ConfigError(key, 'expected a table such as { M101 = "warning" }', path)
    result = []
    for rule_key, severity in value.items():
        try:
            result.append((str(rule_key), Severity(str(severity).lower())))
        except ValueError:
            raise ConfigError(f"{key}.{rule_key}", f"expected error, warning or info, got {severity!r}",
                              path) from None
    return tuple(result)


def _prefix(path: str | None) -> str:
    return "tool.migrator" if path and path.endswith("pyproject.toml") else ""


def _key(path: str | None, *parts: str) -> str:
    return ".".join(p for p in (_prefix(path), *parts) if p)


def parse_table(table: Mapping[str, Any], path: str | None = None) -> Config:
    """Validate a `[tool.migrator]` table (or a `migrator.toml` document) into a `Config`.

    Raises:
        ConfigError: an unknown top-level key or a bad value; the message names key and file.
    """
    base = LintSettings(config_path=path)
    values: list[tuple[str, Any]] = []
    sections: list[tuple[str, tuple[tuple[str, Any], ...]]] = []
    per_path: list[PathOverride] = []
    for key, value in table.items():
        qualified = _key(path, key)
        if key in SECTIONS:
            if not isinstance(value, Mapping):
                raise ConfigError(qualified, "expected a table", path)
            sections.append((key, tuple(value.items())))
            continue
        if key not in LINT_KEYS and key not in OTHER_SCALAR_KEYS:
            known = sorted(LINT_KEYS | OTHER_SCALAR_KEYS | SECTIONS)
            from migrator.lint.registry import did_you_mean

            raise ConfigError(qualified, f"unknown key{did_you_mean(key, known)} "
                                         f"(known: {', '.join(known)})", path)
        values.append((key, value))
        if key == "pg_version":
            base = replace(base, pg_version=_pg_version(value, qualified, path))
        elif key == "select":
            base = replace(base, select=_strings(value, qualified, path))
        elif key == "ignore":
            base = replace(base, ignore=_strings(value, qualified, path))
        elif key == "severity":
            base = replace(base, severity=_severities(value, qualified, path))
        elif key == "fail_on":
            base = replace(base, fail_on=_fail_on(value, qualified, path))
        elif key == "assume_in_transaction":
            base = replace(base, assume_in_transaction=_bool(value, qualified, path))
        elif key == "preview":
            base = replace(base, preview=_bool(value, qualified, path))
        elif key == "per_path":
            per_path.extend(_per_path(value, qualified, path))
    root = str(Path(path).parent) if path else "."
    return Config(path, root, base, tuple(per_path), tuple(values), tuple(sections))


def _per_path(value: Any, key: str, path: str | None) -> Iterable[PathOverride]:
    if not isinstance(value, Mapping):
        raise ConfigError(key, 'expected a table of glob = { ... } entries', path)
    for glob, entry in value.items():
        entry_key = f"{key}.{glob!r}" if not re.fullmatch(r"[\w-]+", glob) else f"{key}.{glob}"
        if not isinstance(entry, Mapping):
            raise ConfigError(entry_key, "expected a table with select/ignore/severity/pg_version", path)
        unknown = sorted(set(entry) - PER_PATH_KEYS)
        if unknown:
            raise ConfigError(f"{entry_key}.{unknown[0]}",
                              f"unknown key (known: {', '.join(sorted(PER_PATH_KEYS))})", path)
        yield PathOverride(
            glob=str(glob),
            select=_strings(entry["select"], f"{entry_key}.select", path) if "select" in entry else None,
            ignore=_strings(entry.get("ignore", []), f"{entry_key}.ignore", path),
            severity=_severities(entry.get("severity", {}), f"{entry_key}.severity", path),
            pg_version=(_pg_version(entry["pg_version"], f"{entry_key}.pg_version", path)
                        if "pg_version" in entry else None),
            assume_in_transaction=(_bool(entry["assume_in_transaction"],
                                         f"{entry_key}.assume_in_transaction", path)
                                   if "assume_in_transaction" in entry else None),
        )


def read_config_file(path: str) -> Config:
    """Read one `pyproject.toml` (its `[tool.migrator]`) or `migrator.toml` (top-level keys)."""
    try:
        with open(path, "rb") as handle:
            document = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError("config", f"cannot read: {exc.strerror or exc}", path) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("toml", f"invalid TOML: {exc}", path) from None
    if Path(path).name == "pyproject.toml":
        table = document.get("tool", {}).get("migrator", {})
    else:
        table = document.get("migrator", document) if set(document) == {"migrator"} else document
    if not isinstance(table, Mapping):
        raise ConfigError(_key(path), "expected a table", path)
    return parse_table(table, path)


def _has_migrator_table(pyproject: Path) -> bool:
    try:
        with open(pyproject, "rb") as handle:
            return "migrator" in tomllib.load(handle).get("tool", {})
    except (OSError, tomllib.TOMLDecodeError):
        return True  # let read_config_file report the problem with its path


def find_config_file(directory: str) -> str | None:
    """The nearest config file at or above `directory` (absolute), or None."""
    current = Path(directory).resolve()
    for folder in (current, *current.parents):
        candidate = folder / "migrator.toml"
        if candidate.is_file():
            return str(candidate)
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and _has_migrator_table(candidate):
            return str(candidate)
    return None


def env_overrides(environ: Mapping[str, str] | None = None) -> Overrides:
    """Overrides from `MIGRATOR_*` environment variables."""
    env = os.environ if environ is None else environ

    def get(name: str) -> str | None:
        value = env.get(ENV_PREFIX + name)
        return value if value not in (None, "") else None

    pg = get("PG_VERSION")
    select, ignore, fail_on, assume = get("SELECT"), get("IGNORE"), get("FAIL_ON"), get("ASSUME_IN_TRANSACTION")
    severity, preview = get("SEVERITY"), get("PREVIEW")
    return Overrides(
        config_file=get("CONFIG"),
        pg_version=_pg_version(pg, "MIGRATOR_PG_VERSION", None) if pg else None,
        select=_strings(select, "MIGRATOR_SELECT", None) if select else None,
        ignore=_strings(ignore, "MIGRATOR_IGNORE", None) if ignore else None,
        severity=_severities(severity, "MIGRATOR_SEVERITY", None) if severity else (),
        fail_on=_fail_on(fail_on, "MIGRATOR_FAIL_ON", None) if fail_on else None,
        assume_in_transaction=_bool(assume, "MIGRATOR_ASSUME_IN_TRANSACTION", None) if assume else None,
        preview=_bool(preview, "MIGRATOR_PREVIEW", None) if preview else None,
    )


def merge_overrides(flags: Overrides, env: Overrides) -> Overrides:
    """Flags win over env, key by key."""
    return Overrides(
        config_file=flags.config_file or env.config_file,
        pg_version=flags.pg_version if flags.pg_version is not None else env.pg_version,
        select=flags.select if flags.select is not None else env.select,
        ignore=flags.ignore if flags.ignore is not None else env.ignore,
        extend_ignore=flags.extend_ignore + env.extend_ignore,
        severity=env.severity + flags.severity,
        fail_on=flags.fail_on or env.fail_on,
        assume_in_transaction=(flags.assume_in_transaction if flags.assume_in_transaction is not None
                               else env.assume_in_transaction),
        extra=env.extra + flags.extra,
        preview=flags.preview if flags.preview is not None else env.preview,
    )


def _apply_overrides(config: Config, overrides: Overrides) -> Config:
    forced: dict[str, Any] = {}
    for name in ("pg_version", "select", "ignore", "fail_on", "assume_in_transaction", "preview"):
        value = getattr(overrides, name)
        if value is not None:
            forced[name] = value
    if overrides.extend_ignore:
        forced["extend_ignore"] = overrides.extend_ignore
    if overrides.severity:
        forced["extend_severity"] = overrides.severity
    return replace(config, forced=tuple(forced.items()))


@dataclass(slots=True)
class ConfigResolver:
    """Finds and caches the config of each file: nearest file wins, overrides applied on top."""

    overrides: Overrides = Overrides()
    _cache: dict[str | None, Config] = field(default_factory=dict)
    _found: dict[str, str | None] = field(default_factory=dict)

    def for_file(self, path: str) -> Config:
        """The config governing `path` (`-`/`<stdin>`: the current directory's)."""
        if self.overrides.config_file:
            config_path: str | None = self.overrides.config_file
        else:
            directory = os.getcwd() if path in ("-", "<stdin>") else os.path.dirname(os.path.abspath(path))
            if directory not in self._found:
                self._found[directory] = find_config_file(directory)
            config_path = self._found[directory]
        cached = self._cache.get(config_path)
        if cached is None:
            if config_path is not None and not os.path.exists(config_path):
                raise ConfigError("--config", "file not found", config_path)
            loaded = read_config_file(config_path) if config_path else Config()
            cached = _apply_overrides(loaded, self.overrides)
            self._cache[config_path] = cached
        return cached

    def settings_for(self, path: str) -> LintSettings:
        return self.for_file(path).for_path(path)


def resolver(flags: Overrides | None = None, environ: Mapping[str, str] | None = None) -> ConfigResolver:
    """A resolver with flags over env (`MIGRATOR_*`) over the files."""
    return ConfigResolver(merge_overrides(flags or Overrides(), env_overrides(environ)))


def load_config(start: str = ".", flags: Overrides | None = None) -> Config:
    """The config for a directory or file (for commands that need one config, e.g. `apply`)."""
    return resolver(flags).for_file(os.path.join(os.path.abspath(start), "_") if os.path.isdir(start) else start)


def split_keys(values: Sequence[str] | None) -> tuple[str, ...] | None:
    """Flatten repeated/comma-separated CLI values (`--select M1,M2 --select M5`)."""
    if values is None:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def resolve_pg_version(flag: int | None, paths: Sequence[str]) -> int:
    """The target version for commands that take one for all their paths (`plan`, `apply`):
    the flag, else `MIGRATOR_PG_VERSION`, else the configuration nearest to the first path
    (the current directory for `-` or no path), else the default.

    Raises:
        ConfigError: a bad value in the environment or the configuration file.
    """
    if flag is not None:
        return _pg_version(flag, "--pg-version", None)
    first = next((p for p in paths if p not in ("-", "<stdin>")), None)
    start = os.path.join(os.path.abspath(first), "_") if first and os.path.isdir(first) else (first or "-")
    return resolver().settings_for(start).pg_version

