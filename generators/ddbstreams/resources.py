"""Where the published fixtures and schemas are: the repository, or the installed wheel.

In a checkout they live at the top of the repository (`events/`, `schemas/`);
the wheel carries copies as package data under `ddbstreams/data/`. The folder
is found with `os.path`: `pathlib` and `importlib.resources` cost a command's
start more than reading the file does.
"""

from __future__ import annotations

import json
import os
from functools import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
    from pathlib import Path
    from typing import Any

    REPO_ROOT: Path

_PACKAGE = os.path.dirname(os.path.realpath(__file__))
_REPO_ROOT = os.path.dirname(os.path.dirname(_PACKAGE))


def __getattr__(name: str) -> Any:
    """`REPO_ROOT`, the checkout's top folder as a `Path`, built on first use."""
    if name == "REPO_ROOT":
        from pathlib import Path

        return Path(_REPO_ROOT)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def data_dir() -> str:
    """The folder holding `events/` and `schemas/`, as a path string."""
    packaged = os.path.join(_PACKAGE, "data")
    if os.path.isdir(packaged):
        return packaged
    return _REPO_ROOT


def data_root() -> Traversable:
    """The folder holding `events/` and `schemas/`."""
    from pathlib import Path

    return Path(data_dir())


def read_text(relative: str) -> str:
    """A published file by its repository-relative path (`schemas/stream-event.schema.json`)."""
    with open(os.path.join(data_dir(), *relative.split("/")), encoding="utf-8") as handle:
        return handle.read()


def load_json(relative: str) -> Any:
    return json.loads(read_text(relative))
