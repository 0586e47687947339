"""What the CLI's common commands import: a structural check on startup, not a timing.

Each command runs in a fresh interpreter that lists, as it exits, every module
it loaded (`sys.modules`: it also sees modules loaded with `importlib`, which
`-X importtime` does not list). What a bare interpreter already loads is not
counted against a command. The libraries that cost a command's start more than
its work must stay off the paths a user waits on: `typing`, `dataclasses` (with
`inspect`), `pathlib`, `importlib.resources`, `shutil`, `subprocess`,
`tempfile`, `uuid`; the reference schema engine (`jsonschema`, with
`referencing` and `attrs`) and the filter engine off every one of them; the
fixture catalogue (every scenario) off the commands that build or print one
event; and every subcommand's module off `ddbstreams --help`. How long the
imports take is measured by `nox -s bench`, never here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT, run_cli, subprocess_env
from ddbstreams.cli import COMMANDS as CLI_COMMANDS

# The reference engine and what it brings; `jsonschema_rs` (the fast engine) is another package.
REFERENCE_ENGINE = ("jsonschema", "referencing", "attrs", "attr")
# The filter engine and its linter: only `ddbstreams filter` needs them.
FILTER_ENGINE = ("ddbstreams.filters.engine", "ddbstreams.filters.lint")
# Standard-library modules whose import costs more than the command's own work.
HEAVY_STDLIB = (
    "typing",
    "dataclasses",
    "inspect",
    "pathlib",
    "importlib.resources",
    "shutil",
    "subprocess",
    "tempfile",
    "uuid",
    "signal",  # the CLI's handlers go through `_signal`, without the enum classes
)
EVERYWHERE = (*HEAVY_STDLIB, *REFERENCE_ENGINE, *FILTER_ENGINE)
# jsonschema-rs: its import alone costs more than three interpreter starts; a small
# document is checked by the built-in engine (`validation/pyschema.py`) instead.
FAST_ENGINE = ("jsonschema_rs",)
# `decimal` (a third of an interpreter start): only numbers in exponent form, longer than
# 38 characters or in sets need it, so judging a plain event does not load it.
DECIMAL = ("decimal",)
# `random` (three C extensions and a generator seeded from the OS): the builders draw from
# `ddbstreams.seeded` instead; only scenarios and other envelopes load it.
RANDOM = ("random",)
CATALOGUE = (
    "ddbstreams.fixtures",
    "ddbstreams.scenarios.stream",
    "ddbstreams.scenarios.other_shapes",
)
# Every module that registers a subcommand: `--help` lists them from one table.
SUBCOMMAND_MODULES = tuple(sorted({module for module, _ in CLI_COMMANDS.values()}))

VALID_FILE = "events/dynamodb/stream/insert-new-image.json"
RESPONSE = "events/dynamodb/responses/partial-batch-failure.json"
ANSWERED = "events/dynamodb/stream/partial-failure.json"

# command line -> modules it must not load (a package name covers its submodules).
COMMANDS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("--help",): (*EVERYWHERE, *SUBCOMMAND_MODULES, "ddbstreams.scenarios"),
    ("generate", "dynamodb", "update"): (*EVERYWHERE, *CATALOGUE),
    ("generate", "dynamodb/stream/insert-new-image"): (
        *EVERYWHERE,
        "ddbstreams.scenarios",
        "ddbstreams.catalog",
        "ddbstreams.records",
        "ddbstreams.validation",
        "decimal",
    ),
    ("generate", "stream", "--insert", '{"Id": 1}'): (
        *EVERYWHERE,
        *CATALOGUE,
        *FAST_ENGINE,
        *DECIMAL,
        *RANDOM,
    ),
    ("validate", VALID_FILE): (
        *EVERYWHERE,
        *CATALOGUE,
        *FAST_ENGINE,
        *DECIMAL,
        *RANDOM,
        "ddbstreams.factory",
    ),
    ("check-response", "--response", RESPONSE, "--event", ANSWERED): (
        *EVERYWHERE,
        *CATALOGUE,
        *FAST_ENGINE,
        *DECIMAL,
        *RANDOM,
        "ddbstreams.factory",
    ),
}

# Runs the CLI as its console script does, then lists every loaded module on exit.
PROBE = """\
import atexit, sys
atexit.register(lambda: print("modules:", *sys.modules, file=sys.__stderr__))
if sys.argv[1] == "cli":
    from ddbstreams.cli import main
    sys.exit(main(sys.argv[2:]))
"""


def loaded_modules(*argv: str, status: int = 0) -> set[str]:
    """The modules a fresh interpreter holds on exit after running the probe with `argv`."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=subprocess_env(),
        check=False,
    )
    assert result.returncode == status, result.stderr[-2000:]
    listing = [line for line in result.stderr.splitlines() if line.startswith("modules:")]
    assert len(listing) == 1, result.stderr[-2000:]
    return set(listing[0].split()[1:])


def imported_modules(*args: str, status: int = 0) -> set[str]:
    """The modules `ddbstreams ARGS` loads beyond what a bare interpreter start loads."""
    modules = loaded_modules("cli", *args, status=status) - loaded_modules("bare")
    # Proof the listing works: the CLI itself is in it.
    assert "ddbstreams.cli" in modules
    return modules


def offenders(modules: set[str], forbidden: tuple[str, ...]) -> set[str]:
    """The forbidden packages (or modules) found among `modules`."""
    return {
        name
        for name in forbidden
        for module in modules
        if module == name or module.startswith(name + ".")
    }


@pytest.mark.parametrize("args", list(COMMANDS), ids=" ".join)
def test_command_loads_only_what_it_needs(args: tuple[str, ...]) -> None:
    found = offenders(imported_modules(*args), COMMANDS[args])
    assert found == set(), f"`ddbstreams {' '.join(args)}` imports {sorted(found)}"


@pytest.mark.parametrize("args", [(), ("bogus",), ("--bogus",)], ids=repr)
def test_usage_errors_before_a_command_load_no_subcommand(args: tuple[str, ...]) -> None:
    """`ddbstreams` alone and a mistake before the command exit 2 without any command's module."""
    found = offenders(imported_modules(*args, status=2), SUBCOMMAND_MODULES)
    assert found == set(), f"`ddbstreams {' '.join(args)}` imports {sorted(found)}"


def test_the_check_sees_a_forbidden_import() -> None:
    """The reference engine is loaded when asked for, and the check catches it."""
    modules = imported_modules("validate", "--engine", "reference", VALID_FILE)
    assert offenders(modules, REFERENCE_ENGINE) >= {"jsonschema", "referencing"}


def test_the_check_sees_a_subcommand_module() -> None:
    """A command's own module is loaded (even through `importlib`), and the check sees it."""
    modules = imported_modules("filter", "--help")
    assert offenders(modules, SUBCOMMAND_MODULES) == {"ddbstreams.filters.command"}


@pytest.mark.parametrize("columns", [None, "40", "200", "0", "-3", "wide"])
def test_help_width_is_what_shutil_reports(
    columns: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """argparse wraps help to `shutil.get_terminal_size().columns`; the CLI asks `os` alike."""
    import shutil

    from ddbstreams.cli import terminal_columns

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size().columns


def test_each_command_help_lists_the_one_line_from_the_table() -> None:
    """`ddbstreams --help` shows every command with the line stated once in `COMMANDS`."""
    result = subprocess.run(
        [sys.executable, "-m", "ddbstreams.cli", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**subprocess_env(), "COLUMNS": "300"},
        check=True,
    )
    for name, (_, line) in CLI_COMMANDS.items():
        assert f"    {name}" in result.stdout
        assert line in result.stdout


def test_a_fraction_still_loads_decimal_and_stays_exact() -> None:
    """`decimal` stays off the path only until a number needs it: then it is loaded."""
    item = '{"Id": 1, "price": 0.10, "big": 1E+40}'
    result = run_cli("generate", "stream", "--compact", "--insert", item)
    assert result.returncode == 0, result.stderr
    image = json.loads(result.stdout)["Records"][0]["dynamodb"]["NewImage"]
    assert image == {"Id": {"N": "1"}, "price": {"N": "0.1"}, "big": {"N": "1E+40"}}
