"""The conformance matrix page: built from docs/data/conformance.json, complete and linked.

The page tests read the built site (`site/conformance/index.html`) and compare it with the
results file it was built from; the rendering tests call the hook's functions on small
in-memory results, so they do not depend on what the real run found.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).parents[2]
HOOK = REPO / "docs" / "hooks" / "ddbstreams_conformance.py"
RESULTS = REPO / "docs" / "data" / "conformance.json"


@pytest.fixture(scope="module")
def hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ddbstreams_conformance_under_test", HOOK)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
            elif "ddb-conformance" in attr.get("class", "").split():
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
def page(site: Path, repo: Path) -> MatrixParser:
    html = site / "conformance" / "index.html"
    if not html.is_file():  # a site built before the page existed
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
            cwd=repo,
            check=True,
        )
    parser = MatrixParser()
    parser.feed(html.read_text(encoding="utf-8"))
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
    assert "nox -s conformance" in text
    for handler in _handlers(results).values():
        assert str(handler["version"]).replace("&", "&amp;") in text


# ---------------------------------------------------------------------------- rendering


def _doc(status: str = "rejected", **result: Any) -> dict[str, Any]:
    base = {"status": status, "differences": [], "response_differences": [], "error": None}
    return {
        "format": 1,
        "failures": [],
        "fixtures": {
            "events/dynamodb/stream/a.json": {"shape": "stream", "title": "Fixture A"},
            "events/dynamodb/stream/b.json": {"shape": "stream", "title": "Fixture B"},
            "events/dynamodb/kinesis/k.json": {"shape": "kinesis", "title": "Nobody takes me"},
        },
        "languages": {
            "go": {
                "language": "Go",
                "status": "ran",
                "message": None,
                "handlers": {
                    "go-lib": {
                        "library": "golib",
                        "version": "9.9.9",
                        "shapes": ["stream"],
                        "fixtures": {
                            "events/dynamodb/stream/a.json": {**base, **result},
                            "events/dynamodb/stream/b.json": {
                                "status": "loaded",
                                "differences": [],
                                "error": None,
                            },
                        },
                    }
                },
            }
        },
    }


def test_rejected_cell_renders_as_rejected(hook: ModuleType) -> None:
    doc = _doc("rejected", error="json: cannot unmarshal number into state of type string")
    matrix = hook.render_matrix(doc)
    anchor = hook.cell_anchor("go-lib", "events/dynamodb/stream/a.json")
    assert 'class="ddb-cf ddb-cf--rejected"' in matrix
    assert f'href="#{anchor}"' in matrix
    assert "✗ rejected" in matrix
    assert "Nobody takes me" not in matrix  # a fixture no handler takes gets no row
    details = hook.render_details(doc)
    assert f'id="{anchor}"' in details
    assert "cannot unmarshal number" in details
    known = hook.render_known(doc)
    assert "**rejected**" in known and "cannot unmarshal number" in known


def test_differences_are_grouped_and_explained(hook: ModuleType) -> None:
    diffs = [
        {
            "kind": "binary-as-text",
            "path": f"records[{i}].newImage.b.B",
            "message": f'records[{i}].newImage.b.B: binary kept as base64 text: "AAE="',
        }
        for i in range(3)
    ]
    doc = _doc("loaded-with-differences", differences=diffs)
    matrix = hook.render_matrix(doc)
    assert "ddb-cf--diff" in matrix and "≈ 3" in matrix
    details = hook.render_details(doc)
    assert details.count("records[*].newImage.b.B") == 1  # three records, one row
    known = hook.render_known(doc)
    assert "binary-as-text" in known and hook.KIND_ADVICE["binary-as-text"] in known
    assert "timestamp-precision" not in known  # kinds come from the results only


def test_clean_results_have_no_links(hook: ModuleType) -> None:
    doc = _doc("loaded")
    matrix = hook.render_matrix(doc)
    assert '<a class="ddb-cf' not in matrix
    assert "No differences" in hook.render_known(doc)


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d.pop("languages"),
        lambda d: d["languages"]["go"]["handlers"]["go-lib"]["fixtures"][
            "events/dynamodb/stream/a.json"
        ].update(status="fine"),
        lambda d: d["languages"]["go"]["handlers"]["go-lib"]["fixtures"][
            "events/dynamodb/stream/a.json"
        ].update(differences=[{"kind": "x"}]),
        lambda d: d["fixtures"].pop("events/dynamodb/stream/b.json"),
    ],
)
def test_malformed_results_fail_clearly(hook: ModuleType, tmp_path: Path, breakage: Any) -> None:
    doc = copy.deepcopy(_doc())
    breakage(doc)
    path = tmp_path / "conformance.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(hook.ResultsError, match=r"malformed .*nox -s conformance"):
        hook.load_results(path)


def test_missing_or_invalid_results_fail_clearly(hook: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(hook.ResultsError, match=r"does not exist.*nox -s conformance"):
        hook.load_results(tmp_path / "absent.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(hook.ResultsError, match="not valid JSON"):
        hook.load_results(bad)
