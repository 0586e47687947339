"""Load the data-driven test cases in tests/cases/ (see its README)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"


def load_cases(folder: str) -> list[tuple[str, dict[str, Any]]]:
    return [
        (p.stem, json.loads(p.read_text("utf-8"))) for p in sorted((CASES / folder).glob("*.json"))
    ]


def _parent(doc: Any, path: str) -> tuple[Any, str]:
    parts = [p.replace("~1", "/").replace("~0", "~") for p in path.split("/")[1:]]
    node = doc
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node, parts[-1]


def apply_patch(doc: Any, operations: list[dict[str, Any]]) -> Any:
    """The subset of JSON Patch the cases use: add, replace, remove (plus `repeat`)."""
    doc = copy.deepcopy(doc)
    for op in operations:
        value = copy.deepcopy(op.get("value"))
        if "repeat" in op:
            value = {k: v * op["repeat"] for k, v in value.items()}
        parent, key = _parent(doc, op["path"])
        index: Any = int(key) if isinstance(parent, list) else key
        if op["op"] == "remove":
            del parent[index]
        elif op["op"] == "add" and isinstance(parent, list):
            parent.insert(index, value)
        else:
            parent[index] = value
    return doc


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
