from __future__ import annotations

import powertools_batch_handler as h
import pytest
from conftest import failing_sequence_numbers


def test_partial_failure(partial_failure):
    expected = failing_sequence_numbers(partial_failure["Records"])
    response = h.lambda_handler(partial_failure, None)
    assert response == {"batchItemFailures": [{"itemIdentifier": s} for s in expected]}


def test_every_record_failing_is_reported_not_raised(partial_failure):
    only_failures = {
        "Records": [
            r
            for r in partial_failure["Records"]
            if r["dynamodb"].get("NewImage", {}).get("fail") == {"BOOL": True}
        ]
    }
    response = h.lambda_handler(only_failures, None)
    assert len(response["batchItemFailures"]) == len(only_failures["Records"])


def test_pipes_batch_is_rejected_by_process_partial_response(pipes_partial_failure):
    with pytest.raises(ValueError, match="Invalid event format"):
        h.lambda_handler(pipes_partial_failure, None)


def test_pipes_handler_wraps_the_bare_array(pipes_partial_failure):
    expected = failing_sequence_numbers(pipes_partial_failure)
    response = h.pipes_handler(pipes_partial_failure, None)
    assert [f["itemIdentifier"] for f in response["batchItemFailures"]] == expected


def test_binary_stays_base64_text_and_binary_value_decodes_it(attribute_types):
    from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord

    record = DynamoDBRecord(attribute_types["Records"][0])
    assert record.dynamodb.new_image["binary"] == "AAEC/f7/"
    assert h.binary_value(record.dynamodb.new_image["binary"]) == b"\x00\x01\x02\xfd\xfe\xff"
