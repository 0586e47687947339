"""Building events: the factory beside boto3, and `generate stream` at 1k and 10k records.

What a user does without this package: marshal each item with boto3's
`TypeSerializer` and `json.dumps` the result, then fill in everything else
(IDs, sequence numbers, SizeBytes, ARNs) by hand. The factory does all of it;
both contenders get the same 10,000 item pairs, interleaved. Generation runs
the CLI in a fresh process and reports its time and peak memory beside the
size of what it wrote: memory that grows with the output is what a
streaming writer avoids.
"""

from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import ddbstreams
from harness import BIN, heading, interleaved, ms, paired_ratio, row, target, timed_peak_rss

RECORDS = 10_000
ROUNDS = 5
# (records, runs): a batch holds at most 10,000 records (Lambda's BatchSize maximum).
GENERATE = ((1_000, 3), (10_000, 3))

Pairs = list[tuple[dict[str, Any], dict[str, Any]]]


def items() -> Pairs:
    """(old, new) pairs of realistic items, the same for both contenders."""
    pairs = []
    for i in range(RECORDS):
        old = {
            "Id": f"order-{i:05d}",
            "status": "PLACED",
            "total": Decimal(f"{i % 500}.{i % 100:02d}"),
            "lines": [{"sku": f"sku-{i % 37}", "qty": 1 + i % 3}],
            "tags": {"web", f"region-{i % 4}"},
        }
        pairs.append((old, {**old, "status": "SHIPPED", "carrier": "DHL"}))
    return pairs


def with_factory(pairs: Pairs) -> str:
    writes = [ddbstreams.modify(old, new) for old, new in pairs]
    return json.dumps(ddbstreams.stream_event(writes, seed=1), separators=(",", ":"))


def with_boto3(pairs: Pairs) -> str:
    from boto3.dynamodb.types import TypeSerializer

    serialize = TypeSerializer().serialize
    records = []
    for old, new in pairs:
        records.append(
            {
                "eventName": "MODIFY",
                "dynamodb": {
                    "Keys": {"Id": serialize(new["Id"])},
                    "NewImage": {k: serialize(v) for k, v in new.items()},
                    "OldImage": {k: serialize(v) for k, v in old.items()},
                    "StreamViewType": "NEW_AND_OLD_IMAGES",
                },
            }
        )
    return json.dumps({"Records": records}, separators=(",", ":"))


def factory_section() -> list[bool]:
    pairs = items()
    text = with_factory(pairs)
    assert ddbstreams.validate_event(json.loads(text)) == [], "the factory's batch must validate"
    heading(
        f"Factory: {RECORDS:,} MODIFY records, NEW_AND_OLD_IMAGES, {len(text):,} bytes, "
        f"interleaved, {ROUNDS} rounds"
    )
    factory = "ddbstreams factory + json.dumps (complete, valid records)"
    boto3 = "boto3 TypeSerializer + json.dumps (images only)"
    runs = interleaved(
        {factory: lambda: with_factory(pairs), boto3: lambda: with_boto3(pairs)}, ROUNDS
    )
    for name, samples in runs.items():
        row(name, samples, f"{paired_ratio(samples, runs[boto3]):5.2f}× boto3")
    ratio = paired_ratio(runs[factory], runs[boto3])
    print()
    return [target(ratio <= 1, f"factory at least as fast as boto3 + json.dumps: {ratio:.2f}×")]


def generation_section() -> list[bool]:
    heading("Generation: `ddbstreams generate stream --count N -o FILE`, a fresh process each")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "event.json"
        peaks = []
        for count, runs in GENERATE:
            measured = [
                timed_peak_rss(
                    [BIN / "ddbstreams", "generate", "stream", "--count", str(count), "-o", out]
                )
                for _ in range(runs)
            ]
            wall = sorted(m[0] for m in measured)[len(measured) // 2]
            peak = max(m[1] for m in measured)
            size = out.stat().st_size
            peaks.append(peak)
            print(
                f"  {count:>7,} records: {ms(wall):>10} (median of {runs}), "
                f"output {size / 2**20:6.1f} MiB, peak RSS {peak / 2**20:6.1f} MiB "
                f"= {peak / size:.2f}× the output"
            )
    print()
    growth = peaks[-1] / peaks[0]
    return [
        target(
            growth <= 1.5,
            f"flat memory: peak RSS at {GENERATE[-1][0]:,} records ≤ 1.5× at "
            f"{GENERATE[0][0]:,}: {growth:.2f}×",
        )
    ]


def main() -> list[bool]:
    return factory_section() + generation_section()


if __name__ == "__main__":
    main()
