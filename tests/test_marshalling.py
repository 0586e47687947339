"""Plain Python values ⇄ AttributeValue JSON, and what DynamoDB refuses."""

from __future__ import annotations

from decimal import Decimal

import pytest
from ddbstreams.attributes import (
    MarshalError,
    marshal_item,
    marshal_value,
    unmarshal_item,
    unmarshal_value,
)
from ddbstreams.numbers import canonical_number, number_problem
from hypothesis import given
from hypothesis import strategies as st


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("text", {"S": "text"}),
        ("", {"S": ""}),
        (True, {"BOOL": True}),
        (None, {"NULL": True}),
        (101, {"N": "101"}),
        (Decimal("1.50"), {"N": "1.5"}),
        (0.1, {"N": "0.1"}),
        (Decimal("1E-130"), {"N": "1E-130"}),
        (b"\x00\xff", {"B": "AP8="}),
        ([1, "a"], {"L": [{"N": "1"}, {"S": "a"}]}),
        ({"a": None}, {"M": {"a": {"NULL": True}}}),
        ({"b", "a"}, {"SS": ["a", "b"]}),
        (frozenset({3, Decimal("2.5")}), {"NS": ["2.5", "3"]}),
        ({b"\x01"}, {"BS": ["AQ=="]}),
    ],
)
def test_marshal_value(value: object, expected: dict) -> None:
    assert marshal_value(value) == expected


@pytest.mark.parametrize(
    ("item", "path", "message"),
    [
        ({"tags": set()}, "$.tags", "must not be empty"),
        ({"mixed": {1, "a"}}, "$.mixed", "one type"),
        ({"n": float("nan")}, "$.n", "not a finite number"),
        ({"n": Decimal("Infinity")}, "$.n", "not a finite number"),
        ({"n": Decimal("1" * 39)}, "$.n", "39 significant digits"),
        ({"n": Decimal("1E-131")}, "$.n", "outside DynamoDB's range"),
        ({"n": Decimal("1E+126")}, "$.n", "outside DynamoDB's range"),
        ({"a": {"b": [object()]}}, "$.a.b[0]", "has no DynamoDB type"),
        ({"s": {None}}, "$.s", "cannot be a set element"),
        ({"m": {"": 1}}, "$.m", "not a non-empty string"),
    ],
)
def test_marshal_rejects_what_dynamodb_rejects(item: dict, path: str, message: str) -> None:
    with pytest.raises(MarshalError) as error:
        marshal_item(item)
    assert error.value.path == path
    assert message in error.value.message


def test_nesting_limit_is_32_levels() -> None:
    # DynamoDB accepts a scalar under 31 M/L wrappers (32 levels) and rejects 32 wrappers
    # ("Nesting Levels have exceeded supported limits"), as recorded against the service.
    value: object = "bottom"
    for _ in range(31):
        value = [value]
    marshal_value(value)  # 31 wrappers, the scalar at level 32: allowed
    with pytest.raises(MarshalError, match="nesting deeper than 32"):
        marshal_value([value])


def test_unmarshal_rejects_bad_base64_and_two_type_keys() -> None:
    with pytest.raises(MarshalError, match="base64"):
        unmarshal_value({"B": "***"})
    with pytest.raises(MarshalError, match="exactly one type key"):
        unmarshal_value({"S": "a", "N": "1"})


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("12", None),
        ("-0.5e3", None),
        ("1" * 38, None),
        ("1" * 39, "39 significant"),
        ("1e126", "range"),
        ("abc", "not a decimal"),
        ("0", None),
        ("0.000", None),
        ("NaN", "not a decimal"),
    ],
)
def test_number_problem(text: str, problem: str | None) -> None:
    found = number_problem(text)
    assert (found is None) if problem is None else (problem in (found or ""))


def test_canonical_number_keeps_38_digits() -> None:
    assert canonical_number(Decimal("9.9999999999999999999999999999999999999E+125")) == (
        "9.9999999999999999999999999999999999999E+125"
    )


# --- round trips -----------------------------------------------------------------------

numbers = st.one_of(
    st.integers(min_value=-(10**38) + 1, max_value=10**38 - 1),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=6, min_value=-(10**20), max_value=10**20
    ),
)
scalars = st.one_of(st.none(), st.booleans(), st.text(max_size=20), st.binary(max_size=20), numbers)
sets = st.one_of(
    st.frozensets(st.text(max_size=5), min_size=1, max_size=4),
    st.frozensets(st.binary(max_size=5), min_size=1, max_size=4),
    st.frozensets(st.integers(-1000, 1000), min_size=1, max_size=4),
)
values = st.recursive(
    st.one_of(scalars, sets),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(min_size=1, max_size=8), children, max_size=4),
    ),
    max_leaves=20,
)


@given(st.dictionaries(st.text(min_size=1, max_size=10), values, max_size=6))
def test_unmarshal_of_marshal_is_identity(item: dict) -> None:
    assert unmarshal_item(marshal_item(item)) == item


@pytest.mark.parametrize(
    "text", ["9.9999999999999999999999999999999999999E+125", "1E+2", "1.5E+3", "12"]
)
def test_exact_integer_agrees_with_decimal(text: str) -> None:
    from decimal import Decimal

    from ddbstreams.numbers import exact_integer

    assert exact_integer(text) == int(Decimal(text))
