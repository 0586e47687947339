"""Readable scenario definitions: what happened to which table, and the file it becomes.

`FIXTURES` (every published fixture) is assembled on first use, so that a command
needing one scenario (`generate dynamodb update` imports `scenarios.sam`) does not
build the whole catalogue.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..catalog import Fixture

# The scenario modules, in the order the catalogue lists their fixtures.
MODULES = ("sam", "stream", "other_shapes")


def __getattr__(name: str) -> tuple[Fixture, ...]:
    if name != "FIXTURES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    fixtures = tuple(
        fixture
        for module in MODULES
        for fixture in importlib.import_module(f".{module}", __name__).FIXTURES
    )
    globals()["FIXTURES"] = fixtures
    return fixtures


def by_name(name: str) -> Fixture:
    """The fixture called `name` (`dynamodb/stream/insert-new-image`), or KeyError."""
    for fixture in __getattr__("FIXTURES"):
        if name in (fixture.name, fixture.path):
            return fixture
    raise KeyError(name)
