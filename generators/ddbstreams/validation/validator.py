"""Validate one document: its schema, then the semantic rules for its shape."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from . import rules
from .problems import Problem
from .schemas import Engine, schema_problems

SemanticRules = Callable[[Any], Iterator[Problem]]

SEMANTIC: Mapping[str, SemanticRules] = {
    "stream": lambda doc: rules.batch_problems(doc["Records"], "/Records"),
    "pipes": lambda doc: rules.batch_problems(doc, ""),
    "tumbling-window": rules.window_problems,
    "failure-destination": rules.destination_problems,
    "failure-destination-s3": rules.destination_problems,
    "kinesis": rules.kinesis_problems,
    "kinesis-change-record": rules.change_record_problems,
}


def validate_document(
    doc: Any, shape: str, *, raw_size: int | None = None, engine: Engine = "fast"
) -> list[Problem]:
    """Every problem in `doc` read as `shape`; semantic rules run only on schema-valid input.

    `raw_size` is the document's size in bytes as received, for the 6 MB rule.
    """
    problems = list(rules.event_size_problems(raw_size))
    schema = list(schema_problems(doc, shape, engine))
    if schema:
        return problems + schema
    semantic = SEMANTIC.get(shape)
    if semantic is not None:
        problems.extend(semantic(doc))
    return problems
