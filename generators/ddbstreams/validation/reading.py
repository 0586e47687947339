"""Reading a document strictly, and bounding it, before any schema engine sees it.

Lambda sends an event as UTF-8 JSON of at most 6 MB. A file that cannot be
such an event is reported as one problem, cheaply, instead of being handed to
code that would exhaust memory or the stack:

* a file far beyond 6 MB is not read at all;
* the nesting depth is measured iteratively on the text, so a document nested
  thousands of levels deep never reaches a recursive parser or engine;
* the text must be UTF-8 (a byte order mark is only a warning), with no
  duplicate keys, no NaN or Infinity, no lone surrogates, no integer longer
  than Python converts;
* the size that counts is the compact UTF-8 serialization, what Lambda sends,
  not the pretty-printed file.

`document_problems` applies the same depth and JSON checks to a value built in
Python (`validate_event`).
"""

from __future__ import annotations

import codecs
import json
import math
import os
import re
import stat
import sys
from collections.abc import Iterator
from itertools import accumulate

from ..gcpause import paused
from ..jsonstream import compact_utf8
from ..limits import MAX_DEPTH, MAX_EVENT_BYTES
from ..terminal import quote
from ..values import Value, field
from .problems import Problem, pointer

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from typing import Any, Final

MAX_JSON_DEPTH: Final = 2 * MAX_DEPTH + 36
"""JSON nesting no event reaches: six levels of envelope, two per AttributeValue level
(`{"M": {...}}`), and room for a tumbling window's state, yet far from either
schema engine's recursion limit."""

MAX_READ_BYTES: Final = 8 * MAX_EVENT_BYTES
"""Files above this are refused unread: even pretty-printed, no 6 MB event is this large."""

MAX_INT_DIGITS: Final = 4300
"""Python's default limit on converting digit strings to int; no event field needs more."""

_OTHER_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_STEP: Final = {"[": 1, "{": 1, "]": -1, "}": -1}
_JSON_TYPES: Final = (dict, list, tuple, str, int, float, type(None))


class Reading(Value, frozen=False):
    """A parsed document, its compact UTF-8 size, and what was wrong with the text."""

    doc: Any = None
    size: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the document was read and may be validated."""
        return not any(p.severity == "error" for p in self.problems)


class _NotAccepted(Exception):
    """Raised from inside the parser's hooks: the text is not an acceptable document."""


class _DuplicateKeys(dict):  # type: ignore[type-arg]
    """An object in which a key appeared twice; found after parsing to name its pointer."""

    duplicate: str = ""


def _json_error(message: str, where: str = "") -> Reading:
    return Reading(problems=[Problem(where, "json", message)])


def _io_error(message: str) -> Reading:
    return Reading(problems=[Problem("", "io", message)])


def _refused(size: int) -> Reading:
    return Reading(
        size=size,
        problems=[
            Problem(
                "",
                "event-size",
                f"the file is {size} bytes; no event Lambda sends exceeds {MAX_EVENT_BYTES} "
                "bytes of compact JSON, so it is not read",
            )
        ],
    )


def read_path(path: str | Path) -> Reading:
    """Read and parse one file; anything wrong with it is a problem, never an exception.

    Pipes and devices are refused unread: a FIFO would block, `/dev/zero` never ends.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return _io_error("no such file (a dangling symbolic link?)")
    except OSError as exc:
        return _io_error(_reason(exc))
    if not stat.S_ISREG(info.st_mode):
        return _io_error("a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file")
    if info.st_size > MAX_READ_BYTES:
        return _refused(info.st_size)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_READ_BYTES + 1)
    except OSError as exc:
        return _io_error(_reason(exc))
    if len(data) > MAX_READ_BYTES:
        return _refused(len(data))
    return read_bytes(data)


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def read_bytes(data: bytes) -> Reading:
    """Parse `data` as Lambda would have to send it: UTF-8 JSON, bounded in depth."""
    warnings: list[Problem] = []
    for bom, encoding in _OTHER_BOMS:
        if data.startswith(bom):
            return _json_error(
                f"{encoding} text (it starts with a byte order mark); Lambda sends UTF-8"
            )
    if data.startswith(codecs.BOM_UTF8):
        warnings.append(
            Problem("", "json", "starts with a UTF-8 byte order mark; Lambda sends none", "warning")
        )
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _json_error(f"not UTF-8 text: {exc.reason} at byte {exc.start}")
    reading = read_text(text, shallow=_shallow_bytes(data))
    reading.problems[:0] = warnings
    return reading


def _shallow_bytes(data: bytes) -> bool:
    """True when UTF-8 `data` surely nests within the limit, found in C on the bytes.

    The bytes of brackets, quotes and backslashes never occur inside a multi-byte
    UTF-8 sequence, so deleting every other byte keeps exactly the text's structure
    (`bytes.translate` with a deletion table, several times faster than `str.translate`).
    False means "not known": the text is then measured exactly.
    """
    kept = data.translate(_ONE_KIND_BYTES, _NOT_STRUCTURE_BYTES)  # `{}` become `[]` too
    if kept.count(b"[") <= MAX_JSON_DEPTH:
        return True  # too few brackets to nest deeper
    if b"\\" in kept:
        return False  # escapes: a quote may sit inside a string
    brackets = kept.replace(b'""', b"")
    return b'"' not in brackets and _within_depth(brackets.decode("ascii"), MAX_JSON_DEPTH)


_NOT_STRUCTURE_BYTES: Final = bytes(b for b in range(256) if b not in b'[]{}"\\')
_ONE_KIND_BYTES: Final = bytes.maketrans(b"{}", b"[]")


def _brackets_without_strings(text: str) -> str | None:
    """The brackets of `text` outside its strings, when that is quick to find; else None.

    Deleting every character but brackets, quotes and backslashes runs in C; when no
    string holds a bracket or a backslash, each string is then an adjacent pair of quotes.
    """
    kept = text.translate(_STRUCTURE)
    if "\\" in kept:
        return None  # escapes: a quote may sit inside a string
    brackets = kept.replace('""', "")
    return None if '"' in brackets else brackets


def _within_depth(brackets: str, limit: int) -> bool:
    """True when `brackets` balance and nest at most `limit` deep.

    Depth does not depend on which kind of bracket nests in which, so both kinds
    become `[]`; then each pass deletes every innermost pair (`str.replace` does
    not rescan what it just joined), one level per pass.
    """
    brackets = brackets.translate(_ONE_KIND)
    for _ in range(limit):
        if not brackets:
            return True
        brackets = brackets.replace("[]", "")
    return not brackets


_ONE_KIND: Final = str.maketrans("{}", "[]")


def text_depth(text: str) -> int:
    """How deep `text` nests arrays and objects, measured without recursion.

    A depth within the limit is reported as the limit itself (it is only compared with it).
    """
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return MAX_JSON_DEPTH  # cannot be deeper; skip the scan
    quick = _brackets_without_strings(text)
    if quick is not None and _within_depth(quick, MAX_JSON_DEPTH):
        return MAX_JSON_DEPTH
    # The exact measure, for text the quick ones could not judge (compiled only then).
    strings = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
    brackets = re.sub(r"[^\[\]{}]+", "", strings.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


class _KeepStructure(dict[int, None]):
    """A `str.translate` table that deletes every character but brackets, quotes, backslashes."""

    def __missing__(self, code: int) -> None:
        if chr(code) in '[]{}"\\':
            raise LookupError(code)  # translate keeps a character whose lookup fails
        return None


_STRUCTURE = _KeepStructure()


def _object_hook(found: list[_DuplicateKeys]) -> Any:
    """An `object_pairs_hook` that marks objects with a repeated key and remembers them."""

    def build(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) == len(pairs):
            return result
        seen: set[str] = set()
        marked = _DuplicateKeys(result)
        for key, _ in pairs:
            if key in seen:
                marked.duplicate = key
                break
            seen.add(key)
        found.append(marked)
        return marked

    return build


def _constant(name: str) -> Any:
    raise _NotAccepted(f"{name} is not JSON (JSON has no NaN or Infinity)")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotAccepted(f"the number {quote(text)} is beyond the range of a double")
    return value


def _int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise _NotAccepted(
            f"an integer of {digits} digits (this reader takes at most {MAX_INT_DIGITS}; "
            "no event field needs more)"
        )
    return int(text)


def _parse(
    text: str, duplicates: list[_DuplicateKeys] | None, floats: list[float] | None = None
) -> Any:
    """The strict parse; with `duplicates`, every object with a repeated key is marked there,
    and with `floats`, every float parsed is appended there.

    Integers go through `_int` only when this process has raised or lifted Python's
    own limit on digit strings (`sys.set_int_max_str_digits`): under the default
    limit, `int()` itself refuses a longer one before converting it, and a hook
    called for every integer of a 10,000-record batch would cost more than it checks.
    """
    limit = sys.get_int_max_str_digits()
    with paused():  # parsed JSON holds no cycles: no collection can free anything
        return json.loads(
            text,
            object_pairs_hook=None if duplicates is None else _object_hook(duplicates),
            parse_constant=_constant,
            parse_float=_float if floats is None else _recording(floats),
            parse_int=None if 0 < limit <= MAX_INT_DIGITS else _int,
        )


def _recording(floats: list[float]) -> Callable[[str], float]:
    """`_float`, keeping each value: a document that parsed none holds no float."""

    def parse(text: str) -> float:
        value = _float(text)
        floats.append(value)
        return value

    return parse


def _long_integer(exc: ValueError) -> str:
    """`int()`'s refusal of a long digit string, in the words `_int` uses."""
    found = re.search(r"has (\d+) digits", str(exc))
    digits = found.group(1) if found else f"more than {MAX_INT_DIGITS}"
    return (
        f"an integer of {digits} digits (this reader takes at most {MAX_INT_DIGITS}; "
        "no event field needs more)"
    )


def read_text(text: str, *, shallow: bool = False) -> Reading:
    """Parse JSON text strictly; its size is that of the compact UTF-8 serialization.

    Text without a backslash (most events) is parsed by the C parser alone, and
    duplicate keys are found by counting colons: with no escapes, the compact
    serialization writes every string as it is in the text, so it has as many
    colons as the text unless a repeated key merged two members. Only then, or
    for text with escapes, is it parsed again with a hook that names the key.
    `shallow`: the caller already knows the text nests within the limit.
    """
    depth = MAX_JSON_DEPTH if shallow else text_depth(text)
    if depth > MAX_JSON_DEPTH:
        return _json_error(
            f"nesting too deep: {depth} levels (no event nests more than {MAX_JSON_DEPTH})"
        )
    duplicates: list[_DuplicateKeys] = []
    unescaped = "\\" not in text
    large = len(text) >= C_ENCODER_FROM_CHARS
    floats: list[float] = []
    try:
        doc = _parse(text, None if unescaped else duplicates, floats)
        if unescaped:  # no lone surrogate either: encoding cannot fail
            compact = compact_utf8(doc, c=large, float_free=not floats)
            if compact.count(b":") != text.count(":"):
                doc = _parse(text, duplicates)
    except _NotAccepted as exc:
        return _json_error(str(exc))
    except json.JSONDecodeError as exc:
        return _json_error(f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
    except ValueError as exc:  # int() refused a digit string past Python's limit
        return _json_error(_long_integer(exc))
    except RecursionError:
        return _json_error(f"nesting too deep (more than {MAX_JSON_DEPTH} levels)")
    if duplicates:
        return Reading(problems=list(_duplicate_problems(doc, duplicates[0])))
    if not unescaped:
        try:
            compact = compact_utf8(doc, c=large, float_free=not floats)
        except UnicodeEncodeError:
            return Reading(problems=document_problems(doc))
    return Reading(doc, len(compact))


C_ENCODER_FROM_CHARS: Final = 2 * 2**20
"""Text from this length on is re-encoded by orjson (extra `fast`), when installed, to
measure it: loading orjson costs about what `json` takes to encode 2 MB, and orjson
encodes ten times faster. Below it, or without orjson, `json` encodes it."""


def compact_size(doc: Any) -> int:
    """Bytes of `doc` as compact UTF-8 JSON: what the 6 MB payload limit measures."""
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return len(text.encode("utf-8"))


def _walk(doc: Any) -> Iterator[tuple[tuple[str | int, ...], Any, int]]:
    """(path, value, depth) of every value in `doc`, iteratively; deeper than the bound stops."""
    stack: list[tuple[tuple[str | int, ...], Any, int]] = [((), doc, 0)]
    while stack:
        parts, value, depth = stack.pop()
        yield parts, value, depth
        if depth > MAX_JSON_DEPTH:
            continue
        if isinstance(value, dict):
            stack.extend(((*parts, k), v, depth + 1) for k, v in reversed(value.items()))
        elif isinstance(value, list | tuple):
            stack.extend(((*parts, i), v, depth + 1) for i, v in reversed(list(enumerate(value))))


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _duplicate_problems(doc: Any, marked: _DuplicateKeys) -> Iterator[Problem]:
    """The duplicate key in `marked` (an object inside `doc`) at its pointer."""
    for parts, value, _ in _walk(doc):
        if value is marked:
            yield Problem(
                pointer(*parts, marked.duplicate),
                "json",
                f"duplicate key {quote(marked.duplicate)} (a reader would keep only the last)",
            )
            return


def _string_problem(parts: tuple[str | int, ...], value: Any) -> Problem | None:
    names = [p for p in parts[-1:] if isinstance(p, str)]
    for text in [*names, *([value] if isinstance(value, str) else [])]:
        if _has_surrogate(text):
            return Problem(
                pointer(*parts), "json", "a lone surrogate (\\ud800-\\udfff) is not Unicode text"
            )
    return None


def document_problems(doc: Any) -> list[Problem]:
    """For a value built in Python: nesting beyond any event, non-finite numbers, lone surrogates.

    Checked before a recursive engine could overflow the stack on it: first in C
    (serializing, then measuring the text's depth), and only when that finds
    something, by an iterative walk that names the pointer.
    """
    try:
        text = json.dumps(doc, ensure_ascii=False, allow_nan=False)
        text.encode("utf-8")
        if text_depth(text) <= MAX_JSON_DEPTH:
            return []
    except (ValueError, TypeError, RecursionError):
        pass  # NaN, a lone surrogate, a non-JSON type or deep nesting: find where
    return _walked_problems(doc)


def _walked_problems(doc: Any) -> list[Problem]:
    for parts, value, depth in _walk(doc):
        if depth > MAX_JSON_DEPTH:
            return [
                Problem(
                    pointer(*parts),
                    "nesting-depth",
                    f"nested more than {MAX_JSON_DEPTH} JSON levels; no event nests so deep",
                )
            ]
        if isinstance(value, float) and not math.isfinite(value):
            return [Problem(pointer(*parts), "json", f"{value!r} is not JSON (no NaN or Infinity)")]
        if not isinstance(value, _JSON_TYPES):
            return [
                Problem(pointer(*parts), "json", f"a {type(value).__name__} is not a JSON value")
            ]
        if isinstance(value, dict) and not all(isinstance(key, str) for key in value):
            return [Problem(pointer(*parts), "json", "an object key that is not a string")]
        problem = _string_problem(parts, value)
        if problem:
            return [problem]
    return []
