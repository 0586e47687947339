"""Each undocumented behaviour is a switch: the default and the alternative give the outcomes
their readings predict (written here from the readings, not from the simulator)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from ddbstreams import validate_event
from ddbstreams.simulate import Assumptions, VirtualClock, simulate
from ddbstreams.simulate import engine as engine_module
from test_rules import RBIF, batches, ok, raise_on_failing, records, report_failing


def _run(handler: Any, n: int, mapping: dict[str, Any], **assume: Any) -> Any:
    fail = assume.pop("fail", ())
    step = assume.pop("step", 0)
    return simulate(
        handler, records(n, fail=fail, step=step), mapping, assumptions=Assumptions(**assume)
    )


def test_u4_reread_takes_newer_records_into_the_retry() -> None:
    """U-4 (b): after a partial failure the retry is a fresh read from the checkpoint, so it can
    hold records the first batch did not."""
    mapping = {"BatchSize": 3, "FunctionResponseTypes": RBIF, "MaximumRetryAttempts": 0}
    suffix = _run(report_failing, 5, mapping, fail=(2,))
    reread = _run(report_failing, 5, mapping, fail=(2,), partial_retry="reread")
    assert batches(suffix)[:2] == [[1, 2, 3], [2, 3]]
    assert batches(reread)[:2] == [[1, 2, 3], [2, 3, 4]]


def test_u5_never_counting_partial_responses_retries_until_the_age_limit() -> None:
    mapping = {
        "BatchSize": 1,
        "FunctionResponseTypes": RBIF,
        "MaximumRetryAttempts": 1,
        "MaximumRecordAgeInSeconds": 60,
    }
    counted = _run(report_failing, 1, mapping, fail=(1,))
    never = _run(report_failing, 1, mapping, fail=(1,), partial_counts="never")
    assert len(counted.invocations) == 2
    assert never.discards[0].condition == "RecordAgeExceeded"


@pytest.mark.parametrize(("split", "first"), [("floor", [1, 2]), ("ceil", [1, 2, 3])])
def test_u6_split_point_of_an_odd_batch(split: str, first: list[int]) -> None:
    mapping = {"BatchSize": 5, "BisectBatchOnFunctionError": True, "MaximumRetryAttempts": 0}
    trace = _run(raise_on_failing, 5, mapping, fail=(5,), bisect_split=split)
    assert batches(trace)[1] == first


def test_u6_both_halves_queued_tries_the_second_before_retrying_the_first() -> None:
    mapping = {"BatchSize": 2, "BisectBatchOnFunctionError": True, "MaximumRetryAttempts": 1}
    ordered = _run(raise_on_failing, 2, mapping, fail=(1,))
    queued = _run(raise_on_failing, 2, mapping, fail=(1,), bisect_order="both-queued")
    assert batches(ordered) == [[1, 2], [1], [1], [2]]
    assert batches(queued) == [[1, 2], [1], [2], [1]]


def test_u7_no_bisect_without_retries_when_switched_off() -> None:
    mapping = {"BatchSize": 4, "BisectBatchOnFunctionError": True, "MaximumRetryAttempts": 0}
    trace = _run(raise_on_failing, 4, mapping, fail=(2,), bisect_without_retries=False)
    assert batches(trace) == [[1, 2, 3, 4]]


def test_u7_consolidated_destination_record_covers_every_piece() -> None:
    mapping = {
        "BatchSize": 4,
        "BisectBatchOnFunctionError": True,
        "MaximumRetryAttempts": 0,
        "DestinationConfig": {"OnFailure": "SQS"},
    }
    per_batch = _run(raise_on_failing, 4, mapping, fail=(1, 4))
    consolidated = _run(
        raise_on_failing, 4, mapping, fail=(1, 4), bisect_destination="consolidated"
    )
    assert [r["DDBStreamBatchInfo"]["batchSize"] for r in per_batch.on_failure_records] == [1, 1]
    (record,) = consolidated.on_failure_records
    assert record["DDBStreamBatchInfo"]["batchSize"] == 2


def test_u8_bad_responses_are_not_bisected_when_switched_off() -> None:
    bad = lambda e, c: {"batchItemFailures": [{"itemIdentifier": "not-a-sequence-number"}]}  # noqa: E731
    mapping = {
        "BatchSize": 2,
        "BisectBatchOnFunctionError": True,
        "FunctionResponseTypes": RBIF,
        "MaximumRetryAttempts": 0,
    }
    assert batches(_run(bad, 2, mapping)) == [[1, 2], [1], [2]]
    assert batches(_run(bad, 2, mapping, bisect_on_bad_response=False)) == [[1, 2]]


def test_u8_halving_the_rest_of_a_partial_response() -> None:
    mapping = {
        "BatchSize": 5,
        "BisectBatchOnFunctionError": True,
        "FunctionResponseTypes": RBIF,
        "MaximumRetryAttempts": 0,
    }
    trace = _run(report_failing, 5, mapping, fail=(2,), bisect_partial="halve-rest")
    assert batches(trace)[:2] == [[1, 2, 3, 4, 5], [2, 3]]


def test_u9_shard_blocking_holds_the_other_lanes() -> None:
    from ddbstreams import insert, stream_records

    shard = stream_records([insert({"Id": i, "fail": i == 0}) for i in range(8)], step=0)
    mapping = {"ParallelizationFactor": 4, "BatchSize": 1, "MaximumRetryAttempts": 2}
    lane = simulate(raise_on_failing, shard, mapping)
    whole = simulate(
        raise_on_failing, shard, mapping, assumptions=Assumptions(lane_blocking="shard")
    )

    def others_while_retrying(trace: Any) -> list[Any]:
        failing = next(i for i in trace.invocations if i.error is not None)
        retry_at = failing.end + Assumptions().backoff_seconds
        return [
            i
            for i in trace.invocations
            if i.lane != failing.lane and failing.end <= i.start < retry_at
        ]

    assert others_while_retrying(lane) != []
    assert others_while_retrying(whole) == []


def test_u10_tie_between_age_and_retries() -> None:
    mapping = {"MaximumRetryAttempts": 1, "MaximumRecordAgeInSeconds": 60}
    slow = {"backoff_seconds": 61.0}
    default = _run(raise_on_failing, 1, mapping, fail=(1,), backoff_seconds=30.0)
    tie = _run(raise_on_failing, 1, mapping, fail=(1,), **slow)
    assert default.discards[0].condition == "RetryAttemptsExhausted"
    assert tie.discards[0].condition == "RecordAgeExceeded"  # expired before the retry
    other = _run(
        raise_on_failing, 1, {**mapping, "MaximumRetryAttempts": 0}, fail=(1,),
        age_and_retries_tie="RecordAgeExceeded",
    )  # fmt: skip
    assert other.discards[0].condition == "RetryAttemptsExhausted"  # not past the age yet


def test_u12_exponential_backoff() -> None:
    mapping = {"MaximumRetryAttempts": 3}
    trace = _run(
        raise_on_failing, 1, mapping, fail=(1,), backoff="exponential", backoff_seconds=1.0
    )
    gaps = [b.start - a.end for a, b in zip(trace.invocations, trace.invocations[1:], strict=False)]
    assert [round(g, 6) for g in gaps] == [1.0, 2.0, 4.0]


def test_u13_trimmed_records_reported_as_record_age() -> None:
    trace = _run(
        raise_on_failing, 1, {"DestinationConfig": {"OnFailure": "SQS"}}, fail=(1,),
        trimmed="RecordAgeExceeded", backoff_seconds=3600.0,
    )  # fmt: skip
    assert trace.discards[0].condition == "RecordAgeExceeded"


def test_u16_s3_payload_as_an_object() -> None:
    mapping = {"MaximumRetryAttempts": 0, "DestinationConfig": {"OnFailure": "S3"}}
    trace = _run(raise_on_failing, 1, mapping, fail=(1,), s3_payload="object")
    assert isinstance(trace.on_failure_records[0]["payload"], dict)


def test_u18_window_alignment_to_the_first_record() -> None:
    counting = lambda e, c: {"state": {}}  # noqa: E731
    mapping = {"TumblingWindowInSeconds": 60}
    epoch = _run(counting, 1, mapping, step=0, window_alignment="epoch")
    first = simulate(
        counting,
        records(1, start=1_717_243_230),
        mapping,
        assumptions=Assumptions(window_alignment="first-record"),
    )
    assert epoch.invocations[0].window["start"] == "2024-06-01T12:00:00Z"
    assert first.invocations[0].window["start"] == "2024-06-01T12:00:30Z"


def test_u19_window_partial_failure_can_drop_the_state() -> None:
    def handler(event: dict[str, Any], _context: Any) -> dict[str, Any]:
        return {"state": {"seen": len(event["Records"])}, **report_failing(event, None)}

    mapping = {
        "TumblingWindowInSeconds": 60,
        "BatchSize": 2,
        "FunctionResponseTypes": RBIF,
        "MaximumRetryAttempts": 0,
    }
    kept = _run(handler, 2, mapping, fail=(2,))
    dropped = _run(handler, 2, mapping, fail=(2,), window_partial="discard-state")
    assert batches(kept)[:2] == [[1, 2], [2]]
    assert batches(dropped)[:1] == [[1, 2]] and [2] not in batches(dropped)


def test_every_assumption_has_a_docstring_naming_its_u_number() -> None:
    from sitegen.delivery_timelines import attribute_docs

    notes = attribute_docs(Assumptions)
    for name in Assumptions.names():
        assert notes.get(name, "").startswith("U-"), name


# --- FilterCriteria plumbing, with a stand-in engine in the one function that asks it -----


def test_filtered_records_never_reach_the_function(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "after your filter criteria evaluates a record, the streams iterator advances past this
    record" (invocation-eventfiltering.html); a read with no match invokes nothing (recorded)."""
    keep_odd = lambda record: int(record["dynamodb"]["Keys"]["Id"]["N"]) % 2 == 1  # noqa: E731
    monkeypatch.setattr(engine_module, "compile_filters", lambda criteria: keep_odd)
    trace = simulate(ok, records(6), {"BatchSize": 2, "FilterCriteria": {"Filters": [{}]}})
    assert batches(trace) == [[1, 3], [5]]
    assert trace.metrics()["filtered"] == 3 and trace.final_checkpoint == trace.sequence_numbers[-1]
    counted = simulate(
        ok,
        records(6),
        {"BatchSize": 2, "FilterCriteria": {"Filters": [{}]}},
        assumptions=Assumptions(filtered_count_toward_batch=True),
    )
    assert batches(counted) == [[1], [3], [5]]


# --- the on-failure records against the project's schemas ---------------------------------

KNOWN_SCHEMA_GAPS = {
    "/responseContext/functionError",
    "/DDBStreamBatchInfo/approximateArrivalOfFirstRecord",
    "/DDBStreamBatchInfo/approximateArrivalOfLastRecord",
    "/requestContext/condition",
}


def _destination_records() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for kind, shape in (("SQS", "failure-destination"), ("S3", "failure-destination-s3")):
        for handler, extra in (
            (raise_on_failing, {}),
            (report_failing, {"FunctionResponseTypes": RBIF}),
        ):
            trace = _run(
                handler, 2, {"BatchSize": 2, "MaximumRetryAttempts": 0,
                             "DestinationConfig": {"OnFailure": kind}, **extra}, fail=(1,),
            )  # fmt: skip
            out.append((shape, dict(trace.on_failure_records[0])))
    aged = _run(
        raise_on_failing, 1, {"MaximumRecordAgeInSeconds": 60,
                              "DestinationConfig": {"OnFailure": "SQS"}}, fail=(1,),
    )  # fmt: skip
    out.append(("failure-destination", dict(aged.on_failure_records[0])))
    return out


def test_on_failure_records_break_no_schema_rule_but_the_known_gaps() -> None:
    """Built as AWS recorded them; today's schema disagrees only where AWS's recordings do."""
    for shape, record in _destination_records():
        problems = [p for p in validate_event(record, shape) if p.severity == "error"]
        unexpected = [
            p
            for p in problems
            if p.pointer not in KNOWN_SCHEMA_GAPS
            # recorded: no responseContext after RecordAgeExceeded
            and not (p.pointer == "" and "responseContext" in p.message)
        ]
        assert unexpected == [], (shape, json.dumps(record), unexpected)


def test_on_failure_records_validate() -> None:
    for shape, record in _destination_records():
        assert [p for p in validate_event(record, shape) if p.severity == "error"] == []


def test_u9_lane_blocking_leaves_the_other_lanes_on_time() -> None:
    """U-9 (a) default: a failing lane never delays another; each record of a healthy lane is
    delivered at the poll of its arrival, retries or not."""
    from ddbstreams import insert, stream_records

    shard = stream_records([insert({"Id": i, "fail": i == 0}) for i in range(30)], step=1)
    trace = simulate(
        raise_on_failing,
        shard,
        {"ParallelizationFactor": 2, "BatchSize": 1, "MaximumRetryAttempts": 1},
        # the retry (10.4 s to 11.3 s) runs while a healthy record arrives (11 s)
        clock=VirtualClock(handler_seconds=0.9),
        assumptions=Assumptions(backoff_seconds=9.5),
    )
    failing_lane = next(i.lane for i in trace.invocations if i.error is not None)
    arrival = {
        r["dynamodb"]["SequenceNumber"]: r["dynamodb"]["ApproximateCreationDateTime"] for r in shard
    }
    healthy = [i for i in trace.invocations if i.lane != failing_lane]
    assert healthy and all(i.start == arrival[i.records[0]] for i in healthy)
