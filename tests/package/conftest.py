"""The package's own fixtures, available here without the package being installed."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from ddbstreams.pytest_plugin import ddb_event_factory, ddb_fixture

ROOT = Path(__file__).resolve().parents[2]
GENERATORS = ROOT / "generators"

__all__ = ["ddb_event_factory", "ddb_fixture"]


def subprocess_env() -> dict[str, str]:
    """The environment for child processes: `ddbstreams` importable from the checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(GENERATORS), env.get("PYTHONPATH")]))
    return env


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
