"""`python -m sitegen [--check]`: run every job and write `docs/generated/`, or check it.

Jobs are the public modules of this package (names not starting with `_`); each exposes
`build() -> dict[str, str]`. Files are written atomically; files no job produces any more are
removed. With `--check` nothing is written and the drifted files are listed (exit 1).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from ddbstreams.jsonio import write_atomic

from . import __path__ as package_path
from ._sources import GenerationError

GENERATED = Path(__file__).resolve().parents[1] / "docs" / "generated"


def jobs() -> dict[str, Callable[[], dict[str, str]]]:
    """Every job module of the package, by name."""
    found = {}
    for info in sorted(pkgutil.iter_modules(package_path), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__package__}.{info.name}")
        build = getattr(module, "build", None)
        if not callable(build):
            raise GenerationError(f"sitegen.{info.name} has no build() function")
        found[info.name] = build
    return found


def _checked_path(job: str, key: str) -> str:
    path = PurePosixPath(key)
    if path.is_absolute() or ".." in path.parts or not path.suffix or key != path.as_posix():
        raise GenerationError(f"sitegen.{job}: {key!r} is not a plain relative file path")
    return key


def outputs() -> dict[str, str]:
    """Every generated file (path under docs/generated/ -> text), from every job."""
    result: dict[str, str] = {}
    owner: dict[str, str] = {}
    for name, build in jobs().items():
        for key, text in build().items():
            key = _checked_path(name, key)
            if key in result:
                raise GenerationError(
                    f"{key} is produced by both sitegen.{owner[key]} and sitegen.{name}"
                )
            result[key], owner[key] = text, name
    return result


def on_disk(root: Path) -> dict[str, str]:
    if not root.is_dir():
        return {}
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def drifted(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    """Files that differ, are missing, or should not be there."""
    return sorted(k for k in expected.keys() | actual.keys() if expected.get(k) != actual.get(k))


def write(root: Path, expected: dict[str, str]) -> list[str]:
    """Bring `root` to exactly `expected`; the files changed, added or removed."""
    changed = drifted(expected, on_disk(root))
    for key in changed:
        target = root / key
        if key in expected:
            write_atomic(target, expected[key])
        else:
            target.unlink()
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitegen", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; fail on drift")
    parser.add_argument("--output", type=Path, default=GENERATED, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        expected = outputs()
    except GenerationError as exc:
        print(f"sitegen: {exc}", file=sys.stderr)
        return 1
    if args.check:
        stale = drifted(expected, on_disk(args.output))
        for key in stale:
            print(f"sitegen: drifted: docs/generated/{key}", file=sys.stderr)
        if stale:
            print("sitegen: run `python -m sitegen` and commit the result", file=sys.stderr)
            return 1
        print(f"sitegen: {len(expected)} generated files are current")
        return 0
    changed = write(args.output, expected)
    print(f"sitegen: {len(expected)} files, {len(changed)} written or removed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
