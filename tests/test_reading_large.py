"""Reading a document past the size where its measure is taken by a C encoder and its depth on bytes.

The oracle for every size is the standard library's definition of compact JSON,
`json.dumps(doc, ensure_ascii=False, separators=(",", ":"))` in UTF-8, and for
every verdict the small-document path, which the negative cases pin.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest
from ddbstreams import jsonstream
from ddbstreams.validation import reading

LARGE = reading.C_ENCODER_FROM_CHARS


def stdlib_compact_size(doc: Any) -> int:
    return len(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def large_doc(extra: Any = None) -> dict[str, Any]:
    """A document whose text is past the threshold, with non-ASCII text and spaces."""
    return {"rows": _rows(), "extra": extra}


@cache
def _rows() -> list[dict[str, Any]]:
    return [{"id": i, "name": f"café {i}", "tags": ["a b", "[c]"]} for i in range(LARGE // 60)]


@pytest.fixture(params=["orjson", "json"])
def encoder(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both paths: orjson installed (the `fast` extra) and absent."""
    if request.param == "json":
        monkeypatch.setattr(jsonstream, "c_encoder", lambda: None)
    else:
        assert jsonstream.c_encoder() is not None, "the test group installs orjson"
    return str(request.param)


@pytest.mark.parametrize(
    "extra",
    [
        None,
        1e-05,
        0.00001234,
        12345678901234567890123,
        "\u2028 tab\\t",
        "".join(map(chr, range(32))) + '\x7f\u2028\u2029"\\/é\U0001f600',
    ],
    ids=["plain", "small-float", "tiny-float", "big-int", "escapes", "every-control"],
)
def test_size_is_the_compact_utf8_length(encoder: str, extra: Any) -> None:
    doc = large_doc(extra)
    text = json.dumps(doc, ensure_ascii=False)  # ", " and ": ": whitespace the size omits
    assert len(text) >= LARGE
    result = reading.read_bytes(text.encode("utf-8"))
    assert result.problems == []
    assert result.doc == doc
    assert result.size == stdlib_compact_size(doc)


@pytest.mark.parametrize("escaped", [False, True], ids=["unescaped", "escaped"])
def test_a_duplicate_key_deep_in_a_large_document(encoder: str, escaped: bool) -> None:
    text = json.dumps(large_doc("\\" if escaped else None), ensure_ascii=False)
    text = text.replace('{"id": 7000, ', '{"id": 7000, "id": 1, ', 1)
    assert '"id": 1, ' in text
    result = reading.read_bytes(text.encode("utf-8"))
    assert [(p.pointer, p.rule) for p in result.problems] == [("/rows/7000/id", "json")]
    assert "duplicate key" in result.problems[0].message


@pytest.mark.parametrize(
    ("inner", "deep"),
    [
        ("[" * 200 + "]" * 200, True),
        ('"' + "[" * 200 + '"', False),  # brackets inside a string do not nest
        ('"\\"' + "[" * 200 + '"', False),  # nor after an escaped quote
        ("[" * 20 + '"\\\\"' + "]" * 20, False),
    ],
    ids=["deep", "brackets-in-string", "escaped-quote", "shallow-escaped"],
)
def test_depth_is_judged_on_the_bytes_as_on_the_text(inner: str, deep: bool) -> None:
    prefix = "[" + "{}," * (reading.MAX_JSON_DEPTH + 1)  # past the count shortcut
    data = (prefix + inner + "]").encode("utf-8")
    result = reading.read_bytes(data)
    rules = [p.message.startswith("nesting too deep") for p in result.problems]
    assert rules == ([True] if deep else []), result.problems
