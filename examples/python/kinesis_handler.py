"""DynamoDB changes delivered through Kinesis Data Streams, with the standard library only.

With Kinesis Data Streams for DynamoDB the function gets a plain Kinesis
event: each record's `kinesis.data` is base64 of a JSON change record. The
change record looks like a stream record's `dynamodb` part but has no
SequenceNumber or StreamViewType, its ApproximateCreationDateTime is in
milliseconds, and records can arrive out of order or twice (dedupe on the
item key and timestamp if that matters to you).

Partial batch failure names the *Kinesis* sequence number of the failed record.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from plain_handler import decode_image, process


def change_record(kinesis_record: dict[str, Any]) -> dict[str, Any]:
    """The DynamoDB change record carried in one Kinesis record's base64 `data`."""
    return json.loads(base64.b64decode(kinesis_record["kinesis"]["data"], validate=True))


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, list[dict[str, str]]]:
    failures: list[dict[str, str]] = []
    for record in event["Records"]:
        try:
            change = change_record(record)
            new = change["dynamodb"].get("NewImage")
            process(change, decode_image(new) if new is not None else None)
        except Exception:
            failures.append({"itemIdentifier": record["kinesis"]["sequenceNumber"]})
    return {"batchItemFailures": failures}
