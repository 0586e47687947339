"""What the jobs read: the fixture catalogue, the published files and the schemas."""

from __future__ import annotations

import json
import posixpath
from functools import cache
from pathlib import Path
from typing import Any

from ddbstreams.catalog import Fixture
from ddbstreams.scenarios import FIXTURES

# sitegen/_sources.py -> the repository root (the folder of mkdocs.yml).
REPO = Path(__file__).resolve().parents[1]
SCHEMAS = "schemas"
SCHEMA_SUFFIX = ".schema.json"


class GenerationError(Exception):
    """A source the site is generated from is missing or inconsistent."""


def fixtures() -> tuple[Fixture, ...]:
    """Every published fixture, in catalogue order."""
    return FIXTURES


@cache
def read_json(relative: str) -> Any:
    """A repository file (`events/...`, `schemas/...`), parsed."""
    path = REPO / relative
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GenerationError(f"{relative} does not exist") from None
    except json.JSONDecodeError as exc:
        raise GenerationError(f"{relative} is not valid JSON: {exc}") from None


def schema_names() -> list[str]:
    """The schemas in `schemas/`, by file name without `.schema.json`."""
    return sorted(
        p.name.removesuffix(SCHEMA_SUFFIX) for p in (REPO / SCHEMAS).glob("*" + SCHEMA_SUFFIX)
    )


def load_schema(name: str) -> dict[str, Any]:
    schema = read_json(schema_raw_uri(name))
    if not isinstance(schema, dict):
        raise GenerationError(f"{schema_raw_uri(name)} is not a JSON object")
    return schema


def schema_title(name: str) -> str:
    return str(load_schema(name).get("title") or name)


def schema_raw_uri(name: str) -> str:
    """Where the raw schema is, in the repository and on the site."""
    return f"{SCHEMAS}/{name}{SCHEMA_SUFFIX}"


def schema_page_uri(name: str) -> str:
    """Where the schema's reference page is on the site (published from `generated/schemas/`)."""
    return f"{SCHEMAS}/{name}.md"


def schema_name_from_path(path: str) -> str:
    return posixpath.basename(path).removesuffix(SCHEMA_SUFFIX)
