"""The filtering page's two tables: operators per surface, and the lint rules.

`filtering/surfaces.md` is read from `ddbstreams.filters.surfaces.OPERATORS`, the one list the
engine and the linter use, so the page cannot disagree with them. Each row cites the AWS pages
its columns come from: Lambda's operator table for the Lambda column, EventBridge's (which has
a Pipes column) for the other two; the row's own source comes first.

`filtering/lint-rules.md` is read from `ddbstreams.filters.lint.RULES`: each rule's ID, name,
severity and summary, citing the AWS page the rule names as its reason.
"""

from __future__ import annotations

from ddbstreams.filters.lint import RULES
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


def lint_rules_table() -> str:
    """One row per lint rule, in ID order, citing the page that explains the pitfall."""
    sources = citations.load()
    lines = ["| ID | Rule | Severity | What it catches | Source |", "|---|---|---|---|---|"]
    for rule in RULES:
        marker = f"[src:{citations.id_for_url(rule.source, sources)}]"
        lines.append(
            f"| {rule.id} | `{rule.name}` | {rule.severity} | {cell(rule.summary)} | {marker} |"
        )
    return "\n".join(lines) + "\n"


def build() -> dict[str, str]:
    """Paths under docs/generated/ -> text."""
    return {
        "filtering/surfaces.md": surfaces_table(),
        "filtering/lint-rules.md": lint_rules_table(),
    }
