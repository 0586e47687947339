"""cidr and wildcard: accepted by EventBridge rules only; Lambda and Pipes refuse them."""

import pytest
from ddbstreams import load_fixture
from ddbstreams.filters import FilterPatternError, compile

record = load_fixture("dynamodb/stream/modify-new-and-old-images")["Records"][0]

orders_table = compile(
    {"eventSourceARN": [{"wildcard": "arn:aws:dynamodb:*:table/Orders/*"}]}, "eventbridge"
)
assert orders_table.matches(record)

private = compile({"sourceIp": [{"cidr": "10.0.0.0/24"}]}, "eventbridge")
assert private.matches({"sourceIp": "10.0.0.7"}) and not private.matches({"sourceIp": "10.0.1.7"})

with pytest.raises(FilterPatternError) as refused:
    compile({"eventSourceARN": [{"wildcard": "*Orders*"}]}, "lambda")
assert refused.value.pointer == "/eventSourceARN/0/wildcard"
assert refused.value.rule == "surface"
