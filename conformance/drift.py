"""Comparing a fresh results document with the committed one, and writing results safely.

The committed `docs/data/conformance.json` is what the docs render; it must be exactly what a
fresh complete run produces, so a stale or hand-edited copy is caught like a drifted fixture.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

LIMIT = 40


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 70 else text[:67] + "..."


def _walk(committed: Any, fresh: Any, path: str, out: list[str]) -> None:
    if isinstance(committed, Mapping) and isinstance(fresh, Mapping):
        for key in sorted(set(committed) | set(fresh), key=str):
            where = f"{path}/{key}"
            if key not in fresh:
                out.append(f"{where}: only in the committed file")
            elif key not in committed:
                out.append(f"{where}: only in the fresh run")
            else:
                _walk(committed[key], fresh[key], where, out)
        return
    if isinstance(committed, list) and isinstance(fresh, list) and len(committed) == len(fresh):
        for index, (a, b) in enumerate(zip(committed, fresh, strict=True)):
            _walk(a, b, f"{path}/{index}", out)
        return
    if committed != fresh or type(committed) is not type(fresh):
        out.append(f"{path or '/'}: committed {_short(committed)}, fresh {_short(fresh)}")


def differences(committed: Any, fresh: Any) -> list[str]:
    """JSON pointers where the two documents differ, with both values."""
    out: list[str] = []
    _walk(committed, fresh, "", out)
    return out


def compare_texts(committed: str, fresh: str) -> list[str]:
    """Every difference between two results files; empty when they are byte for byte equal."""
    if committed == fresh:
        return []
    try:
        found = differences(json.loads(committed), json.loads(fresh))
    except ValueError as error:
        return [f"the committed file is not JSON: {error}"]
    return found or ["same content, different bytes (formatting or key order)"]


def compare_languages(committed: Any, fresh: Any, keys: list[str]) -> list[str]:
    """Differences restricted to the given languages (a run that could not run them all)."""
    out: list[str] = []
    old = committed.get("languages", {}) if isinstance(committed, Mapping) else {}
    for key in keys:
        if key not in old:
            out.append(f"/languages/{key}: only in the fresh run")
            continue
        _walk(old[key], fresh["languages"][key], f"/languages/{key}", out)
    return out
