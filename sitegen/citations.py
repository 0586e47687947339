"""The sources behind the site's statements about AWS, rendered from `docs/sources.yml`.

Pages cite a source with a `[src:<id>]` marker. That is a Markdown shortcut reference, so the
marker becomes a link as soon as a matching link definition is in the page: `source-links.md`
holds one definition per source and is appended to every page, and `sources-table.md` lists
every source with its kind and date on the sources page. The sources stay data in one file;
these two texts are derived from it and never edited by hand.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import yaml

SOURCES_FILE = Path(__file__).resolve().parents[1] / "docs" / "sources.yml"

KINDS = {
    "aws-page": "AWS documentation",
    "recording": "recorded against AWS",
    "issue": "upstream issue",
    "source-code": "library source",
}
DATE_MEANING = {
    "aws-page": "checked",
    "recording": "recorded",
    "issue": "filed",
    "source-code": "checked",
}
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MARKER = re.compile(r"\[src:([^\]\s]+)\]")
LINKS_PATH = "source-links.md"
TABLE_PATH = "sources-table.md"


class SourceError(ValueError):
    """`docs/sources.yml` holds an entry that cannot be cited."""


def load(path: Path = SOURCES_FILE) -> dict[str, dict[str, str]]:
    """Read and check the sources: every entry needs a known kind, a title, an https URL, a date."""
    raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise SourceError(f"{path.name}: expected a mapping of source ids")
    sources: dict[str, dict[str, str]] = {}
    for source_id, entry in raw.items():
        where = f"{path.name}: {source_id}"
        if not isinstance(source_id, str) or not ID_PATTERN.fullmatch(source_id):
            raise SourceError(f"{where}: ids are lowercase words joined by hyphens")
        if not isinstance(entry, dict) or set(entry) != {"kind", "title", "url", "date"}:
            raise SourceError(f"{where}: needs exactly kind, title, url and date")
        if entry["kind"] not in KINDS:
            raise SourceError(f"{where}: kind must be one of {', '.join(KINDS)}")
        if not isinstance(entry["date"], datetime.date):
            raise SourceError(f"{where}: date must be a YYYY-MM-DD date")
        title, url = entry["title"], entry["url"]
        if not isinstance(title, str) or not title or set(title) & set('"<>'):
            raise SourceError(
                f"{where}: title must be text without double quotes or angle brackets"
            )
        if not isinstance(url, str) or not url.startswith("https://") or " " in url:
            raise SourceError(f"{where}: url must be an https URL")
        sources[source_id] = {
            "kind": entry["kind"],
            "title": title,
            "url": url,
            "date": entry["date"].isoformat(),
        }
    return sources


def id_for_url(url: str, sources: dict[str, dict[str, str]] | None = None) -> str:
    """The id of the source at `url` (its #fragment ignored), for code that keeps AWS's URLs.

    Code such as the filter engine names the AWS page behind each rule by URL; the site cites it
    by id. A URL without an entry is an error, so a new page is added to `sources.yml` first.
    """
    known = load() if sources is None else sources
    page = url.split("#", 1)[0]
    for source_id, entry in known.items():
        if entry["url"].split("#", 1)[0] == page:
            return source_id
    raise SourceError(f"no entry in sources.yml has the URL {page}")


def markers(text: str) -> list[str]:
    """The source ids cited in a text, in order."""
    return MARKER.findall(text)


def _links(sources: dict[str, dict[str, str]]) -> str:
    lines = ["<!-- Generated from docs/sources.yml: one link definition per source. -->", ""]
    for source_id, entry in sources.items():
        when = f"{DATE_MEANING[entry['kind']]} {entry['date']}"
        lines.append(f'[src:{source_id}]: {entry["url"]} "{entry["title"]} ({when})"')
    return "\n".join(lines) + "\n"


def _table(sources: dict[str, dict[str, str]]) -> str:
    lines = [
        "| Source | What it is | Kind | Date |",
        "|---|---|---|---|",
    ]
    for source_id, entry in sources.items():
        title = entry["title"].replace("|", "\\|")
        when = f"{DATE_MEANING[entry['kind']]} {entry['date']}"
        lines.append(
            f'| <span id="src-{source_id}"></span>[src:{source_id}] | {title} '
            f"| {KINDS[entry['kind']]} | {when} |"
        )
    return "\n".join(lines) + "\n"


def build() -> dict[str, str]:
    """The link definitions appended to every page, and the table of all sources."""
    sources = load()
    return {LINKS_PATH: _links(sources), TABLE_PATH: _table(sources)}
