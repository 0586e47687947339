"""The rules JSON Schema cannot state: they compare values across a record or a batch.

Each rule has a stable name (the `rule` of its problems); every rule has at
least one negative case under `tests/cases/invalid/` that proves it fires.
Rules run only on documents that already passed their schema, so they may
assume the shape is right.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from ..limits import MAX_DEPTH, MAX_EVENT_BYTES, MAX_ITEM_BYTES, key_problems
from ..numbers import number_problem, number_size
from ..records import IMAGES
from .instants import instant
from .problems import Problem, pointer
from .reading import read_bytes, read_text


def _binary_length(text: str) -> int:
    return len(base64.b64decode(text))


class _ItemWalk:
    """One pass over an item: its size, and every number / set / depth problem on the way."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.problems: list[Problem] = []

    def item(self, item: Mapping[str, Any], path: str, depth: int) -> int:
        total = 0
        for name, av in item.items():
            total += len(name.encode("utf-8")) + self.value(av, path + pointer(name), depth)
        return total

    def value(self, av: Mapping[str, Any], path: str, depth: int) -> int:
        for kind, raw in av.items():
            if kind == "S":
                return len(raw.encode("utf-8"))
            if kind == "N":
                return self.number(raw, f"{path}/N")
            if kind == "B":
                return _binary_length(raw)
            if kind == "M" or kind == "L":
                if depth >= MAX_DEPTH:
                    self.problems.append(
                        Problem(
                            self.where + path,
                            "nesting-depth",
                            f"nested deeper than {MAX_DEPTH} levels",
                        )
                    )
                    return 0
                if kind == "M":
                    return 3 + len(raw) + self.item(raw, f"{path}/M", depth + 1)
                return (
                    3
                    + len(raw)
                    + sum(self.value(v, f"{path}/L/{i}", depth + 1) for i, v in enumerate(raw))
                )
            if kind == "SS":
                return sum(len(s.encode("utf-8")) for s in raw)
            if kind == "NS":
                return self.number_set(raw, f"{path}/NS")
            if kind == "BS":
                return sum(_binary_length(b) for b in raw)
        return 1  # BOOL, NULL

    def number(self, text: str, path: str) -> int:
        # Text of at most 38 characters without an exponent cannot break a number rule
        # (the schema already checked its form), so only longer or exponent forms are parsed.
        if len(text) > 38 or "e" in text or "E" in text:
            problem = number_problem(text)
            if problem:
                self.problems.append(Problem(self.where + path, "number", problem))
                return 0
        return number_size(text)

    def number_set(self, values: Sequence[str], path: str) -> int:
        total = sum(self.number(v, f"{path}/{i}") for i, v in enumerate(values))
        seen: set[Decimal] = set()
        for i, text in enumerate(values):
            value = Decimal(text) if number_problem(text) is None else None
            if value is not None and value in seen:
                self.problems.append(
                    Problem(
                        f"{self.where}{path}/{i}",
                        "set-unique",
                        f"{text!r} repeats a number in the set",
                    )
                )
            if value is not None:
                seen.add(value)
        return total


def record_problems(
    record: Mapping[str, Any], where: str, *, kinesis: bool = False
) -> Iterator[Problem]:
    """Rules for one stream record (or one Kinesis change record with `kinesis=True`)."""
    stream = record["dynamodb"]
    base = f"{where}/dynamodb"
    event_name = record["eventName"]
    if not kinesis:
        view = stream["StreamViewType"]
        want_new, want_old = IMAGES[(view, event_name)]
        for image, wanted in (("NewImage", want_new), ("OldImage", want_old)):
            if wanted and image not in stream:
                yield Problem(
                    f"{base}",
                    "view-type-images",
                    f"{event_name} on a {view} stream must carry {image}",
                )
            if not wanted and image in stream:
                yield Problem(
                    f"{base}/{image}",
                    "view-type-images",
                    f"{event_name} on a {view} stream carries no {image}",
                )
        region = record["eventSourceARN"].split(":")[3]
        if record["awsRegion"] != region:
            yield Problem(
                f"{where}/awsRegion",
                "region-arn",
                f"awsRegion {record['awsRegion']!r} differs from the ARN's region {region!r}",
            )
    else:
        # Kinesis change records have no view type; an image exists only if the change has one.
        impossible = {"INSERT": "OldImage", "REMOVE": "NewImage"}.get(event_name)
        if impossible in stream:
            yield Problem(
                f"{base}/{impossible}",
                "view-type-images",
                f"a {event_name} carries no {impossible}",
            )

    walk = _ItemWalk(base)
    sizes = 0
    keys = stream["Keys"]
    sizes += walk.item(keys, "/Keys", 1)
    yield from _key_problems(keys, f"{base}/Keys")
    for image in ("NewImage", "OldImage"):
        if image in stream:
            item = stream[image]
            size = walk.item(item, f"/{image}", 1)
            sizes += size
            if size > MAX_ITEM_BYTES:
                yield Problem(
                    f"{base}/{image}", "item-size", f"the item is {size} bytes (at most 400 KB)"
                )
            for name, value in keys.items():
                if item.get(name) != value:
                    yield Problem(
                        f"{base}/{image}{pointer(name)}",
                        "keys-match-images",
                        f"key attribute {name!r} differs from Keys or is missing",
                    )
    yield from walk.problems
    if not walk.problems and stream["SizeBytes"] != sizes:
        yield Problem(
            f"{base}/SizeBytes",
            "size-bytes",
            f"SizeBytes is {stream['SizeBytes']}, the images add up to {sizes}",
            "warning",
        )


def _key_problems(keys: Mapping[str, Any], where: str) -> Iterator[Problem]:
    for name, message in key_problems(keys):
        yield Problem(where + pointer(name), "key-value", message)


def batch_problems(records: Sequence[Mapping[str, Any]], where: str) -> Iterator[Problem]:
    """Rules for a batch: every record, one stream, increasing sequence numbers."""
    previous: int | None = None
    first = records[0] if records else None
    for i, record in enumerate(records):
        at = f"{where}/{i}"
        yield from record_problems(record, at)
        sequence = int(record["dynamodb"]["SequenceNumber"])
        if previous is not None and sequence <= previous:
            yield Problem(
                f"{at}/dynamodb/SequenceNumber",
                "sequence-order",
                "sequence numbers must increase within a batch",
            )
        previous = sequence
        if (
            first is not None
            and i
            and (
                record["eventSourceARN"] != first["eventSourceARN"]
                or record["dynamodb"]["StreamViewType"] != first["dynamodb"]["StreamViewType"]
            )
        ):
            yield Problem(
                at, "single-stream", "a batch holds records of one stream (ARN and view type)"
            )


def event_size_problems(raw_size: int | None) -> Iterator[Problem]:
    if raw_size is not None and raw_size > MAX_EVENT_BYTES:
        yield Problem(
            "",
            "event-size",
            f"the event is {raw_size} bytes as compact UTF-8 JSON; Lambda's synchronous limit is 6 MB",
        )


def window_problems(doc: Mapping[str, Any]) -> Iterator[Problem]:
    yield from batch_problems(doc["Records"], "/Records")
    start, end = (instant(doc["window"][edge]) for edge in ("start", "end"))
    if start is None or end is None:
        yield Problem("/window", "window-order", "the window's start or end is not a real date")
    elif end <= start:
        yield Problem("/window", "window-order", "the window must end after it starts")
    for i, record in enumerate(doc["Records"]):
        if record["eventSourceARN"] != doc["eventSourceARN"]:
            yield Problem(
                f"/Records/{i}/eventSourceARN",
                "single-stream",
                "records come from the window's stream",
            )


def destination_problems(doc: Mapping[str, Any]) -> Iterator[Problem]:
    info = doc["DDBStreamBatchInfo"]
    if int(info["endSequenceNumber"]) < int(info["startSequenceNumber"]):
        yield Problem(
            "/DDBStreamBatchInfo/endSequenceNumber",
            "sequence-order",
            "the batch ends before it starts",
        )
    if "payload" not in doc:
        return
    from .validator import validate_document  # the payload is a whole event of its own

    reading = read_text(doc["payload"])  # strict and depth-bounded: it is input too
    if not reading.ok:
        first = reading.problems[-1]
        yield Problem("/payload", "payload", f"{first.rule}: {first.message}")
        return
    payload = reading.doc
    for problem in validate_document(payload, "stream"):
        yield Problem(
            "/payload",
            "payload",
            f"{problem.pointer or '/'}: {problem.rule}: {problem.message}",
            problem.severity,
        )
    records = payload.get("Records") if isinstance(payload, dict) else None
    if isinstance(records, list) and records and all(isinstance(r, dict) for r in records):
        try:
            first = records[0]["dynamodb"]["SequenceNumber"]
            last = records[-1]["dynamodb"]["SequenceNumber"]
        except (KeyError, TypeError):
            return
        if (first, last, len(records)) != (
            info["startSequenceNumber"],
            info["endSequenceNumber"],
            info["batchSize"],
        ):
            yield Problem(
                "/DDBStreamBatchInfo", "payload", "batch info does not match the payload's records"
            )


def kinesis_problems(doc: Mapping[str, Any]) -> Iterator[Problem]:
    from .validator import validate_document

    for i, record in enumerate(doc["Records"]):
        at = f"/Records/{i}/kinesis/data"
        try:
            data = base64.b64decode(record["kinesis"]["data"], validate=True)
        except (binascii.Error, ValueError) as exc:
            yield Problem(at, "kinesis-data", f"data is not base64: {exc}")
            continue
        reading = read_bytes(data)  # strict and depth-bounded, like a file
        if not reading.ok:
            first = reading.problems[-1]
            yield Problem(at, "kinesis-data", f"data is not base64 of JSON: {first.message}")
            continue
        change = reading.doc
        for problem in validate_document(change, "kinesis-change-record"):
            yield problem.at(at)


def change_record_problems(doc: Mapping[str, Any]) -> Iterator[Problem]:
    yield from record_problems(doc, "", kinesis=True)
