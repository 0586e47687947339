from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import plain_handler as h
import pytest
from conftest import failing_sequence_numbers


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"S": "text"}, "text"),
        ({"N": "12345678901234567890.123456789"}, Decimal("12345678901234567890.123456789")),
        ({"N": "1E-130"}, Decimal("1E-130")),
        ({"B": "AAEC/f7/"}, b"\x00\x01\x02\xfd\xfe\xff"),
        ({"B": ""}, b""),
        ({"BOOL": False}, False),
        ({"NULL": True}, None),
        ({"SS": ["b", "a", ""]}, frozenset({"a", "b", ""})),
        ({"NS": ["1", "2.5"]}, frozenset({Decimal(1), Decimal("2.5")})),
        ({"BS": ["AQ==", "AgM="]}, frozenset({b"\x01", b"\x02\x03"})),
        ({"L": [{"N": "1"}, {"L": []}]}, [Decimal(1), []]),
        ({"M": {"a": {"M": {"b": {"S": "c"}}}}}, {"a": {"b": "c"}}),
    ],
)
def test_decode_value(value, expected):
    assert h.decode_value(value) == expected


@pytest.mark.parametrize(
    "value",
    [{"S": "a", "N": "1"}, {"X": "1"}, {"B": "not base64!"}, {}],
)
def test_decode_value_rejects_what_is_not_an_attribute_value(value):
    with pytest.raises(ValueError):
        h.decode_value(value)


def test_partial_failure_reports_failed_records_in_order(partial_failure):
    expected = failing_sequence_numbers(partial_failure["Records"])
    assert expected, "the fixture has failing records"
    response = h.lambda_handler(partial_failure, None)
    assert response == {"batchItemFailures": [{"itemIdentifier": s} for s in expected]}


def test_pipes_bare_array(pipes_partial_failure):
    expected = failing_sequence_numbers(pipes_partial_failure)
    response = h.lambda_handler(pipes_partial_failure, None)
    assert [f["itemIdentifier"] for f in response["batchItemFailures"]] == expected


def test_every_attribute_type_decodes(attribute_types):
    for record in attribute_types["Records"]:
        image = h.decode_image(record["dynamodb"]["NewImage"])
        assert image["beyondFloat"] == Decimal("9223372036854775809")
        assert image["binary"] == b"\x00\x01\x02\xfd\xfe\xff"
    assert h.lambda_handler(attribute_types, None) == {"batchItemFailures": []}


# --8<-- [start:fixture-test]
EVENTS = Path(__file__).resolve().parents[3] / "events"  # the repository's fixtures


def test_partial_failure_fixture():
    event = json.loads((EVENTS / "dynamodb/stream/partial-failure.json").read_text())
    response = h.lambda_handler(event, None)
    assert len(response["batchItemFailures"]) == 2  # the two records marked "fail"


# --8<-- [end:fixture-test]
