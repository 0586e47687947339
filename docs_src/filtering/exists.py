"""exists: whether a leaf is present. Attribute names are not leaves; their type keys are."""

from ddbstreams import load_fixture
from ddbstreams.filters import compile

history = load_fixture("dynamodb/stream/item-history")["Records"]

with_coupon = compile({"dynamodb": {"NewImage": {"coupon": {"S": [{"exists": True}]}}}})
assert [with_coupon.matches(r) for r in history] == [False, False, True, False]

without_coupon = compile({"dynamodb": {"NewImage": {"coupon": {"S": [{"exists": False}]}}}})
assert [without_coupon.matches(r) for r in history] == [True, True, False, True]

# On the attribute name (not a leaf) exists: true never matches: lint rule DDBF005.
on_name = compile({"dynamodb": {"NewImage": {"coupon": [{"exists": True}]}}})
assert not any(on_name.matches(r) for r in history)

# Through a list value, as the DynamoDB filtering page shows: items is {"L": [{"S": ...}]}.
has_items = compile({"dynamodb": {"NewImage": {"items": {"L": {"S": [{"exists": True}]}}}}})
assert [has_items.matches(r) for r in history] == [True, True, True, False]
