"""`audit/examples.md`: what the audit found in every example handler, from a real run.

`nox -s conformance` audits each language's example handlers through the simulator
(`python -m conformance.audit`) and writes `docs/data/audit.json`; CI checks that a fresh run
reproduces it. This job renders it as the table on the delivery page.
"""

from __future__ import annotations

import json
from typing import Any

from ._markdown import cell
from ._sources import REPO

AUDIT = REPO / "docs" / "data" / "audit.json"


def _verdict(entry: dict[str, Any]) -> str:
    if entry["errors"]:
        return "**fails**: " + "; ".join(cell(e) for e in entry["errors"])
    if entry["warnings"]:
        return "passes, with a warning: " + "; ".join(cell(w) for w in entry["warnings"])
    return "passes"


def build() -> dict[str, str]:
    entries: list[dict[str, Any]] = json.loads(AUDIT.read_text(encoding="utf-8"))
    rows = [
        "| Language | Handler | Checks run | Result |",
        "|---|---|---|---|",
        *(
            f"| {cell(e['language'])} | `{e['handler']}` | "
            f"{', '.join(f'`{c}`' for c in e['checks'])} | {_verdict(e)} |"
            for e in entries
        ),
    ]
    note = (
        f"<small>Generated from [`docs/data/audit.json`](data/audit.json): "
        f"{len(entries)} handlers audited by `nox -s conformance`.</small>"
    )
    return {"audit/examples.md": "\n".join(rows) + "\n\n" + note + "\n"}
