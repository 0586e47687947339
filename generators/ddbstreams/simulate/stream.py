"""The shard the simulator reads: records in order, with what the model needs of each.

The caller may pass stream records, an event (`{"Records": [...]}`), a list of
events, a Pipes array or a factory's output; all become one ordered shard.
Kinesis events are read too (their records carry `kinesis.sequenceNumber`),
because the stream poller is shared and AWS's recordings include them.
"""

from __future__ import annotations

import itertools
import json
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ShardRecord:
    """One record of the shard: its place, sequence number, arrival time, key and size."""

    position: int
    sequence: str
    arrival: float
    key: str
    size: int
    record: Mapping[str, Any]

    def lane(self, lanes: int) -> int:
        """The lane a record goes to with ParallelizationFactor `lanes` (CRC-32 of its key)."""
        if lanes == 1:
            return 0
        return zlib.crc32(self.key.encode("utf-8")) % lanes


def flatten(records: Any) -> list[Mapping[str, Any]]:
    """Stream records in order from records, an event, a list of events or a Pipes array."""
    if isinstance(records, Mapping):
        if "Records" not in records:
            raise ValueError("an event must carry Records")
        return list(records["Records"])
    out: list[Mapping[str, Any]] = []
    for item in records:
        if isinstance(item, Mapping) and "Records" in item:
            out.extend(item["Records"])
        elif isinstance(item, Mapping):
            out.append(item)
        else:
            raise ValueError(f"not a stream record or event: {type(item).__name__}")
    return out


def read_shard(records: Iterable[Mapping[str, Any]] | Mapping[str, Any]) -> list[ShardRecord]:
    """The shard, in sequence-number order as given; duplicate sequence numbers are refused."""
    shard: list[ShardRecord] = []
    seen: set[str] = set()
    for position, record in enumerate(flatten(records)):
        entry = _describe(position, record)
        if entry.sequence in seen:
            raise ValueError(
                f"sequence number {entry.sequence} appears twice: a shard holds each record once"
            )
        seen.add(entry.sequence)
        shard.append(entry)
    for before, after in itertools.pairwise(shard):
        if int(after.sequence) <= int(before.sequence):
            raise ValueError(
                f"record {after.position} ({after.sequence}) comes after {before.sequence}: "
                "a shard's sequence numbers increase"
            )
    return shard


def _describe(position: int, record: Mapping[str, Any]) -> ShardRecord:
    size = len(json.dumps(record, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))
    if "kinesis" in record:
        kinesis = record["kinesis"]
        return ShardRecord(
            position,
            str(kinesis["sequenceNumber"]),
            float(kinesis.get("approximateArrivalTimestamp", 0)),
            str(kinesis.get("partitionKey", "")),
            size,
            record,
        )
    stream = record.get("dynamodb")
    if not isinstance(stream, Mapping) or "SequenceNumber" not in stream:
        raise ValueError(f"record {position} has no dynamodb.SequenceNumber")
    return ShardRecord(
        position,
        str(stream["SequenceNumber"]),
        float(stream.get("ApproximateCreationDateTime", 0)),
        json.dumps(stream.get("Keys", {}), sort_keys=True, separators=(",", ":")),
        size,
        record,
    )
