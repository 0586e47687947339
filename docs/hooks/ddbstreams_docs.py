"""MkDocs hooks that build the generated parts of the docs site.

Everything here reads the repository's own sources at build time, so nothing is typed twice:

- the raw fixtures (`events/**.json`) and schemas (`schemas/*.schema.json`) are added to the
  build as static files, published at `/events/...` and `/schemas/...`; links to them are
  therefore checked by `mkdocs build --strict` like any other link;
- one reference page per schema (`schemas/<name>.md`, virtual) and the nav entries for them;
- Markdown placeholders, expanded in `on_page_markdown`:

  `<!-- ddbstreams:catalogue -->`                   fixture catalogue from events/index.json
  `<!-- ddbstreams:fields SCHEMA [PROPERTY] -->`     field table from a schema's titles/descriptions
  `<!-- ddbstreams:size-example FIXTURE -->`         SizeBytes worked through with ddbstreams.size
  `<!-- ddbstreams:examples SHAPE -->`               code tabs, one per language, from examples/
  `<!-- ddbstreams:fixtures SHAPE -->`               list of the fixtures of one shape
  `<!-- ddbstreams:schema-list -->`                  the list of schemas (schema reference index)

An unknown placeholder, a missing file or a SizeBytes that does not add up fails the build.
"""

from __future__ import annotations

import json
import logging
import posixpath
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.ddbstreams")

# The repository root: the folder of mkdocs.yml (set again in on_config from the real config).
REPO = Path(__file__).resolve().parents[2]
EVENTS = "events"
SCHEMAS = "schemas"
INDEX = f"{EVENTS}/index.json"
SCHEMA_PAGES_DIR = "schemas"  # docs/schemas/index.md + one virtual page per schema

MARKER = re.compile(
    r"^<!--\s*ddbstreams:(?P<name>[a-z-]+)(?P<args>(?:\s+[^\s>]+)*)\s*-->\s*$", re.M
)

# Language tabs: order, label, highlight language. The label is what links tabs across pages.
LANGUAGES: list[tuple[str, str, str]] = [
    ("python", "Python", "python"),
    ("typescript", "TypeScript", "typescript"),
    ("go", "Go", "go"),
    ("java", "Java", "java"),
    ("rust", "Rust", "rust"),
    ("ruby", "Ruby", "ruby"),
]
HIGHLIGHT = {
    ".py": "python",
    ".ts": "typescript",
    ".go": "go",
    ".java": "java",
    ".rs": "rust",
    ".rb": "ruby",
}

# Used only for a language whose examples/<language>/runner.json does not exist yet.
# Each entry: (file under examples/<language>/, tab label, shapes it accepts).
FALLBACK_SOURCES: dict[str, list[tuple[str, str, list[str]]]] = {
    "python": [
        ("powertools_batch_handler.py", "Powertools BatchProcessor", ["stream", "pipes"]),
        ("powertools_parser_handler.py", "Powertools parser", ["stream", "pipes"]),
        ("plain_handler.py", "Standard library", ["stream", "pipes"]),
        ("chalice_app.py", "Chalice", ["stream"]),
        ("boto3_deserializer_handler.py", "boto3 TypeDeserializer", ["stream"]),
        ("tumbling_window_handler.py", "Standard library", ["tumbling-window"]),
    ],
    "go": [
        ("stream_handler.go", "aws-lambda-go", ["stream", "pipes"]),
        ("window_handler.go", "aws-lambda-go", ["tumbling-window"]),
    ],
    "typescript": [
        ("src/stream-handler.ts", "@types/aws-lambda", ["stream", "pipes"]),
        ("src/window-handler.ts", "@types/aws-lambda", ["tumbling-window"]),
    ],
    "java": [
        ("src/main/java/example/StreamHandler.java", "aws-lambda-java-events", ["stream", "pipes"]),
        ("src/main/java/example/WindowHandler.java", "aws-lambda-java-events", ["tumbling-window"]),
    ],
    "rust": [
        ("src/stream_handler.rs", "aws_lambda_events", ["stream", "pipes"]),
        ("src/window_handler.rs", "aws_lambda_events", ["tumbling-window"]),
    ],
    "ruby": [
        ("stream_handler.rb", "Plain Hash", ["stream", "pipes"]),
        ("window_handler.rb", "Plain Hash", ["tumbling-window"]),
    ],
}

SHAPE_TITLES = {
    "stream": "Stream events (event source mapping)",
    "batch-response": "Function responses",
    "tumbling-window": "Tumbling-window events",
    "tumbling-window-response": "Tumbling-window responses",
    "failure-destination": "On-failure destination records",
    "failure-destination-s3": "On-failure destination records (S3)",
    "kinesis": "Kinesis Data Streams events",
    "kinesis-change-record": "Kinesis change records (decoded data)",
    "pipes": "EventBridge Pipes",
}

# ---------------------------------------------------------------------------- sources


def _read_json(rel: str) -> Any:
    path = REPO / rel
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise PluginError(f"ddbstreams docs: {rel} does not exist") from exc
    except json.JSONDecodeError as exc:
        raise PluginError(f"ddbstreams docs: {rel} is not valid JSON: {exc}") from exc


def fixture_index() -> list[dict[str, Any]]:
    """events/index.json, every entry checked to point at existing files."""
    if not (REPO / INDEX).is_file():
        log.warning("ddbstreams docs: %s does not exist yet; the catalogue is empty", INDEX)
        return []
    entries = _read_json(INDEX)
    if not isinstance(entries, list):
        raise PluginError(f"ddbstreams docs: {INDEX} must be a JSON array")
    for entry in entries:
        for key in ("path", "schema"):
            if key in entry and entry[key] and not (REPO / entry[key]).is_file():
                raise PluginError(
                    f"ddbstreams docs: {INDEX} names {entry[key]!r}, which does not exist"
                )
    return entries


def schema_names() -> list[str]:
    return sorted(
        p.name.removesuffix(".schema.json") for p in (REPO / SCHEMAS).glob("*.schema.json")
    )


def load_schema(name: str) -> dict[str, Any]:
    schema = _read_json(f"{SCHEMAS}/{name}.schema.json")
    if not isinstance(schema, dict):
        raise PluginError(f"ddbstreams docs: {name}.schema.json is not an object")
    return schema


def schema_title(name: str) -> str:
    return str(load_schema(name).get("title") or name)


def _size_module() -> Any:
    generators = str(REPO / "generators")
    if generators not in sys.path:
        sys.path.insert(0, generators)
    import ddbstreams.size

    return ddbstreams.size


# ---------------------------------------------------------------------------- links


def rel(page_src_uri: str, target_src_uri: str) -> str:
    """A Markdown link target from one docs file to another (MkDocs resolves and checks it)."""
    return posixpath.relpath(target_src_uri, posixpath.dirname(page_src_uri) or ".")


def schema_page_uri(name: str) -> str:
    return f"{SCHEMA_PAGES_DIR}/{name}.md"


def schema_raw_uri(name: str) -> str:
    return f"{SCHEMAS}/{name}.schema.json"


def schema_name_from_path(path: str) -> str:
    return posixpath.basename(path).removesuffix(".schema.json")


def _md_escape(text: str) -> str:
    """Text from a schema or the index, safe inside a Markdown table cell."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("\n", " ").strip()


def _value_code(value: Any) -> str:
    """A JSON value as code that is not broken inside a word."""
    return f'<code class="ddb-field">{_html(json.dumps(value, ensure_ascii=False))}</code>'


def _field_code(path: str) -> str:
    """A field path as code that may wrap after each dot, never inside a name."""
    parts = [_html(p) for p in path.split(".")]
    return '<code class="ddb-field">' + ".<wbr>".join(parts) + "</code>"


# ---------------------------------------------------------------------------- MkDocs events


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """List one nav entry per schema under the schema reference index."""
    global REPO
    REPO = Path(config.config_file_path).parent
    entries = [{schema_title(n): schema_page_uri(n)} for n in schema_names()]

    def visit(items: list[Any]) -> bool:
        for i, item in enumerate(items):
            if isinstance(item, dict):
                ((title, value),) = item.items()
                if value == f"{SCHEMA_PAGES_DIR}/index.md":
                    items[i] = {title: [value, *entries]}
                    return True
                if isinstance(value, list) and visit(value):
                    return True
        return False

    if config.nav and not visit(config.nav):
        raise PluginError("ddbstreams docs: mkdocs.yml nav has no schemas/index.md entry")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish the raw fixtures and schemas, and add a reference page per schema."""
    for top in (EVENTS, SCHEMAS):
        for path in sorted((REPO / top).rglob("*.json")):
            src_uri = path.relative_to(REPO).as_posix()
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    for name in schema_names():
        files.append(
            File.generated(config, schema_page_uri(name), content=render_schema_page(name))
        )
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = page.file.src_uri

    def expand(match: re.Match[str]) -> str:
        name, args = match["name"], match["args"].split()
        handler = PLACEHOLDERS.get(name)
        if handler is None:
            raise PluginError(f"ddbstreams docs: {src}: unknown placeholder ddbstreams:{name}")
        return handler(src, *args)

    return MARKER.sub(expand, markdown)


# ---------------------------------------------------------------------------- catalogue


def render_catalogue(page: str) -> str:
    entries = fixture_index()
    if not entries:
        return '!!! warning "No fixtures yet"\n    `events/index.json` was not found when the site was built.\n'
    shapes: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        shapes.setdefault(entry.get("shape", "other"), []).append(entry)
    out = [
        f"{len(entries)} fixtures, listed from `events/index.json`. "
        "Each links the raw file (download it, or `curl` it) and the schema it conforms to.\n"
    ]
    order = list(SHAPE_TITLES) + sorted(set(shapes) - set(SHAPE_TITLES))
    for shape in order:
        if shape not in shapes:
            continue
        out.append(f"## {SHAPE_TITLES.get(shape, shape)} {{ #shape-{shape} }}\n")
        out.append(f"Shape `{shape}`.\n")
        out.append("| Fixture | Description | Schema |")
        out.append("|---|---|---|")
        for entry in shapes[shape]:
            path = entry["path"]
            label = path.removeprefix(f"{EVENTS}/")
            title = _md_escape(entry.get("title", ""))
            desc = _md_escape(entry.get("description", ""))
            fixture = f"[`{label}`]({rel(page, path)})"
            if title:
                fixture = f"**{title}**<br>{fixture}"
            schema = entry.get("schema")
            if schema:
                sname = schema_name_from_path(schema)
                schema_cell = (
                    f"[{_md_escape(schema_title(sname))}]({rel(page, schema_page_uri(sname))}) "
                    f"([raw]({rel(page, schema)}))"
                )
            else:
                schema_cell = "—"
            out.append(f"| {fixture} | {desc} | {schema_cell} |")
        out.append("")
    return "\n".join(out)


def render_fixture_list(page: str, *shapes: str) -> str:
    rows = [e for e in fixture_index() if e.get("shape") in shapes]
    if not rows:
        return f"*No fixture of shape {', '.join(shapes)} yet.*\n"
    return (
        "\n".join(
            f"- [`{e['path'].removeprefix(EVENTS + '/')}`]({rel(page, e['path'])}) — "
            f"{_md_escape(e.get('description', ''))}"
            for e in rows
        )
        + "\n"
    )


# ---------------------------------------------------------------------------- schemas


def _resolve_local(root: dict[str, Any], ref: str) -> dict[str, Any]:
    node: Any = root
    for part in ref.removeprefix("#").removeprefix("/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node  # type: ignore[no-any-return]


def _ref_link(page: str, ref: str, current: str) -> str:
    """Markdown for a $ref: a link to the schema page (and the section of its definition)."""
    target, _, fragment = ref.partition("#")
    name = schema_name_from_path(target) if target else current
    if not (REPO / schema_raw_uri(name)).is_file():
        return f"`{ref}`"
    anchor, label = "", schema_title(name)
    if fragment.strip("/"):
        parts = fragment.strip("/").split("/")
        try:
            node = _resolve_local(load_schema(name), fragment)
        except (KeyError, IndexError, TypeError):
            return f"`{ref}`"
        label = str(node.get("title") or parts[-1]) if isinstance(node, dict) else parts[-1]
        if parts[0] == "$defs" and len(parts) > 1:
            anchor = "#def-" + parts[1].lower()
        if name != current:
            label = f"{schema_title(name)}: {label}"
    return f"[{_md_escape(label)}]({rel(page, schema_page_uri(name))}{anchor})"


def type_text(node: Any, page: str, current: str) -> str:
    """A short, readable type for one schema node."""
    if node is True or node == {}:
        return "any"
    if node is False:
        return "nothing"
    if "$ref" in node:
        return _ref_link(page, node["$ref"], current)
    if "const" in node:
        return _value_code(node["const"])
    if "enum" in node:
        return ", ".join(_value_code(v) for v in node["enum"])
    for key in ("oneOf", "anyOf"):
        if key in node:
            alts = [type_text(alt, page, current) for alt in node[key]]
            return (" or " if key == "anyOf" else " \\| ").join(alts)
    types = node.get("type")
    if isinstance(types, list):
        parts = [type_text({**node, "type": t}, page, current) for t in types]
        return " or ".join(parts)
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


def constraints_text(node: dict[str, Any]) -> str:
    if not isinstance(node, dict):
        return ""
    parts = []
    for key in CONSTRAINT_KEYS:
        if key in node:
            value = node[key]
            parts.append(
                f"{key} `{value}`" if key != "pattern" else f"pattern <code>{_html(value)}</code>"
            )
    if "default" in node:
        parts.append(f"default `{json.dumps(node['default'])}`")
    if node.get("examples"):
        shown = ", ".join(f"`{json.dumps(v)}`" for v in node["examples"][:2])
        parts.append(f"e.g. {shown}")
    return "<br>".join(parts)


def _html(text: str) -> str:
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "&#124;")
    )


def _deref(node: Any, root: dict[str, Any]) -> Any:
    """Follow a local `$ref` (within the same schema); other nodes are returned as they are."""
    seen = 0
    while isinstance(node, dict) and str(node.get("$ref", "")).startswith("#/") and seen < 8:
        node = _resolve_local(root, node["$ref"].removeprefix("#"))
        seen += 1
    return node


def property_rows(
    node: dict[str, Any], root: dict[str, Any], prefix: str, expand_local: bool, depth: int = 0
) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """(dotted path, schema node, required) for every property, nested objects expanded.

    With `expand_local`, properties that `$ref` a local definition are expanded in place (the
    field reference on a page); without it they link to the definition's own section.
    """
    if depth > 6 or not isinstance(node, dict):
        return
    required = set(node.get("required", []))
    for name, prop in (node.get("properties") or {}).items():
        path = f"{prefix}{name}"
        yield path, prop, name in required
        target = _deref(prop, root) if expand_local else prop
        if (
            isinstance(target, dict)
            and target.get("type") == "array"
            and isinstance(target.get("items"), dict)
        ):
            target = _deref(target["items"], root) if expand_local else target["items"]
            path += "[]"
        if isinstance(target, dict) and "properties" in target:
            yield from property_rows(target, root, f"{path}.", expand_local, depth + 1)
    items = node.get("items")
    if not node.get("properties") and isinstance(items, dict) and "properties" in items:
        yield from property_rows(items, root, f"{prefix}[].", expand_local, depth + 1)


def fields_table(
    node: dict[str, Any],
    root: dict[str, Any],
    page: str,
    current: str,
    prefix: str = "",
    expand_local: bool = False,
) -> str:
    rows = list(property_rows(node, root, prefix, expand_local))
    if not rows:
        return ""
    out = ["| Field | Type | Required | Description |", "|---|---|---|---|"]
    for path, prop, required in rows:
        prop = prop if isinstance(prop, dict) else {}
        described = prop
        if not (prop.get("title") or prop.get("description")):
            described = _deref(prop, root) if isinstance(_deref(prop, root), dict) else prop
        title = _md_escape(described.get("title", ""))
        desc = _md_escape(described.get("description", ""))
        text = f"**{title}.** {desc}" if title and desc else (title or desc)
        cons = constraints_text(prop)
        if cons:
            text = f"{text}<br><small>{cons}</small>"
        out.append(
            f"| {_field_code(path)} | {type_text(prop, page, current)} | {'yes' if required else 'no'} | {text} |"
        )
    return "\n".join(out) + "\n"


def render_fields(page: str, schema_path: str, pointer: str = "") -> str:
    """The field reference of one schema (optionally of one sub-node, e.g. `#/properties/Records/items`)."""
    name = schema_name_from_path(schema_path)
    root = load_schema(name)
    node = _resolve_local(root, pointer) if pointer else root
    if "$ref" in node and not node.get("properties"):
        ref = node["$ref"]
        if ref.startswith("#"):
            node = _resolve_local(root, ref.removeprefix("#"))
        else:
            name = schema_name_from_path(ref.partition("#")[0])
            root = load_schema(name)
            node = _resolve_local(root, ref.partition("#")[2]) if "#/" in ref else root
    table = fields_table(node, root, page, name, expand_local=True)
    source = f"[{_md_escape(schema_title(name))}]({rel(page, schema_page_uri(name))})"
    raw = f"[`{schema_raw_uri(name)}`]({rel(page, schema_raw_uri(name))})"
    return (
        f"{table}\n<small>Generated at build time from the titles and descriptions in "
        f"{source} ({raw}).</small>\n"
    )


def render_schema_page(name: str) -> str:
    page = schema_page_uri(name)
    schema = load_schema(name)
    raw = schema_raw_uri(name)
    title = schema.get("title") or name
    out = [f"# {title}\n"]
    if schema.get("description"):
        out.append(f"{schema['description']}\n")
    out.append(
        f"[:material-download: Download `{name}.schema.json`]({rel(page, raw)}){{ .md-button }}\n"
    )
    out.append("| Key | Value |\n|---|---|")
    out.append(f"| `$id` | `{schema.get('$id', '—')}` |")
    out.append(f"| `$schema` | `{schema.get('$schema', '—')}` |")
    out.append(f"| Type | {type_text(schema, page, name)} |")
    fixtures = [
        e for e in fixture_index() if e.get("schema") and schema_name_from_path(e["schema"]) == name
    ]
    if fixtures:
        links = ", ".join(
            f"[`{posixpath.basename(e['path'])}`]({rel(page, e['path'])})" for e in fixtures
        )
        out.append(f"| Fixtures | {links} |")
    out.append("")
    body = schema
    if "$ref" in schema and not schema.get("properties"):
        out.append(f"The document is {type_text(schema, page, name)}.\n")
    table = fields_table(body, schema, page, name)
    if table:
        out.append("## Properties\n")
        out.append(table)
    elif schema.get("oneOf") or schema.get("anyOf"):
        out.append("## Alternatives\n")
        for i, alt in enumerate(schema.get("oneOf") or schema.get("anyOf") or [], 1):
            label = alt.get("title") or f"Alternative {i}"
            out.append(f"### {label}\n")
            if alt.get("description"):
                out.append(f"{alt['description']}\n")
            out.append(f"Type: {type_text(alt, page, name)}\n")
            sub = fields_table(alt, schema, page, name)
            if sub:
                out.append(sub)
    defs = schema.get("$defs") or {}
    if defs:
        out.append("## Definitions\n")
        for dname, dnode in defs.items():
            out.append(f"### {dnode.get('title') or dname} {{ #def-{dname.lower()} }}\n")
            out.append(f"`#/$defs/{dname}` · {type_text(dnode, page, name)}\n")
            if dnode.get("description"):
                out.append(f"{dnode['description']}\n")
            cons = constraints_text(dnode)
            if cons:
                out.append(f"<small>{cons}</small>\n")
            sub = fields_table(dnode, schema, page, name)
            if sub:
                out.append(sub)
    out.append("## Raw schema\n")
    out.append(f'??? example "`{raw}`"\n')
    out.append(f'    ``` json title="{raw}"')
    out.append(f'    --8<-- "{raw}"')
    out.append("    ```\n")
    return "\n".join(out)


def render_schema_list(page: str) -> str:
    names = schema_names()
    if not names:
        return '!!! warning "No schemas yet"\n    `schemas/` was empty when the site was built.\n'
    out = ["| Schema | Describes | Raw file |", "|---|---|---|"]
    for name in names:
        schema = load_schema(name)
        out.append(
            f"| [{_md_escape(schema.get('title', name))}]({rel(page, schema_page_uri(name))}) "
            f"| {_md_escape(schema.get('description', ''))} "
            f"| [{_field_code(name + '.schema.json')}]({rel(page, schema_raw_uri(name))}) |"
        )
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------- item size


def render_size_example(page: str, fixture: str) -> str:
    size = _size_module()
    event = _read_json(fixture)
    records = event["Records"] if isinstance(event, dict) else event
    out = [
        f"Worked through on [`{fixture}`]({rel(page, fixture)}); every number below is computed at "
        "build time by the generator's own `ddbstreams.size.item_size` and `attribute_size`, and the "
        "totals are checked against the fixture's `SizeBytes`.\n"
    ]
    for record in records:
        ddb = record["dynamodb"]
        out.append(
            f"**{record['eventName']}**, sequence number `{ddb['SequenceNumber']}`, "
            f"`SizeBytes` = **{ddb['SizeBytes']}**\n"
        )
        out.append("| Part | Attribute | Value | Name bytes | Value bytes | Subtotal |")
        out.append("|---|---|---|--:|--:|--:|")
        total = 0
        for part in ("Keys", "NewImage", "OldImage"):
            item = ddb.get(part)
            if not item:
                continue
            for attr, value in item.items():
                name_bytes = len(attr.encode("utf-8"))
                value_bytes = size.attribute_size(value)
                shown = json.dumps(value, ensure_ascii=False)
                if len(shown) > 48:
                    shown = shown[:45] + "…"
                out.append(
                    f"| {part} | `{attr}` | `{_md_escape(shown)}` | {name_bytes} | {value_bytes} "
                    f"| {name_bytes + value_bytes} |"
                )
            part_total = size.item_size(item)
            total += part_total
            out.append(f"| **{part}** | | | | | **{part_total}** |")
        out.append(f"| **Total** | | | | | **{total}** |")
        out.append("")
        if total != ddb["SizeBytes"]:
            raise PluginError(
                f"ddbstreams docs: {fixture}: computed size {total} != SizeBytes {ddb['SizeBytes']}"
            )
    return "\n".join(out)


# ---------------------------------------------------------------------------- code examples


def example_sources(language: str) -> list[dict[str, Any]]:
    """Handlers of one language: examples/<language>/runner.json, or the known file names."""
    folder = REPO / "examples" / language
    runner = folder / "runner.json"
    if runner.is_file():
        spec = json.loads(runner.read_text(encoding="utf-8"))
        return [
            {
                "name": h.get("name", h["source"]),
                "library": h.get("library", ""),
                "shapes": h.get("shapes", []),
                "source": f"examples/{language}/{h['source']}",
            }
            for h in spec.get("handlers", [])
            if h.get("source")
        ]
    found = []
    for source, label, shapes in FALLBACK_SOURCES.get(language, []):
        if (folder / source).is_file():
            found.append(
                {
                    "name": source,
                    "library": label,
                    "shapes": shapes,
                    "source": f"examples/{language}/{source}",
                }
            )
    return found


def render_examples(page: str, *shapes: str) -> str:
    wanted = set(shapes)
    out: list[str] = []
    for language, label, _ in LANGUAGES:
        handlers = [
            h for h in example_sources(language) if (not wanted or wanted & set(h["shapes"]))
        ]
        # One file can hold several handlers (e.g. stream and pipes): show it once.
        unique: list[dict[str, Any]] = []
        for h in handlers:
            if h["source"] not in {u["source"] for u in unique}:
                unique.append(h)
        if not unique:
            continue
        out.append(f'=== "{label}"\n')
        nested = len(unique) > 1
        for h in unique:
            indent = "        " if nested else "    "
            if nested:
                # "aws-lambda-powertools parser (DynamoDBStreamModel, pydantic)" -> the part before "("
                tab = h["library"].split(" (")[0] or posixpath.basename(h["source"])
                out.append(f'    === "{tab}"\n')
            lang = HIGHLIGHT.get(Path(h["source"]).suffix, "text")
            if h["library"] and not nested:
                out.append(f"{indent}Library: `{h['library']}`\n")
            out.append(f'{indent}``` {lang} title="{h["source"]}"')
            out.append(f'{indent}--8<-- "{h["source"]}"')
            out.append(f"{indent}```\n")
    if not out:
        return "*No example handler for this shape yet.*\n"
    return "\n".join(out)


# ---------------------------------------------------------------------------- generator commands

# How the console script names one fixture (`Fixture.name`: its path under events/ without .json).
GENERATE_COMMAND = "ddbstreams generate {name}"
SAM_EQUIVALENT = "dynamodb/dynamodb"
SAM_COMMAND = "ddbstreams generate dynamodb update --region eu-west-1 --table Orders"


def render_generate_commands(page: str) -> str:
    entries = [
        e for e in fixture_index() if e.get("shape") in ("stream", "pipes", "tumbling-window")
    ]
    out = [
        "``` bash",
        "# the SAM template's equivalent, with your own names",
        SAM_COMMAND,
        "# rewrite every fixture in events/ (what `nox -s generate` runs)",
        "python -m ddbstreams.generate",
        "```\n",
        '???+ note "The command for every variant"\n',
        "    | Variant | Command |",
        "    |---|---|",
    ]
    for e in entries:
        name = e.get("name") or e["path"].removeprefix(f"{EVENTS}/").removesuffix(".json")
        command = SAM_COMMAND if name == SAM_EQUIVALENT else GENERATE_COMMAND.format(name=name)
        out.append(
            f"    | [{_md_escape(e.get('title', name))}]({rel(page, e['path'])}) | `{command}` |"
        )
    return "\n".join(out) + "\n"


PLACEHOLDERS: dict[str, Callable[..., str]] = {
    "generate-commands": render_generate_commands,
    "catalogue": render_catalogue,
    "fields": render_fields,
    "size-example": render_size_example,
    "examples": render_examples,
    "fixtures": render_fixture_list,
    "schema-list": render_schema_list,
}
