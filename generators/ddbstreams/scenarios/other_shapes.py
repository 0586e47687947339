"""Responses, tumbling windows, on-failure destinations, Kinesis change capture, Pipes."""

from __future__ import annotations

import random

from ..catalog import Fixture
from ..envelopes import (
    batch_response,
    failure_destination_record,
    kinesis_change_record,
    kinesis_event,
    pipes_batch,
    tumbling_window_event,
    tumbling_window_response,
    window_start_of,
)
from ..records import Clock, Insert, Modify, Remove, Table, TtlExpiry, Write, build_records
from ..values import replace
from .stream import FAILING, PAYMENTS, START, partial_failure_writes

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

PARTIAL_FAILURE = "events/dynamodb/stream/partial-failure.json"
MID_WINDOW = "events/dynamodb/tumbling-window/mid-window.json"


def failed_sequence_numbers(records: list[dict[str, Any]]) -> list[str]:
    """Sequence numbers of the records carrying the `fail` marker, in batch order."""
    return [
        r["dynamodb"]["SequenceNumber"]
        for r in records
        if r["dynamodb"].get("NewImage", {}).get("fail") == {"BOOL": True}
    ]


def _partial_failure_records() -> list[dict[str, Any]]:
    # The same clock as the partial-failure fixture, so the response answers that batch.
    return build_records(FAILING, partial_failure_writes(), Clock(start=START, seed=207))


# --- tumbling windows -------------------------------------------------------------------

METRICS = Table(name="PageViews", partition_key="page", stream_label="2024-06-01T00:00:00.000")
WINDOW_SECONDS = 120
SHARD = "shardId-00000001717200000000-1a2b3c4d"


def _views(pages: list[tuple[str, int, bool]]) -> list[Insert]:
    return [Insert({"page": p, "views": v, **({"fail": True} if f else {})}) for p, v, f in pages]


def _mid_window_records() -> list[dict[str, Any]]:
    writes = _views([("/home", 3, False), ("/pricing", 1, True), ("/docs", 8, False)])
    return build_records(METRICS, writes, Clock(start=START + 30, step=2, seed=301))


def mid_window() -> dict[str, Any]:
    records = _mid_window_records()
    return tumbling_window_event(
        METRICS,
        records,
        window_start=window_start_of(START + 30, WINDOW_SECONDS),
        window_seconds=WINDOW_SECONDS,
        state={"count": 4},
        shard_id=SHARD,
        final=False,
    )


def final_invoke() -> dict[str, Any]:
    return tumbling_window_event(
        METRICS,
        [],
        window_start=window_start_of(START + 30, WINDOW_SECONDS),
        window_seconds=WINDOW_SECONDS,
        state={"count": 7},
        shard_id=SHARD,
        final=True,
    )


# --- on-failure destinations -------------------------------------------------------------

INVENTORY = Table(name="Inventory", partition_key="sku", stream_label="2024-03-10T10:10:10.010")
STOCK = {"sku": "SKU-553", "stock": 12, "warehouse": "FRA-1"}


def _failed_batch() -> list[dict[str, Any]]:
    writes: list[Write] = [
        Insert(STOCK),
        Modify(STOCK, {**STOCK, "stock": 11}),
        Remove({**STOCK, "stock": 11}),
    ]
    return build_records(INVENTORY, writes, Clock(start=START, step=3, seed=401))


def destination(with_payload: bool) -> dict[str, Any]:
    return failure_destination_record(
        INVENTORY,
        _failed_batch(),
        function_name="inventory-projector",
        request_id="3c7f2b1e-5d4a-4e8f-9b2c-0a1d2e3f4a5b",
        shard_id="shardId-00000001710065410010-5e6f7a8b",
        invoke_count=3,
        failed_at=START + 3600.5,
        with_payload=with_payload,
    )


# --- Kinesis Data Streams change capture -------------------------------------------------

DEVICES = Table(name="Devices", partition_key="deviceId", stream_label="2024-06-01T00:00:00.000")
DEVICE = {"deviceId": "dev-17", "firmware": "2.4.1", "online": True}


def _change_records() -> list[dict[str, Any]]:
    writes: list[Write] = [
        Insert(DEVICE),
        Modify(DEVICE, {**DEVICE, "online": False}),
        TtlExpiry({**DEVICE, "online": False}),
    ]
    records = build_records(DEVICES, writes, Clock(start=START, step=1.5, seed=501))
    rng = random.Random(502)
    return [kinesis_change_record(DEVICES, r, rng) for r in records]


def kinesis_capture_event() -> dict[str, Any]:
    return kinesis_event(
        DEVICES, _change_records(), stream_name="devices-cdc", rng=random.Random(503)
    )


def kinesis_partial_failure() -> dict[str, Any]:
    """Payments captured through Kinesis; the second carries the fail marker."""
    records = build_records(FAILING, partial_failure_writes()[:3], Clock(start=START, seed=504))
    rng = random.Random(505)
    changes = [kinesis_change_record(FAILING, r, rng) for r in records]
    return kinesis_event(FAILING, changes, stream_name="payments-cdc", rng=random.Random(506))


# --- EventBridge Pipes -------------------------------------------------------------------

PIPES_TABLE = replace(FAILING, name="PipeSource", stream_label="2024-07-07T07:07:07.707")


def pipes(with_failures: bool) -> list[Any]:
    rows = (
        PAYMENTS[:3]
        if with_failures
        else [{k: v for k, v in p.items() if k != "fail"} for p in PAYMENTS[:3]]
    )
    writes: list[Write] = [Insert(r) for r in rows]
    return pipes_batch(
        build_records(PIPES_TABLE, writes, Clock(start=START, seed=601 + with_failures))
    )


FIXTURES: tuple[Fixture, ...] = (
    Fixture(
        path="events/dynamodb/responses/partial-batch-failure.json",
        shape="batch-response",
        title="Partial batch failure response",
        description=(
            "Reports the two failed records of the partial-failure batch; Lambda checkpoints "
            "at the lower sequence number and retries from there."
        ),
        build=lambda: batch_response(failed_sequence_numbers(_partial_failure_records())),
        answers=PARTIAL_FAILURE,
    ),
    Fixture(
        path="events/dynamodb/responses/full-success.json",
        shape="batch-response",
        title="Full success response",
        description="An empty batchItemFailures list: every record succeeded.",
        build=lambda: batch_response([]),
        answers="events/dynamodb/dynamodb.json",
    ),
    Fixture(
        path="events/dynamodb/responses/tumbling-window.json",
        shape="tumbling-window-response",
        title="Tumbling window response",
        description="The new state for the window (required) and the failed record of the batch.",
        build=lambda: tumbling_window_response(
            {"count": 7}, failed_sequence_numbers(_mid_window_records())
        ),
        answers=MID_WINDOW,
    ),
    Fixture(
        path=MID_WINDOW,
        shape="tumbling-window",
        title="Tumbling window, mid-window invoke",
        description=(
            "Three records inside a 120-second window with the state the previous invoke returned; "
            "one record carries the fail marker."
        ),
        build=mid_window,
    ),
    Fixture(
        path="events/dynamodb/tumbling-window/final-invoke.json",
        shape="tumbling-window",
        title="Tumbling window, final invoke",
        description=(
            "The invoke that closes the window: isFinalInvokeForWindow true, the accumulated "
            "state, and no records (AWS does not document whether this invoke carries any)."
        ),
        build=final_invoke,
    ),
    Fixture(
        path="events/dynamodb/failure-destination/sqs-sns.json",
        shape="failure-destination",
        title="On-failure destination record (SQS, SNS)",
        description=(
            "What an SQS or SNS on-failure destination receives after retries are exhausted: "
            "the batch's shard and sequence range, not the records."
        ),
        build=lambda: destination(with_payload=False),
    ),
    Fixture(
        path="events/dynamodb/failure-destination/s3.json",
        shape="failure-destination-s3",
        title="On-failure destination record (S3)",
        description="The S3 form: the same record plus the original event as an escaped JSON `payload`.",
        build=lambda: destination(with_payload=True),
    ),
    Fixture(
        path="events/dynamodb/kinesis/change-capture-event.json",
        shape="kinesis",
        title="Kinesis Data Streams change capture event",
        description=(
            "A Lambda Kinesis event whose base64 `data` holds DynamoDB change records "
            "(INSERT, MODIFY, TTL delete) with millisecond timestamps."
        ),
        build=kinesis_capture_event,
    ),
    Fixture(
        path="events/dynamodb/kinesis/partial-failure.json",
        shape="kinesis",
        title="Kinesis change capture with a failing record",
        description=(
            'Three INSERTs through Kinesis; the second carries `"fail": {"BOOL": true}`, so the '
            "example reports its Kinesis sequence number."
        ),
        build=kinesis_partial_failure,
    ),
    Fixture(
        path="events/dynamodb/kinesis/change-record.json",
        shape="kinesis-change-record",
        title="Decoded Kinesis change record",
        description="The first record's `data`, decoded: a DynamoDB change record as Kinesis carries it.",
        build=lambda: _change_records()[0],
    ),
    Fixture(
        path="events/dynamodb/pipes/batch.json",
        shape="pipes",
        title="EventBridge Pipes batch",
        description="Three stream records as a Pipes target receives them: a bare array, no Records wrapper.",
        build=lambda: pipes(with_failures=False),
    ),
    Fixture(
        path="events/dynamodb/pipes/partial-failure.json",
        shape="pipes",
        title="EventBridge Pipes batch with a failing record",
        description='A Pipes batch whose second record carries `"fail": {"BOOL": true}`.',
        build=lambda: pipes(with_failures=True),
    ),
)
