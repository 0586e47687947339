"""Validate DynamoDB Streams events and responses.

    python -m ddbstreams.validate                      # every published fixture
    python -m ddbstreams.validate my-event.json dir/   # your own files (shape detected)
    python -m ddbstreams.validate --shape pipes batch.json
    python -m ddbstreams.validate --response resp.json --event event.json

Each problem is printed as `file: /json/pointer: rule: message`.
Exit status: 0 valid, 1 invalid (or warnings with --strict), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalog import SHAPE_SCHEMAS, Fixture
from .resources import data_root
from .response import check_response
from .validation import Problem, detect_shape, validate_document
from .validation.schemas import Engine


class UsageError(Exception):
    """A mistake in the command line, reported with exit status 2."""


@dataclass
class Report:
    """Problems per file, and the totals that decide the exit status."""

    strict: bool = False
    files: int = 0
    lines: list[str] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0

    def add(self, name: str, problems: Iterable[Problem]) -> None:
        self.files += 1
        for problem in problems:
            self.lines.append(f"{name}: {problem}")
            if problem.severity == "warning":
                self.warnings += 1
            else:
                self.errors += 1

    @property
    def failed(self) -> bool:
        return bool(self.errors or (self.strict and self.warnings))

    def summary(self) -> str:
        verdict = "invalid" if self.failed else "valid"
        counts = f"{self.errors} error(s), {self.warnings} warning(s)"
        return f"{self.files} file(s) checked: {counts}: {verdict}"


def read_document(path: Path) -> tuple[Any, int]:
    """The parsed JSON and its size in bytes; a file that is not JSON is a problem, not a crash."""
    data = path.read_bytes()
    return json.loads(data), len(data)


def validate_file(path: Path, shape: str | None, engine: Engine) -> list[Problem]:
    try:
        doc, size = read_document(path)
    except UnicodeDecodeError as exc:
        return [Problem("", "json", f"not UTF-8 text: {exc.reason}")]
    except json.JSONDecodeError as exc:
        return [Problem("", "json", f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")]
    chosen = shape or detect_shape(doc)
    if chosen is None:
        return [Problem("", "shape", "not a shape this validator knows; pass --shape")]
    _progress(path, doc)
    return validate_document(doc, chosen, raw_size=size, engine=engine)


PROGRESS_RECORDS = 5000


def _progress(path: Path, doc: Any) -> None:
    """A line on stderr before a large batch, so a long run is not mistaken for a hang."""
    records = (
        doc if isinstance(doc, list) else doc.get("Records") if isinstance(doc, dict) else None
    )
    if isinstance(records, list) and len(records) > PROGRESS_RECORDS:
        print(f"{path}: checking {len(records)} records…", file=sys.stderr)


def expand(paths: Sequence[str]) -> list[Path]:
    files: list[Path] = []
    for text in paths:
        path = Path(text)
        if path.is_dir():
            files.extend(sorted(path.rglob("*.json")))
        elif path.is_file():
            files.append(path)
        else:
            raise UsageError(f"{text}: no such file or directory")
    return files


def validate_fixtures(root: Path, engine: Engine, report: Report) -> None:
    """Every catalogued fixture against its schema; unmapped files are errors."""
    from .scenarios import FIXTURES

    mapped = {f.path: f for f in FIXTURES}
    for path in sorted((root / "events").rglob("*.json")):
        relative = path.relative_to(root).as_posix()
        if relative == "events/index.json":
            continue
        fixture = mapped.get(relative)
        if fixture is None:
            report.add(
                relative, [Problem("", "unmapped", "no scenario maps this file to a schema")]
            )
            continue
        problems = validate_file(path, fixture.shape, engine)
        if not problems and fixture.answers:
            problems = response_problems(path, root / fixture.answers, fixture)
        report.add(relative, problems)


def response_problems(
    response_path: Path, event_path: Path, fixture: Fixture | None = None
) -> list[Problem]:
    response, _ = read_document(response_path)
    event, _ = read_document(event_path)
    window = (
        fixture.shape == "tumbling-window-response"
        if fixture
        else detect_shape(event) == "tumbling-window"
    )
    verdict = check_response(response, event, tumbling_window=window)
    return verdict.problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ddbstreams.validate",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", help="event files or folders (default: every fixture)")
    parser.add_argument(
        "--shape", choices=sorted(SHAPE_SCHEMAS), help="read every file as this shape"
    )
    parser.add_argument("--strict", action="store_true", help="warnings fail too")
    parser.add_argument(
        "--engine",
        choices=["fast", "reference"],
        default="fast",
        help="schema engine: jsonschema-rs (fast) or jsonschema (reference)",
    )
    parser.add_argument("--response", metavar="FILE", help="check a function response …")
    parser.add_argument("--event", metavar="FILE", help="… against the event it answers")
    parser.add_argument("--root", type=Path, default=Path(str(data_root())), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    report = Report(strict=args.strict)
    try:
        if args.response or args.event:
            return check_response_command(args.response, args.event, args.paths)
        if args.paths:
            for path in expand(args.paths):
                report.add(str(path), validate_file(path, args.shape, args.engine))
        else:
            validate_fixtures(args.root, args.engine, report)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for line in report.lines:
        print(line)
    print(report.summary(), file=sys.stderr)
    return 1 if report.failed else 0


def check_response_command(response: str | None, event: str | None, extra: Sequence[str]) -> int:
    if not (response and event) or extra:
        raise UsageError("--response FILE and --event FILE go together, without other paths")
    response_path, event_path = expand([response])[0], expand([event])[0]
    try:
        response_doc, _ = read_document(response_path)
        event_doc, size = read_document(event_path)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        print(f"{response}/{event}: json: {exc}")
        return 1
    shape = detect_shape(event_doc)
    event_problems = (
        validate_document(event_doc, shape, raw_size=size)
        if shape
        else [Problem("", "shape", "the event is not a shape this validator knows")]
    )
    for problem in event_problems:
        print(f"{event}: {problem}")
    if any(p.severity == "error" for p in event_problems):
        return 1
    verdict = check_response(response_doc, event_doc, tumbling_window=shape == "tumbling-window")
    for problem in verdict.problems:
        print(f"{response}: {problem}")
    print(verdict.describe())
    return 0 if verdict.ok else 1


if __name__ == "__main__":
    sys.exit(main())
