"""The event-name × view-type part of the DynamoDB page, from the catalogue's fixtures.

`view-types/table.md`: which of `Keys`, `NewImage` and `OldImage` each cell's records carry, as
read from the fixture itself. `view-types/tabs.md`: one tab per event name and view type with the
fixture's description and a link to the raw file; the event is not embedded but loaded by
`assets/lazy-events.js` when its tab is shown, which keeps the page light.
"""

from __future__ import annotations

from typing import Any

from ddbstreams.catalog import Fixture
from ddbstreams.records import EVENT_NAMES, VIEW_TYPES

from ._markdown import cell, indent, rel
from ._sources import GenerationError, fixtures, read_json

# Included by docs/dynamodb.md; links are relative to it.
PAGE = "dynamodb.md"
PARTS = ("Keys", "NewImage", "OldImage")


def _cell_of(fixture: Fixture) -> tuple[str, str] | None:
    """(event name, view type) when every record of a plain stream fixture shares them."""
    if fixture.shape != "stream":
        return None
    records: list[dict[str, Any]] = read_json(fixture.path)["Records"]
    kinds = {(r["eventName"], r["dynamodb"].get("StreamViewType")) for r in records}
    if len(kinds) != 1 or any("userIdentity" in r for r in records):
        return None
    (kind,) = kinds
    return kind


def cells() -> dict[tuple[str, str], Fixture]:
    """The first catalogue fixture of every (event name, view type); all twelve must exist."""
    found: dict[tuple[str, str], Fixture] = {}
    for fixture in fixtures():
        kind = _cell_of(fixture)
        if kind is not None:
            found.setdefault(kind, fixture)
    missing = [(e, v) for e in EVENT_NAMES for v in VIEW_TYPES if (e, v) not in found]
    if missing:
        raise GenerationError(f"no fixture for {missing} in the catalogue")
    return found


def parts_present(fixture: Fixture) -> list[str]:
    """The parts every record of the fixture carries, in the order of `PARTS`."""
    records = read_json(fixture.path)["Records"]
    return [p for p in PARTS if all(p in r["dynamodb"] for r in records)]


# Where each row comes from (ids of docs/sources.yml): AWS's view-type descriptions and the
# captures of real streams that cover every cell.
SOURCES = "[src:ddb-streams], [src:rec-ankcorn]"


def render_table(found: dict[tuple[str, str], Fixture]) -> str:
    out = [
        "| View type | " + " | ".join(f"`{e}`" for e in EVENT_NAMES) + " |",
        "|---|" + "---|" * len(EVENT_NAMES),
    ]
    for view in VIEW_TYPES:
        row = [", ".join(parts_present(found[(e, view)])) for e in EVENT_NAMES]
        out.append(f"| `{view}` {SOURCES} | " + " | ".join(row) + " |")
    return "\n".join(out) + "\n"


def render_tabs(found: dict[tuple[str, str], Fixture]) -> str:
    out = []
    for event in EVENT_NAMES:
        out.append(f'=== "{event}"\n')
        for view in VIEW_TYPES:
            fixture = found[(event, view)]
            body = (
                f"{cell(fixture.description)}\n\n"
                f"[:material-download: `{fixture.path}`]({rel(PAGE, fixture.path)})"
                "{ .ddb-raw .ddb-lazy }\n"
            )
            out.append(indent(f'=== "{view}"\n\n' + indent(body, 4), 4))
    return "\n".join(out)


def build() -> dict[str, str]:
    found = cells()
    return {"view-types/table.md": render_table(found), "view-types/tabs.md": render_tabs(found)}
