"""Audit every example handler, in every language, through the runner contract.

    python tests/simulate/audit_examples.py                 # every language found
    python tests/simulate/audit_examples.py --language ruby --json results.json

Each `examples/<language>/runner.json` names its handlers, the shapes they accept and the
command that runs one; the audit runs each stream handler and each tumbling-window handler
through the simulator (Pipes arrays are left to the conformance run, which records a library
that rejects them as a finding about the library). The language's build commands run first
(they are incremental). A missing toolchain skips the language, or fails the run when
CI=true, as the conformance run does. Exit 1 when any handler has an error finding.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from ddbstreams.jsonio import write_atomic
from ddbstreams.simulate.audit import audit
from ddbstreams.simulate.command import command_handler

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def audit_language(folder: Path, *, build: bool) -> list[dict[str, Any]]:
    spec = json.loads((folder / "runner.json").read_text("utf-8"))
    missing = [tool for tool in spec["requires"] if shutil.which(tool) is None]
    if missing:
        message = f"{spec['language']}: {', '.join(missing)} not found; {spec['install_hint']}"
        if os.environ.get("CI") == "true":
            raise SystemExit(f"ddbstreams: {message}")
        print(f"ddbstreams: skipped {message}", file=sys.stderr)
        return []
    if build:
        for step in spec["build"]:
            subprocess.run(step, cwd=folder, check=True, stdout=subprocess.DEVNULL)
    results = []
    for handler in spec["handlers"]:
        shapes = set(handler["shapes"])
        if not shapes & {"stream", "tumbling-window"}:
            continue  # the audit's batches are stream events
        run = [sys.executable if part == "python" else part for part in handler["run"]]
        invoke = command_handler(run, cwd=folder)
        # Pipes arrays are left to the conformance run, which records a library that rejects
        # them as a finding about the library, not about the example.
        report = audit(invoke, window="tumbling-window" in shapes)
        results.append(
            {
                "language": spec["language"],
                "handler": handler["name"],
                "checks": report.checks,
                "errors": [f.message for f in report.findings if f.severity == "error"],
                "warnings": [f.message for f in report.findings if f.severity == "warning"],
            }
        )
        status = "fails" if report.failed() else "passes"
        print(f"{handler['name']}: {status} ({len(report.findings)} finding(s))")
        for finding in report.findings:
            print(f"    {finding.severity}: {finding.check}: {finding.message}")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", action="append", help="folder name under examples/")
    parser.add_argument("--no-build", action="store_true", help="skip the build commands")
    parser.add_argument("--json", metavar="FILE", help="write the results as JSON")
    args = parser.parse_args(argv)
    folders = sorted(p.parent for p in EXAMPLES.glob("*/runner.json"))
    if args.language:
        folders = [f for f in folders if f.name in args.language]
    results: list[dict[str, Any]] = []
    for folder in folders:
        results.extend(audit_language(folder, build=not args.no_build))
    if args.json:
        write_atomic(Path(args.json), json.dumps(results, indent=2) + "\n")
    return 1 if any(r["errors"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
