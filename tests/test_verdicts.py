"""Verdicts a user can trust, end to end: what `validate` and `check-response` conclude.

The per-rule cases live in tests/cases/; these tests pin what the command line
does with them: an unknown field warns (fails only with --strict), every
problem of a document shows in one run, and the checked shape is reported.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from casedata import ROOT
from ddbstreams import cli
from ddbstreams.validation import check_document

SAMPLE = ROOT / "events/dynamodb/dynamodb.json"


def _sample() -> Any:
    return json.loads(SAMPLE.read_text("utf-8"))


def _write(tmp_path: Path, doc: Any, name: str = "event.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def test_a_field_aws_may_add_warns_and_fails_only_when_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _sample()
    doc["Records"][0]["dynamodb"]["ApproximateCreationDateTimePrecision"] = "SECOND"
    path = _write(tmp_path, doc)
    assert cli.main(["validate", path]) == 0
    out = capsys.readouterr().out
    assert "/Records/0/dynamodb/ApproximateCreationDateTimePrecision: warning: unknown-field" in out
    assert cli.main(["validate", "--strict", path]) == 1


def test_every_problem_shows_in_one_run() -> None:
    doc = _sample()
    doc["Records"][0]["eventName"] = "UPDATE"  # a schema error in record 0
    doc["Records"][2]["awsRegion"] = "eu-west-1"  # a semantic one in record 2
    doc["Records"][1]["eventSourceARN"] = doc["Records"][1]["eventSourceARN"].replace(
        "ExampleTableWithStream", "Other"
    )
    rules = {(p.pointer, p.rule) for p in check_document(doc).problems}
    assert ("/Records/0/eventName", "schema:enum") in rules
    assert ("/Records/2/awsRegion", "region-arn") in rules
    assert ("/Records/1/eventSourceARN", "single-stream") in rules


@pytest.mark.parametrize(
    ("doc", "shape"),
    [
        (_sample(), "stream"),
        (_sample()["Records"], "pipes"),
        ({"batchItemFailures": []}, "batch-response"),
        ({}, None),
        (None, None),
        (_sample()["Records"][0], None),
    ],
    ids=["event", "pipes", "response", "empty-object", "null", "lone-record"],
)
def test_the_checked_shape_is_reported(doc: Any, shape: str | None) -> None:
    checked = check_document(doc)
    assert checked.shape == shape
    if shape is None:
        assert [p.rule for p in checked.problems] == ["shape"]


def test_an_empty_object_is_not_a_valid_event(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["validate", _write(tmp_path, {})]) == 1
    assert "--shape batch-response" in capsys.readouterr().out
    assert cli.main(["validate", "--shape", "batch-response", _write(tmp_path, {})]) == 0


def test_a_top_level_empty_list_is_full_success(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    response = _write(tmp_path, [], "response.json")
    assert cli.main(["check-response", "--response", response, "--event", str(SAMPLE)]) == 0
    assert "full success" in capsys.readouterr().out
