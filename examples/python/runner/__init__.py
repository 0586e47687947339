"""The Python side of the example-runner contract (conformance/CONTRACT.md).

Run from examples/python/, where the handler modules a reader copies live:

    python -m runner HANDLER FIXTURE...     one JSON line per fixture, in order
    python -m runner --version HANDLER      the library version the handler runs on
    python -m runner --list                 the handler names

For each fixture the runner loads the JSON the way the Lambda Python runtime
does (`json.loads`), calls the handler module's Lambda handler, and builds the
normalized `view` from what the handler's *library* exposes (data-class
properties, pydantic fields, chalice record attributes, deserializer output),
re-marshalled as AttributeValue JSON. Handler output on stdout is sent to
stderr so that stdout carries only the result lines.
"""

from __future__ import annotations

import base64
import contextlib
import json
import platform
import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Any

Json = Any
Invoke = Callable[[Json], tuple[Json, Json]]


def lambda_context() -> Any:
    """A stand-in for the context object Lambda passes (typed loosely: each library
    declares its own context type)."""
    return FakeContext()


class FakeContext:
    """The attributes handlers and libraries read from a Lambda context."""

    function_name = "ddb-streams-example"
    function_version = "$LATEST"
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:ddb-streams-example"
    memory_limit_in_mb = 128
    aws_request_id = "00000000-0000-0000-0000-000000000000"
    log_group_name = "/aws/lambda/ddb-streams-example"
    log_stream_name = "local"

    def get_remaining_time_in_millis(self) -> int:
        return 300_000


# ----------------------------------------------------------------------------
# Re-marshalling library values as AttributeValue JSON
# ----------------------------------------------------------------------------


def _type_key(hint: Mapping[str, Any] | None) -> str | None:
    if isinstance(hint, Mapping) and len(hint) == 1:
        return next(iter(hint))
    return None


def _number_text(value: Any) -> str:
    if isinstance(value, float):
        return repr(value)  # shortest text: precision loss stays visible
    return str(value)


def _binary_b64(value: Any) -> str:
    raw = getattr(value, "value", value)  # boto3 Binary keeps the bytes in .value
    if isinstance(raw, str):  # the library kept the base64 text: encode its bytes
        raw = raw.encode("utf-8")
    return base64.b64encode(bytes(raw)).decode("ascii")


def _infer_kind(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "BOOL"
    if isinstance(value, str):
        return "S"
    if isinstance(value, int | float | Decimal):
        return "N"
    if isinstance(value, bytes | bytearray) or hasattr(value, "value"):
        return "B"
    if isinstance(value, set | frozenset):
        elements = list(value)
        if elements and all(isinstance(e, str) for e in elements):
            return "SS"
        if elements and all(isinstance(e, bytes | bytearray) for e in elements):
            return "BS"
        return "NS"
    if isinstance(value, list | tuple):
        return "L"
    if isinstance(value, Mapping):
        return "M"
    raise TypeError(f"cannot marshal {type(value).__name__}")


def _compatible(kind: str, value: Any) -> bool:
    if kind == "NULL":
        return value is None
    if kind == "BOOL":
        return isinstance(value, bool)
    if kind == "S":
        return isinstance(value, str)
    if kind == "N":
        return isinstance(value, int | float | Decimal | str) and not isinstance(value, bool)
    if kind == "B":
        return isinstance(value, bytes | bytearray | str) or hasattr(value, "value")
    if kind in ("SS", "NS", "BS"):
        return isinstance(value, set | frozenset | list | tuple)
    if kind == "L":
        return isinstance(value, list | tuple)
    if kind == "M":
        return isinstance(value, Mapping)
    return False


def marshal(value: Any, hint: Any = None) -> dict[str, Any]:
    """A library's Python value as AttributeValue JSON.

    `hint` is the fixture's AttributeValue at the same place; it only picks the
    type key where Python types are ambiguous (a `str` is S, or B kept as base64
    text). The written value always comes from `value`.
    """
    kind = _type_key(hint)
    if kind is None or not _compatible(kind, value):
        kind = _infer_kind(value)
    if kind == "NULL":
        return {"NULL": True}
    if kind == "BOOL":
        return {"BOOL": value}
    if kind == "S":
        return {"S": value}
    if kind == "N":
        return {"N": _number_text(value)}
    if kind == "B":
        return {"B": _binary_b64(value)}
    if kind == "SS":
        return {"SS": sorted(str(v) for v in value)}
    if kind == "NS":
        return {"NS": sorted((_number_text(v) for v in value), key=str)}
    if kind == "BS":
        return {"BS": sorted(_binary_b64(v) for v in value)}
    if kind == "L":
        hints = hint["L"] if _type_key(hint) == "L" else []
        return {
            "L": [marshal(v, hints[i] if i < len(hints) else None) for i, v in enumerate(value)]
        }
    hints_m = hint["M"] if _type_key(hint) == "M" else {}
    return {"M": marshal_image(value, hints_m)}


def marshal_image(image: Mapping[str, Any] | None, hints: Any) -> dict[str, Any] | None:
    if image is None:
        return None
    hints = hints if isinstance(hints, Mapping) else {}
    return {name: marshal(value, hints.get(name)) for name, value in image.items()}


# ----------------------------------------------------------------------------
# Small helpers
# ----------------------------------------------------------------------------


def seconds(moment: datetime | None) -> Decimal | None:
    """A datetime as exact seconds since the epoch (naive datetimes are UTC)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    delta = moment - datetime(1970, 1, 1, tzinfo=UTC)
    return (
        Decimal(delta.days) * 86400 + Decimal(delta.seconds) + Decimal(delta.microseconds) / 10**6
    )


def records_of(event: Json) -> list[dict[str, Any]]:
    return list(event) if isinstance(event, list) else list(event["Records"])


def raw_stream(raw: Mapping[str, Any]) -> dict[str, Any]:
    return dict(raw.get("dynamodb") or {})


def with_window(event: Json, view: dict[str, Any]) -> dict[str, Any]:
    """Tumbling-window fields as parsed by json.loads (no library models them here)."""
    if isinstance(event, dict) and "window" in event:
        for key in ("window", "state", "shardId", "isFinalInvokeForWindow"):
            view[key] = event.get(key)
        view["isWindowTerminatedEarly"] = event.get("isWindowTerminatedEarly")
    return view


def envelope_from_raw(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Record fields as json.loads gives them (for the standard-library handlers)."""
    stream = raw_stream(raw)
    return {
        "eventID": raw.get("eventID"),
        "eventName": raw.get("eventName"),
        "eventVersion": raw.get("eventVersion"),
        "eventSource": raw.get("eventSource"),
        "awsRegion": raw.get("awsRegion"),
        "eventSourceARN": raw.get("eventSourceARN"),
        "sequenceNumber": stream.get("SequenceNumber"),
        "sizeBytes": stream.get("SizeBytes"),
        "streamViewType": stream.get("StreamViewType"),
        "approximateCreationDateTime": stream.get("ApproximateCreationDateTime"),
        "userIdentity": raw.get("userIdentity"),
    }


# ----------------------------------------------------------------------------
# One adapter per handler: (event) -> (response, view)
# ----------------------------------------------------------------------------


def plain_view(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A record's view with images decoded by the standard-library handler's decoder."""
    import plain_handler as h

    stream = raw_stream(raw)
    view = envelope_from_raw(raw)
    for key, name in (("keys", "Keys"), ("newImage", "NewImage"), ("oldImage", "OldImage")):
        decoded = h.decode_image(stream[name]) if name in stream else None
        view[key] = marshal_image(decoded, stream.get(name))
    return view


def documented_entry(module: Any, event: Json) -> Callable[[Json, Any], Json]:
    """The function the example documents for this event: `pipes_handler` for an
    EventBridge Pipes batch (a bare array) when the example has one, else `lambda_handler`."""
    if isinstance(event, list) and hasattr(module, "pipes_handler"):
        return module.pipes_handler
    return module.lambda_handler


def invoke_plain(event: Json) -> tuple[Json, Json]:
    import plain_handler as h

    response = h.lambda_handler(event, lambda_context())
    return response, {"records": [plain_view(raw) for raw in h.stream_records(event)]}


def invoke_kinesis(event: Json) -> tuple[Json, Json]:
    import kinesis_handler as h

    response = h.lambda_handler(event, lambda_context())
    return response, {"records": [plain_view(h.change_record(raw)) for raw in event["Records"]]}


def invoke_tumbling(event: Json) -> tuple[Json, Json]:
    import tumbling_window_handler as h

    response = h.lambda_handler(event, lambda_context())
    records = []
    for raw in event["Records"]:
        stream = raw["dynamodb"]
        view = envelope_from_raw(raw)
        view["keys"] = stream.get("Keys")
        view["newImage"] = stream.get("NewImage")
        view["oldImage"] = stream.get("OldImage")
        records.append(view)
    return response, with_window(event, {"records": records})


def invoke_powertools_batch(event: Json) -> tuple[Json, Json]:
    import powertools_batch_handler as h
    from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import (
        DynamoDBRecord,
    )

    response = documented_entry(h, event)(event, lambda_context())
    records = []
    for raw in records_of(event):
        record = DynamoDBRecord(raw)  # the data class BatchProcessor hands to record_handler
        stream = record.dynamodb
        hints = raw_stream(raw)
        identity = record.user_identity
        records.append(
            {
                "eventID": record.event_id,
                "eventName": record.event_name.name if record.event_name else None,
                "eventVersion": record.event_version,
                "eventSource": record.event_source,
                "awsRegion": record.aws_region,
                "eventSourceARN": record.event_source_arn,
                "sequenceNumber": stream.sequence_number if stream else None,
                "sizeBytes": stream.size_bytes if stream else None,
                "streamViewType": (
                    stream.stream_view_type.name if stream and stream.stream_view_type else None
                ),
                "approximateCreationDateTime": (
                    stream.approximate_creation_date_time if stream else None
                ),
                "keys": marshal_image(stream.keys, hints.get("Keys")) if stream else None,
                "newImage": marshal_image(stream.new_image, hints.get("NewImage"))
                if stream
                else None,
                "oldImage": marshal_image(stream.old_image, hints.get("OldImage"))
                if stream
                else None,
                "userIdentity": dict(identity) if identity is not None else None,
            }
        )
    return response, {"records": records}


def invoke_powertools_parser(event: Json) -> tuple[Json, Json]:
    import powertools_parser_handler as h
    from aws_lambda_powertools.utilities.parser.models import DynamoDBStreamModel

    response = documented_entry(h, event)(event, lambda_context())
    if isinstance(event, list):
        parsed = h.PipesBatch.validate_python(event)  # what `pipes_handler` validates
    else:
        parsed = DynamoDBStreamModel.model_validate(event).Records
    records = []
    for raw, record in zip(records_of(event), parsed, strict=True):
        stream = record.dynamodb
        hints = raw_stream(raw)
        records.append(
            {
                "eventID": record.eventID,
                "eventName": record.eventName,
                "eventVersion": record.eventVersion,  # a float in this model
                "eventSource": record.eventSource,
                "awsRegion": record.awsRegion,
                "eventSourceARN": record.eventSourceARN,
                "sequenceNumber": stream.SequenceNumber,
                "sizeBytes": stream.SizeBytes,
                "streamViewType": stream.StreamViewType,
                "approximateCreationDateTime": seconds(stream.ApproximateCreationDateTime),
                "keys": marshal_image(stream.Keys, hints.get("Keys")),
                "newImage": marshal_image(_image(stream.NewImage), hints.get("NewImage")),
                "oldImage": marshal_image(_image(stream.OldImage), hints.get("OldImage")),
                "userIdentity": (
                    record.userIdentity.model_dump() if record.userIdentity is not None else None
                ),
            }
        )
    return response, {"records": records}


def _image(value: Any) -> Any:
    if value is None or isinstance(value, Mapping):
        return value
    return value.model_dump()  # a custom pydantic model for the image


def invoke_chalice(event: Json) -> tuple[Json, Json]:
    import chalice_app as h
    from chalice.app import DynamoDBEvent

    context = lambda_context()
    response = h.handle_stream(event, context)
    records = []
    for record in DynamoDBEvent(event, context):
        records.append(
            {
                "eventID": record.event_id,
                "eventName": record.event_name,
                "eventVersion": None,  # not exposed by chalice
                "eventSource": None,  # not exposed by chalice
                "awsRegion": record.aws_region,
                "eventSourceARN": record.event_source_arn,
                "sequenceNumber": record.sequence_number,
                "sizeBytes": record.size_bytes,
                "streamViewType": record.stream_view_type,
                "approximateCreationDateTime": seconds(record.timestamp),
                "keys": record.keys,  # chalice leaves images as AttributeValue JSON
                "newImage": record.new_image,
                "oldImage": record.old_image,
                "userIdentity": None,  # not exposed by chalice
            }
        )
    return response, {"records": records}


def invoke_boto3(event: Json) -> tuple[Json, Json]:
    import boto3_deserializer_handler as h

    response = h.lambda_handler(event, lambda_context())
    records = []
    for raw in event["Records"]:
        stream = raw["dynamodb"]
        view = envelope_from_raw(raw)
        for key, name in (("keys", "Keys"), ("newImage", "NewImage"), ("oldImage", "OldImage")):
            image = h.deserialize_image(stream[name]) if name in stream else None
            view[key] = marshal_image(image, stream.get(name))
        records.append(view)
    return response, {"records": records}


def _python_version() -> str:
    """The standard library's version: the interpreter's minor release (3.11).

    Patch releases do not change the json module's behaviour, and machines differ in
    them (a developer's 3.11.7, Debian's 3.11.2): the published matrix must not.
    """
    return ".".join(platform.python_version_tuple()[:2])


def _dist(name: str) -> Callable[[], str]:
    return lambda: metadata.version(name)


HANDLERS: dict[str, tuple[Invoke, Callable[[], str]]] = {
    "plain": (invoke_plain, _python_version),
    "tumbling-window": (invoke_tumbling, _python_version),
    "kinesis": (invoke_kinesis, _python_version),
    "powertools-batch": (invoke_powertools_batch, _dist("aws-lambda-powertools")),
    "powertools-parser": (
        invoke_powertools_parser,
        lambda: (
            f"{metadata.version('aws-lambda-powertools')} (pydantic {metadata.version('pydantic')})"
        ),
    ),
    "chalice": (invoke_chalice, _dist("chalice")),
    "boto3-deserializer": (invoke_boto3, _dist("boto3")),
}


# ----------------------------------------------------------------------------
# Output
# ----------------------------------------------------------------------------


def to_json(value: Any) -> Any:
    """Plain JSON values; Decimal numbers become int or float (responses, timestamps)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, set | frozenset):
        return [to_json(v) for v in sorted(value, key=str)]
    return value


def one_line(error: BaseException) -> str:
    text = f"{type(error).__name__}: {error}"
    text = " | ".join(line.strip() for line in text.splitlines() if line.strip())
    return text if len(text) <= 600 else text[:597] + "..."


def run_fixture(invoke: Invoke, path: str) -> dict[str, Any]:
    result: dict[str, Any] = {"fixture": path, "loaded": False, "error": None}
    result.update(response=None, view=None)
    try:
        event = json.loads(Path(path).read_text(encoding="utf-8"))
        with contextlib.redirect_stdout(sys.stderr):
            response, view = invoke(event)
        result.update(loaded=True, response=to_json(response), view=to_json(view))
    except Exception as error:  # a rejection is a result, never a stop
        result["error"] = one_line(error)
    return result


def main(argv: Iterable[str]) -> int:
    args = list(argv)
    if args == ["--list"]:
        print("\n".join(HANDLERS))
        return 0
    if len(args) == 2 and args[0] == "--version" and args[1] in HANDLERS:
        print(HANDLERS[args[1]][1]())
        return 0
    if not args or args[0] not in HANDLERS:
        print(f"usage: python -m runner {{{'|'.join(HANDLERS)}}} FIXTURE...", file=sys.stderr)
        return 2
    invoke = HANDLERS[args[0]][0]
    for path in args[1:]:
        print(json.dumps(run_fixture(invoke, path), sort_keys=True), flush=True)
    return 0
