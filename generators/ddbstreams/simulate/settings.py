"""The event source mapping settings the simulator honours, with AWS's names and defaults.

Every default and range below is the one the Lambda API documents for a
DynamoDB stream (https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html,
https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html). A mapping is
read from the same JSON a `CreateEventSourceMapping` call takes, so a user's
infrastructure file can be simulated as it stands.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

DestinationKind = Literal["SQS", "SNS", "S3"]

RETENTION_SECONDS = 24 * 3600
"""DynamoDB Streams keeps records 24 hours (services-ddb-params.html: "The data retention
limit for DynamoDB Streams is 24 hours")."""

PAYLOAD_LIMIT_BYTES = 6 * 1024 * 1024
"""A batch closes when "The payload size reaches 6 MB" (invocation-eventsourcemapping.html,
Batching behavior); the limit cannot be changed."""

POLLS_PER_SECOND = 4
""""Lambda polls shards in your DynamoDB stream for records at a base rate of 4 times per
second" (with-ddb.html)."""

WINDOW_STATE_LIMIT_BYTES = 1024 * 1024
"""Tumbling-window state "can be a maximum of 1 MB per shard. If it exceeds that size, Lambda
terminates the window early" (services-ddb-windows.html)."""

REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures"


class MappingError(ValueError):
    """A setting AWS would reject, or one the simulator cannot honour; `pointer` says where."""

    def __init__(self, pointer: str, message: str) -> None:
        super().__init__(f"{pointer or '/'}: {message}")
        self.pointer = pointer
        self.message = message


@dataclass(frozen=True)
class Destination:
    """Where discarded batches are described: `DestinationConfig.OnFailure`."""

    kind: DestinationKind
    arn: str


@dataclass(frozen=True)
class EventSourceMapping:
    """The settings of one DynamoDB stream event source mapping (AWS names, AWS defaults).

    Build it with `EventSourceMapping.from_dict({...})` from the JSON of a
    `CreateEventSourceMapping` request; unknown keys and out-of-range values raise
    `MappingError` naming the key, so a typo never silently falls back to a default.
    """

    BatchSize: int = 100
    MaximumBatchingWindowInSeconds: int = 0
    FunctionResponseTypes: tuple[str, ...] = ()
    MaximumRetryAttempts: int = -1
    MaximumRecordAgeInSeconds: int = -1
    BisectBatchOnFunctionError: bool = False
    ParallelizationFactor: int = 1
    TumblingWindowInSeconds: int = 0
    StartingPosition: str = "TRIM_HORIZON"
    FilterCriteria: Mapping[str, Any] | None = None
    OnFailure: Destination | None = None
    FunctionArn: str = "arn:aws:lambda:us-east-1:123456789012:function:my-function"
    ShardId: str = "shardId-00000001717200000000-0a1b2c3d"

    @property
    def reports_item_failures(self) -> bool:
        return REPORT_BATCH_ITEM_FAILURES in self.FunctionResponseTypes

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> EventSourceMapping:
        """Read the settings AWS names; `FunctionArn` and `ShardId` name the simulated function
        and shard (they only appear in on-failure records)."""
        if not isinstance(raw, Mapping):
            raise MappingError("", "the mapping must be a JSON object of settings")
        known = {
            "BatchSize",
            "MaximumBatchingWindowInSeconds",
            "FunctionResponseTypes",
            "MaximumRetryAttempts",
            "MaximumRecordAgeInSeconds",
            "BisectBatchOnFunctionError",
            "ParallelizationFactor",
            "TumblingWindowInSeconds",
            "StartingPosition",
            "FilterCriteria",
            "DestinationConfig",
            "FunctionArn",
            "FunctionName",
            "ShardId",
            "EventSourceArn",
            "Enabled",
        }
        for key in raw:
            if key not in known:
                raise MappingError(f"/{key}", f"not an event source mapping setting ({key!r})")
        values: dict[str, Any] = {}
        for key, low, high in _RANGES:
            if key in raw:
                values[key] = _integer(raw[key], key, low, high)
        age = values.get("MaximumRecordAgeInSeconds", -1)
        if -1 < age < 60:
            # API_CreateEventSourceMapping: "values less than 60 and greater than -1 ... are not allowed"
            raise MappingError(
                "/MaximumRecordAgeInSeconds", "must be -1 (infinite) or 60 to 604800 seconds"
            )
        if "BisectBatchOnFunctionError" in raw:
            if not isinstance(raw["BisectBatchOnFunctionError"], bool):
                raise MappingError("/BisectBatchOnFunctionError", "must be true or false")
            values["BisectBatchOnFunctionError"] = raw["BisectBatchOnFunctionError"]
        if "FunctionResponseTypes" in raw:
            values["FunctionResponseTypes"] = _response_types(raw["FunctionResponseTypes"])
        if "StartingPosition" in raw:
            # API_CreateEventSourceMapping: AT_TIMESTAMP is for Kinesis, MSK, Kafka, DocumentDB only.
            if raw["StartingPosition"] not in ("TRIM_HORIZON", "LATEST"):
                raise MappingError(
                    "/StartingPosition", "a DynamoDB stream takes TRIM_HORIZON or LATEST"
                )
            values["StartingPosition"] = raw["StartingPosition"]
        if raw.get("FilterCriteria") is not None:
            if not isinstance(raw["FilterCriteria"], Mapping):
                raise MappingError("/FilterCriteria", "must be an object with Filters")
            values["FilterCriteria"] = raw["FilterCriteria"]
        if "DestinationConfig" in raw:
            values["OnFailure"] = _destination(raw["DestinationConfig"])
        if "FunctionArn" in raw or "FunctionName" in raw:
            values["FunctionArn"] = _function_arn(raw.get("FunctionArn", raw.get("FunctionName")))
        if "ShardId" in raw:
            if not isinstance(raw["ShardId"], str) or not raw["ShardId"]:
                raise MappingError("/ShardId", "must be a non-empty string")
            values["ShardId"] = raw["ShardId"]
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """The settings as AWS names them (what a trace records it ran with)."""
        out: dict[str, Any] = {
            "BatchSize": self.BatchSize,
            "MaximumBatchingWindowInSeconds": self.MaximumBatchingWindowInSeconds,
            "FunctionResponseTypes": list(self.FunctionResponseTypes),
            "MaximumRetryAttempts": self.MaximumRetryAttempts,
            "MaximumRecordAgeInSeconds": self.MaximumRecordAgeInSeconds,
            "BisectBatchOnFunctionError": self.BisectBatchOnFunctionError,
            "ParallelizationFactor": self.ParallelizationFactor,
            "TumblingWindowInSeconds": self.TumblingWindowInSeconds,
            "StartingPosition": self.StartingPosition,
        }
        if self.FilterCriteria is not None:
            out["FilterCriteria"] = dict(self.FilterCriteria)
        out["DestinationConfig"] = {
            "OnFailure": {"Destination": self.OnFailure.arn} if self.OnFailure else {}
        }
        return out


# (setting, minimum, maximum) from services-ddb-params.html and API_CreateEventSourceMapping.html.
_RANGES: tuple[tuple[str, int, int], ...] = (
    ("BatchSize", 1, 10_000),
    ("MaximumBatchingWindowInSeconds", 0, 300),
    ("MaximumRetryAttempts", -1, 10_000),
    ("MaximumRecordAgeInSeconds", -1, 604_800),
    ("ParallelizationFactor", 1, 10),
    ("TumblingWindowInSeconds", 0, 900),
)

_DESTINATION_SERVICES: dict[str, DestinationKind] = {"sqs": "SQS", "sns": "SNS", "s3": "S3"}


def _integer(value: Any, key: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise MappingError(f"/{key}", f"must be a whole number, not {value!r}")
    if not low <= value <= high:
        raise MappingError(f"/{key}", f"must be between {low} and {high}, not {value}")
    return value


def _response_types(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) > 1:
        raise MappingError("/FunctionResponseTypes", 'must be [] or ["ReportBatchItemFailures"]')
    for item in value:
        if item != REPORT_BATCH_ITEM_FAILURES:
            raise MappingError(
                "/FunctionResponseTypes/0",
                f"the only response type is ReportBatchItemFailures, not {item!r}",
            )
    return tuple(value)


def _destination(config: Any) -> Destination | None:
    """`{"OnFailure": {"Destination": "arn:aws:sqs:..."}}`, or the short `{"OnFailure": "SQS"}`."""
    if not isinstance(config, Mapping):
        raise MappingError("/DestinationConfig", "must be an object with OnFailure")
    on_failure = config.get("OnFailure")
    if on_failure is None or on_failure == {}:
        return None
    if isinstance(on_failure, str) and on_failure in _DESTINATION_SERVICES.values():
        kind = _DESTINATION_SERVICES[on_failure.lower()]
        return Destination(kind, _example_arn(kind))
    arn = on_failure.get("Destination") if isinstance(on_failure, Mapping) else None
    parts = arn.split(":") if isinstance(arn, str) else []
    if not isinstance(arn, str) or len(parts) < 6 or parts[2] not in _DESTINATION_SERVICES:
        raise MappingError(
            "/DestinationConfig/OnFailure/Destination",
            "must be the ARN of an SQS queue, SNS topic or S3 bucket (or SQS, SNS, S3)",
        )
    return Destination(_DESTINATION_SERVICES[parts[2]], arn)


def _example_arn(kind: str) -> str:
    if kind == "S3":
        return "arn:aws:s3:::my-failed-batches"
    return f"arn:aws:{kind.lower()}:us-east-1:123456789012:my-failed-batches"


def _function_arn(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise MappingError("/FunctionArn", "must be a function name or ARN")
    if value.startswith("arn:"):
        return value
    return f"arn:aws:lambda:us-east-1:123456789012:function:{value}"
