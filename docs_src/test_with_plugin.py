"""Testing a handler with the pytest plugin's fixtures (no import needed)."""

from typing import Any


def handler(event: dict[str, Any], context: object) -> dict[str, Any]:
    """Report every record whose new image carries `"fail": true`."""
    failures = [
        {"itemIdentifier": r["dynamodb"]["SequenceNumber"]}
        for r in event["Records"]
        if r["dynamodb"].get("NewImage", {}).get("fail") == {"BOOL": True}
    ]
    return {"batchItemFailures": failures}


def test_reports_the_failing_record(ddb_event_factory: Any) -> None:
    f = ddb_event_factory
    event = f.stream_event(
        [f.insert({"Id": 1}), f.insert({"Id": 2, "fail": True}), f.insert({"Id": 3})]
    )
    verdict = f.check_response(handler(event, None), event)
    assert verdict.outcome == "partial"
    assert verdict.retried == f.sequence_numbers(event)[1:]


def test_sam_sample_succeeds(ddb_fixture: Any, ddb_event_factory: Any) -> None:
    event = ddb_fixture("dynamodb/dynamodb")
    assert ddb_event_factory.check_response(handler(event, None), event).outcome == "success"
