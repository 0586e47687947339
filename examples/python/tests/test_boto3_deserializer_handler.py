from __future__ import annotations

import decimal

import boto3_deserializer_handler as h
import pytest
from conftest import failing_sequence_numbers


def test_partial_failure(partial_failure):
    expected = failing_sequence_numbers(partial_failure["Records"])
    response = h.lambda_handler(partial_failure, None)
    assert response == {"batchItemFailures": [{"itemIdentifier": s} for s in expected]}


def test_plain_call_rejects_base64_text(attribute_types):
    with pytest.raises(TypeError, match="Value must be of the following types"):
        h.lambda_handler(attribute_types, None)


def test_workaround_decodes_binaries_at_any_depth(attribute_types):
    image = h.deserialize_stream_image(attribute_types["Records"][0]["dynamodb"]["NewImage"])
    assert image["binary"].value == b"\x00\x01\x02\xfd\xfe\xff"
    assert {b.value for b in image["binarySet"]} == {b"\x01", b"\x02\x03", b"hello"}
    assert image["list"][5].value == b"\x00"
    assert image["beyondFloat"] == decimal.Decimal("9223372036854775809")


def test_more_than_38_digits_with_trailing_zeros_is_rejected():
    with pytest.raises(decimal.Rounded):
        h.deserialize_image({"n": {"N": "1" + "0" * 40}})
