"""Property tests: whatever the builder makes from valid items, the validator accepts."""

from __future__ import annotations

import ddbstreams
from ddbstreams.records import (
    VIEW_TYPES,
    Clock,
    Insert,
    Modify,
    Remove,
    Table,
    TtlExpiry,
    build_records,
    stream_event,
)
from ddbstreams.validation import validate_document
from hypothesis import given, settings
from hypothesis import strategies as st

names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8).filter(
    lambda n: n != "pk"
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.text(max_size=12),
    st.binary(max_size=12),
    st.integers(-(10**30), 10**30),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=4, min_value=-(10**9), max_value=10**9
    ),
)
values = st.recursive(
    scalars,
    lambda c: st.one_of(st.lists(c, max_size=3), st.dictionaries(names, c, max_size=3)),
    max_leaves=10,
)
items = st.builds(
    lambda key, rest: {"pk": key, **rest},
    st.text(min_size=1, max_size=10),
    st.dictionaries(names, values, max_size=5),
)


@st.composite
def writes(draw: st.DrawFn) -> list:
    out = []
    for _ in range(draw(st.integers(1, 6))):
        old, new = draw(items), draw(items)
        new["pk"] = old["pk"]
        kind = draw(st.sampled_from(["insert", "modify", "remove", "ttl"]))
        out.append(
            {
                "insert": Insert(new),
                "modify": Modify(old, new),
                "remove": Remove(old),
                "ttl": TtlExpiry(old),
            }[kind]
        )
    return out


@settings(max_examples=150, deadline=None)
@given(writes(), st.sampled_from(VIEW_TYPES), st.integers(0, 2**32), st.booleans())
def test_every_generated_event_validates(
    batch: list, view_type: str, seed: int, fractional: bool
) -> None:
    table = Table(name="Prop_Table", partition_key="pk", view_type=view_type)  # type: ignore[arg-type]
    clock = Clock(seed=seed, start=1700000000.5 if fractional else 1700000000)
    event = stream_event(build_records(table, batch, clock))
    assert validate_document(event, "stream") == []
    assert validate_document(event, "stream", engine="reference") == []


FACTORY_SHAPES = {
    "stream": lambda w, o: ddbstreams.stream_event(w, **o),
    "pipes": lambda w, o: ddbstreams.pipes_batch(w, **o),
    "tumbling-window": lambda w, o: ddbstreams.tumbling_window_event(w, state={"n": 1}, **o),
    "kinesis": lambda w, o: ddbstreams.kinesis_event(w, **o),
    "failure-destination": lambda w, o: ddbstreams.failure_destination(w, **o),
    "failure-destination-s3": lambda w, o: ddbstreams.failure_destination(w, s3=True, **o),
}


@settings(max_examples=150, deadline=None)
@given(
    writes(),
    st.sampled_from(sorted(FACTORY_SHAPES)),
    st.sampled_from(VIEW_TYPES),
    st.sampled_from(["us-east-1", "eu-west-3", "cn-north-1"]),
    st.integers(0, 2**32),
)
def test_every_factory_event_validates(
    batch: list, shape: str, view_type: str, region: str, seed: int
) -> None:
    options = {
        "table": "Prop_Table",
        "partition_key": "pk",
        "view_type": view_type,
        "region": region,
        "seed": seed,
    }
    doc = FACTORY_SHAPES[shape](batch, options)
    assert ddbstreams.validate_event(doc, shape) == []
