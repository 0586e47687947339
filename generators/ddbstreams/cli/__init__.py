"""The `ddbstreams` command: generate events, validate them, check a function's response.

Each subcommand is a module with `register(subparsers)`, which adds its parser
and sets `run`, the function that carries it out and returns the exit status:
0 ok, 1 invalid input (bad JSON, an item DynamoDB would reject, an invalid
event), 2 usage error. Only the module of the command on the command line is
imported; every other command is a one-line entry of `COMMANDS`, enough for
`ddbstreams --help`. Subcommand modules import their heavy parts inside `run`,
so `--help` and every command start fast.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import os
import sys

from .errors import InputError, UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import signal as signals
    from collections.abc import Iterator, Sequence
    from typing import Any, NoReturn
else:
    try:
        # The C module `signal` wraps: the same functions and numbers, without the enum
        # classes `signal` builds on import (a twentieth of an interpreter start).
        import _signal as signals
    except ImportError:  # an interpreter without it
        import signal as signals

PROG = "ddbstreams"

# Every subcommand, in the order `--help` lists them: the module that registers it
# (adding its parser and options) and the one line `ddbstreams --help` shows for it.
# A module registering two commands (simulate, audit) registers them in this order.
COMMANDS: dict[str, tuple[str, str]] = {
    "generate": (
        "ddbstreams.cli.generate",
        "print a published fixture, the SAM `dynamodb update` event, or a custom event",
    ),
    "validate": (
        "ddbstreams.cli.validate",
        "validate events, responses and destination records",
    ),
    "check-response": (
        "ddbstreams.cli.check_response",
        "what Lambda does with a function's response to a batch",
    ),
    "filter": (
        "ddbstreams.filters.command",
        "which records a mapping's FilterCriteria deliver, and why not; "
        "`filter lint` checks patterns",
    ),
    "simulate": (
        "ddbstreams.simulate.command",
        "run a handler as a DynamoDB stream event source mapping would",
    ),
    "audit": (
        "ddbstreams.simulate.command",
        "find the mistakes a handler makes with stream batches",
    ),
}


def summary(command: str) -> str:
    """The one-line help of `command`, as `ddbstreams --help` lists it."""
    return COMMANDS[command][1]


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


def terminal_columns() -> int:
    """`shutil.get_terminal_size().columns`, the width argparse wraps help to.

    argparse imports `shutil` (with `bz2`, `lzma`, `fnmatch`) for this one number
    whenever an option is added; asking `os` directly keeps that off every start.
    """
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        size = os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80
    return size.columns or 80


class Parser(argparse.ArgumentParser):
    """A parser whose mistakes are one `ddbstreams: error:` line, like every other message."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")

    def _get_formatter(self) -> argparse.HelpFormatter:
        # The width argparse would compute, without the `shutil` import it costs.
        # Every HelpFormatter takes `width`; the stubs only promise `prog`.
        return self.formatter_class(prog=self.prog, width=terminal_columns() - 2)  # type: ignore[call-arg]


def command_named(argv: Sequence[str]) -> str | None:
    """The subcommand `argv` names: its first word that is not an option.

    The top-level parser has only flag options (`-h`, `--version`), none taking
    a value, so this is the word argparse reads as the command.
    """
    words = iter(argv)
    for word in words:
        if word == "--":
            return next(words, None)
        if not word.startswith("-") or word == "-":
            return word
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line with `command`'s module registered, or every command as a stub.

    A stub carries only the command's name and one-line help, so `ddbstreams
    --help` (and a mistake before the command) imports no subcommand module.
    """
    parser = Parser(
        prog=PROG,
        description=(
            "Canonical DynamoDB Streams events for AWS Lambda: generate, validate, check responses."
        ),
        epilog=MAIN_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = COMMANDS[command][0] if command in COMMANDS else None
    for name, (module, line) in COMMANDS.items():
        if wanted is None:  # `--help`, or no command: every command listed, none imported
            commands.add_parser(name, help=line, add_help=False)
        elif module == wanted and name not in commands.choices:
            # A known command: only its parser is built (each parser costs argparse's
            # translation lookups); argparse names no other command once it has one.
            importlib.import_module(module).register(commands)
    return parser


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind (removing temporary files), then exit 128 + signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, frame: object) -> None:
    raise Terminated(signum)


def _prepare_streams() -> None:
    """Unencodable characters are escaped, never an exception, whatever the locale."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


@contextlib.contextmanager
def _signals_unwind() -> Iterator[None]:
    """While a command runs, SIGTERM and SIGHUP unwind the stack like Ctrl-C does."""
    previous: dict[int, Any] = {}
    for signum in (signals.SIGTERM, signals.SIGHUP):
        with contextlib.suppress(ValueError, OSError):  # not the main thread
            previous[signum] = signals.signal(signum, _terminate)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signals.signal(number, handler)


def _error(message: str) -> None:
    from ..terminal import line

    with contextlib.suppress(OSError, ValueError):
        print(line(f"{PROG}: error: {message}"), file=sys.stderr, flush=True)


def _stdout_gone() -> None:
    """stdout closed under us (`| head`): send the rest to /dev/null so exiting stays quiet."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line `argv` (default `sys.argv[1:]`); returns the exit status.

    No input makes it print a traceback: usage errors exit 2, bad input 1,
    Ctrl-C 130, SIGTERM/SIGHUP 128 + the signal, a closed stdout quietly.
    """
    _prepare_streams()
    try:
        words = sys.argv[1:] if argv is None else list(argv)
        parser = build_parser(command_named(words))
        args = parser.parse_args(words)
        if args.command is None:
            parser.print_help(sys.stderr)
            return 2
        with _signals_unwind():
            status = int(args.run(args))
            sys.stdout.flush()
        return status
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except UsageError as exc:
        _error(str(exc))
        return 2
    except (InputError, ValueError) as exc:
        # ValueError: an item the factory refuses (MarshalError is one).
        _error(str(exc))
        return 1
    except BrokenPipeError:
        _stdout_gone()
        return 1
    except OSError as exc:
        _error(exc.strerror or str(exc))
        return 1
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except Terminated as exc:
        _error(f"terminated by signal {exc.signum}")
        return 128 + exc.signum
    except RecursionError:
        _error("input nested too deeply")
        return 1
    except MemoryError:
        _error("out of memory")
        return 1
