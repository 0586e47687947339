"""The published fixtures by name, from a checkout or from the installed wheel.

from ddbstreams import load_fixture

event = load_fixture("dynamodb/stream/insert-new-image")
"""

from __future__ import annotations


from . import resources

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def fixture_names() -> list[str]:
    """The names of every published fixture (`dynamodb/stream/insert-new-image`, …)."""
    from .scenarios import FIXTURES

    return [f.name for f in FIXTURES]


def load_fixture(name: str) -> Any:
    """A published fixture, parsed, by name (`dynamodb/stream/insert-new-image`).

    The `events/` prefix and `.json` suffix are optional. Works from a checkout
    and from the installed wheel. An unknown name raises KeyError with suggestions.
    """
    from .scenarios import by_name

    wanted = name.removeprefix("events/").removesuffix(".json")
    try:
        fixture = by_name(wanted)
    except KeyError:
        import difflib  # only for a name that is not found

        close = difflib.get_close_matches(wanted, fixture_names(), n=3, cutoff=0.4)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise KeyError(f"no published fixture called {name!r}{hint}") from None
    return resources.load_json(fixture.path)
