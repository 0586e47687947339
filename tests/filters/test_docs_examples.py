"""The filtering page: its examples run, it embeds them all, and its surface table is current."""

from __future__ import annotations

import os
import re
import runpy
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from ddbstreams.filters.surfaces import OPERATORS, SURFACES

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs_src" / "filtering"
PAGE = ROOT / "docs" / "filtering.md"
SURFACE_TABLE = "filtering/surfaces.md"
SCRIPTS = sorted(p.name for p in EXAMPLES.glob("*.py"))


@pytest.mark.parametrize("script", SCRIPTS)
def test_example_runs(script: str) -> None:
    runpy.run_path(str(EXAMPLES / script), run_name="__main__")


def test_page_embeds_every_example() -> None:
    text = PAGE.read_text("utf-8")
    embedded = set(re.findall(r'--8<-- "docs_src/filtering/([^"]+)"', text))
    assert embedded == {p.name for p in EXAMPLES.iterdir() if p.is_file()}


def test_surface_table_matches_the_engine() -> None:
    """The page shows the generated table, and its rows say what the engine's list says."""
    assert f'--8<-- "docs/generated/{SURFACE_TABLE}"' in PAGE.read_text("utf-8")
    table = (ROOT / "docs" / "generated" / SURFACE_TABLE).read_text("utf-8")
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line][1:]
    expected = [
        "| "
        + " | ".join(
            [op.name, f"`{op.example}`", *("yes" if s in op.surfaces else "no" for s in SURFACES)]
        )
        + " | "
        for op in OPERATORS
    ]
    assert [row[: len(prefix)] for row, prefix in zip(rows, expected, strict=True)] == expected
    assert all("[src:" in row for row in rows)


def test_cli_example_runs(tmp_path: Path) -> None:
    pytest.importorskip(
        "yaml", reason="the example reads a YAML template (nox -s filters installs the extra)"
    )
    shim = tmp_path / "ddbstreams"
    shim.write_text(
        f"#!{sys.executable}\n"
        "import argparse, sys\n"
        "from ddbstreams.filters.command import register\n"
        "parser = argparse.ArgumentParser(prog='ddbstreams')\n"
        "register(parser.add_subparsers())\n"
        "args = parser.parse_args()\n"
        "sys.exit(args.run(args))\n",
        "utf-8",
    )
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run(
        ["sh", "-e", str(EXAMPLES / "cli.sh")], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "record 0: dropped" in run.stdout
    assert '"delivered": true' in run.stdout
