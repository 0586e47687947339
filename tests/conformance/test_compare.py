"""The harness's canonical view and comparison: every kind of difference has a
case that must trigger it and a case that must not."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conformance.compare import (
    KINDS,
    canonical_view,
    compare_attribute,
    compare_image,
    compare_json,
    compare_timestamp,
    compare_view,
    loads_exact,
    member,
)


def kinds(diffs):
    return [d.kind for d in diffs]


# (case id, expected AttributeValue, actual AttributeValue, kinds expected)
ATTRIBUTE_CASES = [
    # number-precision
    (
        "float-rounded",
        {"N": "12345678901234567890"},
        {"N": "12345678901234567000"},
        ["number-precision"],
    ),
    (
        "float-shortest",
        {"N": "1000000000000000000000000000001"},
        {"N": "1e+30"},
        ["number-precision"],
    ),
    (
        "json-number-rounded",
        {"N": "9223372036854775809"},
        {"N": 9223372036854775808.0},
        ["number-precision"],
    ),
    ("same-number-other-text", {"N": "1E+2"}, {"N": "100.0"}, []),
    ("json-number-exact", {"N": "3.14159"}, {"N": Decimal("3.14159")}, []),
    ("number-really-changed", {"N": "42"}, {"N": "43"}, ["value-changed"]),
    ("number-not-a-number", {"N": "42"}, {"N": "forty-two"}, ["value-changed"]),
    # binary-as-text
    ("binary-as-text", {"B": "AAEC/f7/"}, {"B": "QUFFQy9mNy8="}, ["binary-as-text"]),
    ("binary-same-bytes", {"B": "AAEC/f7/"}, {"B": "AAEC/f7/"}, []),
    ("binary-other-padding-ok", {"B": "AA=="}, {"B": "AA=="}, []),
    ("binary-changed", {"B": "AAEC"}, {"B": "AAED"}, ["value-changed"]),
    ("binary-not-base64", {"B": "AAEC"}, {"B": "%%%"}, ["value-changed"]),
    ("empty-binary", {"B": ""}, {"B": ""}, []),
    (
        "binary-set-as-text",
        {"BS": ["AQ==", "AgM="]},
        {"BS": ["QVE9PQ==", "QWdNPQ=="]},
        ["binary-as-text"],
    ),
    ("binary-set-reordered", {"BS": ["AQ==", "AgM="]}, {"BS": ["AgM=", "AQ=="]}, []),
    # sets as multisets
    ("string-set-reordered", {"SS": ["", "green", "red"]}, {"SS": ["red", "", "green"]}, []),
    ("string-set-missing", {"SS": ["a", "b"]}, {"SS": ["a"]}, ["value-changed"]),
    ("string-set-duplicated", {"SS": ["a", "b"]}, {"SS": ["a", "b", "b"]}, ["value-changed"]),
    ("number-set-other-text", {"NS": ["1E+100", "2.5"]}, {"NS": ["2.50", "1e100"]}, []),
    (
        "number-set-precision",
        {"NS": ["9223372036854775809"]},
        {"NS": ["9223372036854775808"]},
        ["number-precision"],
    ),
    ("number-set-changed", {"NS": ["1", "2"]}, {"NS": ["1", "3"]}, ["value-changed"]),
    # type-changed
    ("type-key-changed", {"N": "1"}, {"S": "1"}, ["type-changed"]),
    ("bool-to-string", {"BOOL": True}, {"BOOL": "true"}, ["type-changed"]),
    ("same-bool", {"BOOL": False}, {"BOOL": False}, []),
    ("null", {"NULL": True}, {"NULL": True}, []),
    # value-changed
    ("string-changed", {"S": "Grüße"}, {"S": "Grusse"}, ["value-changed"]),
    ("string-same", {"S": "東京 🌏"}, {"S": "東京 🌏"}, []),
    # nesting
    (
        "list-item-changed",
        {"L": [{"N": "1"}, {"S": "x"}]},
        {"L": [{"N": "1"}, {"S": "y"}]},
        ["value-changed"],
    ),
    ("list-item-missing", {"L": [{"N": "1"}, {"S": "x"}]}, {"L": [{"N": "1"}]}, ["field-missing"]),
    ("list-item-extra", {"L": [{"N": "1"}]}, {"L": [{"N": "1"}, {"S": "x"}]}, ["field-extra"]),
    ("map-member-missing", {"M": {"a": {"S": "x"}}}, {"M": {}}, ["field-missing"]),
    ("map-member-extra", {"M": {}}, {"M": {"a": {"S": "x"}}}, ["field-extra"]),
    (
        "map-deep-same",
        {"M": {"a": {"M": {"b": {"L": [{"B": "AA=="}]}}}}},
        {"M": {"a": {"M": {"b": {"L": [{"B": "AA=="}]}}}}},
        [],
    ),
    # attribute-malformed
    ("not-an-attribute-value", {"S": "x"}, "x", ["attribute-malformed"]),
    ("two-type-keys", {"S": "x"}, {"S": "x", "N": "1"}, ["attribute-malformed"]),
]


@pytest.mark.parametrize(
    ("expected", "actual", "want"),
    [c[1:] for c in ATTRIBUTE_CASES],
    ids=[c[0] for c in ATTRIBUTE_CASES],
)
def test_compare_attribute(expected, actual, want):
    assert kinds(compare_attribute(expected, actual, "v")) == want


def test_attribute_paths_name_the_type_key_and_the_depth():
    diffs = compare_attribute(
        {"M": {"payload": {"L": [{"B": "AAEC"}]}}},
        {"M": {"payload": {"L": [{"B": "QUFFQw=="}]}}},
        "records[2].newImage.doc",
    )
    assert [d.path for d in diffs] == ["records[2].newImage.doc.M.payload.L[0].B"]
    assert diffs[0].message.endswith('binary kept as base64 text: "AAEC"')


def test_number_precision_message():
    (diff,) = compare_attribute({"N": "12345678901234567890"}, {"N": "12345678901234567000"}, "x")
    assert diff.message == "x.N: number precision: 12345678901234567890 → 12345678901234567000"


def test_member_quotes_odd_names():
    assert member("a", "plain_name1") == "a.plain_name1"
    assert member("a", "with space") == 'a["with space"]'
    assert member("a", "dot.ted") == 'a["dot.ted"]'


TIMESTAMP_CASES = [
    ("same-integer", 1717243200, 1717243200, []),
    ("same-fraction", Decimal("1635734407.123"), 1635734407.123, []),
    ("fraction-dropped", Decimal("1635734407.123"), 1635734407, ["timestamp-truncated"]),
    (
        "rounded-to-micro",
        Decimal("1635734407.1234567"),
        Decimal("1635734407.123457"),
        ["timestamp-precision"],
    ),
    ("rounded-up", Decimal("1635734407.9"), 1635734408, ["timestamp-precision"]),
    ("milliseconds", 1717243200, 1717243200000, ["timestamp-unit"]),
    ("microseconds", Decimal("1635734407.123"), 1635734407123000, ["timestamp-unit"]),
    ("other-time", 1717243200, 1717243300, ["value-changed"]),
    ("as-string", 1717243200, "1717243200", ["type-changed"]),
    ("missing", 1717243200, None, ["field-missing"]),
    ("absent-both", None, None, []),
    ("invented", None, 1717243200, ["field-extra"]),
]


@pytest.mark.parametrize(
    ("expected", "actual", "want"),
    [c[1:] for c in TIMESTAMP_CASES],
    ids=[c[0] for c in TIMESTAMP_CASES],
)
def test_compare_timestamp(expected, actual, want):
    assert kinds(compare_timestamp(expected, actual, "t")) == want


def test_timestamp_truncated_message():
    (diff,) = compare_timestamp(Decimal("1635734407.123"), 1635734407, "t")
    assert diff.message == "t: timestamp fraction dropped: 1635734407.123 → 1635734407"


IMAGE_CASES = [
    ("absent-both", None, None, []),
    ("absent-as-empty", None, {}, ["absent-as-empty"]),
    ("absent-invented", None, {"a": {"S": "x"}}, ["field-extra"]),
    ("image-missing", {"a": {"S": "x"}}, None, ["field-missing"]),
    ("image-not-a-map", {"a": {"S": "x"}}, ["a"], ["attribute-malformed"]),
    ("image-same", {"a": {"S": "x"}}, {"a": {"S": "x"}}, []),
]


@pytest.mark.parametrize(
    ("expected", "actual", "want"), [c[1:] for c in IMAGE_CASES], ids=[c[0] for c in IMAGE_CASES]
)
def test_compare_image(expected, actual, want):
    assert kinds(compare_image(expected, actual, "img")) == want


JSON_CASES = [
    ("string-vs-number", "1.1", 1.1, ["type-changed"]),
    ("same-string", "1.1", "1.1", []),
    ("number-exact", 26, Decimal("26.0"), []),
    ("number-changed", 26, 27, ["value-changed"]),
    ("missing", "aws:dynamodb", None, ["field-missing"]),
    ("extra", None, "x", ["field-extra"]),
    ("object-empty", None, {}, ["absent-as-empty"]),
    ("object-member", {"type": "Service"}, {"type": "User"}, ["value-changed"]),
    ("object-null-member-ignored", {"a": 1}, {"a": 1, "b": None}, []),
]


@pytest.mark.parametrize(
    ("expected", "actual", "want"), [c[1:] for c in JSON_CASES], ids=[c[0] for c in JSON_CASES]
)
def test_compare_json(expected, actual, want):
    assert kinds(compare_json(expected, actual, "f")) == want


RECORD = {
    "eventID": "1",
    "eventName": "INSERT",
    "eventVersion": "1.1",
    "eventSource": "aws:dynamodb",
    "awsRegion": "us-east-1",
    "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/T/stream/2024-01-01T00:00:00.000",
    "dynamodb": {
        "ApproximateCreationDateTime": Decimal("1635734407.123"),
        "Keys": {"id": {"S": "a"}},
        "NewImage": {"id": {"S": "a"}, "payload": {"B": "AAEC"}},
        "SequenceNumber": "111111111111111111111",
        "SizeBytes": 12,
        "StreamViewType": "NEW_IMAGE",
    },
}


def test_canonical_view_of_each_shape():
    view = canonical_view({"Records": [RECORD]}, "stream")
    (record,) = view["records"]
    assert record["sequenceNumber"] == "111111111111111111111"
    assert record["oldImage"] is None and record["userIdentity"] is None
    assert record["approximateCreationDateTime"] == Decimal("1635734407.123")
    assert canonical_view([RECORD], "pipes") == view
    window = {
        "Records": [RECORD],
        "window": {"start": "s", "end": "e"},
        "state": {},
        "shardId": "x",
        "eventSourceARN": "arn",
        "isFinalInvokeForWindow": False,
        "isWindowTerminatedEarly": False,
    }
    tumbling = canonical_view(window, "tumbling-window")
    assert (
        tumbling["window"] == {"start": "s", "end": "e"}
        and tumbling["isFinalInvokeForWindow"] is False
    )


def test_compare_view_reports_by_record_and_field():
    expected = canonical_view({"Records": [RECORD, RECORD]}, "stream")
    actual = loads_exact(
        '{"records": ['
        + ",".join(
            [
                '{"eventID": "1", "eventName": "INSERT", "eventVersion": 1.1, "eventSource": "aws:dynamodb",'
                ' "awsRegion": "us-east-1", "eventSourceARN": "' + RECORD["eventSourceARN"] + '",'
                ' "sequenceNumber": "111111111111111111111", "sizeBytes": 12, "streamViewType": "NEW_IMAGE",'
                ' "approximateCreationDateTime": 1635734407, "keys": {"id": {"S": "a"}},'
                ' "newImage": {"id": {"S": "a"}, "payload": {"B": "QUFFQw=="}}, "oldImage": {}, "userIdentity": null}'
            ]
        )
        + "]}"
    )
    diffs = compare_view(expected, actual)
    assert [(d.path, d.kind) for d in diffs] == [
        ("records", "record-count"),
        ("records[0].eventVersion", "type-changed"),
        ("records[0].approximateCreationDateTime", "timestamp-truncated"),
        ("records[0].newImage.payload.B", "binary-as-text"),
        ("records[0].oldImage", "absent-as-empty"),
    ]


def test_view_that_is_not_a_view():
    expected = canonical_view({"Records": [RECORD]}, "stream")
    assert kinds(compare_view(expected, None)) == ["view-malformed"]
    assert kinds(compare_view(expected, {"records": "nope"})) == ["view-malformed"]
    assert kinds(compare_view(expected, {"records": [42]})) == ["view-malformed"]


def test_a_perfect_view_has_no_difference():
    expected = canonical_view({"Records": [RECORD]}, "stream")
    assert compare_view(expected, expected) == []


def test_every_kind_is_documented_and_triggered_somewhere():
    triggered = {
        k for case in ATTRIBUTE_CASES + TIMESTAMP_CASES + IMAGE_CASES + JSON_CASES for k in case[3]
    }
    triggered |= {
        "record-count",
        "view-malformed",
        "response-invalid",
    }  # tested above / in test_runs
    assert triggered == set(KINDS)
