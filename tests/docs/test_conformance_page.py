"""The conformance page: generated from docs/data/conformance.json and the findings, complete,
linked, and never stale.

The page tests read the built site (`site/conformance/index.html`) and compare it with the results
file it was built from; the rendering tests call `sitegen.conformance_page` on the real results and
on edited copies, so a cell the run does not support cannot reach the page.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from sitegen import conformance_page as page_module

REPO = Path(__file__).parents[2]
RESULTS = REPO / "docs" / "data" / "conformance.json"
GENERATED = REPO / "docs" / "generated"


class MatrixParser(HTMLParser):
    """Ids on the page, and per matrix table: its handler columns, fixture rows and cell links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.tables: list[dict[str, Any]] = []
        self._in_matrix = 0
        self._div_depth = 0
        self._cell_class: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if attr.get("id"):
            self.ids.add(attr["id"])
        if tag == "div":
            if self._in_matrix:
                self._div_depth += 1
            elif {"ddb-conformance"} <= set(
                attr.get("class", "").split()
            ) and "ddb-malformed" not in attr.get("class", ""):
                self._in_matrix, self._div_depth = 1, 1
                self.tables.append({"handlers": [], "fixtures": [], "cells": []})
        if not self._in_matrix:
            return
        table = self.tables[-1]
        if attr.get("data-handler"):
            table["handlers"].append(attr["data-handler"])
        if attr.get("data-fixture"):
            table["fixtures"].append(attr["data-fixture"])
        classes = attr.get("class", "").split()
        if "ddb-cf" in classes:
            table["cells"].append({"tag": tag, "classes": classes, "href": attr.get("href")})

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._in_matrix:
            self._div_depth -= 1
            if self._div_depth == 0:
                self._in_matrix = 0


@pytest.fixture(scope="module")
def results() -> dict[str, Any]:
    return json.loads(RESULTS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def html(site: Path, repo: Path) -> str:
    path = site / "conformance" / "index.html"
    if not path.is_file():  # a site built before the page existed
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
            cwd=repo,
            check=True,
        )
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page(html: str) -> MatrixParser:
    parser = MatrixParser()
    parser.feed(html)
    return parser


def _handlers(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: h for lang in results["languages"].values() for name, h in lang["handlers"].items()
    }


# ---------------------------------------------------------------------------- the built page


def test_a_row_per_fixture_a_handler_takes(page: MatrixParser, results: dict[str, Any]) -> None:
    taken = {path for h in _handlers(results).values() for path in h["fixtures"]}
    rows = [f for table in page.tables for f in table["fixtures"]]
    assert taken, "the results have no handler results at all"
    assert sorted(rows) == sorted(taken), "each fixture some handler takes is one row"


def test_a_column_per_handler(page: MatrixParser, results: dict[str, Any]) -> None:
    columns = {h for table in page.tables for h in table["handlers"]}
    assert columns == set(_handlers(results))
    for table in page.tables:
        assert len(table["cells"]) == len(table["handlers"]) * len(table["fixtures"])


def test_cells_match_the_results(page: MatrixParser, results: dict[str, Any]) -> None:
    handlers = _handlers(results)
    css = {"loaded": "ok", "loaded-with-differences": "diff", "rejected": "rejected"}
    css |= {"response-wrong": "response", "not-run": "notrun"}
    for table in page.tables:
        cells = iter(table["cells"])
        for fixture in table["fixtures"]:
            for handler in table["handlers"]:
                cell = next(cells)
                result = handlers[handler]["fixtures"].get(fixture)
                expected = css[result["status"]] if result else "na"
                assert f"ddb-cf--{expected}" in cell["classes"], (handler, fixture)


def test_every_non_clean_cell_links_to_an_existing_anchor(page: MatrixParser) -> None:
    linked = 0
    for table in page.tables:
        for cell in table["cells"]:
            clean = {"ddb-cf--ok", "ddb-cf--na"} & set(cell["classes"])
            if clean:
                assert cell["tag"] == "span" and not cell["href"]
                continue
            assert cell["tag"] == "a" and cell["href"] and cell["href"].startswith("#"), cell
            assert cell["href"][1:] in page.ids, f"{cell['href']} is not an anchor on the page"
            linked += 1
    assert linked == len({c["href"] for t in page.tables for c in t["cells"] if c["href"]})


def test_versions_and_generated_note(
    site: Path, page: MatrixParser, results: dict[str, Any]
) -> None:
    text = (site / "conformance" / "index.html").read_text(encoding="utf-8")
    assert "nox -s conformance -- --check" in text
    for handler in _handlers(results).values():
        assert str(handler["version"]).replace("&", "&amp;") in text


class SummaryParser(HTMLParser):
    """The summary table: per row, the library title and per column the cell classes and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headers: list[str] = []
        self.rows: list[dict[str, Any]] = []
        self._depth = 0
        self._in_th = False
        self._cell: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag == "div":
            if self._depth:
                self._depth += 1
            elif "ddb-summary" in attr.get("class", "").split():
                self._depth = 1
        if not self._depth:
            return
        if tag == "th":
            self._in_th = True
            self.headers.append("")
        elif tag == "tr" and self.headers:
            self.rows.append({"cells": []})
        elif tag == "td":
            self._cell = {"text": "", "classes": set()}
            self.rows[-1]["cells"].append(self._cell)
        elif self._cell is not None and "class" in attr:
            self._cell["classes"].update(attr["class"].split())

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._depth:
            self._depth -= 1
        elif tag == "th":
            self._in_th = False
        elif tag == "td":
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._in_th:
            self.headers[-1] += data
        elif self._cell is not None:
            self._cell["text"] += data


@pytest.fixture(scope="module")
def summary(html: str) -> SummaryParser:
    parser = SummaryParser()
    parser.feed(html)
    return parser


def test_the_generated_fragments_are_current() -> None:
    """The committed docs/generated/conformance/ files are what the module builds now."""
    for path, text in page_module.build().items():
        committed = GENERATED / path
        assert committed.is_file(), f"docs/generated/{path} is missing"
        assert committed.read_text(encoding="utf-8") == text, f"docs/generated/{path} is stale"


def test_summary_has_a_row_per_library_version_and_a_column_per_behaviour(
    summary: SummaryParser, results: dict[str, Any]
) -> None:
    behaviours = json.loads((REPO / "conformance/findings.json").read_text(encoding="utf-8"))
    assert summary.headers[1:] == [b["header"] for b in behaviours["behaviours"]]
    titles = [row["cells"][0]["text"] for row in summary.rows]
    for handler in _handlers(results).values():
        title = f"{handler['label']} {handler['version']}"
        assert sum(t.startswith(title) for t in titles) == 1, title
    for row in summary.rows:
        assert len(row["cells"]) == len(summary.headers)


def test_summary_cells_agree_with_the_results(
    summary: SummaryParser, results: dict[str, Any]
) -> None:
    handlers = _handlers(results)
    by_title: dict[str, list[dict[str, Any]]] = {}
    for handler in handlers.values():
        by_title.setdefault(f"{handler['label']} {handler['version']}", []).append(handler)
    for row in summary.rows:
        title = next(t for t in by_title if row["cells"][0]["text"].startswith(t))
        statuses = {r["status"] for h in by_title[title] for r in h["fixtures"].values()}
        classes = set().union(*(c["classes"] for c in row["cells"][1:]))
        # a crash is shown exactly when one of the library's handlers rejected a fixture
        assert ("ddb-sum--crash" in classes) == ("rejected" in statuses), title
        if statuses == {"loaded"}:  # the reference handlers: nothing but exact (or not taken)
            assert classes <= {"ddb-sum", "ddb-sum--exact", "ddb-sum--na"}, title


def test_every_summary_phrase_links_to_its_finding(html: str) -> None:
    links = re.findall(r'class="ddb-sum ddb-sum--[a-z-]+" href="#(finding-[a-z0-9-]+)"', html)
    assert links
    for anchor in set(links):
        assert f'id="{anchor}"' in html, anchor


def test_findings_carry_consequence_reproduction_workaround_and_upstream(html: str) -> None:
    for ref in (
        "boto/boto3#2500",
        "boto/boto3#4693",
        "aws/aws-lambda-java-libs#452",
        "aws/aws-lambda-java-libs#455",
        "awslabs/aws-lambda-rust-runtime#889",
        "calavera/aws-lambda-events#124",
        "aws/aws-lambda-go#202",
        "aws/aws-lambda-go#478",
    ):
        assert ref in html, ref
    findings = json.loads((REPO / "conformance/findings.json").read_text(encoding="utf-8"))
    for finding in findings["findings"]:
        section = html.split(f'id="finding-{finding["id"]}"', 1)[1].split("<h4", 1)[0]
        assert "Consequence." in section and "Workaround." in section, finding["id"]
        code = re.search(r"<pre.*?<code>(.*?)</code></pre>", section, re.S)
        assert code, finding["id"]
        lines = re.sub(r"<[^>]+>", "", code.group(1)).strip().splitlines()
        assert lines[0].startswith("$ python -m conformance") and 3 <= len(lines) <= 20


def test_malformed_input_has_its_own_section(html: str, results: dict[str, Any]) -> None:
    section = html.split('id="malformed-input"', 1)[1].split('id="full-matrix"', 1)[0]
    for case in results["malformed"].values():
        assert case["title"] in section
    assert "ddb-malformed" in section
    for fixture in results["fixtures"]:  # no canonical fixture is listed as malformed
        assert fixture not in section


# ---------------------------------------------------------------------------- rendering


def _edited(results: dict[str, Any], handler: str, fixture: str, **change: Any) -> dict[str, Any]:
    document = copy.deepcopy(results)
    for language in document["languages"].values():
        if handler in language["handlers"]:
            language["handlers"][handler]["fixtures"][fixture].update(change)
    return document


def test_a_difference_without_a_finding_stops_the_page(results: dict[str, Any]) -> None:
    document = _edited(
        results,
        "go-aws-lambda-go",
        "events/dynamodb/stream/attribute-types.json",
        status="rejected",
        error="boom",
    )
    with pytest.raises(
        page_module.PageError, match=r"go-aws-lambda-go: .*attribute-types.*no finding"
    ):
        page_module._checked(document, page_module.load_findings())


def test_a_results_file_that_breaks_its_schema_stops_the_page(
    results: dict[str, Any], tmp_path: Path
) -> None:
    document = _edited(
        results, "go-aws-lambda-go", "events/dynamodb/stream/attribute-types.json", status="fine"
    )
    path = tmp_path / "conformance.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(page_module.PageError, match=r"breaks its schema: /languages/go/.*status"):
        page_module.load_results(path)
    with pytest.raises(page_module.PageError, match="nox -s conformance"):
        page_module.load_results(tmp_path / "absent.json")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(page_module.PageError, match="is not JSON"):
        page_module.load_results(tmp_path / "bad.json")


def test_repeated_differences_are_grouped_across_records(results: dict[str, Any]) -> None:
    details = page_module.render_details(results)
    # the Rust absent OldImage on every record of a batch is one row, not one per record
    assert "records[*].oldImage" in details and "records[1].oldImage" not in details


# ---------------------------------------------------------------------------- in Chromium


@pytest.fixture(scope="module")
def chromium(site: Path) -> Any:
    """Headless Chromium on the built site (Debian's chromium and chromium-driver), or a skip
    locally and a failure with CI=true when they are missing, as in test_browser.py."""
    import functools
    import os
    import shutil
    import tempfile
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    binary = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    driver_path = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")
    if not (Path(binary).is_file() and Path(driver_path).is_file()):
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"headless Chromium is required in CI: {binary} or {driver_path} missing")
        pytest.skip("chromium / chromedriver not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    profile = tempfile.mkdtemp(prefix="ddbstreams-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        yield driver, f"http://127.0.0.1:{server.server_address[1]}/conformance/"
    finally:
        driver.quit()
        server.shutdown()
        server.server_close()
        shutil.rmtree(profile, ignore_errors=True)


MEASURE = """
const table = document.querySelector('.ddb-summary table');
const wrap = table.parentElement;
const box = table.getBoundingClientRect();
const first = table.querySelector('tbody td');
return {bottom: box.bottom, viewport: window.innerHeight, width: table.scrollWidth,
        room: wrap.clientWidth, sticky: getComputedStyle(first).position};
"""


def test_summary_fits_one_screen_at_1280_and_scrolls_with_a_sticky_column_at_420(
    chromium: Any,
) -> None:
    driver, url = chromium
    driver.set_window_size(1280, 900)
    driver.get(url)
    wide = driver.execute_script(MEASURE)
    assert wide["bottom"] <= wide["viewport"], wide  # the whole table on the first screen
    assert wide["width"] <= wide["room"], wide  # every column visible, no sideways scroll
    driver.set_window_size(420, 900)
    driver.get(url)
    narrow = driver.execute_script(MEASURE)
    assert narrow["width"] > narrow["room"] and narrow["sticky"] == "sticky", narrow
