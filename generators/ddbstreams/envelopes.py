"""The other shapes stream records travel in: tumbling windows, responses,
on-failure destinations, Kinesis change capture and EventBridge Pipes.

Each builder takes stream records made by `records.build_records`, so every
envelope carries records that are valid on their own.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Mapping, Sequence

from .records import Table

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeAlias

    Record: TypeAlias = Mapping[str, Any]


def _rfc3339(seconds: float, millis: bool = False) -> str:
    from datetime import UTC, datetime  # only windows and destinations carry a date

    moment = datetime.fromtimestamp(seconds, UTC)
    if millis:
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def batch_response(failed_sequence_numbers: Iterable[str]) -> dict[str, Any]:
    """A ReportBatchItemFailures response; an empty list means full success."""
    if isinstance(failed_sequence_numbers, str | bytes):
        raise TypeError("batch_response takes a list of sequence numbers, not one string")
    return {"batchItemFailures": [{"itemIdentifier": s} for s in failed_sequence_numbers]}


def pipes_batch(records: Sequence[Record]) -> list[Record]:
    """What an EventBridge Pipes target receives: the records as a bare array."""
    return list(records)


def tumbling_window_event(
    table: Table,
    records: Sequence[Record],
    *,
    window_start: int,
    window_seconds: int,
    state: Mapping[str, Any],
    shard_id: str,
    final: bool,
    terminated_early: bool = False,
) -> dict[str, Any]:
    """An invocation inside a tumbling window: the batch plus the window and its state."""
    return {
        "Records": list(records),
        "window": {
            "start": _rfc3339(window_start),
            "end": _rfc3339(window_start + window_seconds),
        },
        "state": dict(state),
        "shardId": shard_id,
        "eventSourceARN": table.stream_arn,
        "isFinalInvokeForWindow": final,
        "isWindowTerminatedEarly": terminated_early,
    }


def tumbling_window_response(
    state: Mapping[str, Any], failed_sequence_numbers: Iterable[str] = ()
) -> dict[str, Any]:
    """A tumbling-window response: `state` is required, failures optional."""
    return {"state": dict(state), **batch_response(failed_sequence_numbers)}


def failure_destination_record(
    table: Table,
    records: Sequence[Record],
    *,
    function_name: str,
    request_id: str,
    shard_id: str,
    invoke_count: int,
    failed_at: float,
    function_error: str | None = "Unhandled",
    with_payload: bool = False,
    condition: str = "RetryAttemptsExhausted",
) -> dict[str, Any]:
    """What Lambda sends to an on-failure destination after retries run out.

    The SQS/SNS form describes the batch; the S3 form also carries the whole
    original event as an escaped JSON string in `payload`. As AWS writes it:
    `functionError` is "Unhandled" after an error the function raised and null
    when the batch failed through the function's response; a batch given up as
    `RecordAgeExceeded` has no `responseContext`; the arrival times have no
    fraction while `timestamp` has milliseconds.
    """
    first, last = records[0]["dynamodb"], records[-1]["dynamodb"]
    response_context: dict[str, Any] = {
        "statusCode": 200,
        "executedVersion": "$LATEST",
        "functionError": function_error,
    }
    result: dict[str, Any] = {
        "requestContext": {
            "requestId": request_id,
            "functionArn": (
                f"arn:{table.partition}:lambda:{table.region}:{table.account_id}"
                f":function:{function_name}"
            ),
            "condition": condition,
            "approximateInvokeCount": invoke_count,
        },
        "responseContext": response_context,
        "version": "1.0",
        "timestamp": _rfc3339(failed_at, millis=True),
        "DDBStreamBatchInfo": {
            "shardId": shard_id,
            "startSequenceNumber": first["SequenceNumber"],
            "endSequenceNumber": last["SequenceNumber"],
            "approximateArrivalOfFirstRecord": _rfc3339(first["ApproximateCreationDateTime"]),
            "approximateArrivalOfLastRecord": _rfc3339(last["ApproximateCreationDateTime"]),
            "batchSize": len(records),
            "streamArn": table.stream_arn,
        },
    }
    if condition == "RecordAgeExceeded":
        del result["responseContext"]
    if with_payload:
        result["payload"] = json.dumps({"Records": list(records)}, ensure_ascii=False)
    return result


def kinesis_change_record(table: Table, record: Record, rng: random.Random) -> dict[str, Any]:
    """A stream record as Kinesis Data Streams for DynamoDB writes it.

    No SequenceNumber, StreamViewType, eventVersion or ARN; a UUID eventID;
    the timestamp in milliseconds; `userIdentity` null unless TTL deleted it.
    """
    import uuid  # only these records need it; the CLI's common paths start without it

    stream = record["dynamodb"]
    dynamodb: dict[str, Any] = {
        "ApproximateCreationDateTime": round(stream["ApproximateCreationDateTime"] * 1000)
    }
    for name in ("Keys", "NewImage", "OldImage", "SizeBytes"):
        if name in stream:
            dynamodb[name] = stream[name]
    return {
        "awsRegion": table.region,
        "eventID": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "eventName": record["eventName"],
        "userIdentity": record.get("userIdentity"),
        "recordFormat": "application/json",
        "tableName": table.name,
        "dynamodb": dynamodb,
        "eventSource": "aws:dynamodb",
    }


def kinesis_event(
    table: Table,
    change_records: Sequence[Record],
    *,
    stream_name: str,
    rng: random.Random,
    shard: str = "shardId-000000000000",
) -> dict[str, Any]:
    """A Lambda Kinesis event whose records carry base64 change records in `data`."""
    import base64  # only Kinesis records carry base64 data

    sequence = rng.randrange(10**55, 10**56 // 2)
    out = []
    for change in change_records:
        sequence += rng.randrange(10**10, 10**12)
        arrived = change["dynamodb"]["ApproximateCreationDateTime"] + rng.randrange(20, 900)
        data = json.dumps(change, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        out.append(
            {
                "kinesis": {
                    "kinesisSchemaVersion": "1.0",
                    "partitionKey": f"{rng.getrandbits(128):032X}",
                    "sequenceNumber": str(sequence),
                    "data": base64.b64encode(data).decode("ascii"),
                    "approximateArrivalTimestamp": arrived / 1000,
                },
                "eventSource": "aws:kinesis",
                "eventVersion": "1.0",
                "eventID": f"{shard}:{sequence}",
                "eventName": "aws:kinesis:record",
                "invokeIdentityArn": (
                    f"arn:{table.partition}:iam::{table.account_id}:role/{stream_name}-consumer"
                ),
                "awsRegion": table.region,
                "eventSourceARN": (
                    f"arn:{table.partition}:kinesis:{table.region}:{table.account_id}"
                    f":stream/{stream_name}"
                ),
            }
        )
    return {"Records": out}


def window_start_of(seconds: float, window_seconds: int) -> int:
    """The start of the tumbling window that contains `seconds`."""
    return int(seconds) - int(seconds) % window_seconds
