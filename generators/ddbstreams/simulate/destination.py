"""The record an on-failure destination receives when Lambda discards a batch.

Built as AWS recorded it (ground truth `destinations/`, and the example on
https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html):
`requestContext`, `responseContext` (absent for `RecordAgeExceeded`;
`functionError` is `null` when the function returned a response that failed the
batch), `version`, a millisecond `timestamp`, and `DDBStreamBatchInfo` whose
arrival times have no fraction. The S3 form adds `payload`, the event of the
last attempted batch.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Literal

from .settings import DestinationKind
from .stream import ShardRecord

Condition = Literal["RetryAttemptsExhausted", "RecordAgeExceeded"]


def iso(seconds: float, *, millis: bool) -> str:
    """UTC ISO 8601 with or without milliseconds (`2025-11-25T16:07:30Z`)."""
    moment = datetime.fromtimestamp(seconds, UTC)
    if millis:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def failure_record(
    records: Sequence[ShardRecord],
    *,
    kind: DestinationKind,
    condition: Condition,
    invoke_count: int,
    function_error: str | None,
    request_id: str,
    function_arn: str,
    shard_id: str,
    discarded_at: float,
    event: Mapping[str, Any],
    s3_payload: Literal["string", "object"],
) -> dict[str, Any]:
    """The on-failure record for `records`, discarded at `discarded_at` for `condition`."""
    first, last = records[0], records[-1]
    kinesis = "kinesis" in first.record
    result: dict[str, Any] = {
        "requestContext": {
            "requestId": request_id,
            "functionArn": function_arn,
            "condition": condition,
            "approximateInvokeCount": invoke_count,
        }
    }
    if condition == "RetryAttemptsExhausted":
        # Recorded: present after retries ran out, absent after RecordAgeExceeded.
        result["responseContext"] = {
            "statusCode": 200,
            "executedVersion": "$LATEST",
            "functionError": function_error,
        }
    result["version"] = "1.0"
    result["timestamp"] = iso(discarded_at, millis=True)
    result["KinesisBatchInfo" if kinesis else "DDBStreamBatchInfo"] = {
        "shardId": shard_id,
        "startSequenceNumber": first.sequence,
        "endSequenceNumber": last.sequence,
        # DynamoDB: seconds only (recorded); Kinesis: milliseconds (services-kinesis docs).
        "approximateArrivalOfFirstRecord": iso(first.arrival, millis=kinesis),
        "approximateArrivalOfLastRecord": iso(last.arrival, millis=kinesis),
        "batchSize": len(records),
        "streamArn": str(first.record.get("eventSourceARN", "")),
    }
    if kind == "S3":
        body = dict(event)
        result["payload"] = json.dumps(body, ensure_ascii=False) if s3_payload == "string" else body
    return result
