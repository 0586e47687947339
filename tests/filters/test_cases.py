"""Every operator case and regression case in tests/cases/filters/, on the Python engine."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from cases import CASES, document_of, load, pattern_of
from ddbstreams.filters import FilterPatternError, compile

ENGINE_CASES = load("operators") + load("regressions")
SCHEMA = json.loads((CASES / "case.schema.json").read_text("utf-8"))


@pytest.mark.parametrize(("name", "case"), load("operators") + load("regressions") + load("lint"))
def test_case_follows_the_schema(name: str, case: dict[str, Any]) -> None:
    jsonschema.validate(case, SCHEMA)


@pytest.mark.parametrize(("name", "case"), ENGINE_CASES, ids=[n for n, _ in ENGINE_CASES])
def test_case(name: str, case: dict[str, Any]) -> None:
    surface = case.get("surface", "eventbridge")
    if case["expected"] == "error":
        with pytest.raises(FilterPatternError) as caught:
            compile(pattern_of(case), surface)
        if "error_pointer" in case:
            assert caught.value.pointer == case["error_pointer"]
        return
    assert compile(pattern_of(case), surface).matches(document_of(case)) is case["expected"]


def test_every_operator_has_a_matching_and_a_failing_case() -> None:
    from ddbstreams.filters.surfaces import OPERATORS

    outcomes: dict[str, set[Any]] = {}
    for _, case in ENGINE_CASES:
        if case["expected"] == "error":
            continue
        try:
            compiled = compile(pattern_of(case), case.get("surface", "eventbridge"))
        except FilterPatternError:
            continue
        for operator in compiled.operators:
            outcomes.setdefault(operator, set()).add(case["expected"])
    missing = [op.name for op in OPERATORS if outcomes.get(op.name) != {True, False}]
    assert not missing, f"operators without both a matching and a failing case: {missing}"
