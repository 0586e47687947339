"""equals-ignore-case: the whole string, in any letter case."""

from ddbstreams import load_fixture
from ddbstreams.filters import compile

orders = load_fixture("dynamodb/stream/modify-new-and-old-images")["Records"]

shipped = compile(
    {"dynamodb": {"NewImage": {"status": {"S": [{"equals-ignore-case": "shipped"}]}}}}
)
assert all(shipped.matches(r) for r in orders)

partial = compile({"dynamodb": {"NewImage": {"status": {"S": [{"equals-ignore-case": "ship"}]}}}})
assert not any(partial.matches(r) for r in orders)
