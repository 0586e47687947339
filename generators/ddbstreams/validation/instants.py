"""RFC 3339 timestamps as instants, so two of them compare by time, not by text."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime


def instant(text: str) -> datetime | None:
    """The moment `text` (an RFC 3339 date-time) names, or None when no such date exists.

    Text comparison gets `12:00:00Z` versus `12:00:00.500Z` wrong, and ignores
    offsets; `datetime` handles fractions of any length and every offset.
    """
    from datetime import datetime  # only documents that carry a date

    try:
        return datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None
