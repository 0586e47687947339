"""anything-but: any value except these (a value must be present)."""

from ddbstreams import load_fixture
from ddbstreams.filters import compile

history = load_fixture("dynamodb/stream/item-history")["Records"]
names = [r["eventName"] for r in history]
assert names == ["INSERT", "MODIFY", "MODIFY", "REMOVE"]

not_removed = compile({"eventName": [{"anything-but": "REMOVE"}]})
assert [not_removed.matches(r) for r in history] == [True, True, True, False]

changes = compile({"eventName": [{"anything-but": ["INSERT", "REMOVE"]}]})
assert [changes.matches(r) for r in history] == [False, True, True, False]

# No coupon attribute, no value: anything-but does not match an absent key.
coupon = compile({"dynamodb": {"NewImage": {"coupon": {"S": [{"anything-but": "WINTER"}]}}}})
assert [coupon.matches(r) for r in history] == [False, False, True, False]

# EventBridge alone takes the prefix, suffix, ignore-case and wildcard forms.
outside_us = compile({"awsRegion": [{"anything-but": {"prefix": "us-"}}]}, "eventbridge")
assert not outside_us.matches(history[0])
