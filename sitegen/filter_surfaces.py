"""The operator table of the filtering page: which operators Lambda, Pipes and EventBridge accept.

`filtering/surfaces.md` is read from `ddbstreams.filters.surfaces.OPERATORS`, the one list the
engine and the linter use, so the page cannot disagree with them. Each row cites the AWS pages
its columns come from: Lambda's operator table for the Lambda column, EventBridge's (which has
a Pipes column) for the other two; the row's own source comes first.
"""

from __future__ import annotations

from ddbstreams.filters.surfaces import (
    EVENTBRIDGE_OPERATORS_URL,
    LAMBDA_OPERATORS_URL,
    OPERATORS,
    SURFACES,
)

from . import citations
from ._markdown import cell

HEADER = ("Operator", "Example", "Lambda", "Pipes", "EventBridge", "Source")


def surfaces_table() -> str:
    """One row per operator, in the engine's order, each with its source markers."""
    sources = citations.load()
    columns = [
        citations.id_for_url(url, sources)
        for url in (LAMBDA_OPERATORS_URL, EVENTBRIDGE_OPERATORS_URL)
    ]
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for op in OPERATORS:
        own = citations.id_for_url(op.source, sources)
        cited = [own, *(source_id for source_id in columns if source_id != own)]
        accepted = ["yes" if surface in op.surfaces else "no" for surface in SURFACES]
        markers = ", ".join(f"[src:{source_id}]" for source_id in cited)
        lines.append(
            "| " + " | ".join([cell(op.name), f"`{op.example}`", *accepted, markers]) + " |"
        )
    return "\n".join(lines) + "\n"


def build() -> dict[str, str]:
    """Paths under docs/generated/ -> text."""
    return {"filtering/surfaces.md": surfaces_table()}
