"""A batch written record by record: the text `json.dumps` gives, without holding it all.

`generate stream` used to build every record, then the whole text, then write
it. Here each record is encoded and written on its own, so the whole text never
exists at once. The indented form is byte for byte `jsonio.dumps` of the whole
event (`json.dumps(indent=2, ensure_ascii=False)` plus a final newline); the
compact form is what Lambda sends, no whitespace. With the optional `orjson`
(extra `fast`) a large batch's indented records come from its C encoder, and
only when that is certain to be the same bytes: otherwise from `json`. orjson is
loaded only for batches large enough to gain from it: loading it imports `uuid`,
`datetime` and more, which a three-record event would pay for nothing. `Spool`
holds such text back until it is complete, for a stream that cannot be replaced
atomically (stdout, a pipe) when the writer can still fail midway.
"""

from __future__ import annotations

import importlib
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sized
from functools import cache
from types import ModuleType

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO

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
    return _json_compact(value)


def compact_utf8(value: Any, *, c: bool = False, float_free: bool = False) -> bytes:
    """`compact(value)` as UTF-8 bytes, the length the 6 MB payload limit counts.

    `c`: by orjson when it is installed and writes the same bytes (`compact_by_c`),
    worth its import only for large values. UnicodeEncodeError on a lone surrogate.
    """
    if c:
        return compact_by_c(value, float_free=float_free)[0]
    return _json_compact(value).encode("utf-8")


def _json_compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def compact_by_c(value: Any, *, float_free: bool = False) -> tuple[bytes, bool]:
    """`compact(value)` as UTF-8 bytes (whose length counts toward the 6 MB payload), and
    whether orjson wrote them.

    orjson writes them when it is installed and its output is certain to be the bytes
    `json` writes. Every way its compact output can differ leaves a mark in it: a float
    below 1e-4 (`0.00001`, `1e-7` where `json` writes `1e-05`, `1e-07`) or a non-finite one
    (`null` for `NaN`). Output with such a mark (in a string too) is written by `json`
    instead: checked on the bytes, not by walking the value. `float_free`: the caller
    knows `value` holds no float (it parsed none), so there is no mark to look for.
    """
    orjson = c_encoder()
    if orjson is not None:
        try:
            out: bytes = orjson.dumps(value)
        except (TypeError, ValueError):  # an int beyond 64 bits, a lone surrogate
            pass
        else:
            if float_free or (b"e-" not in out and b"0.0000" not in out and b"null" not in out):
                return out, True
    return _json_compact(value).encode("utf-8"), False


def write_batch(
    write: Callable[[str], object],
    records: Iterable[Mapping[str, Any]],
    *,
    key: str | None = "Records",
    pretty: bool = True,
    c: bool | None = None,
) -> int:
    """Write `{key: [records…]}` (or the bare array when `key` is None), a record at a time.

    Returns the number of records. The text equals `jsonio.dumps` of the whole
    document when `pretty`, else its compact form followed by a newline. `c`: use
    orjson for the indented form (default: from `C_ENCODER_FROM` records on, when
    `records` has a length; records built as they are written say `c` themselves).
    """
    if c is None:
        c = isinstance(records, Sized) and len(records) >= C_ENCODER_FROM
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


def loads_own(text: str) -> Any:
    """Parse text that orjson itself wrote (`compact_by_c` said so): orjson reads back exactly
    the values it wrote. Any other text goes to `json.loads`, never here: orjson reads
    integers beyond 64 bits as floats, where `json` keeps them exact."""
    orjson = c_encoder()
    return orjson.loads(text) if orjson is not None else json.loads(text)


class Spool:
    """Text held back until it is complete: in memory while small, beyond that in an
    unnamed temporary file, so a large batch never sits in memory whole.

    For output that must appear all at once or not at all on a stream that cannot
    be replaced atomically (stdout, a pipe): the writer can still fail midway.
    """

    IN_MEMORY = 1 << 20  # characters kept in memory before the text moves to a file

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._held = 0
        self._file: TextIO | None = None

    def write(self, text: str) -> None:
        if self._file is not None:
            self._file.write(text)
            return
        self._parts.append(text)
        self._held += len(text)
        if self._held > self.IN_MEMORY:
            import tempfile  # only past the in-memory size

            # Closed by __exit__: the spool is the context manager.
            self._file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n")  # noqa: SIM115
            self._file.writelines(self._parts)
            self._parts = []

    def copy_to(self, out: TextIO) -> None:
        """Write everything held to `out`, in pieces of bounded size."""
        if self._file is None:
            out.write("".join(self._parts))
            return
        self._file.seek(0)
        while piece := self._file.read(self.IN_MEMORY):
            out.write(piece)

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *_: object) -> None:
        if self._file is not None:
            self._file.close()
