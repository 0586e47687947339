"""What Lambda does with a function's response to a stream batch.

The same checker serves `validate --response`, the example harness and the
package's users: it validates the response against its schema and the batch
it answers, then states the outcome: full success, a checkpoint and the
records that will be retried, or a failure of the whole batch and why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .validation.problems import Problem
from .validation.schemas import schema_problems
from .values import Value, field

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Literal, TypeAlias

    Outcome: TypeAlias = Literal["success", "partial", "batch-failure"]


class ResponseVerdict(Value, frozen=False):
    """The outcome, the checkpoint (lowest failed sequence number) and the records retried."""

    outcome: Outcome
    problems: list[Problem] = field(default_factory=list)
    checkpoint: str | None = None
    retried: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when Lambda accepts the response (full success or a valid partial failure)."""
        return self.outcome != "batch-failure"

    def describe(self) -> str:
        if self.outcome == "success":
            return "full success: Lambda checkpoints after the last record of the batch"
        if self.outcome == "partial":
            return (
                f"partial failure: Lambda checkpoints at {self.checkpoint} and retries "
                f"{len(self.retried)} record(s): {', '.join(self.retried)}"
            )
        reasons = "; ".join(f"{p.pointer or '/'}: {p.message}" for p in self.problems)
        return f"the whole batch fails and is retried: {reasons}"


def batch_identifiers(event: Any) -> list[str]:
    """The identifiers a response may name, in batch order, for any event shape."""
    records = event if isinstance(event, list) else event.get("Records", [])
    out = []
    for record in records:
        if "kinesis" in record:
            out.append(record["kinesis"]["sequenceNumber"])
        else:
            out.append(record["dynamodb"]["SequenceNumber"])
    return out


def _fail(problem: Problem) -> ResponseVerdict:
    return ResponseVerdict("batch-failure", [problem])


def check_response(response: Any, event: Any, *, tumbling_window: bool = False) -> ResponseVerdict:
    """The verdict on `response` as the answer to `event`."""
    if not isinstance(event, Mapping | list):
        raise TypeError(f"event must be the batch the response answers, not {type(event).__name__}")
    shape = "tumbling-window-response" if tumbling_window else "batch-response"
    if tumbling_window and not (isinstance(response, Mapping) and "state" in response):
        return _fail(Problem("", "response-state", "a tumbling-window response must carry state"))
    if response == [] and not tumbling_window:
        return ResponseVerdict("success")  # AWS treats a top-level empty list as success
    error = _function_error(response)
    if error:
        return _fail(error)
    failures = response.get("batchItemFailures") if isinstance(response, Mapping) else None
    if response is not None and not isinstance(response, Mapping):
        return _fail(
            Problem(
                "", "response-shape", "the response must be a JSON object, null or an empty list"
            )
        )
    entries_problem = _entries_problem(failures)
    if entries_problem:
        return _fail(entries_problem)
    schema = list(schema_problems(response, shape))
    if schema:
        return ResponseVerdict("batch-failure", schema)
    if not failures:
        return ResponseVerdict("success")
    batch = batch_identifiers(event)
    known = set(batch)
    for i, entry in enumerate(failures):
        if entry["itemIdentifier"] not in known:
            return _fail(
                Problem(
                    f"/batchItemFailures/{i}/itemIdentifier",
                    "response-identifier",
                    f"{entry['itemIdentifier']!r} is not a sequence number of this batch",
                )
            )
    checkpoint = min((e["itemIdentifier"] for e in failures), key=int)
    retried = [s for s in batch if int(s) >= int(checkpoint)]
    return ResponseVerdict("partial", checkpoint=checkpoint, retried=retried)


def _function_error(response: Any) -> Problem | None:
    """The error body Lambda returns when the function raised: the whole batch is retried."""
    if not isinstance(response, Mapping) or "batchItemFailures" in response:
        return None
    if "errorType" not in response and "errorMessage" not in response:
        return None
    kind = response.get("errorType", "an error")
    return Problem(
        "",
        "function-error",
        f"the function raised {kind}: {str(response.get('errorMessage', ''))[:200]!r} "
        "(functionError Unhandled)",
    )


def _entries_problem(failures: Any) -> Problem | None:
    """The documented whole-batch failures, named plainly before the schema speaks."""
    if not isinstance(failures, Sequence) or isinstance(failures, str):
        return None
    for i, entry in enumerate(failures):
        where = f"/batchItemFailures/{i}"
        if not isinstance(entry, Mapping) or "itemIdentifier" not in entry:
            return Problem(
                where, "response-identifier", "an entry without itemIdentifier (wrong key)"
            )
        value = entry["itemIdentifier"]
        if value is None or value == "":
            return Problem(
                f"{where}/itemIdentifier", "response-identifier", "itemIdentifier is null or empty"
            )
    return None
