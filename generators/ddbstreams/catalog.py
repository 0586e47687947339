"""The fixture catalogue: one entry per published file, next to the scenario that makes it.

Everything that lists fixtures — the generator, the validator's
fixture-to-schema mapping, `events/index.json`, the docs' catalogue page,
the example harness — reads this one list.
"""

from __future__ import annotations

from collections.abc import Callable

from .names import SHAPE_SCHEMAS as SHAPE_SCHEMAS
from .values import Value

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Fixture shapes and the schema each conforms to (stated in `names`, read from here too).
# What readers call each shape: headings of the fixture catalogue and the conformance matrix,
# in the order those pages list the shapes.
SHAPE_TITLES: dict[str, str] = {
    "stream": "Stream events (event source mapping)",
    "batch-response": "Function responses",
    "tumbling-window": "Tumbling-window events",
    "tumbling-window-response": "Tumbling-window responses",
    "failure-destination": "On-failure destination records",
    "failure-destination-s3": "On-failure destination records (S3)",
    "kinesis": "Kinesis Data Streams events",
    "kinesis-change-record": "Kinesis change records (decoded data)",
    "pipes": "EventBridge Pipes",
}


class Fixture(Value):
    """A published fixture: where it lives, what it is, and how to make it."""

    path: str
    shape: str
    title: str
    description: str
    build: Callable[[], Any]
    # For responses: the event fixture whose batch the response answers.
    answers: str | None = None

    @property
    def schema(self) -> str:
        return SHAPE_SCHEMAS[self.shape]

    @property
    def name(self) -> str:
        """The name the CLI knows it by: its path under events/ without `.json`."""
        return self.path.removeprefix("events/").removesuffix(".json")

    def index_entry(self) -> dict[str, str]:
        entry = {
            "path": self.path,
            "name": self.name,
            "shape": self.shape,
            "schema": self.schema,
            "title": self.title,
            "description": self.description,
        }
        if self.answers:
            entry["answers"] = self.answers
        return entry
