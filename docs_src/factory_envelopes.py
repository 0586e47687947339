"""The same writes in every envelope Lambda and Pipes deliver them in."""

from ddbstreams import (
    batch_response,
    check_response,
    failure_destination,
    insert,
    kinesis_event,
    pipes_batch,
    sequence_numbers,
    stream_event,
    tumbling_window_event,
    validate_event,
)

writes = [insert({"pk": "a", "n": 1}), insert({"pk": "b", "n": 2})]
keys = {"partition_key": "pk"}

batch = pipes_batch(writes, **keys)  # EventBridge Pipes: a bare array
window = tumbling_window_event(writes, state={"count": 3}, window_seconds=60, **keys)
kinesis = kinesis_event(writes, stream_name="orders-cdc", **keys)  # Kinesis Data Streams
sqs = failure_destination(writes, function_name="projector", **keys)  # SQS / SNS destination
s3 = failure_destination(writes, s3=True, **keys)  # S3 destination, with the payload

for document in (batch, window, kinesis, sqs, s3):
    assert validate_event(document) == []

# A ReportBatchItemFailures response naming the second record, and what Lambda does with it.
event = stream_event(writes, **keys)
second = sequence_numbers(event)[1]
verdict = check_response(batch_response([second]), event)
assert verdict.outcome == "partial" and verdict.retried == [second]
print(verdict.describe())
