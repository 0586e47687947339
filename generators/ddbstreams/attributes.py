"""Plain Python values ⇄ DynamoDB AttributeValue JSON.

Fixtures are written from readable Python values (`{"Id": 101, "tags": {"a"}}`)
and turned into the JSON DynamoDB puts in stream records. Marshalling rejects
everything DynamoDB itself would reject, naming the attribute path, so a
scenario can never produce an event AWS would not send.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping

from .limits import MAX_ATTRIBUTE_NAME_BYTES, MAX_DEPTH
from .numbers import (
    MAX_MAGNITUDE_TEXT,
    MAX_SIGNIFICANT_DIGITS,
    canonical_number,
    exact_integer,
    number_problem,
)
from .terminal import QUOTE_CHARS, quote

TYPE_CHECKING = False
if TYPE_CHECKING:
    from decimal import Decimal
    from typing import Any, TypeAlias, TypeGuard

    AttributeValue: TypeAlias = dict[str, Any]
    Item: TypeAlias = dict[str, AttributeValue]

# An integer wider than DynamoDB's largest number is refused before str(), which
# raises on integers over 4,300 digits.
_MAX_INT_BITS = exact_integer(MAX_MAGNITUDE_TEXT).bit_length()
_MAX_PLAIN_INT = 10**MAX_SIGNIFICANT_DIGITS - 1  # every integer up to here is a valid N


class MarshalError(ValueError):
    """A value DynamoDB would not accept, with the attribute path that holds it."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def is_decimal(value: object) -> TypeGuard[Decimal]:
    """True for a `decimal.Decimal`, without importing `decimal` (a third of a start).

    A Decimal can only exist once its module is loaded, so until then none is.
    """
    module = sys.modules.get("decimal")
    return module is not None and isinstance(value, module.Decimal)


def _number_text(value: int | float | Decimal, path: str) -> str:
    if isinstance(value, float):
        if not math.isfinite(value):
            raise MarshalError(path, f"{value!r} is not a finite number")
        from decimal import Decimal

        value = Decimal(repr(value))  # shortest decimal form, not the binary expansion
    elif is_decimal(value) and not value.is_finite():
        raise MarshalError(path, f"{value!r} is not a finite number")
    if isinstance(value, int) and value.bit_length() > _MAX_INT_BITS:
        raise MarshalError(
            path, f"an integer of {value.bit_length()} bits is outside DynamoDB's range (9.99E+125)"
        )
    text = str(value) if isinstance(value, int) else canonical_number(value)
    problem = number_problem(text)
    if problem:
        raise MarshalError(path, problem)
    return text


def _set_value(values: set[Any] | frozenset[Any], path: str) -> AttributeValue:
    if not values:
        raise MarshalError(path, "a set must not be empty")
    kinds = {_set_kind(v, path) for v in values}
    if len(kinds) > 1:
        raise MarshalError(path, f"a set must hold one type, found {sorted(kinds)}")
    kind = kinds.pop()
    if kind == "SS":
        return {"SS": sorted(values)}
    if kind == "BS":
        import base64  # only binary values need it

        return {"BS": [base64.b64encode(v).decode("ascii") for v in sorted(values)]}
    from decimal import Decimal

    texts = [_number_text(v, path) for v in values]
    unique = {Decimal(t) for t in texts}
    if len(unique) != len(texts):
        raise MarshalError(path, "a number set holds numerically equal elements")
    return {"NS": sorted(texts, key=Decimal)}


def _set_kind(value: Any, path: str) -> str:
    if isinstance(value, str):
        return "SS"
    if isinstance(value, bytes):
        return "BS"
    if (isinstance(value, int | float) or is_decimal(value)) and not isinstance(value, bool):
        return "NS"
    raise MarshalError(path, f"{type(value).__name__} cannot be a set element")


def _text(value: str, path: str) -> str:
    """`value` if it is Unicode text DynamoDB can store (no lone surrogates)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise MarshalError(
            path, f"a lone surrogate at character {exc.start} is not Unicode text"
        ) from None
    return value


def marshal_value(value: Any, path: str = "$", depth: int = 1) -> AttributeValue:
    """One Python value as an AttributeValue; `path` names it in errors.

    `depth` is the value's level: a top-level attribute is level 1, and no value
    may sit deeper than `MAX_DEPTH`, so an M or L at that level cannot hold anything.
    """
    if depth > MAX_DEPTH:
        raise MarshalError(path, f"nesting deeper than {MAX_DEPTH} levels")
    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, str):
        return {"S": _text(value, path)}
    if isinstance(value, int | float) or is_decimal(value):
        return {"N": _number_text(value, path)}
    if isinstance(value, bytes | bytearray):
        import base64  # only binary values need it

        return {"B": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, set | frozenset):
        return _set_value(value, path)
    if isinstance(value, list | tuple | Mapping) and depth >= MAX_DEPTH:
        raise MarshalError(path, f"nesting deeper than {MAX_DEPTH} levels")
    if isinstance(value, list | tuple):
        return {"L": [marshal_value(v, f"{path}[{i}]", depth + 1) for i, v in enumerate(value)]}
    if isinstance(value, Mapping):
        return {"M": marshal_item(value, path, depth + 1)}
    raise MarshalError(path, f"{type(value).__name__} has no DynamoDB type")


def marshal_item(item: Mapping[str, Any], path: str = "$", depth: int = 1) -> Item:
    """A mapping of attribute names to Python values as a DynamoDB item (or M value)."""
    if not isinstance(item, Mapping):
        raise MarshalError(
            path, f"an item is a mapping of names to values, not {type(item).__name__}"
        )
    result: Item = {}
    for name, value in item.items():
        if not isinstance(name, str) or not name:
            raise MarshalError(path, f"attribute name {name!r} is not a non-empty string")
        if name.isascii() and len(name) <= MAX_ATTRIBUTE_NAME_BYTES:
            # The common values, which no rule can reject, without building a path for them:
            # ASCII text (no lone surrogate), integers of at most 38 digits, flags.
            kind = type(value)
            if kind is str and value.isascii():
                result[name] = {"S": value}
                continue
            if kind is int and -_MAX_PLAIN_INT <= value <= _MAX_PLAIN_INT:
                result[name] = {"N": str(value)}
                continue
            if kind is bool:
                result[name] = {"BOOL": value}
                continue
        where = f"{path}.{quote(name)}" if len(name) > QUOTE_CHARS else f"{path}.{name}"
        if len(_text(name, where).encode("utf-8")) > MAX_ATTRIBUTE_NAME_BYTES:
            raise MarshalError(
                where, f"an attribute name is at most {MAX_ATTRIBUTE_NAME_BYTES} bytes"
            )
        result[name] = marshal_value(value, where, depth)
    return result


def unmarshal_value(av: Mapping[str, Any], path: str = "$") -> Any:
    """An AttributeValue back to Python: N → int or Decimal, B → bytes, sets → frozenset."""
    if len(av) != 1:
        raise MarshalError(path, f"an AttributeValue has exactly one type key, found {sorted(av)}")
    ((kind, raw),) = av.items()
    if kind == "S":
        return raw
    if kind == "N":
        return _number_value(raw)
    if kind == "BOOL":
        return raw
    if kind == "NULL":
        return None
    if kind == "B":
        return _decode_binary(raw, path)
    if kind == "SS":
        return frozenset(raw)
    if kind == "NS":
        return frozenset(_number_value(v) for v in raw)
    if kind == "BS":
        return frozenset(_decode_binary(v, path) for v in raw)
    if kind == "L":
        return [unmarshal_value(v, f"{path}[{i}]") for i, v in enumerate(raw)]
    if kind == "M":
        return unmarshal_item(raw, path)
    raise MarshalError(path, f"unknown AttributeValue type {kind!r}")


def unmarshal_item(item: Mapping[str, Any], path: str = "$") -> dict[str, Any]:
    """A DynamoDB item (or M value) back to a dict of Python values."""
    return {name: unmarshal_value(av, f"{path}.{name}") for name, av in item.items()}


def _number_value(text: str) -> int | Decimal:
    from decimal import Decimal

    value = Decimal(text)
    return (
        int(value)
        if value == value.to_integral_value() and "." not in text and "e" not in text.lower()
        else value
    )


def _decode_binary(text: str, path: str) -> bytes:
    try:
        import base64  # only binary values need it

        return base64.b64decode(text, validate=True)
    except ValueError as exc:  # binascii.Error is a ValueError
        raise MarshalError(path, f"not valid base64: {exc}") from None
