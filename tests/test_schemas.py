"""The schemas themselves: valid 2020-12, resolvable ids, documented, canonically formatted."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from casedata import ROOT
from ddbstreams.catalog import SHAPE_SCHEMAS
from ddbstreams.jsonio import dumps
from ddbstreams.validation.schemas import all_schemas

BASE = "https://ddbstreams.github.io/reference/schemas/"
SCHEMAS = sorted(all_schemas().items())


@pytest.mark.parametrize(("path", "schema"), SCHEMAS, ids=[p for p, _ in SCHEMAS])
def test_schema_is_valid_draft_2020_12(path: str, schema: dict) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == BASE + path.removeprefix("schemas/")
    assert (ROOT / path).read_text("utf-8") == dumps(schema), "run the formatter: canonical JSON"


def _properties(node: Any, where: str) -> Iterator[tuple[str, dict]]:
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            yield f"{where}/properties/{name}", sub
        for key, sub in node.items():
            if key not in ("if", "then", "else"):  # conditions restate, they do not define
                yield from _properties(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _properties(sub, f"{where}/{i}")


@pytest.mark.parametrize(("path", "schema"), SCHEMAS, ids=[p for p, _ in SCHEMAS])
def test_every_property_has_title_and_description(path: str, schema: dict) -> None:
    for where, prop in _properties(schema, path):
        if "$ref" in prop and set(prop) == {"$ref"}:
            continue  # documented where it is defined
        assert prop.get("title") and prop.get("description"), where


def test_every_shape_has_a_schema_and_every_schema_is_used() -> None:
    used = set(SHAPE_SCHEMAS.values())
    assert used <= set(all_schemas())
    referenced = json.dumps(list(all_schemas().values()))
    for path in set(all_schemas()) - used:
        assert path.removeprefix("schemas/") in referenced, (
            f"{path} is neither a shape nor referenced"
        )
