"""Published fixtures by name: the same files as events/ in the repository."""

from ddbstreams import fixture_names, load_fixture, validate_event

sam = load_fixture("dynamodb/dynamodb")  # what `sam local generate-event dynamodb update` prints
assert [r["dynamodb"]["SizeBytes"] for r in sam["Records"]] == [26, 59, 38]

for name in fixture_names():
    assert validate_event(load_fixture(name)) == [], name
