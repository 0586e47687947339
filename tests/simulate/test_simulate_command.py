"""`ddbstreams simulate` and `ddbstreams audit` wired into a parser of their own."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from ddbstreams import insert, stream_event
from ddbstreams.simulate import command

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "python"

HANDLERS = """
def always_fail_second(event, context):
    records = event["Records"]
    return {"batchItemFailures": [
        {"itemIdentifier": r["dynamodb"]["SequenceNumber"]}
        for r in records if r["dynamodb"]["NewImage"].get("fail") == {"BOOL": True}]}

def ok(event, context):
    return {}

def noisy(event, context):
    raise RuntimeError("bad\\x1b[31m record")
"""


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="ddbstreams")
    command.register(parser.add_subparsers(dest="command"))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        out, err = capsys.readouterr()
        return int(exc.code or 0), out, err
    status = args.run(args)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "handlers_under_test.py").write_text(HANDLERS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    event = stream_event([insert({"Id": 1}), insert({"Id": 2, "fail": True})])
    (tmp_path / "event.json").write_text(json.dumps(event), encoding="utf-8")
    (tmp_path / "mapping.json").write_text(
        json.dumps(
            {
                "BatchSize": 2,
                "FunctionResponseTypes": ["ReportBatchItemFailures"],
                "MaximumRetryAttempts": 1,
                "DestinationConfig": {"OnFailure": "SQS"},
            }
        ),
        encoding="utf-8",
    )
    return tmp_path


def test_simulate_a_python_handler(workdir: Path, capsys: Any) -> None:
    status, out, _ = run(
        [
            "simulate",
            "--mapping",
            "mapping.json",
            "--handler",
            "handlers_under_test:always_fail_second",
            "-o",
            "trace.json",
            "--svg",
            "trace.svg",
            "event.json",
        ],
        capsys,
    )
    assert status == 1  # one record went to the destination
    assert "RetryAttemptsExhausted" in out
    trace = json.loads((workdir / "trace.json").read_text("utf-8"))
    assert trace["metrics"]["sent_to_destination"] == 1
    assert (workdir / "trace.svg").read_text("utf-8").startswith("<svg")


def test_simulate_exits_0_when_every_record_is_processed(workdir: Path, capsys: Any) -> None:
    status, out, _ = run(
        ["simulate", "--handler", "handlers_under_test:ok", "--json", "event.json"], capsys
    )
    assert status == 0 and json.loads(out)["metrics"]["succeeded"] == 2


def test_simulate_a_program_speaking_the_runner_contract(
    workdir: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Python example runner, as any other language's runner would be run."""
    monkeypatch.chdir(EXAMPLES)
    runner = f"{sys.executable} -m runner plain"
    status, out, err = run(
        [
            "simulate",
            "--mapping",
            str(workdir / "mapping.json"),
            "--command",
            runner,
            str(workdir / "event.json"),
        ],
        capsys,
    )
    assert status == 1, err
    assert out.count("partial") == 2  # first delivery, then the one retry


def test_control_characters_are_escaped(workdir: Path, capsys: Any) -> None:
    status, out, _ = run(
        [
            "simulate",
            "--handler",
            "handlers_under_test:noisy",
            "--mapping",
            "mapping.json",
            "event.json",
        ],
        capsys,
    )
    assert status == 1 and "\x1b" not in out and "\\x1b" in out


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["simulate", "--handler", "nomodule", "event.json"], 2, "MODULE:FUNCTION"),
        (["simulate", "--handler", "missing_mod:f", "event.json"], 1, "cannot import"),
        (["simulate", "--handler", "handlers_under_test:ok", "absent.json"], 1, "cannot read"),
        (
            [
                "simulate",
                "--handler",
                "handlers_under_test:ok",
                "--assume",
                "bogus=1",
                "event.json",
            ],
            2,
            "NAME=VALUE",
        ),
        (
            [
                "simulate",
                "--handler",
                "handlers_under_test:ok",
                "--assume",
                "partial_counts=sometimes",
                "event.json",
            ],
            2,
            "progress-resets",
        ),
        (["simulate", "--command", "no-such-program-here", "event.json"], 1, "not found"),
    ],
)
def test_bad_input_gets_a_clear_error(
    workdir: Path, capsys: Any, argv: list[str], status: int, message: str
) -> None:
    got, _, err = run(argv, capsys)
    assert got == status
    assert err.startswith("ddbstreams: ") and message in err
    assert "Traceback" not in err


def test_a_mapping_aws_would_refuse_names_the_setting(workdir: Path, capsys: Any) -> None:
    (workdir / "bad.json").write_text('{"BatchSize": 0}', encoding="utf-8")
    got, _, err = run(
        ["simulate", "--mapping", "bad.json", "--handler", "handlers_under_test:ok", "event.json"],
        capsys,
    )
    assert got == 1 and "/BatchSize" in err


def test_audit_exit_status(workdir: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).parent))
    status, out, _ = run(["audit", "--handler", "faulty_handlers:reports_event_ids"], capsys)
    assert status == 1 and "unknown-identifier" in out
    status, out, _ = run(["audit", "--handler", "faulty_handlers:stops_at_first_failure"], capsys)
    assert status == 0 and "no findings" in out
    status, out, _ = run(
        ["audit", "--handler", "faulty_handlers:appends_every_delivery",
         "--probe", "faulty_handlers:side_effects"],
        capsys,
    )  # fmt: skip
    assert status == 1 and "not-idempotent" in out
