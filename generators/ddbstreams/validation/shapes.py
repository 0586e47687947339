"""Which kind of document a JSON value is, for files given without `--shape`.

Detection is shown, not silent: `detect` returns the shape with the problem
that explains a miss, so `{}`, `null` or a lone record are never taken for a
valid event without a word.
"""

from __future__ import annotations

from ..names import SHAPE_SCHEMAS
from .problems import Problem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SHAPES = tuple(SHAPE_SCHEMAS)

WRAP = 'wrap it as {"Records": [<record>]} to check it as an event'


def detect(doc: Any) -> tuple[str | None, Problem | None]:
    """The shape `doc` looks like, or None with the problem that says why it is none."""
    if doc is None or doc == {}:
        text = "null" if doc is None else "{}"
        return None, Problem(
            "",
            "shape",
            f"{text} is no event; as a function's response it means full success "
            "(check it with --shape batch-response)",
        )
    if isinstance(doc, list):
        return "pipes", None
    if not isinstance(doc, dict):
        return None, Problem("", "shape", "not a shape this validator knows; pass --shape")
    if "Records" in doc:
        if "window" in doc or "isFinalInvokeForWindow" in doc:
            return "tumbling-window", None
        records = doc["Records"]
        first = records[0] if isinstance(records, list) and records else {}
        if isinstance(first, dict) and (
            first.get("eventSource") == "aws:kinesis" or "kinesis" in first
        ):
            return "kinesis", None
        return "stream", None
    if "DDBStreamBatchInfo" in doc:
        return ("failure-destination-s3" if "payload" in doc else "failure-destination"), None
    if "recordFormat" in doc or "tableName" in doc:
        return "kinesis-change-record", None
    if "state" in doc:
        return "tumbling-window-response", None
    if "batchItemFailures" in doc:
        return "batch-response", None
    if "dynamodb" in doc or "kinesis" in doc:
        kind = "Kinesis record" if "kinesis" in doc else "stream record"
        return None, Problem("", "shape", f"a lone {kind}, not an event: {WRAP}")
    return None, Problem("", "shape", "not a shape this validator knows; pass --shape")


def detect_shape(doc: Any) -> str | None:
    """The shape `doc` looks like, or None when it looks like none of them."""
    return detect(doc)[0]
