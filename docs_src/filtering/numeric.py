"""numeric: comparisons on JSON numbers. DynamoDB N values are strings, so it never matches them."""

from ddbstreams import load_fixture
from ddbstreams.filters import compile

history = load_fixture("dynamodb/stream/item-history")["Records"]
assert [r["dynamodb"]["SizeBytes"] for r in history] == [46, 86, 98, 58]

# SizeBytes and ApproximateCreationDateTime are JSON numbers: numeric works.
big = compile({"dynamodb": {"SizeBytes": [{"numeric": [">", 50, "<=", 90]}]}})
assert [big.matches(r) for r in history] == [False, True, False, True]
recent = compile({"dynamodb": {"ApproximateCreationDateTime": [{"numeric": [">", 0]}]}})
assert all(recent.matches(r) for r in history)

# total is {"N": "24.98"}: a string. numeric never matches it, and explain() says so.
pricey = compile({"dynamodb": {"NewImage": {"total": {"N": [{"numeric": [">", 10]}]}}}})
assert not any(pricey.matches(r) for r in history)
assert str(pricey.explain(history[1])) == (
    'dynamodb.NewImage.total.N: numeric > 10 against the string "24.98"'
)
