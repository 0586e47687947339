"""Batches written record by record are the bytes `json.dumps` gives for the whole document.

The oracle is the standard library's encoder on the whole document (what
`jsonio.dumps` wrote before streaming); the values are drawn by Hypothesis,
including the floats, integers and strings on which orjson and `json` differ.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from ddbstreams import jsonstream
from hypothesis import given, settings
from hypothesis import strategies as st

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)
# Stream-record-like: the timestamp is where a float sits in a real record.
records = st.fixed_dictionaries(
    {
        "eventID": st.text(),
        "dynamodb": st.fixed_dictionaries(
            {
                "ApproximateCreationDateTime": st.floats(allow_nan=True, allow_infinity=True)
                | st.integers(min_value=0, max_value=2**40),
                "Keys": st.dictionaries(st.text(max_size=5), values, max_size=3),
            }
        ),
    },
    optional={"extra": values},
)


def streamed(batch: list[dict[str, Any]], key: str | None, pretty: bool, c: bool = True) -> str:
    out = io.StringIO()
    assert jsonstream.write_batch(out.write, batch, key=key, pretty=pretty, c=c) == len(batch)
    return out.getvalue()


def whole(batch: list[dict[str, Any]], key: str | None, pretty: bool) -> str:
    doc: Any = batch if key is None else {key: batch}
    if pretty:
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(records, max_size=4),
    st.sampled_from(["Records", None]),
    st.booleans(),
    st.booleans(),
)
def test_streamed_text_equals_the_whole_document(
    batch: list[dict[str, Any]], key: str | None, pretty: bool, c: bool
) -> None:
    try:
        expected = whole(batch, key, pretty)
    except ValueError:  # a value json refuses to encode is refused either way
        return
    assert streamed(batch, key, pretty, c) == expected


def test_the_c_encoder_is_the_one_tested() -> None:
    """The test group installs orjson, so the property above covers its path."""
    assert jsonstream.c_encoder() is not None


def test_published_fixtures_stream_to_their_own_bytes() -> None:
    from conftest import ROOT

    for path in sorted((ROOT / "events").rglob("*.json")):
        doc = json.loads(path.read_text("utf-8"))
        if isinstance(doc, dict) and list(doc) == ["Records"]:
            assert streamed(doc["Records"], "Records", True) == path.read_text("utf-8"), path


def test_generate_writes_the_same_event_indented_or_compact(tmp_path: Path) -> None:
    """`generate stream` streams its batch; both forms are the same document, the indented
    one exactly `json.dumps(indent=2)` of it and the compact one without whitespace."""
    from conftest import run_cli

    texts = {}
    for form in ("indented", "compact"):
        out = tmp_path / f"{form}.json"
        args = ["generate", "stream", "--count", "200", "--seed", "3", "-o", str(out)]
        result = run_cli(*args, *(["--compact"] if form == "compact" else []))
        assert result.returncode == 0, result.stderr
        texts[form] = out.read_text("utf-8")
    doc = json.loads(texts["indented"])
    assert len(doc["Records"]) == 200
    assert json.loads(texts["compact"]) == doc
    assert texts["indented"] == json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    assert texts["compact"] == json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


@settings(max_examples=500, deadline=None)
@given(values)
def test_compact_bytes_by_orjson_are_the_bytes_json_writes(value: Any) -> None:
    # The oracle: the standard library's compact encoding, as UTF-8.
    try:
        expected = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except ValueError:
        return
    try:
        assert jsonstream.compact_by_c(value)[0] == expected
    except UnicodeEncodeError:  # a lone surrogate: json writes it, UTF-8 cannot hold it
        return


@given(st.floats(allow_nan=True, allow_infinity=True) | st.integers(min_value=-(2**80)))
def test_every_number_compacts_as_json_writes_it(value: float | int) -> None:
    assert jsonstream.compact_by_c([value])[0].decode() == json.dumps([value])


@settings(max_examples=300, deadline=None)
@given(values)
def test_what_orjson_wrote_it_reads_back_as_json_would(value: Any) -> None:
    data, by_c = jsonstream.compact_by_c(value)
    if not by_c:
        return
    text = data.decode("utf-8")
    expected = json.loads(text)
    assert json.dumps(jsonstream.loads_own(text)) == json.dumps(expected)
