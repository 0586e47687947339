"""Fuzz the CLI and the Python API with generated and mutated events; fail on any crash.

    python tests/fuzz/run.py --seed 0 --budget 120     # what CI runs
    python tests/fuzz/run.py --seed 7 --budget 1800    # longer, by hand

Each CLI run is a child process, measured on its own: it fails the session on
a traceback, a signal, an exit status other than 0/1/2, a printed line that
does not start with `ddbstreams:` or `FILE: /`, a line longer than the bound,
a raw control character, or a peak RSS above a fixed base plus a multiple of
the input's size. The API half calls `validate_event` and the builders in
process on Hypothesis-generated documents and items.
"""

from __future__ import annotations

import argparse
import base64
import codecs
import contextlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
GENERATORS = ROOT / "generators"
sys.path.insert(0, str(GENERATORS))

from ddbstreams.attributes import MarshalError  # noqa: E402
from ddbstreams.factory import insert, stream_event, validate_event  # noqa: E402

MAX_LINE = 1100  # the CLI cuts lines at 1,000 characters plus a short note
MAX_JSON_LINE = 6 * MAX_LINE  # the same content, each character at most a 6-character escape
BASE_RSS = 120 * 1024 * 1024  # interpreter, both schema engines, the schemas (~35 MB seen)
RSS_PER_INPUT_BYTE = 40  # parsed JSON in Python costs tens of bytes per byte of text
CONTROL = {chr(c) for c in range(32) if chr(c) not in "\n\t"} | {"\x7f"}

FIXTURES = sorted(p for p in (ROOT / "events").rglob("*.json") if p.name != "index.json")


class Failure(AssertionError):
    """A run that broke one of the session's promises."""


class BudgetSpent(Exception):
    """Raised inside a Hypothesis test when its time is up, to end the run early."""


# The child reports its own peak: VmHWM covers only the running program, while ru_maxrss
# keeps the high-water mark of the fuzzer it was forked from (Linux keeps it across exec).
CHILD = """
import atexit, sys

def report(path=sys.argv.pop(1)):
    with open("/proc/self/status") as status, open(path, "w") as out:
        out.write(next(line for line in status if line.startswith("VmHWM:")).split()[1])

atexit.register(report)
from ddbstreams.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_cli(args: list[str], input_size: int, workdir: Path) -> None:
    """Run `ddbstreams ARGS` in a child and check everything it did."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(GENERATORS), env.get("PYTHONPATH")]))
    out_path, err_path, peak_path = workdir / "stdout", workdir / "stderr", workdir / "peak"
    peak_path.unlink(missing_ok=True)
    with out_path.open("wb") as out, err_path.open("wb") as err:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(peak_path), *args],
            stdout=out,
            stderr=err,
            cwd=workdir,
            env=env,
        )
        try:
            status = child.wait(timeout=120)
        except subprocess.TimeoutExpired:
            child.kill()
            raise Failure(f"{args}: still running after 120 s") from None
    text = out_path.read_bytes().decode("utf-8", "replace") + err_path.read_bytes().decode(
        "utf-8", "replace"
    )
    where = f"ddbstreams {' '.join(a[:60] for a in args)}"
    if status not in (0, 1, 2):
        raise Failure(f"{where}: exit status {status}\n{text[-2000:]}")
    if "Traceback" in text:
        raise Failure(f"{where}: traceback\n{text[-4000:]}")
    for line in text.splitlines():
        # A JSON line (--format json) escapes non-ASCII as \\uXXXX: allow for that.
        if len(line) > (MAX_JSON_LINE if line.startswith("{") else MAX_LINE):
            raise Failure(f"{where}: a line of {len(line)} characters")
        if CONTROL & set(line):
            raise Failure(f"{where}: a raw control character in {line[:200]!r}")
        if not (line.startswith("ddbstreams:") or ": /" in line or line.startswith("{")):
            raise Failure(f"{where}: an unlabelled line {line[:200]!r}")
    peak = int(peak_path.read_text()) * 1024
    bound = BASE_RSS + RSS_PER_INPUT_BYTE * input_size
    if peak > bound:
        raise Failure(f"{where}: peak RSS {peak >> 20} MB for {input_size} bytes of input")


# --- mutations: each takes the fixture's text and returns the bytes of a hostile file ----------


def _deep(rng: random.Random, text: str) -> bytes:
    depth = rng.choice([40, 101, 1000, 12000, 100_000])
    return text.replace('{"S":', "[" * depth + "]" * depth + ', "x": {"S":', 1).encode()


def _huge_value(rng: random.Random, text: str) -> bytes:
    size = rng.choice([100_000, 1_000_000, 7_000_000])
    return text.replace('"S": "', '"S": "' + "x" * size, 1).encode()


def _control(rng: random.Random, text: str) -> bytes:
    evil = rng.choice(["\x1b]0;owned\x07", "\n/: ok", "\u202e", "\x1b[2J", "\r", "\x00"])
    escaped = json.dumps(evil)[1:-1]
    return (
        text.replace('"S": "', f'"S": "{escaped}', 1)
        .replace('": {"S"', f'{escaped}": {{"S"', 1)
        .encode()
    )


def _encoding(rng: random.Random, text: str) -> bytes:
    choice = rng.choice(["utf-16", "utf-32", "bom", "latin-1", "cut"])
    if choice == "bom":
        return codecs.BOM_UTF8 + text.encode()
    if choice == "latin-1":
        return text.replace('"S": "', '"S": "caf\xe9', 1).encode("latin-1", "replace")
    if choice == "cut":
        data = text.encode()
        return data[: rng.randrange(len(data) or 1)]
    return text.encode(choice)


def _duplicate_key(rng: random.Random, text: str) -> bytes:
    return text.replace('"eventName": ', '"eventName": "REMOVE", "eventName": ', 1).encode()


def _non_finite(rng: random.Random, text: str) -> bytes:
    literal = rng.choice(["NaN", "Infinity", "-Infinity", "1e999", "9" * 5000])
    return text.replace('"SizeBytes": ', f'"SizeBytes": {literal}, "x": ', 1).encode()


def _surrogate(rng: random.Random, text: str) -> bytes:
    return text.replace('"S": "', '"S": "\\ud800', 1).encode()


def _flip(rng: random.Random, text: str) -> bytes:
    data = bytearray(text.encode())
    for _ in range(rng.randrange(1, 8)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def _many_records(rng: random.Random, text: str) -> bytes:
    doc = json.loads(text)
    records = doc.get("Records") if isinstance(doc, dict) else doc
    if not isinstance(records, list) or not records:
        return text.encode()
    count = rng.choice([10_001, 60_000])
    records.extend(records[0] for _ in range(count))
    return json.dumps(doc).encode()


def _inner_document(rng: random.Random, text: str) -> bytes:
    """A document inside the document: an S3 destination's payload, a Kinesis record's data."""
    doc = json.loads(text)
    inner = rng.choice(
        ["[" * 5000 + "]" * 5000, '{"a": 1, "a": NaN}', '"\\ud800"', "[" * 900 + "]" * 900]
    )
    if isinstance(doc, dict) and "payload" in doc:
        doc["payload"] = inner
    elif isinstance(doc, dict) and isinstance(doc.get("Records"), list):
        for record in doc["Records"]:
            if isinstance(record, dict) and "kinesis" in record:
                record["kinesis"]["data"] = base64.b64encode(inner.encode()).decode()
    return json.dumps(doc).encode()


MUTATIONS: list[Callable[[random.Random, str], bytes]] = [
    _inner_document,
    _deep,
    _huge_value,
    _control,
    _encoding,
    _duplicate_key,
    _non_finite,
    _surrogate,
    _flip,
    _many_records,
]
NAMES = ["event.json", "evil\n: ok.json", "\x1b]0;t\x07.json", "\u202ekcilc.json", "UPPER.JSON"]


def fuzz_cli(rng: random.Random, deadline: float) -> int:
    runs = 0
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(scratch)
        while time.monotonic() < deadline:
            fixture = rng.choice(FIXTURES)
            mutation = rng.choice(MUTATIONS)
            data = mutation(rng, fixture.read_text("utf-8"))
            folder = workdir / f"case{runs}"
            folder.mkdir()
            path = folder / rng.choice(NAMES)
            path.write_bytes(data)
            command = rng.choice(
                ["validate", "validate-json", "validate-folder", "check-response", "reference"]
            )
            if command == "validate":
                args = ["validate", str(path)]
            elif command == "validate-json":
                args = ["validate", "--format", "json", str(path)]
            elif command == "validate-folder":
                (folder / "sub.json").mkdir()
                args = ["validate", str(folder)]
            elif command == "reference":
                args = ["validate", "--engine", "reference", str(path)]
            else:
                response = folder / "response.json"
                response.write_bytes(_flip(rng, '{"batchItemFailures": [{"itemIdentifier": "1"}]}'))
                args = ["check-response", "--response", str(response), "--event", str(path)]
            run_cli(args, len(data), workdir)
            runs += 1
            if runs % 25 == 0:
                print(f"fuzz: {runs} CLI runs", flush=True)
        for args in (
            ["generate", "stream", "--count", str(10**9)],
            ["generate", "stream", "--start", "nan", "--count", "1"],
            ["generate", "stream", "--insert", '{"Id": {"S": "a"}}'],
            ["validate"],
        ):
            run_cli(args, 0, workdir)
    return runs


# --- the API, in process, on Hypothesis-generated documents ------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=30,
)


def fuzz_api(seed_value: int, deadline: float) -> int:
    calls = [0]
    limit = [time.monotonic() + (deadline - time.monotonic()) / 2]  # half each

    @seed(seed_value)
    @settings(
        max_examples=100_000,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(
        doc=JSON_VALUES,
        depth=st.integers(0, 5000),
        shape=st.sampled_from([None, "stream", "pipes", "tumbling-window"]),
    )
    def documents(doc: Any, depth: int, shape: str | None) -> None:
        if time.monotonic() > limit[0]:
            raise BudgetSpent
        for _ in range(depth):
            doc = {"L": [doc]}
        wrapped = {"Records": [{"dynamodb": {"NewImage": {"a": doc}}}]}
        for candidate in (doc, wrapped):
            problems = validate_event(candidate, shape)
            assert all(len(p.message) < 400 for p in problems)
        calls[0] += 1

    @seed(seed_value)
    @settings(
        max_examples=100_000,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(item=st.dictionaries(st.text(max_size=6), JSON_VALUES, max_size=4), key=JSON_VALUES)
    def builders(item: dict[str, Any], key: Any) -> None:
        if time.monotonic() > limit[0]:
            raise BudgetSpent
        try:
            built = stream_event([insert({**item, "Id": key})])
        except (MarshalError, ValueError, TypeError):
            return
        errors = [p for p in validate_event(built) if p.severity == "error"]
        assert not errors, (item, key, errors[:3])
        calls[0] += 1

    for test, until in ((documents, limit[0]), (builders, deadline)):
        limit[0] = until
        with contextlib.suppress(BudgetSpent):
            test()
    return calls[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--budget", type=float, default=120, help="seconds, in total")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    start = time.monotonic()
    try:
        runs = fuzz_cli(rng, start + args.budget * 0.7)
        calls = fuzz_api(args.seed, time.monotonic() + args.budget * 0.3)
    except Failure as exc:
        print(f"fuzz: FAILED (seed {args.seed}): {exc}", file=sys.stderr)
        return 1
    print(f"fuzz: {runs} CLI runs and {calls} API calls in {time.monotonic() - start:.0f} s: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
