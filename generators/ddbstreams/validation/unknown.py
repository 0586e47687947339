"""Fields the schemas do not list: a warning that names each one, not a schema error.

AWS adds fields to its events from time to time; a validator that rejected
every new field would break its users' CI on the day AWS ships one. So the
event schemas leave objects open, and this walk reports each field they do
not list as an `unknown-field` warning (an error with `--strict`), naming the
closest known field so that a typo stays visible. Objects whose schema says
`additionalProperties` themselves (AttributeValues, item maps, responses) are
judged by the schema alone.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any
from urllib.parse import urljoin

from .problems import Problem, pointer
from .schemas import all_schemas, schema_for

Schema = Mapping[str, Any]


@cache
def _by_id() -> dict[str, Schema]:
    return {s["$id"]: s for s in all_schemas().values()}


def _resolve(schema: Schema, base: str) -> tuple[Schema, str]:
    """Follow `$ref`s (to this or another project schema) to the schema that says what to expect."""
    seen = 0
    while "$ref" in schema and seen < 32:
        seen += 1
        target, _, fragment = schema["$ref"].partition("#")
        base = urljoin(base, target) if target else base
        node: Any = _by_id()[base]
        for part in filter(None, fragment.split("/")):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        schema = node
    return schema, base


def _object_branch(schema: Schema, base: str) -> tuple[Schema, str] | None:
    """The first `anyOf` branch that describes an object with listed properties."""
    for branch in schema.get("anyOf", ()):
        resolved, where = _resolve(branch, base)
        if "properties" in resolved:
            return resolved, where
    return None


def _walk(
    instance: Any, schema: Schema, base: str, where: tuple[str | int, ...]
) -> Iterator[Problem]:
    schema, base = _resolve(schema, base)
    if isinstance(instance, dict):
        if "properties" not in schema:
            branch = _object_branch(schema, base)
            if branch is None:
                return
            schema, base = branch
        if "additionalProperties" in schema:
            return
        known = schema["properties"]
        for name, value in instance.items():
            if name in known:
                yield from _walk(value, known[name], base, (*where, name))
                continue
            close = difflib.get_close_matches(name, list(known), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            title = schema.get("title", "this object")
            yield Problem(
                pointer(*where, name),
                "unknown-field",
                f"{name!r} is not a field of {title}{hint}; a field AWS added since, "
                "or a misspelling",
                "warning",
            )
    elif isinstance(instance, list) and isinstance(schema.get("items"), Mapping):
        for i, item in enumerate(instance):
            yield from _walk(item, schema["items"], base, (*where, i))


def unknown_field_problems(doc: Any, shape: str) -> Iterator[Problem]:
    """A warning for each field of `doc` its shape's schema does not list."""
    schema = schema_for(shape)
    yield from _walk(doc, schema, schema["$id"], ())
