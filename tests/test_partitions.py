"""Every partition and Region AWS has is accepted: checked against botocore's partition data.

botocore ships the partitions AWS publishes (ids, Region codes and the
pattern of each partition's Region codes); it is the oracle here, so a
Region or partition that AWS adds fails this test rather than users' events.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.loaders import Loader
from ddbstreams.validation.arns import part_forms, stream_arn_defect
from ddbstreams.validation.schemas import all_schemas

PARTITIONS: list[dict[str, Any]] = Loader().load_data("partitions")["partitions"]

# An ARN of each service the schemas describe, with the partition and Region left open.
ARN_TEMPLATES = {
    "dynamodb": "arn:{p}:dynamodb:{r}:123456789012:table/Orders/stream/2024-06-01T00:00:00.000",
    "kinesis": "arn:{p}:kinesis:{r}:123456789012:stream/orders-changes",
    "lambda": "arn:{p}:lambda:{r}:123456789012:function:my-function",
}


def _patterns(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            else:
                yield from _patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _patterns(value)


ALL_PATTERNS = [p for schema in all_schemas().values() for p in _patterns(schema)]
ARN_PATTERNS = [p for p in ALL_PATTERNS if p.startswith("^arn:")]
REGION_PATTERN = all_schemas()["schemas/stream-record.schema.json"]["$defs"]["region"]["pattern"]


def _regions(partition: dict[str, Any]) -> list[str]:
    """The partition's Region codes, and one made from its Region pattern (a future Region)."""
    listed = [r for r in partition["regions"] if not r.endswith("-global")]
    future = partition["regionRegex"].strip("^$").replace("\\-", "-")
    future = (
        re.sub(r"\(([a-z]+)[^)]*\)", r"\1", future).replace("\\w+", "central").replace("\\d+", "9")
    )
    return [*listed, future]


CASES = [(p["id"], region) for p in PARTITIONS for region in _regions(p)]


def test_botocore_knows_the_partitions_we_promise() -> None:
    ids = {p["id"] for p in PARTITIONS}
    assert {"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-eusc"} <= ids
    assert len(ARN_PATTERNS) >= 3


@pytest.mark.parametrize(("partition", "region"), CASES, ids=[f"{p}:{r}" for p, r in CASES])
def test_every_region_and_partition_is_accepted(partition: str, region: str) -> None:
    assert re.fullmatch(REGION_PATTERN, region)
    assert part_forms()["region"].fullmatch(region)
    for pattern in ARN_PATTERNS:
        service = next(s for s in ARN_TEMPLATES if f":{s}:" in pattern)
        arn = ARN_TEMPLATES[service].format(p=partition, r=region)
        assert re.fullmatch(pattern, arn), (pattern, arn)
    assert stream_arn_defect(ARN_TEMPLATES["dynamodb"].format(p=partition, r=region)) is None


@pytest.mark.parametrize("region", ["us-east", "US-EAST-1", "useast1", "us-east-1a", "x-east-1"])
def test_what_is_no_region_is_rejected(region: str) -> None:
    assert not re.fullmatch(REGION_PATTERN, region)
