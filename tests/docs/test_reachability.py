"""Every fixture and schema is reachable from a page of the built site, and every include exists.

"Reachable" means a page links the raw file (published by the build at the same path as in the
repository) or embeds its content in a code block. Embedded fixtures must also be linked from the
same page, so a reader can always download what they see.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest

SITE_URL = "https://ddbstreams.github.io/reference/"
SNIPPET = re.compile(r"""^\s*-{1,}8<-{1,}\s+(?P<q>["'])(?P<path>[^"']+)(?P=q)\s*$""", re.M)


class PageParser(HTMLParser):
    """Collects link targets and the text of each code block (line numbers excluded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.assets: list[str] = []
        self.code_blocks: list[str] = []
        self._code_depth = 0
        self._linenos_depth = 0
        self._stack: list[str] = []
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "a" and attr.get("href"):
            self.links.append(attr["href"] or "")
        if tag in ("script", "img", "iframe", "source", "audio", "video") and attr.get("src"):
            self.assets.append(attr["src"] or "")
        if tag == "link" and attr.get("href") and attr.get("rel") not in ("canonical", "alternate"):
            self.assets.append(attr["href"] or "")
        if tag == "td" and "linenos" in (attr.get("class") or ""):
            self._linenos_depth = 1
        elif self._linenos_depth and tag == "td":
            self._linenos_depth += 1
        if tag == "code" and not self._linenos_depth:
            if self._code_depth == 0:
                self._buffer = []
            self._code_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._linenos_depth:
            self._linenos_depth -= 1
        if tag == "code" and self._code_depth:
            self._code_depth -= 1
            if self._code_depth == 0:
                self.code_blocks.append("".join(self._buffer))

    def handle_data(self, data: str) -> None:
        if self._code_depth:
            self._buffer.append(data)


def html_pages(site: Path) -> Iterator[Path]:
    for path in sorted(site.rglob("*.html")):
        if path.relative_to(site).parts[0] != "assets":
            yield path


@cache
def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page_url(site: Path, page: Path) -> str:
    """The page's URL path relative to the site root, e.g. `dynamodb/index.html`."""
    return page.relative_to(site).as_posix()


def resolve(base: str, href: str) -> str | None:
    """A link's target as a path relative to the site root, or None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("#") or href.startswith("mailto:"):
        return None
    target = unquote(urlsplit(urljoin("/" + base, parts.path)).path).lstrip("/")
    target = posixpath.normpath(target) if target else ""
    if target in ("", "."):
        return "index.html"
    return target + "/index.html" if parts.path.endswith("/") else target


def json_of(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


@pytest.fixture(scope="module")
def published(repo: Path) -> list[str]:
    files = [p.relative_to(repo).as_posix() for p in sorted((repo / "events").rglob("*.json"))]
    files += [
        p.relative_to(repo).as_posix() for p in sorted((repo / "schemas").glob("*.schema.json"))
    ]
    return files


@pytest.fixture(scope="module")
def site_index(site: Path) -> dict[str, tuple[set[str], list[Any]]]:
    """For every page: the site paths it links, and the JSON documents its code blocks hold."""
    index = {}
    for page in html_pages(site):
        parsed = parse(page)
        base = page_url(site, page)
        links = {t for t in (resolve(base, h) for h in parsed.links) if t}
        docs = [d for d in (json_of(c) for c in parsed.code_blocks) if d is not None]
        index[base] = (links, docs)
    return index


def test_there_is_something_to_publish(published: list[str]) -> None:
    assert any(p.startswith("events/") for p in published), "events/ holds no fixture"
    assert any(p.startswith("schemas/") for p in published), "schemas/ holds no schema"


def test_raw_files_are_published_unchanged(repo: Path, site: Path, published: list[str]) -> None:
    missing = [p for p in published if not (site / p).is_file()]
    assert not missing, f"not published by the build: {missing}"
    changed = [p for p in published if (site / p).read_bytes() != (repo / p).read_bytes()]
    assert not changed, f"published copy differs from the repository: {changed}"


def test_every_schema_id_resolves_on_the_site(repo: Path, site: Path) -> None:
    for path in sorted((repo / "schemas").glob("*.schema.json")):
        schema_id = json.loads(path.read_text(encoding="utf-8")).get("$id", "")
        assert schema_id.startswith(SITE_URL), (
            f"{path.name}: $id {schema_id!r} is not under {SITE_URL}"
        )
        target = site / schema_id.removeprefix(SITE_URL)
        assert target.is_file(), f"{path.name}: $id {schema_id} is not published"


def test_every_fixture_and_schema_is_reachable(
    repo: Path, published: list[str], site_index: dict[str, tuple[set[str], list[Any]]]
) -> None:
    unreachable = []
    for path in published:
        content = json.loads((repo / path).read_text(encoding="utf-8"))
        linked = any(path in links for links, _ in site_index.values())
        embedded = any(content in docs for _, docs in site_index.values())
        if not (linked or embedded):
            unreachable.append(path)
    assert not unreachable, f"neither linked nor embedded on any page: {unreachable}"


def test_embedded_fixtures_are_linked_next_to_them(
    repo: Path, published: list[str], site_index: dict[str, tuple[set[str], list[Any]]]
) -> None:
    problems = []
    for path in published:
        content = json.loads((repo / path).read_text(encoding="utf-8"))
        for page, (links, docs) in site_index.items():
            if content in docs and path not in links:
                problems.append(f"{page} embeds {path} without linking the raw file")
    assert not problems, "\n".join(problems)


def test_every_snippet_include_exists(repo: Path) -> None:
    includes = []
    for md in sorted((repo / "docs").rglob("*.md")):
        for match in SNIPPET.finditer(md.read_text(encoding="utf-8")):
            includes.append((md.relative_to(repo).as_posix(), match["path"]))
    assert includes, "no snippet include found in docs/"
    missing = [f"{md}: {path}" for md, path in includes if not _include_exists(repo, path)]
    assert not missing, "snippet includes pointing at no file:\n" + "\n".join(missing)


def _include_exists(repo: Path, include: str) -> bool:
    """`file`, `file:start:end` (lines) or `file:name` (a `--8<-- [start:name]` section)."""
    path, _, section = include.partition(":")
    if not (repo / path).is_file():
        return False
    if not section or re.fullmatch(r"\d*(:\d*)?", section):
        return True
    text = (repo / path).read_text(encoding="utf-8")
    return f"--8<-- [start:{section}]" in text and f"--8<-- [end:{section}]" in text


def test_every_example_source_exists(repo: Path) -> None:
    """The code-example tabs are generated from examples/*/runner.json (`handlers[].source`)."""
    runners = {
        *(repo / "examples").glob("*/runner.json"),
        *(repo / "examples").glob("*/*/runner.json"),
    }
    for runner in sorted(r for r in runners if "node_modules" not in r.parts):
        spec = json.loads(runner.read_text(encoding="utf-8"))
        for handler in spec.get("handlers", []):
            source = runner.parent / handler["source"]
            assert source.is_file(), (
                f"{runner.relative_to(repo)}: source {handler['source']} does not exist"
            )


def test_code_examples_are_embedded(site: Path) -> None:
    page = site / "dynamodb" / "index.html"
    text = page.read_text(encoding="utf-8")
    section = text.split('id="code-examples"', 1)[-1].split('id="documentation"', 1)[0]
    titles = re.findall(r'<span class="filename">(examples/[^<]+)</span>', section)
    assert titles, "the Code examples section embeds no file from examples/"


def test_nothing_is_loaded_from_third_parties(site: Path) -> None:
    """No web fonts, scripts, styles or images from other hosts: the site works offline."""
    external = []
    for page in html_pages(site):
        for url in parse(page).assets:
            if urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
                external.append(f"{page_url(site, page)}: {url}")
    for css in sorted((site / "assets").rglob("*.css")):
        for url in re.findall(
            r"@import\s+url\(\s*['\"]?(https?:|//)", css.read_text(encoding="utf-8")
        ):
            external.append(f"{css.relative_to(site)}: @import {url}")
    assert not external, "\n".join(external)


def test_the_published_site_holds_no_test_artefacts(site: Path) -> None:
    # Screenshots and other test output go to .results/, never into what Pages publishes.
    assert not list(site.rglob("*.png")) or all(
        p.relative_to(site).parts[0] == "assets" for p in site.rglob("*.png")
    )
