"""Combining: keys are AND, a value list is OR, $or ORs sub-patterns, filters are OR."""

from ddbstreams import load_fixture
from ddbstreams.filters import FilterCriteria, compile

history = load_fixture("dynamodb/stream/item-history")["Records"]
ttl = load_fixture("dynamodb/stream/ttl-expiry-delete")["Records"]

inserts_or_removes = compile({"eventName": ["INSERT", "REMOVE"]})
assert [inserts_or_removes.matches(r) for r in history] == [True, False, False, True]

modify_with_coupon = compile(
    {"eventName": ["MODIFY"], "dynamodb": {"NewImage": {"coupon": {"S": ["SPRING"]}}}}
)
assert [modify_with_coupon.matches(r) for r in history] == [False, False, True, False]

either = compile({"$or": [{"eventName": ["INSERT"]}, {"dynamodb": {"SizeBytes": [98]}}]})
assert [either.matches(r) for r in history] == [True, False, True, False]

# AWS's TTL guide: keep only the deletes made by TTL (userIdentity is set on those).
by_ttl = compile({"userIdentity": {"type": ["Service"], "principalId": ["dynamodb.amazonaws.com"]}})
assert [by_ttl.matches(r) for r in ttl] == [True, False]

# The filters of a mapping are ORed: a record is delivered when any one matches.
criteria = FilterCriteria.parse(
    {
        "Filters": [
            {"Pattern": '{"eventName": ["INSERT"]}'},
            {"Pattern": '{"eventName": ["REMOVE"]}'},
        ]
    }
)
assert [criteria.matching_filter(r) for r in history] == [0, None, None, 1]
