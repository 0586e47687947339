"""How fast is `validate` on the largest real input, beside what a user would otherwise use?

The input is a 10,000-record NEW_AND_OLD_IMAGES batch just under Lambda's 6 MB
payload limit, built by the generators. Every figure comes from this one run;
the ratios are what matter (machines differ), so they are printed beside the
targets of issue #2.
"""

from __future__ import annotations

import gc
import json
import statistics
import time
import tracemalloc
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ddbstreams.records import Clock, Modify, Table, build_records, stream_event
from ddbstreams.validation import validate_document
from ddbstreams.validation.rules import MAX_EVENT_BYTES
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
        old = {
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


def peak_bytes(func: Callable[[], Any]) -> int:
    gc.collect()
    tracemalloc.start()
    func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def powertools_validate() -> Callable[[dict[str, Any]], Any] | None:
    try:
        from aws_lambda_powertools.utilities.parser.models import DynamoDBStreamModel
    except ImportError:
        return None
    return DynamoDBStreamModel.model_validate


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

    mem_loads = peak_bytes(lambda: json.loads(data))
    mem_ours = peak_bytes(lambda: validate_document(json.loads(data), "stream", raw_size=len(data)))
    print(
        f"\npeak memory: json.loads {mem_loads / 2**20:.1f} MiB, "
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
    main()
