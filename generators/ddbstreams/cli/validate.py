"""`ddbstreams validate`: check events, responses and destination records against the schemas
and the rules a schema cannot state."""

from __future__ import annotations

import argparse

from . import summary
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
    from ..names import SHAPE_SCHEMAS
    from ..validation.schemas import ENGINES

    parser = commands.add_parser(
        "validate",
        help=summary("validate"),
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
        choices=ENGINES,
        default="auto",
        help="schema engine: auto (default: the built-in python engine for small documents, "
        "jsonschema-rs beyond), fast (jsonschema-rs), python, or reference (jsonschema)",
    )
    parser.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="text lines (default) or one JSON object per problem, for machines",
    )
    parser.add_argument("--root", help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    """Validate the files (or the bundled fixtures), printing each file's problems as it finishes."""
    from ..resources import data_root
    from ..validation import files

    if args.bundled == bool(args.paths):
        raise UsageError(
            "give the files or folders to validate, or --bundled for the bundled fixtures"
        )
    report = files.Report(strict=args.strict, format=args.format)
    try:
        if args.paths:
            files.require_paths(args.paths)  # every path exists, before anything is checked
            for path, scanned in files.walk(args.paths):
                checked = files.check_file(path, args.shape, args.engine, scanned=scanned)
                if checked is None:
                    files.note(f"{path}: skipped: not a document this validator knows")
                    report.skipped += 1
                else:
                    report.add(str(path), checked[1], checked[0])
        else:
            from pathlib import Path

            root = Path(args.root) if args.root else Path(str(data_root()))
            files.validate_fixtures(root, args.engine, report)
    except files.UsageError as exc:
        raise UsageError(str(exc)) from None
    if not report.files:
        raise UsageError("no files to validate (no .json file under the folders given)")
    files.note(report.summary())
    return 1 if report.failed else 0
