"""A batch written record by record: the text `json.dumps` gives, without holding it all.

`generate stream` used to build every record, then the whole text, then write
it. Here each record is encoded and written on its own, so the whole text never
exists at once. The indented form is byte for byte `jsonio.dumps` of the whole
event (`json.dumps(indent=2, ensure_ascii=False)` plus a final newline); the
compact form is what Lambda sends, no whitespace. With the optional `orjson`
(extra `fast`) a large batch's indented records come from its C encoder, and
only when that is certain to be the same bytes: otherwise from `json`. orjson is
loaded only for batches large enough to gain from it: loading it imports `uuid`,
`datetime` and more, which a three-record event would pay for nothing.
"""

from __future__ import annotations

import importlib
import json
import math
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from types import ModuleType
from typing import Any

# Batches from this many records on are encoded with orjson, when it is installed.
C_ENCODER_FROM = 64


@cache
def c_encoder() -> ModuleType | None:
    """orjson when the optional `fast` extra is installed (loaded on first use)."""
    try:
        return importlib.import_module("orjson")
    except ImportError:
        return None


def _orjson_safe(value: Any) -> bool:
    """True when orjson writes `value` exactly as `json` does.

    They differ only on floats: orjson writes those below 1e-4 without an
    exponent (`0.00001`, where `json` writes `1e-05`) and NaN/Infinity as null.
    A stream record's only float is its timestamp, so the walk is short work.
    """
    if isinstance(value, float):
        return math.isfinite(value) and (value == 0 or abs(value) >= 1e-4)
    if isinstance(value, dict):
        return all(_orjson_safe(v) for v in value.values())
    if isinstance(value, list):
        return all(_orjson_safe(v) for v in value)
    return True


def indented(value: Any, indent: str, *, c: bool = False) -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False)` with every line after the first
    shifted right by `indent`, as it appears nested in a larger document.

    `c`: encode with orjson when it is installed and writes the same bytes.
    """
    text: str | None = None
    orjson = c_encoder() if c else None
    if orjson is not None and _orjson_safe(value):
        try:
            text = str(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode("utf-8"))
        except (TypeError, ValueError):  # orjson.JSONEncodeError is a TypeError
            text = None  # an int beyond 64 bits, a lone surrogate: `json` writes those
    if text is None:
        text = json.dumps(value, indent=2, ensure_ascii=False)
    # JSON text has no raw newline inside a string, so every newline starts a line.
    return text.replace("\n", "\n" + indent) if indent else text


def compact(value: Any) -> str:
    """What Lambda sends: no whitespace, UTF-8 kept."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_batch(
    write: Callable[[str], object],
    records: Sequence[Mapping[str, Any]],
    *,
    key: str | None = "Records",
    pretty: bool = True,
    c: bool | None = None,
) -> int:
    """Write `{key: [records…]}` (or the bare array when `key` is None), a record at a time.

    Returns the number of records. The text equals `jsonio.dumps` of the whole
    document when `pretty`, else its compact form followed by a newline. `c`: use
    orjson for the indented form (default: from `C_ENCODER_FROM` records on).
    """
    c = len(records) >= C_ENCODER_FROM if c is None else c
    name = json.dumps(key, ensure_ascii=False)
    if pretty:
        depth = "    " if key is not None else "  "
        opening = f"{{\n  {name}: [" if key is not None else "["
        closing = ("\n  ]\n}\n", "]\n}\n") if key is not None else ("\n]\n", "]\n")
        separator, first = ",\n" + depth, "\n" + depth
    else:
        opening = f"{{{name}:[" if key is not None else "["
        closing = ("]}\n", "]}\n") if key is not None else ("]\n", "]\n")
        separator, first = ",", ""
    write(opening)
    count = 0
    for record in records:
        write(
            (separator if count else first)
            + (indented(record, depth, c=c) if pretty else compact(record))
        )
        count += 1
    write(closing[0] if count else closing[1])
    return count
