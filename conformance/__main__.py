"""Command line: `python -m conformance --help`.

Exit status: 0 when every check passed (library rejections and view
differences are findings, not failures); 1 when a response is wrong, a runner
crashed, timed out or printed something that is not a result line, a build
failed, a reference handler rejected a fixture or differed from it, or a
toolchain is missing with CI=true, or (`--check`) the committed results differ
from this run; 2 on usage errors.

Every run writes `.results/`; only a complete run (every language, every
fixture, no failure) rewrites the committed `docs/data/conformance.json`, so a
machine missing a toolchain never publishes "not-run" rows.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ddbstreams.jsonio import write_atomic

from .drift import LIMIT, compare_languages, compare_texts
from .findings import FindingsError, classify, load_findings
from .malformed import prepare
from .matrix import (
    LanguageRun,
    Options,
    dumps,
    handler_fixtures,
    load_index,
    merged_document,
    report,
    run_language,
)
from .run import ConfigError, discover, load_language
from .schemas import results_problems

ROOT = Path(__file__).resolve().parents[1]
PROG = "python -m conformance"
# The results the docs render: rewritten only by a complete run without failures.
PUBLISHED = Path("docs") / "data" / "conformance.json"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=PROG,
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
        help="this run's merged results (default: .results/conformance.json)",
    )
    p.add_argument(
        "--results-dir",
        type=Path,
        default=None,
        help="where <language>.json go (default: .results/ in the repository)",
    )
    p.add_argument(
        "--published",
        type=Path,
        default=None,
        help=f"the committed results the docs render (default: {PUBLISHED.as_posix()}); "
        "rewritten only by a complete run without failures",
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="compare the run with the published results instead of writing them; "
        "exit 1 listing every difference",
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
    usage = PROG
    if args.check and args.fixture:
        print(
            f"{usage}: --check compares a full run; it cannot be combined with --fixture",
            file=sys.stderr,
        )
        return 2

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

    results_dir = args.results_dir or root / ".results"
    # Malformed input runs with the full set only: a fixture selection is about fixtures.
    malformed = [] if args.fixture else prepare(root, results_dir / "malformed")
    options = Options(
        root=root,
        timeout=args.timeout,
        build_timeout=args.build_timeout,
        in_ci=in_ci(),
        malformed=malformed,
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
    for run in runs:
        write_atomic(
            results_dir / f"{run.key}.json",
            dumps(merged_document([run], fixtures, timings, malformed=malformed)),
        )
    complete = not args.fixture and keys == sorted(available)
    audit = audit_results(
        merged_document(runs, fixtures, False, malformed=malformed), root, complete
    )
    document = merged_document(runs, fixtures, timings, audit, malformed)
    output = args.output or results_dir / "conformance.json"
    write_atomic(output, dumps(document))

    print(report(document, details=not args.quiet), end="")
    print(f"results: {_relative(str(output), root)}")
    published = args.published or root / PUBLISHED
    skipped = [run.key for run in runs if run.result["status"] != "ran"]
    public = dumps(merged_document(runs, fixtures, False, audit, malformed))
    shown = _relative(str(published), root)
    if args.check:
        return _check(published, public, runs, complete and not skipped, shown)
    if document["failures"]:
        print(f"{shown} left as it is: the run has failures")
    elif not complete or skipped:
        why = f"{', '.join(skipped)} not run" if skipped else "not every language and fixture ran"
        print(f"{shown} left as it is: a partial run ({why})")
    else:
        write_atomic(published, public)
        print(f"published: {shown}")
    return 1 if document["failures"] else 0


def audit_results(document: dict[str, Any], root: Path, complete: bool) -> list[str]:
    """Problems that make results unpublishable although every runner behaved: the results
    break their schema, or differ from what conformance/findings.json explains."""
    out = [f"results schema: {p}" for p in results_problems(document)]
    findings = root / "conformance" / "findings.json"
    if not findings.is_file():
        return out  # a repository without findings (the harness's own tests)
    try:
        classification = classify(document, load_findings(findings))
    except FindingsError as error:
        return [*out, f"findings: {error}"]
    for problem in classification.problems():
        if complete or not problem.startswith("finding "):  # a partial run misses findings
            out.append(f"findings: {problem}")
    return out


def _check(
    published: Path, public: str, runs: Sequence[LanguageRun], complete: bool, shown: str
) -> int:
    """Compare the run with the committed results instead of writing them."""
    try:
        committed = published.read_bytes().decode("utf-8", errors="replace")
    except OSError as error:
        print(f"{PROG}: cannot read {shown}: {error.strerror}", file=sys.stderr)
        return 1
    failures = json.loads(public)["failures"]
    if complete:
        problems = compare_texts(committed, public)
    else:
        ran = [run.key for run in runs if run.result["status"] == "ran"]
        others = [run.key for run in runs if run.result["status"] != "ran"]
        try:
            problems = compare_languages(json.loads(committed), json.loads(public), ran)
        except ValueError as error:
            problems = [f"the committed file is not JSON: {error}"]
        if others:
            print(f"not checked (not run here): {', '.join(others)}")
    if problems:
        print(f"{shown} differs from a fresh run ({len(problems)} difference(s)):")
        for line in problems[:LIMIT]:
            print(f"  {line}")
        if len(problems) > LIMIT:
            print(f"  ... and {len(problems) - LIMIT} more")
        print("run `nox -s conformance` and commit the result")
        return 1
    print(f"{shown} matches the fresh run")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
