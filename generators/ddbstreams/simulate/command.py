"""`ddbstreams simulate` and `ddbstreams audit`: the simulator and the audit from a shell.

A handler is a Python function (`--handler module:function`, imported from the
current directory) or any program speaking the example runners' contract
(`--command "node dist/runner.js stream"`): the command gets one event file's
path appended and prints one JSON line `{"loaded": ..., "error": ..., "response": ...}`
(examples/CONTRACT.md). `loaded: false` counts as the function raising.

Exit status: 0 every record was processed (simulate) or no finding (audit);
1 records were discarded or lost, a finding, or invalid input; 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import json
import shlex
import subprocess
import sys
import tempfile
import typing
from collections.abc import Callable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from ..cli import summary
from .assumptions import Assumptions

if typing.TYPE_CHECKING:
    from .engine import Handler

PROG = "ddbstreams"
COMMAND_TIMEOUT_SECONDS = 120

SIMULATE_EXAMPLES = """\
examples:
  ddbstreams simulate --mapping mapping.json --handler app:handler event.json
  ddbstreams simulate --mapping mapping.json --command "node dist/runner.js stream" events/*.json
  ddbstreams simulate --mapping mapping.json --handler app:handler --assume partial_counts=always event.json
  ddbstreams simulate --mapping mapping.json --handler app:handler --json -o trace.json --svg trace.svg event.json

mapping.json holds event source mapping settings with AWS's names, e.g.
  {"BatchSize": 3, "FunctionResponseTypes": ["ReportBatchItemFailures"],
   "MaximumRetryAttempts": 3, "DestinationConfig": {"OnFailure": {"Destination": "arn:aws:sqs:..."}}}
Exit status: 0 every record was processed, 1 some were discarded or lost (or bad input), 2 usage error.
"""

AUDIT_EXAMPLES = """\
examples:
  ddbstreams audit --handler app:handler
  ddbstreams audit --handler app:handler --pipes --poison '{"status": "poison"}'
  ddbstreams audit --handler windows:handler --window
  ddbstreams audit --command "python -m runner plain"
  ddbstreams audit --handler app:handler --probe app:rows_written

A poison record is one whose NewImage carries the --poison attributes (default {"fail": true});
the handler is expected to fail on it and on nothing else.
Exit status: 0 no finding (warnings only fail with --strict), 1 findings or bad input, 2 usage error.
"""


class UsageError(Exception):
    """A command line that cannot run: exit status 2."""


class InputError(Exception):
    """Input that is not acceptable: exit status 1."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `simulate` and `audit` to the `ddbstreams` command."""
    sim = subparsers.add_parser(
        "simulate",
        help=summary("simulate"),
        description="Run a handler as Lambda's event source mapping would, in virtual time: "
        "batches, retries, bisection, partial failures, on-failure records, windows.",
        epilog=SIMULATE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sim.add_argument("--mapping", metavar="FILE", help="event source mapping settings (JSON)")
    _handler_options(sim)
    sim.add_argument("inputs", nargs="+", metavar="EVENT_OR_RECORDS", help="JSON files, in order")
    sim.add_argument(
        "--assume",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=f"an undocumented behaviour's reading: {', '.join(Assumptions.names())}",
    )
    sim.add_argument(
        "--handler-seconds", type=float, default=0.1, help="virtual duration of each invocation"
    )
    sim.add_argument("--start", type=float, help="virtual start time (epoch seconds)")
    sim.add_argument("--json", action="store_true", help="print the trace as JSON")
    sim.add_argument("-o", "--output", metavar="FILE", help="write the trace JSON to FILE")
    sim.add_argument("--svg", metavar="FILE", help="write the timeline picture to FILE")
    sim.set_defaults(run=run_simulate)

    aud = subparsers.add_parser(
        "audit",
        help=summary("audit"),
        description="Run a handler through the simulator on adversarial batches and report "
        "what it gets wrong, each finding with the trace that shows it.",
        epilog=AUDIT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _handler_options(aud)
    aud.add_argument("--pipes", action="store_true", help="also feed EventBridge Pipes arrays")
    aud.add_argument("--window", action="store_true", help="audit a tumbling-window handler")
    aud.add_argument(
        "--poison", metavar="JSON", help='attributes of a poison record ({"fail": true})'
    )
    aud.add_argument(
        "--probe",
        metavar="MODULE:FUNCTION",
        help="a Python function returning a snapshot of the handler's side effects "
        "(checks idempotence)",
    )
    aud.add_argument("--strict", action="store_true", help="warnings fail too")
    aud.add_argument("--json", action="store_true", help="print the findings as JSON")
    aud.set_defaults(run=run_audit)


def _handler_options(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--handler", metavar="MODULE:FUNCTION", help="a Python handler")
    which.add_argument(
        "--command", metavar="COMMAND", help="a program speaking the example runners' contract"
    )


# --- running -------------------------------------------------------------------------------


def run_simulate(args: argparse.Namespace) -> int:
    return _guarded(_simulate, args)


def run_audit(args: argparse.Namespace) -> int:
    return _guarded(_audit, args)


def _guarded(body: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    # The engine loads only when a command runs, so `ddbstreams --help` stays fast.
    from .engine import SimulationError
    from .settings import MappingError

    try:
        return body(args)
    except UsageError as exc:
        _say(f"error: {exc}")
        return 2
    except (InputError, MappingError, SimulationError, ValueError, OSError) as exc:
        _say(f"error: {exc}")
        return 1


def _simulate(args: argparse.Namespace) -> int:
    from ..jsonio import write_atomic
    from .clock import VirtualClock
    from .engine import simulate
    from .settings import EventSourceMapping
    from .svg import timeline_svg

    mapping = EventSourceMapping.from_dict(_read_json(args.mapping) if args.mapping else {})
    assumptions = _assumptions(args.assume)
    handler = _handler(args)
    records: list[Any] = []
    for name in args.inputs:
        records.append(_read_json(name))
    clock = VirtualClock(start=args.start, handler_seconds=args.handler_seconds)
    trace = simulate(handler, records, mapping, clock=clock, assumptions=assumptions)
    if args.output:
        write_atomic(Path(args.output), trace.to_json())
    if args.svg:
        write_atomic(Path(args.svg), timeline_svg(trace))
    print(_printable(trace.to_json() if args.json else trace.to_text()), end="")
    metrics = trace.metrics()
    return 0 if metrics["succeeded"] + metrics["filtered"] == metrics["records"] else 1


def _audit(args: argparse.Namespace) -> int:
    from .audit import audit

    poison = _parse_json(args.poison, "--poison") if args.poison else None
    if poison is not None and not isinstance(poison, dict):
        raise UsageError("--poison must be a JSON object of attributes")
    probe = python_handler(args.probe, kind="--probe") if args.probe else None
    report = audit(_handler(args), poison=poison, pipes=args.pipes, window=args.window, probe=probe)
    text = json.dumps(report.to_dict(), indent=2) + "\n" if args.json else report.to_text()
    print(_printable(text), end="")
    return 1 if report.failed(strict=args.strict) else 0


# --- handlers ------------------------------------------------------------------------------


def _handler(args: argparse.Namespace) -> Handler:
    if args.handler:
        return typing.cast("Handler", python_handler(args.handler))
    return command_handler(args.command)


def python_handler(spec: str, *, kind: str = "--handler") -> Any:
    """`module:function`, imported with the current directory on the path."""
    module_name, _, function_name = spec.partition(":")
    if not module_name or not function_name:
        raise UsageError(f"{kind} takes MODULE:FUNCTION, not {spec!r}")
    if "" not in sys.path and str(Path.cwd()) not in sys.path:
        sys.path.insert(0, str(Path.cwd()))
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise InputError(f"cannot import {module_name}: {exc}") from None
    function = getattr(module, function_name, None)
    if not callable(function):
        raise InputError(f"{module_name} has no function {function_name}")
    return function


class CommandFailed(RuntimeError):
    """The handler process reported an error (`loaded: false`) or crashed."""


def command_handler(command: str | Sequence[str], cwd: Path | None = None) -> Handler:
    """A handler that runs `command EVENT_FILE` once per invocation (examples/CONTRACT.md),
    in `cwd` (default: the current directory)."""
    from .engine import SimulationError

    argv = shlex.split(command) if isinstance(command, str) else list(command)
    if not argv:
        raise UsageError("--command is empty")

    def handler(event: Any, _context: Any) -> Any:
        with tempfile.TemporaryDirectory(prefix="ddbstreams-simulate-") as folder:
            path = Path(folder) / "event.json"
            path.write_text(json.dumps(event), encoding="utf-8")
            try:
                done = subprocess.run(
                    [*argv, str(path)],
                    capture_output=True,
                    text=True,
                    timeout=COMMAND_TIMEOUT_SECONDS,
                    check=False,
                    cwd=cwd,
                )
            except FileNotFoundError:
                raise SimulationError(f"cannot run {argv[0]!r}: not found") from None
            except subprocess.TimeoutExpired:
                raise TimeoutError(f"no answer within {COMMAND_TIMEOUT_SECONDS} s") from None
        line = next((x for x in done.stdout.splitlines() if x.strip()), "")
        try:
            result = json.loads(line)
        except json.JSONDecodeError:
            raise CommandFailed(
                f"exit status {done.returncode}, no result line: {done.stderr.strip()[-200:]}"
            ) from None
        if not isinstance(result, dict) or "loaded" not in result:
            raise CommandFailed("the result line is not a runner result object")
        if not result["loaded"]:
            raise CommandFailed(str(result.get("error")))
        return result.get("response")

    return handler


# --- input ---------------------------------------------------------------------------------


def _read_json(name: str) -> Any:
    try:
        text = Path(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror}") from None
    return _parse_json(text, name)


def _parse_json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not JSON: {exc}") from None


def _assumptions(given: Sequence[str]) -> Assumptions:
    """`NAME=VALUE` pairs checked against the fields of `Assumptions` and their choices."""
    hints = typing.get_type_hints(Assumptions)
    chosen: dict[str, Any] = {}
    known = {f.name for f in fields(Assumptions)}
    for pair in given:
        name, sep, raw = pair.partition("=")
        if not sep or name not in known:
            raise UsageError(
                f"--assume takes NAME=VALUE with NAME one of {', '.join(sorted(known))}"
            )
        chosen[name] = _assumption_value(name, raw, hints[name])
    return Assumptions(**chosen)


def _assumption_value(name: str, raw: str, hint: Any) -> Any:
    choices = typing.get_args(hint) if typing.get_origin(hint) is typing.Literal else ()
    if choices:
        for choice in choices:
            if str(choice) == raw:
                return choice
        raise UsageError(f"--assume {name} takes one of {', '.join(map(str, choices))}")
    if hint is bool:
        if raw not in ("true", "false"):
            raise UsageError(f"--assume {name} takes true or false")
        return raw == "true"
    if hint is float:
        try:
            return float(raw)
        except ValueError:
            raise UsageError(f"--assume {name} takes a number") from None
    return raw


def _printable(text: str) -> str:
    """Control characters (from a handler's error message, say) never reach the terminal raw."""
    return "".join(
        c if c in "\n\t" or (c.isprintable() and c != "\x7f") else f"\\x{ord(c):02x}" for c in text
    )


def _say(message: str) -> None:
    print(f"{PROG}: {_printable(message)}", file=sys.stderr)
