"""Run every case of tests/cases/filters/ on the eventbridge surface through event-ruler.

    python tests/filters/oracle_cases.py

A case agrees when event-ruler gives its `expected` outcome, or its
`event_ruler` outcome for the known defects recorded that way (`varies`:
event-ruler's answer is not stable, so it is not compared).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cases import document_text_of, load, pattern_text_of

ORACLE = Path(__file__).resolve().parents[1] / "oracles" / "event-ruler"


def main() -> int:
    cases = [
        (name, case)
        for name, case in load("operators") + load("regressions")
        if case.get("surface", "eventbridge") == "eventbridge"
    ]
    lines = "".join(
        json.dumps({"pattern": pattern_text_of(c), "event": document_text_of(c)}) + "\n"
        for _, c in cases
    )
    classpath = f"{ORACLE / 'target' / 'classes'}:{ORACLE / 'target' / 'lib' / '*'}"
    run = subprocess.run(
        ["java", "-cp", classpath, "oracle.Oracle"],
        input=lines,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    failures = unstable = 0
    for (name, case), answer in zip(cases, run.stdout.splitlines(), strict=True):
        wanted = case.get("event_ruler", case["expected"])
        if wanted == "varies":
            unstable += 1
            continue
        got: object = "error" if answer.startswith("error") else answer == "true"
        if got != wanted:
            failures += 1
            print(f"ddbstreams: {name}: event-ruler says {answer!r}, the case says {wanted!r}")
    print(
        f"ddbstreams: {len(cases)} eventbridge cases through event-ruler, {failures} disagreements"
        f" ({unstable} where event-ruler's answer varies, not compared)"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
