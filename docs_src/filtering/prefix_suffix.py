"""prefix and suffix: string starts and endings (case-sensitive)."""

from ddbstreams import load_fixture
from ddbstreams.filters import compile

orders = load_fixture("dynamodb/stream/modify-new-and-old-images")["Records"]

first_order = compile({"dynamodb": {"Keys": {"orderId": {"S": [{"prefix": "ORD-100"}]}}}})
assert [first_order.matches(r) for r in orders] == [True, True]

ped = compile({"dynamodb": {"NewImage": {"status": {"S": [{"suffix": "PED"}]}}}})
assert all(ped.matches(r) for r in orders)
assert not compile({"dynamodb": {"NewImage": {"status": {"S": [{"suffix": "ped"}]}}}}).matches(
    orders[0]
)

# Pipes and EventBridge also take the ignore-case forms; Lambda refuses them.
ship = {"dynamodb": {"NewImage": {"status": {"S": [{"prefix": {"equals-ignore-case": "ship"}}]}}}}
assert compile(ship, "pipes").matches(orders[0])
