"""Validation of the largest real input, end to end and not, beside `json.loads` and Powertools.

The input is a 10,000-record NEW_AND_OLD_IMAGES batch just under Lambda's 6 MB
payload limit, built by the generators. End to end means what the CLI does
with a file: bytes in, verdict out (read, parse, detect the shape, schema,
rules). Validate-only starts from an already-parsed document. The floor is
`json.loads` of the same bytes, with the cyclic GC on (what every caller pays
unless it pauses it) and off. Then many small files: what one process per
file costs beside one process for all, and whether the per-file cost stays flat.
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from ddbstreams.limits import MAX_EVENT_BYTES
from ddbstreams.records import Clock, Modify, Table, build_records, stream_event
from ddbstreams.validation import files, validate_document
from ddbstreams.validation.schemas import AUTO_PYTHON_MAX_BYTES, schema_problems
from harness import (
    BIN,
    CHILD_ENV,
    Samples,
    command,
    heading,
    interleaved,
    paired_ratio,
    row,
    target,
)

RECORDS = 10_000
ROUNDS = 9
SMALL_FILE = "events/dynamodb/stream/insert-new-image.json"
FILE_COUNTS = (100, 3000)


def big_batch() -> bytes:
    """10,000 MODIFY records with realistic items, serialized compactly, under 6 MB."""
    table = Table(
        name="Telemetry",
        partition_key="device",
        sort_key="at",
        stream_label="2024-06-01T00:00:00.000",
    )
    writes = []
    for i in range(RECORDS):
        old: dict[str, Any] = {
            "device": f"d-{i % 977:04d}",
            "at": 1_700_000_000 + i,
            "temp": Decimal(f"{20 + i % 15}.{i % 10}"),
        }
        new = {**old, "temp": old["temp"] + 1}
        writes.append(Modify(old, new))
    event = stream_event(build_records(table, writes, Clock(start=1_700_000_000, seed=1)))
    data = json.dumps(event, separators=(",", ":")).encode()
    assert len(data) <= MAX_EVENT_BYTES, len(data)
    return data


def loads_without_gc(data: bytes) -> Any:
    gc.disable()
    try:
        return json.loads(data)
    finally:
        gc.enable()


def end_to_end(path: Path) -> Callable[[], object]:
    """What `ddbstreams validate FILE` does in-process, its progress line silenced."""

    def run() -> object:
        with contextlib.redirect_stderr(io.StringIO()):
            problems = files.validate_file(path, None, "auto")
        assert problems == [], problems
        return problems

    return run


def orjson_loads(data: bytes) -> Callable[[], object] | None:
    try:
        import orjson
    except ImportError:
        return None

    def run() -> object:
        gc.disable()
        try:
            return orjson.loads(data)
        finally:
            gc.enable()

    return run


def powertools(data: bytes) -> Callable[[], object] | None:
    try:
        from aws_lambda_powertools.utilities.parser.models import DynamoDBStreamModel
    except ImportError:
        return None
    return lambda: DynamoDBStreamModel.model_validate_json(data)


def rss_growth(mode: str, path: Path) -> int:
    """Peak resident memory a fresh process adds while it loads (and validates) the file."""
    out = subprocess.run(
        [sys.executable, __file__, "--rss", mode, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout)


def _peak_rss() -> int:
    """This process's peak resident set size in bytes (VmHWM on Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _rss_child(mode: str, path: str) -> None:
    data = Path(path).read_bytes()
    validate_document({"Records": []}, "stream")  # compile the schema before the baseline
    with contextlib.suppress(OSError):  # a child's peak starts at its parent's; "5" resets it
        Path("/proc/self/clear_refs").write_text("5")
    before = _peak_rss()
    doc = json.loads(data)
    if mode == "validate":
        validate_document(doc, "stream", raw_size=len(data))
    print(_peak_rss() - before)


def big_batch_section(data: bytes, path: Path) -> list[bool]:
    doc = json.loads(data)
    assert validate_document(doc, "stream", raw_size=len(data)) == [], "the batch must be valid"
    heading(
        f"Validation: {RECORDS:,} records, {len(data):,} bytes (limit {MAX_EVENT_BYTES:,}), "
        f"interleaved, {ROUNDS} rounds"
    )
    contenders: dict[str, Callable[[], object]] = {
        "json.loads (floor)": lambda: json.loads(data),
        "json.loads, cyclic GC paused (floor)": lambda: loads_without_gc(data),
        "end to end in-process: file bytes in → verdict out": end_to_end(path),
        "validate-only (already parsed): schema + rules": lambda: validate_document(
            doc, "stream", raw_size=len(data)
        ),
        "  of which schema (jsonschema-rs)": lambda: list(schema_problems(doc, "stream", "fast")),
    }
    orjson = orjson_loads(data)
    if orjson is not None:
        # The optional parser weighed for reading: it would replace only the parse.
        contenders["orjson.loads, cyclic GC paused (a parser considered)"] = orjson
    peer = powertools(data)
    if peer is not None:
        contenders["Powertools DynamoDBStreamModel.model_validate_json(bytes)"] = peer
    runs = interleaved(contenders, ROUNDS)
    loads = runs["json.loads (floor)"]
    for name, samples in runs.items():
        row(name, samples, f"{paired_ratio(samples, loads):5.2f}× json.loads")
    # The reference engine takes ~50× longer: compared on the first 1,000 records only.
    part = {"Records": doc["Records"][:1000]}
    slice_runs = interleaved(
        {
            "1,000 records: ddbstreams validate-only": lambda: validate_document(part, "stream"),
            "1,000 records: jsonschema (reference engine), schema only": lambda: list(
                schema_problems(part, "stream", engine="reference")
            ),
        },
        rounds=1,
    )
    for name, samples in slice_runs.items():
        row(name, samples)
    ours_part, reference = slice_runs.values()

    fresh = interleaved(
        {
            "fresh process: python -c 'json.loads(FILE bytes)'": command(
                BIN / "python",
                "-c",
                "import json, sys; json.loads(open(sys.argv[1], 'rb').read())",
                path,
            ),
            "fresh process: ddbstreams validate FILE": command(
                BIN / "ddbstreams", "validate", path
            ),
        },
        ROUNDS,
    )
    for name, samples in fresh.items():
        row(name, samples)

    e2e = paired_ratio(runs["end to end in-process: file bytes in → verdict out"], loads)
    mem_loads, mem_ours = rss_growth("loads", path), rss_growth("validate", path)
    print(
        f"\n  peak memory growth (RSS): json.loads {mem_loads / 2**20:.1f} MiB, "
        f"json.loads + validate {mem_ours / 2**20:.1f} MiB\n"
    )
    met = [
        target(
            e2e <= 1.5, f"validation end to end ≤ 1.5× json.loads of the same bytes: {e2e:.2f}×"
        ),
        target(
            reference.median >= 20 * ours_part.median,
            f"≥ 20× faster than plain jsonschema: {reference.median / ours_part.median:.0f}×",
        ),
        target(
            mem_ours <= 2 * mem_loads,
            f"peak memory ≤ 2× json.loads': {mem_ours / max(mem_loads, 1):.2f}×",
        ),
    ]
    if peer is not None:
        name = "Powertools DynamoDBStreamModel.model_validate_json(bytes)"
        ratio = paired_ratio(runs[name], runs["end to end in-process: file bytes in → verdict out"])
        met.append(target(ratio > 1, f"end to end faster than Powertools: {ratio:.2f}×"))
    return met


def validate_folder(folder: Path) -> int:
    """What `ddbstreams validate DIR` does in-process: every file, one report (printed aside)."""
    report = files.Report(out=io.StringIO())
    for path, scanned in files.walk([str(folder)]):
        checked = files.check_file(path, None, "auto", scanned=scanned)
        assert checked is not None, path
        report.add(str(path), checked[1], checked[0])
    assert not report.failed, report.summary()
    return report.files


def many_files_section(scratch: Path) -> list[bool]:
    heading("Many small files: one process for all, beside one process per file")
    contenders: dict[str, Callable[[], object]] = {}
    for count in FILE_COUNTS:
        folder = scratch / f"files-{count}"
        folder.mkdir()
        for i in range(count):
            shutil.copyfile(SMALL_FILE, folder / f"event-{i:04d}.json")
        contenders[f"{count:,} files in one process (in-process, per file)"] = partial(
            validate_folder, folder
        )
    contenders["one fresh process per file: ddbstreams validate FILE"] = command(
        BIN / "ddbstreams", "validate", SMALL_FILE
    )
    runs = interleaved(contenders, ROUNDS)
    per_file = []
    for count, (name, samples) in zip(FILE_COUNTS, runs.items(), strict=False):
        per_file.append(Samples(name, [t / count for t in samples.times]))
        row(name, per_file[-1])
    process = runs["one fresh process per file: ddbstreams validate FILE"]
    row(process.name, process)
    few, many = per_file[0], per_file[-1]
    print(
        f"\n  one process per file costs {process.median / many.median:,.0f}× "
        f"the marginal cost of a file in one process\n"
    )
    flat = paired_ratio(many, few)
    return [
        target(
            flat <= 1.5,
            f"per-file cost flat: {FILE_COUNTS[-1]:,} files ≤ 1.5× {FILE_COUNTS[0]:,} files, "
            f"per file: {flat:.2f}×",
        )
    ]


ENGINE_SIZES = (10, 100, 300, 1000, RECORDS)
ENGINE_FIXTURES = (SMALL_FILE, "events/dynamodb/stream/attribute-types.json")

# A fresh process: the validation package loaded, then one engine built (import included).
BUILD_CHILD = """
import sys, time
from ddbstreams.validation import schemas
start = time.perf_counter()
getattr(schemas, sys.argv[1])("stream")
print(time.perf_counter() - start)
"""


def build_cost(engine: str) -> float:
    """Seconds a fresh process spends importing and building `engine`'s stream validator."""
    out = subprocess.run(
        [sys.executable, "-c", BUILD_CHILD, engine],
        capture_output=True,
        text=True,
        check=True,
        env=CHILD_ENV,
    )
    return float(out.stdout)


def _repeat(doc: Any, engine: Any, reps: int) -> None:
    for _ in range(reps):
        list(schema_problems(doc, "stream", engine))


def engines_section(batch: dict[str, Any]) -> list[bool]:
    """The python engine beside jsonschema-rs: where one document costs the same either way."""
    heading(
        "Schema engines: python (pyschema) beside jsonschema-rs, per document, interleaved, "
        f"{ROUNDS} rounds"
    )
    builds = {
        "_fast": Samples("jsonschema-rs: import + build", []),
        "_python": Samples("python engine: import + build", []),
    }
    for _ in range(ROUNDS):
        for engine, samples in builds.items():
            samples.times.append(build_cost(engine))
    for samples in builds.values():
        row(samples.name, samples)
    docs: dict[str, tuple[Any, int]] = {}
    for path in ENGINE_FIXTURES:
        raw = Path(path).read_bytes()
        docs[Path(path).name] = (json.loads(raw), len(raw))
    for count in ENGINE_SIZES:
        part = {"Records": batch["Records"][:count]}
        docs[f"{count:,} records"] = (part, len(json.dumps(part, separators=(",", ":"))))
    per_byte: dict[str, list[float]] = {"python": [], "fast": []}
    for name, (doc, size) in docs.items():
        reps = max(1, 500_000 // size)  # small documents: many per sample, timed together
        runs = interleaved(
            {
                f"{name} ({size:,} B): {engine}": partial(_repeat, doc, engine, reps)
                for engine in ("python", "fast")
            },
            ROUNDS,
        )
        python, fast = (Samples(r.name, [t / reps for t in r.times]) for r in runs.values())
        row(python.name, python, f"{paired_ratio(python, fast):5.1f}× jsonschema-rs")
        row(fast.name, fast)
        if size >= 50_000:
            per_byte["python"].append(python.median / size)
            per_byte["fast"].append(fast.median / size)
    build_gap = builds["_fast"].median - builds["_python"].median
    slope = statistics.median(per_byte["python"]) - statistics.median(per_byte["fast"])
    crossover = build_gap / slope
    print(
        f"\n  one document costs the same with either engine at about {crossover / 1024:,.0f} KiB; "
        f"AUTO_PYTHON_MAX_BYTES is {AUTO_PYTHON_MAX_BYTES / 1024:,.0f} KiB\n"
    )
    return [
        target(
            crossover / 2 <= AUTO_PYTHON_MAX_BYTES <= crossover * 2,
            f"auto's threshold within 2× of the measured crossover ({crossover / 1024:,.0f} KiB)",
        )
    ]


def main() -> list[bool]:
    data = big_batch()
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        path = scratch / "batch.json"
        path.write_bytes(data)
        met = big_batch_section(data, path) + many_files_section(scratch)
    return met + engines_section(json.loads(data))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--rss"]:
        _rss_child(sys.argv[2], sys.argv[3])
    else:
        main()
