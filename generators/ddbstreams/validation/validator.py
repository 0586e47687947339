"""Validate one document: its schema, unknown fields, and the semantic rules for its shape."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from ..gcpause import paused
from ..values import Value, field
from . import rules
from .problems import Problem
from .schemas import Engine, schema_problems
from .shapes import detect
from .unknown import unknown_field_problems

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeAlias

    SemanticRules: TypeAlias = Callable[[Any, rules.Readable], Iterator[Problem]]

SEMANTIC: Mapping[str, SemanticRules] = {
    "stream": rules.stream_problems,
    "pipes": rules.pipes_problems,
    "tumbling-window": rules.window_problems,
    "failure-destination": rules.destination_problems,
    "failure-destination-s3": rules.destination_problems,
    "kinesis": rules.kinesis_problems,
    "kinesis-change-record": rules.change_record_problems,
}

# Shapes whose schemas leave objects open to fields AWS may add (see `unknown`).
OPEN_SHAPES = frozenset(SEMANTIC)


class Checked(Value):
    """The shape a document was checked as (None: no known shape) and its problems."""

    shape: str | None
    problems: list[Problem] = field(default_factory=list)


def check_document(
    doc: Any, shape: str | None = None, *, raw_size: int | None = None, engine: Engine = "auto"
) -> Checked:
    """Detect the shape unless given, then validate: what a caller prints per file."""
    if shape is None:
        shape, problem = detect(doc)
        if shape is None:
            return Checked(None, [problem] if problem else [])
    return Checked(shape, validate_document(doc, shape, raw_size=raw_size, engine=engine))


def _explained(problem: Problem, doc: Any) -> Problem:
    """A schema pattern error on a stream ARN, with the part of the ARN that is wrong."""
    if problem.rule != "schema:pattern" or not problem.pointer.endswith(("ARN", "Arn")):
        return problem
    from .arns import arn_parts, stream_arn_defect  # only a pattern error on an ARN asks

    value: Any = doc
    try:
        for part in problem.pointer.split("/")[1:]:
            value = value[int(part)] if isinstance(value, list) else value[part]
    except (KeyError, IndexError, TypeError, ValueError):
        return problem
    parts = arn_parts(value) if isinstance(value, str) else None
    if parts is None or parts["service"] != "dynamodb":
        return problem  # another service's ARN, or no ARN at all: the pattern says it
    defect = stream_arn_defect(value)
    if defect is None:
        return problem
    return Problem(problem.pointer, problem.rule, f"{value!r}: {defect}", problem.severity)


def validate_document(
    doc: Any, shape: str, *, raw_size: int | None = None, engine: Engine = "auto"
) -> list[Problem]:
    """Every problem in `doc` read as `shape`, all at once.

    Schema errors do not stop the semantic rules: they run on every part of the
    document that passed its schema (the records without schema errors, the
    batch-level rules on what is readable). `raw_size` is the document's size in
    bytes as received, for the 6 MB rule.
    """
    # The walks make many short-lived containers and no cycles: collections would
    # only traverse the (large) document again and again.
    with paused():
        problems = list(rules.event_size_problems(raw_size))
        schema = [_explained(p, doc) for p in schema_problems(doc, shape, engine, size=raw_size)]
        problems.extend(schema)
        if shape in OPEN_SHAPES:
            problems.extend(unknown_field_problems(doc, shape))
        semantic = SEMANTIC.get(shape)
        if semantic is not None:
            readable = rules.Readable(p.pointer for p in schema)
            problems.extend(semantic(doc, readable))
    return problems
