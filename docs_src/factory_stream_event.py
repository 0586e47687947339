"""Build a stream event from plain Python items, then check it."""

from decimal import Decimal

from ddbstreams import insert, modify, remove, stream_event, ttl_expiry, validate_event

placed = {"orderId": "ORD-1", "status": "PLACED", "total": Decimal("59.90")}
shipped = {**placed, "status": "SHIPPED"}

event = stream_event(
    [
        insert(placed),
        modify(placed, shipped),
        remove(shipped),
        ttl_expiry({"orderId": "ORD-2", "expiresAt": 1717243100}),
    ],
    table="Orders",
    partition_key="orderId",
    view_type="NEW_AND_OLD_IMAGES",  # or KEYS_ONLY, NEW_IMAGE, OLD_IMAGE
    region="eu-west-1",
    seed=7,  # same seed, same IDs and sequence numbers
)

first = event["Records"][0]
assert first["eventName"] == "INSERT"
assert first["dynamodb"]["NewImage"]["total"] == {"N": "59.9"}
assert first["dynamodb"]["SizeBytes"] == 44  # Keys + NewImage, by DynamoDB item-size rules
assert event["Records"][3]["userIdentity"]["principalId"] == "dynamodb.amazonaws.com"
assert validate_event(event) == []
