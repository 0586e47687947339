"""The delivery page's timelines are today's simulator output, and its examples run."""

from __future__ import annotations

import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS_SRC = ROOT / "docs_src" / "simulate"
GENERATED = ROOT / "docs" / "generated"
PAGE = ROOT / "docs" / "delivery.md"


def _build() -> dict[str, str]:
    from sitegen import delivery_timelines

    return delivery_timelines.build()


def test_generated_timelines_have_not_drifted() -> None:
    """Regenerate with `python -m sitegen`; never edit them by hand."""
    for relative, text in _build().items():
        path = GENERATED / relative
        assert path.is_file(), f"{relative} is not generated"
        assert path.read_text("utf-8") == text, f"{relative} differs from the simulator's output"


def test_the_pages_include_every_timeline_and_every_example() -> None:
    text = PAGE.read_text("utf-8")
    pages = "\n".join(p.read_text("utf-8") for p in (ROOT / "docs").glob("*.md"))
    for relative in _build():
        assert f'--8<-- "docs/generated/{relative}"' in pages
    for path in DOCS_SRC.iterdir():
        assert f'--8<-- "docs_src/simulate/{path.name}"' in text


def test_every_assumption_is_on_the_page() -> None:
    from ddbstreams.simulate import Assumptions

    table = _build()["delivery/assumptions.md"]
    for name in Assumptions.names():
        assert f"| `{name}` |" in table


@pytest.mark.parametrize("script", ["partial_failure.py", "other_reading.py"])
def test_example_script_runs(script: str) -> None:
    runpy.run_path(str(DOCS_SRC / script), run_name="__main__")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT / "generators"), env.get("PYTHONPATH")])
    )
    return env


def test_fixture_example_passes_under_pytest() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "-p", "no:ddbstreams", "-p", "ddbstreams.pytest_plugin",
         str(DOCS_SRC / "test_with_simulator.py")],
        capture_output=True, text=True, cwd=DOCS_SRC, env=_env(), check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def test_cli_example_runs(tmp_path: Path) -> None:
    work = tmp_path / "python"
    shutil.copytree(ROOT / "examples" / "python", work, ignore=shutil.ignore_patterns("tests"))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, target in (("ddbstreams", "-m ddbstreams.cli"), ("python", "")):
        shim = bin_dir / name
        shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" {target} "$@"\n')
        shim.chmod(0o755)
    env = _env()
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    result = subprocess.run(
        ["sh", "-e", str(DOCS_SRC / "cli.sh")],
        capture_output=True, text=True, cwd=work, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert (work / "trace.svg").is_file()
