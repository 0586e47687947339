"""Canonical DynamoDB Streams events for AWS Lambda: fixtures, schemas, validation, factories.

from ddbstreams import insert, stream_event, validate_event

event = stream_event([insert({"Id": 1, "name": "Ana"})])
assert validate_event(event) == []
"""

from __future__ import annotations

from .factory import (
    SHAPES,
    VIEW_TYPES,
    MarshalError,
    Problem,
    ResponseVerdict,
    StreamOptions,
    Write,
    batch_response,
    check_response,
    failure_destination,
    fixture_names,
    insert,
    kinesis_event,
    load_fixture,
    modify,
    pipes_batch,
    remove,
    sequence_numbers,
    stream_event,
    stream_records,
    ttl_expiry,
    tumbling_window_event,
    validate_event,
)

__version__ = "0.1.0"

__all__ = [
    "SHAPES",
    "VIEW_TYPES",
    "MarshalError",
    "Problem",
    "ResponseVerdict",
    "StreamOptions",
    "Write",
    "__version__",
    "batch_response",
    "check_response",
    "failure_destination",
    "fixture_names",
    "insert",
    "kinesis_event",
    "load_fixture",
    "modify",
    "pipes_batch",
    "remove",
    "sequence_numbers",
    "stream_event",
    "stream_records",
    "ttl_expiry",
    "tumbling_window_event",
    "validate_event",
]
