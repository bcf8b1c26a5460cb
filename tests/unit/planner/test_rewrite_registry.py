"""`REWRITES` is explicit and complete, each entry meets the protocol, and each module documents
itself with the sections a reviewer needs."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import migrator.planner.rewrites as rewrites_pkg
from migrator.planner.rewrites import REWRITES
from migrator.planner.rewrites.base import Rewrite

SECTIONS = ("## Applies when", "## Expand", "## Backfill", "## Contract", "## Undo", "## PostgreSQL versions", "## Example")
MODULES = sorted(
    m.name for m in pkgutil.iter_modules(rewrites_pkg.__path__) if not m.name.startswith("_") and m.name != "base"
)


def test_every_rewrite_module_is_registered_once() -> None:
    registered = [type(r).__module__.rsplit(".", 1)[-1] for r in REWRITES]
    assert sorted(set(registered)) == MODULES
    assert len({r.name for r in REWRITES}) == len(REWRITES)


def test_passthrough_is_last() -> None:
    assert REWRITES[-1].name == "passthrough"


@pytest.mark.parametrize("rewrite", REWRITES, ids=[r.name for r in REWRITES])
def test_rewrite_meets_the_protocol(rewrite: object) -> None:
    assert isinstance(rewrite, Rewrite)


@pytest.mark.parametrize("module", MODULES, ids=MODULES)
def test_rewrite_module_docstring_has_every_section(module: str) -> None:
    doc = importlib.import_module(f"migrator.planner.rewrites.{module}").__doc__ or ""
    missing = [s for s in SECTIONS if s not in doc]
    assert not missing, f"{module}: missing {missing}"
