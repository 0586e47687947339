"""Validate files: read each one, pick its shape, run the validator, count the verdicts.

The library half of `ddbstreams validate` and `ddbstreams check-response`; the
command lines live in `ddbstreams.cli`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalog import Fixture
from ..response import check_response
from .problems import Problem
from .schemas import Engine
from .shapes import detect_shape
from .validator import check_document, validate_document


class UsageError(Exception):
    """A mistake in what was asked (a path that does not exist): exit status 2."""


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
    _progress(path, doc)
    return check_document(doc, shape, raw_size=size, engine=engine).problems


PROGRESS_RECORDS = 5000


def _progress(path: Path, doc: Any) -> None:
    """A line on stderr before a large batch, so a long run is not mistaken for a hang."""
    records = (
        doc if isinstance(doc, list) else doc.get("Records") if isinstance(doc, dict) else None
    )
    if isinstance(records, list) and len(records) > PROGRESS_RECORDS:
        print(f"ddbstreams: {path}: checking {len(records)} records…", file=sys.stderr)


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
    from ..scenarios import FIXTURES

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


def check_response_files(response: str, event: str) -> int:
    """Print the event's problems, the response's problems and the verdict; the exit status."""
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
