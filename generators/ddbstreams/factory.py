"""Build DynamoDB Streams events for your tests from plain Python items.

    from ddbstreams import insert, modify, remove, stream_event

    event = stream_event(
        [insert({"pk": "a", "n": 1}), modify({"pk": "a", "n": 1}, {"pk": "a", "n": 2})],
        partition_key="pk",
    )

Every builder marshals items the way DynamoDB does (a value DynamoDB would
reject raises `MarshalError` naming the attribute path), applies the stream
view type, computes `SizeBytes`, and is deterministic for a given `seed`.
The options every builder accepts are those of `StreamOptions`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache

from . import defaults, records
from .gcpause import paused
from .limits import LATEST_TIMESTAMP, MAX_WINDOW_SECONDS
from .names import SHAPE_SCHEMAS
from .records import (
    VIEW_TYPES,
    Clock,
    Insert,
    Modify,
    Remove,
    Table,
    TtlExpiry,
    Write,
)
from .resources import load_json
from .terminal import quote
from .validation import Problem, detect_shape, validate_document
from .validation.reading import document_problems

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Unpack

    from .options import StreamOptions


def __getattr__(name: str) -> Any:
    """`StreamOptions`, from its own module: a TypedDict needs `typing` at run time."""
    if name == "StreamOptions":
        from .options import StreamOptions

        return StreamOptions
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


MAX_BATCH_RECORDS: int = load_json("schemas/stream-event.schema.json")["properties"]["Records"][
    "maxItems"
]
"""The most records one batch holds (Lambda's BatchSize maximum), as the schema states it."""

SHAPES: tuple[str, ...] = tuple(SHAPE_SCHEMAS)
"""The document shapes `validate_event` knows (`stream`, `pipes`, `tumbling-window`, …)."""


# --- writes ------------------------------------------------------------------------------


def insert(item: Mapping[str, Any]) -> Insert:
    """A new item was written (an INSERT record)."""
    return Insert(item)


def modify(old: Mapping[str, Any], new: Mapping[str, Any]) -> Modify:
    """An item changed from `old` to `new`, same key (a MODIFY record)."""
    return Modify(old, new)


def remove(item: Mapping[str, Any]) -> Remove:
    """A client deleted the item (a REMOVE record)."""
    return Remove(item)


def ttl_expiry(item: Mapping[str, Any]) -> TtlExpiry:
    """Time To Live deleted the item (a REMOVE record with the service `userIdentity`)."""
    return TtlExpiry(item)


# --- options -----------------------------------------------------------------------------


@cache
def _schema_pattern(schema: str, *path: str) -> re.Pattern[str]:
    """A pattern the published schemas give, so the builders accept exactly what they do."""
    root: Any = load_json(schema)
    node = root
    for part in path:
        node = node[part]
    while "pattern" not in node and str(node.get("$ref", "")).startswith("#/"):
        target = root  # a local reference, e.g. #/$defs/region
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = target
    return re.compile(node["pattern"])


def _check_table(table: Table) -> Table:
    """Names that appear in ARNs must be ones AWS writes (the schemas' patterns).

    The defaults are checked by the test suite instead of on every start: loading
    two schemas and compiling their patterns costs more than building an event.
    """
    names = (table.region, table.name, table.stream_arn)
    if names != DEFAULT_NAMES:
        check_names(*names)
    return table


DEFAULT_NAMES = (defaults.REGION, defaults.TABLE_NAME, Table().stream_arn)


def check_names(region: str, name: str, stream_arn: str) -> None:
    """ValueError unless the Region, table name and stream ARN match the schemas' patterns."""
    record = "schemas/stream-record.schema.json"
    if not _schema_pattern(record, "properties", "awsRegion").fullmatch(region):
        raise ValueError(f"region {quote(region)} is not an AWS region name (e.g. us-east-1)")
    if not _schema_pattern(
        "schemas/kinesis-change-record.schema.json", "properties", "tableName"
    ).fullmatch(name):
        raise ValueError(
            f"table {quote(name)} is not a DynamoDB table name (3-255 of a-z A-Z 0-9 _ . -)"
        )
    if not _schema_pattern(record, "properties", "eventSourceARN").fullmatch(stream_arn):
        raise ValueError(
            f"the stream ARN {quote(stream_arn)} is not one AWS writes: check the "
            "partition (aws, aws-cn, …), the 12-digit account id and the stream label"
        )


def _table(options: StreamOptions) -> Table:
    view_type = options.get("view_type", defaults.VIEW_TYPE)
    if view_type not in VIEW_TYPES:
        raise ValueError(f"view_type must be one of {', '.join(VIEW_TYPES)}, not {view_type!r}")
    return _check_table(
        Table(
            name=options.get("table", defaults.TABLE_NAME),
            partition_key=options.get("partition_key", defaults.PARTITION_KEY),
            sort_key=options.get("sort_key"),
            view_type=view_type,
            region=options.get("region", defaults.REGION),
            account_id=options.get("account_id", defaults.ACCOUNT_ID),
            partition=options.get("partition", defaults.PARTITION),
            stream_label=options.get("stream_label", defaults.STREAM_LABEL),
        )
    )


def _clock(options: StreamOptions) -> Clock:
    start = options.get("start", defaults.START)
    step = options.get("step", defaults.STEP)
    for name, value in (("start", start), ("step", step)):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{name} must be a number of seconds, not {type(value).__name__}")
        if not math.isfinite(value) or not 0 <= value <= LATEST_TIMESTAMP:
            raise ValueError(
                f"{name} must be seconds from 0 to {LATEST_TIMESTAMP} (9999-12-31), not {value!r}"
            )
    return Clock(start=start, step=step, seed=options.get("seed", defaults.SEED))


def _records(writes: Iterable[Write], options: StreamOptions) -> list[dict[str, Any]]:
    """The records, refusing batches Lambda never sends and timestamps past year 9999."""
    with paused():  # records hold no reference cycles: collections would find nothing
        return list(_checked_records(writes, options))


def _checked_records(writes: Iterable[Write], options: StreamOptions) -> Iterator[dict[str, Any]]:
    table, clock = _table(options), _clock(options)
    for index, record in enumerate(records.iter_records(table, writes, clock)):
        if index == MAX_BATCH_RECORDS:
            raise ValueError(f"a batch holds at most {MAX_BATCH_RECORDS} records, not more")
        if clock.start + index * clock.step > LATEST_TIMESTAMP:
            raise ValueError("the last record's timestamp would be after 9999-12-31")
        yield record


def iter_stream_records(
    writes: Iterable[Write], **options: Unpack[StreamOptions]
) -> Iterator[dict[str, Any]]:
    """The records of `stream_event(writes, **options)` one at a time, with the same checks.

    For writing a large batch as it is built, never holding it whole; a check
    fails (ValueError) when the record that breaks it is reached.
    """
    return _checked_records(writes, options)


# --- events ------------------------------------------------------------------------------


def stream_records(
    writes: Iterable[Write], **options: Unpack[StreamOptions]
) -> list[dict[str, Any]]:
    """The stream records for `writes`, in order (the items of an event's `Records`)."""
    return records.build_records(_table(options), writes, _clock(options))


def stream_event(writes: Iterable[Write], **options: Unpack[StreamOptions]) -> dict[str, Any]:
    """The event Lambda passes to a function subscribed to the stream: `{"Records": [...]}`."""
    return records.stream_event(_records(writes, options))


def pipes_batch(writes: Iterable[Write], **options: Unpack[StreamOptions]) -> list[dict[str, Any]]:
    """What an EventBridge Pipes target receives: the stream records as a bare array."""
    from . import envelopes  # not loaded for the plain stream event

    return [dict(r) for r in envelopes.pipes_batch(_records(writes, options))]


def tumbling_window_event(
    writes: Iterable[Write],
    *,
    state: Mapping[str, Any] | None = None,
    window_seconds: int = 120,
    shard_id: str = "shardId-00000001717200000000-0a1b2c3d",
    final: bool = False,
    terminated_early: bool = False,
    **options: Unpack[StreamOptions],
) -> dict[str, Any]:
    """An invoke inside a tumbling window: the batch, the window holding `start`, and `state`.

    `final=True` with no writes is the invoke that closes the window.
    """
    from . import envelopes  # not loaded for the plain stream event

    if isinstance(window_seconds, bool) or not isinstance(window_seconds, int):
        raise TypeError(f"window_seconds must be an int, not {type(window_seconds).__name__}")
    if not 1 <= window_seconds <= MAX_WINDOW_SECONDS:
        raise ValueError(
            f"window_seconds must be 1 to {MAX_WINDOW_SECONDS} (0 means no window), not {window_seconds}"
        )
    built = _records(writes, options)
    start = options.get("start", defaults.START)
    return envelopes.tumbling_window_event(
        _table(options),
        built,
        window_start=envelopes.window_start_of(start, window_seconds),
        window_seconds=window_seconds,
        state=state or {},
        shard_id=shard_id,
        final=final,
        terminated_early=terminated_early,
    )


def kinesis_event(
    writes: Iterable[Write],
    *,
    stream_name: str | None = None,
    **options: Unpack[StreamOptions],
) -> dict[str, Any]:
    """A Lambda Kinesis event carrying the changes as Kinesis Data Streams for DynamoDB writes them.

    Each record's base64 `data` is a change record (no SequenceNumber, millisecond timestamp).
    """
    import random

    from . import envelopes  # neither is loaded for the plain stream event

    table = _table(options)
    seed = options.get("seed", 0)
    rng = random.Random(seed + 1)
    changes = [envelopes.kinesis_change_record(table, r, rng) for r in _records(writes, options)]
    return envelopes.kinesis_event(
        table,
        changes,
        stream_name=stream_name or f"{table.name}-changes",
        rng=random.Random(seed + 2),
    )


def failure_destination(
    writes: Iterable[Write],
    *,
    s3: bool = False,
    function_name: str = "my-function",
    invoke_count: int = 3,
    shard_id: str = "shardId-00000001717200000000-0a1b2c3d",
    **options: Unpack[StreamOptions],
) -> dict[str, Any]:
    """The record an on-failure destination receives once retries are exhausted.

    SQS and SNS get the batch's description; `s3=True` adds the whole event as `payload`.
    """
    import uuid  # only destination records need it; the CLI's common paths start without it

    from . import envelopes  # not loaded for the plain stream event

    built = _records(writes, options)
    if not built:
        raise ValueError("an on-failure destination record describes at least one record")
    import random  # not loaded for the plain stream event

    rng = random.Random(options.get("seed", 0) + 3)
    return envelopes.failure_destination_record(
        _table(options),
        built,
        function_name=function_name,
        request_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        shard_id=shard_id,
        invoke_count=invoke_count,
        failed_at=built[-1]["dynamodb"]["ApproximateCreationDateTime"] + 3600,
        with_payload=s3,
    )


# --- published fixtures and validation ----------------------------------------------------


def validate_event(doc: Any, shape: str | None = None) -> list[Problem]:
    """Every problem in `doc` (an event, batch, response…); an empty list means valid.

    `shape` is one of `SHAPES`; without it the shape is detected from the document.
    Problems with `severity == "warning"` (e.g. an unexpected SizeBytes) do not make it invalid.
    """
    if shape is not None and shape not in SHAPE_SCHEMAS:
        raise ValueError(f"shape must be one of {', '.join(SHAPES)}, not {shape!r}")
    if shape is None and (doc is None or doc == {}):
        return [
            Problem(
                "",
                "shape",
                f"{json.dumps(doc)} is not an event (pass shape='batch-response' to check a response)",
            )
        ]
    problems = document_problems(doc)  # before any engine could recurse into it
    if problems:
        return problems
    chosen = shape or detect_shape(doc)
    if chosen is None:
        return [Problem("", "shape", "not a shape this validator knows; pass shape=")]
    return validate_document(doc, chosen)


def sequence_numbers(event: Mapping[str, Any] | Sequence[Any]) -> list[str]:
    """The sequence numbers of an event's records, in batch order, to put in a `batch_response`."""
    from .response import batch_identifiers

    return batch_identifiers(event)
