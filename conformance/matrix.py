"""Running every handler against every applicable fixture and judging the results."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from .compare import Difference, canonical_view, compare_view, loads_exact
from .expected import (
    HANDLER_SHAPES,
    check_with_checker,
    compare_response,
    expected_response,
    state_retyped,
)
from .malformed import MalformedCase, outcome, section
from .run import (
    Handler,
    Language,
    RunnerOutput,
    handler_version,
    missing_requirements,
    pin_mismatch,
    run_handler,
)
from .run import invoke as run_command

STATUSES = ("loaded", "loaded-with-differences", "rejected", "response-wrong", "not-run")
FORMAT = 1


@dataclass
class Fixture:
    path: str  # repo-relative, forward slashes
    shape: str
    file: Path  # absolute
    title: str = ""

    def event_exact(self) -> Any:
        return loads_exact(self.file.read_text(encoding="utf-8"))

    def event_plain(self) -> Any:
        return json.loads(self.file.read_text(encoding="utf-8"))


@dataclass
class Options:
    root: Path
    timeout: float = 300.0
    build_timeout: float = 1800.0
    in_ci: bool = False
    malformed: Sequence[MalformedCase] = ()


@dataclass
class LanguageRun:
    key: str
    result: dict[str, Any]
    timings: dict[str, Any]
    failures: list[str] = field(default_factory=list)
    # case key -> handler name -> {"outcome", "detail"}
    malformed: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)


def load_index(root: Path) -> list[Fixture]:
    entries = json.loads((root / "events" / "index.json").read_text(encoding="utf-8"))
    fixtures = []
    for entry in entries:
        path = str(entry["path"]).replace(os.sep, "/")
        fixtures.append(
            Fixture(path, str(entry["shape"]), (root / path).resolve(), str(entry.get("title", "")))
        )
    return sorted(fixtures, key=lambda f: f.path)


def handler_fixtures(fixtures: Iterable[Fixture]) -> list[Fixture]:
    return [f for f in fixtures if f.shape in HANDLER_SHAPES]


class Sanitizer:
    """Removes machine-specific absolute paths from text kept in the results."""

    def __init__(self, root: Path) -> None:
        self.roots = sorted({str(root), str(root.resolve())}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for root in self.roots:
            text = text.replace(root + os.sep, "").replace(root, ".")
        return text


def to_plain_json(value: Any) -> Any:
    """Decimals as int when integral, else float; everything else as is."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Mapping):
        return {str(k): to_plain_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain_json(v) for v in value]
    return value


def _diffs_json(diffs: Sequence[Difference]) -> list[dict[str, Any]]:
    return [d.to_json() for d in diffs]


def not_run(error: str) -> dict[str, Any]:
    return {
        "status": "not-run",
        "error": error,
        "response": None,
        "expected_response": None,
        "response_verdict": None,
        "response_differences": [],
        "differences": [],
    }


def evaluate_line(
    line: Mapping[str, Any], exact_line: Mapping[str, Any], fixture: Fixture, clean: Sanitizer
) -> dict[str, Any]:
    """Judge one runner line for one fixture."""
    loaded = line.get("loaded")
    if not isinstance(loaded, bool):
        return not_run("malformed result line: `loaded` is not a boolean")
    event = fixture.event_exact()
    expected = expected_response(event, fixture.shape)
    result = {
        "status": "rejected",
        "error": None,
        "response": None,
        "expected_response": to_plain_json(expected),
        "response_verdict": None,
        "response_differences": [],
        "differences": [],
    }
    if not loaded:
        error = line.get("error")
        result["error"] = clean(str(error)) if error is not None else "rejected (no error message)"
        return result
    response = exact_line.get("response")
    response_diffs = compare_response(expected, response)
    retyped = [d for d in response_diffs if state_retyped(d)]
    response_diffs = [d for d in response_diffs if not state_retyped(d)]
    verdict, checker_diffs = check_with_checker(
        line.get("response"),
        fixture.event_plain(),
        tumbling_window=fixture.shape == "tumbling-window",
    )
    differences = compare_view(canonical_view(event, fixture.shape), exact_line.get("view"))
    differences.extend(retyped)
    if response_diffs or checker_diffs:
        status = "response-wrong"
    elif differences:
        status = "loaded-with-differences"
    else:
        status = "loaded"
    result.update(
        status=status,
        response=to_plain_json(response),
        response_verdict=verdict,
        response_differences=_diffs_json([*response_diffs, *checker_diffs]),
        differences=_diffs_json(differences),
    )
    if line.get("error") is not None:
        result["error"] = clean(str(line["error"]))
    return result


def _tail(text: str, clean: Sanitizer, lines: int = 6) -> str:
    kept = [line for line in text.strip().splitlines() if line.strip()][-lines:]
    return clean(" | ".join(kept))


def judge_runner_output(
    language: Language,
    handler: Handler,
    fixtures: Sequence[Fixture],
    output: RunnerOutput,
    timeout: float,
    clean: Sanitizer,
) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """(per-fixture results, runner summary, failures)."""
    failures: list[str] = []
    where = f"{language.key}/{handler.name}"
    results: dict[str, Any] = {}
    invocation = output.invocation
    problem = None
    if not invocation.ok:
        problem = f"runner {invocation.describe(timeout)}"
        stderr = _tail(invocation.stderr, clean)
        if stderr:
            problem += f"; stderr: {stderr}"
    for fixture in fixtures:
        line = output.lines.get(str(fixture.file))
        if line is None:
            reason = problem or f"runner {invocation.describe(timeout)}"
            results[fixture.path] = not_run(f"no result line from the runner ({reason})")
            continue
        exact = loads_exact(output.raw[str(fixture.file)]) if output.raw else line
        result = evaluate_line(line, exact, fixture, clean)
        results[fixture.path] = result
        if result["status"] == "not-run":
            failures.append(f"{where}: {fixture.path}: {result['error']}")
        # A wrong response is the example's fault when the library handed it the data
        # intact; when the view shows the library lost or changed data, it is a finding.
        if result["status"] == "response-wrong" and (
            handler.reference or not result["differences"]
        ):
            failures.append(f"{where}: {fixture.path}: wrong response")
        if handler.reference and result["status"] in ("rejected", "loaded-with-differences"):
            failures.append(
                f"{where}: {fixture.path}: {result['status']} by a reference handler "
                "(the fixtures are valid by construction)"
            )
    missing = [f.path for f in fixtures if str(f.file) not in output.lines]
    if problem is not None:
        failures.append(f"{where}: {problem}")
    elif missing:
        failures.append(f"{where}: no result line for {len(missing)} fixture(s)")
    if output.garbage:
        failures.append(
            f"{where}: {len(output.garbage)} line(s) on stdout that are not result lines"
        )
    runner = {
        "ok": problem is None and not missing and not output.garbage,
        "problem": problem,
        "garbage": [clean(g[:200]) for g in output.garbage[:10]],
    }
    return results, runner, failures


def counts(fixture_results: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    tally = dict.fromkeys(STATUSES, 0)
    for result in fixture_results.values():
        tally[result["status"]] += 1
    return tally


def _handler_entry(
    language: Language, handler: Handler, version: str, fixture_results: dict[str, Any], runner: Any
) -> dict[str, Any]:
    return {
        "label": handler.label,
        "variant": handler.variant,
        "library": handler.library,
        "version": version,
        "source": f"examples/{language.key}/{handler.source}" if handler.source else None,
        "shapes": sorted(handler.shapes),
        "reference": handler.reference,
        "runner": runner,
        "counts": counts(fixture_results),
        "fixtures": fixture_results,
    }


def run_language(language: Language, fixtures: Sequence[Fixture], options: Options) -> LanguageRun:
    clean = Sanitizer(options.root)
    timings: dict[str, Any] = {"build": None, "handlers": {}}
    result: dict[str, Any] = {"language": language.name, "status": "ran", "message": None}
    handlers: dict[str, Any] = {}
    failures: list[str] = []

    def applicable(handler: Handler) -> list[Fixture]:
        return [f for f in fixtures if f.shape in handler.shapes]

    def all_not_run(message: str) -> None:
        for handler in language.handlers:
            results = {f.path: not_run(message) for f in applicable(handler)}
            version = handler.version or "unknown"
            handlers[handler.name] = _handler_entry(language, handler, version, results, None)

    missing = missing_requirements(language)
    if missing:
        message = f"skipped: {', '.join(missing)} not on PATH. {language.install_hint}".strip()
        result.update(status="skipped", message=message)
        all_not_run(message)
        if options.in_ci:
            failures.append(
                f"{language.key}: {message} (CI=true: a missing toolchain is a failure)"
            )
        result["handlers"] = handlers
        return LanguageRun(language.key, result, timings, failures)

    build_seconds = 0.0
    for command in language.build:
        invocation = run_command(command, language.folder, options.build_timeout)
        build_seconds += invocation.seconds
        if not invocation.ok:
            message = (
                f"build failed: `{' '.join(command)}` {invocation.describe(options.build_timeout)}"
            )
            tail = _tail(invocation.stderr or invocation.stdout, clean)
            if tail:
                message += f"; {tail}"
            result.update(status="build-failed", message=message)
            all_not_run(message)
            failures.append(f"{language.key}: {message}")
            timings["build"] = round(build_seconds, 3)
            result["handlers"] = handlers
            return LanguageRun(language.key, result, timings, failures)
    timings["build"] = round(build_seconds, 3)

    for handler in language.handlers:
        chosen = applicable(handler)
        version = handler_version(language, handler)
        mismatch = pin_mismatch(language, handler)
        if mismatch:
            failures.append(f"{language.key}/{handler.name}: {mismatch}")
        if not chosen:
            handlers[handler.name] = _handler_entry(language, handler, version, {}, None)
            continue
        output = run_handler(language, handler, [f.file for f in chosen], options.timeout)
        timings["handlers"][handler.name] = round(output.invocation.seconds, 3)
        fixture_results, runner, handler_failures = judge_runner_output(
            language, handler, chosen, output, options.timeout, clean
        )
        failures.extend(handler_failures)
        handlers[handler.name] = _handler_entry(language, handler, version, fixture_results, runner)
    result["handlers"] = handlers
    run = LanguageRun(language.key, result, timings, failures)
    run_malformed(language, options, clean, run)
    return run


def run_malformed(language: Language, options: Options, clean: Sanitizer, run: LanguageRun) -> None:
    """Every stream handler on the malformed events: findings of their own, never failures."""
    if not options.malformed:
        return
    for handler in language.handlers:
        if "stream" not in handler.shapes:
            continue
        output = run_handler(
            language, handler, [c.file for c in options.malformed], options.timeout
        )
        problem = clean(f"runner {output.invocation.describe(options.timeout)}")
        for case in options.malformed:
            line = output.lines.get(str(case.file.resolve()))
            verdict = outcome(line, case, problem)
            verdict["detail"] = clean(verdict["detail"])[:300]
            run.malformed.setdefault(case.key, {})[handler.name] = verdict


def merged_document(
    runs: Sequence[LanguageRun],
    fixtures: Sequence[Fixture],
    timings: bool,
    extra_failures: Sequence[str] = (),
    malformed: Sequence[MalformedCase] = (),
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "format": FORMAT,
        "fixtures": {f.path: {"shape": f.shape, "title": f.title} for f in fixtures},
        "languages": {run.key: run.result for run in runs},
        "failures": [*(f for run in runs for f in run.failures), *extra_failures],
    }
    if malformed:
        merged: dict[str, dict[str, dict[str, str]]] = {}
        for run in runs:
            for key, by_handler in run.malformed.items():
                merged.setdefault(key, {}).update(by_handler)
        document["malformed"] = section(malformed, merged)
    if timings:
        document["timings"] = {run.key: run.timings for run in runs}
    return document


def dumps(document: Any) -> str:
    return json.dumps(to_plain_json(document), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# ----------------------------------------------------------------------------
# Text report
# ----------------------------------------------------------------------------

_COLUMNS = (
    ("loaded", "loaded"),
    ("loaded-with-differences", "differences"),
    ("rejected", "rejected"),
    ("response-wrong", "resp-wrong"),
    ("not-run", "not-run"),
)


def report(document: Mapping[str, Any], details: bool = True) -> str:
    rows = []
    for key, language in sorted(document["languages"].items()):
        for name, handler in sorted(language["handlers"].items()):
            rows.append((f"{key}/{name}", handler["version"], handler["counts"]))
    width = max([len(r[0]) for r in rows] + [len("handler")])
    out = []
    header = f"{'handler':<{width}}  " + "  ".join(f"{label:>11}" for _, label in _COLUMNS)
    out.append(header)
    out.append("-" * len(header))
    for name, _version, tally in rows:
        out.append(f"{name:<{width}}  " + "  ".join(f"{tally[s]:>11}" for s, _ in _COLUMNS))
    for key, language in sorted(document["languages"].items()):
        if language.get("message"):
            out.append(f"\n{key}: {language['message']}")
    if details:
        for key, language in sorted(document["languages"].items()):
            for name, handler in sorted(language["handlers"].items()):
                lines = _handler_details(handler, language.get("message"))
                if lines:
                    out.append(f"\n== {key}/{name} — {handler['library']} {handler['version']}")
                    out.extend(lines)
    failures = document.get("failures") or []
    if failures:
        out.append("\nFAILURES")
        out.extend(f"  {f}" for f in failures)
    return "\n".join(out) + "\n"


def _handler_details(handler: Mapping[str, Any], said: str | None) -> list[str]:
    lines = []
    runner = handler.get("runner") or {}
    if runner.get("problem"):
        lines.append(f"  runner: {runner['problem']}")
    for garbage in runner.get("garbage") or []:
        lines.append(f"  runner printed: {garbage}")
    for path, result in sorted(handler["fixtures"].items()):
        if result["status"] == "loaded":
            continue
        if result["status"] == "not-run" and (runner.get("problem") or result["error"] == said):
            continue  # said once above, per handler or per language
        head = f"  {path}: {result['status']}"
        if result.get("error"):
            head += f": {result['error']}"
        lines.append(head)
        for diff in result.get("response_differences") or []:
            lines.append(f"    [{diff['kind']}] {diff['message']}")
        lines.extend(_grouped(result.get("differences") or []))
    return lines


_RECORD_INDEX = re.compile(r"^records\[(\d+)\]")


def _grouped(diffs: Sequence[Mapping[str, Any]]) -> list[str]:
    """One line per (kind, path) across records: `records[*]...` when repeated."""
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for diff in diffs:
        key = (diff["kind"], _RECORD_INDEX.sub("records[*]", diff["path"]))
        groups.setdefault(key, []).append(diff)
    lines = []
    for group in groups.values():
        first = group[0]
        line = f"    [{first['kind']}] {first['message']}"
        if len(group) > 1:
            line += f" (and {len(group) - 1} more record(s) alike)"
        lines.append(line)
    return lines
