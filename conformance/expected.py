"""The response every handler must return for a fixture (CONTRACT.md section 4),
and the check of a handler's actual response.

Two checks run on every response:
- equality with the expected response computed here from the fixture;
- `ddbstreams.response.check_response`, the project's response checker (schema,
  identifiers present in the batch, `state` for tumbling windows, what Lambda
  will do with it), so that a response that is wrong in a way the equality
  would not explain is still reported with Lambda's verdict.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from ddbstreams.response import ResponseVerdict, check_response

from .compare import Difference, compare_json, show, to_decimal

Json = Any

HANDLER_SHAPES = ("stream", "pipes", "tumbling-window", "kinesis")


def failed(record: Mapping[str, Any]) -> bool:
    """A record fails when its NewImage has `fail: {"BOOL": true}`."""
    stream = record.get("dynamodb") or {}
    image = stream.get("NewImage") or {}
    return image.get("fail") == {"BOOL": True}


def _failures(identifiers: list[str]) -> list[dict[str, str]]:
    return [{"itemIdentifier": i} for i in identifiers]


def previous_count(state: Any) -> Decimal:
    count = (state or {}).get("count") if isinstance(state, Mapping) else None
    number = to_decimal(count) if count is not None else None
    return number if number is not None else Decimal(0)


def expected_response(event: Json, shape: str) -> dict[str, Any]:
    """The response CONTRACT.md section 4 asks of every handler for this fixture."""
    if shape == "kinesis":
        ids = []
        for record in event["Records"]:
            change = json.loads(base64.b64decode(record["kinesis"]["data"]))
            if failed(change):
                ids.append(record["kinesis"]["sequenceNumber"])
        return {"batchItemFailures": _failures(ids)}
    records = event if shape == "pipes" else event["Records"]
    ids = [r["dynamodb"]["SequenceNumber"] for r in records if failed(r)]
    if shape == "tumbling-window":
        count = previous_count(event.get("state")) + len(records)
        return {"state": {"count": count}, "batchItemFailures": _failures(ids)}
    return {"batchItemFailures": _failures(ids)}


def compare_response(expected: Json, actual: Json) -> list[Difference]:
    """Differences between the expected and the actual response (paths under `response`)."""
    return [
        replace(d, message=_response_words(d.message))
        for d in compare_json(expected, actual, "response")
    ]


def state_retyped(difference: Difference) -> bool:
    """A tumbling-window `state` value that changed JSON type but not value (`7` → `"7"`).

    Lambda hands `state` back to the next invocation as it is, without reading it, so such a
    response makes Lambda act exactly as the expected one: the change shows what the library's
    state type can hold (a difference in its view), not a wrong response.
    """
    if not difference.path.startswith("response.state") or difference.kind != "type-changed":
        return False
    expected, actual = _shown_number(difference.expected), _shown_number(difference.actual)
    return expected is not None and expected == actual


def _shown_number(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        value = json.loads(text, parse_float=Decimal)
    except ValueError:
        return None
    return to_decimal(value)


def _response_words(message: str) -> str:
    for view_words, response_words in (
        ("absent or not exposed in the view", "absent from the response"),
        ("missing in the view", "missing from the response"),
        ("in the fixture", "expected"),
        ("in the view", "in the response"),
    ):
        message = message.replace(view_words, response_words)
    return message


# ----------------------------------------------------------------------------
# ddbstreams.response.check_response
# ----------------------------------------------------------------------------


def verdict_json(verdict: ResponseVerdict) -> dict[str, Any]:
    """A checker verdict as plain, deterministic JSON."""
    return {
        "outcome": verdict.outcome,
        "ok": verdict.ok,
        "checkpoint": verdict.checkpoint,
        "retried": list(verdict.retried),
        "problems": [str(p) for p in verdict.problems],
        "description": verdict.describe(),
    }


def check_with_checker(
    response: Json, event: Json, *, tumbling_window: bool
) -> tuple[dict[str, Any], list[Difference]]:
    """(verdict as JSON, differences when Lambda would fail the whole batch on it)."""
    try:
        verdict = check_response(response, event, tumbling_window=tumbling_window)
    except Exception as error:  # a checker crash on odd input is a verdict too
        message = f"response checker raised {type(error).__name__}: {error}"
        return {"outcome": "error", "ok": False, "problems": [message]}, [
            Difference("response", "response-invalid", message, None, show(response))
        ]
    diffs: list[Difference] = []
    if not verdict.ok:
        diffs = [
            Difference(
                "response",
                "response-invalid",
                f"response: {verdict.describe()}",
                None,
                show(response),
            )
        ]
    return verdict_json(verdict), diffs
