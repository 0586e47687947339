"""Simulate a handler that always reports one record as failed, as in AWS's recording."""

from ddbstreams import insert, stream_records
from ddbstreams.simulate import simulate


def handler(event, context):
    return {
        "batchItemFailures": [
            {"itemIdentifier": r["dynamodb"]["SequenceNumber"]}
            for r in event["Records"]
            if r["dynamodb"]["NewImage"].get("fail") == {"BOOL": True}
        ]
    }


records = stream_records([insert({"Id": i, "fail": i == 6}) for i in range(1, 7)], step=0)
trace = simulate(
    handler,
    records,
    {
        "BatchSize": 3,
        "FunctionResponseTypes": ["ReportBatchItemFailures"],
        "MaximumRetryAttempts": 3,
        "DestinationConfig": {
            "OnFailure": {"Destination": "arn:aws:sqs:us-east-1:123456789012:dlq"}
        },
    },
)
print(trace.to_text())
assert trace.deliveries()[records[-1]["dynamodb"]["SequenceNumber"]] == 5
(record,) = trace.on_failure_records
assert record["requestContext"]["approximateInvokeCount"] == 4
