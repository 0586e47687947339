"""Field reference tables, one per schema, for topic pages (`fields/<schema>.md`).

Generated from each property's `title` and `description`, so a page's field reference cannot
drift from the schema. Local `$ref`s are expanded in place; links point at the schema pages.
"""

from __future__ import annotations

from ._markdown import cell, rel
from ._schema_text import fields_table, resolve_local
from ._sources import (
    load_schema,
    schema_name_from_path,
    schema_names,
    schema_page_uri,
    schema_raw_uri,
    schema_title,
)

# Topic pages live at the top of the site; links in these tables are relative to it.
PAGE = "index.md"


def render(name: str) -> str | None:
    """The schema's field table, or None for a schema without properties to list."""
    root = load_schema(name)
    current, node = name, root
    ref = root.get("$ref")
    if isinstance(ref, str) and not root.get("properties"):
        target, _, fragment = ref.partition("#")
        if target:
            current = schema_name_from_path(target)
            root = load_schema(current)
        node = resolve_local(root, fragment) if fragment.strip("/") else root
    table = fields_table(node, root, PAGE, current, expand_local=True)
    if not table:
        return None
    source = f"[{cell(schema_title(current))}]({rel(PAGE, schema_page_uri(current))})"
    raw = f"[`{schema_raw_uri(current)}`]({rel(PAGE, schema_raw_uri(current))})"
    return (
        f"{table}\n<small>Generated from the titles and descriptions in {source} ({raw}).</small>\n"
    )


def build() -> dict[str, str]:
    tables = {name: render(name) for name in schema_names()}
    return {f"fields/{name}.md": text for name, text in tables.items() if text}
