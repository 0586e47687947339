"""Rewrite the repository's `events/` from the scenarios, or check that nothing drifted.

    python -m ddbstreams.write_fixtures            # rewrite events/ of this checkout
    python -m ddbstreams.write_fixtures --check    # write nothing; exit 1 listing drifted files

A maintainer's tool: it writes into a checkout of the repository and refuses
to run from an installed package (`ddbstreams generate` prints events for users).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from .generated_tree import Tree
from .jsonio import dumps
from .resources import REPO_ROOT
from .scenarios import FIXTURES

INDEX = "events/index.json"


def expected_files() -> Iterator[tuple[str, str]]:
    """(repo-relative path, exact text) for every generated file, the index last."""
    for fixture in FIXTURES:
        yield fixture.path, dumps(fixture.build())
    yield INDEX, dumps([f.index_entry() for f in FIXTURES])


TREE = Tree(
    folder="events",
    pattern="**/*.json",
    missing="missing (run `nox -s generate`)",
    different="differs from what the generators produce",
    stray="not produced by any scenario (remove it or add one)",
)


def drift(root: Path) -> list[str]:
    """One line per file that is missing, different, or present but not generated."""
    return TREE.drift(root, dict(expected_files()))


def write_all(root: Path, report: Callable[[str], None] = lambda line: None) -> list[str]:
    """Write files whose text changed; delete stale generated files. Returns what changed."""
    return TREE.write(root, dict(expected_files()), report)


def is_checkout(root: Path) -> bool:
    """True when `root` is a clone of the repository (scenarios beside events/)."""
    return (root / "generators" / "ddbstreams" / "scenarios").is_dir() and (
        root / "events"
    ).is_dir()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ddbstreams.write_fixtures",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--check", action="store_true", help="write nothing; fail on drift")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="repository root")
    args = parser.parse_args(argv)
    if not is_checkout(args.root):
        print(
            f"ddbstreams: error: {args.root} is not a checkout of the repository; this tool "
            "rewrites a checkout's events/ (to print an event, use `ddbstreams generate`)",
            file=sys.stderr,
        )
        return 2
    if args.check:
        problems = drift(args.root)
        for line in problems:
            print(line, file=sys.stderr)
        if problems:
            print(f"{len(problems)} file(s) drifted from the generators", file=sys.stderr)
            return 1
        print(f"events/ matches the generators ({len(FIXTURES)} fixtures)")
        return 0
    changed = write_all(args.root, report=lambda line: print(f"wrote {line}", flush=True))
    print(f"{len(FIXTURES)} fixtures, {len(changed)} file(s) changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
