"""The table of every schema on the schema reference index (`schema-list.md`)."""

from __future__ import annotations

from ._markdown import cell, field_code, rel
from ._sources import load_schema, schema_names, schema_page_uri, schema_raw_uri

# Included by docs/schemas/index.md; links are relative to it.
PAGE = "schemas/index.md"


def render() -> str:
    out = ["| Schema | Describes | Raw file |", "|---|---|---|"]
    for name in schema_names():
        schema = load_schema(name)
        out.append(
            f"| [{cell(schema.get('title', name))}]({rel(PAGE, schema_page_uri(name))}) "
            f"| {cell(schema.get('description', ''))} "
            f"| [{field_code(name + '.schema.json')}]({rel(PAGE, schema_raw_uri(name))}) |"
        )
    return "\n".join(out) + "\n"


def build() -> dict[str, str]:
    return {"schema-list.md": render()}
