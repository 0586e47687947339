"""Exact values: strings inside the type wrapper, numbers, null, the empty string, booleans."""

from ddbstreams import load_fixture
from ddbstreams.filters import compile

orders = load_fixture("dynamodb/stream/modify-new-and-old-images")["Records"]
shipped = compile({"dynamodb": {"NewImage": {"status": {"S": ["SHIPPED"]}}}})
assert [shipped.matches(r) for r in orders] == [True, True]

# Without the {"S": ...} wrapper the same pattern never matches a DynamoDB record.
unwrapped = compile({"dynamodb": {"NewImage": {"status": ["SHIPPED"]}}})
assert not any(unwrapped.matches(r) for r in orders)

# An N attribute is a string in the record: match its digits as a string.
total = compile({"dynamodb": {"NewImage": {"total": {"N": ["59.9"]}}}})
assert [total.matches(r) for r in orders] == [True, False]

# null, "" and booleans match those JSON values exactly.
assert compile({"k": [None]}).matches({"k": None})
assert not compile({"k": [None]}).matches({})
assert compile({"k": [""]}).matches({"k": ""})
assert compile({"f": {"BOOL": [True]}}).matches({"f": {"BOOL": True}})
assert not compile({"f": {"BOOL": ["true"]}}).matches({"f": {"BOOL": True}})

# Lambda compares numbers by their text; EventBridge by value.
assert not compile('{"n": [300]}', "lambda").matches('{"n": 3.0e2}')
assert compile('{"n": [300]}', "eventbridge").matches('{"n": 3.0e2}')
