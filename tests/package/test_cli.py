"""The `ddbstreams` command: generate, validate, check-response; exit codes; no tracebacks."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, run_cli
from ddbstreams import cli, fixture_names, load_fixture, validate_event
from ddbstreams.cli.generate import ENVELOPES


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd)


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_sam_update_with_region_and_table() -> None:
    result = run("generate", "dynamodb", "update", "--region", "eu-west-1", "--table", "Orders")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)["Records"]
    assert [r["eventName"] for r in records] == ["INSERT", "MODIFY", "REMOVE"]
    assert [r["dynamodb"]["SizeBytes"] for r in records] == [26, 59, 38]
    for record in records:
        assert record["awsRegion"] == "eu-west-1"
        assert record["eventSourceARN"].startswith(
            "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/"
        )
    assert validate_event(json.loads(result.stdout)) == []


def test_sam_update_defaults_equal_the_published_fixture(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = call(capsys, "generate", "dynamodb", "update")
    assert status == 0 and json.loads(out) == load_fixture("dynamodb/dynamodb")


def test_sam_update_partition_and_account(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(
        capsys, "generate", "dynamodb", "update", "--partition", "aws-cn",
        "--account-id", "111122223333", "--region", "cn-north-1",
    )  # fmt: skip
    assert status == 0
    for record in json.loads(out)["Records"]:
        assert record["eventSourceARN"].startswith("arn:aws-cn:dynamodb:cn-north-1:111122223333:")


@pytest.mark.parametrize("name", fixture_names())
def test_generate_every_published_fixture(capsys: pytest.CaptureFixture[str], name: str) -> None:
    status, out, _ = call(capsys, "generate", name)
    assert status == 0 and json.loads(out) == load_fixture(name)
    assert out == (ROOT / "events" / f"{name}.json").read_text(encoding="utf-8")


def test_list_names_every_fixture_and_help_points_to_it(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(capsys, "generate", "--list")
    assert status == 0 and out.split() == fixture_names()
    status, out, _ = call(capsys, "generate", "--help")
    # Help stays fast: it points to --list instead of building the whole catalogue.
    assert status == 0 and "--list" in out
    assert "examples:" in out


@pytest.mark.parametrize("command", [[], ["generate"], ["check-response"]])
def test_help_has_examples(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    status, out, _ = call(capsys, *command, "--help")
    assert status == 0 and "examples:" in out and "ddbstreams" in out


def test_validate_help_is_the_validators(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(capsys, "validate", "--help")
    assert status == 0 and "--bundled" in out and "--shape" in out


def test_custom_stream_event(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(
        capsys, "generate", "stream", "--keys", "pk,sk", "--view-type", "NEW_IMAGE",
        "--insert", '{"pk": "a", "sk": 1, "n": 1.50}',
        "--modify", '{"pk": "a", "sk": 1, "n": 1}', '{"pk": "a", "sk": 1, "n": 2}',
        "--ttl", '{"pk": "a", "sk": 1}', "--remove", '{"pk": "b", "sk": 2}',
    )  # fmt: skip
    assert status == 0
    event = json.loads(out)
    records = event["Records"]
    assert [r["eventName"] for r in records] == ["INSERT", "MODIFY", "REMOVE", "REMOVE"]
    assert "userIdentity" in records[2] and "userIdentity" not in records[3]
    assert records[0]["dynamodb"]["NewImage"]["n"] == {"N": "1.5"}
    assert records[0]["dynamodb"]["Keys"] == {"pk": {"S": "a"}, "sk": {"N": "1"}}
    assert all(r["dynamodb"]["StreamViewType"] == "NEW_IMAGE" for r in records)
    assert validate_event(event) == []


@pytest.mark.parametrize(
    "envelope",
    ENVELOPES,
)
def test_envelopes_validate(capsys: pytest.CaptureFixture[str], envelope: str) -> None:
    status, out, _ = call(
        capsys, "generate", "stream", "--envelope", envelope, "--insert", '{"Id": 1}'
    )
    assert status == 0 and validate_event(json.loads(out), envelope) == []


def test_count_is_deterministic_by_seed(capsys: pytest.CaptureFixture[str]) -> None:
    first = call(capsys, "generate", "stream", "--count", "30", "--seed", "5")[1]
    again = call(capsys, "generate", "stream", "--count", "30", "--seed", "5")[1]
    other = call(capsys, "generate", "stream", "--count", "30", "--seed", "6")[1]
    assert first == again != other
    event = json.loads(first)
    assert len(event["Records"]) == 30 and validate_event(event) == []


def test_large_batch_reports_progress_and_writes_atomically(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "big.json"
    result = run("generate", "stream", "--count", "6000", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert "5000/6000 records" in result.stderr and "6000/6000 records" in result.stderr
    assert result.stdout == ""
    assert len(json.loads(out.read_text())["Records"]) == 6000
    assert [p.name for p in out.parent.iterdir()] == ["big.json"]  # no temporary file left


def test_output_replaces_an_existing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "event.json"
    out.write_text("old")
    status, stdout, err = call(capsys, "generate", "dynamodb/dynamodb", "-o", str(out))
    assert status == 0 and stdout == "" and "wrote" in err
    assert json.loads(out.read_text()) == load_fixture("dynamodb/dynamodb")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--insert", '{"Id": 1'], "--insert"),
        (["--insert", "[1, 2]"], "JSON object"),
        (["--insert", '{"Id": 1, "x": NaN}'], "NaN is not JSON"),
        (["--insert", '{"Id": 1, "deep": {"s": []}, "bad": {"n": 1e999}}'], "$.NewImage.bad.n"),
        (["--insert", '{"name": "no key"}'], "$.Keys.Id"),
        (["--modify", '{"Id": 1}', '{"Id": 2}'], "key"),
        (["--keys", "pk", "--insert", '{"pk": ""}'], "$.Keys.pk"),
    ],
)
def test_invalid_input_exit_1_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    status, out, err = call(capsys, "generate", "stream", *args)
    assert status == 1 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["nonsense"],
        ["generate"],
        ["generate", "no/such/fixture"],
        ["generate", "dynamodb", "update", "--insert", '{"Id": 1}'],
        ["generate", "dynamodb/dynamodb", "--region", "eu-west-1"],
        ["generate", "stream", "--count", "-1"],
        ["generate", "stream", "--count", "many"],
        ["generate", "stream", "--keys", "a,b,c"],
        ["generate", "stream", "--view-type", "BOTH"],
        ["generate", "stream", "--modify", '{"Id": 1}'],
        ["generate", "stream", "--envelope", "kinesis"],
        ["generate", "--list", "x"],
        ["check-response", "--response", "r.json"],
        ["check-response", "--response", "missing.json", "--event", "missing.json"],
        ["validate", "missing.json"],
        ["validate", "--no-such-option"],
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    status, _, err = call(capsys, *args)
    assert status == 2, err
    assert "Traceback" not in err


def test_validate_delegates_to_the_validator(tmp_path: Path) -> None:
    good = run("validate", "events/dynamodb/dynamodb.json", "events/dynamodb/pipes")
    assert good.returncode == 0 and "3 file(s) checked" in good.stderr
    doc: Any = load_fixture("dynamodb/dynamodb")
    doc["Records"][1]["awsRegion"] = "eu-west-1"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    result = run("validate", str(bad))
    assert result.returncode == 1
    assert f"{bad}: /Records/1/awsRegion: region-arn:" in result.stdout
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    result = run("validate", str(broken))
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_check_response() -> None:
    result = run(
        "check-response",
        "--response", "events/dynamodb/responses/partial-batch-failure.json",
        "--event", "events/dynamodb/stream/partial-failure.json",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "partial failure: Lambda checkpoints at" in result.stdout


def test_check_response_rejected(tmp_path: Path) -> None:
    response = tmp_path / "response.json"
    response.write_text(json.dumps({"batchItemFailures": [{"itemIdentifier": "1"}]}))
    result = run(
        "check-response", "--response", str(response), "--event", "events/dynamodb/dynamodb.json"
    )
    assert result.returncode == 1 and "the whole batch fails" in result.stdout
    assert "Traceback" not in result.stderr
