"""DynamoDB's number rules, shared by the marshaller, the size rule and the validator.

DynamoDB stores numbers as decimals with at most 38 significant digits and a
magnitude between 1E-130 and 9.99…E+125 (or zero). JSON Schema cannot express
those limits, so every component that touches `N` values uses this module.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .resources import load_json
from .terminal import quote

TYPE_CHECKING = False
if TYPE_CHECKING:
    from decimal import Decimal

MAX_SIGNIFICANT_DIGITS = 38
# DynamoDB's range, as text: `decimal` is imported only when a number needs it (its import
# costs a third of an interpreter start, and plain numbers are judged without it).
MIN_MAGNITUDE_TEXT = "1E-130"
MAX_MAGNITUDE_TEXT = "9.9999999999999999999999999999999999999E+125"


@cache
def number_form() -> re.Pattern[str]:
    """The schema's pattern for N, compiled on first use: plain numbers never need it."""
    return re.compile(number_pattern())


def number_pattern() -> str:
    """The textual forms DynamoDB accepts for N: optional sign, digits with an optional
    fraction, optional exponent; no NaN / Infinity, no hex, no spaces. Stated once, in the
    schema; its alternatives never overlap, so a long digit run cannot make a backtracking
    engine try every split of it."""
    pattern: str = load_json("schemas/attribute-value.schema.json")["$defs"]["number"]["pattern"]
    return pattern


def exact_integer(text: str) -> int:
    """The integer a number written `d.ddd…E+n` stands for, exactly, without `decimal`."""
    mantissa, _, exponent = text.upper().partition("E")
    whole, _, fraction = mantissa.partition(".")
    scale: int = 10 ** (int(exponent or 0) - len(fraction))  # a whole number: text is d.ddd…E+n
    return int(whole + fraction) * scale


# Enough precision that no 38-digit DynamoDB number is ever rounded while normalizing.
EXACT_PRECISION = 60


def significant_digits(text: str) -> str:
    """The digits of `text` with leading and trailing zeros removed ("" for zero)."""
    mantissa = re.split("[eE]", text.lstrip("+-"), maxsplit=1)[0]
    return mantissa.replace(".", "").strip("0")


def number_problem(text: str) -> str | None:
    """Why DynamoDB would reject `text` as an N value, or None when it is fine."""
    if not number_form().match(text):
        return f"{quote(text)} is not a decimal number"
    digits = significant_digits(text)
    if len(digits) > MAX_SIGNIFICANT_DIGITS:
        return f"{quote(text)} has {len(digits)} significant digits (at most 38)"
    from decimal import Decimal, InvalidOperation

    try:
        magnitude = Decimal(text).copy_abs()  # abs() would round to 28 digits
    except InvalidOperation:  # pragma: no cover - the regex already excludes these
        return f"{quote(text)} is not a decimal number"
    if magnitude and not Decimal(MIN_MAGNITUDE_TEXT) <= magnitude <= Decimal(MAX_MAGNITUDE_TEXT):
        return f"{quote(text)} is outside DynamoDB's range (1E-130 to 9.99E+125)"
    return None


def canonical_number(value: Decimal) -> str:
    """The text DynamoDB hands back for a number: no redundant zeros, no exponent when short."""
    from decimal import Context

    if value.is_zero():
        return "0"
    normalized = value.normalize(Context(prec=EXACT_PRECISION))
    exponent = normalized.as_tuple().exponent
    assert isinstance(exponent, int)
    if -30 <= exponent <= 30:
        return format(normalized, "f")
    # Scientific notation for the extremes (1E-130 rather than 130 zeros).
    mantissa, _, exp = format(normalized, "E").partition("E")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}E{exp}"


@lru_cache(maxsize=1 << 16)  # events repeat the same numbers (counts, prices, flags)
def number_size(text: str) -> int:
    """Bytes a number occupies in an item: its base-100 mantissa digits plus one.

    DynamoDB documents the size as "approximately 1 byte per two significant
    digits, plus 1 byte". Digits are paired from the decimal point outwards
    (as in other base-100 decimal encodings); this reproduces AWS's published
    SizeBytes samples.
    """
    if "e" in text or "E" in text:
        return _exponent_form_size(text)
    # Plain decimal text, the common case: count digits without building a Decimal.
    whole, _, fraction = text.lstrip("+-").partition(".")
    whole, fraction = whole.lstrip("0"), fraction.rstrip("0")
    if whole:
        high = len(whole)
        low = -len(fraction) if fraction else len(whole) - len(whole.rstrip("0"))
    else:
        significant = fraction.lstrip("0")
        if not significant:
            return 1  # zero
        high = len(significant) - len(fraction)
        low = -len(fraction)
    return _pairs(high, low) + 1


def _exponent_form_size(text: str) -> int:
    from decimal import Context, Decimal

    value = Decimal(text)
    if value.is_zero():
        return 1
    _, digits, exponent = value.normalize(Context(prec=EXACT_PRECISION)).as_tuple()
    assert isinstance(exponent, int)
    return _pairs(len(digits) + exponent, exponent) + 1


def _pairs(high: int, low: int) -> int:
    """Base-100 digits covering the decimal positions [low, high) relative to the point."""
    return -((-high) // 2) - low // 2
