"""Make the handler modules (examples/python/*.py) importable as Lambda would load them."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent
ROOT = EXAMPLES.parents[1]
sys.path.insert(0, str(EXAMPLES))


def load(path: str) -> Any:
    return json.loads((ROOT / path).read_text(encoding="utf-8"))


def failing_sequence_numbers(records: list[dict[str, Any]]) -> list[str]:
    return [
        r["dynamodb"]["SequenceNumber"]
        for r in records
        if r["dynamodb"].get("NewImage", {}).get("fail") == {"BOOL": True}
    ]


@pytest.fixture
def partial_failure() -> Any:
    return load("events/dynamodb/stream/partial-failure.json")


@pytest.fixture
def pipes_partial_failure() -> Any:
    return load("events/dynamodb/pipes/partial-failure.json")


@pytest.fixture
def attribute_types() -> Any:
    return load("events/dynamodb/stream/attribute-types.json")


@pytest.fixture
def legacy_documentation_form() -> Any:
    return load("events/dynamodb/stream/legacy-documentation-form.json")
