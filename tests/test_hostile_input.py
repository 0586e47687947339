"""Hostile input: no crash, bounded work, clean terminal output, one bad file never hides another.

Expected values come from JSON itself (RFC 8259: no NaN, UTF-8), RFC 6901
pointers, DynamoDB's and Lambda's published limits, and the terminal's view
of control characters, never from the code under test.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from casedata import ROOT
from ddbstreams import batch_response, cli, insert, stream_event, tumbling_window_event
from ddbstreams.attributes import MarshalError, marshal_item, marshal_value
from ddbstreams.factory import validate_event

EVENT = ROOT / "events/dynamodb/dynamodb.json"
SIX_MB = 6 * 1024 * 1024


def event() -> dict[str, Any]:
    return json.loads(EVENT.read_text("utf-8"))


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT / "generators"), env.get("PYTHONPATH")])
    )
    return env


def run(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ddbstreams.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        cwd=ROOT,
        env=env or child_env(),
        check=False,
        timeout=timeout,
    )


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    text = result.stdout + result.stderr
    assert "Traceback" not in text
    assert "\x1b" not in text and "\r" not in text
    for line in text.splitlines():
        assert line.startswith("ddbstreams:") or ": /" in line, line
        assert len(line) <= 1100, len(line)


# --- crashes ---------------------------------------------------------------------------


def test_deep_attribute_value_is_a_problem_not_a_segfault() -> None:
    # In a child process: a stack overflow in a native engine would take the test session down.
    code = (
        "from ddbstreams.factory import validate_event\n"
        "v = {'S': 'x'}\n"
        "for _ in range(12000): v = {'L': [v]}\n"
        "doc = {'Records': [{'dynamodb': {'NewImage': {'a': v}}}]}\n"
        "print(sorted({p.rule for p in validate_event(doc)}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=child_env(), check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['nesting-depth']"


def test_file_far_beyond_any_event_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:  # sparse: refused from its size alone
        handle.truncate(200 * 1024 * 1024)
    result = run("validate", str(path))
    assert result.returncode == 1
    assert ": /: event-size:" in result.stdout and "not read" in result.stdout
    assert_clean(result)


def test_oversized_event_is_one_cheap_problem(tmp_path: Path) -> None:
    doc = event()
    doc["Records"][0]["dynamodb"]["NewImage"]["Message"]["S"] = "x" * SIX_MB
    path = write(tmp_path, "big.json", json.dumps(doc))
    assert path.stat().st_size < 7 * 1024 * 1024
    result = run("validate", str(path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and ": /: event-size:" in lines[0]
    assert_clean(result)


def test_pretty_printing_does_not_count_towards_the_payload_limit(tmp_path: Path) -> None:
    doc = event()
    doc["Records"][0]["dynamodb"]["NewImage"]["Message"]["S"] = "x" * 300_000
    text = json.dumps(doc, indent=2) + " " * SIX_MB  # 6.3 MB on disk, 0.3 MB as Lambda sends it
    path = write(tmp_path, "pretty.json", text)
    result = run("validate", str(path))
    assert "event-size" not in result.stdout, result.stdout


def test_count_beyond_a_batch_is_refused_up_front() -> None:
    result = run("generate", "stream", "--count", "1000000000", timeout=30)
    assert result.returncode == 2
    assert "10000" in result.stderr
    assert_clean(result)


# --- one bad file never hides the others -------------------------------------------------


def test_every_file_gets_its_verdict(tmp_path: Path) -> None:
    good = write(tmp_path, "a-good.json", EVENT.read_text("utf-8"))
    surrogate = write(tmp_path, "b-surrogate.json", '{"Records": ["\\ud800"]}')
    deep = write(tmp_path, "c-deep.json", "[" * 1000 + "]" * 1000)
    digits = write(tmp_path, "d-digits.json", '{"Records": [' + "9" * 5000 + "]}")
    folder = tmp_path / "scan"
    folder.mkdir()
    (folder / "x.json").mkdir()
    (folder / "dangling.json").symlink_to(tmp_path / "missing")
    upper = write(folder, "UPPER.JSON", EVENT.read_text("utf-8"))
    catalogue = write(folder, "index.json", json.dumps([{"path": "events/a.json", "name": "a"}]))
    result = run("validate", str(good), str(surrogate), str(deep), str(digits), str(folder))
    assert result.returncode == 1
    out = result.stdout
    assert f"{surrogate}: /Records/0: json: a lone surrogate" in out
    assert f"{deep}: /: json: nesting too deep" in out
    assert f"{digits}: /: json: an integer of 5000 digits" in out
    assert str(good) not in out and str(upper) not in out and str(catalogue) not in out
    assert "x.json: skipped" in result.stderr
    assert "dangling.json: skipped" in result.stderr
    assert "index.json: skipped" in result.stderr
    assert "5 file(s) checked, 1 skipped: 3 error(s)" in result.stderr
    assert_clean(result)


def test_a_named_pipe_is_a_problem_of_that_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)  # no writer: reading it would block forever
    result = run("validate", str(fifo), str(EVENT), timeout=60)
    assert result.returncode == 1
    assert result.stdout == f"{fifo}: /: io: not a regular file\n"
    assert_clean(result)


def test_non_utf8_stdout_does_not_crash(tmp_path: Path) -> None:
    bad = write(tmp_path, "é-bad.json", '{"Records": []}')
    env = {**child_env(), "PYTHONIOENCODING": "ascii"}
    result = run("validate", str(bad), env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


# --- terminal safety ------------------------------------------------------------------------


def test_names_cannot_forge_lines_or_reach_the_terminal_raw(tmp_path: Path) -> None:
    doc = event()
    image = doc["Records"][0]["dynamodb"]["NewImage"]
    image["\x1b]0;owned\x07\n/: ok"] = image.pop("Id")  # the key now missing from the image
    path = write(tmp_path, "evil\n\u202eok.json", json.dumps(doc))
    result = run("validate", str(path))
    assert result.returncode == 1
    assert "\\x1b]0;owned\\x07" not in result.stdout  # the name is not printed by this rule
    assert "evil\\x0a\\u202eok.json" in result.stdout
    assert_clean(result)
    assert all(line.startswith(str(tmp_path)) for line in result.stdout.splitlines())


def test_json_format_is_one_object_per_problem(tmp_path: Path) -> None:
    doc = event()
    doc["Records"][1]["awsRegion"] = "eu-west-1"
    doc["Records"][2]["dynamodb"]["SizeBytes"] = 1
    path = write(tmp_path, "bad\x1b.json", json.dumps(doc))
    result = run("validate", "--format", "json", str(path))
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["pointer"], r["rule"], r["severity"]) for r in rows} == {
        ("/Records/1/awsRegion", "region-arn", "error"),
        ("/Records/2/dynamodb/SizeBytes", "size-bytes", "warning"),
    }
    assert all(r["file"] == str(path) and r["shape"] == "stream" for r in rows)
    assert "\x1b" not in result.stdout


def test_a_megabyte_value_is_quoted_short(tmp_path: Path) -> None:
    doc = event()
    doc["Records"][0]["eventSourceARN"] = "arn:" + "x" * 1_000_000
    path = write(tmp_path, "arn.json", json.dumps(doc))
    result = run("validate", str(path))
    assert result.returncode == 1
    assert_clean(result)


# --- verdicts on strange but possible input ---------------------------------------------------


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_numbers_are_not_json(tmp_path: Path, constant: str) -> None:
    window = json.loads(
        (ROOT / "events/dynamodb/tumbling-window/mid-window.json").read_text("utf-8")
    )
    text = json.dumps(window).replace('"state": {', f'"state": {{"bad": {constant}, ', 1)
    path = write(tmp_path, "window.json", text)
    result = run("validate", str(path))
    assert result.returncode == 1
    assert (
        f"{constant.lstrip('-')} is not JSON" in result.stdout
        or "-Infinity is not JSON" in result.stdout
    )


def test_duplicate_keys_are_reported_at_their_pointer(tmp_path: Path) -> None:
    text = EVENT.read_text("utf-8").replace(
        '"eventName": "INSERT",', '"eventName": "INSERT", "eventName": "REMOVE",', 1
    )
    path = write(tmp_path, "dup.json", text)
    result = run("validate", str(path))
    assert result.returncode == 1
    assert f'{path}: /Records/0/eventName: json: duplicate key "eventName"' in result.stdout


def test_encodings(tmp_path: Path) -> None:
    text = EVENT.read_text("utf-8")
    bom = write(tmp_path, "bom.json", b"\xef\xbb\xbf" + text.encode("utf-8"))
    utf16 = write(tmp_path, "utf16.json", text.encode("utf-16"))
    latin1 = write(tmp_path, "latin1.json", text.replace("New item!", "Caf\xe9").encode("latin-1"))
    result = run("validate", str(bom))
    assert result.returncode == 0 and f"{bom}: /: warning: json: " in result.stdout
    assert run("validate", "--strict", str(bom)).returncode == 1
    result = run("validate", str(utf16), str(latin1))
    assert f"{utf16}: /: json: UTF-16" in result.stdout
    assert f"{latin1}: /: json: not UTF-8" in result.stdout


def test_check_response_refuses_what_is_not_a_batch(tmp_path: Path) -> None:
    response = write(tmp_path, "response.json", '{"batchItemFailures": []}')
    for text in ("null", '{"batchItemFailures": []}'):
        not_batch = write(tmp_path, "event.json", text)
        result = run("check-response", "--response", str(response), "--event", str(not_batch))
        assert result.returncode == 2 and "not a batch" in result.stderr, result.stderr
    result = run("check-response", "--response", str(tmp_path), "--event", str(EVENT))
    assert result.returncode == 2 and "--response" in result.stderr
    nan = write(tmp_path, "nan.json", '{"batchItemFailures": NaN}')
    result = run("check-response", "--response", str(nan), "--event", str(EVENT))
    assert result.returncode == 1 and f"{nan}: /: json: NaN is not JSON" in result.stdout
    assert_clean(result)


# --- the generators agree with the validator ---------------------------------------------------


def test_attribute_name_limits() -> None:
    marshal_item({"a" * 65535: 1})
    with pytest.raises(MarshalError, match="at most 65535 bytes"):
        marshal_item({"a" * 65536: 1})
    stream_event([insert({"k" * 255: "v"})], partition_key="k" * 255)
    with pytest.raises(MarshalError, match="at most 255 bytes"):
        stream_event([insert({"k" * 256: "v"})], partition_key="k" * 256)


def test_item_size_limit() -> None:
    stream_event([insert({"Id": "a", "x": "x" * (400 * 1024 - 10)})])
    with pytest.raises(MarshalError, match="limit is 409600"):
        stream_event([insert({"Id": "a", "x": "x" * 500 * 1024})])


def test_python_api_edges() -> None:
    with pytest.raises(MarshalError, match=r"\$\.n"):
        marshal_item({"n": 10**5000})
    with pytest.raises(MarshalError, match=r"\$\.s"):
        marshal_item({"s": "\ud800"})
    with pytest.raises(ValueError, match="window_seconds"):
        tumbling_window_event([insert({"Id": 1})], window_seconds=0)
    with pytest.raises(TypeError):
        batch_response("abc")  # type: ignore[arg-type]
    assert validate_event(None) and validate_event({})
    assert validate_event({}, "batch-response") == []
    with pytest.raises(MarshalError):
        marshal_value(float("nan"))


@pytest.mark.parametrize(
    "args",
    [
        ["--count", "0"],
        ["--count", "10001"],
        ["--start", "-1", "--count", "1"],
        ["--start", "nan", "--count", "1"],
        ["--start", "inf", "--count", "1"],
        ["--start", "1e30", "--count", "1"],
        ["--region", "../../x", "--count", "1"],
        ["--table", "a b", "--count", "1"],
        [],
        ["--insert", '{"Id": {"S": "a"}}'],
    ],
)
def test_generate_refuses_what_cannot_be_an_event(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    status, out, err = call(capsys, "generate", "stream", *args)
    assert status in {1, 2} and out == ""
    assert err.startswith("ddbstreams: error: ") and len(err.splitlines()) == 1


def test_dynamodb_json_and_sets_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    item = '{"Id": {"S": "a"}, "tags": {"SS": ["x", "y"]}, "n": {"NS": ["1", "2"]}}'
    status, out, err = call(capsys, "generate", "stream", "--dynamodb-json", "--insert", item)
    assert status == 0, err
    image = json.loads(out)["Records"][0]["dynamodb"]["NewImage"]
    assert image["tags"] == {"SS": ["x", "y"]} and image["n"] == {"NS": ["1", "2"]}


def test_output_targets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = call(capsys, "generate", "stream", "--count", "1", "-o", "-")
    assert status == 0 and json.loads(out)["Records"]
    status, _, err = call(capsys, "generate", "stream", "--count", "1", "-o", "")
    assert status == 2 and "-o" in err
    target = tmp_path / "target.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    status, _, _ = call(capsys, "generate", "stream", "--count", "1", "-o", str(link))
    assert status == 0 and link.is_symlink() and json.loads(target.read_text())["Records"]


def test_check_response_needs_the_batch() -> None:
    from ddbstreams import check_response

    with pytest.raises(TypeError, match="batch"):
        check_response({"batchItemFailures": []}, None)


# --- window order compares instants ------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        ("2024-06-01T12:00:00Z", "2024-06-01T12:00:00.500Z", True),  # half a second later
        ("2024-06-01T12:00:00+05:00", "2024-06-01T08:00:00Z", True),  # 07:00Z, then 08:00Z
        ("2024-06-01T12:00:00Z", "2024-06-01T09:00:00-01:00", False),  # 10:00Z: before the start
        ("2024-06-01T12:00:00Z", "2024-02-30T12:00:00Z", False),  # no such day
    ],
)
def test_window_order_compares_instants(start: str, end: str, ok: bool) -> None:
    window = json.loads(
        (ROOT / "events/dynamodb/tumbling-window/mid-window.json").read_text("utf-8")
    )
    window["window"] = {"start": start, "end": end}
    rules = {p.rule for p in validate_event(window, "tumbling-window")}
    assert ("window-order" not in rules) is ok, rules


# --- the N pattern ---------------------------------------------------------------------------------


def test_number_pattern_matches_the_documented_forms_without_backtracking() -> None:
    import itertools
    import re

    from ddbstreams.numbers import number_pattern

    # The form as written from DynamoDB's documentation: sign, digits, optional point, exponent.
    documented = re.compile(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")
    current = re.compile(number_pattern())
    for size in range(7):
        for chars in itertools.product("1.e+-x", repeat=size):
            text = "".join(chars)
            assert bool(documented.match(text)) == bool(current.match(text)), text
    code = (
        "import json\n"
        "from ddbstreams.validation.validator import validate_document\n"
        f"doc = json.load(open({str(EVENT)!r}))\n"
        "doc['Records'][0]['dynamodb']['NewImage']['Message'] = {'N': '1' * 100000 + 'x'}\n"
        "print(sorted({p.rule for p in validate_document(doc, 'stream', engine='reference')}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=60,
        check=False,
    )
    assert result.stdout.strip() == "['schema:pattern']", result.stderr


# --- signals ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)]
)
def test_signals_end_the_run_quietly(tmp_path: Path, signum: int, status: int) -> None:
    out = tmp_path / "out.json"
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ddbstreams.cli",
            "generate",
            "stream",
            "--count",
            "10000",
            "-o",
            str(out),
        ],
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    assert child.stderr is not None
    first = child.stderr.readline()  # the first progress line: the command is running
    assert first.startswith("ddbstreams: 5000/10000"), first
    child.send_signal(signum)
    rest = child.stderr.read()
    assert child.wait(timeout=60) == status, rest
    assert "Traceback" not in rest
    assert [p.name for p in tmp_path.iterdir()] == []  # nothing written, no temporary file left


def test_a_closed_stdout_ends_the_run_quietly() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write to stdout now fails with EPIPE
    try:
        result = subprocess.run(
            [sys.executable, "-m", "ddbstreams.cli", "generate", "stream", "--count", "3"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=child_env(),
            check=False,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 1
    assert result.stderr == b""


# --- the escaping itself ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain é ü 日本", "plain é ü 日本"),  # printable text is kept as it is
        ("plain ascii ~!", "plain ascii ~!"),
        ("a\x7fb\tc", "a\\x7fb\\x09c"),  # ASCII, yet DEL and a tab
        ("a\nb", "a\\x0ab"),  # C0 controls
        ("\x1b]0;t\x07", "\\x1b]0;t\\x07"),  # OSC: retitles the terminal
        ("\x9b2J", "\\x9b2J"),  # C1 CSI
        ("\u202eabc", "\\u202eabc"),  # right-to-left override
        ("\u2066x\u2069", "\\u2066x\\u2069"),  # bidi isolates
        ("a\u2028b", "a\\u2028b"),  # line separator
        ("\ud800", "\\ud800"),  # a lone surrogate cannot even be encoded
    ],
)
def test_escape(raw: str, shown: str) -> None:
    from ddbstreams.terminal import escape

    assert escape(raw) == shown


def test_quote_bounds_a_value() -> None:
    from ddbstreams.terminal import quote

    assert quote("short") == '"short"'
    quoted = quote("x" * 1_000_000)
    assert quoted == '"' + "x" * 80 + '…" (1000000 characters)'


def test_documents_inside_documents_are_read_strictly(tmp_path: Path) -> None:
    import base64

    s3 = json.loads((ROOT / "events/dynamodb/failure-destination/s3.json").read_text("utf-8"))
    s3["payload"] = "[" * 900 + "]" * 900
    kinesis = json.loads(
        (ROOT / "events/dynamodb/kinesis/change-capture-event.json").read_text("utf-8")
    )
    kinesis["Records"][0]["kinesis"]["data"] = base64.b64encode(b'{"a": 1, "a": NaN}').decode()
    s3_path = write(tmp_path, "s3.json", json.dumps(s3))
    kinesis_path = write(tmp_path, "kinesis.json", json.dumps(kinesis))
    result = run("validate", str(s3_path), str(kinesis_path))
    assert f"{s3_path}: /payload: payload: json: nesting too deep" in result.stdout, result.stdout
    assert f"{kinesis_path}: /Records/0/kinesis/data: kinesis-data:" in result.stdout
    assert_clean(result)


def test_python_values_that_are_not_json() -> None:
    from decimal import Decimal

    assert validate_event({"Records": [{"x": float("nan")}]})[0].pointer == "/Records/0/x"
    assert (
        validate_event({"Records": [{"x": Decimal(1)}]})[0].message
        == "a Decimal is not a JSON value"
    )
    assert validate_event({"Records": [{(1, 2): 1}]})[0].rule == "json"
    assert validate_event({"Records": ["\ud800"]})[0].pointer == "/Records/0"


def test_generate_refuses_an_event_over_6_mb(capsys: pytest.CaptureFixture[str]) -> None:
    item = json.dumps({"Id": "a", "x": "x" * 390_000})
    status, out, err = call(capsys, "generate", "stream", *["--insert", item] * 17)
    assert status == 1 and out == ""
    assert "at most 6291456" in err


def test_default_names_are_ones_aws_writes() -> None:
    """The factory skips its pattern checks for the defaults: this is where they are checked."""
    from ddbstreams import factory

    factory.check_names(*factory.DEFAULT_NAMES)
    for bad in ({"table": "x"}, {"region": "moon-1"}, {"account_id": "12"}):
        with pytest.raises(ValueError):
            factory.stream_event([insert({"Id": 1})], **bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("limit", [None, 0], ids=["python-default-limit", "limit-lifted"])
def test_an_integer_of_thousands_of_digits_is_one_json_problem(limit: int | None) -> None:
    """Python's own digit limit, or this reader's when a process lifted it: the same verdict."""
    import sys

    from ddbstreams.validation.reading import read_bytes

    before = sys.get_int_max_str_digits()
    try:
        if limit is not None:
            sys.set_int_max_str_digits(limit)
        reading = read_bytes(b'{"Records": [], "n": ' + b"7" * 5000 + b"}")
    finally:
        sys.set_int_max_str_digits(before)
    assert [(p.pointer, p.rule) for p in reading.problems] == [("", "json")]
    assert reading.problems[0].message.startswith("an integer of 5000 digits")


@pytest.mark.parametrize("count", ["2", "2000"], ids=["small", "spilled-to-a-file"])
def test_dev_stdout_into_a_pipe(count: str) -> None:
    """`-o /dev/stdout | jq`: the device is written through, not resolved to the pipe's name."""
    result = run("generate", "stream", "--count", count, "-o", "/dev/stdout")  # stdout: a pipe
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["Records"]) == int(count)
