"""Shared fixtures for the docs tests: the repository root and the built site.

`nox -s docs` builds the site with `mkdocs build --strict` before running these tests.
Run on their own, they build it first when `site/` has no `index.html`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parents[2]


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def site(repo: Path) -> Path:
    """The built site folder (`site/`, or `DDBSTREAMS_SITE_DIR`)."""
    site_dir = Path(os.environ.get("DDBSTREAMS_SITE_DIR", repo / "site"))
    if not (site_dir / "index.html").is_file():
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
            cwd=repo,
            check=True,
        )
    return site_dir
