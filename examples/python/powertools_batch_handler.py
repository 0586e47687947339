"""Partial batch failure with Powertools for AWS Lambda (Python): BatchProcessor.

`process_partial_response` calls `record_handler` once per record with a
`DynamoDBRecord` data class; a record whose handler raises is reported by its
SequenceNumber in `batchItemFailures`. The event source mapping needs
`FunctionResponseTypes: ["ReportBatchItemFailures"]`.

What the data class gives you (Powertools 3.x):
- images through Powertools' TypeDeserializer: N -> Decimal, but B and BS stay
  the base64 *text* from the event (decode them yourself: `binary_value`);
- `approximate_creation_date_time` is `int(...)`: the fraction of seconds is dropped;
- absent images (and an absent `userIdentity`) read as `{}`, not `None`.

`process_partial_response` reads `event["Records"]`: an EventBridge Pipes
batch (a bare list) is rejected; `pipes_handler` wraps it first.
"""

from __future__ import annotations

import base64
from typing import Any

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord

# raise_on_entire_batch_failure=False: when every record fails, report them all
# in batchItemFailures instead of raising (the default raises BatchProcessingError).
processor = BatchProcessor(
    event_type=EventType.DynamoDBStreams, raise_on_entire_batch_failure=False
)


class RecordFailed(Exception):
    pass


def binary_value(text: str) -> bytes:
    """Powertools hands out B values as the base64 text of the event: decode it."""
    return base64.b64decode(text)


def record_handler(record: DynamoDBRecord) -> None:
    stream = record.dynamodb
    new_image = stream.new_image if stream is not None else {}
    if new_image.get("fail") is True:
        raise RecordFailed(f"cannot process record {record.event_id}")


def lambda_handler(event: dict[str, Any], context: Any) -> PartialItemFailureResponse:
    return process_partial_response(
        event=event, record_handler=record_handler, processor=processor, context=context
    )


def pipes_handler(event: list[dict[str, Any]], context: Any) -> PartialItemFailureResponse:
    """EventBridge Pipes delivers a bare array of records: wrap it for Powertools."""
    return lambda_handler({"Records": event}, context)
