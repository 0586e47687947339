"""A DynamoDB Streams handler in a Chalice app.

`@app.on_dynamodb_record` turns the function into a Lambda handler that wraps
the event in chalice's `DynamoDBEvent`; iterating it yields `DynamoDBRecord`s
with `keys`, `new_image`, `old_image` (raw AttributeValue JSON, not
deserialized), `sequence_number`, `timestamp` (a naive UTC `datetime` from
`ApproximateCreationDateTime`) and a few envelope fields. It does not expose
`eventVersion`, `eventSource` or `userIdentity` (read them from
`record.to_dict()`), and it raises `KeyError` when `ApproximateCreationDateTime`,
`SizeBytes` or `StreamViewType` is absent.

Partial batch failure: chalice returns whatever the function returns to Lambda,
so returning `{"batchItemFailures": [...]}` works at run time, but chalice's
`on_dynamodb_record` has no setting for `FunctionResponseTypes`: add
`ReportBatchItemFailures` to the event source mapping outside chalice (console,
CLI or a post-deploy step), or Lambda ignores the response and treats the batch
as a success.
"""

from __future__ import annotations

from typing import Any

from chalice import Chalice
from chalice.app import DynamoDBEvent, DynamoDBRecord

app = Chalice(app_name="ddb-streams-example")

STREAM_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2024-01-01T00:00:00.000"


def failed(record: DynamoDBRecord) -> bool:
    return (record.new_image or {}).get("fail") == {"BOOL": True}


@app.on_dynamodb_record(stream_arn=STREAM_ARN)
def handle_stream(event: DynamoDBEvent) -> dict[str, Any]:
    return {
        "batchItemFailures": [
            {"itemIdentifier": record.sequence_number} for record in event if failed(record)
        ]
    }
