"""Validate files: read each one, pick its shape, run the validator, count the verdicts.

The library half of `ddbstreams validate` and `ddbstreams check-response`; the
command lines live in `ddbstreams.cli`.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence

from .. import terminal
from ..gcpause import paused
from ..limits import MAX_EVENT_BYTES
from ..values import Value
from .problems import Problem
from .reading import read_path
from .rules import event_size_problems
from .schemas import Engine
from .shapes import detect, detect_shape
from .validator import validate_document


class UsageError(Exception):
    """A mistake in what was asked (a path that does not exist): exit status 2."""


TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, Literal, TextIO, TypeAlias

    from ..catalog import Fixture

    Format: TypeAlias = Literal["text", "json"]


class Report(Value, frozen=False):
    """Prints each file's problems as soon as it is checked, and keeps the totals.

    Text lines are `file: /pointer: rule: message`, escaped for the terminal and
    bounded in length; `json` prints one object per problem (file, pointer,
    rule, severity, message, shape) for machines.
    """

    strict: bool = False
    format: Format = "text"
    out: TextIO | None = None
    files: int = 0
    errors: int = 0
    warnings: int = 0
    skipped: int = 0

    def add(self, name: str, problems: Iterable[Problem], shape: str | None = None) -> None:
        self.files += 1
        for problem in problems:
            self._print(name, problem, shape)
            if problem.severity == "warning":
                self.warnings += 1
            else:
                self.errors += 1

    def _print(self, name: str, problem: Problem, shape: str | None) -> None:
        stream = self.out or sys.stdout
        if self.format == "json":
            record = {
                "file": name,
                "pointer": problem.pointer,
                "rule": problem.rule,
                "severity": problem.severity,
                "message": problem.message,  # bounded by Problem; escaped by json.dumps
                "shape": shape,
            }
            text = json.dumps(record, ensure_ascii=True)
        else:
            text = terminal.line(f"{name}: {problem}")
        print(text, file=stream, flush=True)

    @property
    def failed(self) -> bool:
        return bool(self.errors or (self.strict and self.warnings))

    def summary(self) -> str:
        verdict = "invalid" if self.failed else "valid"
        counts = f"{self.errors} error(s), {self.warnings} warning(s)"
        skipped = f", {self.skipped} skipped" if self.skipped else ""
        return f"{self.files} file(s) checked{skipped}: {counts}: {verdict}"


def note(message: str) -> None:
    """A line on stderr that is neither a result nor an error (progress, a skipped file)."""
    print(terminal.line(f"ddbstreams: {message}"), file=sys.stderr, flush=True)


def read_document(path: str | Path) -> tuple[Any, int]:
    """The parsed JSON and its compact size; raises `ValueError` naming what is wrong."""
    reading = read_path(path)
    if not reading.ok:
        raise ValueError("; ".join(f"{p.rule}: {p.message}" for p in reading.problems))
    return reading.doc, reading.size


def check_file(
    path: str | Path, shape: str | None, engine: Engine, *, scanned: bool = False
) -> tuple[str | None, list[Problem]] | None:
    """The shape a file was read as and its problems; None for a scanned file that is no document.

    Nothing a file holds raises: unreadable, undecodable, too deep or too large
    input is a problem of that file. The cyclic GC stays paused until the parsed
    document is freed: resumed while it lived, it would traverse every object of it.
    """
    with paused():
        return _check_file(path, shape, engine, scanned=scanned)


def _check_file(
    path: str | Path, shape: str | None, engine: Engine, *, scanned: bool = False
) -> tuple[str | None, list[Problem]] | None:
    reading = read_path(path)
    if not reading.ok:
        return shape, reading.problems
    doc = reading.doc
    chosen, unknown = (shape, None) if shape else detect(doc)
    if chosen is None or (scanned and shape is None and not _looks_like_records(doc, chosen)):
        if scanned:
            return None
        return None, [
            *reading.problems,
            unknown or Problem("", "shape", "not a shape this validator knows; pass --shape"),
        ]
    if reading.size > MAX_EVENT_BYTES:
        # Cheap: an event Lambda cannot send is reported as that, not checked record by record.
        return chosen, [*reading.problems, *event_size_problems(reading.size)]
    _progress(path, doc)
    return chosen, [
        *reading.problems,
        *validate_document(doc, chosen, raw_size=reading.size, engine=engine),
    ]


def validate_file(path: str | Path, shape: str | None, engine: Engine) -> list[Problem]:
    """Every problem of one file (read with `shape`, or the shape detected)."""
    checked = check_file(path, shape, engine)
    return checked[1] if checked else []


def _looks_like_records(doc: Any, shape: str) -> bool:
    """A bare array is a Pipes batch only if it holds stream records (not a catalogue)."""
    if shape != "pipes":
        return True
    return not doc or (
        isinstance(doc[0], dict) and ("dynamodb" in doc[0] or "eventSource" in doc[0])
    )


PROGRESS_RECORDS = 5000


def _progress(path: str | Path, doc: Any) -> None:
    """A line on stderr before a large batch, so a long run is not mistaken for a hang."""
    records = (
        doc if isinstance(doc, list) else doc.get("Records") if isinstance(doc, dict) else None
    )
    if isinstance(records, list) and len(records) > PROGRESS_RECORDS:
        note(f"{path}: checking {len(records)} records…")


def require_paths(paths: Sequence[str]) -> None:
    """Every path given exists (else `UsageError`, before anything is checked)."""
    for text in paths:
        if not os.path.exists(text):
            raise UsageError(f"{terminal.quote(text)}: no such file or directory")


def expand(paths: Sequence[str]) -> list[str | Path]:
    """The files named, then the `.json` files (any case) under the folders named, in order."""
    require_paths(paths)
    return [p for p, _ in walk(paths)]


# The errors `pathlib` reads as "not there" rather than raising.
_ABSENT = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)


def _mode(text: str) -> int | None:
    """The file mode of `Path(text).stat()`, None where `Path.exists()` says False; other
    errors (a name too long, no permission) raise as they do from `pathlib`."""
    try:
        return os.stat(text or ".").st_mode
    except OSError as exc:
        if exc.errno in _ABSENT:
            return None
        raise
    except ValueError:  # an embedded NUL
        return None


def is_dir(text: str) -> bool:
    """`Path(text).is_dir()`, without importing `pathlib`."""
    mode = _mode(text)
    return mode is not None and stat.S_ISDIR(mode)


def exists(text: str) -> bool:
    """`Path(text).exists()`, without importing `pathlib`."""
    return _mode(text) is not None


def as_given(text: str) -> str | Path:
    """A path named on the command line, spelt as `pathlib` spells it (`./a//b.json` is
    `a/b.json`): the text itself when that is the same, so one file needs no `pathlib`."""
    plain = (
        os.sep == "/"
        and text not in ("", ".")
        and "//" not in text
        and "/./" not in text
        and not text.startswith("./")
        and not text.endswith(("/", "/."))
    )
    if plain:
        return text
    from pathlib import Path

    return Path(text)


def walk(paths: Sequence[str]) -> Iterator[tuple[str | Path, bool]]:
    """(path, scanned) for each file to check; non-regular files met while scanning are noted."""
    for text in paths:
        if not is_dir(text):
            yield as_given(text), False
            continue
        from pathlib import Path

        path = Path(text)
        for found in sorted(path.rglob("*")):
            if found.suffix.lower() != ".json":
                continue
            if found.is_symlink() and not found.exists():
                note(f"{found}: skipped: a dangling symbolic link")
            elif not found.is_file():
                if not found.is_dir():
                    note(f"{found}: skipped: not a regular file")
                elif found.suffix:
                    note(f"{found}: skipped: a directory")
            else:
                yield found, True


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
        report.add(relative, problems, fixture.shape)


def response_problems(
    response_path: str | Path, event_path: str | Path, fixture: Fixture | None = None
) -> list[Problem]:
    response, _ = read_document(response_path)
    event, _ = read_document(event_path)
    window = (
        fixture.shape == "tumbling-window-response"
        if fixture
        else detect_shape(event) == "tumbling-window"
    )
    from ..response import check_response

    verdict = check_response(response, event, tumbling_window=window)
    return verdict.problems


BATCH_SHAPES = ("stream", "pipes", "tumbling-window", "kinesis")
"""The shapes a function receives and answers with a response."""


def _regular_file(text: str, option: str) -> str:
    if is_dir(text):
        raise UsageError(f"{option} {terminal.quote(text)}: a folder; name one file")
    if not exists(text):
        raise UsageError(f"{option} {terminal.quote(text)}: no such file")
    return text


def check_response_files(response: str, event: str, report: Report | None = None) -> int:
    """Print the event's problems, the response's problems and the verdict; the exit status.

    An event that is not a batch a function receives (null, a response, a
    destination record) is a usage error: there is nothing to answer.
    """
    report = report or Report()
    response_path = _regular_file(response, "--response")
    event_path = _regular_file(event, "--event")
    event_reading = read_path(event_path)
    response_reading = read_path(response_path)
    broken = False
    for name, reading in ((event, event_reading), (response, response_reading)):
        if not reading.ok:
            report.add(name, reading.problems)
            broken = True
    if broken:
        return 1
    event_doc = event_reading.doc
    shape = detect_shape(event_doc)
    if shape not in BATCH_SHAPES:
        what = f"a {shape} document" if shape else "not a known shape"
        raise UsageError(f"--event {terminal.quote(event)}: not a batch ({what})")
    event_problems = [*event_reading.problems]
    if event_reading.size > MAX_EVENT_BYTES:
        event_problems.extend(event_size_problems(event_reading.size))
    else:
        event_problems.extend(validate_document(event_doc, shape, raw_size=event_reading.size))
    report.add(event, event_problems, shape)
    if report.errors:
        return 1
    from ..response import check_response

    verdict = check_response(
        response_reading.doc, event_doc, tumbling_window=shape == "tumbling-window"
    )
    report.add(response, [*response_reading.problems, *verdict.problems])
    print(terminal.line(f"ddbstreams: {verdict.describe()}"), flush=True)
    return 0 if verdict.ok else 1
