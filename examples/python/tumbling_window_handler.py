"""A tumbling-window aggregator with the Python standard library only.

With `TumblingWindowInSeconds` set on the event source mapping, Lambda adds
`window`, `state`, `shardId`, `isFinalInvokeForWindow` and
`isWindowTerminatedEarly` to the event. Whatever the function returns as
`state` comes back in the next invocation of the same window and shard; a
response without `state` counts as a failed invocation. On the final
invocation (`isFinalInvokeForWindow`) the aggregate is complete.

This handler counts records: `state.count` grows by the batch size. Records
whose NewImage has `fail: true` are reported in `batchItemFailures`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def previous_count(state: dict[str, Any] | None) -> int:
    """`state.count` from the previous invocation (a number or a numeric string), or 0."""
    count = (state or {}).get("count", 0)
    return int(Decimal(str(count)))


def failed(record: dict[str, Any]) -> bool:
    return record["dynamodb"].get("NewImage", {}).get("fail") == {"BOOL": True}


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    records = event["Records"]
    count = previous_count(event.get("state")) + len(records)
    if event.get("isFinalInvokeForWindow"):
        window = event["window"]
        print(f"window {window['start']}..{window['end']} on {event['shardId']}: {count} records")
    return {
        "state": {"count": count},
        "batchItemFailures": [
            {"itemIdentifier": r["dynamodb"]["SequenceNumber"]} for r in records if failed(r)
        ],
    }
