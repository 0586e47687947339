"""Every invalid case is rejected for its rule, by both schema engines; every fixture passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from casedata import ROOT, case_text, load_cases
from ddbstreams.scenarios import FIXTURES
from ddbstreams.validation.files import validate_file
from ddbstreams.validation.problems import RULES, Problem
from ddbstreams.validation.validator import SEMANTIC

INVALID = load_cases("invalid")


@pytest.mark.parametrize(("name", "case"), INVALID, ids=[n for n, _ in INVALID])
@pytest.mark.parametrize("engine", ["fast", "reference"])
def test_invalid_case_trips_its_rule(name: str, case: dict, engine: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.json"
    path.write_text(case_text(case), encoding="utf-8")
    problems = validate_file(path, case.get("shape"), engine)  # type: ignore[arg-type]
    fired = [p for p in problems if (p.rule, p.severity) == (case["rule"], case["severity"])]
    assert fired, f"{case['description']}: got {problems}"
    if "pointer" in case:
        assert case["pointer"] in {p.pointer for p in fired}, problems
    if "message" in case:
        assert any(case["message"] in p.message for p in fired), problems
    missing = set(case.get("also", ())) - {p.rule for p in problems}
    assert not missing, f"{case['description']}: {sorted(missing)} hidden; got {problems}"


VALID = load_cases("valid")


@pytest.mark.parametrize(("name", "case"), VALID, ids=[n for n, _ in VALID])
@pytest.mark.parametrize("engine", ["fast", "reference"])
def test_valid_case_passes_even_strictly(
    name: str, case: dict, engine: str, tmp_path: Path
) -> None:
    path = tmp_path / f"{name}.json"
    path.write_text(case_text(case), encoding="utf-8")
    problems = validate_file(path, case.get("shape"), engine)  # type: ignore[arg-type]
    assert problems == [], f"{case['description']}: got {problems}"


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
@pytest.mark.parametrize("engine", ["fast", "reference"])
def test_every_fixture_is_valid(fixture, engine: str) -> None:
    assert validate_file(ROOT / fixture.path, fixture.shape, engine) == []  # type: ignore[arg-type]


def test_every_rule_has_a_negative_case() -> None:
    # Response rules have their cases in tests/cases/responses/; `unmapped` (a stray
    # file in events/) is tested by tests/test_generate.py; `io` (a file that cannot be
    # read) by tests/test_hostile_input.py, since a case is file text.
    covered = {case["rule"] for _, case in INVALID + load_cases("responses") if "rule" in case}
    missing = set(RULES) - {"unmapped", "io"} - covered
    assert not missing, f"rules without a negative case: {sorted(missing)}"


def test_every_case_names_a_registered_rule() -> None:
    for name, case in INVALID:
        assert case["rule"] in RULES or case["rule"].startswith("schema:"), name


def test_an_unregistered_rule_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unregistered rule"):
        Problem("", "no-such-rule", "x")


def test_every_shape_with_records_has_semantic_rules() -> None:
    assert set(SEMANTIC) >= {"stream", "pipes", "tumbling-window", "kinesis"}


def test_cases_name_real_fixtures() -> None:
    for name, case in INVALID + VALID:
        if "base" in case:
            assert (ROOT / case["base"]).is_file(), name
            json.loads(case_text(case))
