"""Agree with what AWS really sent: events, destination records, sizes and response outcomes.

The recordings live beside the repository (`../shared/ground-truth/aws-recorded`), never
inside it; they are the oracle here, so nothing in these tests comes from the code under
test. Without the folder the tests skip and say where they looked.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from casedata import ROOT
from ddbstreams.response import check_response
from ddbstreams.size import stream_record_size
from ddbstreams.validation.files import validate_file
from ddbstreams.validation.shapes import detect_shape

RECORDED = ROOT.parent / "shared" / "ground-truth" / "aws-recorded"

pytestmark = pytest.mark.skipif(
    not RECORDED.is_dir(),
    reason=f"no AWS recordings at {RECORDED} (the ground-truth folder beside the repository)",
)


def _files(folder: str) -> list[Path]:
    return sorted((RECORDED / folder).rglob("*.json")) if RECORDED.is_dir() else []


def _load(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


EVENTS = _files("events")
DESTINATIONS = _files("destinations")
RESPONSES = sorted(p.parent for p in RECORDED.glob("responses/*/expected.txt"))


def _stream_records(doc: Any) -> list[dict[str, Any]]:
    """Every record that carries a DynamoDB `SizeBytes`, in any recorded shape."""
    if isinstance(doc, dict) and "Records" in doc:
        return [r["dynamodb"] for r in doc["Records"] if "dynamodb" in r]
    if isinstance(doc, dict) and "dynamodb" in doc:
        return [doc["dynamodb"]]
    return []


def test_the_recordings_are_all_there() -> None:
    """A folder that lost its files must not pass as an empty parametrization."""
    assert len(EVENTS) >= 31
    assert len(DESTINATIONS) >= 7
    assert len(RESPONSES) >= 23


@pytest.mark.parametrize("path", EVENTS, ids=[p.stem for p in EVENTS])
@pytest.mark.parametrize("engine", ["fast", "reference"])
def test_every_recorded_event_is_valid_even_strictly(path: Path, engine: str) -> None:
    problems = validate_file(path, None, engine)  # type: ignore[arg-type]
    assert problems == [], "\n".join(map(str, problems))


@pytest.mark.parametrize("path", DESTINATIONS, ids=[p.stem for p in DESTINATIONS])
@pytest.mark.parametrize("engine", ["fast", "reference"])
def test_every_recorded_destination_record_is_valid(path: Path, engine: str) -> None:
    doc = _load(path)
    expected = "failure-destination-s3" if "payload" in doc else "failure-destination"
    assert detect_shape(doc) == expected
    problems = validate_file(path, expected, engine)  # type: ignore[arg-type]
    assert problems == [], "\n".join(map(str, problems))


def _recorded_sizes() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in EVENTS:
        for i, record in enumerate(_stream_records(_load(path))):
            out.append((f"{path.stem}/{i}", record))
    sizes = RECORDED / "sizes" / "getrecords-records.json"
    if sizes.is_file():
        for i, record in enumerate(_load(sizes)):
            out.append((f"getrecords/{i}", record["dynamodb"]))
    return out


SIZES = _recorded_sizes()


def test_there_are_sizes_to_compare() -> None:
    assert len(SIZES) >= 49


@pytest.mark.parametrize(("name", "dynamodb"), SIZES, ids=[n for n, _ in SIZES])
def test_every_recorded_size_is_reproduced(name: str, dynamodb: dict[str, Any]) -> None:
    assert stream_record_size(dynamodb) == dynamodb["SizeBytes"]


@pytest.mark.parametrize("case", RESPONSES, ids=[p.name for p in RESPONSES])
def test_check_response_gives_the_outcome_aws_showed(case: Path) -> None:
    expected = (case / "expected.txt").read_text("utf-8").strip()
    verdict = check_response(_load(case / "response.json"), _load(case / "event.json"))
    assert verdict.outcome == expected, verdict.describe()
