from __future__ import annotations

import tumbling_window_handler as h
from conftest import load

RECORD = {"dynamodb": {"SequenceNumber": "100", "NewImage": {"fail": {"BOOL": True}}}}
OK = {"dynamodb": {"SequenceNumber": "101", "Keys": {}}}


def event(state, records=(RECORD, OK), final=False):
    return {
        "Records": list(records),
        "window": {"start": "2024-06-01T12:00:00Z", "end": "2024-06-01T12:01:00Z"},
        "state": state,
        "shardId": "shardId-00000000000000000000-00000001",
        "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/T/stream/2024-06-01T00:00:00.000",
        "isFinalInvokeForWindow": final,
        "isWindowTerminatedEarly": False,
    }


def test_count_starts_at_zero():
    assert h.lambda_handler(event({}), None) == {
        "state": {"count": 2},
        "batchItemFailures": [{"itemIdentifier": "100"}],
    }


def test_count_accepts_number_and_numeric_string():
    assert h.lambda_handler(event({"count": 5}), None)["state"] == {"count": 7}
    assert h.lambda_handler(event({"count": "5"}), None)["state"] == {"count": 7}


def test_final_invoke_prints_and_still_returns_state(capsys):
    response = h.lambda_handler(event({"count": 1}, records=[OK], final=True), None)
    assert response == {"state": {"count": 2}, "batchItemFailures": []}
    assert "2 records" in capsys.readouterr().out


def test_fixtures():
    for path in (
        "events/dynamodb/tumbling-window/mid-window.json",
        "events/dynamodb/tumbling-window/final-invoke.json",
    ):
        fixture = load(path)
        response = h.lambda_handler(fixture, None)
        assert "state" in response
        assert response["state"]["count"] == h.previous_count(fixture["state"]) + len(
            fixture["Records"]
        )
