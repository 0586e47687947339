"""Load the filter cases in tests/cases/filters/ (format: tests/cases/filters/case.schema.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases" / "filters"


def load(folder: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{folder}/{p.stem}", json.loads(p.read_text("utf-8")))
        for p in sorted((CASES / folder).glob("*.json"))
    ]


def pattern_of(case: dict[str, Any]) -> Any:
    """The pattern as text when the case gives text (repeated keys, number spellings kept)."""
    return case["pattern_text"] if "pattern_text" in case else case["pattern"]


def document_of(case: dict[str, Any]) -> Any:
    if "document_text" in case:
        return case["document_text"]
    if "document" in case:
        return case["document"]
    event = json.loads((ROOT / case["fixture"]).read_text("utf-8"))
    return event["Records"][case["record"]]


def document_text_of(case: dict[str, Any]) -> str:
    document = document_of(case)
    return document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)


def pattern_text_of(case: dict[str, Any]) -> str:
    pattern = pattern_of(case)
    return pattern if isinstance(pattern, str) else json.dumps(pattern, ensure_ascii=False)
