"""Timelines for the "What Lambda does with your batch" page, drawn from real simulations.

`build()` runs each scenario through `ddbstreams.simulate` and returns, under
`delivery/`, a Markdown fragment per picture (the SVG timeline, then the trace
as text) and the table of assumptions read from `Assumptions` itself, so the
page can never show a timeline or a default the simulator does not produce. The same table,
each name linking to the delivery page, is `delivery/assumptions-linked.md` for the page of
open questions; both cite the evidence for each question.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, Literal, get_args, get_origin, get_type_hints

from ddbstreams import insert, stream_records
from ddbstreams.simulate import Assumptions, Trace, VirtualClock, simulate
from ddbstreams.simulate.svg import timeline_svg

from . import citations
from ._markdown import cell
from ._sources import GenerationError

Handler = Callable[[Any, Any], Any]
RBIF = ["ReportBatchItemFailures"]


def _fails(record: dict[str, Any]) -> bool:
    return bool(record["dynamodb"].get("NewImage", {}).get("fail") == {"BOOL": True})


def report_failed(event: dict[str, Any], _context: Any) -> dict[str, Any]:
    """Reports the records marked `fail`, processes the others."""
    return {
        "batchItemFailures": [
            {"itemIdentifier": r["dynamodb"]["SequenceNumber"]}
            for r in event["Records"]
            if _fails(r)
        ]
    }


def raise_on_failed(event: dict[str, Any], _context: Any) -> dict[str, Any]:
    """Raises when the batch holds a record marked `fail`."""
    if any(_fails(r) for r in event["Records"]):
        raise RuntimeError("cannot process a poison record")
    return {}


def count_in_window(event: dict[str, Any], _context: Any) -> dict[str, Any]:
    """A tumbling-window aggregator: state.count grows by the batch size."""
    return {"state": {"count": event["state"].get("count", 0) + len(event["Records"])}}


def _records(n: int, *, fail: tuple[int, ...] = (), step: float = 0) -> list[dict[str, Any]]:
    return stream_records(
        [insert({"Id": i, "fail": i in fail}) for i in range(1, n + 1)], step=step
    )


def _scenarios() -> dict[str, tuple[str, Trace]]:
    """name -> (caption, trace)."""
    out: dict[str, tuple[str, Trace]] = {}
    out["partial-failure"] = (
        "BatchSize 3, ReportBatchItemFailures, MaximumRetryAttempts 3. The function always "
        "reports r6: the invocation that moves the checkpoint to r5 does not count as a retry, "
        "then r6 gets 1 + 3 invocations — 5 deliveries, approximateInvokeCount 4, as AWS recorded.",
        simulate(
            report_failed,
            _records(6, fail=(6,)),
            {
                "BatchSize": 3,
                "FunctionResponseTypes": RBIF,
                "MaximumRetryAttempts": 3,
                "DestinationConfig": {"OnFailure": "SQS"},
            },
        ),
    )
    error_mapping = {
        "BatchSize": 4,
        "MaximumRetryAttempts": 2,
        "DestinationConfig": {"OnFailure": "SQS"},
    }
    out["function-error"] = (
        "BatchSize 4, MaximumRetryAttempts 2, no bisect. The function raises on r3: the whole "
        "batch is retried twice, then all four records go to the destination.",
        simulate(raise_on_failed, _records(6, fail=(3,)), error_mapping),
    )
    out["function-error-bisect"] = (
        "The same with BisectBatchOnFunctionError: each failure splits the batch, splits do not "
        "use up retries, and only r3 is given up.",
        simulate(
            raise_on_failed,
            _records(6, fail=(3,)),
            {**error_mapping, "BisectBatchOnFunctionError": True},
        ),
    )
    for kind, arn in (
        ("sqs", "arn:aws:sqs:us-east-1:123456789012:failed-batches"),
        ("sns", "arn:aws:sns:us-east-1:123456789012:failed-batches"),
        ("s3", "arn:aws:s3:::failed-batches"),
    ):
        out[f"retries-exhausted-{kind}"] = (
            f"MaximumRetryAttempts 1 with an {kind.upper()} on-failure destination.",
            simulate(
                raise_on_failed,
                _records(2, fail=(1,)),
                {
                    "BatchSize": 2,
                    "MaximumRetryAttempts": 1,
                    "DestinationConfig": {"OnFailure": {"Destination": arn}},
                },
            ),
        )
    out["max-record-age"] = (
        "MaximumRecordAgeInSeconds 60, retries unlimited: the batch is retried until its record is "
        "older than a minute, then reported as RecordAgeExceeded (no responseContext).",
        simulate(
            raise_on_failed,
            _records(1, fail=(1,)),
            {"MaximumRecordAgeInSeconds": 60, "DestinationConfig": {"OnFailure": "SQS"}},
        ),
    )
    out["tumbling-window"] = (
        "TumblingWindowInSeconds 60, BatchSize 2: six records of one window in three invocations, "
        "each receiving the state the previous one returned, then the final invoke.",
        simulate(
            count_in_window,
            _records(6, step=5),
            {"TumblingWindowInSeconds": 60, "BatchSize": 2, "MaximumBatchingWindowInSeconds": 10},
        ),
    )
    keyed = stream_records([insert({"Id": i % 3, "n": i}) for i in range(12)], step=0)
    out["parallelization"] = (
        "ParallelizationFactor 3, BatchSize 2, three items written four times each: batches of "
        "different items run side by side, each item's records stay in order.",
        simulate(
            lambda e, c: {},
            keyed,
            {"ParallelizationFactor": 3, "BatchSize": 2},
            clock=VirtualClock(handler_seconds=1.0),
        ),
    )
    return out


# What each picture shows of AWS's behaviour rests on these sources (ids of docs/sources.yml);
# the caption under the picture cites them, the picture's own title stays plain text.
CAPTION_SOURCES: dict[str, tuple[str, ...]] = {
    "partial-failure": ("ddb-pbr", "rec-localstack-ddb", "rec-localstack-kinesis"),
    "function-error": ("ddb-errors",),
    "function-error-bisect": ("ddb-errors", "lambda-api-create-esm"),
    "retries-exhausted-sqs": ("ddb-errors",),
    "retries-exhausted-sns": ("ddb-errors",),
    "retries-exhausted-s3": ("ddb-errors",),
    "max-record-age": ("lambda-api-create-esm", "rec-localstack-kinesis"),
    "tumbling-window": ("ddb-windows",),
    "parallelization": ("with-ddb",),
}


def _cited(name: str, caption: str) -> str:
    """The caption with the markers of the sources behind its scenario."""
    sources = CAPTION_SOURCES.get(name)
    if not sources:
        raise GenerationError(f"delivery/{name}: its caption names no source (CAPTION_SOURCES)")
    return caption + " " + ", ".join(f"[src:{source_id}]" for source_id in sources)


def _fragment(caption: str, trace: Trace, cited_caption: str) -> str:
    svg = timeline_svg(trace, title=caption)
    text = "\n".join("    " + line for line in trace.to_text().splitlines())
    parts = [
        '<div class="ddb-timeline">',
        svg.rstrip("\n"),
        "</div>",
        "",
        cited_caption,
        "",
        '??? info "The trace as text"',
        "",
        "    ```text",
        text.replace("    ", "    ", 1),
        "    ```",
        "",
    ]
    for record in trace.on_failure_records:
        body = json.dumps(record, indent=2, ensure_ascii=False)
        parts += [
            '??? example "The on-failure record"',
            "",
            "    ```json",
            "\n".join("    " + line for line in body.splitlines()),
            "    ```",
            "",
        ]
    return "\n".join(parts)


# The evidence behind each open question, by U-number: ids of docs/sources.yml. The questions
# themselves (field, readings, default, meaning) are read from `Assumptions`; only the citations
# live here, and `assumption_rows` fails when a U-number has none or one is left over.
EVIDENCE: dict[str, tuple[str, ...]] = {
    "U-1": ("with-ddb", "esm-guide"),
    "U-2": ("esm-guide",),
    "U-3": ("esm-guide",),
    "U-4": ("ddb-pbr", "rec-localstack-ddb"),
    "U-5": ("rec-localstack-ddb", "rec-localstack-kinesis"),
    "U-6": ("ddb-errors", "lambda-api-create-esm"),
    "U-7": ("ddb-errors", "cfn-esm"),
    "U-8": ("ddb-pbr", "rec-localstack-ddb"),
    "U-9": ("with-ddb", "blog-scaling-controls"),
    "U-10": ("ddb-errors",),
    "U-11": ("rec-localstack-kinesis",),
    "U-12": ("rec-localstack-kinesis",),
    "U-13": ("ddb-params", "ddb-streams"),
    "U-14": ("ddb-errors", "rec-localstack-ddb"),
    "U-15": ("rec-localstack-ddb", "rec-localstack-kinesis"),
    "U-16": ("ddb-errors", "rec-localstack-ddb"),
    "U-18": ("ddb-windows",),
    "U-19": ("ddb-windows",),
    "U-20": ("esm-filtering", "rec-localstack-ddb"),
}
U_NUMBER = re.compile(r"(U-\d+)\.\s*")
# Included by docs/delivery.md and docs/not-documented.md; links are relative to them.
DELIVERY_ASSUMPTIONS = "delivery.md#assumptions"


@dataclass(frozen=True)
class AssumptionRow:
    """One switchable assumption as the pages show it."""

    name: str
    number: str
    readings: tuple[str, ...]
    default: str
    meaning: str
    evidence: tuple[str, ...]


def _readings(annotation: Any, default: Any) -> tuple[str, ...]:
    """The values a field may take, as JSON; a free value (a number of seconds) says so."""
    if get_origin(annotation) is Literal:
        return tuple(json.dumps(value) for value in get_args(annotation))
    if annotation is bool:
        return ("true", "false")
    kind = "number" if isinstance(default, float) else "string"
    return (f"any {kind}",)


def assumption_rows() -> list[AssumptionRow]:
    """Every field of `Assumptions`, with its U-number and evidence, in declaration order."""
    notes = attribute_docs(Assumptions)
    hints = get_type_hints(Assumptions)
    defaults = Assumptions()
    known = citations.load()
    rows: list[AssumptionRow] = []
    for f in fields(Assumptions):
        note = " ".join(notes.get(f.name, "").split())
        match = U_NUMBER.match(note)
        if match is None:
            raise GenerationError(
                f"Assumptions.{f.name}: its docstring must start with its U-number"
            )
        number = match.group(1)
        evidence = EVIDENCE.get(number)
        if not evidence:
            raise GenerationError(f"Assumptions.{f.name}: no evidence listed for {number}")
        unknown = [source_id for source_id in evidence if source_id not in known]
        if unknown:
            raise GenerationError(f"{number}: unknown source ids {unknown}")
        default = getattr(defaults, f.name)
        rows.append(
            AssumptionRow(
                name=f.name,
                number=number,
                readings=_readings(hints[f.name], default),
                default=json.dumps(default),
                meaning=note[match.end() :],
                evidence=evidence,
            )
        )
    unused = set(EVIDENCE) - {row.number for row in rows}
    if unused:
        raise GenerationError(f"evidence listed for questions no assumption has: {sorted(unused)}")
    return rows


def assumptions_table(*, link: str | None = None) -> str:
    """The assumptions with their readings, defaults, meaning and evidence, from the dataclass.

    With `link`, each name links there: the open-questions page points at the simulator's page.
    """
    lines = [
        "| Assumption | Question | Readings | Default | What it decides | Evidence |",
        "|---|---|---|---|---|---|",
    ]
    for row in assumption_rows():
        name = f"`{row.name}`"
        if link is not None:
            name = f"[{name}]({link})"
        readings = ", ".join(f"`{reading}`" for reading in row.readings)
        evidence = ", ".join(f"[src:{source_id}]" for source_id in row.evidence)
        lines.append(
            f"| {name} | {row.number} | {readings} | `{row.default}` | {cell(row.meaning)} "
            f"| {evidence} |"
        )
    return "\n".join(lines) + "\n"


def attribute_docs(cls: type) -> dict[str, str]:
    tree = ast.parse(inspect.getsource(cls))
    definition = tree.body[0]
    if not isinstance(definition, ast.ClassDef):
        raise TypeError(f"{cls.__name__} is not a class")
    body = definition.body
    out: dict[str, str] = {}
    for node, after in itertools.pairwise(body):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            out[node.target.id] = after.value.value
    return out


def build() -> dict[str, str]:
    """Paths under docs/generated/ -> text."""
    pages = {
        f"delivery/{name}.md": _fragment(caption, trace, _cited(name, caption))
        for name, (caption, trace) in _scenarios().items()
    }
    pages["delivery/assumptions.md"] = assumptions_table()
    pages["delivery/assumptions-linked.md"] = assumptions_table(link=DELIVERY_ASSUMPTIONS)
    return pages
