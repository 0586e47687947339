"""The factory API: view types, keys, SizeBytes, determinism, and every builder validates."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import ddbstreams
import pytest
from ddbstreams import (
    VIEW_TYPES,
    MarshalError,
    batch_response,
    check_response,
    failure_destination,
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
from ddbstreams.records import IMAGES
from ddbstreams.validation import validate_document

OLD = {"Id": 101, "Message": "New item!"}
NEW = {"Id": 101, "Message": "This item has changed"}
WRITES = [insert(OLD), modify(OLD, NEW), remove(NEW)]


@pytest.mark.parametrize("view_type", VIEW_TYPES)
def test_view_type_decides_the_images(view_type: Any) -> None:
    records = stream_records(WRITES, view_type=view_type)
    for record in records:
        dynamodb = record["dynamodb"]
        want_new, want_old = IMAGES[(view_type, record["eventName"])]
        assert ("NewImage" in dynamodb) == want_new
        assert ("OldImage" in dynamodb) == want_old
        assert dynamodb["StreamViewType"] == view_type
        assert dynamodb["Keys"] == {"Id": {"N": "101"}}


def test_size_bytes_match_the_sam_sample() -> None:
    event = stream_event(WRITES)
    assert [r["dynamodb"]["SizeBytes"] for r in event["Records"]] == [26, 59, 38]


def test_partition_and_sort_keys() -> None:
    item = {"forum": "f", "postedAt": "2024", "views": 0}
    record = stream_records([insert(item)], partition_key="forum", sort_key="postedAt")[0]
    assert record["dynamodb"]["Keys"] == {"forum": {"S": "f"}, "postedAt": {"S": "2024"}}


def test_table_options_reach_every_record() -> None:
    event = stream_event(
        WRITES, table="Orders", region="eu-west-1", account_id="111122223333", partition="aws-cn"
    )
    for record in event["Records"]:
        assert record["awsRegion"] == "eu-west-1"
        assert record["eventSourceARN"].startswith(
            "arn:aws-cn:dynamodb:eu-west-1:111122223333:table/Orders/stream/"
        )


def test_deterministic_by_seed() -> None:
    assert stream_event(WRITES, seed=3) == stream_event(WRITES, seed=3)
    assert stream_event(WRITES, seed=3) != stream_event(WRITES, seed=4)
    assert kinesis_event(WRITES, seed=3) == kinesis_event(WRITES, seed=3)


def test_timestamps_follow_start_and_step() -> None:
    records = stream_records(WRITES, start=1635734407.123, step=0.5)
    times = [r["dynamodb"]["ApproximateCreationDateTime"] for r in records]
    assert times == [1635734407.123, 1635734407.623, 1635734408.123]


def test_ttl_expiry_carries_the_service_identity() -> None:
    record = stream_records([ttl_expiry(OLD)])[0]
    assert record["eventName"] == "REMOVE"
    assert record["userIdentity"] == {"type": "Service", "principalId": "dynamodb.amazonaws.com"}


def test_numbers_keep_their_digits() -> None:
    record = stream_records([insert({"Id": 1, "price": Decimal("0.10"), "big": 2**63 + 1})])[0]
    image = record["dynamodb"]["NewImage"]
    assert image["price"] == {"N": "0.1"} and image["big"] == {"N": str(2**63 + 1)}


@pytest.mark.parametrize(
    ("item", "path"),
    [
        ({"Id": 1, "bad": float("nan")}, "$.NewImage.bad"),
        ({"Id": 1, "nested": {"s": set()}}, "$.NewImage.nested.s"),
        ({"Id": 1, "obj": object()}, "$.NewImage.obj"),
        ({"name": "no key"}, "$.Keys.Id"),
        ({"Id": ""}, "$.Keys.Id"),
    ],
)
def test_items_dynamodb_rejects_name_the_attribute(item: dict[str, Any], path: str) -> None:
    with pytest.raises(MarshalError) as error:
        stream_event([insert(item)])
    assert error.value.path == path


def test_bad_view_type_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="view_type"):
        stream_event(WRITES, view_type="BOTH")  # type: ignore[typeddict-item]


BUILDERS: dict[str, Any] = {
    "stream": lambda w, v: stream_event(w, view_type=v),
    "pipes": lambda w, v: pipes_batch(w, view_type=v),
    "tumbling-window": lambda w, v: tumbling_window_event(w, state={"n": 1}, view_type=v),
    "kinesis": lambda w, v: kinesis_event(w, view_type=v),
    "failure-destination": lambda w, v: failure_destination(w, view_type=v),
    "failure-destination-s3": lambda w, v: failure_destination(w, s3=True, view_type=v),
}


@pytest.mark.parametrize("shape", sorted(BUILDERS))
@pytest.mark.parametrize("view_type", VIEW_TYPES)
def test_every_builder_output_validates(shape: str, view_type: Any) -> None:
    built = BUILDERS[shape]([*WRITES, ttl_expiry({"Id": 7, "exp": 1})], view_type)
    assert validate_document(built, shape) == []
    assert validate_event(built) == []
    assert validate_event(built, shape) == []


def test_final_tumbling_window_invoke_may_be_empty() -> None:
    event = tumbling_window_event([], final=True, state={"count": 7})
    assert event["Records"] == [] and event["isFinalInvokeForWindow"] is True
    assert validate_event(event) == []


def test_failure_destination_needs_a_record() -> None:
    with pytest.raises(ValueError, match="at least one record"):
        failure_destination([])


def test_responses_round_trip_through_check_response() -> None:
    event = stream_event(WRITES)
    numbers = sequence_numbers(event)
    assert check_response(batch_response([]), event).outcome == "success"
    verdict = check_response(batch_response([numbers[1]]), event)
    assert verdict.outcome == "partial" and verdict.retried == numbers[1:]
    assert validate_event(batch_response(numbers), "batch-response") == []


def test_validate_event_reports_problems() -> None:
    event = stream_event(WRITES)
    event["Records"][1]["awsRegion"] = "eu-west-1"
    assert any(p.rule == "region-arn" for p in validate_event(event))
    assert validate_event(42)[0].rule == "shape"
    with pytest.raises(ValueError, match="shape"):
        validate_event(event, "nonsense")


def test_load_fixture_and_names() -> None:
    names = ddbstreams.fixture_names()
    assert "dynamodb/stream/insert-new-image" in names and len(names) == len(set(names))
    assert load_fixture("dynamodb/dynamodb") == load_fixture("events/dynamodb/dynamodb.json")
    for name in names:
        assert validate_event(load_fixture(name)) == [], name
    with pytest.raises(KeyError, match="did you mean"):
        load_fixture("dynamodb/stream/insert-new")


def test_public_api_is_exported() -> None:
    for name in ddbstreams.__all__:
        assert hasattr(ddbstreams, name), name
