"""Run a handler through the simulator on adversarial batches and say what it gets wrong.

Each check builds its batches with the package's factories, simulates them,
and reports a finding with the trace that shows it:

- `raises-on-valid-record`: the handler raised on a record it should accept (every
  view type and event name, TTL deletes, the largest records, Pipes arrays when asked);
- `unknown-identifier`: it reported identifiers that are not sequence numbers of the
  batch (an eventID, say), so Lambda fails and retries the whole batch;
- `empty-identifier`: it reported an empty or null identifier, a whole-batch failure too;
- `keeps-processing-after-failure` (a warning): after a failed record it went on with the
  rest, which Lambda re-delivers from the failed one on every retry;
- `missing-state` / `ignores-state`: in a tumbling window it returned no state, or the
  state it returned does not depend on the state it was given;
- `not-idempotent`: the caller's side-effect probe saw a different result after the same
  batch was delivered again ("duplicate processing of records can occur", with-ddb.html).

A record "fails" when its NewImage carries the poison attributes (by default
`{"fail": true}`, the convention of the project's example handlers).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .. import factory
from ..records import VIEW_TYPES, Write
from ..response import check_response
from .engine import Handler, simulate
from .trace import Trace

Severity = Literal["error", "warning"]
Probe = Callable[[], Any]

AUDIT_MAPPING: dict[str, Any] = {
    "BatchSize": 10,
    "FunctionResponseTypes": ["ReportBatchItemFailures"],
    "MaximumRetryAttempts": 2,
    "DestinationConfig": {"OnFailure": "SQS"},
}
"""The mapping the audit runs under: partial responses on, a few retries, a destination."""

LARGEST_STRING = 399_000
"""An item close to DynamoDB's 400 KB limit."""


@dataclass
class Finding:
    """One fault, with the trace that shows it."""

    check: str
    severity: Severity
    message: str
    trace: Trace | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
            "trace": self.trace.to_dict() if self.trace else None,
        }


@dataclass
class AuditReport:
    """Every finding; `failed` says whether any is an error (or, when strict, a warning)."""

    findings: list[Finding] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)

    def failed(self, *, strict: bool = False) -> bool:
        return any(f.severity == "error" or strict for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {"checks": self.checks, "findings": [f.to_dict() for f in self.findings]}

    def to_text(self) -> str:
        lines = [f"checks run: {', '.join(self.checks)}"]
        if not self.findings:
            lines.append("no findings")
        for finding in self.findings:
            lines.append(f"{finding.severity}: {finding.check}: {finding.message}")
            if finding.trace is not None:
                lines.extend("    " + line for line in finding.trace.to_text().splitlines())
        return "\n".join(lines) + "\n"


@dataclass
class _Auditor:
    handler: Handler
    poison: Mapping[str, Any]
    pipes: Handler | None
    window: bool
    probe: Probe | None
    report: AuditReport = field(default_factory=AuditReport)

    def add(self, check: str, severity: Severity, message: str, trace: Trace | None) -> None:
        self.report.findings.append(Finding(check, severity, message, trace))

    # --- batches -------------------------------------------------------------------------

    def items(self, n: int, poison_at: int | None = None) -> list[Write]:
        writes: list[Write] = []
        for i in range(1, n + 1):
            item: dict[str, Any] = {"Id": i, "name": f"item {i}"}
            if i == poison_at:
                item.update(self.poison)
            writes.append(factory.insert(item))
        return writes

    # --- checks --------------------------------------------------------------------------

    def valid_shapes(self) -> None:
        """Every view type × event name, TTL deletes and the largest records must be accepted."""
        self.report.checks.append("raises-on-valid-record")
        shapes: list[tuple[str, list[Write], dict[str, Any]]] = []
        for view in VIEW_TYPES:
            writes: list[Write] = [
                factory.insert({"Id": 1, "n": 1}),
                factory.modify({"Id": 1, "n": 1}, {"Id": 1, "n": 2}),
                factory.remove({"Id": 1, "n": 2}),
            ]
            shapes.append((f"INSERT, MODIFY and REMOVE with {view}", writes, {"view_type": view}))
        shapes.append(("a TTL delete", [factory.ttl_expiry({"Id": 2, "expires": 1})], {}))
        shapes.append(
            (
                "the largest records (close to 400 KB)",
                [factory.insert({"Id": 3, "blob": "x" * LARGEST_STRING})],
                {"view_type": "NEW_IMAGE"},
            )
        )
        for label, writes, options in shapes:
            records = factory.stream_records(writes, step=0, **options)
            self._expect_success(label, records)
            if self.pipes is not None:
                self._expect_success_pipes(self.pipes, label, records)

    def _expect_success(self, label: str, records: list[dict[str, Any]]) -> None:
        trace = simulate(self.handler, records, {**AUDIT_MAPPING, "MaximumRetryAttempts": 0})
        for invocation in trace.invocations:
            if invocation.error is not None:
                self.add(
                    "raises-on-valid-record",
                    "error",
                    f"raised on {label}: {invocation.error}",
                    trace,
                )
                return
            self._judge_identifiers(invocation.response, invocation.event, trace)

    def _expect_success_pipes(
        self, handler: Handler, label: str, records: list[dict[str, Any]]
    ) -> None:
        """EventBridge Pipes hands the target a bare array of records (no `Records` key)."""
        batch = [dict(r) for r in records]
        try:
            handler(json.loads(json.dumps(batch)), None)
        except Exception as raised:
            self.add(
                "raises-on-valid-record",
                "error",
                f"raised on {label} as a Pipes array: {type(raised).__name__}: {raised}",
                None,
            )

    def _judge_identifiers(self, response: Any, event: Mapping[str, Any], trace: Trace) -> bool:
        """Report identifiers Lambda cannot use; True when the response was fine."""
        verdict = check_response(response, event)
        if verdict.ok:
            return True
        failures = response.get("batchItemFailures") if isinstance(response, Mapping) else None
        entries = failures if isinstance(failures, list) else []
        values = [e.get("itemIdentifier") if isinstance(e, Mapping) else None for e in entries]
        if any(v is None or v == "" for v in values):
            self.add(
                "empty-identifier",
                "error",
                "reported an empty or null itemIdentifier: Lambda fails and retries the whole batch",
                trace,
            )
        else:
            self.add(
                "unknown-identifier",
                "error",
                f"reported identifiers that are not sequence numbers of the batch ({values[:3]}): "
                "Lambda fails and retries the whole batch",
                trace,
            )
        return False

    def poison_records(self) -> None:
        """A poison record first, in the middle and last: what is retried, and how often."""
        self.report.checks.extend(["unknown-identifier", "keeps-processing-after-failure"])
        for where, at in (("first", 1), ("in the middle", 3), ("last", 5)):
            records = factory.stream_records(self.items(5, poison_at=at), step=0)
            trace = simulate(self.handler, records, AUDIT_MAPPING)
            first = trace.invocations[0]
            if first.error is not None:
                continue  # raising is allowed: the batch is retried whole, as documented
            if not self._judge_identifiers(first.response, first.event, trace):
                return
            reprocessed = self._reprocessed(trace)
            if reprocessed:
                self.add(
                    "keeps-processing-after-failure",
                    "warning",
                    f"with the poison record {where}, it went on after the failure: Lambda "
                    f"re-delivers {reprocessed} record(s) it had already processed on each retry",
                    trace,
                )
                return

    @staticmethod
    def _reprocessed(trace: Trace) -> int:
        """Records after the checkpoint the handler did not report failed in the first invoke."""
        first = trace.invocations[0]
        verdict = check_response(first.response, first.event)
        if verdict.outcome != "partial":
            return 0
        reported = {
            e["itemIdentifier"]
            for e in (first.response or {}).get("batchItemFailures") or []
            if isinstance(e, Mapping)
        }
        return sum(1 for s in verdict.retried if s not in reported)

    def windows(self) -> None:
        """A window across three invocations: state must come back and must be used."""
        self.report.checks.extend(["missing-state", "ignores-state"])
        records = factory.stream_records(self.items(6), step=1)
        mapping = {"TumblingWindowInSeconds": 60, "BatchSize": 2, "MaximumRetryAttempts": 0}
        trace = simulate(self.handler, records, mapping)
        for invocation in trace.invocations:
            response = invocation.response
            if invocation.error is None and not (
                isinstance(response, Mapping) and "state" in response
            ):
                self.add(
                    "missing-state",
                    "error",
                    "returned no state in a tumbling window: Lambda counts it a failed invocation",
                    trace,
                )
                return
        later = [
            i for i in trace.invocations if i.error is None and i.event.get("state") and i.records
        ]
        for invocation in later:
            fresh = dict(invocation.event)
            fresh["state"] = {}
            try:
                again = self.handler(json.loads(json.dumps(fresh)), None)
            except Exception:
                continue
            if isinstance(again, Mapping) and again.get("state") == invocation.response.get(
                "state"
            ):
                self.add(
                    "ignores-state",
                    "error",
                    f"returned the same state ({json.dumps(again.get('state'))}) whether it was "
                    f"given {json.dumps(invocation.event['state'])} or {{}}: the window's "
                    "aggregate restarts on every invocation",
                    trace,
                )
                return

    def idempotence(self) -> None:
        """The same batch delivered twice must leave the same side effects."""
        if self.probe is None:
            return
        self.report.checks.append("not-idempotent")
        records = factory.stream_records(self.items(3), step=0)
        simulate(self.handler, records, AUDIT_MAPPING)
        once = json.dumps(self.probe(), sort_keys=True, default=str)
        trace = simulate(self.handler, records, AUDIT_MAPPING)
        twice = json.dumps(self.probe(), sort_keys=True, default=str)
        if once != twice:
            self.add(
                "not-idempotent",
                "error",
                f"the side-effect probe changed when the same batch came again ({_clip(once)} "
                f"-> {_clip(twice)})",
                trace,
            )


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def audit(
    handler: Handler,
    *,
    poison: Mapping[str, Any] | None = None,
    pipes: Handler | bool = False,
    window: bool = False,
    probe: Probe | None = None,
) -> AuditReport:
    """Audit `handler`; `window=True` for a tumbling-window handler; `pipes=True` also feeds it
    Pipes arrays (or pass the handler a Pipes target uses, when it is another function);
    `probe` checks idempotence (it returns a snapshot of the side effects)."""
    pipes_handler = handler if pipes is True else (pipes or None)
    auditor = _Auditor(handler, poison or {"fail": True}, pipes_handler, window, probe)
    if window:
        auditor.windows()
    else:
        auditor.valid_shapes()
        auditor.poison_records()
    auditor.idempotence()
    return auditor.report
