"""The project's JSON Schemas, loaded once, with a fast and a reference validator.

The fast path (jsonschema-rs, compiled) is what `validate` uses; the
reference path (`jsonschema`, the Python reference implementation) is what
the negative test suite cross-checks it against, so the two cannot drift.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

import jsonschema_rs

from ..catalog import SHAPE_SCHEMAS
from ..resources import data_root, load_json
from .problems import Problem, pointer

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

Engine = Literal["fast", "reference"]


@cache
def all_schemas() -> dict[str, dict[str, Any]]:
    """Every schema by repository-relative path (`schemas/stream-event.schema.json`)."""
    folder = data_root() / "schemas"
    names = sorted(n.name for n in folder.iterdir() if n.name.endswith(".schema.json"))
    return {f"schemas/{name}": load_json(f"schemas/{name}") for name in names}


def schema_for(shape: str) -> dict[str, Any]:
    return all_schemas()[SHAPE_SCHEMAS[shape]]


@cache
def _fast(shape: str) -> Any:
    registry = jsonschema_rs.Registry([(s["$id"], s) for s in all_schemas().values()])
    return jsonschema_rs.validator_for(schema_for(shape), registry=registry)


@cache
def _reference(shape: str) -> Validator:
    # Imported here: `jsonschema` (with `referencing` and `attrs`) takes longer to import
    # than the rest of the CLI, and only the reference engine needs it.
    import jsonschema
    from referencing import Registry, Resource

    registry: Registry[Any] = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in all_schemas().values()
    )
    schema = schema_for(shape)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, registry=registry)


MAX_MESSAGE = 240


def _short(message: str) -> str:
    """Engines quote the failing instance; for a 10,000-record array that is megabytes."""
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"


def _keyword(schema_path: Any) -> str:
    parts = [p for p in schema_path if isinstance(p, str)]
    return parts[-1] if parts else "schema"


def schema_problems(doc: Any, shape: str, engine: Engine = "fast") -> Iterator[Problem]:
    """Schema violations as problems whose rule is `schema:<keyword>` (`schema:pattern`)."""
    if engine == "fast":
        validator = _fast(shape)
        if validator.is_valid(doc):
            return
        for error in validator.iter_errors(doc):
            yield Problem(
                pointer(*error.instance_path),
                f"schema:{_keyword(error.schema_path)}",
                error.message,
            )
    else:
        for ref_error in _reference(shape).iter_errors(doc):
            yield Problem(
                pointer(*ref_error.absolute_path),
                f"schema:{_keyword(ref_error.absolute_schema_path)}",
                _short(ref_error.message),
            )
