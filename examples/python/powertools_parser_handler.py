"""Validating a DynamoDB Streams event with the Powertools parser (pydantic).

`DynamoDBStreamModel` validates the whole event at run time and deserializes
the images (N -> Decimal; B and BS stay base64 text). Notes from running it
against this project's fixtures (Powertools 3.x):
- `eventVersion` is declared `float`: "1.1" becomes 1.1;
- `ApproximateCreationDateTime` becomes a timezone-aware `datetime`;
- the model requires `eventVersion`, `eventSourceARN`, `SequenceNumber`,
  `SizeBytes` and `StreamViewType`;
- `DynamoDBStreamModel` needs the `Records` wrapper: for an EventBridge Pipes
  batch (a bare array) validate a list of records instead (`pipes_handler`).
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.parser import event_parser
from aws_lambda_powertools.utilities.parser.models import (
    DynamoDBStreamModel,
    DynamoDBStreamRecordModel,
)
from pydantic import TypeAdapter


def failed(record: DynamoDBStreamRecordModel) -> bool:
    new_image = record.dynamodb.NewImage
    return isinstance(new_image, dict) and new_image.get("fail") is True


def batch_response(records: list[DynamoDBStreamRecordModel]) -> dict[str, Any]:
    return {
        "batchItemFailures": [
            {"itemIdentifier": r.dynamodb.SequenceNumber} for r in records if failed(r)
        ]
    }


@event_parser(model=DynamoDBStreamModel)
def lambda_handler(event: DynamoDBStreamModel, context: Any) -> dict[str, Any]:
    return batch_response(event.Records)


PipesBatch = TypeAdapter(list[DynamoDBStreamRecordModel])


def pipes_handler(event: list[dict[str, Any]], context: Any) -> dict[str, Any]:
    """EventBridge Pipes delivers a bare array of records: validate it as a list."""
    return batch_response(PipesBatch.validate_python(event))
