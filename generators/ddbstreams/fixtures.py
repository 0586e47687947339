"""The published fixtures by name, from a checkout or from the installed wheel.

from ddbstreams import load_fixture

event = load_fixture("dynamodb/stream/insert-new-image")

Names are read from `events/index.json`, which the catalogue generates (and
the drift check keeps in step), so printing one fixture does not build every
scenario.
"""

from __future__ import annotations

from . import resources

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

INDEX = "events/index.json"


def _index() -> list[dict[str, str]]:
    entries: list[dict[str, str]] = resources.load_json(INDEX)
    return entries


def fixture_names() -> list[str]:
    """The names of every published fixture (`dynamodb/stream/insert-new-image`, …)."""
    return [entry["name"] for entry in _index()]


def load_fixture(name: str) -> Any:
    """A published fixture, parsed, by name (`dynamodb/stream/insert-new-image`).

    The `events/` prefix and `.json` suffix are optional. Works from a checkout
    and from the installed wheel. An unknown name raises KeyError with suggestions.
    """
    wanted = name.removeprefix("events/").removesuffix(".json")
    entries = _index()
    for entry in entries:
        if wanted in (entry["name"], entry["path"]):
            return resources.load_json(entry["path"])
    import difflib  # only for a name that is not found

    names = [entry["name"] for entry in entries]
    close = difflib.get_close_matches(wanted, names, n=3, cutoff=0.4)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise KeyError(f"no published fixture called {name!r}{hint}")
