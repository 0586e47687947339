"""Which kind of document a JSON value is, for files given without `--shape`."""

from __future__ import annotations

from typing import Any

from ..catalog import SHAPE_SCHEMAS

SHAPES = tuple(SHAPE_SCHEMAS)


def detect_shape(doc: Any) -> str | None:
    """The shape `doc` looks like, or None when it looks like none of them."""
    if isinstance(doc, list):
        return "pipes"
    if doc is None:
        return "batch-response"
    if not isinstance(doc, dict):
        return None
    if "Records" in doc:
        if "window" in doc or "isFinalInvokeForWindow" in doc:
            return "tumbling-window"
        records = doc["Records"]
        first = records[0] if isinstance(records, list) and records else {}
        if isinstance(first, dict) and (
            first.get("eventSource") == "aws:kinesis" or "kinesis" in first
        ):
            return "kinesis"
        return "stream"
    if "DDBStreamBatchInfo" in doc:
        return "failure-destination-s3" if "payload" in doc else "failure-destination"
    if "recordFormat" in doc or "tableName" in doc:
        return "kinesis-change-record"
    if "state" in doc:
        return "tumbling-window-response"
    if "batchItemFailures" in doc or not doc:
        return "batch-response"
    return None
