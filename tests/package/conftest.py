"""The package's pytest fixtures, and helpers for tests that run the CLI in a child process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from ddbstreams.pytest_plugin import ddb_event_factory, ddb_fixture

ROOT = Path(__file__).resolve().parents[2]

__all__ = ["ddb_event_factory", "ddb_fixture"]


def subprocess_env() -> dict[str, str]:
    """The environment for child processes (the package is installed in the test environment)."""
    return dict(os.environ)


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`ddbstreams ARGS` in a child process, as a user's shell runs it; output captured."""
    return subprocess.run(
        [sys.executable, "-m", "ddbstreams.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=subprocess_env(),
        check=False,
    )


@pytest.fixture
def shim_path(tmp_path: Path) -> Path:
    """A folder holding a `ddbstreams` executable that runs the checkout's CLI."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "ddbstreams"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m ddbstreams.cli "$@"\n')
    script.chmod(0o755)
    return bin_dir


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "wheel: builds the wheel and installs it into a fresh venv (~20 s; runs in CI)"
    )
