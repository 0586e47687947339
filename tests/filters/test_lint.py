"""Every lint rule fires on its positive case and stays silent on its negative one."""

from __future__ import annotations

from typing import Any

import pytest
from cases import load, pattern_of
from ddbstreams.filters.lint import RULES, lint_criteria, lint_pattern

LINT_CASES = load("lint")


@pytest.mark.parametrize(("name", "case"), LINT_CASES, ids=[n for n, _ in LINT_CASES])
def test_lint_case(name: str, case: dict[str, Any]) -> None:
    if "criteria" in case:
        findings = lint_criteria(case["criteria"], view_type=case.get("view_type"))
    else:
        findings = lint_pattern(pattern_of(case), view_type=case.get("view_type"))
    fired = {f.rule for f in findings}
    assert (case["rule"] in fired) is case["fires"], [f.as_dict() for f in findings]


def test_every_rule_has_a_firing_and_a_silent_case() -> None:
    covered = {(c["rule"], c["fires"]) for _, c in LINT_CASES}
    missing = [r.id for r in RULES if not {(r.id, True), (r.id, False)} <= covered]
    assert not missing


def test_rule_ids_are_stable_and_sourced() -> None:
    assert [r.id for r in RULES] == [f"DDBF{i:03d}" for i in range(len(RULES))]
    assert all(r.source.startswith("https://docs.aws.amazon.com/") for r in RULES)
