"""`ddbstreams filter` and `ddbstreams filter lint`: what a mapping's filters deliver, and why not.

Exit status: 0 done (records may be dropped; that is an answer, not an
error), 1 invalid input (a pattern AWS refuses, an unreadable event, lint
errors), 2 usage (bad options, a missing file, YAML without PyYAML).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..cli import summary
from ..names import VIEW_TYPES
from .surfaces import DEFAULT_MAX_FILTERS, RAISED_MAX_FILTERS, SURFACES, Surface

# The engine, the linter and the template reader load when a filter runs, not when the
# command line is built (every `ddbstreams` command registers `filter`).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO

    from .lint import Finding
    from .sources import CriteriaSource

PROG = "ddbstreams filter"
EXAMPLES = """\
examples:
  ddbstreams filter --criteria template.yaml events/dynamodb/stream/modify-new-image.json
  ddbstreams filter --pattern '{"eventName": ["INSERT"]}' event.json --format json
  ddbstreams filter --criteria criteria.json --surface pipes batch.json
  ddbstreams filter lint template.yaml --view-type NEW_IMAGE
  ddbstreams filter lint '{"dynamodb": {"NewImage": {"n": {"N": [{"numeric": [">", 1]}]}}}}'

--criteria reads a pattern, a FilterCriteria object ({"Filters": [{"Pattern": "..."}]}, what
`aws lambda create-event-source-mapping --filter-criteria` takes), or an AWS SAM /
CloudFormation template in JSON or YAML (every event source mapping, SAM DynamoDB event and
pipe, by logical ID; YAML needs the `yaml` extra).
"""


class UsageError(Exception):
    """Bad options or unreadable files: exit 2."""


def _clean(text: str) -> str:
    """Text with control characters escaped, so none reaches the terminal raw."""
    return "".join(
        ch
        if ch in "\n" or (ord(ch) >= 32 and ord(ch) != 127 and not 0x80 <= ord(ch) < 0xA0)
        else f"\\u{ord(ch):04x}"
        for ch in text
    )


def _say(stream: TextIO, text: str) -> None:
    stream.write(_clean(text) + "\n")


def _parameters(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UsageError(f"--parameter takes NAME=VALUE, not {pair!r}")
        out[name] = value
    return out


def _read_sources(args: argparse.Namespace, spec: str) -> list[CriteriaSource]:
    """Criteria from a file path, or from JSON text given on the command line."""
    from .sources import SourceError, load_sources, sources_from_document
    from .templates import YamlUnavailable

    path = Path(spec)
    try:
        if path.is_file():
            return load_sources(path, _parameters(args.parameter))
        if spec.lstrip().startswith(("{", "[")):
            try:
                document = json.loads(spec)
            except ValueError as exc:
                raise SourceError(f"not valid JSON: {exc}") from None
            return sources_from_document(document, "pattern", _parameters(args.parameter))
    except YamlUnavailable as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"cannot read {spec}: {exc.strerror}") from None
    raise UsageError(f"no such file: {spec}")


def _select(sources: list[CriteriaSource], wanted: str | None) -> list[CriteriaSource]:
    if wanted is None:
        return sources
    chosen = [s for s in sources if s.name == wanted]
    if not chosen:
        names = ", ".join(s.name for s in sources)
        raise UsageError(f"no mapping called {wanted!r}; the file has: {names}")
    return chosen


def _read_event(path_text: str) -> dict[str, Any]:
    from .jsontext import loads_document
    from .sources import SourceError

    path = Path(path_text)
    if not path.is_file():
        raise UsageError(f"no such file: {path_text}")
    try:
        document = loads_document(path.read_text("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path_text}: not valid JSON: {exc}") from None
    if isinstance(document, dict) and isinstance(document.get("Records"), list):
        return document
    if isinstance(document, list):
        return {"Records": document}
    if isinstance(document, dict):
        return {"Records": [document]}
    raise SourceError(
        f"{path_text}: expected an event with Records, a record, or a list of records"
    )


def run_filter(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from .criteria import FilterCriteria, filter_batch

    out = out or sys.stdout
    spec = args.criteria or args.pattern
    if spec is None:
        raise UsageError("give --criteria FILE or --pattern JSON")
    if not args.items:
        raise UsageError("give at least one EVENT file")
    sources = _select(_read_sources(args, spec), args.mapping)
    results: list[dict[str, Any]] = []
    for source in sources:
        surface: Surface = args.surface or source.surface
        criteria = FilterCriteria.parse(
            {"Filters": [{"Pattern": p} for p in source.patterns]}, surface, args.max_filters
        )
        for event_path in args.items:
            batch = filter_batch(_read_event(event_path), criteria, surface, args.max_filters)
            dropped = {d.index: d for d in batch.dropped}
            delivered = dict(batch.delivered)
            for index in sorted([*delivered, *dropped]):
                entry: dict[str, Any] = {"record": index, "delivered": index in delivered}
                if len(args.items) > 1:
                    entry["event"] = event_path
                if len(sources) > 1:
                    entry["mapping"] = source.name
                if index in delivered:
                    entry["filter"] = delivered[index] if delivered[index] >= 0 else None
                else:
                    entry["reasons"] = [str(r) for r in dropped[index].reasons]
                results.append(entry)
            if args.format == "text":
                where = (
                    f"{source.name} on {event_path}"
                    if len(sources) > 1 or len(args.items) > 1
                    else event_path
                )
                total = len(delivered) + len(dropped)
                _say(
                    out,
                    f"{where}: {len(delivered)} of {total} records delivered"
                    + ("" if batch.invoked else " (the function is not invoked)"),
                )
                for entry in [
                    e
                    for e in results
                    if e.get("event", event_path) == event_path
                    and e.get("mapping", source.name) == source.name
                ]:
                    if entry["delivered"]:
                        which = (
                            "no filters" if entry["filter"] is None else f"filter {entry['filter']}"
                        )
                        _say(out, f"  record {entry['record']}: delivered ({which})")
                    else:
                        _say(out, f"  record {entry['record']}: dropped")
                        for number, reason in enumerate(entry["reasons"]):
                            _say(out, f"    filter {number}: {reason}")
    if args.format == "json":
        _say(out, json.dumps(results, ensure_ascii=False, indent=2))
    return 0


def _finding_text(source: str, finding: Finding) -> str:
    where = f" filter {finding.filter}" if finding.filter is not None else ""
    pointer = finding.pointer or "/"
    return f"{source}{where} {pointer}: {finding.severity} {finding.rule} {finding.message}"


def run_lint(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from .lint import lint_criteria

    out = out or sys.stdout
    if not args.items:
        raise UsageError("give at least one FILE (or pattern JSON) to lint")
    report: list[dict[str, Any]] = []
    failed = False
    for spec in args.items:
        for source in _select(_read_sources(args, spec), args.mapping):
            surface: Surface = args.surface or source.surface
            view_type = args.view_type or source.view_type
            findings = lint_criteria(
                source.patterns, surface, view_type, args.max_filters, not args.no_fixtures
            )
            for finding in findings:
                if finding.severity == "error" or args.strict:
                    failed = True
                entry = finding.as_dict()
                entry["mapping"] = source.name
                entry["file"] = spec if Path(spec).is_file() else "pattern"
                report.append(entry)
                if args.format == "text":
                    _say(out, _finding_text(source.name, finding))
            if args.format == "text" and not findings:
                _say(
                    out,
                    f"{source.name}: ok ({len(source.patterns)} filters, {surface}"
                    + (f", {view_type}" if view_type else "")
                    + ")",
                )
    if args.format == "json":
        _say(out, json.dumps(report, ensure_ascii=False, indent=2))
    return 1 if failed else 0


def run(args: argparse.Namespace) -> int:
    """Entry point set with `set_defaults(run=...)`: filter mode, or lint when the first item is `lint`."""
    from .errors import FilterPatternError
    from .sources import SourceError

    try:
        if args.items and args.items[0] == "lint":
            args.items = args.items[1:]
            return run_lint(args)
        return run_filter(args)
    except UsageError as exc:
        _say(sys.stderr, f"ddbstreams: {exc}")
        return 2
    except (FilterPatternError, SourceError, ValueError) as exc:
        _say(sys.stderr, f"ddbstreams: {exc}")
        return 1


def _max_filters(text: str) -> int:
    value = int(text)
    if not 1 <= value <= RAISED_MAX_FILTERS:
        raise argparse.ArgumentTypeError(f"must be 1 to {RAISED_MAX_FILTERS}")
    return value


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `filter` (and its `lint` form) to the `ddbstreams` command."""
    parser = subparsers.add_parser(
        "filter",
        help=summary("filter"),
        description="Evaluate FilterCriteria on events as Lambda, Pipes or EventBridge would, "
        "or lint patterns (`ddbstreams filter lint FILE...`).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "items",
        nargs="*",
        metavar="EVENT",
        help="event files; or `lint` then pattern/template files",
    )
    parser.add_argument(
        "--criteria",
        metavar="FILE",
        help="pattern, FilterCriteria, CLI JSON or SAM/CloudFormation template",
    )
    parser.add_argument(
        "--pattern", metavar="JSON", help="one pattern as JSON text (instead of --criteria)"
    )
    parser.add_argument("--mapping", metavar="LOGICAL_ID", help="only this mapping of a template")
    parser.add_argument(
        "--surface", choices=SURFACES, help="lambda (default), pipes or eventbridge"
    )
    parser.add_argument(
        "--max-filters",
        type=_max_filters,
        default=DEFAULT_MAX_FILTERS,
        help=f"the mapping's filter quota (default {DEFAULT_MAX_FILTERS}, at most {RAISED_MAX_FILTERS})",
    )
    parser.add_argument(
        "--view-type",
        choices=VIEW_TYPES,
        help="lint: the stream's view type",
    )
    parser.add_argument("--strict", action="store_true", help="lint: warnings fail too")
    parser.add_argument(
        "--no-fixtures",
        action="store_true",
        help="lint: skip matching the patterns against the canonical records",
    )
    parser.add_argument(
        "--parameter",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a template parameter for !Sub",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run)
