"""The filtering page's tables: the operator table cites both AWS operator lists, the rules theirs."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen import citations, filtering_tables

REPO = Path(__file__).parents[2]
LAMBDA_PAGE = "https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html"
EVENTBRIDGE_PAGE = (
    "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html"
)


def test_every_row_cites_lambdas_and_eventbridges_operator_tables() -> None:
    sources = citations.load()
    by_url = {entry["url"]: source_id for source_id, entry in sources.items()}
    expected = {by_url[LAMBDA_PAGE], by_url[EVENTBRIDGE_PAGE]}
    table = (REPO / "docs/generated/filtering/surfaces.md").read_text("utf-8")
    assert table == filtering_tables.surfaces_table()
    rows = table.splitlines()[2:]
    assert rows
    for row in rows:
        assert set(citations.markers(row)) == expected, row


def test_a_url_is_found_without_its_fragment() -> None:
    sources = {"page": {"kind": "aws-page", "title": "T", "url": "https://a.b/c.html", "date": ""}}
    assert citations.id_for_url("https://a.b/c.html#part", sources) == "page"


def test_a_url_without_an_entry_is_refused() -> None:
    with pytest.raises(citations.SourceError, match="no entry"):
        citations.id_for_url("https://a.b/other.html", {})


def test_every_lint_rule_is_listed_with_the_page_it_names() -> None:
    from ddbstreams.filters.lint import RULES

    sources = citations.load()
    table = (REPO / "docs/generated/filtering/lint-rules.md").read_text("utf-8")
    assert table == filtering_tables.lint_rules_table()
    rows = {row.split(" | ")[0].removeprefix("| "): row for row in table.splitlines()[2:]}
    assert list(rows) == [rule.id for rule in RULES]
    for rule in RULES:
        (cited,) = citations.markers(rows[rule.id])
        assert sources[cited]["url"] == rule.source.split("#")[0], rule.id


def test_the_page_includes_both_tables() -> None:
    page = (REPO / "docs/filtering.md").read_text("utf-8")
    for fragment in ("surfaces.md", "lint-rules.md"):
        assert f'--8<-- "docs/generated/filtering/{fragment}"' in page
