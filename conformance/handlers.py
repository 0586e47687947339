"""What each language's runner.json says about its handlers, for the docs and the matrix.

The docs' code tabs and the conformance page name handlers with these labels and versions, so
they are stated once: in `examples/<language>/runner.json` and the language's lock file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .run import discover, load_language

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class HandlerSource:
    """One example handler as a reader sees it."""

    name: str  # the handler's id in the results (`go-aws-lambda-go`)
    label: str  # a short column or tab label (`aws-lambda-go`)
    variant: str | None  # what sets it apart from same-label handlers (`raw state`)
    library: str  # the library as the matrix names it
    version: str | None  # from the lock file; None when only the installed runtime knows it
    shapes: tuple[str, ...]
    source: str  # the handler file, relative to the repository root


def languages(root: Path = ROOT) -> list[str]:
    """The folders under examples/ that have a runner.json."""
    return sorted(discover(root))


def sources(language: str, root: Path = ROOT) -> list[HandlerSource]:
    """The handlers of `examples/<language>/`, in runner.json order.

    Raises `conformance.run.ConfigError` for an unreadable runner.json or lock file.
    """
    spec = load_language(root / "examples" / language)
    return [
        HandlerSource(
            name=h.name,
            label=h.label,
            variant=h.variant,
            library=h.library,
            version=h.version,
            shapes=tuple(h.shapes),
            source=f"examples/{language}/{h.source}",
        )
        for h in spec.handlers
    ]
