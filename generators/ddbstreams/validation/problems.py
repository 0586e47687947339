"""A problem found in a document: where (JSON pointer), which rule, and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


def pointer(*parts: str | int) -> str:
    """A JSON pointer (RFC 6901) from path parts: pointer("Records", 0) == "/Records/0"."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


@dataclass(frozen=True)
class Problem:
    """One broken rule. `rule` is a stable identifier the negative test cases name."""

    pointer: str
    rule: str
    message: str
    severity: Severity = "error"

    def at(self, prefix: str) -> Problem:
        """The same problem seen from an enclosing document (e.g. inside a decoded payload)."""
        return Problem(prefix + self.pointer, self.rule, self.message, self.severity)

    def __str__(self) -> str:
        where = self.pointer or "/"
        tag = "warning: " if self.severity == "warning" else ""
        return f"{where}: {tag}{self.rule}: {self.message}"
