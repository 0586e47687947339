"""Value matchers: what one entry of a pattern's value list accepts.

Each matcher answers for one leaf value of the event (a string, a number,
`true`, `false` or `null`). Strings are compared the way the engine compares
them, as the quoted text `"value"`; that is why a `prefix` ending in a quote
character matches the whole string.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from .ipaddr import exact_ip_range, in_range, ip_bytes, range_text
from .jsontext import comparable, is_number, number_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _show(value: Any) -> str:
    if is_number(value):
        return number_text(value)
    return json.dumps(value, ensure_ascii=False)


def kind_of(value: Any) -> str:
    """The JSON type of a leaf, in words, for explanations."""
    if isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    return "number"


@dataclass(frozen=True)
class Matcher:
    """One entry of a value list: the operator it comes from and the test it applies."""

    operator: str
    clause: str
    pointer: str
    test: Callable[[Any], bool] = field(compare=False, repr=False)
    # The JSON types this matcher can ever accept (for "operator against the string ..." hints).
    types: frozenset[str] = frozenset({"string", "number", "boolean", "null"})
    absence: bool = False
    # Compares numbers by value (the engine then reads numbers in binary form for the whole list).
    numeric_kind: bool = False
    # Walks values through an IP address range.
    ip_range: bool = False

    def numbers_in_binary(self) -> Matcher:
        """This matcher in a list that also compares numbers by value.

        The engine then walks a comparable number in its binary form, which no
        IP range accepts; numbers it cannot compare are still walked as text.
        """
        if not self.ip_range:
            return self
        test = self.test
        return replace(
            self,
            test=lambda v: (not is_number(v) or comparable(number_text(v)) is None) and test(v),
        )

    def why_not(self, value: Any) -> str:
        """Why `value` does not satisfy this matcher, in one phrase."""
        kind = kind_of(value)
        if kind not in self.types:
            return f"{self.clause} against the {kind} {_show(value)}"
        return f"{self.clause} does not match {_show(value)}"


STRING = frozenset({"string"})
NUMBER = frozenset({"number"})


def _quoted(value: str) -> str:
    return '"' + value + '"'


def exact_string(text: str, pointer: str) -> Matcher:
    address = ip_bytes(text)
    if address is not None:
        low, low_open, high, high_open = exact_ip_range(address)

        def same_address(v: Any) -> bool:
            walked = range_text(v)
            return walked is not None and in_range(walked, low, low_open, high, high_open)

        return Matcher(
            "exact", f"{_show(text)} (an IP address)", pointer, same_address, STRING, ip_range=True
        )
    return Matcher(
        "exact", _show(text), pointer, lambda v: v == text and isinstance(v, str), STRING
    )


def exact_number(text: str, pointer: str, by_text: bool) -> Matcher:
    """An exact number. `by_text`: compare the digits only (Lambda: 300 is not 3.0e2)."""
    value = None if by_text else comparable(text)

    def test(v: Any) -> bool:
        if not is_number(v):
            return False
        written = number_text(v)
        return written == text or (value is not None and comparable(written) == value)

    return Matcher("exact", text, pointer, test, NUMBER, numeric_kind=value is not None)


def exact_literal(literal: Any, pointer: str) -> Matcher:
    kind = kind_of(literal)
    return Matcher(
        "exact",
        _show(literal),
        pointer,
        lambda v: v is literal,
        frozenset({kind}),
    )


def prefix(text: str, pointer: str) -> Matcher:
    start = '"' + text
    return Matcher(
        "prefix",
        f"prefix {_show(text)}",
        pointer,
        lambda v: isinstance(v, str) and _quoted(v).startswith(start),
        STRING,
    )


def suffix(text: str, pointer: str) -> Matcher:
    end = text + '"'
    return Matcher(
        "suffix",
        f"suffix {_show(text)}",
        pointer,
        lambda v: isinstance(v, str) and _quoted(v).endswith(end),
        STRING,
    )


def _case_regex(text: str) -> str:
    """Each character stands for its lower- and its upper-case form (not itself).

    The engine case-folds UTF-16 code units one by one, so a character outside
    the Basic Multilingual Plane (an emoji) becomes two lone surrogates, which
    it writes as `??`: the pattern then matches `??`, not the emoji.
    """
    parts = []
    for char in text:
        if ord(char) > 0xFFFF:
            parts.append(r"\?\?")
            continue
        forms = sorted({char.lower(), char.upper()}, key=len, reverse=True)
        parts.append("(?:" + "|".join(re.escape(f) for f in forms) + ")")
    return "".join(parts)


def equals_ignore_case(text: str, pointer: str) -> Matcher:
    pattern = re.compile(_case_regex(_quoted(text)))
    return Matcher(
        "equals-ignore-case",
        f"equals-ignore-case {_show(text)}",
        pointer,
        lambda v: isinstance(v, str) and pattern.fullmatch(_quoted(v)) is not None,
        STRING,
    )


def prefix_ignore_case(text: str, pointer: str) -> Matcher:
    pattern = re.compile(_case_regex('"' + text))
    return Matcher(
        "prefix/equals-ignore-case",
        f"prefix (ignoring case) {_show(text)}",
        pointer,
        lambda v: isinstance(v, str) and pattern.match(_quoted(v)) is not None,
        STRING,
    )


def suffix_ignore_case(text: str, pointer: str) -> Matcher:
    pattern = re.compile("(?s:.*)" + _case_regex(text + '"'))
    return Matcher(
        "suffix/equals-ignore-case",
        f"suffix (ignoring case) {_show(text)}",
        pointer,
        lambda v: isinstance(v, str) and pattern.fullmatch(_quoted(v)) is not None,
        STRING,
    )


def wildcard_regex(text: str) -> re.Pattern[str]:
    """The regular expression a `wildcard` value stands for; ValueError when it is malformed."""
    out = []
    i = 0
    previous_star = False
    while i < len(text):
        char = text[i]
        if char == "\\":
            if i + 1 < len(text) and text[i + 1] in "*\\":
                out.append(re.escape(text[i + 1]))
                i += 2
                previous_star = False
                continue
            raise ValueError(f"invalid escape character at position {i}")
        if char == "*":
            if previous_star:
                raise ValueError(f"consecutive wildcard characters at position {i}")
            out.append("(?s:.*)")
            previous_star = True
        else:
            out.append(re.escape(char))
            previous_star = False
        i += 1
    return re.compile("".join(out))


def wildcard(text: str, pointer: str) -> Matcher:
    pattern = wildcard_regex(text)
    return Matcher(
        "wildcard",
        f"wildcard {_show(text)}",
        pointer,
        lambda v: isinstance(v, str) and pattern.fullmatch(v) is not None,
        STRING,
    )


def numeric(
    low: float | None,
    low_open: bool,
    high: float | None,
    high_open: bool,
    clause: str,
    pointer: str,
) -> Matcher:
    def test(v: Any) -> bool:
        if not is_number(v):
            return False
        value = comparable(number_text(v))
        if value is None:
            return False
        if low is not None and (value <= low if low_open else value < low):
            return False
        return not (high is not None and (value >= high if high_open else value > high))

    return Matcher("numeric", f"numeric {clause}", pointer, test, NUMBER, numeric_kind=True)


def exists(pointer: str) -> Matcher:
    return Matcher("exists", "exists: true", pointer, lambda v: True)


def absent(pointer: str) -> Matcher:
    return Matcher("exists", "exists: false", pointer, lambda v: False, absence=True)


def anything_but_strings(values: Iterable[str], pointer: str) -> Matcher:
    refused = frozenset(values)
    return Matcher(
        "anything-but",
        f"anything-but {_show(sorted(refused))}",
        pointer,
        lambda v: not (isinstance(v, str) and v in refused),
    )


def anything_but_numbers(texts: Iterable[str], pointer: str, by_text: bool) -> Matcher:
    texts = tuple(texts)
    values = frozenset(comparable(t) for t in texts)
    written = frozenset(texts)

    def test(v: Any) -> bool:
        if not is_number(v):
            return True
        text = number_text(v)
        if by_text:
            return text not in written
        return comparable(text) not in values

    return Matcher(
        "anything-but", f"anything-but [{', '.join(texts)}]", pointer, test, numeric_kind=True
    )


def anything_but_any(operator: str, matchers: list[Matcher], pointer: str) -> Matcher:
    """anything-but {prefix|suffix|equals-ignore-case|wildcard: ...}: strings none of them match."""
    tests = [m.test for m in matchers]
    shown = ", ".join(m.clause for m in matchers)
    return Matcher(
        operator,
        f"anything-but ({shown})",
        pointer,
        lambda v: not (isinstance(v, str) and any(t(v) for t in tests)),
    )


def cidr(low: bytes, high: bytes, text: str, pointer: str) -> Matcher:
    low_digits, high_digits = low.hex().upper(), high.hex().upper()

    def test(v: Any) -> bool:
        walked = range_text(v)
        return walked is not None and in_range(walked, low_digits, False, high_digits, False)

    return Matcher("cidr", f"cidr {_show(text)}", pointer, test, STRING, ip_range=True)
