"""Every example the docs embed from docs_src/ runs, found by kind rather than listed by name.

- `*.py` scripts run as `__main__`; `test_*.py` files pass under pytest with the plugin;
- `*.sh` scripts run with `sh -e` against the checkout's `ddbstreams` command;
- `pre-commit-config.yaml` names the hook this repository defines, whose `entry` accepts a
  valid event and rejects an invalid one.

A file of another kind fails the suite until a test runs it.
"""

from __future__ import annotations

import json
import os
import re
import runpy
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, subprocess_env

DOCS_SRC = ROOT / "docs_src"
PAGE = ROOT / "docs" / "use-in-your-tests.md"
HOOKS = ROOT / ".pre-commit-hooks.yaml"

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
    from ddbstreams import factory, load_fixture

    assert ddb_event_factory is factory and ddb_fixture is load_fixture


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


def _hook_field(hook_id: str, field: str) -> str:
    """One scalar field of a hook in .pre-commit-hooks.yaml (a flat list of mappings)."""
    blocks = re.split(r"^- ", HOOKS.read_text(encoding="utf-8"), flags=re.M)
    block = next(b for b in blocks if re.match(rf"id: {re.escape(hook_id)}\s*$", b, re.M))
    match = re.search(rf"^\s*{field}: (.+)$", block, re.M)
    assert match, f"{hook_id} has no {field}"
    return match[1].strip()


@pytest.mark.parametrize("config", PRE_COMMIT)
def test_pre_commit_hook_entry_accepts_valid_and_rejects_invalid(
    config: str, tmp_path: Path, shim_path: Path
) -> None:
    hook_ids = re.findall(r"^\s*- id: (\S+)", (DOCS_SRC / config).read_text(encoding="utf-8"), re.M)
    assert hook_ids, f"{config} names no hook"
    env = subprocess_env()
    env["PATH"] = f"{shim_path}{os.pathsep}{env['PATH']}"
    invalid = tmp_path / "invalid.json"
    invalid.write_text(json.dumps({"Records": [{"eventName": "BOGUS"}]}), encoding="utf-8")
    valid = ROOT / "events" / "dynamodb" / "dynamodb.json"
    for hook_id in hook_ids:
        entry = shlex.split(_hook_field(hook_id, "entry"))
        files = re.compile(_hook_field(hook_id, "files"))
        assert files.search(valid.name) and files.search(invalid.name)
        for path, status in ((valid, 0), (invalid, 1)):
            result = subprocess.run(
                [*entry, str(path)], capture_output=True, text=True, env=env, check=False
            )
            assert result.returncode == status, (hook_id, path.name, result.stdout + result.stderr)
            assert "Traceback" not in result.stderr
