"""IP address literals as the matching engine reads them (for `cidr` and exact IP values)."""

from __future__ import annotations

import ipaddress
import re

_IPV4 = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+")
_IPV6 = re.compile(r"[0-9a-fA-F:]*:[0-9a-fA-F:]*")


def ip_bytes(text: str) -> bytes | None:
    """The address bytes of an IPv4 or IPv6 literal, else None.

    Dotted quads may carry leading zeros (`010.0.0.1` is 10.0.0.1); an
    IPv4-mapped IPv6 address reads as its IPv4 address; mixed forms such as
    `::ffff:1.2.3.4` are not addresses here.
    """
    if _IPV4.fullmatch(text):
        parts = [int(p) for p in text.split(".")]
        if any(p > 255 for p in parts) or any(len(p) > 3 for p in text.split(".")):
            return None
        return bytes(parts)
    if _IPV6.fullmatch(text):
        try:
            address = ipaddress.IPv6Address(text)
        except ValueError:
            return None
        mapped = address.ipv4_mapped
        return mapped.packed if mapped is not None else address.packed
    return None


HEX_DIGITS = "0123456789ABCDEF"


def range_text(value: object) -> str | None:
    """The text the engine walks through an IP range for a leaf value.

    An IP address string becomes its address in upper-case hex digits; any
    other string keeps its quotes (and so never enters a range); numbers,
    `true`, `false` and `null` are walked as written.
    """
    from .jsontext import is_number, number_text

    if isinstance(value, str):
        address = ip_bytes(value)
        return address.hex().upper() if address is not None else '"' + value + '"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if is_number(value):
        return number_text(value)  # type: ignore[arg-type]
    return None


def in_range(text: str, low: str, low_open: bool, high: str, high_open: bool) -> bool:
    """Whether `text` passes the engine's digit automaton for the range [low, high].

    The automaton follows the bounds digit by digit: a hex digit strictly
    between them accepts at once (whatever follows), a text that ends early is
    refused, and one that reaches the end of a bound accepts when that bound
    is closed (whatever follows). This is how event-ruler 2.1.0 behaves, which
    is why `10.0.0.1` also matches the IPv6 address `a00:1::` and `0.0.0.0/1`
    matches the number 15.
    """
    on_low = on_high = True
    for i in range(len(low)):
        if i >= len(text):
            return False
        char = text[i]
        digit = char in HEX_DIGITS
        if on_low and on_high:
            if digit and low[i] < char < high[i]:
                return True
            if char == low[i] and char == high[i]:
                continue
            if char == low[i]:
                on_high = False
            elif char == high[i]:
                on_low = False
            else:
                return False
        elif on_low:
            if digit and char > low[i]:
                return True
            if char != low[i]:
                return False
        else:
            if digit and char < high[i]:
                return True
            if char != high[i]:
                return False
    return not (low_open if on_low else high_open)


def exact_ip_range(address: bytes) -> tuple[str, bool, str, bool]:
    """The range an IP address written as a plain value stands for (the address itself)."""
    digits = address.hex().upper()
    last = digits[-1]
    if last == "F":
        return digits[:-1] + "E", True, digits, False
    following = HEX_DIGITS[HEX_DIGITS.index(last) + 1]
    return digits, False, digits[:-1] + following, True


def cidr_range(text: str) -> tuple[bytes, bytes]:
    """The inclusive address range a `cidr` value covers; ValueError with the reason.

    The range starts at the address as written, not at the network address:
    `10.0.0.5/24` covers 10.0.0.5 to 10.0.0.255.
    """
    parts = text.split("/")
    while parts and parts[-1] == "":
        parts.pop()
    if len(parts) != 2:
        raise ValueError("malformed CIDR: exactly one '/' is required")
    base, bits_text = parts
    if not re.fullmatch(r"[+-]?[0-9]+", bits_text):
        raise ValueError("malformed CIDR: the mask bits must be an integer")
    bits = int(bits_text)
    if bits < 0:
        raise ValueError("malformed CIDR: the mask bits must not be negative")
    address = ip_bytes(base)
    if address is None:
        raise ValueError(f"not an IP address: {base!r}")
    width = len(address) * 8
    if bits > width - 1:
        raise ValueError(f"IPv{4 if width == 32 else 6} mask bits must be < {width}")
    host = (1 << (width - bits)) - 1
    top = int.from_bytes(address, "big") | host
    return address, top.to_bytes(len(address), "big")
