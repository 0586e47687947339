from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest
import runner
from conftest import EXAMPLES, ROOT


@pytest.mark.parametrize(
    ("value", "hint", "expected"),
    [
        ("text", {"S": "text"}, {"S": "text"}),
        (Decimal("1E+125"), {"N": "1E+125"}, {"N": "1E+125"}),
        (0.1, {"N": "0.1"}, {"N": "0.1"}),
        (1e30, {"N": "1000000000000000000000000000000"}, {"N": "1e+30"}),
        (b"\x00\x01", {"B": "AAE="}, {"B": "AAE="}),
        ("AAE=", {"B": "AAE="}, {"B": "QUFFPQ=="}),  # base64 text kept: encode its bytes
        ({"b", "a"}, {"SS": ["a", "b"]}, {"SS": ["a", "b"]}),
        ({b"\x01"}, None, {"BS": ["AQ=="]}),
        ([None, True], None, {"L": [{"NULL": True}, {"BOOL": True}]}),
        ({"m": Decimal(1)}, None, {"M": {"m": {"N": "1"}}}),
    ],
)
def test_marshal(value, hint, expected):
    assert runner.marshal(value, hint) == expected


def test_runner_prints_one_line_per_fixture_and_goes_on_after_a_rejection(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    good = ROOT / "events/dynamodb/stream/partial-failure.json"
    result = subprocess.run(
        [sys.executable, "-m", "runner", "plain", str(bad), str(good)],
        cwd=EXAMPLES,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["fixture"] for line in lines] == [str(bad), str(good)]
    assert lines[0]["loaded"] is False and lines[0]["error"].startswith("JSONDecodeError")
    assert lines[1]["loaded"] is True and lines[1]["view"]["records"]


def test_usage_error():
    assert runner.main([]) == 2
    assert runner.main(["no-such-handler", "x.json"]) == 2


@pytest.mark.parametrize("name", ["powertools-batch", "powertools-parser"])
def test_pipes_batches_go_through_the_documented_pipes_handler(name):
    """A Pipes batch is a bare array: the example documents `pipes_handler` for it, so the
    runner calls that, and the library loads every record and reports the failed one."""
    path = ROOT / "events/dynamodb/pipes/partial-failure.json"
    event = json.loads(path.read_text(encoding="utf-8"))
    failing = [
        r["dynamodb"]["SequenceNumber"] for r in event if r["dynamodb"]["NewImage"].get("fail")
    ]
    line = runner.run_fixture(runner.HANDLERS[name][0], str(path))
    assert line["loaded"] is True, line["error"]
    assert line["response"] == {"batchItemFailures": [{"itemIdentifier": s} for s in failing]}
    assert failing and len(line["view"]["records"]) == len(event)
