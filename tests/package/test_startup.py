"""What the CLI's common commands import: a structural check on startup, not a timing.

Each command runs in a fresh interpreter with `-X importtime`, which lists every
module the command loads. The slow-to-import libraries that only some paths need
must stay off the paths a user waits on: the reference schema engine
(`jsonschema`, with `referencing` and `attrs`) off every one of them, `uuid` off
all but destination building, the filter engine off every command but `filter`,
and the fixture catalogue (every scenario) off
`generate dynamodb update`, which builds one event. How long the imports take is
measured by `nox -s bench`, never here.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT, subprocess_env

# The reference engine and what it brings; `jsonschema_rs` (the fast engine) is another package.
REFERENCE_ENGINE = ("jsonschema", "referencing", "attrs", "attr")
# The filter engine and its linter: only `ddbstreams filter` needs them.
FILTER_ENGINE = ("ddbstreams.filters.engine", "ddbstreams.filters.lint")
EVERYWHERE = (*REFERENCE_ENGINE, *FILTER_ENGINE, "uuid")
CATALOGUE = (
    "ddbstreams.fixtures",
    "ddbstreams.scenarios.stream",
    "ddbstreams.scenarios.other_shapes",
)

VALID_FILE = "events/dynamodb/dynamodb.json"

# command line -> modules it must not load (a package name covers its submodules).
COMMANDS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("--help",): EVERYWHERE,
    ("generate", "dynamodb", "update"): (*EVERYWHERE, *CATALOGUE),
    ("validate", VALID_FILE): (*EVERYWHERE, "ddbstreams.factory", "ddbstreams.fixtures"),
}


def imported_modules(*args: str) -> list[str]:
    """The modules `ddbstreams ARGS` imports, in a fresh interpreter, in import order."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ddbstreams.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=subprocess_env(),
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    modules = [
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    ]
    # Proof the listing works: the CLI itself is in it.
    assert "ddbstreams.cli" in modules, result.stderr[-2000:]
    return modules


def offenders(modules: list[str], forbidden: tuple[str, ...]) -> set[str]:
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


def test_the_check_sees_a_forbidden_import() -> None:
    """The reference engine is loaded when asked for, and the check catches it."""
    modules = imported_modules("validate", "--engine", "reference", VALID_FILE)
    assert offenders(modules, REFERENCE_ENGINE) >= {"jsonschema", "referencing"}
