"""The `ddbstreams` command: generate events, validate them, check a function's response.

Each subcommand is a module with `register(subparsers)`, which adds its parser
and sets `run`, the function that carries it out and returns the exit status:
0 ok, 1 invalid input (bad JSON, an item DynamoDB would reject, an invalid
event), 2 usage error. Subcommand modules import their heavy parts inside
`run`, so `--help` and every command start fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .errors import InputError, UsageError

PROG = "ddbstreams"

# The modules that register the subcommands, in the order `--help` lists them.
COMMANDS = (
    "ddbstreams.cli.generate",
    "ddbstreams.cli.validate",
    "ddbstreams.cli.check_response",
    "ddbstreams.filters.command",  # filter, filter lint
    "ddbstreams.simulate.command",  # simulate, audit
)

MAIN_EXAMPLES = """\
examples:
  ddbstreams generate --list
  ddbstreams generate dynamodb/stream/insert-new-image
  ddbstreams generate dynamodb update --region eu-west-1 --table Orders
  ddbstreams generate stream --keys pk --insert '{"pk": "a", "n": 1}' -o event.json
  ddbstreams validate event.json events/
  ddbstreams check-response --response response.json --event event.json

Run `ddbstreams COMMAND --help` for each command's options.
"""


def _version() -> str:
    from .. import __version__

    return __version__


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Canonical DynamoDB Streams events for AWS Lambda: generate, validate, check responses."
        ),
        epilog=MAIN_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(name).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line `argv` (default `sys.argv[1:]`); returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else list(argv))
        if args.command is None:
            parser.print_help(sys.stderr)
            return 2
        return int(args.run(args))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except (InputError, ValueError) as exc:
        # ValueError: an item the factory refuses (MarshalError is one).
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
