"""What happened, in order: every invocation, every discarded batch, and the totals.

A `Trace` is plain data: `to_dict()`/`to_json()` give the same text for the
same run, `to_text()` a readable account, and `ddbstreams.simulate.svg` draws
it. The metrics are derived from the invocations, never kept separately, so
they cannot disagree with them.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


@dataclass
class Invocation:
    """One call of the handler and what Lambda made of it."""

    number: int
    lane: int
    start: float
    end: float
    records: list[str]
    event: Mapping[str, Any]
    response: Any
    error: str | None
    outcome: str
    reason: str
    attempt: int
    retries_used: int
    checkpoint: str | None
    origin: str
    request_id: str = ""
    retried: list[str] = field(default_factory=list)
    split: list[list[str]] | None = None
    window: Mapping[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "number": self.number,
            "lane": self.lane,
            "start": round(self.start, 6),
            "end": round(self.end, 6),
            "records": self.records,
            "origin": self.origin,
            "request_id": self.request_id,
            "attempt": self.attempt,
            "outcome": self.outcome,
            "reason": self.reason,
            "retries_used": self.retries_used,
            "checkpoint": self.checkpoint,
            "retried": self.retried,
        }
        if self.error is not None:
            out["error"] = self.error
        else:
            out["response"] = self.response
        if self.split is not None:
            out["split"] = self.split
        if self.window is not None:
            out["window"] = dict(self.window)
        out["event"] = self.event
        return out


@dataclass
class Discard:
    """A batch Lambda gave up on: why, and the on-failure record if a destination is set."""

    time: float
    records: list[str]
    condition: str
    approximate_invoke_count: int
    destination: str | None
    record: Mapping[str, Any] | None
    after_invocation: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "time": round(self.time, 6),
            "after_invocation": self.after_invocation,
            "records": self.records,
            "condition": self.condition,
            "approximateInvokeCount": self.approximate_invoke_count,
            "destination": self.destination,
            "record": self.record,
        }


@dataclass
class Trace:
    """Everything a simulation did, in order, with the settings and assumptions it ran under."""

    mapping: Mapping[str, Any]
    assumptions: Mapping[str, Any]
    sequence_numbers: list[str]
    keys: Mapping[str, str]
    start: float = 0.0
    invocations: list[Invocation] = field(default_factory=list)
    discards: list[Discard] = field(default_factory=list)
    filtered: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    succeeded: list[str] = field(default_factory=list)
    final_checkpoint: str | None = None

    # --- derived -----------------------------------------------------------------------

    @property
    def on_failure_records(self) -> list[Mapping[str, Any]]:
        """What the destination received, in order."""
        return [d.record for d in self.discards if d.record is not None]

    def deliveries(self) -> dict[str, int]:
        """How many times each record reached the handler (0 for never)."""
        counts: Counter[str] = Counter()
        for invocation in self.invocations:
            counts.update(invocation.records)
        return {s: counts.get(s, 0) for s in self.sequence_numbers}

    def ordering_violations(self) -> dict[str, int]:
        """Per key: records first delivered after a later record of the same key was delivered.

        Retries re-deliver records in order, so a violation means a record overtook an
        earlier one of its key, which per-key ordering promises never happens.
        """
        rank = {s: i for i, s in enumerate(self.sequence_numbers)}
        first_seen: dict[str, None] = {}
        for invocation in self.invocations:
            first_seen.update(dict.fromkeys(invocation.records))
        order = [rank[s] for s in first_seen]
        if all(a < b for a, b in itertools.pairwise(order)):
            return {}  # first deliveries in shard order: no record overtook any other
        highest: dict[str, int] = {}
        seen: set[str] = set()
        violations: dict[str, int] = defaultdict(int)
        for invocation in self.invocations:
            for sequence in invocation.records:
                key = self.keys[sequence]
                if sequence not in seen and rank[sequence] < highest.get(key, -1):
                    violations[key] += 1
                seen.add(sequence)
                highest[key] = max(highest.get(key, -1), rank[sequence])
        return dict(violations)

    def metrics(self) -> dict[str, Any]:
        """Deliveries per record, duplicates, filtered, sent to the destination, lost, ordering."""
        deliveries = self.deliveries()
        sent = [s for d in self.discards if d.destination for s in d.records]
        discarded_unsent = [s for d in self.discards if not d.destination for s in d.records]
        return {
            "records": len(self.sequence_numbers),
            "invocations": len(self.invocations),
            "deliveries_per_record": deliveries,
            "duplicates": sum(max(0, n - 1) for n in deliveries.values()),
            "succeeded": len(self.succeeded),
            "filtered": len(self.filtered),
            "sent_to_destination": len(sent),
            "lost": len(discarded_unsent) + len(self.lost),
            "ordering_violations": self.ordering_violations(),
        }

    # --- output ------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "mapping": dict(self.mapping),
            "assumptions": dict(self.assumptions),
            "invocations": [i.to_dict() for i in self.invocations],
            "discards": [d.to_dict() for d in self.discards],
            "final_checkpoint": self.final_checkpoint,
            "metrics": self.metrics(),
        }

    def to_json(self) -> str:
        """The trace as JSON text; the same run always gives the same text."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def to_text(self) -> str:
        """A readable account: one line per invocation and per discarded batch, then totals."""
        short = _short_names(self.sequence_numbers)
        events: list[tuple[float, str]] = []
        for i in self.invocations:
            names = " ".join(short[s] for s in i.records) or "(no records)"
            at = i.start - self.start
            line = f"{_when(at)} #{i.number:<3} lane {i.lane} [{names}] attempt {i.attempt}"
            line += f" ({i.origin}) -> {i.outcome}"
            if i.error is not None:
                line += f": {i.error}"
            line += f"; checkpoint {short.get(i.checkpoint or '', 'none')}"
            if i.split:
                halves = " | ".join(" ".join(short[s] for s in h) for h in i.split)
                line += f"; bisected into [{halves}]"
            events.append((i.number, line))
        for d in self.discards:
            names = " ".join(short[s] for s in d.records)
            where = f"sent to {d.destination}" if d.destination else "discarded, no destination"
            line = (
                f"{_when(d.time - self.start)}      [{names}] {d.condition}, approximateInvokeCount "
                f"{d.approximate_invoke_count}: {where}"
            )
            events.append((d.after_invocation + 0.5, line))
        events.sort(key=lambda e: e[0])
        m = self.metrics()
        lines = [line for _, line in events]
        lines.append(
            f"{m['invocations']} invocation(s); {m['succeeded']} record(s) succeeded, "
            f"{m['sent_to_destination']} sent to the destination, {m['lost']} lost, "
            f"{m['filtered']} filtered, {m['duplicates']} duplicate deliveries"
        )
        if m["ordering_violations"]:
            lines.append(f"ordering violations: {m['ordering_violations']}")
        legend = ", ".join(f"{name}={seq}" for seq, name in short.items())
        lines.append(f"records: {legend}")
        lines.insert(0, "t: virtual seconds since the start; attempt: invocations of this batch")
        return "\n".join(lines) + "\n"

    def short_names(self) -> dict[str, str]:
        """r1, r2, … for the sequence numbers, in shard order."""
        return _short_names(self.sequence_numbers)


def _when(seconds: float) -> str:
    return f"t=+{seconds:.2f}s".ljust(12)


def _short_names(sequences: list[str]) -> dict[str, str]:
    return {s: f"r{i + 1}" for i, s in enumerate(sequences)}
