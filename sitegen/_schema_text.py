"""Readable text for JSON Schema nodes: types, constraints and field tables.

Links are written relative to the page the text ends up on (`page`), so the same schema can be
described on its own reference page and on a topic page.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import Any

import yaml

from ._markdown import cell, field_code, html, rel, value_code
from ._sources import (
    REPO,
    SCHEMA_SUFFIX,
    load_schema,
    schema_name_from_path,
    schema_page_uri,
    schema_raw_uri,
    schema_title,
)

# The sources of each field description: schema file -> JSON pointer -> ids in docs/sources.yml.
FIELD_SOURCES = REPO / "docs" / "field-sources.yml"


@cache
def field_sources() -> dict[str, dict[str, list[str]]]:
    loaded = yaml.safe_load(FIELD_SOURCES.read_text(encoding="utf-8"))
    return loaded if isinstance(loaded, dict) else {}


@cache
def pointer_index(name: str) -> dict[int, str]:
    """The JSON pointer of every object node in a schema, by the node's identity.

    Field rows hold the schema's own (cached) node objects, so a row finds where its
    description lives, and with it the description's sources, without tracking paths.
    """
    index: dict[int, str] = {}
    stack: list[tuple[Any, str]] = [(load_schema(name), "")]
    while stack:
        node, pointer = stack.pop()
        if isinstance(node, dict):
            index[id(node)] = pointer
            for key, value in node.items():
                escaped = str(key).replace("~", "~0").replace("/", "~1")
                stack.append((value, f"{pointer}/{escaped}"))
        elif isinstance(node, list):
            stack.extend((value, f"{pointer}/{i}") for i, value in enumerate(node))
    return index


def source_markers(name: str, *nodes: Any) -> str:
    """`[src:id]` markers for the first of `nodes` whose description has sources listed."""
    listed = field_sources().get(f"{name}{SCHEMA_SUFFIX}", {})
    index = pointer_index(name)
    for node in nodes:
        ids = listed.get(index.get(id(node), ""), [])
        if ids:
            return ", ".join(f"[src:{source_id}]" for source_id in ids)
    return ""


# A nested object deeper than this is not expanded further in a field table.
MAX_EXPANSION_DEPTH = 6

CONSTRAINT_KEYS = (
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "format",
)


def resolve_local(root: dict[str, Any], pointer: str) -> Any:
    """The node at a JSON pointer (`#/$defs/Record` or `/$defs/Record`) inside `root`."""
    node: Any = root
    for part in pointer.removeprefix("#").removeprefix("/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def deref(node: Any, root: dict[str, Any]) -> Any:
    """Follow a local `$ref` (within the same schema); other nodes are returned as they are."""
    for _ in range(8):
        if not (isinstance(node, dict) and str(node.get("$ref", "")).startswith("#/")):
            break
        node = resolve_local(root, node["$ref"])
    return node


def ref_link(page: str, ref: str, current: str) -> str:
    """Markdown for a `$ref`: a link to the schema page, and to the definition's section."""
    target, _, fragment = ref.partition("#")
    name = schema_name_from_path(target) if target else current
    if not (REPO / schema_raw_uri(name)).is_file():
        return f"`{ref}`"
    anchor, label = "", schema_title(name)
    if fragment.strip("/"):
        parts = fragment.strip("/").split("/")
        try:
            node = resolve_local(load_schema(name), fragment)
        except (KeyError, IndexError, TypeError):
            return f"`{ref}`"
        label = str(node.get("title") or parts[-1]) if isinstance(node, dict) else parts[-1]
        if parts[0] == "$defs" and len(parts) > 1:
            anchor = "#def-" + parts[1].lower()
        if name != current:
            label = f"{schema_title(name)}: {label}"
    return f"[{cell(label)}]({rel(page, schema_page_uri(name))}{anchor})"


def type_text(node: Any, page: str, current: str) -> str:
    """A short, readable type for one schema node."""
    if node is True or node == {}:
        return "any"
    if node is False:
        return "nothing"
    if "$ref" in node:
        return ref_link(page, node["$ref"], current)
    if "const" in node:
        return value_code(node["const"])
    if "enum" in node:
        return ", ".join(value_code(v) for v in node["enum"])
    for key in ("oneOf", "anyOf"):
        if key in node:
            alts = [type_text(alt, page, current) for alt in node[key]]
            return (" or " if key == "anyOf" else " \\| ").join(alts)
    types = node.get("type")
    if isinstance(types, list):
        return " or ".join(type_text({**node, "type": t}, page, current) for t in types)
    if types == "array":
        items = node.get("items")
        inner = type_text(items, page, current) if isinstance(items, dict) else "any"
        return f"array of {inner}"
    if types == "object" or "properties" in node or "additionalProperties" in node:
        extra = node.get("additionalProperties")
        if isinstance(extra, dict) and not node.get("properties"):
            return f"map of {type_text(extra, page, current)}"
        return "object"
    if types:
        fmt = f" ({node['format']})" if "format" in node else ""
        return f"{types}{fmt}"
    if "allOf" in node:
        return " and ".join(type_text(alt, page, current) for alt in node["allOf"])
    return "any"


def constraints_text(node: Any) -> str:
    """The validation keywords of a node, one per line."""
    if not isinstance(node, dict):
        return ""
    parts = []
    for key in CONSTRAINT_KEYS:
        if key in node:
            value = node[key]
            parts.append(
                f"pattern <code>{html(value)}</code>" if key == "pattern" else f"{key} `{value}`"
            )
    if "default" in node:
        parts.append(f"default `{json.dumps(node['default'])}`")
    if node.get("examples"):
        shown = ", ".join(f"`{json.dumps(v)}`" for v in node["examples"][:2])
        parts.append(f"e.g. {shown}")
    return "<br>".join(parts)


def property_rows(
    node: Any, root: dict[str, Any], prefix: str, expand_local: bool, depth: int = 0
) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """(dotted path, schema node, required) for every property, nested objects expanded.

    With `expand_local`, properties that `$ref` a local definition are expanded in place (the
    field reference on a topic page); without it they link to the definition's own section.
    """
    if depth > MAX_EXPANSION_DEPTH or not isinstance(node, dict):
        return
    required = set(node.get("required", []))
    for name, prop in (node.get("properties") or {}).items():
        path = f"{prefix}{name}"
        yield path, prop if isinstance(prop, dict) else {}, name in required
        target = deref(prop, root) if expand_local else prop
        if (
            isinstance(target, dict)
            and target.get("type") == "array"
            and isinstance(target.get("items"), dict)
        ):
            target = deref(target["items"], root) if expand_local else target["items"]
            path += "[]"
        if isinstance(target, dict) and "properties" in target:
            yield from property_rows(target, root, f"{path}.", expand_local, depth + 1)
    items = node.get("items")
    if not node.get("properties") and isinstance(items, dict) and "properties" in items:
        yield from property_rows(items, root, f"{prefix}[].", expand_local, depth + 1)


def fields_table(
    node: Any, root: dict[str, Any], page: str, current: str, expand_local: bool = False
) -> str:
    """A Markdown table: field, type, required, title and description (empty without fields)."""
    rows = list(property_rows(node, root, "", expand_local))
    if not rows:
        return ""
    out = ["| Field | Type | Required | Description |", "|---|---|---|---|"]
    for path, prop, required in rows:
        described = prop
        if not (prop.get("title") or prop.get("description")):
            target = deref(prop, root)
            described = target if isinstance(target, dict) else prop
        title = cell(described.get("title", ""))
        desc = cell(described.get("description", ""))
        text = f"**{title}.** {desc}" if title and desc else (title or desc)
        markers = source_markers(current, prop, described)
        if markers:
            text = f"{text} {markers}"
        constraints = constraints_text(prop)
        if constraints:
            text = f"{text}<br><small>{constraints}</small>"
        kind = type_text(prop, page, current)
        out.append(f"| {field_code(path)} | {kind} | {'yes' if required else 'no'} | {text} |")
    return "\n".join(out) + "\n"
