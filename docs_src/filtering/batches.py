"""What a mapping's filters do to a batch: dropped records are gone, and an empty batch is no call."""

from ddbstreams import load_fixture
from ddbstreams.filters import filter_batch

event = load_fixture("dynamodb/stream/item-history")
criteria = {"Filters": [{"Pattern": '{"eventName": ["MODIFY"]}'}]}

result = filter_batch(event, criteria)
assert result.event is not None
assert [r["eventName"] for r in result.event["Records"]] == ["MODIFY", "MODIFY"]
assert [d.index for d in result.dropped] == [0, 3]
assert str(result.dropped[0].reasons[0]) == 'eventName: "MODIFY" does not match "INSERT"'

# The sequence numbers a function may report in batchItemFailures are the delivered ones.
delivered = [r["dynamodb"]["SequenceNumber"] for r in result.event["Records"]]
assert event["Records"][0]["dynamodb"]["SequenceNumber"] not in delivered

# When every record is dropped, the function is not invoked at all.
nothing = filter_batch(event, {"Filters": [{"Pattern": '{"eventName": ["UPSERT"]}'}]})
assert nothing.event is None and not nothing.invoked
