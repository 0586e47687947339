"""Handlers with one known fault each: the audit must find every one of them.

A record fails when its NewImage has `fail: true` (the example handlers' convention).
"""

from __future__ import annotations

from typing import Any


def _fails(record: dict[str, Any]) -> bool:
    return bool(record["dynamodb"].get("NewImage", {}).get("fail") == {"BOOL": True})


def _records(event: Any) -> list[dict[str, Any]]:
    return list(event) if isinstance(event, list) else list(event["Records"])


def reports_event_ids(event: Any, context: Any) -> dict[str, Any]:
    """Reports eventID instead of the SequenceNumber: every partial failure fails the batch."""
    return {
        "batchItemFailures": [
            {"itemIdentifier": r["eventID"]} for r in _records(event) if _fails(r)
        ]
    }


def reports_empty_identifiers(event: Any, context: Any) -> dict[str, Any]:
    """Reports "" for a failed record (a missing field read as empty)."""
    return {
        "batchItemFailures": [
            {"itemIdentifier": r["dynamodb"].get("SequenceNumbr", "")}
            for r in _records(event)
            if _fails(r)
        ]
    }


def reports_null_identifiers(event: Any, context: Any) -> dict[str, Any]:
    return {"batchItemFailures": [{"itemIdentifier": None} for r in _records(event) if _fails(r)]}


def raises_without_new_image(event: Any, context: Any) -> dict[str, Any]:
    """Reads NewImage unconditionally: REMOVE, KEYS_ONLY and OLD_IMAGE records break it."""
    failures = []
    for record in _records(event):
        image = record["dynamodb"]["NewImage"]
        if image.get("fail") == {"BOOL": True}:
            failures.append({"itemIdentifier": record["dynamodb"]["SequenceNumber"]})
    return {"batchItemFailures": failures}


def raises_on_ttl_delete(event: Any, context: Any) -> dict[str, Any]:
    """Assumes every REMOVE came from a user with an identity it can read."""
    for record in _records(event):
        if record["eventName"] == "REMOVE" and record.get("userIdentity"):
            raise PermissionError(f"unexpected principal {record['userIdentity']['principalId']}")
    return {"batchItemFailures": []}


def raises_on_large_records(event: Any, context: Any) -> dict[str, Any]:
    """Refuses records over 100 kB, though DynamoDB allows 400 KB items."""
    for record in _records(event):
        if record["dynamodb"].get("SizeBytes", 0) > 100_000:
            raise ValueError("record too large")
    return {"batchItemFailures": []}


def breaks_on_pipes_arrays(event: Any, context: Any) -> dict[str, Any]:
    """Expects `Records` even when EventBridge Pipes sends a bare array."""
    return {
        "batchItemFailures": [
            {"itemIdentifier": r["dynamodb"]["SequenceNumber"]}
            for r in event["Records"]
            if _fails(r)
        ]
    }


def window_without_state(event: Any, context: Any) -> dict[str, Any]:
    return {"batchItemFailures": []}


def window_ignoring_state(event: Any, context: Any) -> dict[str, Any]:
    """Counts only the current batch: the window's total restarts on every invoke."""
    return {"state": {"count": len(event["Records"])}, "batchItemFailures": []}


SIDE_EFFECTS: list[str] = []


def appends_every_delivery(event: Any, context: Any) -> dict[str, Any]:
    """Appends each record to a list: a duplicate delivery duplicates the row."""
    SIDE_EFFECTS.extend(r["eventID"] for r in _records(event))
    return {"batchItemFailures": []}


def side_effects() -> list[str]:
    """The probe for `appends_every_delivery`: what it has written so far."""
    return list(SIDE_EFFECTS)


def stops_at_first_failure(event: Any, context: Any) -> dict[str, Any]:
    """No fault: after the first failed record, reports it and every later one as failed."""
    failures: list[dict[str, str]] = []
    for record in _records(event):
        if failures or _fails(record):
            failures.append({"itemIdentifier": record["dynamodb"]["SequenceNumber"]})
    return {"batchItemFailures": failures}
