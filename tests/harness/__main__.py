"""Command line: `python -m tests.harness --help`.

Exit status: 0 when every check passed (library rejections and view
differences are findings, not failures); 1 when a response is wrong, a runner
crashed, timed out or printed something that is not a result line, a build
failed, a reference handler rejected a fixture or differed from it, or a
toolchain is missing with CI=true; 2 on usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .conformance import (
    Options,
    dumps,
    handler_fixtures,
    load_index,
    merged_document,
    report,
    run_language,
)
from .run import ConfigError, discover, load_language

ROOT = Path(__file__).resolve().parents[2]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m tests.harness",
        description="Run the example handlers of every language against the fixtures.",
    )
    p.add_argument(
        "--language",
        action="append",
        default=None,
        help="a folder under examples/ (python, go, ...) or `all` (the default); repeatable",
    )
    p.add_argument(
        "--fixture",
        nargs="+",
        action="extend",
        default=None,
        metavar="PATH",
        help="only these fixtures (paths as in events/index.json, or files under events/)",
    )
    p.add_argument(
        "--output",
        type=Path,
        default=None,
        help="the merged results file (default: .results/conformance.json)",
    )
    p.add_argument(
        "--results-dir",
        type=Path,
        default=None,
        help="where <language>.json go (default: .results/ in the repository)",
    )
    p.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    p.add_argument("--timeout", type=float, default=300.0, help="seconds per runner invocation")
    p.add_argument("--build-timeout", type=float, default=1800.0, help="seconds per build command")
    p.add_argument("--no-timings", action="store_true", help="leave out the timings section")
    p.add_argument("--quiet", action="store_true", help="print the table only")
    return p


def _relative(path: str, root: Path) -> str:
    candidate = Path(path)
    if candidate.is_absolute() or candidate.exists():
        try:
            return candidate.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return candidate.as_posix()
    return candidate.as_posix()


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    root: Path = args.root.resolve()
    usage = parser().prog

    try:
        fixtures = load_index(root)
    except (OSError, ValueError, KeyError) as error:
        print(f"{usage}: cannot read events/index.json: {error}", file=sys.stderr)
        return 2
    if args.fixture:
        by_path = {f.path: f for f in fixtures}
        chosen = []
        for given in args.fixture:
            path = _relative(given, root)
            if path not in by_path:
                print(f"{usage}: {given} is not in events/index.json", file=sys.stderr)
                return 2
            chosen.append(by_path[path])
        fixtures = sorted({f.path: f for f in chosen}.values(), key=lambda f: f.path)
    fixtures = handler_fixtures(fixtures)

    available = discover(root)
    wanted = args.language or ["all"]
    if "all" in wanted:
        keys = sorted(available)
    else:
        keys = []
        for key in wanted:
            if key not in available:
                known = ", ".join(sorted(available)) or "none"
                print(
                    f"{usage}: no examples/{key}/runner.json (languages with a runner: {known})",
                    file=sys.stderr,
                )
                return 2
            keys.append(key)
        keys = sorted(set(keys))

    options = Options(
        root=root, timeout=args.timeout, build_timeout=args.build_timeout, in_ci=in_ci()
    )
    runs = []
    for key in keys:
        try:
            language = load_language(available[key])
        except ConfigError as error:
            print(f"{usage}: examples/{key}/runner.json: {error}", file=sys.stderr)
            return 2
        print(f"running {key} ...", file=sys.stderr, flush=True)
        runs.append(run_language(language, fixtures, options))

    timings = not args.no_timings
    results_dir = args.results_dir or root / ".results"
    results_dir.mkdir(parents=True, exist_ok=True)
    for run in runs:
        (results_dir / f"{run.key}.json").write_text(
            dumps(merged_document([run], fixtures, timings)), encoding="utf-8"
        )
    document = merged_document(runs, fixtures, timings)
    output = args.output or results_dir / "conformance.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(dumps(document), encoding="utf-8")

    print(report(document, details=not args.quiet), end="")
    print(f"results: {_relative(str(output), root)}")
    return 1 if document["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
