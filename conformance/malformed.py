"""Malformed input: events DynamoDB never sends, built from the validator's negative cases.

A library's behaviour on them (rejecting, or accepting and making something of the bad value)
is worth knowing, but it is not conformance: it is reported in a section of its own, never in
the matrix of canonical fixtures. Each case is a `tests/cases/invalid/` file (a fixture plus a
JSON Patch, see tests/cases/README.md); `conformance/malformed.json` lists the ones that are
events a stream handler could be given, and where the bad value lands in the view.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .compare import show

LIST = Path("conformance") / "malformed.json"


@dataclass(frozen=True)
class MalformedCase:
    key: str  # the case file's stem
    case: str  # repository-relative path of the case file
    title: str
    view: str  # where the bad value lands in the view: `records[0].newImage.Message`
    pointer: str  # where it is in the event (the case's first patch path)
    file: Path  # the event, written under .results/malformed/


def apply_patch(document: Any, operations: Sequence[Mapping[str, Any]]) -> Any:
    """The JSON Patch subset of the negative cases: add, replace, remove (plus `repeat`)."""
    document = copy.deepcopy(document)
    for operation in operations:
        value: Any = copy.deepcopy(operation.get("value"))
        if "repeat" in operation:
            value = {k: v * operation["repeat"] for k, v in dict(value).items()}
        parts = [p.replace("~1", "/").replace("~0", "~") for p in operation["path"].split("/")[1:]]
        parent = document
        for part in parts[:-1]:
            parent = parent[int(part)] if isinstance(parent, list) else parent[part]
        key: Any = int(parts[-1]) if isinstance(parent, list) else parts[-1]
        if operation["op"] == "remove":
            del parent[key]
        elif operation["op"] == "add" and isinstance(parent, list):
            parent.insert(key, value)
        else:
            parent[key] = value
    return document


def prepare(root: Path, folder: Path) -> list[MalformedCase]:
    """The listed cases as event files in `folder`; none when the repository lists none."""
    listing = root / LIST
    if not listing.is_file():
        return []
    cases = []
    for entry in json.loads(listing.read_text(encoding="utf-8"))["cases"]:
        spec = json.loads((root / entry["case"]).read_text(encoding="utf-8"))
        base = json.loads((root / spec["base"]).read_text(encoding="utf-8"))
        event = apply_patch(base, spec.get("patch") or [])
        key = Path(entry["case"]).stem
        file = folder / f"{key}.json"
        folder.mkdir(parents=True, exist_ok=True)
        file.write_text(json.dumps(event, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        pointer = (spec.get("patch") or [{}])[0].get("path", "")
        cases.append(
            MalformedCase(key, entry["case"], entry["title"], entry["view"], pointer, file)
        )
    return cases


_STEP = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def at(view: Any, path: str) -> Any:
    """The value at `records[0].newImage.Message` in a view (None when absent)."""
    node = view
    for name, index in _STEP.findall(path):
        if index:
            node = node[int(index)] if isinstance(node, list) and int(index) < len(node) else None
        else:
            node = node.get(name) if isinstance(node, Mapping) else None
    return node


def outcome(line: Mapping[str, Any] | None, case: MalformedCase, problem: str) -> dict[str, str]:
    """What one handler did with one malformed event, in one line."""
    if line is None:
        return {"outcome": "not-run", "detail": problem}
    if not line.get("loaded"):
        return {"outcome": "rejected", "detail": str(line.get("error") or "no error message")}
    value = at(line.get("view"), case.view)
    kept = value == at(case_view(case), case.view)
    return {"outcome": "kept" if kept else "changed", "detail": f"{case.view} = {show(value, 120)}"}


def case_view(case: MalformedCase) -> dict[str, Any]:
    """The malformed event as the normalized view would hold it, value for value, so that an
    accepted value can be told apart as kept or changed."""
    event = json.loads(case.file.read_text(encoding="utf-8"))
    records = event if isinstance(event, list) else event.get("Records", [])
    keys = {"newImage": "NewImage", "oldImage": "OldImage", "keys": "Keys"}
    out = []
    for record in records:
        stream = record.get("dynamodb") or {}
        view = {k: stream.get(v) for k, v in keys.items()}
        view["streamViewType"] = stream.get("StreamViewType")
        out.append(view)
    return {"records": out}


def section(
    cases: Sequence[MalformedCase], results: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """The results document's `malformed` part: case -> title, pointer, per-handler outcome."""
    return {
        case.key: {
            "case": case.case,
            "shape": "stream",
            "title": case.title,
            "pointer": case.pointer,
            "sent": show(at(case_view(case), case.view), 120),
            "handlers": dict(sorted(results.get(case.key, {}).items())),
        }
        for case in cases
    }
