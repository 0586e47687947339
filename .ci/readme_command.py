"""Print one of the README's two commands: `serve` (build and serve the docs) or `check`.

They are the lines that follow the comments `# Build the docs site...` and `# Run every
check...` in the README's quick start; CI runs the check command exactly as written there.
"""

from __future__ import annotations

import sys
from pathlib import Path

MARKERS = {"serve": "# Build the docs site", "check": "# Run every check"}


def readme_command(which: str, readme: Path) -> str:
    lines = readme.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line.startswith(MARKERS[which]):
            return lines[i + 1].strip()
    raise SystemExit(f"readme_command: no line starting {MARKERS[which]!r} in {readme}")


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in MARKERS:
        raise SystemExit("usage: readme_command.py serve|check")
    print(readme_command(sys.argv[1], Path(__file__).resolve().parents[1] / "README.md"))
