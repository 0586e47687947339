"""Item size, SizeBytes, and the record builder's view-type table and identifiers."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from casedata import ROOT
from ddbstreams.records import (
    Clock,
    Insert,
    Modify,
    Remove,
    Table,
    TtlExpiry,
    build_records,
)
from ddbstreams.scenarios.sam import sam_update
from ddbstreams.size import attribute_size, item_size, stream_record_size


def test_sam_sample_size_bytes_are_26_59_38() -> None:
    records = sam_update()["Records"]
    assert [r["dynamodb"]["SizeBytes"] for r in records] == [26, 59, 38]
    assert [r["eventName"] for r in records] == ["INSERT", "MODIFY", "REMOVE"]


@pytest.mark.parametrize(
    ("value", "size"),
    [
        ({"S": "héllo"}, 6),
        ({"N": "101"}, 3),
        ({"N": "1"}, 2),
        ({"N": "0"}, 1),
        ({"N": "1.5"}, 3),
        ({"B": "AAEC"}, 3),
        ({"BOOL": False}, 1),
        ({"NULL": True}, 1),
        ({"SS": ["ab", "c"]}, 3),
        ({"L": [{"S": "ab"}, {"N": "1"}]}, 3 + 2 + 2 + 2),
        ({"M": {"k": {"S": "ab"}}}, 3 + 1 + 1 + 2),
    ],
)
def test_attribute_size(value: dict, size: int) -> None:
    assert attribute_size(value) == size


GROUND_TRUTH = ROOT.parent / "shared/ground-truth/aws-recorded"


def _recorded_stream_records() -> list[tuple[str, dict[str, Any]]]:
    """(where, the `dynamodb` part) of every record AWS sent, events and GetRecords alike."""
    found = []
    for path in sorted((GROUND_TRUTH / "events").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        records = doc.get("Records", []) if isinstance(doc, dict) else []
        for i, record in enumerate(records):
            if "SizeBytes" in record.get("dynamodb", {}):
                found.append((f"{path.name}#{i}", record["dynamodb"]))
    sizes = json.loads((GROUND_TRUTH / "sizes/getrecords-records.json").read_text("utf-8"))
    found.extend((f"getrecords#{i}", r["dynamodb"]) for i, r in enumerate(sizes))
    return found


def test_size_bytes_equal_what_aws_recorded() -> None:
    # The oracle is AWS: SizeBytes as real streams reported them.
    if not GROUND_TRUTH.is_dir():
        pytest.skip(f"ground truth not present at {GROUND_TRUTH}")
    recorded = _recorded_stream_records()
    assert len(recorded) >= 40
    wrong = [
        (where, d["SizeBytes"], stream_record_size(d))
        for where, d in recorded
        if stream_record_size(d) != d["SizeBytes"]
    ]
    assert wrong == []


def test_records_are_realistic_and_deterministic() -> None:
    table = Table(region="eu-west-1", partition="aws-cn", account_id="210987654321", name="Orders")
    writes = [Insert({"Id": i}) for i in range(50)]
    records = build_records(table, writes, Clock(seed=7))
    assert records == build_records(table, writes, Clock(seed=7))
    assert records != build_records(table, writes, Clock(seed=8))
    sequences = [int(r["dynamodb"]["SequenceNumber"]) for r in records]
    assert sequences == sorted(set(sequences))
    for record in records:
        assert re.fullmatch("[0-9a-f]{32}", record["eventID"])
        assert 21 <= len(record["dynamodb"]["SequenceNumber"]) <= 40
        assert record["awsRegion"] == "eu-west-1"
        assert record["eventSourceARN"].startswith(
            "arn:aws-cn:dynamodb:eu-west-1:210987654321:table/Orders/stream/"
        )
    assert len({r["eventID"] for r in records}) == 50


def test_ttl_delete_carries_the_service_identity_and_nothing_else_does() -> None:
    records = build_records(Table(), [Remove({"Id": 1}), TtlExpiry({"Id": 2})])
    assert "userIdentity" not in records[0]
    assert records[1]["userIdentity"] == {
        "type": "Service",
        "principalId": "dynamodb.amazonaws.com",
    }
    assert records[1]["eventName"] == "REMOVE"


def test_builder_rejects_a_missing_or_changed_key() -> None:
    with pytest.raises(ValueError, match="key attribute 'Id' is missing"):
        build_records(Table(), [Insert({"other": 1})])
    with pytest.raises(ValueError, match="cannot change the item's key"):
        build_records(Table(), [Modify({"Id": 1}, {"Id": 2})])


def test_item_size_of_empty_image_is_zero() -> None:
    assert item_size(None) == 0
