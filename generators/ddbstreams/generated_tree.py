"""A folder of generated files kept exactly equal to what generates them.

`events/` (the fixtures) and `schemas/bundled/` are both written this way: every
expected file with its exact text, nothing else in the folder, and a drift check
that writes nothing and names each file that is missing, different or stray.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .jsonio import write_atomic


@dataclass(frozen=True)
class Tree:
    """Where the generated files live, and what each kind of drift tells the reader."""

    folder: str  # repository-relative, e.g. "events"
    pattern: str  # the files that belong to it, e.g. "**/*.json"
    missing: str  # e.g. "missing (run `nox -s generate`)"
    different: str  # e.g. "differs from what the generators produce"
    stray: str  # e.g. "not produced by any scenario (remove it or add one)"

    def on_disk(self, root: Path) -> list[str]:
        return sorted(
            p.relative_to(root).as_posix() for p in (root / self.folder).glob(self.pattern)
        )

    def drift(self, root: Path, expected: Mapping[str, str]) -> list[str]:
        """One line per file that is missing, different, or present but not generated."""
        problems = []
        for relative, text in expected.items():
            path = root / relative
            if not path.exists():
                problems.append(f"{relative}: {self.missing}")
            elif path.read_text(encoding="utf-8") != text:
                problems.append(f"{relative}: {self.different}")
        problems.extend(f"{r}: {self.stray}" for r in self.on_disk(root) if r not in expected)
        return problems

    def write(
        self,
        root: Path,
        expected: Mapping[str, str],
        report: Callable[[str], None] = lambda line: None,
    ) -> list[str]:
        """Write the files whose text changed and remove stray ones; what changed.

        `report` hears of each change as it happens, so an interrupted run says how far it got.
        """
        changed = []
        for relative, text in expected.items():
            path = root / relative
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(path, text)
                changed.append(relative)
                report(relative)
        for relative in self.on_disk(root):
            if relative not in expected:
                (root / relative).unlink()
                changed.append(f"{relative} (removed)")
                report(changed[-1])
        return changed
