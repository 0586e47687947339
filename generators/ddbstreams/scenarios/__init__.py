"""Readable scenario definitions: what happened to which table, and the file it becomes."""

from __future__ import annotations

from ..catalog import Fixture
from . import other_shapes, sam, stream

FIXTURES: tuple[Fixture, ...] = (*sam.FIXTURES, *stream.FIXTURES, *other_shapes.FIXTURES)


def by_name(name: str) -> Fixture:
    """The fixture called `name` (`dynamodb/stream/insert-new-image`), or KeyError."""
    for fixture in FIXTURES:
        if name in (fixture.name, fixture.path):
            return fixture
    raise KeyError(name)
