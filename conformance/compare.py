"""The canonical view of a fixture, and the comparison with a runner's view.

Every difference carries a machine-readable `kind` (the docs' conformance
matrix is generated from these) and a human message:

| kind | meaning |
|---|---|
| `field-missing` | the fixture has it, the view has null / nothing |
| `field-extra` | the view has a value the fixture does not |
| `absent-as-empty` | an image or object absent from the fixture is `{}` in the view |
| `type-changed` | a different JSON type or AttributeValue type key |
| `value-changed` | same type, another value |
| `number-precision` | a number that differs but is the same binary float (float rounding) |
| `binary-as-text` | B/BS bytes that are the fixture's base64 *text*, not its decoded bytes |
| `timestamp-truncated` | the fraction of the seconds was dropped |
| `timestamp-precision` | the timestamp differs by less than a second (rounded) |
| `timestamp-unit` | the timestamp is in milliseconds / microseconds, not seconds |
| `record-count` | the view has a different number of records |
| `attribute-malformed` | a view value that is not an AttributeValue |
| `view-malformed` | the view is not an object with a `records` array |
| `response-invalid` | (responses only) Lambda would fail the whole batch on this response |
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

Json = Any

RECORD_STRING_FIELDS = (
    "eventID",
    "eventName",
    "eventVersion",
    "eventSource",
    "awsRegion",
    "eventSourceARN",
    "sequenceNumber",
    "streamViewType",
)
IMAGE_FIELDS = (("keys", "Keys"), ("newImage", "NewImage"), ("oldImage", "OldImage"))
WINDOW_FIELDS = ("window", "state", "shardId", "isFinalInvokeForWindow", "isWindowTerminatedEarly")

KINDS = (
    "field-missing",
    "field-extra",
    "absent-as-empty",
    "type-changed",
    "value-changed",
    "number-precision",
    "binary-as-text",
    "timestamp-truncated",
    "timestamp-precision",
    "timestamp-unit",
    "record-count",
    "attribute-malformed",
    "view-malformed",
    "response-invalid",
)


@dataclass(frozen=True)
class Difference:
    path: str
    kind: str
    message: str
    expected: str | None = None
    actual: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return asdict(self)


# ----------------------------------------------------------------------------
# Loading JSON exactly
# ----------------------------------------------------------------------------


def loads_exact(text: str) -> Json:
    """JSON with every non-integer number as an exact Decimal."""
    return json.loads(text, parse_float=Decimal)


def show(value: Json, limit: int = 80) -> str:
    """A short, deterministic text for a JSON value (Decimals as their own text)."""
    text = _dump(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _dump(value: Json) -> str:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return json.dumps(base64.b64encode(value).decode("ascii"))
    if isinstance(value, Mapping):
        items = sorted(value.items(), key=lambda kv: str(kv[0]))
        inner = ", ".join(f"{json.dumps(str(k), ensure_ascii=False)}: {_dump(v)}" for k, v in items)
        return "{" + inner + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_dump(v) for v in value) + "]"
    try:
        return json.dumps(value, ensure_ascii=False)
    except TypeError:
        return repr(value)


def _is_number(value: Json) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _json_type(value: Json) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if _is_number(value):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__


def to_decimal(value: Json) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


def member(path: str, name: str) -> str:
    """`path.name`, or `path["odd name"]` when the name is not identifier-like."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        return f"{path}.{name}" if path else name
    return f"{path}[{json.dumps(name, ensure_ascii=False)}]"


# ----------------------------------------------------------------------------
# The canonical view
# ----------------------------------------------------------------------------


def records_of(event: Json, shape: str) -> list[Json]:
    if shape == "pipes":
        return list(event)
    return list(event["Records"])


def canonical_record(record: Mapping[str, Any]) -> dict[str, Json]:
    stream = record.get("dynamodb") or {}
    view: dict[str, Json] = {
        "eventID": record.get("eventID"),
        "eventName": record.get("eventName"),
        "eventVersion": record.get("eventVersion"),
        "eventSource": record.get("eventSource"),
        "awsRegion": record.get("awsRegion"),
        "eventSourceARN": record.get("eventSourceARN"),
        "sequenceNumber": stream.get("SequenceNumber"),
        "sizeBytes": stream.get("SizeBytes"),
        "streamViewType": stream.get("StreamViewType"),
        "approximateCreationDateTime": stream.get("ApproximateCreationDateTime"),
        "userIdentity": record.get("userIdentity"),
    }
    for key, name in IMAGE_FIELDS:
        view[key] = stream.get(name)
    return view


def kinesis_change_records(event: Json) -> list[dict[str, Any]]:
    """The DynamoDB change records inside a Kinesis event's base64 `data`."""
    return [
        loads_exact(base64.b64decode(r["kinesis"]["data"]).decode("utf-8"))
        for r in event["Records"]
    ]


def canonical_view(event: Json, shape: str) -> dict[str, Json]:
    """What a perfect library would expose for this fixture (CONTRACT.md section 3)."""
    if shape == "kinesis":
        records = [canonical_record(r) for r in kinesis_change_records(event)]
        return {"records": records}
    view: dict[str, Json] = {"records": [canonical_record(r) for r in records_of(event, shape)]}
    if shape == "tumbling-window":
        for key in WINDOW_FIELDS:
            view[key] = event.get(key)
    return view


# ----------------------------------------------------------------------------
# Comparison
# ----------------------------------------------------------------------------


def compare_view(expected: Mapping[str, Json], actual: Json) -> list[Difference]:
    """Every difference between the canonical view and a runner's view."""
    if not isinstance(actual, Mapping) or not isinstance(actual.get("records"), list):
        return [
            Difference(
                "view",
                "view-malformed",
                f"view is not an object with a records array: {show(actual)}",
                actual=show(actual),
            )
        ]
    diffs: list[Difference] = []
    exp_records = expected["records"]
    act_records = actual["records"]
    if len(exp_records) != len(act_records):
        diffs.append(
            Difference(
                "records",
                "record-count",
                f"{len(exp_records)} records in the fixture, {len(act_records)} in the view",
                str(len(exp_records)),
                str(len(act_records)),
            )
        )
    for index, (exp, act) in enumerate(zip(exp_records, act_records, strict=False)):
        diffs.extend(compare_record(exp, act, f"records[{index}]"))
    for key in WINDOW_FIELDS:
        if key in expected:
            diffs.extend(compare_json(expected[key], actual.get(key), key))
    return diffs


def compare_record(expected: Mapping[str, Json], actual: Json, path: str) -> list[Difference]:
    if not isinstance(actual, Mapping):
        return [Difference(path, "view-malformed", f"record is not an object: {show(actual)}")]
    diffs: list[Difference] = []
    for key in RECORD_STRING_FIELDS:
        diffs.extend(compare_json(expected.get(key), actual.get(key), member(path, key)))
    diffs.extend(
        compare_json(expected.get("sizeBytes"), actual.get("sizeBytes"), member(path, "sizeBytes"))
    )
    diffs.extend(
        compare_timestamp(
            expected.get("approximateCreationDateTime"),
            actual.get("approximateCreationDateTime"),
            member(path, "approximateCreationDateTime"),
        )
    )
    for key, _ in IMAGE_FIELDS:
        diffs.extend(compare_image(expected.get(key), actual.get(key), member(path, key)))
    diffs.extend(
        compare_object_or_absent(
            expected.get("userIdentity"), actual.get("userIdentity"), member(path, "userIdentity")
        )
    )
    return diffs


def _presence(expected: Json, actual: Json, path: str) -> list[Difference] | None:
    """Differences about null-ness, or None when both are present."""
    if expected is None and actual is None:
        return []
    if actual is None:
        return [
            Difference(
                path,
                "field-missing",
                f"{path}: {show(expected)} in the fixture, absent or not exposed in the view",
                show(expected),
                None,
            )
        ]
    if expected is None:
        if isinstance(actual, Mapping) and not actual:
            return [
                Difference(
                    path,
                    "absent-as-empty",
                    f"{path}: absent in the fixture, {{}} in the view",
                    None,
                    "{}",
                )
            ]
        return [
            Difference(
                path,
                "field-extra",
                f"{path}: absent in the fixture, {show(actual)} in the view",
                None,
                show(actual),
            )
        ]
    return None


def compare_json(expected: Json, actual: Json, path: str) -> list[Difference]:
    """Plain JSON values: numbers as Decimal, objects by key, arrays by index."""
    presence = _presence(expected, actual, path)
    if presence is not None:
        return presence
    exp_type, act_type = _json_type(expected), _json_type(actual)
    if exp_type != act_type:
        return [
            Difference(
                path,
                "type-changed",
                f"{path}: {exp_type} {show(expected)} → {act_type} {show(actual)}",
                show(expected),
                show(actual),
            )
        ]
    if exp_type == "number":
        if to_decimal(expected) == to_decimal(actual):
            return []
        return [_number_difference(expected, actual, path)]
    if exp_type == "object":
        diffs: list[Difference] = []
        for key in expected:
            if key not in actual:
                diffs.extend(_presence(expected[key], None, member(path, key)) or [])
            else:
                diffs.extend(compare_json(expected[key], actual[key], member(path, key)))
        for key in actual:
            if key not in expected and actual[key] is not None:
                diffs.extend(_presence(None, actual[key], member(path, key)) or [])
        return diffs
    if exp_type == "array":
        return _compare_sequences(expected, actual, path, compare_json)
    if expected != actual:
        return [
            Difference(
                path,
                "value-changed",
                f"{path}: {show(expected)} → {show(actual)}",
                show(expected),
                show(actual),
            )
        ]
    return []


def compare_object_or_absent(expected: Json, actual: Json, path: str) -> list[Difference]:
    return compare_json(expected, actual, path)


def _compare_sequences(
    expected: list[Json], actual: list[Json], path: str, each: Any
) -> list[Difference]:
    diffs: list[Difference] = []
    for index, (exp, act) in enumerate(zip(expected, actual, strict=False)):
        diffs.extend(each(exp, act, f"{path}[{index}]"))
    for index in range(len(actual), len(expected)):
        diffs.append(
            Difference(
                f"{path}[{index}]",
                "field-missing",
                f"{path}[{index}]: {show(expected[index])} in the fixture, missing in the view",
                show(expected[index]),
                None,
            )
        )
    for index in range(len(expected), len(actual)):
        diffs.append(
            Difference(
                f"{path}[{index}]",
                "field-extra",
                f"{path}[{index}]: not in the fixture, {show(actual[index])} in the view",
                None,
                show(actual[index]),
            )
        )
    return diffs


def _float_equal(a: Decimal, b: Decimal) -> bool:
    try:
        return float(a) == float(b)
    except (OverflowError, ValueError):
        return False


def _number_difference(expected: Json, actual: Json, path: str) -> Difference:
    exp, act = to_decimal(expected), to_decimal(actual)
    exp_text, act_text = _number_show(expected), _number_show(actual)
    if exp is not None and act is not None and _float_equal(exp, act):
        return Difference(
            path,
            "number-precision",
            f"{path}: number precision: {exp_text} → {act_text}",
            exp_text,
            act_text,
        )
    return Difference(path, "value-changed", f"{path}: {exp_text} → {act_text}", exp_text, act_text)


def _number_show(value: Json) -> str:
    return value if isinstance(value, str) else show(value)


def compare_timestamp(expected: Json, actual: Json, path: str) -> list[Difference]:
    """Seconds since the epoch, compared as exact numbers."""
    presence = _presence(expected, actual, path)
    if presence is not None:
        return presence
    if not _is_number(actual):
        return compare_json(expected, actual, path)
    exp, act = to_decimal(expected), to_decimal(actual)
    if exp is None or act is None or exp == act:
        return [] if exp == act else compare_json(expected, actual, path)
    exp_text, act_text = show(expected), show(actual)
    if act == act.to_integral_value() and exp.to_integral_value(rounding="ROUND_FLOOR") == act:
        kind, message = "timestamp-truncated", "timestamp fraction dropped"
    elif any(abs(act - exp * factor) < factor for factor in (1000, 1_000_000)):
        kind, message = "timestamp-unit", "timestamp not in seconds"
    elif abs(act - exp) < 1:
        kind, message = "timestamp-precision", "timestamp precision"
    else:
        kind, message = "value-changed", "timestamp changed"
    return [
        Difference(path, kind, f"{path}: {message}: {exp_text} → {act_text}", exp_text, act_text)
    ]


def compare_image(expected: Json, actual: Json, path: str) -> list[Difference]:
    presence = _presence(expected, actual, path)
    if presence is not None:
        return presence
    if not isinstance(actual, Mapping):
        return [
            Difference(
                path,
                "attribute-malformed",
                f"{path}: not a map of AttributeValues: {show(actual)}",
                None,
                show(actual),
            )
        ]
    return compare_attribute_map(expected, actual, path)


def compare_attribute_map(
    expected: Mapping[str, Json], actual: Mapping[str, Json], path: str
) -> list[Difference]:
    diffs: list[Difference] = []
    for name, value in expected.items():
        where = member(path, name)
        if name not in actual:
            diffs.append(
                Difference(
                    where,
                    "field-missing",
                    f"{where}: {show(value)} in the fixture, missing in the view",
                    show(value),
                    None,
                )
            )
        else:
            diffs.extend(compare_attribute(value, actual[name], where))
    for name, value in actual.items():
        if name not in expected:
            where = member(path, name)
            diffs.append(
                Difference(
                    where,
                    "field-extra",
                    f"{where}: not in the fixture, {show(value)} in the view",
                    None,
                    show(value),
                )
            )
    return diffs


def _decode_b64(text: Json) -> bytes | None:
    if not isinstance(text, str):
        return None
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None


def compare_attribute(expected: Mapping[str, Json], actual: Json, path: str) -> list[Difference]:
    """One AttributeValue; the path gains the type key (`...payload.B`)."""
    if not isinstance(actual, Mapping) or len(actual) != 1:
        return [
            Difference(
                path,
                "attribute-malformed",
                f"{path}: not an AttributeValue: {show(actual)}",
                show(expected),
                show(actual),
            )
        ]
    ((exp_kind, exp),) = expected.items()
    ((act_kind, act),) = actual.items()
    if exp_kind != act_kind:
        return [
            Difference(
                path,
                "type-changed",
                f"{path}: type {exp_kind} → {act_kind}: {show(exp)} → {show(act)}",
                show(expected),
                show(actual),
            )
        ]
    where = f"{path}.{exp_kind}"
    if exp_kind == "N":
        if _is_number(act) or isinstance(act, str):
            if to_decimal(exp) == to_decimal(act):
                return []
            return [_number_difference(exp, act, where)]
        return compare_json(exp, act, where)
    if exp_kind == "B":
        return _compare_binary(exp, act, where)
    if exp_kind in ("SS", "NS", "BS"):
        return _compare_set(exp_kind, exp, act, where)
    if exp_kind == "L":
        if not isinstance(act, list):
            return compare_json(exp, act, where)
        return _compare_sequences(exp, act, where, compare_attribute)
    if exp_kind == "M":
        if not isinstance(act, Mapping):
            return compare_json(exp, act, where)
        return compare_attribute_map(exp, act, where)
    return compare_json(exp, act, where)  # S, BOOL, NULL


def _compare_binary(expected: str, actual: Json, path: str) -> list[Difference]:
    exp_bytes = base64.b64decode(expected)
    act_bytes = _decode_b64(actual)
    if act_bytes == exp_bytes:
        return []
    if act_bytes is not None and act_bytes == expected.encode("ascii"):
        return [
            Difference(
                path,
                "binary-as-text",
                f"{path}: binary kept as base64 text: {show(expected)}",
                show(expected),
                show(actual),
            )
        ]
    reason = "" if act_bytes is not None else " (not base64)"
    return [
        Difference(
            path,
            "value-changed",
            f"{path}: {show(expected)} → {show(actual)}{reason}",
            show(expected),
            show(actual),
        )
    ]


def _set_element(kind: str, value: Json) -> Any:
    if kind == "SS":
        return value if isinstance(value, str) else ("not a string", show(value))
    if kind == "NS":
        number = to_decimal(value)
        return number if number is not None else ("not a number", show(value))
    decoded = _decode_b64(value)
    return decoded if decoded is not None else ("not base64", show(value))


def _compare_set(kind: str, expected: list[Json], actual: Json, path: str) -> list[Difference]:
    if not isinstance(actual, list):
        return compare_json(expected, actual, path)
    exp = Counter(_set_element(kind, v) for v in expected)
    act = Counter(_set_element(kind, v) for v in actual)
    if exp == act:
        return []
    missing, extra = list((exp - act).elements()), list((act - exp).elements())
    if kind == "BS" and missing and len(missing) == len(extra):
        as_text = Counter(base64.b64encode(m) for m in missing)
        if as_text == Counter(e for e in extra if isinstance(e, bytes)):
            return [
                Difference(
                    path,
                    "binary-as-text",
                    f"{path}: binary set kept as base64 text",
                    show(expected),
                    show(actual),
                )
            ]
    if (
        kind == "NS"
        and missing
        and len(missing) == len(extra)
        and all(isinstance(x, Decimal) for x in missing + extra)
    ):
        pairs = list(zip(sorted(missing), sorted(extra), strict=True))
        if all(_float_equal(a, b) for a, b in pairs):
            shown = ", ".join(f"{a} → {b}" for a, b in pairs)
            return [
                Difference(
                    path,
                    "number-precision",
                    f"{path}: number precision: {shown}",
                    show(expected),
                    show(actual),
                )
            ]
    return [
        Difference(
            path,
            "value-changed",
            f"{path}: set elements missing {_set_show(missing)}, unexpected {_set_show(extra)}",
            show(expected),
            show(actual),
        )
    ]


def _set_show(elements: list[Any]) -> str:
    shown = []
    for e in elements:
        if isinstance(e, bytes):
            shown.append(base64.b64encode(e).decode("ascii"))
        elif isinstance(e, tuple):
            shown.append(f"{e[1]} ({e[0]})")
        else:
            shown.append(str(e))
    return "[" + ", ".join(sorted(shown)) + "]"
