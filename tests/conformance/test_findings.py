"""The published results against their schema and against the findings that explain them."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from conformance.findings import FINDINGS, FindingsError, classify, load_findings
from conformance.matrix import STATUSES
from conformance.schemas import RESULTS_SCHEMA, findings_problems, results_problems

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = json.loads((ROOT / "docs/data/conformance.json").read_text(encoding="utf-8"))


def cell(document: dict, handler: str, fixture: str) -> dict:
    for language in document["languages"].values():
        if handler in language["handlers"]:
            return language["handlers"][handler]["fixtures"][fixture]
    raise KeyError(handler)


def test_the_published_results_follow_their_schema_and_statuses():
    assert results_problems(PUBLISHED) == []
    schema = json.loads(RESULTS_SCHEMA.read_text(encoding="utf-8"))
    assert tuple(schema["$defs"]["status"]["enum"]) == STATUSES
    assert PUBLISHED["failures"] == []


@pytest.mark.parametrize(
    ("edit", "pointer"),
    [
        (lambda d: d.update(format=2), "/format"),
        (
            lambda d: cell(
                d, "go-aws-lambda-go", "events/dynamodb/stream/attribute-types.json"
            ).update(status="loaded-with-differences"),
            "/languages/go/handlers/go-aws-lambda-go/fixtures/events/dynamodb/stream/attribute-types.json/differences",
        ),
        (
            lambda d: d["languages"]["go"]["handlers"]["go-aws-lambda-go"].pop("version"),
            "/languages/go/handlers/go-aws-lambda-go",
        ),
    ],
)
def test_a_broken_results_file_is_named_by_pointer(edit, pointer):
    document = copy.deepcopy(PUBLISHED)
    edit(document)
    assert any(p.startswith(pointer) for p in results_problems(document)), results_problems(
        document
    )


def test_every_difference_is_explained_and_every_finding_is_backed():
    classification = classify(PUBLISHED, load_findings())
    assert classification.problems() == []
    kinds = {f.kind for f in classification.findings}
    assert kinds == {"data-loss", "representation", "crash"}


def test_a_new_difference_without_a_finding_is_reported():
    document = copy.deepcopy(PUBLISHED)
    result = cell(document, "go-aws-lambda-go", "events/dynamodb/stream/attribute-types.json")
    result["status"] = "loaded-with-differences"
    result["differences"] = [
        {
            "path": "records[0].newImage.tiny.N",
            "kind": "number-precision",
            "message": "records[0].newImage.tiny.N: number precision: 1E-130 → 0",
            "expected": "1E-130",
            "actual": "0",
        }
    ]
    problems = classify(document, load_findings()).problems()
    assert problems == [
        "go-aws-lambda-go: events/dynamodb/stream/attribute-types.json: [number-precision] "
        "newImage.tiny.N: no finding in conformance/findings.json explains it"
    ]


def test_a_finding_the_run_no_longer_shows_is_reported():
    document = copy.deepcopy(PUBLISHED)
    result = cell(document, "go-aws-lambda-go", "events/dynamodb/stream/fractional-timestamp.json")
    result.update(status="loaded", differences=[])
    problems = classify(document, load_findings()).problems()
    assert problems == [
        "finding go-timestamp-float-rounding: matches nothing in the results "
        "(fixed upstream? remove or update it)"
    ]


def test_findings_file_is_checked(tmp_path):
    document = json.loads(FINDINGS.read_text(encoding="utf-8"))
    assert findings_problems(document) == []
    document["findings"][0]["cells"] = {"no-such-column": "x"}
    broken = tmp_path / "findings.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(FindingsError, match="no such behaviour"):
        load_findings(broken)
    document["findings"][0]["kind"] = "bad"
    broken.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(FindingsError, match="/findings/0/kind"):
        load_findings(broken)
