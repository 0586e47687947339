"""Every invalid case is rejected for its rule, by both schema engines; every fixture passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from casedata import ROOT, case_text, load_cases
from ddbstreams.scenarios import FIXTURES
from ddbstreams.validation import rules
from ddbstreams.validation.files import validate_file
from ddbstreams.validation.validator import SEMANTIC

INVALID = load_cases("invalid")


@pytest.mark.parametrize(("name", "case"), INVALID, ids=[n for n, _ in INVALID])
@pytest.mark.parametrize("engine", ["fast", "reference"])
def test_invalid_case_trips_its_rule(name: str, case: dict, engine: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.json"
    path.write_text(case_text(case), encoding="utf-8")
    problems = validate_file(path, case.get("shape"), engine)  # type: ignore[arg-type]
    fired = {(p.rule, p.severity) for p in problems}
    assert (case["rule"], case["severity"]) in fired, f"{case['description']}: got {problems}"


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.name for f in FIXTURES])
@pytest.mark.parametrize("engine", ["fast", "reference"])
def test_every_fixture_is_valid(fixture, engine: str) -> None:
    assert validate_file(ROOT / fixture.path, fixture.shape, engine) == []  # type: ignore[arg-type]


def _semantic_rule_names() -> set[str]:
    """Rule names used in the rules module's source: each needs a negative case."""
    source = Path(rules.__file__).read_text("utf-8")
    names = set()
    for chunk in source.split("Problem(")[1:]:
        args = chunk.split(",")
        if len(args) > 1 and args[1].strip().startswith('"'):
            names.add(args[1].strip().strip('"'))
    return names


def test_every_rule_has_a_negative_case() -> None:
    covered = {case["rule"] for _, case in INVALID}
    expected = _semantic_rule_names() | {"json", "shape", "schema:pattern", "schema:enum"}
    assert expected, "no rules found"
    missing = expected - covered
    assert not missing, f"rules without a negative case: {sorted(missing)}"
    assert set(SEMANTIC), "semantic rules are registered per shape"


def test_cases_name_real_fixtures() -> None:
    for name, case in INVALID:
        if "base" in case:
            assert (ROOT / case["base"]).is_file(), name
            json.loads(case_text(case))
