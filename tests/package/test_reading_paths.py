"""Strict reading finds a repeated key whichever way it parses (with escapes or without).

The oracle is the standard library's parser with a pairs hook that sees every
member; the documents are drawn by Hypothesis, strings with colons, quotes and
backslashes included, a repeated key added to some of them.
"""

from __future__ import annotations

import json
from typing import Any

from ddbstreams.validation.reading import read_text
from hypothesis import given, settings
from hypothesis import strategies as st

texts = st.text(alphabet=st.sampled_from('ab:"\\\\é{}[], '), max_size=6)
values = st.recursive(
    st.none() | st.integers(-5, 5) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)


def has_repeated_key(text: str) -> bool:
    found = False

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal found
        found = found or len({k for k, _ in pairs}) != len(pairs)
        return dict(pairs)

    json.loads(text, object_pairs_hook=hook)
    return found


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(texts, values, min_size=1, max_size=3), st.booleans(), st.booleans())
def test_a_repeated_key_is_reported_exactly_when_there_is_one(
    doc: dict[str, Any], repeat: bool, pretty: bool
) -> None:
    text = json.dumps(doc, ensure_ascii=False, indent=2 if pretty else None)
    if repeat:
        key = json.dumps(next(iter(doc)), ensure_ascii=False)
        text = "{" + key + ': "again", ' + text.lstrip()[1:]
    reading = read_text(text)
    reported = any("duplicate key" in p.message for p in reading.problems)
    assert reported == has_repeated_key(text)
    if not reported:
        assert reading.doc == json.loads(text)
        assert reading.size == len(
            json.dumps(reading.doc, ensure_ascii=False, separators=(",", ":")).encode()
        )
