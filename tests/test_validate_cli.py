"""The validate command: exit codes, one line per problem, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from casedata import ROOT


def run(*args: str, command: str = "validate") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ddbstreams.cli", command, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_all_fixtures_valid_exit_0() -> None:
    result = run("--bundled")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stderr


def test_no_files_is_a_usage_error() -> None:
    # A CI step whose glob matched nothing must not pass quietly.
    result = run()
    assert result.returncode == 2
    assert "ddbstreams: error:" in result.stderr and "--bundled" in result.stderr


def test_invalid_file_exit_1_with_pointer_and_rule(tmp_path: Path) -> None:
    doc = json.loads((ROOT / "events/dynamodb/dynamodb.json").read_text())
    doc["Records"][1]["awsRegion"] = "eu-west-1"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    result = run(str(bad))
    assert result.returncode == 1
    assert f"{bad}: /Records/1/awsRegion: region-arn:" in result.stdout
    assert "Traceback" not in result.stderr


def test_warning_passes_unless_strict(tmp_path: Path) -> None:
    doc = json.loads((ROOT / "events/dynamodb/dynamodb.json").read_text())
    doc["Records"][0]["dynamodb"]["SizeBytes"] = 1
    path = tmp_path / "warn.json"
    path.write_text(json.dumps(doc))
    assert run(str(path)).returncode == 0
    strict = run("--strict", str(path))
    assert strict.returncode == 1
    assert "/Records/0/dynamodb/SizeBytes: warning: size-bytes" in strict.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--no-such-option"],
        ["missing-file.json"],
        ["--shape", "nonsense", "x.json"],
        ["--response", "a.json"],
    ],
)
def test_usage_errors_exit_2_without_traceback(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_not_json_is_invalid_input(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(b"\xff\xfe not json")
    result = run(str(path))
    assert result.returncode == 1
    assert "json:" in result.stdout and "Traceback" not in result.stderr


def test_check_response_states_what_lambda_does() -> None:
    result = run(
        "--response",
        "events/dynamodb/responses/partial-batch-failure.json",
        "--event",
        "events/dynamodb/stream/partial-failure.json",
        command="check-response",
    )
    assert result.returncode == 0
    assert "Lambda checkpoints at" in result.stdout and "retries 4 record(s)" in result.stdout


def test_check_response_whole_batch_failure_exit_1(tmp_path: Path) -> None:
    response = tmp_path / "r.json"
    response.write_text('{"batchItemFailures": [{"itemIdentifier": null}]}')
    result = run(
        "--response",
        str(response),
        "--event",
        "events/dynamodb/stream/partial-failure.json",
        command="check-response",
    )
    assert result.returncode == 1
    assert "the whole batch fails" in result.stdout
