"""`ddbstreams check-response`: what Lambda does with a function's response to a batch."""

from __future__ import annotations

import argparse

from . import summary
from .errors import InputError, UsageError

CHECK_EXAMPLES = """\
examples:
  ddbstreams check-response --response response.json --event event.json

Validates the event, then states what Lambda does with the response: full
success, a checkpoint and the records retried, or a failure of the whole batch.
Exit status: 0 Lambda accepts the response, 1 it does not (or the event is invalid), 2 usage error.
"""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `check-response` to the command line."""
    parser = commands.add_parser(
        "check-response",
        help=summary("check-response"),
        description="Check a function's response against the event it answers.",
        epilog=CHECK_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(run=run)
    parser.add_argument(
        "--response", metavar="FILE", required=True, help="the function's response (JSON)"
    )
    parser.add_argument(
        "--event", metavar="FILE", required=True, help="the event it answers (JSON)"
    )


def run(args: argparse.Namespace) -> int:
    """Print the event's problems, the response's, and the verdict."""
    from ..validation import files

    try:
        return files.check_response_files(args.response, args.event)
    except files.UsageError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc}") from None
