"""The rules' fast size pass agrees with the full walk that names each problem.

`_fast_item_size` skips building a JSON pointer per attribute; when it answers
at all, the answer must be what `_ItemWalk` (the path-building walk the rules
fall back to) computes, and the walk must have found nothing to report. Items
are drawn by Hypothesis, including the numbers, sets and depths the rules judge.
"""

from __future__ import annotations

from typing import Any

from ddbstreams.limits import MAX_ATTRIBUTE_NAME_BYTES, MAX_DEPTH
from ddbstreams.validation.rules import _fast_item_size, _ItemWalk
from hypothesis import given, settings
from hypothesis import strategies as st

numbers = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=6).map(str),
    st.sampled_from(["1E+3", "0.0", "000120", "1e-130", "12.500"]),
)
names = st.text(min_size=1, max_size=6)
scalars = st.one_of(
    st.text(max_size=8).map(lambda s: {"S": s}),
    numbers.map(lambda n: {"N": n}),
    st.binary(max_size=8).map(lambda b: {"B": __import__("base64").b64encode(b).decode()}),
    st.booleans().map(lambda b: {"BOOL": b}),
    st.just({"NULL": True}),
    st.lists(st.text(max_size=5), min_size=1, max_size=4, unique=True).map(lambda v: {"SS": v}),
    st.lists(numbers, min_size=1, max_size=4).map(lambda v: {"NS": v}),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.dictionaries(names, inner, max_size=3).map(lambda m: {"M": m}),
        st.lists(inner, max_size=3).map(lambda v: {"L": v}),
    ),
    max_leaves=10,
)
items = st.dictionaries(names, values, max_size=4)


def nested(depth: int) -> dict[str, Any]:
    item: dict[str, Any] = {"n": {"N": "1"}}
    for _ in range(depth):
        item = {"m": {"M": item}}
    return item


@settings(max_examples=400, deadline=None)
@given(items, st.integers(min_value=1, max_value=3))
def test_fast_size_is_the_walks_size_or_defers(item: dict[str, Any], depth: int) -> None:
    walk = _ItemWalk("/base")
    size = walk.item(item, "/Item", depth)
    fast = _fast_item_size(item, depth)
    if fast is not None:
        assert walk.problems == []
        assert fast == size


def test_problems_always_take_the_walk() -> None:
    assert _fast_item_size({"n": {"N": "1" * 39}}, 1) is None
    assert _fast_item_size({"a" * (MAX_ATTRIBUTE_NAME_BYTES + 1): {"S": "x"}}, 1) is None
    assert _fast_item_size({"s": {"NS": ["1", "1.0"]}}, 1) is None
    assert _fast_item_size(nested(MAX_DEPTH + 1), 1) is None
    assert _fast_item_size(nested(3), 1) is not None
