"""Building a 10,000-record NEW_AND_OLD_IMAGES batch with the factory, beside boto3.

What a user does without this package: marshal each item with boto3's
`TypeSerializer` and `json.dumps` the result, then fill in everything else
(IDs, sequence numbers, SizeBytes, ARNs) by hand. The factory does all of it;
this prints how much that costs, measured in the same run, and how long
loading + validating the built batch takes.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import ddbstreams
from bench_validate import best_of
from ddbstreams.validation import validate_document

RECORDS = 10_000


def items() -> list[tuple[dict[str, Any], dict[str, Any]]]:
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


def with_factory(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> str:
    writes = [ddbstreams.modify(old, new) for old, new in pairs]
    return json.dumps(ddbstreams.stream_event(writes, seed=1), separators=(",", ":"))


def with_boto3(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> str:
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


def main() -> None:
    pairs = items()
    factory = best_of(3, lambda: with_factory(pairs))
    text = with_factory(pairs)
    print(f"input: {RECORDS} MODIFY records, NEW_AND_OLD_IMAGES, {len(text):,} bytes as JSON\n")
    rows = [("ddbstreams factory + json.dumps (complete, valid records)", factory)]
    try:
        boto3 = best_of(3, lambda: with_boto3(pairs))
    except ImportError:
        boto3 = None
    if boto3 is not None:
        rows.append(("boto3 TypeSerializer + json.dumps (images only)", boto3))
    load_validate = best_of(3, lambda: validate_document(json.loads(text), "stream"))
    rows.append(("json.loads + ddbstreams validate of the built batch", load_validate))
    for name, seconds in rows:
        print(f"{name:<58} {seconds * 1000:9.1f} ms")
    if boto3 is not None:
        print(f"\nfactory / boto3 marshalling: {factory / boto3:.2f}× the time")
    assert validate_document(json.loads(text), "stream") == [], "the factory's batch must validate"


if __name__ == "__main__":
    main()
