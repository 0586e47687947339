"""Each documented rule of the event source mapping, as a case written from its source.

Expected values come from the AWS sentence or the recording each test cites,
never from the simulator. Pages are under https://docs.aws.amazon.com/lambda/latest/dg/
unless a full address is given.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from ddbstreams import insert, stream_records
from ddbstreams.simulate import (
    Assumptions,
    EventSourceMapping,
    MappingError,
    VirtualClock,
    simulate,
)

RBIF = ["ReportBatchItemFailures"]


def records(n: int, *, step: float = 0, start: float = 1_717_243_200, **extra: Any) -> list[Any]:
    """n INSERT records `Id` 1..n; `fail` marks the ones named in `extra["fail"]`."""
    failing = set(extra.get("fail", ()))
    return stream_records(
        [insert({"Id": i, "fail": i in failing}) for i in range(1, n + 1)], start=start, step=step
    )


def ids(event: dict[str, Any]) -> list[int]:
    return [int(r["dynamodb"]["Keys"]["Id"]["N"]) for r in event["Records"]]


def batches(trace: Any) -> list[list[int]]:
    return [ids(i.event) for i in trace.invocations]


def fails(record: dict[str, Any]) -> bool:
    return bool(record["dynamodb"].get("NewImage", {}).get("fail") == {"BOOL": True})


def raise_on_failing(event: dict[str, Any], _context: Any) -> dict[str, Any]:
    if any(fails(r) for r in event["Records"]):
        raise RuntimeError("poison record")
    return {}


def report_failing(event: dict[str, Any], _context: Any) -> dict[str, Any]:
    return {
        "batchItemFailures": [
            {"itemIdentifier": r["dynamodb"]["SequenceNumber"]}
            for r in event["Records"]
            if fails(r)
        ]
    }


def ok(_event: Any, _context: Any) -> None:
    return None


# --- settings ------------------------------------------------------------------------------


def test_defaults_are_the_ones_aws_returned_for_a_new_mapping() -> None:
    """CreateEventSourceMapping with only StartingPosition returned these (recorded in the
    DynamoDB event source mapping tests; services-ddb-params.html)."""
    assert EventSourceMapping.from_dict({}).to_dict() == {
        "BatchSize": 100,
        "MaximumBatchingWindowInSeconds": 0,
        "FunctionResponseTypes": [],
        "MaximumRetryAttempts": -1,
        "MaximumRecordAgeInSeconds": -1,
        "BisectBatchOnFunctionError": False,
        "ParallelizationFactor": 1,
        "TumblingWindowInSeconds": 0,
        "StartingPosition": "TRIM_HORIZON",
        "DestinationConfig": {"OnFailure": {}},
    }


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("BatchSize", 0),
        ("BatchSize", 10_001),  # services-ddb-params.html: "Maximum: 10,000"
        ("MaximumBatchingWindowInSeconds", 301),
        ("MaximumRetryAttempts", -2),
        ("MaximumRetryAttempts", 10_001),
        ("MaximumRecordAgeInSeconds", 59),  # API: values under 60 and over -1 are refused
        ("MaximumRecordAgeInSeconds", 604_801),
        ("ParallelizationFactor", 11),
        ("TumblingWindowInSeconds", 901),
        ("FunctionResponseTypes", ["ReportBatchFailures"]),
        ("StartingPosition", "AT_TIMESTAMP"),  # Kinesis, MSK, Kafka, DocumentDB only
        ("BatchSise", 10),
    ],
)
def test_settings_aws_refuses_are_refused_with_their_name(setting: str, value: Any) -> None:
    with pytest.raises(MappingError) as raised:
        EventSourceMapping.from_dict({setting: value})
    assert raised.value.pointer.startswith(f"/{setting}")


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("BatchSize", 10_000),
        ("MaximumRecordAgeInSeconds", 60),
        ("MaximumRecordAgeInSeconds", 604_800),
        ("MaximumRetryAttempts", 0),
        ("ParallelizationFactor", 10),
        ("TumblingWindowInSeconds", 900),
    ],
)
def test_the_edges_of_each_range_are_accepted(setting: str, value: int) -> None:
    assert EventSourceMapping.from_dict({setting: value}).to_dict()[setting] == value


def test_filter_criteria_deliver_only_matching_records() -> None:
    """ "after your filter criteria evaluates a record, the streams iterator advances past this
    record" (invocation-eventfiltering.html): records that match no filter are never delivered."""
    even = {"dynamodb": {"Keys": {"Id": {"N": ["2", "4", "6"]}}}}
    criteria = {"Filters": [{"Pattern": json.dumps(even)}]}
    trace = simulate(ok, records(6), {"BatchSize": 10, "FilterCriteria": criteria})
    assert batches(trace) == [[2, 4, 6]]
    assert trace.metrics()["filtered"] == 3


def test_a_pattern_aws_would_refuse_is_a_mapping_error_with_its_pointer() -> None:
    # A numeric operator on an N attribute is valid syntax; an unknown operator is refused.
    criteria = {"Filters": [{"Pattern": json.dumps({"eventName": [{"no-such-operator": 1}]})}]}
    with pytest.raises(MappingError) as refused:
        simulate(ok, records(2), {"FilterCriteria": criteria})
    assert refused.value.pointer.startswith("/FilterCriteria/Filters/0")


@pytest.mark.parametrize(
    ("arn", "kind"),
    [
        ("arn:aws:sqs:us-east-1:123456789012:dlq", "SQS"),
        ("arn:aws:sns:us-east-1:123456789012:topic", "SNS"),
        ("arn:aws:s3:::bucket", "S3"),
    ],
)
def test_on_failure_destination_kind_comes_from_its_arn(arn: str, kind: str) -> None:
    """services-dynamodb-errors.html: an SNS topic, an SQS queue or an S3 bucket."""
    mapping = EventSourceMapping.from_dict(
        {"DestinationConfig": {"OnFailure": {"Destination": arn}}}
    )
    assert mapping.OnFailure is not None and mapping.OnFailure.kind == kind


# --- batching ------------------------------------------------------------------------------


def test_batches_hold_at_most_batch_size_records() -> None:
    """BatchSize: "The maximum number of records in each batch" (services-ddb-params.html)."""
    trace = simulate(ok, records(10), {"BatchSize": 4})
    assert batches(trace) == [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10]]


def test_a_batch_closes_at_six_megabytes() -> None:
    """Batching closes when "The payload size reaches 6 MB" (invocation-eventsourcemapping.html)."""
    big = stream_records([insert({"Id": i, "blob": "x" * 390_000}) for i in range(1, 21)], step=0)
    per_record = len(json.dumps(big[0], separators=(",", ":")).encode())
    fit = 6 * 1024 * 1024 // per_record  # 16 records of ~390 kB
    trace = simulate(ok, big, {"BatchSize": 100})
    assert [len(b) for b in batches(trace)] == [fit, 20 - fit]


def test_without_a_window_records_go_as_soon_as_they_arrive() -> None:
    """ "By default, Lambda invokes your function as soon as records are available"; a read of
    one record is sent as a one-record batch (with-ddb.html)."""
    trace = simulate(ok, records(3, step=1), {"BatchSize": 100})
    assert batches(trace) == [[1], [2], [3]]


def test_a_batching_window_gathers_records_until_it_ends() -> None:
    """ "Lambda continues to read records from the event source until it has gathered a full
    batch, the batching window expires, or the batch reaches the payload limit" (with-ddb.html).
    Records arrive every second; a 5 s window holds the six that arrived by its end."""
    trace = simulate(ok, records(8, step=1), {"MaximumBatchingWindowInSeconds": 5})
    assert batches(trace)[0] == [1, 2, 3, 4, 5, 6]
    assert trace.invocations[0].start == 1_717_243_205


def test_a_full_batch_goes_before_the_window_ends() -> None:
    trace = simulate(ok, records(8, step=1), {"BatchSize": 2, "MaximumBatchingWindowInSeconds": 60})
    assert batches(trace)[0] == [1, 2]
    assert trace.invocations[0].start == 1_717_243_201


# --- function errors -----------------------------------------------------------------------


def test_a_function_error_retries_the_whole_batch_and_blocks_the_shard() -> None:
    """ "the event source mapping pauses processing for the affected shard until the error is
    resolved" (invocation-eventsourcemapping.html); MaximumRetryAttempts 2 = 3 invocations
    (recorded: N retries, N + 1 invocations)."""
    trace = simulate(
        raise_on_failing, records(5, fail=[2]), {"BatchSize": 3, "MaximumRetryAttempts": 2}
    )
    assert batches(trace) == [[1, 2, 3], [1, 2, 3], [1, 2, 3], [4, 5]]
    assert trace.metrics()["lost"] == 3


def test_exhausted_retries_send_the_recorded_on_failure_record() -> None:
    """MaximumRetryAttempts 3, the function raising: 4 invocations, RetryAttemptsExhausted,
    approximateInvokeCount 4, functionError Unhandled (ground truth
    responses/function-error-unhandled)."""
    trace = simulate(
        raise_on_failing,
        records(3, fail=[1]),
        {"BatchSize": 3, "MaximumRetryAttempts": 3, "DestinationConfig": {"OnFailure": "SQS"}},
    )
    assert len(trace.invocations) == 4
    (record,) = trace.on_failure_records
    assert record["requestContext"]["condition"] == "RetryAttemptsExhausted"
    assert record["requestContext"]["approximateInvokeCount"] == 4
    assert record["responseContext"] == {
        "statusCode": 200,
        "executedVersion": "$LATEST",
        "functionError": "Unhandled",
    }
    assert record["DDBStreamBatchInfo"]["batchSize"] == 3
    # requestId: the last invocation's (U-15 default)
    assert record["requestContext"]["requestId"] == trace.invocations[-1].request_id


def test_zero_retries_means_one_attempt() -> None:
    """ "Discard records after the specified number of retries" (API MaximumRetryAttempts)."""
    trace = simulate(raise_on_failing, records(1, fail=[1]), {"MaximumRetryAttempts": 0})
    assert len(trace.invocations) == 1


def test_after_discarding_lambda_goes_on_with_the_stream() -> None:
    """ "Lambda discards the records and continues processing batches from the stream"
    (services-dynamodb-errors.html)."""
    trace = simulate(
        raise_on_failing, records(4, fail=[1]), {"BatchSize": 1, "MaximumRetryAttempts": 1}
    )
    assert batches(trace) == [[1], [1], [2], [3], [4]]
    assert trace.final_checkpoint == trace.sequence_numbers[-1]


def test_without_a_destination_a_discarded_batch_is_lost() -> None:
    trace = simulate(raise_on_failing, records(2, fail=[1]), {"MaximumRetryAttempts": 0})
    assert trace.metrics()["lost"] == 2 and trace.on_failure_records == []


# --- partial batch responses ---------------------------------------------------------------


def test_a_partial_response_retries_from_the_lowest_reported_record() -> None:
    """ "Lambda uses the record with the lowest sequence number as the checkpoint. Lambda then
    retries all records starting from that checkpoint" (services-ddb-batchfailurereporting.html);
    the workshop's example: of messages 1-9 the fifth fails, "The batch is only retried from
    message 5 to 9"."""
    failed_once: set[int] = set()

    def handler(event: dict[str, Any], _context: Any) -> dict[str, Any]:
        out = []
        for record, n in zip(event["Records"], ids(event), strict=True):
            if n in (5, 7) and n not in failed_once:
                failed_once.add(n)
                out.append({"itemIdentifier": record["dynamodb"]["SequenceNumber"]})
        return {"batchItemFailures": out}

    trace = simulate(handler, records(9), {"BatchSize": 9, "FunctionResponseTypes": RBIF})
    assert batches(trace) == [list(range(1, 10)), [5, 6, 7, 8, 9]]


@pytest.mark.parametrize(
    "response",
    [None, {}, {"batchItemFailures": []}, {"batchItemFailures": None}],
    ids=["null", "empty-object", "empty-list", "null-list"],
)
def test_documented_success_responses_checkpoint_the_whole_batch(response: Any) -> None:
    """Success: an empty or null batchItemFailures list, an empty or null EventResponse
    (services-ddb-batchfailurereporting.html)."""
    trace = simulate(
        lambda e, c: response,
        records(3),
        {"BatchSize": 3, "FunctionResponseTypes": RBIF, "MaximumRetryAttempts": 2},
    )
    assert len(trace.invocations) == 1


@pytest.mark.parametrize(
    "entry",
    [{"itemIdentifier": ""}, {"itemIdentifier": None}, {"foo": "1"}],
    ids=["empty-identifier", "null-identifier", "bad-key"],
)
def test_documented_complete_failures_retry_the_whole_batch(entry: Any) -> None:
    """ "An empty string itemIdentifier", "A null itemIdentifier", "An itemIdentifier with a bad
    key name" fail the whole batch (services-ddb-batchfailurereporting.html); functionError is
    null in the on-failure record (ground truth responses/null-item-identifier)."""
    trace = simulate(
        lambda e, c: {"batchItemFailures": [entry]},
        records(3),
        {
            "BatchSize": 3,
            "FunctionResponseTypes": RBIF,
            "MaximumRetryAttempts": 2,
            "DestinationConfig": {"OnFailure": "SQS"},
        },
    )
    assert batches(trace) == [[1, 2, 3]] * 3
    assert trace.on_failure_records[0]["responseContext"]["functionError"] is None


def test_responses_are_ignored_without_report_batch_item_failures() -> None:
    """ "these responses will not be processed by Lambda unless the ReportBatchItemFailures
    feature is explicitly turned on" (services-ddb-batchfailurereporting.html)."""
    trace = simulate(report_failing, records(3, fail=[2]), {"BatchSize": 3})
    assert batches(trace) == [[1, 2, 3]]


# --- bisect --------------------------------------------------------------------------------


def test_bisect_splits_a_failing_batch_and_isolates_the_poison_record() -> None:
    """BisectBatchOnFunctionError: "If the function returns an error, split the batch in two and
    retry" (API); "Splitting batches doesn't consume the retry quota"
    (services-dynamodb-errors.html): with MaximumRetryAttempts 0 only the poison record, alone,
    is given up after one invocation."""
    trace = simulate(
        raise_on_failing,
        records(4, fail=[3]),
        {
            "BatchSize": 4,
            "BisectBatchOnFunctionError": True,
            "MaximumRetryAttempts": 0,
            "DestinationConfig": {"OnFailure": "SQS"},
        },
    )
    assert batches(trace) == [[1, 2, 3, 4], [1, 2], [3, 4], [3], [4]]
    (record,) = trace.on_failure_records
    assert record["DDBStreamBatchInfo"]["batchSize"] == 1
    assert record["requestContext"]["approximateInvokeCount"] == 1
    assert trace.invocations[0].split is not None


def test_without_bisect_the_same_batch_fails_whole() -> None:
    trace = simulate(
        raise_on_failing, records(4, fail=[3]), {"BatchSize": 4, "MaximumRetryAttempts": 0}
    )
    assert batches(trace) == [[1, 2, 3, 4]]
    assert trace.metrics()["lost"] == 4


def test_bisect_applies_whatever_report_batch_item_failures_says() -> None:
    """ "If your invocation fails and BisectBatchOnFunctionError is turned on, the batch is
    bisected regardless of your ReportBatchItemFailures setting"
    (services-ddb-batchfailurereporting.html)."""
    trace = simulate(
        raise_on_failing,
        records(2, fail=[2]),
        {
            "BatchSize": 2,
            "BisectBatchOnFunctionError": True,
            "FunctionResponseTypes": RBIF,
            "MaximumRetryAttempts": 0,
        },
    )
    assert batches(trace) == [[1, 2], [1], [2]]


# --- record age and retention --------------------------------------------------------------


def test_records_past_the_maximum_age_are_reported_without_response_context() -> None:
    """RecordAgeExceeded and no responseContext (ground truth
    destinations/inferred-from-kinesis: an always-failing function, MaximumRetryAttempts -1,
    MaximumRecordAgeInSeconds 60, invoked 8 times; the 8 is what the U-12 backoff is fitted to)."""
    trace = simulate(
        raise_on_failing,
        records(1, fail=[1]),
        {"MaximumRecordAgeInSeconds": 60, "DestinationConfig": {"OnFailure": "SQS"}},
    )
    (record,) = trace.on_failure_records
    assert record["requestContext"]["condition"] == "RecordAgeExceeded"
    assert record["requestContext"]["approximateInvokeCount"] == 8
    assert "responseContext" not in record


def test_age_is_judged_per_record() -> None:
    """One record older than 60 s, then five fresh ones; BatchSize 10, MaximumRetryAttempts 0,
    MaximumRecordAgeInSeconds 60: one RecordAgeExceeded record with batchSize 1 and
    approximateInvokeCount 1, and the function got exactly the five (recorded, Kinesis source)."""
    old = records(1, start=1_717_243_200)
    fresh = stream_records(
        [insert({"Id": i, "fail": False}) for i in range(2, 7)], start=1_717_243_300, step=0, seed=1
    )
    trace = simulate(
        ok,
        _renumber(old + fresh),
        {
            "BatchSize": 10,
            "MaximumRetryAttempts": 0,
            "MaximumRecordAgeInSeconds": 60,
            "DestinationConfig": {"OnFailure": "SQS"},
        },
        clock=VirtualClock(start=1_717_243_300),
    )
    (record,) = trace.on_failure_records
    assert record["requestContext"]["condition"] == "RecordAgeExceeded"
    assert record["requestContext"]["approximateInvokeCount"] == 1
    assert record["DDBStreamBatchInfo"]["batchSize"] == 1
    assert batches(trace) == [[2, 3, 4, 5, 6]]


def test_records_older_than_the_24_hour_retention_are_lost() -> None:
    """ "All data in DynamoDB Streams is subject to a 24-hour lifetime" (DynamoDB Developer Guide,
    Streams.html); with MaximumRecordAgeInSeconds -1 nothing is sent (U-13 default)."""
    trace = simulate(
        raise_on_failing,
        records(1, fail=[1]),
        {"DestinationConfig": {"OnFailure": "SQS"}},
    )
    assert trace.on_failure_records == []
    assert trace.metrics()["lost"] == 1
    assert trace.invocations[-1].start - trace.invocations[0].start <= 24 * 3600


# --- destinations --------------------------------------------------------------------------


def test_the_s3_record_carries_the_event_as_an_escaped_json_string() -> None:
    """ "the payload field contains the original invocation record as an escaped JSON string"
    (services-dynamodb-errors.html)."""
    trace = simulate(
        raise_on_failing,
        records(2, fail=[1]),
        {
            "BatchSize": 2,
            "MaximumRetryAttempts": 0,
            "DestinationConfig": {"OnFailure": {"Destination": "arn:aws:s3:::failed"}},
        },
    )
    (record,) = trace.on_failure_records
    assert isinstance(record["payload"], str)
    assert ids(json.loads(record["payload"])) == [1, 2]


def test_sqs_and_sns_records_carry_no_payload() -> None:
    """ "The actual records aren't included" for SQS and SNS (services-dynamodb-errors.html)."""
    for kind in ("SQS", "SNS"):
        trace = simulate(
            raise_on_failing,
            records(1, fail=[1]),
            {"MaximumRetryAttempts": 0, "DestinationConfig": {"OnFailure": kind}},
        )
        assert "payload" not in trace.on_failure_records[0]


# --- parallelization -----------------------------------------------------------------------


def test_parallel_lanes_keep_each_item_in_order() -> None:
    """ "Lambda still ensures in-order processing at the item (partition and sort key) level"
    with ParallelizationFactor > 1 (with-ddb.html): several batches run at once, and no record
    of a key overtakes an earlier one."""
    writes = [insert({"Id": i % 4, "n": i}) for i in range(40)]
    shard = stream_records(writes, step=0)
    trace = simulate(ok, shard, {"BatchSize": 5, "ParallelizationFactor": 4})
    starts = [i.start for i in trace.invocations]
    assert len(set(starts)) < len(starts)  # some batches ran side by side
    assert trace.metrics()["ordering_violations"] == {}
    per_key: dict[str, list[int]] = {}
    for invocation in trace.invocations:
        for r in invocation.event["Records"]:
            per_key.setdefault(r["dynamodb"]["Keys"]["Id"]["N"], []).append(
                int(r["dynamodb"]["NewImage"]["n"]["N"])
            )
    assert all(v == sorted(v) for v in per_key.values())


# --- tumbling windows ----------------------------------------------------------------------


def counting(event: dict[str, Any], _context: Any) -> dict[str, Any]:
    return {"state": {"count": event["state"].get("count", 0) + len(event["Records"])}}


def test_a_window_carries_state_and_ends_with_a_final_invoke() -> None:
    """The state returned comes back in the window's next invoke; at the end
    `isFinalInvokeForWindow` is true "to indicate that this is the final state"
    (services-ddb-windows.html)."""
    trace = simulate(counting, records(6, step=10), {"TumblingWindowInSeconds": 60, "BatchSize": 2})
    windows = [i.window for i in trace.invocations]
    assert all(w is not None for w in windows)
    assert [w["state"] for w in windows if w] == [
        {},
        {"count": 1},
        {"count": 2},
        {"count": 3},
        {"count": 4},
        {"count": 5},
        {"count": 6},
    ]
    assert [w["isFinalInvokeForWindow"] for w in windows if w] == [False] * 6 + [True]
    assert trace.invocations[-1].event["Records"] == []


def test_a_window_response_without_state_fails_the_invocation() -> None:
    """ "If the response does not contain a state property, Lambda considers this a failed
    invocation" (services-ddb-windows.html)."""
    trace = simulate(ok, records(1), {"TumblingWindowInSeconds": 60, "MaximumRetryAttempts": 1})
    assert [i.outcome for i in trace.invocations[:2]] == ["batch-failure", "batch-failure"]


def test_windows_follow_the_records_arrival_times() -> None:
    """ "Lambda determines tumbling window boundaries based on the time when records were inserted
    into the stream" (services-ddb-windows.html): records 0-59 s and 60-119 s are two windows."""
    trace = simulate(
        counting,
        records(4, step=30, start=1_717_243_200),
        {"TumblingWindowInSeconds": 60},
    )
    finals = [
        i.window for i in trace.invocations if i.window and i.window["isFinalInvokeForWindow"]
    ]
    assert [(w["start"], w["end"], w["state"]) for w in finals] == [
        ("2024-06-01T12:00:00Z", "2024-06-01T12:01:00Z", {"count": 2}),
        ("2024-06-01T12:01:00Z", "2024-06-01T12:02:00Z", {"count": 2}),
    ]


# --- the trace -----------------------------------------------------------------------------


def test_the_same_input_gives_the_same_trace() -> None:
    mapping = {"BatchSize": 3, "FunctionResponseTypes": RBIF, "MaximumRetryAttempts": 2}
    one = simulate(report_failing, records(7, fail=[2, 6]), mapping).to_json()
    two = simulate(report_failing, records(7, fail=[2, 6]), mapping).to_json()
    assert one == two


def test_the_text_form_names_every_invocation() -> None:
    trace = simulate(raise_on_failing, records(2, fail=[1]), {"MaximumRetryAttempts": 1})
    text = trace.to_text()
    assert text.count("batch-failure") == 2 and "discarded, no destination" in text


def test_the_u5_alternative_predicts_what_aws_did_not_do() -> None:
    """U-5 (b), every partial response counting as an attempt, predicts 4 deliveries of the
    always-failing last record where AWS made 5 (ground truth
    responses/report-batch-item-failures-inferred-batch)."""
    mapping = {"BatchSize": 3, "FunctionResponseTypes": RBIF, "MaximumRetryAttempts": 3}
    default = simulate(report_failing, records(3, fail=[3]), mapping)
    other = simulate(
        report_failing,
        records(3, fail=[3]),
        mapping,
        assumptions=Assumptions(partial_counts="always"),
    )
    assert list(default.deliveries().values()) == [1, 1, 5]
    assert list(other.deliveries().values()) == [1, 1, 4]


def _renumber(shard: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give records increasing sequence numbers in list order (a shard's order)."""
    out = []
    for i, record in enumerate(shard):
        copy = json.loads(json.dumps(record))
        copy["dynamodb"]["SequenceNumber"] = str(10**20 + i)
        out.append(copy)
    return out


def test_ordering_violations_count_records_that_overtook_their_item() -> None:
    """The metric itself, on a hand-made trace: r2 (item A) reached the handler before r1 (A)."""
    from ddbstreams.simulate import Invocation, Trace

    def invocation(number: int, records: list[str]) -> Invocation:
        return Invocation(
            number, 0, 0.0, 0.0, records, {"Records": []}, None, None, "success", "", 1, 0,
            None, "read",
        )  # fmt: skip

    trace = Trace({}, {}, ["1", "2", "3"], {"1": "A", "2": "A", "3": "B"})
    trace.invocations = [invocation(1, ["2", "3"]), invocation(2, ["1"])]
    assert trace.ordering_violations() == {"A": 1}
    trace.invocations = [invocation(1, ["1", "2"]), invocation(2, ["1", "2", "3"])]
    assert trace.ordering_violations() == {}
