"""The error a pattern AWS would refuse raises, with where in the pattern the fault is."""

from __future__ import annotations


def pointer_token(key: str | int) -> str:
    """One JSON Pointer (RFC 6901) reference token: `~` and `/` escaped."""
    return str(key).replace("~", "~0").replace("/", "~1")


class FilterPatternError(ValueError):
    """A filter pattern that AWS refuses when the mapping, pipe or rule is created.

    `pointer` is the JSON Pointer of the faulty member inside the pattern (``""``
    for the pattern as a whole); `rule` names the check that failed, so callers
    can tell a syntax error from an operator the surface does not accept.
    """

    def __init__(self, message: str, pointer: str = "", rule: str = "syntax") -> None:
        super().__init__(message)
        self.message = message
        self.pointer = pointer
        self.rule = rule

    def __str__(self) -> str:
        where = self.pointer or "/"
        return f"{where}: {self.message}"
