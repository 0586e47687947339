"""How fast is `validate` on the largest real input, beside what a user would otherwise use?

The input is a 10,000-record NEW_AND_OLD_IMAGES batch just under Lambda's 6 MB
payload limit, built by the generators. Every figure comes from this one run;
the ratios are what matter (machines differ), so they are printed beside the
targets of issue #2.
"""

from __future__ import annotations

import contextlib
import gc
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from ddbstreams.limits import MAX_EVENT_BYTES
from ddbstreams.records import Clock, Modify, Table, build_records, stream_event
from ddbstreams.validation import validate_document
from ddbstreams.validation.schemas import schema_problems

RECORDS = 10_000


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


def best_of(repeats: int, func: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def rss_growth(mode: str, path: str) -> int:
    """Peak resident memory a fresh process adds while it loads (and validates) the file.

    Measured as the OS sees it (ru_maxrss), so memory allocated inside the
    compiled validator counts too, which tracemalloc would miss.
    """
    out = subprocess.run(
        [sys.executable, __file__, "--rss", mode, path],
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
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _reset_peak_rss() -> None:
    # A child's peak starts at its parent's (inherited over fork); "5" resets it.
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _rss_child(mode: str, path: str) -> None:
    data = Path(path).read_bytes()
    validate_document({"Records": []}, "stream")  # compile the schema before the baseline
    _reset_peak_rss()
    before = _peak_rss()
    doc = json.loads(data)
    if mode == "validate":
        validate_document(doc, "stream", raw_size=len(data))
    print(_peak_rss() - before)


def powertools_validate() -> Callable[[dict[str, Any]], Any] | None:
    try:
        from aws_lambda_powertools.utilities.parser.models import DynamoDBStreamModel
    except ImportError:
        return None
    validate: Callable[[dict[str, Any]], Any] = DynamoDBStreamModel.model_validate
    return validate


def main() -> None:
    data = big_batch()
    doc = json.loads(data)
    assert validate_document(doc, "stream", raw_size=len(data)) == [], "the batch must be valid"
    print(f"input: {RECORDS} records, {len(data):,} bytes (limit {MAX_EVENT_BYTES:,})\n")

    loads = best_of(5, lambda: json.loads(data))
    ours = best_of(5, lambda: validate_document(doc, "stream", raw_size=len(data)))
    ours_total = best_of(
        3, lambda: validate_document(json.loads(data), "stream", raw_size=len(data))
    )
    schema_only = best_of(5, lambda: list(schema_problems(doc, "stream")))
    reference = best_of(1, lambda: list(schema_problems(doc, "stream", engine="reference")))
    rows = [
        ("json.loads (the floor)", loads),
        ("ddbstreams validate: schema + semantic rules", ours),
        ("  of which schema (jsonschema-rs)", schema_only),
        ("ddbstreams json.loads + validate", ours_total),
        ("jsonschema (reference), same schema", reference),
    ]
    model_validate = powertools_validate()
    powertools = best_of(3, lambda: model_validate(doc)) if model_validate else None
    if powertools is not None:
        rows.append(("Powertools DynamoDBStreamModel.model_validate", powertools))

    for name, seconds in rows:
        print(f"{name:<50} {seconds * 1000:9.1f} ms  {seconds / loads:6.2f}× json.loads")

    with tempfile.NamedTemporaryFile(suffix=".json") as handle:
        handle.write(data)
        handle.flush()
        mem_loads = rss_growth("loads", handle.name)
        mem_ours = rss_growth("validate", handle.name)
    print(
        f"\npeak memory growth (RSS): json.loads {mem_loads / 2**20:.1f} MiB, "
        f"json.loads + validate {mem_ours / 2**20:.1f} MiB ({mem_ours / mem_loads:.2f}×)"
    )

    print("\ntargets (issue #2):")
    checks = [
        (f"validate within 5× json.loads: {ours / loads:.2f}×", ours <= 5 * loads),
        (f"≥ 20× faster than plain jsonschema: {reference / ours:.1f}×", reference >= 20 * ours),
        (f"peak memory ≤ 2× json.loads: {mem_ours / mem_loads:.2f}×", mem_ours <= 2 * mem_loads),
    ]
    if powertools is not None:
        checks.append(
            (f"faster than Powertools model_validate: {powertools / ours:.1f}×", ours < powertools)
        )
    else:
        checks.append(("Powertools not installed: comparison skipped", True))
    for text, met in checks:
        print(f"  [{'met' if met else 'MISSED'}] {text}")
    print(
        f"\n(median-free best-of timings; stdev of json.loads runs: "
        f"{statistics.pstdev([best_of(1, lambda: json.loads(data)) for _ in range(3)]) * 1000:.1f} ms)"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--rss"]:
        _rss_child(sys.argv[2], sys.argv[3])
    else:
        main()
