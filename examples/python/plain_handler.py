"""A DynamoDB Streams handler with the Python standard library only.

Lambda hands the handler the event already parsed by `json.loads`: a dict with
`Records` from an event source mapping, or a bare list of records from an
EventBridge Pipes target. Images arrive as DynamoDB AttributeValue JSON, so the
handler decodes them itself (`decode_value`): N -> Decimal (exact, never float),
B -> bytes, sets -> frozenset, L -> list, M -> dict.

Partial batch failure (the function's event source mapping needs
`FunctionResponseTypes: ["ReportBatchItemFailures"]`): the handler returns the
SequenceNumber of every record it could not process, in batch order; Lambda
checkpoints at the lowest one and retries from there.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

AttributeValue = Mapping[str, Any]


def decode_value(value: AttributeValue) -> Any:
    """One AttributeValue (`{"N": "1.5"}`, `{"B": "AAE="}`, ...) as a Python value."""
    if len(value) != 1:
        raise ValueError(f"an AttributeValue has exactly one type key, got {sorted(value)}")
    ((kind, payload),) = value.items()
    if kind == "S":
        return str(payload)
    if kind == "N":
        return Decimal(payload)
    if kind == "B":
        return _b64(payload)
    if kind == "BOOL":
        return bool(payload)
    if kind == "NULL":
        return None
    if kind == "SS":
        return frozenset(str(s) for s in payload)
    if kind == "NS":
        return frozenset(Decimal(n) for n in payload)
    if kind == "BS":
        return frozenset(_b64(b) for b in payload)
    if kind == "L":
        return [decode_value(v) for v in payload]
    if kind == "M":
        return decode_image(payload)
    raise ValueError(f"unknown AttributeValue type {kind!r}")


def decode_image(image: Mapping[str, AttributeValue]) -> dict[str, Any]:
    """A whole item (Keys, NewImage or OldImage) as a dict of Python values."""
    return {name: decode_value(value) for name, value in image.items()}


def _b64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as error:
        raise ValueError(f"B value is not base64: {error}") from error


def stream_records(event: Any) -> Iterator[dict[str, Any]]:
    """The stream records of an event source mapping event or a Pipes batch."""
    if isinstance(event, list):  # EventBridge Pipes: a bare array of records
        yield from event
    else:
        yield from event["Records"]


def process(record: dict[str, Any], new_image: dict[str, Any] | None) -> None:
    """Your business logic. Raising marks the record as failed."""
    if new_image is not None and new_image.get("fail") is True:
        raise RuntimeError(f"cannot process record {record['eventID']}")


def lambda_handler(event: Any, context: Any) -> dict[str, list[dict[str, str]]]:
    failures: list[dict[str, str]] = []
    for record in stream_records(event):
        stream = record["dynamodb"]
        new_image = decode_image(stream["NewImage"]) if "NewImage" in stream else None
        try:
            process(record, new_image)
        except Exception:
            failures.append({"itemIdentifier": stream["SequenceNumber"]})
    return {"batchItemFailures": failures}
