"""Small Markdown and HTML helpers shared by the jobs."""

from __future__ import annotations

import json
import posixpath
from typing import Any


def rel(page: str, target: str) -> str:
    """A link from one docs file to another, as MkDocs resolves and checks it."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def html(text: object) -> str:
    """Text escaped for HTML inside a Markdown table cell."""
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("|", "&#124;")
    )


def cell(text: object) -> str:
    """Text from a schema or the catalogue, safe inside a Markdown table cell."""
    escaped = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("|", "\\|").replace("\n", " ").strip()


def value_code(value: Any) -> str:
    """A JSON value as code that is not broken inside a word."""
    return f'<code class="ddb-field">{html(json.dumps(value, ensure_ascii=False))}</code>'


def field_code(path: str) -> str:
    """A field path as code that may wrap after each dot, never inside a name."""
    return '<code class="ddb-field">' + ".<wbr>".join(html(p) for p in path.split(".")) + "</code>"


def indent(text: str, spaces: int) -> str:
    """Every non-empty line indented, for content nested in a tab or an admonition."""
    pad = " " * spaces
    return "\n".join(pad + line if line else "" for line in text.split("\n"))
