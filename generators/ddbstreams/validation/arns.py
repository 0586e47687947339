"""Stream ARNs taken apart, so a mismatch or a malformed ARN names the part that is wrong."""

from __future__ import annotations

import re
from functools import cache

from .schemas import all_schemas


@cache
def part_forms() -> dict[str, re.Pattern[str]]:
    """The form each part of an ARN must have, by name; compiled when an ARN is first judged
    (only a schema error on an ARN asks), not on every start."""
    schema = all_schemas()["schemas/stream-record.schema.json"]
    region = schema["$defs"]["region"]["pattern"].removeprefix("^").removesuffix("$")
    return {
        "partition": re.compile(r"aws(-[a-z]+)*"),
        "service": re.compile(r"dynamodb|kinesis|lambda"),
        "region": re.compile(region),  # a Region code in any partition, as the schemas state it
        "account": re.compile(r"[0-9]{12}"),
        "table": re.compile(r"[a-zA-Z0-9_.-]{3,255}"),
        "stream label": re.compile(
            r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}"
        ),
    }


def arn_parts(arn: str) -> dict[str, str] | None:
    """partition, service, region, account, then table and stream label (or the resource)."""
    fields = arn.split(":", 5)
    if len(fields) != 6 or fields[0] != "arn":
        return None
    parts = dict(zip(("partition", "service", "region", "account"), fields[1:5], strict=True))
    resource = fields[5].split("/")
    if len(resource) == 4 and resource[0] == "table" and resource[2] == "stream":
        parts["table"] = resource[1]
        parts["stream label"] = resource[3]
    else:
        parts["resource"] = fields[5]
    return parts


def arn_difference(arn: str, other: str) -> str:
    """Which parts of `arn` differ from `other`, each with both values: for a message."""
    mine, theirs = arn_parts(arn), arn_parts(other)
    if mine is None or theirs is None:
        return f"{arn!r}, not {other!r}"
    names = list(dict.fromkeys([*mine, *theirs]))
    differ = [n for n in names if mine.get(n) != theirs.get(n)]
    return ", ".join(f"the {n} ({mine.get(n)!r}, not {theirs.get(n)!r})" for n in differ)


def stream_arn_defect(arn: str) -> str | None:
    """What is malformed in a DynamoDB stream ARN, naming the part; None when it is well formed."""
    parts = arn_parts(arn)
    if parts is None:
        return "an ARN is arn:<partition>:dynamodb:<region>:<account>:table/<table>/stream/<label>"
    forms = part_forms()
    for name in ("partition", "service", "region", "account"):
        if not forms[name].fullmatch(parts[name]):
            return f"the {name} {parts[name]!r} is not a valid {name}"
    if parts["service"] != "dynamodb":
        return f"the service is {parts['service']!r}, not 'dynamodb'"
    if "table" not in parts:
        return f"the resource {parts['resource']!r} is not table/<table>/stream/<label>"
    if not forms["table"].fullmatch(parts["table"]):
        return f"the table {parts['table']!r} is not a table name (3-255 of a-z A-Z 0-9 _ . -)"
    if not forms["stream label"].fullmatch(parts["stream label"]):
        return (
            f"the stream label {parts['stream label']!r} is not a creation time "
            "such as 2024-06-01T00:00:00.000"
        )
    return None
