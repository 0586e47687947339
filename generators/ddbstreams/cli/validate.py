"""`ddbstreams validate`: check events, responses and destination records against the schemas
and the rules a schema cannot state."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import UsageError

VALIDATE_EXAMPLES = """\
examples:
  ddbstreams validate my-event.json dir/          # your own files (shape detected)
  ddbstreams validate --shape pipes batch.json
  ddbstreams validate --bundled                   # every fixture this package carries

Each problem is printed as `file: /json/pointer: rule: message`.
Exit status: 0 valid, 1 invalid (or warnings with --strict), 2 usage error.
"""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `validate` to the command line."""
    from ..catalog import SHAPE_SCHEMAS

    parser = commands.add_parser(
        "validate",
        help="validate events, responses and destination records",
        description="Validate DynamoDB Streams events, responses and destination records.",
        epilog=VALIDATE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(run=run)
    parser.add_argument("paths", nargs="*", help="event files or folders")
    parser.add_argument(
        "--bundled", action="store_true", help="validate every fixture this package carries"
    )
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
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    """Validate the files (or the bundled fixtures); print each problem, then a summary."""
    from ..resources import data_root
    from ..validation import files

    if args.bundled == bool(args.paths):
        raise UsageError(
            "give the files or folders to validate, or --bundled for the bundled fixtures"
        )
    report = files.Report(strict=args.strict)
    try:
        if args.paths:
            for path in files.expand(args.paths):
                report.add(str(path), files.validate_file(path, args.shape, args.engine))
        else:
            root = args.root or Path(str(data_root()))
            files.validate_fixtures(root, args.engine, report)
    except files.UsageError as exc:
        raise UsageError(str(exc)) from None
    for line in report.lines:
        print(line)
    print(f"ddbstreams: {report.summary()}", file=sys.stderr)
    return 1 if report.failed else 0
