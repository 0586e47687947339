from __future__ import annotations

import kinesis_handler as h
from conftest import load


def test_reports_the_kinesis_sequence_number_of_the_failed_change() -> None:
    event = load("events/dynamodb/kinesis/partial-failure.json")
    failing = [
        r["kinesis"]["sequenceNumber"]
        for r in event["Records"]
        if h.change_record(r)["dynamodb"]["NewImage"].get("fail") == {"BOOL": True}
    ]
    assert len(failing) == 1
    assert h.lambda_handler(event, None) == {"batchItemFailures": [{"itemIdentifier": failing[0]}]}


def test_change_records_have_millisecond_timestamps_and_no_sequence_number() -> None:
    event = load("events/dynamodb/kinesis/change-capture-event.json")
    changes = [h.change_record(r) for r in event["Records"]]
    assert [c["eventName"] for c in changes] == ["INSERT", "MODIFY", "REMOVE"]
    assert all("SequenceNumber" not in c["dynamodb"] for c in changes)
    assert changes[0]["dynamodb"]["ApproximateCreationDateTime"] > 10**12
    assert h.lambda_handler(event, None) == {"batchItemFailures": []}
