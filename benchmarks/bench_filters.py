"""How fast is `ddbstreams.filters` on a full batch, beside parsing it and beside event-ruler?

Five compiled patterns, each over a 10,000-record batch (50,000 evaluations),
timed beside `json.loads` of the same batch (the target: filtering costs less
than parsing) and beside event-ruler 2.1.0 on the same pairs in the same run
(tests/oracles/event-ruler, built with Maven; skipped with a message when Java
or the build is missing). Every figure comes from this one run; the ratios are
what matter.
"""

from __future__ import annotations

import gc
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from ddbstreams.filters import compile
from ddbstreams.records import (
    Clock,
    Insert,
    Modify,
    Remove,
    Table,
    Write,
    build_records,
    stream_event,
)

RECORDS = 10_000
ROOT = Path(__file__).resolve().parents[1]
ORACLE = ROOT / "tests" / "oracles" / "event-ruler"

PATTERNS: list[dict[str, Any]] = [
    {"eventName": ["INSERT", "MODIFY"]},
    {"dynamodb": {"NewImage": {"status": {"S": [{"prefix": "SHIP"}]}}}},
    {"$or": [{"eventName": ["REMOVE"]}, {"dynamodb": {"NewImage": {"priority": {"S": ["high"]}}}}]},
    {"dynamodb": {"NewImage": {"status": {"S": [{"anything-but": ["PLACED", "CANCELLED"]}]}}}},
    {
        "dynamodb": {
            "SizeBytes": [{"numeric": [">", 100]}],
            "OldImage": {"note": {"S": [{"exists": False}]}},
        }
    },
]


def batch() -> bytes:
    """10,000 INSERT / MODIFY / REMOVE records of an orders table, compact JSON."""
    table = Table(name="Orders", partition_key="orderId", stream_label="2024-06-01T00:00:00.000")
    statuses = ["PLACED", "SHIPPED", "SHIPPING", "DELIVERED", "CANCELLED"]
    writes: list[Write] = []
    for i in range(RECORDS):
        item: dict[str, Any] = {
            "orderId": f"ORD-{i:06d}",
            "status": statuses[i % len(statuses)],
            "total": Decimal(f"{10 + i % 90}.{i % 100:02d}"),
            "priority": "high" if i % 7 == 0 else "normal",
        }
        if i % 3 == 0:
            item["note"] = "gift"
        kind = i % 3
        if kind == 0:
            writes.append(Insert(item))
        elif kind == 1:
            writes.append(Modify(item, {**item, "status": statuses[(i + 1) % len(statuses)]}))
        else:
            writes.append(Remove(item))
    event = stream_event(build_records(table, writes, Clock(start=1_717_200_000, seed=3)))
    return json.dumps(event, separators=(",", ":")).encode()


def best_of(repeats: int, func: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def event_ruler_seconds(records: list[Any]) -> tuple[float, int] | None:
    classes = ORACLE / "target" / "classes"
    if shutil.which("java") is None or not (classes / "oracle" / "Bench.class").is_file():
        print(
            "event-ruler: skipped (needs java and `mvn -q -B package` in tests/oracles/event-ruler)"
        )
        return None
    lines = [json.dumps(p) for p in PATTERNS] + [""] + [json.dumps(r) for r in records]
    run = subprocess.run(
        ["java", "-cp", f"{classes}:{ORACLE / 'target' / 'lib' / '*'}", "oracle.Bench"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    nanos, matched = run.stdout.split()
    return int(nanos) / 1e9, int(matched)


def main() -> int:
    data = batch()
    event = json.loads(data)
    records = event["Records"]
    filters = [compile(p) for p in PATTERNS]

    def filter_all() -> int:
        return sum(f.matches(r) for f in filters for r in records)

    matched = filter_all()
    parse = best_of(5, lambda: json.loads(data))
    filtering = best_of(5, filter_all)
    pairs = len(filters) * len(records)
    print(
        f"batch: {len(records)} records, {len(data) / 1e6:.2f} MB; {len(filters)} patterns, {pairs} pairs, {matched} matches"
    )
    print(f"json.loads of the batch:          {parse * 1e3:8.1f} ms")
    print(
        f"ddbstreams.filters, 5 patterns:   {filtering * 1e3:8.1f} ms  ({filtering / parse:.2f}x json.loads; target < 1)"
    )
    print(f"  per pair:                       {filtering / pairs * 1e6:8.2f} µs")
    ruler = event_ruler_seconds(records)
    if ruler is not None:
        seconds, ruler_matched = ruler
        assert ruler_matched == matched, (ruler_matched, matched)
        print(
            f"event-ruler 2.1.0 (parse+match):  {seconds * 1e3:8.1f} ms  (ddbstreams.filters + one json.loads: "
            f"{(filtering + parse) / seconds:.2f}x event-ruler)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
