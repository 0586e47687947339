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

from collections.abc import Iterator, Mapping
from functools import cache

from ..values import Value
from .problems import Problem, pointer
from .schemas import bundled_schema_for

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeAlias

    Schema: TypeAlias = Mapping[str, Any]


def _by_id(bundle: Schema) -> dict[str, Schema]:
    """Every schema resource in a single-file bundle, by `$id`: the root and what it embeds."""
    embedded = bundle.get("$defs", {}).values()
    return {
        bundle["$id"]: bundle,
        **{d["$id"]: d for d in embedded if isinstance(d, Mapping) and "$id" in d},
    }


def join_reference(base: str, target: str) -> str:
    """`urllib.parse.urljoin(base, target)`, for a `$ref` to another schema.

    The project's schemas name one another by file name (`stream-record.schema.json`),
    which is the base URL's folder plus that name; `urllib.parse` (with `ipaddress`)
    would cost a command's start more than its schema walk, so it is imported only for
    any other kind of reference.
    """
    folder_end = base.rfind("/")
    simple = (
        "://" in base
        and folder_end > base.index("://") + 2  # the URL has a path after its host
        and "?" not in base
        and "#" not in base
        and target not in (".", "..")
        and not any(c in target for c in "/:?#")
    )
    if simple:
        return base[: folder_end + 1] + target
    from urllib.parse import urljoin

    return urljoin(base, target)


def _resolve(schema: Schema, base: str, ids: dict[str, Schema]) -> tuple[Schema, str]:
    """Follow `$ref`s (to this or another project schema) to the schema that says what to expect."""
    seen = 0
    while "$ref" in schema and seen < 32:
        seen += 1
        target, _, fragment = schema["$ref"].partition("#")
        if target:
            base = join_reference(base, target)
        node: Any = ids[base]
        for part in filter(None, fragment.split("/")):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        schema = node
    return schema, base


def _object_branch(schema: Schema, base: str, ids: dict[str, Schema]) -> tuple[Schema, str] | None:
    """The first `anyOf` branch that describes an object with listed properties."""
    for branch in schema.get("anyOf", ()):
        resolved, where = _resolve(branch, base, ids)
        if "properties" in resolved:
            return resolved, where
    return None


class _Node(Value, frozen=False):
    """What the schema expects at one place: the fields of an object, the items of an array."""

    title: str = "this object"
    fields: dict[str, _Node] | None = None  # None: fields are not judged here
    items: _Node | None = None
    nested: tuple[tuple[str, _Node], ...] = ()  # the fields whose values are walked too


def _compile(schema: Schema, base: str, seen: dict[int, _Node], ids: dict[str, Schema]) -> _Node:
    """The schema as a tree of `_Node`s, built once per shape so a walk is only dict lookups."""
    schema, base = _resolve(schema, base, ids)
    if id(schema) in seen:
        return seen[id(schema)]
    node = _Node()
    seen[id(schema)] = node
    target: Schema | None = schema if "properties" in schema else None
    if target is None:
        branch = _object_branch(schema, base, ids)
        target, base = branch if branch else (None, base)
    if target is not None and "additionalProperties" not in target:
        node.title = target.get("title", node.title)
        node.fields = {
            name: _compile(sub, base, seen, ids) for name, sub in target["properties"].items()
        }
    items = schema.get("items")
    if isinstance(items, Mapping):
        node.items = _compile(items, base, seen, ids)
    return node


def _link(node: _Node, done: set[int]) -> None:
    """Fill each node's `nested` once the tree is whole (a field's node may be its ancestor)."""
    if id(node) in done:
        return
    done.add(id(node))
    children = (node.fields or {}).items()
    node.nested = tuple((name, child) for name, child in children if _walked(child))
    for child in [*(node.fields or {}).values(), *([node.items] if node.items else [])]:
        _link(child, done)


def _walked(node: _Node) -> bool:
    return node.fields is not None or node.items is not None


@cache
def _tree(shape: str) -> _Node:
    # The shape's single-file bundle: one file read, where the schemas are eleven.
    schema = bundled_schema_for(shape)
    tree = _compile(schema, schema["$id"], {}, _by_id(schema))
    _link(tree, set())
    return tree


def _walk(instance: Any, node: _Node, where: tuple[str | int, ...], out: list[Problem]) -> None:
    """Append a problem for each unlisted field at or below `instance`, in document order.

    A plain recursive function filling one list: a 10,000-record batch makes
    20,000 calls here, and generators chained with `yield from` cost twice as much.
    """
    if isinstance(instance, dict):
        known = node.fields
        if known is None:
            return
        if instance.keys() <= known.keys():  # the common case, judged in C
            _walk_fields(instance, node, where, out)
            return
        for name, value in instance.items():
            child = known.get(name)
            if child is not None:
                if _walked(child):
                    _walk(value, child, (*where, name), out)
                continue
            import difflib  # only for a field the schema does not list

            close = difflib.get_close_matches(name, list(known), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            out.append(
                Problem(
                    pointer(*where, name),
                    "unknown-field",
                    f"{name!r} is not a field of {node.title}{hint}; a field AWS added since, "
                    "or a misspelling",
                    "warning",
                )
            )
    elif isinstance(instance, list) and node.items is not None:
        items = node.items
        known = items.fields
        for i, item in enumerate(instance):
            # A listed item (a batch's records) whose fields are all known, judged here:
            # ten thousand calls fewer for a full batch.
            if known is not None and type(item) is dict and item.keys() <= known.keys():
                _walk_fields(item, items, (*where, i), out)
            else:
                _walk(item, items, (*where, i), out)


def _walk_fields(
    instance: dict[str, Any], node: _Node, where: tuple[str | int, ...], out: list[Problem]
) -> None:
    """An object whose fields the schema all lists: only the fields with structure are walked."""
    for name, nested in node.nested:
        value = instance.get(name)
        if value is not None:
            _walk(value, nested, (*where, name), out)


def unknown_field_problems(doc: Any, shape: str) -> Iterator[Problem]:
    """A warning for each field of `doc` its shape's schema does not list."""
    out: list[Problem] = []
    _walk(doc, _tree(shape), (), out)
    return iter(out)
