"""The project's JSON Schemas, loaded once, and the engines that check documents against them.

- "fast": jsonschema-rs, compiled; its speed pays on large documents, its import
  (which loads `email`, `decimal`, `socket`...) costs more than validating a small one.
- "python": `pyschema`, a small interpreter for the keywords our schemas use,
  giving the same problems as jsonschema-rs; no import cost beyond `re` and `json`.
- "auto" (the default): "python" until the process has checked
  `AUTO_PYTHON_MAX_BYTES` with it, then "fast"; "fast" whenever jsonschema-rs is
  loaded already.
- "reference": `jsonschema`, the Python reference implementation the test
  suites cross-check the others against, so they cannot drift.
"""

from __future__ import annotations

import os
import sys
from functools import cache

from ..names import SHAPE_SCHEMAS
from ..resources import data_dir, load_json
from .problems import Problem, pointer

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any, Literal

    from jsonschema.protocols import Validator

    from .pyschema import Validator as PyValidator

    Engine = Literal["auto", "fast", "python", "reference"]
else:
    Engine = str

ENGINES = ("auto", "fast", "python", "reference")

AUTO_PYTHON_MAX_BYTES = 384 * 1024
"""Bytes of documents a process checks with the python engine before "auto" loads jsonschema-rs.

Measured (`benchmarks/bench_validate.py`, section "Schema engines": interleaved,
bytecode caching on): importing jsonschema-rs and building its validator costs
12 to 20 ms, compiling the python engine about 2 ms; per document the python
engine then costs 6 to 16 times what jsonschema-rs does (about 0.04 ms against
0.003 ms per KB of a stream event). One document costs the same either way at
320 to 580 KiB across runs on a shared machine; the threshold sits inside that
band, within 2× of either end (the bench checks it against the crossover it
measures). The same budget serves a process that checks many documents (a
folder): once the python engine has spent it, the import is worth paying, so
"auto" switches for good, and no run costs much more than twice what the better engine would have.
"""

_spent = [0]  # bytes the python engine has checked in this process, for "auto"


@cache
def all_schemas() -> dict[str, dict[str, Any]]:
    """Every schema by repository-relative path (`schemas/stream-event.schema.json`)."""
    folder = os.path.join(data_dir(), "schemas")  # os.path: pathlib costs the start more
    names = sorted(name for name in os.listdir(folder) if name.endswith(".schema.json"))
    return {f"schemas/{name}": load_json(f"schemas/{name}") for name in names}


def schema_for(shape: str) -> dict[str, Any]:
    return all_schemas()[SHAPE_SCHEMAS[shape]]


def bundled_schema_for(shape: str) -> dict[str, Any]:
    """The single-file bundle of a shape's schema: every schema it refers to embedded."""
    name = SHAPE_SCHEMAS[shape].removeprefix("schemas/")
    bundle: dict[str, Any] = load_json(f"schemas/bundled/{name}")
    return bundle


@cache
def _fast(shape: str) -> Any:
    # Imported here: loading the extension costs more than checking a small document.
    import jsonschema_rs

    registry = jsonschema_rs.Registry([(s["$id"], s) for s in all_schemas().values()])
    return jsonschema_rs.validator_for(schema_for(shape), registry=registry)


@cache
def _python(shape: str) -> PyValidator:
    from .pyschema import Validator as PyValidator

    return PyValidator(bundled_schema_for(shape))


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


def estimated_size(doc: Any, limit: int) -> int:
    """About how many bytes `doc` takes as JSON, counting no further than just past `limit`."""
    size = 0
    stack = [doc]
    while stack and size <= limit:
        value = stack.pop()
        if isinstance(value, str):
            size += len(value) + 3
        elif isinstance(value, dict):
            size += 2 + 4 * len(value)
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            size += 2 + len(value)
            stack.extend(value)
        else:
            size += 6
    return size


def auto_engine(doc: Any, size: int | None) -> Engine:
    """The engine "auto" picks for a document of `size` bytes (None: not known, estimated)."""
    if "jsonschema_rs" in sys.modules:
        return "fast"
    left = AUTO_PYTHON_MAX_BYTES - _spent[0]
    if size is None:
        size = estimated_size(doc, left)
    if size > left:
        return "fast"
    _spent[0] += size
    return "python"


def schema_problems(
    doc: Any, shape: str, engine: Engine = "auto", *, size: int | None = None
) -> Iterator[Problem]:
    """Schema violations as problems whose rule is `schema:<keyword>` (`schema:pattern`).

    `size` is the document's size in bytes as received, when the caller has it:
    "auto" chooses its engine by it.
    """
    if engine == "auto":
        engine = auto_engine(doc, size)
    if engine == "python":
        try:
            errors = _python(shape).errors(doc)
        except RecursionError:  # nested deeper than any event: jsonschema-rs's stack is larger
            engine = "fast"
        else:
            for path, keyword, message in errors:
                yield Problem(pointer(*path), f"schema:{keyword}", message)
            return
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
