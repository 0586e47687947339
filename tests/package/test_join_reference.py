"""Schema references resolve as `urllib.parse.urljoin` resolves them (the oracle)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import ROOT
from ddbstreams.validation.unknown import join_reference

BASE = "https://example.org/reference/schemas/stream-event.schema.json"


def _project_pairs() -> list[tuple[str, str]]:
    """Every (schema $id, $ref file part) the project's schemas hold."""
    pairs = set()
    for path in sorted(Path(ROOT, "schemas").glob("*.schema.json")):
        text = path.read_text("utf-8")
        base = json.loads(text)["$id"]
        for chunk in text.split('"$ref": "')[1:]:
            target = chunk.split('"', 1)[0].partition("#")[0]
            if target:
                pairs.add((base, target))
    return sorted(pairs)


PAIRS = [
    *_project_pairs(),
    (BASE, "other.schema.json"),
    (BASE, "../up.json"),
    (BASE, "./here.json"),
    (BASE, "sub/dir.json"),
    (BASE, "/rooted.json"),
    (BASE, "https://elsewhere.example/x.json"),
    (BASE, "urn:x:y"),
    (BASE, "q.json?v=1"),
    (BASE, "."),
    (BASE, ".."),
    ("https://example.org", "a.json"),
    ("urn:example:a", "b.json"),
    ("relative/base.json", "b.json"),
    ("https://example.org/a?q=1/2", "b.json"),
    ("https://example.org/a#x/y", "b.json"),
]


def test_the_project_has_cross_schema_references() -> None:
    assert len(_project_pairs()) >= 3


@pytest.mark.parametrize(("base", "target"), PAIRS)
def test_join_reference_is_urljoin(base: str, target: str) -> None:
    assert join_reference(base, target) == urljoin(base, target)
