"""Every fixture with any one field removed, or its value made the wrong type: problems, never a crash.

The semantic rules read what the schema passed. A missing field is reported at
its parent, so a rule that trusted a grandchild once raised KeyError on a
Kinesis record without its `kinesis` object; this sweeps every field of every
published event for that kind of defect, on the engine the CLI uses.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
from casedata import ROOT
from ddbstreams.validation import check_document

FIXTURES = sorted(p for p in (ROOT / "events").rglob("*.json") if p.name != "index.json")


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*path, key)
            yield from _paths(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value[:2]):  # the first two records stand for the rest
            yield (*path, i)
            yield from _paths(child, (*path, i))


def _mutants(doc: Any) -> Iterator[Any]:
    for path in _paths(doc):
        for change in ("delete", "retype"):
            mutant = copy.deepcopy(doc)
            parent = mutant
            for part in path[:-1]:
                parent = parent[part]
            if change == "delete":
                del parent[path[-1]]
            else:
                old = parent[path[-1]]
                parent[path[-1]] = 7 if isinstance(old, str) else "7"
            yield mutant


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: str(p.relative_to(ROOT / "events")))
def test_every_field_removed_or_retyped_is_judged_without_a_crash(fixture: Any) -> None:
    doc = json.loads(fixture.read_text("utf-8"))
    checked = 0
    for mutant in _mutants(doc):
        check_document(mutant)  # must return, whatever it finds
        checked += 1
    assert checked > 0
