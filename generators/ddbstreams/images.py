"""Which images a stream record carries, by view type and event name: a table read from data.

Apart from `records` so that the validator, which checks images, loads the
table without the record builder (its marshaller and random IDs).
"""

from __future__ import annotations

import json
import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .names import EventName, ViewType


def _load_images() -> dict[tuple[ViewType, EventName], tuple[bool, bool]]:
    """Which images a record carries: (NewImage?, OldImage?) by view type and event name.

    The table is data (`view_types.json`, each cell with the AWS sentence it
    comes from), so that tests can check it against real captures instead of
    against itself.
    """
    path = os.path.join(os.path.dirname(__file__), "view_types.json")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    return {
        (cell["viewType"], cell["eventName"]): (cell["NewImage"], cell["OldImage"])
        for cell in json.loads(text)["cells"]
    }


IMAGES: dict[tuple[ViewType, EventName], tuple[bool, bool]] = _load_images()
