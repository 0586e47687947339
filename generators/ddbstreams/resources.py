"""Where the published fixtures and schemas are: the repository, or the installed wheel.

In a checkout they live at the top of the repository (`events/`, `schemas/`);
the wheel carries copies as package data under `ddbstreams/data/`.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]


@cache
def data_root() -> Traversable:
    """The folder holding `events/` and `schemas/`."""
    packaged = resources.files("ddbstreams") / "data"
    if packaged.is_dir():
        return packaged
    return REPO_ROOT


def read_text(relative: str) -> str:
    """A published file by its repository-relative path (`schemas/stream-event.schema.json`)."""
    node = data_root()
    for part in relative.split("/"):
        node = node / part
    return node.read_text(encoding="utf-8")


def load_json(relative: str) -> Any:
    return json.loads(read_text(relative))
