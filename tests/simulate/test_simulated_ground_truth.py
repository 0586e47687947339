"""The simulator against what AWS did: `../shared/ground-truth/aws-recorded/`.

For every recorded response case, a handler that always gives the recorded
response (or raises, for the function-error case) runs under the recorded
mapping; the invocations and the on-failure record must be AWS's. The folder
lives beside the repository, never inside it; without it these tests skip and
say so.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from ddbstreams.simulate import VirtualClock, simulate

ROOT = Path(__file__).resolve().parents[2]
GROUND_TRUTH = ROOT.parent / "shared" / "ground-truth" / "aws-recorded"
RESPONSES = GROUND_TRUTH / "responses"
DESTINATIONS = GROUND_TRUTH / "destinations"

needs_ground_truth = pytest.mark.skipif(
    not RESPONSES.is_dir(), reason=f"no ground truth at {RESPONSES} (it is not in the repository)"
)


def _cases() -> list[Any]:
    if not RESPONSES.is_dir():
        return [pytest.param("absent", marks=needs_ground_truth)]
    out = []
    for folder in sorted(p for p in RESPONSES.iterdir() if p.is_dir()):
        out.append(pytest.param(folder.name, id=folder.name))
    return out


def _load(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


def _run(case: str) -> tuple[dict[str, Any], Any]:
    folder = RESPONSES / case
    did = _load(folder / "aws-did.json")
    event = _load(folder / "event.json")
    response = _load(folder / "response.json")
    mapping = dict(did["mapping"])
    if "on_failure" in did and "DestinationConfig" not in mapping:
        # The Kinesis cases report the on-failure record without naming the destination;
        # where it goes does not change what is sent.
        mapping["DestinationConfig"] = {"OnFailure": "SQS"}
    raises = "errorMessage" in (response if isinstance(response, dict) else {})

    def handler(_event: Any, _context: Any) -> Any:
        if raises:
            raise ZeroDivisionError(response["errorMessage"])
        return response

    # The recorded timestamps are placeholders, filled in later; the records had all been
    # written when the mapping read them, so the clock starts after the last one.
    arrivals = [_arrival(r) for r in event["Records"]]
    trace = simulate(handler, event, mapping, clock=VirtualClock(start=max(arrivals)))
    return did, trace


def _arrival(record: dict[str, Any]) -> float:
    if "kinesis" in record:
        return float(record["kinesis"]["approximateArrivalTimestamp"])
    return float(record["dynamodb"]["ApproximateCreationDateTime"])


@needs_ground_truth
@pytest.mark.parametrize("case", _cases())
def test_invocations_and_on_failure_record_as_aws_did(case: str) -> None:
    did, trace = _run(case)
    if did["invocations"] is not None:
        assert len(trace.invocations) == did["invocations"], trace.to_text()
    expected = did.get("on_failure")
    if expected is None:
        assert trace.discards == [], trace.to_text()
        return
    (record,) = trace.on_failure_records
    assert record["requestContext"]["condition"] == expected["condition"]
    assert record["requestContext"]["approximateInvokeCount"] == expected["approximateInvokeCount"]
    assert record["responseContext"]["functionError"] == expected["functionError"]
    if "batchSize" in expected:
        assert record["DDBStreamBatchInfo"]["batchSize"] == expected["batchSize"]


@needs_ground_truth
def test_a_record_always_reported_failed_is_delivered_five_times() -> None:
    """BatchSize 3, MaximumRetryAttempts 3, the last record always reported: AWS delivered it
    5 times and its on-failure record says approximateInvokeCount 4."""
    case = "report-batch-item-failures-inferred-batch"
    did, trace = _run(case)
    event = _load(RESPONSES / case / "event.json")
    names = {
        r["dynamodb"]["SequenceNumber"]: r["dynamodb"]["Keys"]["my_partition_key"]["S"]
        for r in event["Records"]
    }
    deliveries = {names[s]: n for s, n in trace.deliveries().items()}
    expected = {k: v for k, v in did["deliveries_per_record"].items() if k in deliveries}
    assert deliveries == expected, trace.to_text()
    (record,) = trace.on_failure_records
    failing = event["Records"][-1]["dynamodb"]["SequenceNumber"]
    info = record["DDBStreamBatchInfo"]
    assert info["startSequenceNumber"] == info["endSequenceNumber"] == failing


@needs_ground_truth
def test_on_failure_record_has_the_recorded_form() -> None:
    """Same keys in the same order, same value forms (null functionError, seconds-only
    arrival times, millisecond timestamp) as the SQS record AWS sent in that case."""
    recorded = _load(DESTINATIONS / "sqs-functionerror-null-invoke4.json")
    _, trace = _run("report-batch-item-failures-inferred-batch")
    (record,) = trace.on_failure_records
    assert _form(record) == _form(recorded)
    info, seen = record["DDBStreamBatchInfo"], recorded["DDBStreamBatchInfo"]
    for name in ("startSequenceNumber", "endSequenceNumber", "batchSize", "streamArn"):
        assert info[name] == seen[name]
    assert record["requestContext"]["approximateInvokeCount"] == 4
    assert record["responseContext"] == recorded["responseContext"]


def _form(value: Any) -> Any:
    """The shape of a JSON value: keys in order, strings with each run of letters, digits,
    `-` and `_` masked (so `…:30Z` and `…:30.000Z` differ, names and IDs do not)."""
    if isinstance(value, dict):
        return [(k, _form(v)) for k, v in value.items()]
    if isinstance(value, str):
        return re.sub(r"[A-Za-z0-9_-]+", "a", value)
    return type(value).__name__
