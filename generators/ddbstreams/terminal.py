"""Text that is safe to print: no control or bidi characters, no megabyte-long values.

File names, attribute names and values come from the files being checked, so
they may hold a newline (which would forge a result line), an ESC or OSC
sequence (which would clear the screen or retitle the terminal), or
right-to-left overrides (which would make a line read differently from what it
says). Everything the command line prints goes through `escape`; a value quoted
in a message goes through `quote`, which also bounds its length.
"""

from __future__ import annotations

import re
from functools import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

QUOTE_CHARS: Final = 80
"""At most this many characters of a value appear in a message."""

MAX_LINE_CHARS: Final = 1000
"""No printed line is longer than this: a message that would be is cut, with its length said."""

# C0 controls, DEL, C1 controls; the bidi embeddings, overrides, isolates and marks; the
# Unicode line and paragraph separators; lone surrogates (not printable as UTF-8 at all).
_UNSAFE = (
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


@cache
def _unsafe() -> re.Pattern[str]:
    """The pattern, compiled when a line is first printed: most commands print none."""
    return re.compile(_UNSAFE)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape(text: str) -> str:
    """`text` with every control, bidi and separator character written as a `\\xNN`/`\\uNNNN` escape."""
    if text.isascii() and text.isprintable():
        return text  # nothing to escape: printable ASCII has no control or bidi character
    return _unsafe().sub(_escaped, text)


def quote(value: object, limit: int = QUOTE_CHARS) -> str:
    """A value for a message: escaped, in quotes, cut at `limit` characters with its length said."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) <= limit:
        return f'"{escape(text)}"'
    return f'"{escape(text[:limit])}…" ({len(text)} characters)'


def line(text: str, limit: int = MAX_LINE_CHARS) -> str:
    """One printable line: escaped and at most `limit` characters (plus a note of what was cut)."""
    safe = escape(text[: limit + 1])
    if len(safe) <= limit:
        return safe
    return f"{safe[:limit]}… ({len(text)} characters)"
