"""JSON text read the way the matching engine reads it.

Two things `json.loads` loses matter to filtering: the digits a number was
written with (AWS compares some numbers by their text) and repeated keys in a
pattern (the engine keeps every one, the last list for a path winning). The
readers here keep both.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any


class JsonNumber(float):
    """A JSON number that remembers its text (`3.0e2` stays `3.0e2`)."""

    text: str

    def __new__(cls, text: str) -> JsonNumber:
        number = super().__new__(cls, float(text))
        number.text = text
        return number

    def __repr__(self) -> str:
        return self.text


class Pairs(list[tuple[str, Any]]):
    """A JSON object as its members in order, repeated keys kept."""


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def loads_pattern(text: str | bytes) -> Any:
    """Parse pattern text: objects become `Pairs`, numbers `JsonNumber`."""
    return json.loads(
        text,
        object_pairs_hook=Pairs,
        parse_float=JsonNumber,
        parse_int=JsonNumber,
        parse_constant=_refuse_constant,
    )


def loads_document(text: str | bytes) -> Any:
    """Parse an event: objects are dicts (the last repeated key wins), numbers keep their text."""
    return json.loads(
        text, parse_float=JsonNumber, parse_int=JsonNumber, parse_constant=_refuse_constant
    )


def is_number(value: Any) -> bool:
    """A JSON number (a bool is not one, although Python says it is an int)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def number_text(value: int | float) -> str:
    """The text a number has in JSON: as written when known, else as `json.dumps` writes it."""
    if isinstance(value, JsonNumber):
        return value.text
    if isinstance(value, float):
        return repr(value)
    return str(value)


@lru_cache(maxsize=4096)
def comparable(text: str) -> float | None:
    """The number's value when the engine can compare it, else None.

    The engine compares a number only when its decimal text is exactly the
    value of the nearest double (so `1.0000000000000001` or
    `12345678901234567890` compare by text alone), and never infinities.
    """
    try:
        exact = Decimal(text)
    except InvalidOperation:
        return None
    if not exact.is_finite():
        return None
    value = float(exact)
    if not math.isfinite(value) or Decimal(repr(value)) != exact:
        return None
    return value + 0.0  # -0.0 compares equal to 0.0
