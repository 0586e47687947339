"""Every statement about AWS behaviour on the site names a source, and every source exists.

A statement names its source with a `[src:<id>]` marker whose id is a key of `docs/sources.yml`.
The rule is checked where statements are easiest to miss: every admonition and every table row
of the pages must carry a marker, except the tables listed in `PROJECT_TABLES`, which describe
this project's own options rather than AWS. Where AWS is silent, the page says so with one
admonition form, `!!! note "Not documented by AWS"`, which must still name its evidence.

The checker is tested on small pages written here, valid beside invalid, so that a checker that
accepts everything fails.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from sitegen import citations as sources

REPO = Path(__file__).parents[2]
DOCS = REPO / "docs"

# Pages whose text another part of the project owns or generates.
SKIPPED_PAGES = {"conformance.md"}
# Tables about this project's own API, identified by their header row.
PROJECT_TABLES = {"| option | default | what it sets |"}
NOT_DOCUMENTED = '!!! note "Not documented by AWS"'

ADMONITION = re.compile(r'^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+\w+(?:\s+"(?P<title>[^"]*)")?')
TABLE_SEPARATOR = re.compile(r"^\s*\|(?:\s*:?-+:?\s*\|)+\s*$")
# `[src:a] [src:b]` is one Markdown reference link (text "src:a", target b): separate with a comma.
ADJACENT_MARKERS = re.compile(r"\[src:[^\]]*\](?=\s*\[src:)")


@dataclass(frozen=True)
class Problem:
    """One statement without a source, or a marker without an entry."""

    line: int
    rule: str
    text: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.rule}: {self.text.strip()[:100]}"


def _admonitions(lines: list[str]) -> Iterator[tuple[int, str, str]]:
    """(line number, opening line, body) of each admonition; the body is its indented block."""
    for index, line in enumerate(lines):
        match = ADMONITION.match(line)
        if not match:
            continue
        indent = len(match.group("indent"))
        body: list[str] = [line]
        for following in lines[index + 1 :]:
            if following.strip() and len(following) - len(following.lstrip()) <= indent:
                break
            body.append(following)
        yield index + 1, line, "\n".join(body)


def _table_rows(lines: list[str]) -> Iterator[tuple[int, str, str]]:
    """(line number, header row, row) of each body row of each table."""
    for index, line in enumerate(lines):
        if not TABLE_SEPARATOR.match(line) or index == 0:
            continue
        header = lines[index - 1].strip()
        for offset, row in enumerate(lines[index + 1 :], start=index + 2):
            if not row.strip().startswith("|"):
                break
            yield offset, header, row


def check_page(text: str, known: set[str]) -> list[Problem]:
    """The problems of one page: unsourced admonitions and rows, unknown ids, odd notes."""
    lines = text.splitlines()
    problems: list[Problem] = []
    for match in ADJACENT_MARKERS.finditer(text):
        number = text.count("\n", 0, match.start()) + 1
        problems.append(Problem(number, "separate adjacent markers with a comma", match.group()))
    for number, line in enumerate(lines, start=1):
        for source_id in sources.markers(line):
            if source_id not in known:
                problems.append(Problem(number, f"unknown source id {source_id!r}", line))
    for number, opening, body in _admonitions(lines):
        title = ADMONITION.match(opening)
        assert title is not None
        if "documented" in (title.group("title") or "").lower() and (
            opening.strip() != NOT_DOCUMENTED
        ):
            problems.append(Problem(number, f"write undocumented cases as {NOT_DOCUMENTED}", body))
        if not sources.markers(body):
            problems.append(Problem(number, "admonition names no source", body))
    for number, header, row in _table_rows(lines):
        if header in PROJECT_TABLES:
            continue
        if not sources.markers(row):
            problems.append(Problem(number, "table row names no source", row))
    return problems


def _pages() -> list[Path]:
    return sorted(p for p in DOCS.glob("*.md") if p.name not in SKIPPED_PAGES)


@pytest.fixture(scope="module")
def known() -> set[str]:
    return set(sources.load())


@pytest.mark.parametrize("page", _pages(), ids=lambda p: p.name)
def test_every_statement_on_a_page_names_a_known_source(page: Path, known: set[str]) -> None:
    problems = check_page(page.read_text(encoding="utf-8"), known)
    assert not problems, f"{page.name}:\n" + "\n".join(map(str, problems))


def test_every_source_is_cited() -> None:
    """A source nobody cites is either a forgotten marker or dead weight."""
    cited = {
        source_id
        for page in DOCS.rglob("*.md")
        if "generated" not in page.relative_to(DOCS).parts
        for source_id in sources.markers(page.read_text(encoding="utf-8"))
    }
    assert set(sources.load()) - cited == set()


def test_the_generated_texts_match_the_sources() -> None:
    for relative, text in sources.build().items():
        committed = DOCS / "generated" / relative
        assert committed.read_text(encoding="utf-8") == text, (
            f"docs/generated/{relative} is stale: run `python -m sitegen`"
        )


def test_every_marker_is_a_link_in_the_built_site(site: Path) -> None:
    """A marker the build could not resolve would stay visible as plain `[src:...]` text."""
    leftovers = {
        str(page.relative_to(site)): re.findall(r"\[src:[^\]]*\]", page.read_text("utf-8"))
        for page in site.rglob("*.html")
    }
    assert {page: found for page, found in leftovers.items() if found} == {}


def test_every_marker_links_to_its_own_source(site: Path) -> None:
    urls = {source_id: entry["url"] for source_id, entry in sources.load().items()}
    links = [
        (page.relative_to(site), href, source_id)
        for page in site.rglob("*.html")
        for href, source_id in re.findall(
            r'<a href="([^"]*)"[^>]*>src:([^<]*)</a>', page.read_text(encoding="utf-8")
        )
    ]
    assert len(links) > 100
    wrong = [(str(page), source_id, href) for page, href, source_id in links]
    assert [entry for entry in wrong if urls.get(entry[1]) != entry[2]] == []


# The checker itself, on pages written for it.
KNOWN = {"with-ddb", "rec-ankcorn"}
SOURCED_PAGE = """
Lambda invokes the function synchronously [src:with-ddb], [src:rec-ankcorn].

| Field | Meaning |
|---|---|
| `eventID` | 32 hex characters [src:rec-ankcorn] |

| option | default | what it sets |
|---|---|---|
| `seed` | `0` | event IDs |

!!! note "Not documented by AWS"
    Whether the final invoke carries records [src:with-ddb].

=== "Tab"

    !!! warning "Numbers"
        Numeric operators never match [src:with-ddb].
"""


def test_a_sourced_page_passes() -> None:
    assert check_page(SOURCED_PAGE, KNOWN) == []


@pytest.mark.parametrize(
    ("page", "rule"),
    [
        ("| a | b |\n|---|---|\n| `eventID` | 32 hex characters |\n", "table row names no source"),
        ('!!! tip "Keep state small"\n    The state must stay under 1 MB.\n', "admonition"),
        (
            '=== "Tab"\n\n    !!! tip "Nested"\n        No source here.\n\nLater text [src:with-ddb].',
            "admonition names no source",
        ),
        ("Lambda retries [src:no-such-page].\n", "unknown source id 'no-such-page'"),
        ('!!! warning "Undocumented"\n    Bisect [src:with-ddb].\n', "write undocumented cases"),
        ("Lambda retries [src:with-ddb]\n[src:rec-ankcorn].\n", "separate adjacent markers"),
        (
            '!!! note "Not documented by AWS"\n    Nobody knows.\n',
            "admonition names no source",
        ),
    ],
    ids=["row", "admonition", "nested-admonition", "unknown-id", "odd-note", "adjacent", "bare"],
)
def test_an_unsourced_statement_is_reported(page: str, rule: str) -> None:
    problems = check_page(page, KNOWN)
    assert any(rule in problem.rule for problem in problems), problems


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("x:\n  kind: blog\n  title: T\n  url: https://a.b/\n  date: 2020-01-01\n", "kind"),
        ("x:\n  kind: issue\n  title: T\n  url: http://a.b/\n  date: 2020-01-01\n", "https"),
        ("x:\n  kind: issue\n  title: T\n  url: https://a.b/\n  date: soon\n", "date"),
        ("x:\n  kind: issue\n  title: T\n  url: https://a.b/\n", "exactly"),
        ("x:\n  kind: issue\n  title: Map<K>\n  url: https://a.b/\n  date: 2020-01-01\n", "angle"),
        ("Bad_Id:\n  kind: issue\n  title: T\n  url: https://a.b/\n  date: 2020-01-01\n", "ids"),
    ],
    ids=["kind", "url", "date", "missing-field", "angle-bracket", "id"],
)
def test_a_malformed_source_is_refused(tmp_path: Path, entry: str, message: str) -> None:
    path = tmp_path / "sources.yml"
    path.write_text(entry, encoding="utf-8")
    with pytest.raises(sources.SourceError, match=message):
        sources.load(path)


# The field tables are generated from the schemas' descriptions; their sources are data too.
FIELD_SOURCES = DOCS / "field-sources.yml"


def described_fields(node: object, pointer: str = "") -> Iterator[str]:
    """JSON pointers of every described property or definition: one field-table row each."""
    if isinstance(node, dict):
        if "description" in node and ("/properties/" in pointer or "/$defs/" in pointer):
            yield pointer
        for key, value in node.items():
            if key not in {"title", "description", "examples", "enum", "const", "required", "then"}:
                yield from described_fields(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from described_fields(value, f"{pointer}/{index}")


def _field_sources() -> dict[str, dict[str, list[str]]]:
    loaded: dict[str, dict[str, list[str]]] = yaml.safe_load(FIELD_SOURCES.read_text("utf-8"))
    return loaded


@pytest.mark.parametrize(
    "schema", sorted(p.name for p in (REPO / "schemas").glob("*.json")), ids=str
)
def test_every_described_field_has_known_sources(schema: str, known: set[str]) -> None:
    fields = set(described_fields(json.loads((REPO / "schemas" / schema).read_text("utf-8"))))
    entries = _field_sources().get(schema, {})
    assert sorted(fields - set(entries)) == [], "fields without sources"
    assert sorted(set(entries) - fields) == [], "sources for fields that do not exist"
    unknown = {field: ids for field, ids in entries.items() if not ids or set(ids) - known}
    assert unknown == {}


def test_field_sources_name_only_schemas_that_exist() -> None:
    assert set(_field_sources()) <= {p.name for p in (REPO / "schemas").glob("*.json")}


def test_the_field_walker_finds_nested_and_defined_fields() -> None:
    schema = {
        "description": "top level: not a row",
        "properties": {"a": {"description": "x", "properties": {"b": {"description": "y"}}}},
        "$defs": {"d": {"description": "z", "then": {"properties": {"c": {"description": "w"}}}}},
    }
    assert list(described_fields(schema)) == [
        "/properties/a",
        "/properties/a/properties/b",
        "/$defs/d",
    ]
