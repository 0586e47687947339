"""The view-type table (`ddbstreams/view_types.json`) against AWS's words and real streams.

The builder and the `view-type-images` rule both read the table, so comparing
them with each other proves nothing. Here the table itself meets two oracles
that do not come from the code: the rule as AWS's StreamViewType and
StreamRecord pages state it, and records captured from real streams (one per
cell) in the ground truth. Then the builder and the rule are held to the table,
cell by cell, with a valid and an invalid record for each.
"""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from ddbstreams.records import (
    EVENT_NAMES,
    IMAGES,
    VIEW_TYPES,
    Clock,
    Insert,
    Modify,
    Remove,
    Table,
    Write,
    build_records,
    stream_event,
)
from ddbstreams.validation import validate_document

GROUND_TRUTH = Path(__file__).resolve().parents[1].parent / "shared/ground-truth/aws-recorded"
CELLS: list[dict[str, Any]] = json.loads(
    resources.files("ddbstreams").joinpath("view_types.json").read_text(encoding="utf-8")
)["cells"]
CELL_IDS = [f"{c['viewType']}-{c['eventName']}" for c in CELLS]


def aws_rule(view_type: str, event_name: str) -> tuple[bool, bool]:
    """(NewImage?, OldImage?) from the sentences AWS publishes.

    StreamViewType: NEW_IMAGE writes the item "as it appears after it was
    modified", OLD_IMAGE "as it appeared before", NEW_AND_OLD_IMAGES both,
    KEYS_ONLY only the keys. A new item has no "before", a deleted one no "after".
    """
    new = view_type in ("NEW_IMAGE", "NEW_AND_OLD_IMAGES") and event_name != "REMOVE"
    old = view_type in ("OLD_IMAGE", "NEW_AND_OLD_IMAGES") and event_name != "INSERT"
    return new, old


def test_the_table_has_every_cell_once() -> None:
    keys = [(c["viewType"], c["eventName"]) for c in CELLS]
    assert sorted(keys) == sorted((v, e) for v in VIEW_TYPES for e in EVENT_NAMES)
    assert all(c["why"] for c in CELLS)


@pytest.mark.parametrize("cell", CELLS, ids=CELL_IDS)
def test_each_cell_says_what_aws_documents(cell: dict[str, Any]) -> None:
    assert (cell["NewImage"], cell["OldImage"]) == aws_rule(cell["viewType"], cell["eventName"])


def _captured_records() -> list[dict[str, Any]]:
    records = []
    for path in sorted((GROUND_TRUTH / "events").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for record in doc.get("Records", []) if isinstance(doc, dict) else []:
            if "StreamViewType" in record.get("dynamodb", {}):
                records.append(record)
    return records


def test_each_cell_matches_real_captures() -> None:
    if not GROUND_TRUTH.is_dir():
        pytest.skip(f"ground truth not present at {GROUND_TRUTH}")
    seen = set()
    for record in _captured_records():
        stream = record["dynamodb"]
        key = (stream["StreamViewType"], record["eventName"])
        assert IMAGES[key] == ("NewImage" in stream, "OldImage" in stream), key
        seen.add(key)
    assert len(seen) == 12, f"the captures cover {len(seen)} of the 12 cells"


def _write(event_name: str) -> Write:
    old, new = {"Id": 1, "v": "old"}, {"Id": 1, "v": "new"}
    return {"INSERT": Insert(new), "MODIFY": Modify(old, new), "REMOVE": Remove(old)}[event_name]


def _built(cell: dict[str, Any]) -> dict[str, Any]:
    table = Table(view_type=cell["viewType"])
    return stream_event(build_records(table, [_write(cell["eventName"])], Clock(seed=3)))


@pytest.mark.parametrize("cell", CELLS, ids=CELL_IDS)
def test_the_builder_follows_the_cell(cell: dict[str, Any]) -> None:
    stream = _built(cell)["Records"][0]["dynamodb"]
    assert ("NewImage" in stream, "OldImage" in stream) == (cell["NewImage"], cell["OldImage"])


def _rules(event: dict[str, Any]) -> list[str]:
    return [p.rule for p in validate_document(event, "stream")]


@pytest.mark.parametrize("cell", CELLS, ids=CELL_IDS)
def test_the_rule_accepts_the_cell_and_rejects_each_image_flipped(cell: dict[str, Any]) -> None:
    valid = _built(cell)
    assert _rules(valid) == []
    image_of = {"NewImage": {"Id": {"N": "1"}, "v": {"S": "new"}}, "OldImage": {"Id": {"N": "1"}}}
    for image in ("NewImage", "OldImage"):
        invalid = copy.deepcopy(valid)
        stream = invalid["Records"][0]["dynamodb"]
        if cell[image]:
            del stream[image]
        else:
            stream[image] = image_of[image]
        assert "view-type-images" in _rules(invalid), (image, cell)
