"""The shard the simulator reads: records in order, with what the model needs of each.

The caller may pass stream records, an event (`{"Records": [...]}`), a list of
events, a Pipes array or a factory's output; all become one ordered shard.
Kinesis events are read too (their records carry `kinesis.sequenceNumber`),
because the stream poller is shared and AWS's recordings include them.
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Iterable, Mapping

from ..gcpause import paused
from ..jsonstream import compact_by_c

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class ShardRecord:
    """One record of the shard: its place, sequence number, arrival time, JSON text and key."""

    __slots__ = ("_key", "arrival", "by_c", "position", "record", "sequence", "size", "text")

    def __init__(
        self,
        position: int,
        sequence: str,
        arrival: float,
        encoded: tuple[bytes, bool],
        record: Mapping[str, Any],
    ) -> None:
        data, self.by_c = encoded  # the compact bytes, and whether orjson wrote them
        self.position = position
        self.sequence = sequence
        self.arrival = arrival
        self.text = data.decode("utf-8")
        self.record = record
        self.size = len(data)  # what counts toward the 6 MB payload
        self._key: str | None = None

    @property
    def key(self) -> str:
        """The item's identity: its Keys, attribute by attribute (Kinesis: the partition key)."""
        if self._key is None:
            if "kinesis" in self.record:
                self._key = str(self.record["kinesis"].get("partitionKey", ""))
            else:
                keys = self.record["dynamodb"].get("Keys", {})
                self._key = repr(sorted((k, sorted(v.items())) for k, v in keys.items()))
        return self._key

    def lane(self, lanes: int) -> int:
        """The lane a record goes to with ParallelizationFactor `lanes` (CRC-32 of its key)."""
        if lanes == 1:
            return 0
        return zlib.crc32(self.key.encode("utf-8")) % lanes


def flatten(records: Any) -> list[Mapping[str, Any]]:
    """Stream records in order from records, an event, a list of events or a Pipes array."""
    if isinstance(records, dict | Mapping):
        if "Records" not in records:
            raise ValueError("an event must carry Records")
        return list(records["Records"])
    out: list[Mapping[str, Any]] = []
    for item in records:
        if not (type(item) is dict or isinstance(item, Mapping)):  # dict first: it is cheap
            raise ValueError(f"not a stream record or event: {type(item).__name__}")
        if "Records" in item:
            out.extend(item["Records"])
        else:
            out.append(item)
    return out


def read_shard(records: Iterable[Mapping[str, Any]] | Mapping[str, Any]) -> list[ShardRecord]:
    """The shard, in sequence-number order as given; duplicate sequence numbers are refused."""
    with paused():  # a million small acyclic objects: the cyclic GC would walk them all
        return _read_shard(records)


def _read_shard(records: Iterable[Mapping[str, Any]] | Mapping[str, Any]) -> list[ShardRecord]:
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
    # Each record is serialized once: its size counts toward the 6 MB payload, and batches
    # are assembled from the text (orjson when installed, byte for byte what `json` writes).
    text = compact_by_c(record)
    if "kinesis" in record:
        kinesis = record["kinesis"]
        return ShardRecord(
            position,
            str(kinesis["sequenceNumber"]),
            float(kinesis.get("approximateArrivalTimestamp", 0)),
            text,
            record,
        )
    stream = record.get("dynamodb")
    if not (type(stream) is dict or isinstance(stream, Mapping)) or "SequenceNumber" not in stream:
        raise ValueError(f"record {position} has no dynamodb.SequenceNumber")
    return ShardRecord(
        position,
        str(stream["SequenceNumber"]),
        float(stream.get("ApproximateCreationDateTime", 0)),
        text,
        record,
    )
