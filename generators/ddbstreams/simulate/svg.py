"""A trace drawn as a timeline: one column per invocation, one row per record.

Plain SVG with no script and nothing fetched, so the docs site shows it
offline and the same trace always gives the same bytes. A cell says what
happened to a record in that invocation: delivered and checkpointed, delivered
and to be retried, or (in the last columns) sent to the on-failure
destination or lost. Each column's foot names the outcome and the checkpoint.
"""

from __future__ import annotations

import json
from html import escape

from .trace import Discard, Invocation, Trace

CELL_W = 74
CELL_H = 22
LABEL_W = 64
HEAD_H = 54
FOOT_H = 58
MAX_ROWS = 24

COLOURS = {
    "ok": "#2e7d32",
    "retry": "#c62828",
    "sent": "#6a1b9a",
    "lost": "#424242",
    "empty": "#eceff1",
}
LEGEND = (
    ("ok", "processed, checkpointed"),
    ("retry", "not checkpointed (retried or given up)"),
    ("sent", "sent to the on-failure destination"),
    ("lost", "discarded, no destination"),
)
OUTCOME_LABEL = {"success": "success", "partial": "partial", "batch-failure": "failed"}


def timeline_svg(trace: Trace, *, title: str = "Invocations of the event source mapping") -> str:
    """The SVG text of `trace`'s timeline."""
    names = trace.short_names()
    rows = trace.sequence_numbers[:MAX_ROWS]
    columns: list[Invocation | Discard] = []
    discards = sorted(trace.discards, key=lambda d: d.after_invocation)
    pending = list(discards)
    for invocation in trace.invocations:
        while pending and pending[0].after_invocation < invocation.number:
            columns.append(pending.pop(0))
        columns.append(invocation)
    columns.extend(pending)
    width = LABEL_W + CELL_W * max(1, len(columns)) + 16
    legend_y = HEAD_H + CELL_H * len(rows) + FOOT_H + 8
    height = legend_y + 22 * len(LEGEND) + 8
    start = trace.start
    lanes = int(trace.mapping.get("ParallelizationFactor", 1)) > 1
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(_description(trace))}</desc>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for r, sequence in enumerate(rows):
        y = HEAD_H + r * CELL_H
        out.append(
            f'<text x="{LABEL_W - 8}" y="{y + 15}" text-anchor="end">{names[sequence]}</text>'
        )
    for c, column in enumerate(columns):
        x = LABEL_W + c * CELL_W
        if isinstance(column, Invocation):
            out.extend(_invocation(column, x, rows, names, start, lanes))
        else:
            out.extend(_discard(column, x, rows, start))
    out.extend(_legend(legend_y))
    if len(trace.sequence_numbers) > MAX_ROWS:
        more = len(trace.sequence_numbers) - MAX_ROWS
        out.append(f'<text x="8" y="{legend_y - 4}">… and {more} more records</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _invocation(
    invocation: Invocation,
    x: int,
    rows: list[str],
    names: dict[str, str],
    start: float,
    lanes: bool,
) -> list[str]:
    delivered = set(invocation.records)
    retried = set(invocation.retried)
    out = [
        f'<text x="{x + CELL_W / 2}" y="14" text-anchor="middle" font-weight="bold">'
        f"#{invocation.number}</text>",
        f'<text x="{x + CELL_W / 2}" y="28" text-anchor="middle">'
        f"+{invocation.start - start:.1f}s</text>",
        f'<text x="{x + CELL_W / 2}" y="42" text-anchor="middle" fill="#555">'
        f"{escape(_origin(invocation, lanes))}</text>",
    ]
    for r, sequence in enumerate(rows):
        y = HEAD_H + r * CELL_H
        kind = "empty"
        if sequence in delivered:
            kind = "retry" if sequence in retried else "ok"
        out.append(_cell(x, y, kind))
    foot = HEAD_H + len(rows) * CELL_H
    checkpoint = names.get(invocation.checkpoint or "", "none")
    lines = [OUTCOME_LABEL.get(invocation.outcome, invocation.outcome), f"ckpt {checkpoint}"]
    if invocation.window is not None:
        state = json.dumps(invocation.window["state"], separators=(",", ":"))
        lines.append(_clip(state, 12))
        if invocation.window["isFinalInvokeForWindow"]:
            lines.append("final")
    for i, line in enumerate(lines):
        out.append(
            f'<text x="{x + CELL_W / 2}" y="{foot + 14 + 12 * i}" text-anchor="middle">'
            f"{escape(line)}</text>"
        )
    return out


def _discard(discard: Discard, x: int, rows: list[str], start: float) -> list[str]:
    kind = "sent" if discard.destination else "lost"
    gone = set(discard.records)
    out = [
        f'<text x="{x + CELL_W / 2}" y="14" text-anchor="middle" font-weight="bold">'
        f"{escape(discard.destination or 'lost')}</text>",
        f'<text x="{x + CELL_W / 2}" y="28" text-anchor="middle">+{discard.time - start:.1f}s</text>',
    ]
    for r, sequence in enumerate(rows):
        if sequence in gone:
            out.append(_cell(x, HEAD_H + r * CELL_H, kind))
    foot = HEAD_H + len(rows) * CELL_H
    condition = "retries" if discard.condition == "RetryAttemptsExhausted" else "age"
    for i, line in enumerate((condition, f"count {discard.approximate_invoke_count}")):
        out.append(
            f'<text x="{x + CELL_W / 2}" y="{foot + 14 + 12 * i}" text-anchor="middle">'
            f"{escape(line)}</text>"
        )
    return out


def _cell(x: int, y: int, kind: str) -> str:
    return (
        f'<rect x="{x + 4}" y="{y + 3}" width="{CELL_W - 8}" height="{CELL_H - 6}" rx="3" '
        f'fill="{COLOURS[kind]}"><title>{kind}</title></rect>'
    )


def _legend(y: int) -> list[str]:
    out = []
    for i, (kind, text) in enumerate(LEGEND):
        top = y + 22 * i
        out.append(_cell(4, top - 2, kind))
        out.append(f'<text x="{CELL_W + 6}" y="{top + 13}">{escape(text)}</text>')
    return out


def _origin(invocation: Invocation, lanes: bool) -> str:
    origin = invocation.origin
    if origin.startswith("first half"):
        return "½ first"
    if origin.startswith("second half"):
        return "½ second"
    if origin == "window end":
        return "window end"
    if invocation.attempt > 1:
        return f"retry {invocation.attempt - 1}"
    if origin.startswith("retry from"):
        return "from ckpt"
    return f"lane {invocation.lane}" if lanes else ""


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _description(trace: Trace) -> str:
    m = trace.metrics()
    return (
        f"{m['invocations']} invocations of {m['records']} records: {m['succeeded']} processed, "
        f"{m['sent_to_destination']} sent to the destination, {m['lost']} lost, "
        f"{m['duplicates']} duplicate deliveries."
    )
