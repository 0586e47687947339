from __future__ import annotations

import chalice_app as h
import pytest
from conftest import failing_sequence_numbers, load


def test_partial_failure_dict_is_returned_as_is(partial_failure):
    expected = failing_sequence_numbers(partial_failure["Records"])
    response = h.handle_stream(partial_failure, None)
    assert response == {"batchItemFailures": [{"itemIdentifier": s} for s in expected]}


def test_requires_approximate_creation_date_time(legacy_documentation_form):
    with pytest.raises(KeyError, match="ApproximateCreationDateTime"):
        h.handle_stream(legacy_documentation_form, None)


def test_timestamp_keeps_milliseconds():
    from chalice.app import DynamoDBEvent

    event = load("events/dynamodb/stream/fractional-timestamp.json")
    record = next(iter(DynamoDBEvent(event, None)))
    assert record.timestamp.microsecond == 123000
    assert record.new_image["customer"] == {"S": "Ana Souza"}  # images are not deserialized


def test_event_source_is_registered_without_a_response_type_setting():
    (source,) = h.app.event_sources
    assert source.stream_arn == h.STREAM_ARN
    assert not hasattr(source, "function_response_types")
