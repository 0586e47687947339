"""Every example the docs embed from docs_src/ runs, found by kind rather than listed by name.

- `*.py` scripts run as `__main__`; `test_*.py` files pass under pytest with the plugin;
- `*.sh` scripts run with `sh -e` against the checkout's `ddbstreams` command;
- `pre-commit-config.yaml` names the hook this repository defines, whose `entry` accepts a
  valid event and rejects an invalid one.

A file of another kind fails the suite until a test runs it.
"""

from __future__ import annotations

import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, subprocess_env

DOCS_SRC = ROOT / "docs_src"
PAGE = ROOT / "docs" / "use-in-your-tests.md"

SCRIPTS = sorted(p.name for p in DOCS_SRC.glob("*.py") if not p.name.startswith("test_"))
TEST_FILES = sorted(p.name for p in DOCS_SRC.glob("test_*.py"))
SHELL = sorted(p.name for p in DOCS_SRC.glob("*.sh"))
PRE_COMMIT = sorted(p.name for p in DOCS_SRC.glob("pre-commit-config.yaml"))


def test_every_file_is_of_a_kind_that_is_run() -> None:
    on_disk = {p.name for p in DOCS_SRC.iterdir() if p.is_file()}
    assert SCRIPTS and TEST_FILES and SHELL and PRE_COMMIT
    assert on_disk == {*SCRIPTS, *TEST_FILES, *SHELL, *PRE_COMMIT}


@pytest.mark.parametrize("script", SCRIPTS)
def test_example_script_runs(script: str) -> None:
    runpy.run_path(str(DOCS_SRC / script), run_name="__main__")


@pytest.mark.parametrize("test_file", TEST_FILES)
def test_plugin_example_passes_under_pytest(test_file: str) -> None:
    # `-p no:ddbstreams` keeps an installed entry point from registering the plugin twice.
    result = subprocess.run(
        [
            sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
            "-p", "no:ddbstreams", "-p", "ddbstreams.pytest_plugin",
            str(DOCS_SRC / test_file),
        ],
        capture_output=True, text=True, cwd=DOCS_SRC, env=subprocess_env(), check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b\d+ passed\b", result.stdout), result.stdout
    assert not re.search(r"\b(skipped|xfailed|deselected)\b", result.stdout), result.stdout


def test_plugin_fixtures(ddb_event_factory: object, ddb_fixture: object) -> None:
    import ddbstreams
    from ddbstreams import load_fixture

    assert ddb_event_factory is ddbstreams and ddb_fixture is load_fixture


@pytest.mark.parametrize("script", SHELL)
def test_cli_example_runs(script: str, tmp_path: Path, shim_path: Path) -> None:
    env = subprocess_env()
    env["PATH"] = f"{shim_path}{os.pathsep}{env['PATH']}"
    result = subprocess.run(
        ["sh", "-e", str(DOCS_SRC / script)],
        capture_output=True, text=True, cwd=tmp_path, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip(), "the example prints what it did"
    assert "Traceback" not in result.stderr


def test_page_embeds_existing_examples() -> None:
    text = PAGE.read_text(encoding="utf-8")
    embedded = re.findall(r'--8<-- "([^"]+)"', text)
    assert embedded, "the page embeds its examples from docs_src/"
    for path in embedded:
        assert (ROOT / path).is_file(), path
    on_disk = {p.relative_to(ROOT).as_posix() for p in DOCS_SRC.iterdir() if p.is_file()}
    assert on_disk <= set(embedded), "every docs_src file appears on the page"


def test_pre_commit_snippet_names_the_released_tag_of_this_version() -> None:
    import ddbstreams

    text = (DOCS_SRC / "pre-commit-config.yaml").read_text(encoding="utf-8")
    revs = re.findall(r"^\s*rev:\s*(\S+)", text, re.M)
    assert revs == [f"v{ddbstreams.__version__}"]


def test_changelog_has_a_section_for_this_version() -> None:
    import ddbstreams

    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {re.escape(ddbstreams.__version__)} ", text, re.M)
