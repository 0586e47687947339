"""What `generate stream` prints always validates; what it refuses is a clear error, exit 1 or 2.

The items and options are anything Hypothesis makes, valid or not: values near
every limit (nesting, key sizes, number range), control characters and lone
surrogates, non-finite numbers, malformed regions and table names.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from decimal import Decimal
from typing import Any

from ddbstreams import cli
from ddbstreams.cli.generate import ENVELOPES
from ddbstreams.factory import validate_event
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st


def nested(depth: int) -> Any:
    value: Any = "bottom"
    for i in range(depth):
        value = [value] if i % 2 else {"m": value}
    return value


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**130), max_value=10**130),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False).map(str).map(Decimal),
    st.text(max_size=20),
    st.text(
        alphabet=st.characters(codec="utf-8") | st.sampled_from(["\x1b", "\n", "\u202e"]),
        max_size=5,
    ),
)
VALUES = st.one_of(
    st.recursive(
        SCALARS,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=8,
    ),
    st.integers(min_value=29, max_value=34).map(nested),
    st.integers(min_value=1, max_value=3).map(lambda n: "x" * (n * 150_000)),
)
KEYS = st.one_of(
    st.text(min_size=0, max_size=8),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.sampled_from([1, "a", "k" * 1024, "k" * 1025, "k" * 2048, "k" * 2049]),
)


@st.composite
def items(draw: st.DrawFn) -> dict[str, Any]:
    item: dict[str, Any] = draw(
        st.dictionaries(st.text(min_size=1, max_size=6), VALUES, max_size=3)
    )
    if draw(st.booleans()):
        item["Id"] = draw(KEYS)
    return item


def encode(item: dict[str, Any]) -> str:
    return json.dumps(item, default=str, allow_nan=True)


OPTIONS = st.fixed_dictionaries(
    {},
    optional={
        "--region": st.sampled_from(["eu-west-1", "us-gov-west-1", "../../x", "EU-WEST-1", ""]),
        "--table": st.sampled_from(["Orders", "a.b-c_d", "a b", "ab", "t" * 255, "t" * 256]),
        "--partition": st.sampled_from(["aws", "aws-cn", "x"]),
        "--account-id": st.sampled_from(["123456789012", "12", "abc"]),
        "--view-type": st.sampled_from(
            ["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"]
        ),
        "--envelope": st.sampled_from(ENVELOPES),
        "--count": st.integers(min_value=-1, max_value=4),
        "--start": st.one_of(
            st.floats(allow_nan=True, allow_infinity=True), st.integers(0, 300_000_000_000)
        ),
        "--seed": st.integers(0, 2**70),
    },
)


WRITES = st.lists(
    st.tuples(st.sampled_from(["--insert", "--remove", "--ttl", "--modify"]), items(), items()),
    max_size=3,
)
# Mostly acceptable input, so that many examples reach the output and its validation.
PLAUSIBLE_OPTIONS = st.fixed_dictionaries(
    {"--envelope": st.sampled_from(ENVELOPES)},
    optional={
        "--view-type": st.sampled_from(
            ["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"]
        ),
        "--count": st.integers(min_value=1, max_value=4),
        "--start": st.floats(min_value=0, max_value=4e9),
        "--seed": st.integers(0, 2**70),
    },
)
PLAUSIBLE_ITEMS = st.fixed_dictionaries(
    {"Id": st.one_of(st.text(min_size=1, max_size=8), st.integers(-(10**37), 10**37))},
    optional={"v": VALUES, "w": VALUES},
)
PLAUSIBLE_WRITES = st.lists(
    st.tuples(st.sampled_from(["--insert", "--remove", "--ttl"]), PLAUSIBLE_ITEMS, st.just({})),
    min_size=1,
    max_size=3,
)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(options=OPTIONS, writes=WRITES)
def test_any_input_is_valid_output_or_a_clear_error(
    options: dict[str, Any], writes: list[tuple[str, dict[str, Any], dict[str, Any]]]
) -> None:
    check(options, writes)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(options=PLAUSIBLE_OPTIONS, writes=PLAUSIBLE_WRITES)
def test_plausible_input_is_valid_output_or_a_clear_error(
    options: dict[str, Any], writes: list[tuple[str, dict[str, Any], dict[str, Any]]]
) -> None:
    check(options, writes)


def check(
    options: dict[str, Any], writes: list[tuple[str, dict[str, Any], dict[str, Any]]]
) -> None:
    argv = ["generate", "stream"]
    for option, value in options.items():
        argv += [option, str(value)]
    for kind, first, second in writes:
        argv += [kind, encode(first)] + ([encode(second)] if kind == "--modify" else [])
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = cli.main(argv)
    message = err.getvalue()
    event(f"exit {status}")
    if status == 0:
        doc = json.loads(out.getvalue())
        envelope = options.get("--envelope", "stream")
        errors = [p for p in validate_event(doc, envelope) if p.severity == "error"]
        assert not errors, (argv, errors[:3])
    else:
        assert status in {1, 2}, (argv, message)
        assert out.getvalue() == ""
        lines = message.splitlines()
        assert lines and all(line.startswith("ddbstreams:") for line in lines), message
        assert "a bug in ddbstreams" not in message, message
        assert all(len(line) <= 1100 for line in lines)
