"""The console command that prints each stream-like fixture (`generate-commands.md`).

Collapsed by default: the page's first screen is for the event itself.
"""

from __future__ import annotations

from ddbstreams.scenarios.sam import FIXTURES as SAM_FIXTURES

from ._markdown import cell, indent, rel
from ._sources import fixtures

# Included by docs/dynamodb.md; links are relative to it.
PAGE = "dynamodb.md"
# Shapes whose fixtures `ddbstreams generate NAME` prints as an event a function receives.
EVENT_SHAPES = ("stream", "pipes", "tumbling-window")
SAM_COMMAND = "ddbstreams generate dynamodb update --region eu-west-1 --table Orders"


def render() -> str:
    sam_paths = {f.path for f in SAM_FIXTURES}
    rows = ["| Variant | Command |", "|---|---|"]
    for fixture in fixtures():
        if fixture.shape not in EVENT_SHAPES:
            continue
        command = (
            SAM_COMMAND if fixture.path in sam_paths else f"ddbstreams generate {fixture.name}"
        )
        rows.append(f"| [{cell(fixture.title)}]({rel(PAGE, fixture.path)}) | `{command}` |")
    return (
        "``` bash\n"
        "# the SAM template's equivalent, with your own names\n"
        f"{SAM_COMMAND}\n"
        "# rewrite every fixture in events/ (what `nox -s generate` runs)\n"
        "python -m ddbstreams.write_fixtures\n"
        "```\n\n"
        '??? note "The command for every variant"\n\n' + indent("\n".join(rows), 4) + "\n"
    )


def build() -> dict[str, str]:
    return {"generate-commands.md": render()}
