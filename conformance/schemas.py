"""The JSON Schemas of the harness's own data: the results it writes and the findings it reads."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

HERE = Path(__file__).resolve().parent
RESULTS_SCHEMA = HERE / "results.schema.json"
FINDINGS_SCHEMA = HERE / "findings.schema.json"


@cache
def _validator(path: Path) -> Draft202012Validator:
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def problems(document: Any, schema: Path) -> list[str]:
    """Every schema violation as `/json/pointer: message`, in document order; empty when valid."""
    errors = sorted(
        _validator(schema).iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path]
    )
    out = []
    for error in errors:
        pointer = "".join(f"/{part}" for part in error.absolute_path) or "/"
        out.append(f"{pointer}: {error.message}")
    return out


def results_problems(document: Any) -> list[str]:
    return problems(document, RESULTS_SCHEMA)


def findings_problems(document: Any) -> list[str]:
    return problems(document, FINDINGS_SCHEMA)
