"""Deserializing stream images with boto3's `TypeDeserializer`.

`boto3.dynamodb.types.TypeDeserializer` is the SDK's converter from
AttributeValue JSON to Python (N -> Decimal, sets -> set, B -> `Binary`). It is
written for SDK responses, where botocore has already base64-decoded B values
into bytes. A Lambda event carries B and BS as base64 *text*, and
`TypeDeserializer` rejects text:

    TypeError: Value must be of the following types: <class 'bytearray'>, <class 'bytes'>

`lambda_handler` below is the plain library call (so an image with a binary
attribute fails). `deserialize_stream_image` is the workaround: decode B and BS
from base64 first, then deserialize.

Also: boto3 builds numbers in a 38-digit context that traps rounding, so a
number with more than 38 digits counting trailing zeros (valid in DynamoDB,
e.g. 1 followed by 40 zeros) raises `decimal.Rounded`.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from boto3.dynamodb.types import TypeDeserializer

deserializer = TypeDeserializer()


def deserialize_image(image: Mapping[str, Any]) -> dict[str, Any]:
    """The plain library call: what most examples on the web do."""
    return {name: deserializer.deserialize(value) for name, value in image.items()}


def _bytes_for_binary(value: Mapping[str, Any]) -> dict[str, Any]:
    ((kind, payload),) = value.items()
    if kind == "B":
        return {"B": base64.b64decode(payload)}
    if kind == "BS":
        return {"BS": [base64.b64decode(b) for b in payload]}
    if kind == "L":
        return {"L": [_bytes_for_binary(v) for v in payload]}
    if kind == "M":
        return {"M": {k: _bytes_for_binary(v) for k, v in payload.items()}}
    return dict(value)


def deserialize_stream_image(image: Mapping[str, Any]) -> dict[str, Any]:
    """The workaround: base64-decode B/BS (at any depth), then deserialize."""
    return deserialize_image({k: _bytes_for_binary(v) for k, v in image.items()})


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    failures = []
    for record in event["Records"]:
        stream = record["dynamodb"]
        new_image = deserialize_image(stream.get("NewImage", {}))
        if new_image.get("fail") is True:
            failures.append({"itemIdentifier": stream["SequenceNumber"]})
    return {"batchItemFailures": failures}
