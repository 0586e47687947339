"""The `ddb_simulate` fixture, as a user's test would use it (the plugin is installed)."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest


def reports_failing(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return {
        "batchItemFailures": [
            {"itemIdentifier": r["dynamodb"]["SequenceNumber"]}
            for r in event["Records"]
            if r["dynamodb"].get("NewImage", {}).get("fail") == {"BOOL": True}
        ]
    }


def test_a_clean_stream_is_processed(ddb_simulate: Any, ddb_event_factory: ModuleType) -> None:
    f = ddb_event_factory
    records = f.stream_records([f.insert({"Id": i}) for i in range(10)])
    trace = ddb_simulate(reports_failing, records, {"BatchSize": 4})
    ddb_simulate.assert_processed(trace)
    assert len(trace.invocations) == 10  # one second apart, no batching window


def test_assert_processed_shows_the_trace(ddb_simulate: Any, ddb_event_factory: ModuleType) -> None:
    f = ddb_event_factory
    records = f.stream_records([f.insert({"Id": 1, "fail": True})])
    trace = ddb_simulate(
        reports_failing,
        records,
        {"FunctionResponseTypes": ["ReportBatchItemFailures"], "MaximumRetryAttempts": 1},
    )
    with pytest.raises(AssertionError, match="RetryAttemptsExhausted"):
        ddb_simulate.assert_processed(trace)


def test_the_audit_is_there_too(ddb_simulate: Any) -> None:
    assert ddb_simulate.audit(reports_failing).failed() is False
