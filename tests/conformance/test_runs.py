"""The harness end to end with fake runners: a runner that crashes, prints
garbage, hangs or answers wrongly is a reported result, never a harness crash."""

from __future__ import annotations

import base64
import json
import sys
import textwrap
from pathlib import Path

import pytest

from conformance.__main__ import main
from conformance.expected import compare_response, expected_response


def record(seq: str, fail: bool = False, **stream) -> dict:
    image = {"id": {"S": seq}}
    if fail:
        image["fail"] = {"BOOL": True}
    return {
        "eventID": f"id-{seq}",
        "eventName": "INSERT",
        "eventVersion": "1.1",
        "eventSource": "aws:dynamodb",
        "awsRegion": "us-east-1",
        "eventSourceARN": "arn:aws:dynamodb:us-east-1:123456789012:table/T/stream/2024-01-01T00:00:00.000",
        "dynamodb": {
            "ApproximateCreationDateTime": 1717243200,
            "Keys": {"id": {"S": seq}},
            "NewImage": image,
            "SequenceNumber": seq,
            "SizeBytes": 10,
            "StreamViewType": "NEW_IMAGE",
            **stream,
        },
    }


RECORDS = [
    record("100000000000000000001"),
    record("100000000000000000002", fail=True),
    record("100000000000000000003"),
]
WINDOW = {
    "Records": RECORDS,
    "window": {"start": "2024-06-01T12:00:00Z", "end": "2024-06-01T12:01:00Z"},
    "state": {"count": "4"},
    "shardId": "shardId-00000000000000000000-00000001",
    "eventSourceARN": RECORDS[0]["eventSourceARN"],
    "isFinalInvokeForWindow": False,
    "isWindowTerminatedEarly": False,
}


# ----------------------------------------------------------------------------
# Expected responses
# ----------------------------------------------------------------------------


def test_expected_response_stream_and_pipes():
    want = {"batchItemFailures": [{"itemIdentifier": "100000000000000000002"}]}
    assert expected_response({"Records": RECORDS}, "stream") == want
    assert expected_response(RECORDS, "pipes") == want
    assert expected_response({"Records": RECORDS[:1]}, "stream") == {"batchItemFailures": []}


@pytest.mark.parametrize(
    ("state", "count"), [({"count": "4"}, 7), ({"count": 4}, 7), ({}, 3), (None, 3)]
)
def test_expected_response_tumbling_window(state, count):
    event = {**WINDOW, "state": state}
    response = expected_response(event, "tumbling-window")
    assert response["state"]["count"] == count
    assert response["batchItemFailures"] == [{"itemIdentifier": "100000000000000000002"}]


def test_expected_response_kinesis_uses_the_kinesis_sequence_number():
    change = {"eventName": "INSERT", "dynamodb": {"NewImage": {"fail": {"BOOL": True}}}}
    data = base64.b64encode(json.dumps(change).encode()).decode()
    event = {
        "Records": [
            {"kinesis": {"data": data, "sequenceNumber": "4959"}, "eventSource": "aws:kinesis"}
        ]
    }
    assert expected_response(event, "kinesis") == {
        "batchItemFailures": [{"itemIdentifier": "4959"}]
    }


@pytest.mark.parametrize(
    ("actual", "kinds"),
    [
        ({"batchItemFailures": [{"itemIdentifier": "100000000000000000002"}]}, []),
        ({"batchItemFailures": []}, ["field-missing"]),
        ({"batchItemFailures": [{"itemIdentifier": "100000000000000000003"}]}, ["value-changed"]),
        (None, ["field-missing"]),
        ({"batchItemFailures": [{"itemIdentifier": 100000000000000000002}]}, ["type-changed"]),
    ],
)
def test_compare_response(actual, kinds):
    expected = expected_response({"Records": RECORDS}, "stream")
    assert [d.kind for d in compare_response(expected, actual)] == kinds


# ----------------------------------------------------------------------------
# A fake repository with fake runners
# ----------------------------------------------------------------------------

FAKE_RUNNER = textwrap.dedent(
    r"""
    import json, sys, time

    mode, paths = sys.argv[1], sys.argv[2:]

    def view(event):
        records = event if isinstance(event, list) else event["Records"]
        out = []
        for r in records:
            d = r["dynamodb"]
            out.append({
                "eventID": r.get("eventID"), "eventName": r.get("eventName"),
                "eventVersion": r.get("eventVersion"), "eventSource": r.get("eventSource"),
                "awsRegion": r.get("awsRegion"), "eventSourceARN": r.get("eventSourceARN"),
                "sequenceNumber": d.get("SequenceNumber"), "sizeBytes": d.get("SizeBytes"),
                "streamViewType": d.get("StreamViewType"),
                "approximateCreationDateTime": d.get("ApproximateCreationDateTime"),
                "keys": d.get("Keys"), "newImage": d.get("NewImage"), "oldImage": d.get("OldImage"),
                "userIdentity": r.get("userIdentity"),
            })
        v = {"records": out}
        if isinstance(event, dict) and "window" in event:
            for k in ("window", "state", "shardId", "isFinalInvokeForWindow", "isWindowTerminatedEarly"):
                v[k] = event[k]
        return v

    def response(event):
        records = event if isinstance(event, list) else event["Records"]
        failures = [{"itemIdentifier": r["dynamodb"]["SequenceNumber"]} for r in records
                    if r["dynamodb"].get("NewImage", {}).get("fail") == {"BOOL": True}]
        if isinstance(event, dict) and "window" in event:
            return {"state": {"count": int(event["state"].get("count", 0)) + len(records)},
                    "batchItemFailures": failures}
        return {"batchItemFailures": failures}

    if mode == "crash":
        print("Traceback (most recent call last): boom", file=sys.stderr)
        sys.exit(3)
    if mode == "hang":
        time.sleep(60)
    for i, path in enumerate(paths):
        event = json.load(open(path))
        if mode == "garbage":
            print("hello, I am not JSON")
            continue
        if mode == "half" and i > 0:
            sys.exit(1)
        line = {"fixture": path, "loaded": True, "error": None, "response": response(event), "view": view(event)}
        if mode == "reject":
            line = {"fixture": path, "loaded": False, "error": "ValueError: nope", "response": None, "view": None}
        if mode == "wrong-response":
            line["response"] = {"batchItemFailures": [{"itemIdentifier": ""}]}
        if mode == "truncating":
            for r in line["view"]["records"]:
                r["eventVersion"] = float(r["eventVersion"])
        if mode in ("string-state", "wrong-state") and "state" in line["response"]:
            count = line["response"]["state"]["count"] + (1 if mode == "wrong-state" else 0)
            line["response"]["state"] = {"count": str(count)}
        if mode == "noisy":
            print("debug: starting")
        print(json.dumps(line), flush=True)
    """
)


def fake_repo(tmp_path: Path, handlers: list[dict], **language) -> Path:
    root = tmp_path / "repo"
    events = root / "events" / "dynamodb"
    events.mkdir(parents=True)
    fixtures = {
        "events/dynamodb/stream.json": ("stream", {"Records": RECORDS}),
        "events/dynamodb/pipes.json": ("pipes", RECORDS),
        "events/dynamodb/window.json": ("tumbling-window", WINDOW),
        "events/dynamodb/response.json": ("batch-response", {"batchItemFailures": []}),
    }
    index = []
    for path, (shape, content) in fixtures.items():
        (root / path).write_text(json.dumps(content), encoding="utf-8")
        index.append({"path": path, "shape": shape, "schema": "", "title": path, "description": ""})
    (root / "events" / "index.json").write_text(json.dumps(index), encoding="utf-8")
    folder = root / "examples" / "fake"
    folder.mkdir(parents=True)
    (folder / "runner.py").write_text(FAKE_RUNNER, encoding="utf-8")
    config = {
        "language": "Fake",
        "requires": [Path(sys.executable).name],
        "install_hint": "Install fake.",
        "build": [],
        "handlers": handlers,
        **language,
    }
    (folder / "runner.json").write_text(json.dumps(config), encoding="utf-8")
    return root


def handler(name: str, mode: str, shapes=("stream", "pipes"), **extra) -> dict:
    return {
        "name": name,
        "library": f"fake {mode}",
        "version": "1.0",
        "shapes": list(shapes),
        "source": "runner.py",
        "run": [sys.executable, "runner.py", mode],
        **extra,
    }


def run(root: Path, *args: str, monkeypatch=None) -> tuple[int, dict]:
    output = root / ".results" / "conformance.json"
    code = main(["--root", str(root), "--language", "fake", "--no-timings", *args])
    return code, json.loads(output.read_text(encoding="utf-8"))


def statuses(document: dict, name: str) -> dict[str, str]:
    fixtures = document["languages"]["fake"]["handlers"][name]["fixtures"]
    return {path: result["status"] for path, result in fixtures.items()}


@pytest.fixture(autouse=True)
def not_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)


def test_correct_runner_loads_everything(tmp_path):
    root = fake_repo(
        tmp_path,
        [handler("good", "correct"), handler("window", "correct", shapes=["tumbling-window"])],
    )
    code, doc = run(root)
    assert code == 0, doc["failures"]
    assert statuses(doc, "good") == {
        "events/dynamodb/pipes.json": "loaded",
        "events/dynamodb/stream.json": "loaded",
    }
    assert statuses(doc, "window") == {"events/dynamodb/window.json": "loaded"}
    verdict = doc["languages"]["fake"]["handlers"]["good"]["fixtures"][
        "events/dynamodb/stream.json"
    ]["response_verdict"]
    assert verdict["outcome"] == "partial" and verdict["checkpoint"] == "100000000000000000002"


@pytest.mark.parametrize("mode", ["crash", "garbage", "half", "hang"])
def test_broken_runner_is_a_reported_failure(tmp_path, mode):
    root = fake_repo(tmp_path, [handler("broken", mode), handler("good", "correct")])
    code, doc = run(root, "--timeout", "5")
    assert code == 1
    broken = statuses(doc, "broken")
    assert "not-run" in broken.values()
    assert set(statuses(doc, "good").values()) == {"loaded"}  # the next handler still ran
    assert any(f.startswith("fake/broken") for f in doc["failures"])
    if mode == "hang":
        assert "timed out" in doc["languages"]["fake"]["handlers"]["broken"]["runner"]["problem"]


def test_stdout_noise_is_reported(tmp_path):
    root = fake_repo(tmp_path, [handler("noisy", "noisy")])
    code, doc = run(root)
    assert code == 1
    runner = doc["languages"]["fake"]["handlers"]["noisy"]["runner"]
    assert runner["garbage"] == ["debug: starting", "debug: starting"]


def test_wrong_response_fails_with_lambdas_verdict(tmp_path):
    root = fake_repo(tmp_path, [handler("wrong", "wrong-response")])
    code, doc = run(root)
    assert code == 1
    result = doc["languages"]["fake"]["handlers"]["wrong"]["fixtures"][
        "events/dynamodb/stream.json"
    ]
    assert result["status"] == "response-wrong"
    assert result["response_verdict"]["outcome"] == "batch-failure"
    assert "response-invalid" in [d["kind"] for d in result["response_differences"]]


def test_library_rejection_and_differences_are_findings_not_failures(tmp_path):
    root = fake_repo(tmp_path, [handler("strict", "reject"), handler("lossy", "truncating")])
    code, doc = run(root)
    assert code == 0, doc["failures"]
    assert set(statuses(doc, "strict").values()) == {"rejected"}
    assert set(statuses(doc, "lossy").values()) == {"loaded-with-differences"}
    result = doc["languages"]["fake"]["handlers"]["strict"]["fixtures"][
        "events/dynamodb/stream.json"
    ]
    assert result["error"] == "ValueError: nope"


def test_reference_handler_rejection_is_a_failure(tmp_path):
    root = fake_repo(tmp_path, [handler("plain", "reject", reference=True)])
    code, doc = run(root)
    assert code == 1
    assert any("reference handler" in f for f in doc["failures"])


def test_missing_toolchain_skips_locally_and_fails_in_ci(tmp_path, monkeypatch):
    root = fake_repo(tmp_path, [handler("good", "correct")], requires=["no-such-tool-xyz"])
    code, doc = run(root)
    assert code == 0
    language = doc["languages"]["fake"]
    assert language["status"] == "skipped" and "Install fake." in language["message"]
    assert set(statuses(doc, "good").values()) == {"not-run"}
    monkeypatch.setenv("CI", "true")
    code, doc = run(root)
    assert code == 1


def test_build_failure_is_reported(tmp_path):
    root = fake_repo(
        tmp_path,
        [handler("good", "correct")],
        build=[
            [
                sys.executable,
                "-c",
                "import sys; print('compile error', file=sys.stderr); sys.exit(4)",
            ]
        ],
    )
    code, doc = run(root)
    assert code == 1
    language = doc["languages"]["fake"]
    assert language["status"] == "build-failed" and "compile error" in language["message"]
    assert set(statuses(doc, "good").values()) == {"not-run"}


def test_fixture_selection_and_usage_errors(tmp_path):
    root = fake_repo(tmp_path, [handler("good", "correct")])
    code, doc = run(root, "--fixture", "events/dynamodb/pipes.json")
    assert code == 0
    assert statuses(doc, "good") == {"events/dynamodb/pipes.json": "loaded"}
    assert main(["--root", str(root), "--language", "cobol"]) == 2
    assert main(["--root", str(root), "--fixture", "events/nope.json"]) == 2


def test_results_are_deterministic_and_machine_independent(tmp_path):
    root = fake_repo(tmp_path, [handler("good", "correct"), handler("broken", "crash")])
    run(root)
    first = (root / ".results" / "conformance.json").read_text(encoding="utf-8")
    run(root)
    second = (root / ".results" / "conformance.json").read_text(encoding="utf-8")
    assert first == second
    assert str(tmp_path) not in first
    assert (root / ".results" / "fake.json").is_file()
    assert "timings" not in json.loads(first)
    main(["--root", str(root), "--language", "fake"])
    assert "timings" in json.loads(
        (root / ".results" / "conformance.json").read_text(encoding="utf-8")
    )


# ----------------------------------------------------------------------------
# The published results: written by complete runs only, and drift-checked
# ----------------------------------------------------------------------------


def published(root: Path) -> Path:
    return root / "docs" / "data" / "conformance.json"


def test_a_complete_run_publishes_without_timings(tmp_path):
    root = fake_repo(tmp_path, [handler("good", "correct")])
    assert main(["--root", str(root)]) == 0
    document = json.loads(published(root).read_text(encoding="utf-8"))
    assert "timings" not in document and document["failures"] == []
    assert "timings" in json.loads((root / ".results" / "conformance.json").read_text())


def test_partial_and_failing_runs_leave_the_published_file_alone(tmp_path, capsys):
    root = fake_repo(tmp_path, [handler("good", "correct")])
    published(root).parent.mkdir(parents=True)
    published(root).write_text("committed\n", encoding="utf-8")
    assert main(["--root", str(root), "--fixture", "events/dynamodb/stream.json"]) == 0
    assert published(root).read_text(encoding="utf-8") == "committed\n"
    assert "partial run" in capsys.readouterr().out
    broken = fake_repo(tmp_path / "b", [handler("broken", "crash")])
    assert main(["--root", str(broken)]) == 1
    assert not published(broken).exists()


def test_missing_toolchain_is_said_once_and_not_published(tmp_path, capsys):
    root = fake_repo(
        tmp_path, [handler("a", "correct"), handler("b", "correct")], requires=["no-such-tool-xyz"]
    )
    assert main(["--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert out.count("Install fake.") == 1, out
    assert not published(root).exists()
    assert "partial run (fake not run)" in out


def test_check_passes_on_a_fresh_copy_and_lists_an_edited_cell(tmp_path, capsys):
    root = fake_repo(tmp_path, [handler("good", "correct")])
    assert main(["--root", str(root)]) == 0
    fresh = published(root).read_text(encoding="utf-8")
    assert main(["--root", str(root), "--check"]) == 0
    edited = json.loads(fresh)
    cell = edited["languages"]["fake"]["handlers"]["good"]["fixtures"][
        "events/dynamodb/stream.json"
    ]
    cell["status"] = "rejected"
    published(root).write_text(
        json.dumps(edited, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["--root", str(root), "--check"]) == 1
    out = capsys.readouterr().out
    assert (
        "/languages/fake/handlers/good/fixtures/events/dynamodb/stream.json/status: "
        'committed "rejected", fresh "loaded"'
    ) in out
    assert (
        json.loads(published(root).read_text())["languages"]["fake"]["handlers"]["good"][
            "fixtures"
        ]["events/dynamodb/stream.json"]["status"]
        == "rejected"
    )  # --check writes nothing
    published(root).write_text(fresh.replace("\n", "\r\n"), encoding="utf-8")
    assert main(["--root", str(root), "--check"]) == 1
    assert "different bytes" in capsys.readouterr().out
    assert main(["--root", str(root), "--check", "--fixture", "events/dynamodb/stream.json"]) == 2


def test_a_retyped_window_state_is_a_view_difference_not_a_wrong_response(tmp_path):
    """Lambda passes `state` on without reading it: `{"count": "7"}` for `{"count": 7}` makes it
    act the same, so the cell shows a difference of the library's state type. A different count
    is still a wrong response."""
    shapes = ["tumbling-window"]
    root = fake_repo(
        tmp_path,
        [handler("retyped", "string-state", shapes), handler("off", "wrong-state", shapes)],
    )
    code, doc = run(root)
    fixtures = doc["languages"]["fake"]["handlers"]
    retyped = fixtures["retyped"]["fixtures"]["events/dynamodb/window.json"]
    assert retyped["status"] == "loaded-with-differences"
    assert retyped["response_differences"] == []
    assert [(d["path"], d["kind"]) for d in retyped["differences"]] == [
        ("response.state.count", "type-changed")
    ]
    off = fixtures["off"]["fixtures"]["events/dynamodb/window.json"]
    assert off["status"] == "response-wrong"
    assert code == 1 and doc["failures"] == [
        "fake/off: events/dynamodb/window.json: wrong response"
    ]


def test_malformed_cases_run_apart_and_never_fail_the_run(tmp_path):
    root = fake_repo(tmp_path, [handler("good", "correct"), handler("strict", "reject")])
    case = {
        "description": "NULL must be true",
        "base": "events/dynamodb/stream.json",
        "patch": [
            {"op": "replace", "path": "/Records/0/dynamodb/NewImage/id", "value": {"NULL": False}}
        ],
    }
    (root / "cases").mkdir()
    (root / "cases" / "null-false.json").write_text(json.dumps(case), encoding="utf-8")
    (root / "conformance").mkdir()
    (root / "conformance" / "malformed.json").write_text(
        json.dumps(
            {
                "cases": [
                    {
                        "case": "cases/null-false.json",
                        "title": "NULL: false",
                        "view": "records[0].newImage.id",
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    code, doc = run(root)
    assert code == 0, doc["failures"]
    section = doc["malformed"]["null-false"]
    assert section["pointer"] == "/Records/0/dynamodb/NewImage/id"
    assert section["sent"] == '{"NULL": false}'
    assert section["handlers"]["good"] == {
        "outcome": "kept",
        "detail": 'records[0].newImage.id = {"NULL": false}',
    }
    assert section["handlers"]["strict"] == {"outcome": "rejected", "detail": "ValueError: nope"}
    # the canonical matrix is untouched by the malformed run
    assert set(statuses(doc, "good").values()) == {"loaded"}


@pytest.mark.parametrize(("installed", "failed"), [("1.0", False), ("2.0", True)])
def test_a_library_that_is_not_the_pinned_version_fails_the_run(tmp_path, installed, failed):
    pinned = {
        "locked": [{"file": "constraints.txt", "package": "fakelib"}],
        "version_command": [sys.executable, "-c", f"print({installed!r})"],
    }
    good = handler("good", "correct", **pinned)
    del good["version"]
    root = fake_repo(tmp_path, [good])
    (root / "examples" / "fake" / "constraints.txt").write_text("fakelib==1.0\n", encoding="utf-8")
    code, doc = run(root)
    assert doc["languages"]["fake"]["handlers"]["good"]["version"] == "1.0"
    assert (code == 1) is failed
    assert any("runs 2.0, but the lock file pins 1.0" in f for f in doc["failures"]) is failed


def test_check_on_a_machine_missing_a_toolchain_compares_the_languages_that_ran(tmp_path, capsys):
    root = fake_repo(tmp_path, [handler("good", "correct")])
    other = root / "examples" / "other"
    other.mkdir()
    (other / "runner.py").write_text(FAKE_RUNNER, encoding="utf-8")
    config = json.loads((root / "examples" / "fake" / "runner.json").read_text(encoding="utf-8"))
    (other / "runner.json").write_text(json.dumps(config), encoding="utf-8")
    assert main(["--root", str(root), "--no-timings"]) == 0  # both ran: published
    committed = published(root).read_text(encoding="utf-8")
    config["requires"] = ["no-such-tool-xyz"]
    (other / "runner.json").write_text(json.dumps(config), encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(root), "--no-timings", "--check"]) == 0
    out = capsys.readouterr().out
    assert "not checked (not run here): other" in out and "matches the fresh run" in out
    assert published(root).read_text(encoding="utf-8") == committed
