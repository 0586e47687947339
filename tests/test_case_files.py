"""Every case file follows the schema of its folder, as the JSON-Schema-Test-Suite's do."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from casedata import CASES

SCHEMAS = sorted(CASES.glob("*.schema.json"))


def _cases(schema_path: Path) -> list[Path]:
    return sorted((CASES / schema_path.name.removesuffix(".schema.json")).glob("*.json"))


@pytest.mark.parametrize("schema_path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_every_case_file_follows_its_schema(schema_path: Path) -> None:
    schema: dict[str, Any] = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    cases = _cases(schema_path)
    assert cases, f"no cases for {schema_path.name}"
    for path in cases:
        errors = [e.message for e in validator.iter_errors(json.loads(path.read_text("utf-8")))]
        assert errors == [], path.name


def test_every_case_folder_has_a_schema() -> None:
    # Beside the folder (`invalid.schema.json`), or inside it for a folder of several kinds
    # (`filters/case.schema.json`, checked by tests/filters/test_cases.py).
    beside = {p.name.removesuffix(".schema.json") for p in SCHEMAS}
    for folder in (p for p in CASES.iterdir() if p.is_dir()):
        assert folder.name in beside or (folder / "case.schema.json").is_file(), folder.name


def test_the_schema_rejects_a_case_with_two_sources() -> None:
    schema = json.loads((CASES / "invalid.schema.json").read_text(encoding="utf-8"))
    bad = {"description": "x", "rule": "json", "severity": "error", "raw": "{", "data": {}}
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
