"""DynamoDB's and Lambda's limits that events must respect: each stated once.

Sources: the DynamoDB quotas page (item size, key sizes, nesting depth,
attribute names: docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html),
the DynamoDB API reference (KeySchemaElement.AttributeName: 1 to 255 characters)
and the Lambda quotas page (the 6 MB synchronous invocation payload:
docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final

MAX_ITEM_BYTES: Final = 400 * 1024
MAX_EVENT_BYTES: Final = 6 * 1024 * 1024
MAX_DEPTH: Final = 32  # levels of nested M / L: a scalar under at most 31 M / L wrappers
MAX_ATTRIBUTE_NAME_BYTES: Final = 65535  # "at least one character and no greater than 64 KB"
MAX_KEY_NAME_BYTES: Final = 255  # key schema attribute names (KeySchemaElement: length 1-255)
PARTITION_KEY_MAX_BYTES: Final = 2048
SORT_KEY_MAX_BYTES: Final = 1024
KEY_TYPES: Final = ("S", "N", "B")
MAX_WINDOW_SECONDS: Final = 900  # TumblingWindowInSeconds: 0 (no window) to 900
LATEST_TIMESTAMP: Final = 253402300799  # 9999-12-31T23:59:59Z: the last instant RFC 3339 writes


def key_value_length(kind: str, raw: str) -> int:
    """The length DynamoDB limits for a key value: UTF-8 bytes, decoded bytes, or digits."""
    if kind == "S":
        return len(raw) if raw.isascii() else len(raw.encode("utf-8"))
    if kind == "B":
        import base64  # only binary values need it

        return len(base64.b64decode(raw))
    return len(raw)


def key_problems(keys: Mapping[str, Mapping[str, Any]]) -> Iterator[tuple[str, str]]:
    """(attribute name, message) for each way `keys` breaks DynamoDB's key rules.

    `Keys` does not say which attribute is the partition key (real events often
    list the sort key first), so only what holds for either role is judged:
    every key value is at most 2048 bytes, and at most one exceeds 1024.
    """
    long_keys = []
    for name, av in keys.items():
        if len(name.encode("utf-8")) > MAX_KEY_NAME_BYTES:
            yield name, f"a key attribute name is at most {MAX_KEY_NAME_BYTES} bytes"
        ((kind, raw),) = av.items()
        if kind not in KEY_TYPES:
            yield name, f"a key must be S, N or B, not {kind}"
            continue
        length = key_value_length(kind, raw)
        if length == 0:
            yield name, "a key value must not be empty"
        elif length > PARTITION_KEY_MAX_BYTES:
            yield name, f"a key value is at most {PARTITION_KEY_MAX_BYTES} bytes, not {length}"
        elif length > SORT_KEY_MAX_BYTES:
            long_keys.append(name)
    if len(long_keys) > 1:
        yield (
            long_keys[1],
            f"only the partition key may exceed {SORT_KEY_MAX_BYTES} bytes "
            f"(the sort key's limit), and {', '.join(map(repr, long_keys))} both do",
        )
