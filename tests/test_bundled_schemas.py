"""The bundled single-file schemas work offline in another tool: check-jsonschema.

Each bundled schema is given to `check-jsonschema --schemafile` with every
published fixture of its shape (must pass) and every schema-level negative case
(must fail, each file on its own), with all network access refused through a
proxy that does not exist. The unbundled schema, checked the same way, fails
to load its references: proof that the check would see a bundle that is not
self-contained.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from casedata import ROOT, case_text, load_cases
from ddbstreams.bundle_schemas import drift
from ddbstreams.catalog import SHAPE_SCHEMAS

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
NOWHERE = "http://127.0.0.1:9"  # nothing listens on the discard port: any request fails
OFFLINE = {
    **os.environ,
    "HTTP_PROXY": NOWHERE,
    "HTTPS_PROXY": NOWHERE,
    "http_proxy": NOWHERE,
    "https_proxy": NOWHERE,
    "NO_PROXY": "",
    "no_proxy": "",
}

INDEX = json.loads((ROOT / "events/index.json").read_text("utf-8"))


def schema_of_case(case: dict[str, Any]) -> str:
    """The schema a negative case is read as: its shape's, or its base fixture's."""
    if "shape" in case:
        return SHAPE_SCHEMAS[case["shape"]]
    (schema,) = [entry["schema"] for entry in INDEX if entry["path"] == case["base"]]
    return str(schema)


def instances(tmp_path: Path) -> dict[str, tuple[list[Path], set[Path]]]:
    """schema path -> (files to check, the files that must fail)."""
    by_schema: dict[str, tuple[list[Path], set[Path]]] = defaultdict(lambda: ([], set()))
    for entry in INDEX:
        by_schema[entry["schema"]][0].append(ROOT / entry["path"])
    for name, case in load_cases("invalid"):
        if not case["rule"].startswith("schema:"):
            continue
        path = tmp_path / f"{name}.json"
        path.write_text(case_text(case), encoding="utf-8")
        files, invalid = by_schema[schema_of_case(case)]
        files.append(path)
        invalid.add(path)
    return by_schema


def check_jsonschema(
    schema: Path, files: list[Path], *extra: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(CHECK_JSONSCHEMA),
            *extra,
            "-o",
            "json",
            "--schemafile",
            str(schema),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        env=OFFLINE,
        check=False,
        timeout=120,
    )


def test_every_bundled_schema_judges_fixtures_and_cases_offline(tmp_path: Path) -> None:
    checked = instances(tmp_path)
    assert sum(len(invalid) for _, invalid in checked.values()) >= 10, "too few schema cases"
    for schema, (files, invalid) in sorted(checked.items()):
        bundled = ROOT / schema.replace("schemas/", "schemas/bundled/", 1)
        result = check_jsonschema(bundled, files)
        assert result.returncode in (0, 1) and result.stdout.startswith("{"), (
            f"{bundled.name}: {result.stdout[-2000:]}{result.stderr[-2000:]}"
        )
        report = json.loads(result.stdout)
        failed = {Path(error["filename"]) for error in report.get("errors", [])}
        assert not report.get("parse_errors"), f"{bundled.name}: {report['parse_errors']}"
        assert failed == invalid, (
            f"{bundled.name}: passed but invalid: {sorted(p.name for p in invalid - failed)}; "
            f"failed but valid: {sorted(p.name for p in failed - invalid)}"
        )


def test_an_unbundled_schema_needs_the_network() -> None:
    """The offline setting bites: the plain schema cannot fetch its references."""
    result = check_jsonschema(
        ROOT / "schemas/stream-event.schema.json",
        [ROOT / "events/dynamodb/dynamodb.json"],
        "--no-cache",
    )
    assert result.returncode != 0
    assert "Connection refused" in result.stdout + result.stderr


def test_bundled_schemas_match_the_schemas() -> None:
    assert drift(ROOT) == []


@pytest.mark.parametrize("path", sorted((ROOT / "schemas/bundled").glob("*.schema.json")))
def test_a_bundle_keeps_the_ids_of_what_it_embeds(path: Path) -> None:
    bundled = json.loads(path.read_text("utf-8"))
    source = json.loads((ROOT / "schemas" / path.name).read_text("utf-8"))
    assert bundled["$id"] == source["$id"]
    for key, embedded in bundled.get("$defs", {}).items():
        if key.startswith("https://"):
            assert embedded["$id"] == key
            (original,) = [
                json.loads(p.read_text("utf-8"))
                for p in (ROOT / "schemas").glob("*.schema.json")
                if json.loads(p.read_text("utf-8"))["$id"] == key
            ]
            assert embedded == original
