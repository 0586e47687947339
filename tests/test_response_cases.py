"""What Lambda does with a response: the cases in tests/cases/responses/."""

from __future__ import annotations

import json

import pytest
from casedata import ROOT, load_cases
from ddbstreams.response import check_response

CASES = load_cases("responses")


@pytest.mark.parametrize(("name", "case"), CASES, ids=[n for n, _ in CASES])
def test_response_case(name: str, case: dict) -> None:
    event = json.loads((ROOT / case["event"]).read_text("utf-8"))
    verdict = check_response(case["response"], event, tumbling_window=case["tumbling_window"])
    assert verdict.outcome == case["outcome"], verdict.describe()
    if "rule" in case:
        assert case["rule"] in {p.rule for p in verdict.problems}
    if case["outcome"] == "partial":
        assert verdict.checkpoint == case["checkpoint"]
        assert verdict.retried == case["retried"]
        assert case["checkpoint"] in verdict.describe()


def test_every_whole_batch_failure_of_the_facts_sheet_has_a_case() -> None:
    reasons = {n for n, c in CASES if c["outcome"] == "batch-failure"}
    assert {
        "fail-empty-identifier",
        "fail-null-identifier",
        "fail-wrong-key",
        "fail-unknown-identifier",
        "fail-window-without-state",
    } <= reasons
