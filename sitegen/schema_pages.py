"""One reference page per schema (`schemas/<schema>.md`), published at `/schemas/<schema>/`."""

from __future__ import annotations

import posixpath

from ._markdown import rel
from ._schema_text import constraints_text, fields_table, type_text
from ._sources import fixtures, load_schema, schema_names, schema_page_uri, schema_raw_uri


def render(name: str) -> str:
    page = schema_page_uri(name)
    schema = load_schema(name)
    raw = schema_raw_uri(name)
    out = [f"# {schema.get('title') or name}\n"]
    if schema.get("description"):
        out.append(f"{schema['description']}\n")
    out.append(
        f"[:material-download: Download `{name}.schema.json`]({rel(page, raw)}){{ .md-button }}\n"
    )
    out.append("| Key | Value |\n|---|---|")
    out.append(f"| `$id` | `{schema.get('$id', '—')}` |")
    out.append(f"| `$schema` | `{schema.get('$schema', '—')}` |")
    out.append(f"| Type | {type_text(schema, page, name)} |")
    conforming = [f for f in fixtures() if f.schema == raw]
    if conforming:
        links = ", ".join(
            f"[`{posixpath.basename(f.path)}`]({rel(page, f.path)})" for f in conforming
        )
        out.append(f"| Fixtures | {links} |")
    out.append("")
    if "$ref" in schema and not schema.get("properties"):
        out.append(f"The document is {type_text(schema, page, name)}.\n")
    table = fields_table(schema, schema, page, name)
    if table:
        out.append("## Properties\n")
        out.append(table)
    elif schema.get("oneOf") or schema.get("anyOf"):
        out.append("## Alternatives\n")
        for i, alt in enumerate(schema.get("oneOf") or schema.get("anyOf") or [], 1):
            out.append(f"### {alt.get('title') or f'Alternative {i}'}\n")
            if alt.get("description"):
                out.append(f"{alt['description']}\n")
            out.append(f"Type: {type_text(alt, page, name)}\n")
            sub = fields_table(alt, schema, page, name)
            if sub:
                out.append(sub)
    defs = schema.get("$defs") or {}
    if defs:
        out.append("## Definitions\n")
        for def_name, node in defs.items():
            out.append(f"### {node.get('title') or def_name} {{ #def-{def_name.lower()} }}\n")
            out.append(f"`#/$defs/{def_name}` · {type_text(node, page, name)}\n")
            if node.get("description"):
                out.append(f"{node['description']}\n")
            constraints = constraints_text(node)
            if constraints:
                out.append(f"<small>{constraints}</small>\n")
            sub = fields_table(node, schema, page, name)
            if sub:
                out.append(sub)
    out.append("## Raw schema\n")
    out.append(f'??? example "`{raw}`"\n')
    out.append(f'    ``` json title="{raw}"')
    out.append(f'    --8<-- "{raw}"')
    out.append("    ```\n")
    return "\n".join(out)


def build() -> dict[str, str]:
    return {f"schemas/{name}.md": render(name) for name in schema_names()}
