"""The rules JSON Schema cannot state: they compare values across a record or a batch.

Each rule has a stable name (the `rule` of its problems); every rule has at
least one negative case under `tests/cases/invalid/` that proves it fires.
A rule runs on every part of a document that passed its schema (`Readable`
says which), so one round of fixing shows every problem: a record with a
schema error is skipped, the rest of the batch is still judged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from ..images import IMAGES
from ..limits import (
    MAX_ATTRIBUTE_NAME_BYTES,
    MAX_DEPTH,
    MAX_EVENT_BYTES,
    MAX_ITEM_BYTES,
    MAX_KEY_NAME_BYTES,
    SORT_KEY_MAX_BYTES,
    key_problems,
)
from ..numbers import number_problem, number_size
from .problems import Problem, pointer
from .reading import read_bytes, read_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from decimal import Decimal
    from typing import Any


class Readable:
    """Where a document broke its schema: a rule reads only the parts with no error."""

    def __init__(self, broken: Iterable[str] = ()) -> None:
        # Every broken pointer and each of its ancestors: a part is readable when it is
        # none of them (nothing at or below it broke), in one set lookup.
        self.touched: set[str] = set()
        for where in broken:
            parts = where.split("/")
            self.touched.update("/".join(parts[:n]) for n in range(1, len(parts) + 1))

    def __call__(self, where: str) -> bool:
        """True when nothing at or below the JSON pointer `where` broke the schema."""
        return where not in self.touched


EVERYTHING = Readable()

# Epoch values past 10**11 seconds (the year 5138) can only be finer units; each unit's
# upper bound, in the order they are tried.
EPOCH_UNITS: tuple[tuple[str, float], ...] = (
    ("seconds", 1e11),
    ("milliseconds", 1e14),
    ("microseconds", 1e17),
    ("nanoseconds", float("inf")),
)


SECONDS_BELOW = EPOCH_UNITS[0][1]


def epoch_unit(value: float) -> str:
    """The only unit a plausible epoch timestamp of this magnitude can be in."""
    return next(unit for unit, bound in EPOCH_UNITS if abs(value) < bound)


def _binary_length(text: str) -> int:
    import base64  # only binary values need it

    return len(base64.b64decode(text))


class _ItemWalk:
    """One pass over an item: its size, and every number / set / depth problem on the way."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.problems: list[Problem] = []

    def item(self, item: Mapping[str, Any], path: str, depth: int) -> int:
        total = 0
        for name, av in item.items():
            name_bytes = len(name.encode("utf-8"))
            if name_bytes > MAX_ATTRIBUTE_NAME_BYTES:
                self.problems.append(
                    Problem(
                        self.where + path,
                        "attribute-name",
                        f"an attribute name is {name_bytes} bytes; DynamoDB allows at most "
                        f"{MAX_ATTRIBUTE_NAME_BYTES}",
                    )
                )
            total += name_bytes + self.value(av, path + pointer(name), depth)
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
        from decimal import Decimal  # only for sets of numbers

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


def _text_length(text: str) -> int:
    """UTF-8 bytes of `text`; ASCII (most names and values) is counted without encoding it."""
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def _fast_item_size(item: Mapping[str, Any], depth: int) -> int | None:
    """An item's size when no number, set or depth rule can fire in it, else None.

    The common case, computed without building a JSON pointer per attribute;
    None sends the item through `_ItemWalk`, which names where each problem is.
    Only forms that cannot break a rule pass: names within the length limit,
    plain numbers of at most 38 characters (the schema checked their form), sets
    without repeats, nesting within the limit.
    """
    total = 0
    for name, av in item.items():
        name_bytes = len(name) if name.isascii() else len(name.encode("utf-8"))
        if name_bytes > MAX_ATTRIBUTE_NAME_BYTES:
            return None
        total += name_bytes
        # S and N, most attributes, by lookup: cheaper than iterating the AttributeValue.
        raw = av.get("S")
        if raw is not None:
            total += len(raw) if raw.isascii() else len(raw.encode("utf-8"))
            continue
        raw = av.get("N")
        if raw is not None:
            if len(raw) > 38 or "e" in raw or "E" in raw:
                return None
            total += number_size(raw)
            continue
        for kind, raw in av.items():
            if kind == "M" or kind == "L":
                if depth >= MAX_DEPTH:
                    return None
                if kind == "M":
                    inner = _fast_item_size(raw, depth + 1)
                else:
                    inner = _fast_list_size(raw, depth + 1)
                if inner is None:
                    return None
                total += 3 + len(raw) + inner
            elif kind == "B":
                total += _binary_length(raw)
            elif kind == "SS":
                total += sum(map(_text_length, raw))
            elif kind == "NS":
                for text in raw:
                    if len(text) > 38 or "e" in text or "E" in text:
                        return None
                from decimal import Decimal  # only for sets of numbers

                if len({Decimal(text) for text in raw}) != len(raw):
                    return None
                total += sum(map(number_size, raw))
            elif kind == "BS":
                total += sum(map(_binary_length, raw))
            else:
                total += 1  # BOOL, NULL
            break
        else:
            total += 1  # an AttributeValue with no type: the schema reports it
    return total


def _fast_list_size(values: Sequence[Mapping[str, Any]], depth: int) -> int | None:
    """The `L` elements' sizes, as `_fast_item_size` counts them (without names)."""
    total = 0
    for av in values:
        size = _fast_item_size({"": av}, depth)
        if size is None:
            return None
        total += size
    return total


def record_problems(
    record: Mapping[str, Any], where: str, *, kinesis: bool = False
) -> list[Problem]:
    """Rules for one stream record (or one Kinesis change record with `kinesis=True`).

    A list, not a generator: a batch runs this once per record, ten thousand times,
    and almost every record has nothing to report.
    """
    out: list[Problem] = []
    stream = record["dynamodb"]
    base = f"{where}/dynamodb"
    event_name = record["eventName"]
    identity = record.get("userIdentity")
    if identity is not None and event_name != "REMOVE":
        out.append(
            Problem(
                f"{where}/userIdentity",
                "user-identity",
                f"only Time To Live deletes carry userIdentity (a REMOVE by the DynamoDB "
                f"service); this record is an {event_name}",
            )
        )
    seconds = stream.get("ApproximateCreationDateTime")
    if kinesis or type(seconds) not in (int, float) or not -SECONDS_BELOW < seconds < SECONDS_BELOW:
        out.extend(_creation_time_problems(stream, base, kinesis=kinesis))
    if not kinesis:
        view = stream["StreamViewType"]
        wanted_images = IMAGES[(view, event_name)]
        carried = ("NewImage" in stream, "OldImage" in stream)
        if carried != wanted_images:  # most records carry exactly what the view type says
            images = zip(("NewImage", "OldImage"), wanted_images, carried, strict=True)
            for image, wanted, has in images:
                if wanted and not has:
                    out.append(
                        Problem(
                            f"{base}",
                            "view-type-images",
                            f"{event_name} on a {view} stream must carry {image}",
                        )
                    )
                if has and not wanted:
                    out.append(
                        Problem(
                            f"{base}/{image}",
                            "view-type-images",
                            f"{event_name} on a {view} stream carries no {image}",
                        )
                    )
        region = record["eventSourceARN"].split(":", 4)[3]
        if record["awsRegion"] != region:
            out.append(
                Problem(
                    f"{where}/awsRegion",
                    "region-arn",
                    f"awsRegion {record['awsRegion']!r} differs from the ARN's region {region!r}",
                )
            )
    else:
        # Kinesis change records have no view type; an image exists only if the change has one.
        impossible = {"INSERT": "OldImage", "REMOVE": "NewImage"}.get(event_name)
        if impossible in stream:
            out.append(
                Problem(
                    f"{base}/{impossible}",
                    "view-type-images",
                    f"a {event_name} carries no {impossible}",
                )
            )

    walk: _ItemWalk | None = None  # only for items the pathless pass cannot judge
    keys = stream["Keys"]
    sizes = _fast_item_size(keys, 1)
    if sizes is None:
        walk = _ItemWalk(base)
        sizes = walk.item(keys, "/Keys", 1)
    if not _plain_keys(keys):
        out.extend(_key_problems(keys, f"{base}/Keys"))
    for image in ("NewImage", "OldImage"):
        item = stream.get(image)
        if item is not None:
            size = _fast_item_size(item, 1)
            if size is None:
                walk = walk or _ItemWalk(base)
                size = walk.item(item, f"/{image}", 1)
            sizes += size
            if size > MAX_ITEM_BYTES:
                out.append(
                    Problem(
                        f"{base}/{image}",
                        "item-size",
                        f"the item is {size} bytes (at most 400 KB)",
                    )
                )
            for name, value in keys.items():
                if item.get(name) != value:
                    out.append(
                        Problem(
                            f"{base}/{image}{pointer(name)}",
                            "keys-match-images",
                            f"key attribute {name!r} differs from Keys or is missing",
                        )
                    )
    if walk is not None and walk.problems:
        out.extend(walk.problems)
    elif stream["SizeBytes"] != sizes:
        out.append(
            Problem(
                f"{base}/SizeBytes",
                "size-bytes",
                f"SizeBytes is {stream['SizeBytes']}, the images add up to {sizes}",
                "warning",
            )
        )
    return out


def _arn_difference(arn: str, other: str) -> str:
    """The parts two ARNs differ in: only a message needs it, so `arns` loads only then."""
    from .arns import arn_difference

    return arn_difference(arn, other)


def _plain_keys(keys: Mapping[str, Any]) -> bool:
    """True for keys no key rule can fault, judged without running them: the common case.

    ASCII names within the name limit, each value one non-empty ASCII `S` or `N`
    within the sort key's limit (so no length rule applies, and at most none is long).
    """
    for name, av in keys.items():
        if len(av) != 1 or len(name) > MAX_KEY_NAME_BYTES or not name.isascii():
            return False
        raw = av.get("S", av.get("N"))
        if type(raw) is not str or not 0 < len(raw) <= SORT_KEY_MAX_BYTES or not raw.isascii():
            return False
    return True


def _key_problems(keys: Mapping[str, Any], where: str) -> Iterator[Problem]:
    for name, message in key_problems(keys):
        yield Problem(where + pointer(name), "key-value", message)


def _creation_time_problems(
    stream: Mapping[str, Any], base: str, *, kinesis: bool
) -> Iterator[Problem]:
    """DynamoDB Streams sends epoch seconds; Kinesis change records milliseconds or microseconds."""
    value = stream.get("ApproximateCreationDateTime")
    if not isinstance(value, int | float) or isinstance(value, bool):
        return
    unit = epoch_unit(value)
    at = f"{base}/ApproximateCreationDateTime"
    if not kinesis:
        if unit != "seconds":
            yield Problem(
                at,
                "creation-time",
                f"{value} looks like {unit}; DynamoDB Streams sends epoch seconds "
                f"({int(value // 10 ** {'milliseconds': 3, 'microseconds': 6}.get(unit, 9))})",
            )
        return
    precision = stream.get("ApproximateCreationDateTimePrecision", "MILLISECOND")
    expected = "microseconds" if precision == "MICROSECOND" else "milliseconds"
    if unit != expected:
        yield Problem(
            at,
            "creation-time",
            f"{value} looks like {unit}; a Kinesis change record with precision "
            f"{precision} carries epoch {expected}",
            "warning",
        )


def _sequence(record: Any) -> int | None:
    """A record's sequence number, when it is readable."""
    try:
        text = record["dynamodb"]["SequenceNumber"]
    except (KeyError, TypeError):
        return None
    return int(text) if isinstance(text, str) and text.isdigit() else None


def _stream_of(record: Any) -> tuple[str, str] | None:
    """(eventSourceARN, StreamViewType) when both are readable strings."""
    try:
        arn, view = record["eventSourceARN"], record["dynamodb"]["StreamViewType"]
    except (KeyError, TypeError):
        return None
    return (arn, view) if isinstance(arn, str) and isinstance(view, str) else None


def batch_problems(records: Any, where: str, readable: Readable = EVERYTHING) -> Iterator[Problem]:
    """Rules for a batch: every readable record, one stream, increasing sequence numbers."""
    if not isinstance(records, list):
        return
    previous: int | None = None
    first: tuple[int, tuple[str, str]] | None = None
    everything = not readable.touched  # the whole batch passed its schema: no lookups
    for i, record in enumerate(records):
        at = f"{where}/{i}"
        if (everything or readable(at)) and isinstance(record, dict):
            found = record_problems(record, at)
            if found:
                yield from found
        sequence = (
            _sequence(record) if everything or readable(f"{at}/dynamodb/SequenceNumber") else None
        )
        if sequence is not None:
            if previous is not None and sequence <= previous:
                yield Problem(
                    f"{at}/dynamodb/SequenceNumber",
                    "sequence-order",
                    "sequence numbers must increase within a batch",
                )
            previous = sequence
        stream = _stream_of(record)
        if stream is None or not (
            everything
            or (readable(f"{at}/eventSourceARN") and readable(f"{at}/dynamodb/StreamViewType"))
        ):
            continue
        if first is None:
            first = (i, stream)
        elif stream != first[1]:  # the common case, one stream, makes no generator
            yield from _same_stream(at, i, stream, *first)


def _same_stream(
    at: str, i: int, stream: tuple[str, str], j: int, first: tuple[str, str]
) -> Iterator[Problem]:
    """A record from another stream than the batch's first: say which record, and in what."""
    (arn, view), (first_arn, first_view) = stream, first
    if arn != first_arn:
        yield Problem(
            f"{at}/eventSourceARN",
            "single-stream",
            f"a batch holds records of one stream: record {i}'s eventSourceARN differs "
            f"from record {j}'s in {_arn_difference(arn, first_arn)}",
        )
    if view != first_view:
        yield Problem(
            f"{at}/dynamodb/StreamViewType",
            "single-stream",
            f"a batch holds records of one stream: record {i} is {view}, "
            f"record {j} is {first_view}",
        )


def event_size_problems(raw_size: int | None) -> Iterator[Problem]:
    if raw_size is not None and raw_size > MAX_EVENT_BYTES:
        yield Problem(
            "",
            "event-size",
            f"the event is {raw_size} bytes as compact UTF-8 JSON; Lambda's synchronous limit is 6 MB",
        )


def stream_problems(doc: Any, readable: Readable = EVERYTHING) -> Iterator[Problem]:
    if isinstance(doc, Mapping):
        yield from batch_problems(doc.get("Records"), "/Records", readable)


def pipes_problems(doc: Any, readable: Readable = EVERYTHING) -> Iterator[Problem]:
    yield from batch_problems(doc, "", readable)


def window_problems(doc: Any, readable: Readable = EVERYTHING) -> Iterator[Problem]:
    if not isinstance(doc, Mapping):
        return
    records = doc.get("Records")
    yield from batch_problems(records, "/Records", readable)
    if readable("/window") and isinstance(doc.get("window"), Mapping):
        # Compared as instants: RFC 3339 text with fractions or offsets does not sort as text.
        from .instants import instant  # RFC 3339 parsing: windows only

        start, end = (instant(doc["window"][edge]) for edge in ("start", "end"))
        if start is None or end is None:
            yield Problem("/window", "window-order", "the window's start or end is not a real date")
        elif end <= start:
            yield Problem("/window", "window-order", "the window must end after it starts")
    window_arn = doc.get("eventSourceARN")
    if not (readable("/eventSourceARN") and isinstance(window_arn, str)):
        return
    for i, record in enumerate(records if isinstance(records, list) else []):
        stream = _stream_of(record)
        if stream is not None and stream[0] != window_arn:
            yield Problem(
                f"/Records/{i}/eventSourceARN",
                "single-stream",
                "records come from the window's stream: record "
                f"{i}'s eventSourceARN differs in {_arn_difference(stream[0], window_arn)}",
            )


def destination_problems(doc: Any, readable: Readable = EVERYTHING) -> Iterator[Problem]:
    if not isinstance(doc, Mapping):
        return
    found = doc.get("DDBStreamBatchInfo")
    info = found if readable("/DDBStreamBatchInfo") and isinstance(found, Mapping) else None
    if info is not None and int(info["endSequenceNumber"]) < int(info["startSequenceNumber"]):
        yield Problem(
            "/DDBStreamBatchInfo/endSequenceNumber",
            "sequence-order",
            "the batch ends before it starts",
        )
    if "payload" not in doc or not readable("/payload"):
        return
    from .validator import validate_document  # the payload is a whole event of its own

    payload = doc["payload"]
    if isinstance(payload, str):
        reading = read_text(payload)  # strict and depth-bounded: it is input too
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
    else:  # the event as an object: the schema checked it, the rules run here
        for problem in stream_problems(payload):
            yield problem.at("/payload")
    records = payload.get("Records") if isinstance(payload, dict) else None
    if info is not None and isinstance(records, list) and records:
        yield from _payload_matches_info(records, info)


def _payload_matches_info(records: list[Any], info: Mapping[str, Any]) -> Iterator[Problem]:
    first, last = _sequence(records[0]), _sequence(records[-1])
    if first is None or last is None:
        return
    if (str(first), str(last), len(records)) != (
        info["startSequenceNumber"],
        info["endSequenceNumber"],
        info["batchSize"],
    ):
        yield Problem(
            "/DDBStreamBatchInfo", "payload", "batch info does not match the payload's records"
        )
    for i, record in enumerate(records):
        stream = _stream_of(record)
        if stream is not None and stream[0] != info["streamArn"]:
            yield Problem(
                "/payload",
                "payload",
                f"record {i}'s eventSourceARN differs from streamArn in "
                f"{_arn_difference(stream[0], info['streamArn'])}",
            )


def kinesis_problems(doc: Any, readable: Readable = EVERYTHING) -> Iterator[Problem]:
    from .validator import validate_document

    records = doc.get("Records") if isinstance(doc, Mapping) else None
    for i, record in enumerate(records if isinstance(records, list) else []):
        at = f"/Records/{i}/kinesis/data"
        # A missing field is reported at its parent, so `readable` alone cannot say it is there.
        kinesis = record.get("kinesis") if isinstance(record, Mapping) else None
        text = kinesis.get("data") if isinstance(kinesis, Mapping) else None
        if not readable(at) or not isinstance(text, str):
            continue
        try:
            import base64  # only Kinesis records carry base64 data

            data = base64.b64decode(text, validate=True)
        except ValueError as exc:  # binascii.Error is a ValueError
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


def change_record_problems(doc: Any, readable: Readable = EVERYTHING) -> Iterator[Problem]:
    if readable("") and isinstance(doc, Mapping):
        yield from record_problems(doc, "", kinesis=True)
