"""Stream records from the writes that happened to a table.

A scenario says *what happened* (insert this item, change it to that, TTL
removed it) and which view type the stream has; this module decides *what
AWS sends*: which images appear, the Keys, SizeBytes, IDs, sequence numbers,
timestamps, ARNs and the TTL `userIdentity`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from . import defaults
from .attributes import MarshalError, marshal_item
from .gcpause import paused
from .images import IMAGES as IMAGES
from .limits import MAX_ITEM_BYTES, MAX_KEY_NAME_BYTES, key_problems
from .names import EVENT_NAMES as EVENT_NAMES
from .names import VIEW_TYPES as VIEW_TYPES
from .seeded import Seeded
from .size import item_size, stream_record_size
from .values import Value

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .attributes import Item
    from .names import EventName as EventName
    from .names import ViewType as ViewType


TTL_USER_IDENTITY = {"type": "Service", "principalId": "dynamodb.amazonaws.com"}


class Table(Value):
    """A table with a stream: where records come from and what their ARNs say."""

    name: str = defaults.TABLE_NAME
    partition_key: str = defaults.PARTITION_KEY
    sort_key: str | None = None
    view_type: ViewType = defaults.VIEW_TYPE
    region: str = defaults.REGION
    account_id: str = defaults.ACCOUNT_ID
    partition: str = defaults.PARTITION
    stream_label: str = defaults.STREAM_LABEL

    @property
    def key_names(self) -> tuple[str, ...]:
        return (
            (self.partition_key,) if self.sort_key is None else (self.partition_key, self.sort_key)
        )

    @property
    def arn(self) -> str:
        return f"arn:{self.partition}:dynamodb:{self.region}:{self.account_id}:table/{self.name}"

    @property
    def stream_arn(self) -> str:
        return f"{self.arn}/stream/{self.stream_label}"


class Insert(Value):
    """A new item was written."""

    new: Mapping[str, Any]


class Modify(Value):
    """An existing item changed from `old` to `new` (same key)."""

    old: Mapping[str, Any]
    new: Mapping[str, Any]


class Remove(Value):
    """An item was deleted by a client."""

    old: Mapping[str, Any]


class TtlExpiry(Value):
    """An item was deleted by DynamoDB's Time To Live process."""

    old: Mapping[str, Any]


Write = Insert | Modify | Remove | TtlExpiry


class Clock(Value):
    """Deterministic stand-ins for everything AWS makes up: IDs, sequence numbers, times.

    `start` is the ApproximateCreationDateTime of the first record (seconds;
    a float gives fractional timestamps), `step` the seconds between records.
    """

    start: float = defaults.START
    step: float = defaults.STEP
    seed: int = defaults.SEED
    event_version: str = "1.1"
    legacy_ids: bool = False
    timestamps: bool = True
    sequence_digits: int = 28


class _Ids:
    """The IDs, sequence numbers and timestamps of one batch, drawn in record order."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.rng = Seeded(self.clock.seed)
        digits = self.clock.sequence_digits
        self.sequence = self.rng.randrange(10 ** (digits - 1), 10**digits // 2)

    def event_id(self, index: int) -> str:
        if self.clock.legacy_ids:
            return str(index + 1)
        return f"{self.rng.getrandbits(128):032x}"

    def next_sequence(self) -> str:
        self.sequence += self.rng.randrange(1, 10**6)
        return str(self.sequence)

    def timestamp(self, index: int) -> int | float:
        value = self.clock.start + index * self.clock.step
        return round(value, 3) if isinstance(value, float) else value


def _event_name(write: Write) -> EventName:
    if isinstance(write, Insert):
        return "INSERT"
    if isinstance(write, Modify):
        return "MODIFY"
    return "REMOVE"


def _image(item: Mapping[str, Any], where: str) -> Item:
    """An item marshalled, and within DynamoDB's item size limit."""
    image = marshal_item(item, where)
    size = item_size(image)
    if size > MAX_ITEM_BYTES:
        raise MarshalError(where, f"the item is {size} bytes; DynamoDB's limit is {MAX_ITEM_BYTES}")
    return image


def _keys(table: Table, image: Item, where: str) -> Item:
    keys: Item = {}
    for name in table.key_names:
        if len(name.encode("utf-8")) > MAX_KEY_NAME_BYTES:
            raise MarshalError(where, f"a key attribute name is at most {MAX_KEY_NAME_BYTES} bytes")
        value = image.get(name)
        if value is None:
            raise MarshalError(f"{where}.{name}", f"the key attribute {name!r} is missing")
        keys[name] = value
    for name, message in key_problems(keys):
        raise MarshalError(f"{where}.{name}", message)
    return keys


def build_record(table: Table, write: Write, ids: _Ids, index: int) -> dict[str, Any]:
    """One stream record for one write, shaped by the table's view type."""
    event_name = _event_name(write)
    new = _image(write.new, "$.NewImage") if isinstance(write, Insert | Modify) else None
    old = _image(write.old, "$.OldImage") if not isinstance(write, Insert) else None
    keys = _keys(table, new if new is not None else old or {}, "$.Keys")
    if new is not None and old is not None and _keys(table, old, "$.OldImage") != keys:
        raise MarshalError("$.Keys", "a MODIFY cannot change the item's key")
    with_new, with_old = IMAGES[(table.view_type, event_name)]

    dynamodb: dict[str, Any] = {}
    if ids.clock.timestamps:
        dynamodb["ApproximateCreationDateTime"] = ids.timestamp(index)
    dynamodb["Keys"] = keys
    if with_new and new is not None:
        dynamodb["NewImage"] = new
    if with_old and old is not None:
        dynamodb["OldImage"] = old
    dynamodb["SequenceNumber"] = ids.next_sequence()
    dynamodb["SizeBytes"] = stream_record_size(dynamodb)
    dynamodb["StreamViewType"] = table.view_type

    record: dict[str, Any] = {
        "eventID": ids.event_id(index),
        "eventName": event_name,
        "eventVersion": ids.clock.event_version,
        "eventSource": "aws:dynamodb",
        "awsRegion": table.region,
        "dynamodb": dynamodb,
        "eventSourceARN": table.stream_arn,
    }
    if isinstance(write, TtlExpiry):
        record["userIdentity"] = dict(TTL_USER_IDENTITY)
    return record


def build_records(
    table: Table, writes: Iterable[Write], clock: Clock | None = None
) -> list[dict[str, Any]]:
    """The records a stream delivers for `writes`, in order, deterministically."""
    with paused():  # records hold no reference cycles: collections would find nothing
        return list(iter_records(table, writes, clock))


def iter_records(
    table: Table, writes: Iterable[Write], clock: Clock | None = None
) -> Iterator[dict[str, Any]]:
    """The records of `build_records`, one at a time: a large batch is never held whole."""
    ids = _Ids(clock or Clock())
    for i, write in enumerate(writes):
        yield build_record(table, write, ids, i)


def stream_event(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The event Lambda passes to the function: the batch under `Records`."""
    return {"Records": list(records)}
