"""Findings: what each library's differences mean, matched against a run's results.

`findings.json` (validated by `findings.schema.json`) names the summary columns (behaviours) and,
per library behaviour, a finding: its kind (data loss, representation change, crash), the short
phrase for the summary cell, the consequence, the workaround and the upstream issues. Which
results a finding explains is data too (`match`), so the two are checked against each other:
a difference no finding explains, or a finding that explains nothing, is reported, and the docs
refuse to build on either. A reader can trust that every non-exact cell is explained and every
explanation is backed by the run.
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .schemas import findings_problems

FINDINGS = Path(__file__).resolve().parent / "findings.json"
KIND_ORDER = ("crash", "data-loss", "representation")
_RECORD = re.compile(r"^records\[\d+\]\.?")


class FindingsError(Exception):
    """findings.json is invalid, or does not agree with the results."""


@dataclass(frozen=True)
class Observation:
    """One thing a run saw a handler do differently: a difference or a rejection."""

    handler: str
    fixture: str
    kind: str  # a difference kind, or "rejected"
    path: str  # the difference path without its `records[n].` prefix ("" for a rejection)
    message: str


@dataclass
class Finding:
    raw: Mapping[str, Any]
    observations: list[Observation] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.raw["id"])

    @property
    def kind(self) -> str:
        return str(self.raw["kind"])

    @property
    def handlers(self) -> list[str]:
        return list(self.raw["handlers"])

    @property
    def cells(self) -> dict[str, str]:
        return dict(self.raw["cells"])

    def explains(self, seen: Observation) -> bool:
        match = self.raw["match"]
        if seen.handler not in self.handlers or seen.kind not in match["kinds"]:
            return False
        patterns = match.get("fixtures")
        if patterns and not any(fnmatch.fnmatchcase(seen.fixture, p) for p in patterns):
            return False
        if "path" in match and not re.fullmatch(match["path"], seen.path):
            return False
        return "error" not in match or match["error"] in seen.message


def load_findings(path: Path = FINDINGS) -> dict[str, Any]:
    """findings.json, validated; behaviours named by cells must exist."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise FindingsError(f"{path.name}: {error}") from error
    found = findings_problems(document)
    if not found:
        behaviours = {b["id"] for b in document["behaviours"]}
        for index, finding in enumerate(document["findings"]):
            for column in finding["cells"]:
                if column not in behaviours:
                    found.append(f"/findings/{index}/cells/{column}: no such behaviour")
    if found:
        raise FindingsError(f"{path.name}: " + "; ".join(found))
    return dict(document)


def observations(results: Mapping[str, Any]) -> Iterator[Observation]:
    """Every difference and rejection of every handler in a results document."""
    for language in results["languages"].values():
        for name, handler in language["handlers"].items():
            for fixture, result in handler["fixtures"].items():
                if result["status"] == "rejected":
                    yield Observation(name, fixture, "rejected", "", str(result["error"]))
                for diff in [*result["differences"], *result["response_differences"]]:
                    path = _RECORD.sub("", diff["path"])
                    yield Observation(name, fixture, diff["kind"], path, diff["message"])


@dataclass
class Classification:
    findings: list[Finding]
    unexplained: list[Observation]

    def problems(self) -> list[str]:
        """Why the findings and the results disagree; empty when every cell is accounted for."""
        out = [
            f"{seen.handler}: {seen.fixture}: [{seen.kind}] {seen.path or seen.message[:80]}: "
            "no finding in conformance/findings.json explains it"
            for seen in self.unexplained
        ]
        out.extend(
            f"finding {f.id}: matches nothing in the results (fixed upstream? remove or update it)"
            for f in self.findings
            if not f.observations
        )
        return out


def classify(results: Mapping[str, Any], document: Mapping[str, Any]) -> Classification:
    """Attach each observation to every finding that explains it."""
    findings = [Finding(raw) for raw in document["findings"]]
    unexplained = []
    for seen in observations(results):
        matched = [f for f in findings if f.explains(seen)]
        for finding in matched:
            finding.observations.append(seen)
        if not matched:
            unexplained.append(seen)
    return Classification(findings, unexplained)
