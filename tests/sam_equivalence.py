"""`ddbstreams generate dynamodb update` against `sam local generate-event dynamodb update`.

Run by `nox -s sam` with the SAM CLI installed: for each set of options in the
grid, both commands run and their outputs must be JSON-equal. SAM is the
oracle: nothing here is computed by this package.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from typing import Any

# Every option SAM takes for this event, over each partition's region forms.
GRID: list[dict[str, str]] = [
    {},
    {"region": "eu-west-1", "table": "Orders"},
    {"partition": "aws-cn", "region": "cn-north-1", "account-id": "111122223333"},
    {"partition": "aws-us-gov", "region": "us-gov-west-1", "table": "my.table_v2"},
    {"partition": "aws-eusc", "region": "eusc-de-east-1", "account-id": "000000000000"},
    {"partition": "aws-iso-b", "region": "us-isob-east-1", "table": "abc"},
]


def _run(command: list[str], options: dict[str, str]) -> Any:
    args = [part for name, value in options.items() for part in (f"--{name}", value)]
    env = {**os.environ, "SAM_CLI_TELEMETRY": "0"}
    with tempfile.TemporaryDirectory() as empty:  # no samconfig.toml to pick up
        result = subprocess.run(
            [*command, *args], capture_output=True, text=True, env=env, cwd=empty, check=False
        )
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command + args)} failed:\n{result.stderr}")
    return json.loads(result.stdout)


def main() -> int:
    failures = 0
    for options in GRID:
        ours = _run(["ddbstreams", "generate", "dynamodb", "update"], options)
        sam = _run(["sam", "local", "generate-event", "dynamodb", "update"], options)
        verdict = "equal" if ours == sam else "DIFFERENT"
        failures += ours != sam
        print(f"{verdict}: {json.dumps(options)}")
    print(f"{len(GRID) - failures} of {len(GRID)} option sets JSON-equal to SAM's output")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
