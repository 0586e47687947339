"""Load the data-driven test cases in tests/cases/ (see its README)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conformance.malformed import apply_patch

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"


def load_cases(folder: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        (p.stem, json.loads(p.read_text("utf-8"))) for p in sorted((CASES / folder).glob("*.json"))
    ]


def case_text(case: dict[str, Any]) -> str:
    """The exact file text a case stands for."""
    if "raw" in case:
        return str(case["raw"])
    if "data" in case:
        doc = case["data"]
    else:
        doc = json.loads((ROOT / case["base"]).read_text("utf-8"))
        doc = apply_patch(doc, case.get("patch") or [])
    if case.get("pad_bytes"):
        # Padding inside the document: the size limit measures compact JSON, not whitespace.
        doc = {**doc, "padding": "x" * case["pad_bytes"]}
    return json.dumps(doc, ensure_ascii=False)
