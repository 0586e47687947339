"""The delivery page's generated parts: the assumptions table (also on the open-questions page)
and the timeline captions.

The table is read from `ddbstreams.simulate.Assumptions`; its evidence column comes from the
job's own list. These tests hold the committed table to the dataclass field by field, check the
readings against the competing readings named for U-5 and U-7 in AWS's silence (written out here
as data), and make the job refuse a question without evidence, evidence without a question, and
an id `docs/sources.yml` does not have.
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pytest
from ddbstreams.simulate import Assumptions

from sitegen import citations, delivery_timelines
from sitegen._sources import GenerationError

REPO = Path(__file__).parents[2]
GENERATED = REPO / "docs" / "generated" / "delivery"


def _rows(text: str) -> dict[str, list[str]]:
    """Table rows by the field name in their first cell, each split into its cells."""
    rows: dict[str, list[str]] = {}
    for line in text.splitlines()[2:]:
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        name = cells[0].split("`")[1]
        rows[name] = cells
    return rows


@pytest.mark.parametrize("fragment", ["assumptions.md", "assumptions-linked.md"])
def test_every_field_is_listed_with_its_default_and_known_evidence(fragment: str) -> None:
    rows = _rows((GENERATED / fragment).read_text("utf-8"))
    defaults = Assumptions()
    assert list(rows) == [f.name for f in fields(Assumptions)]
    known = set(citations.load())
    for name, cells in rows.items():
        assert cells[3] == f"`{json.dumps(getattr(defaults, name))}`", name
        assert cells[1].startswith("U-"), name
        cited = citations.markers(cells[5])
        assert cited and set(cited) <= known, name


def test_the_linked_table_points_at_the_delivery_page() -> None:
    rows = _rows((GENERATED / "assumptions-linked.md").read_text("utf-8"))
    assert all(cells[0].endswith("](delivery.md#assumptions)") for cells in rows.values())


def test_the_pages_include_the_tables() -> None:
    docs = REPO / "docs"
    assert '--8<-- "docs/generated/delivery/assumptions.md"' in (docs / "delivery.md").read_text(
        "utf-8"
    )
    assert '--8<-- "docs/generated/delivery/assumptions-linked.md"' in (
        docs / "not-documented.md"
    ).read_text("utf-8")


# The competing readings of some open questions, as the evidence names them.
READINGS = {
    "partial_counts": ["progress-resets", "always", "never"],
    "bisect_retry_count": ["inherit", "fresh"],
    "bisect_without_retries": [True, False],
    "s3_payload": ["string", "object"],
}


@pytest.mark.parametrize(("name", "readings"), READINGS.items(), ids=list(READINGS))
def test_readings_are_the_competing_answers(name: str, readings: list[object]) -> None:
    (row,) = [row for row in delivery_timelines.assumption_rows() if row.name == name]
    assert row.readings == tuple(json.dumps(value) for value in readings)


def test_a_free_value_says_so() -> None:
    (row,) = [r for r in delivery_timelines.assumption_rows() if r.name == "backoff_seconds"]
    assert row.readings == ("any number",)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda e: {k: v for k, v in e.items() if k != "U-3"}, "no evidence listed for U-3"),
        (lambda e: {**e, "U-99": ("with-ddb",)}, "U-99"),
        (lambda e: {**e, "U-3": ("no-such-source",)}, "unknown source ids"),
    ],
    ids=["missing", "left-over", "unknown-id"],
)
def test_bad_evidence_is_refused(
    monkeypatch: pytest.MonkeyPatch, change: object, message: str
) -> None:
    assert callable(change)
    monkeypatch.setattr(delivery_timelines, "EVIDENCE", change(delivery_timelines.EVIDENCE))
    with pytest.raises(GenerationError, match=message):
        delivery_timelines.assumption_rows()


TIMELINES = sorted(p.name for p in GENERATED.glob("*.md") if not p.name.startswith("assumptions"))


@pytest.mark.parametrize("fragment", TIMELINES)
def test_each_timeline_caption_cites_its_sources_and_the_picture_stays_plain(
    fragment: str,
) -> None:
    text = (GENERATED / fragment).read_text("utf-8")
    svg, after = text.split("</div>", 1)
    caption = after.strip().split("\n\n", 1)[0]
    assert citations.markers(caption), caption
    assert set(citations.markers(caption)) <= set(citations.load())
    assert "[src:" not in svg


def test_a_timeline_without_sources_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delivery_timelines, "CAPTION_SOURCES", {})
    with pytest.raises(GenerationError, match="names no source"):
        delivery_timelines.build()
