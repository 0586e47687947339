"""The conformance page's generated parts, from `docs/data/conformance.json` and the findings.

`docs/conformance.md` includes each output with a snippet (`--8<--`):

  conformance/summary.md     what each library does, one row per library and version, one column
                             per behaviour (findings first: a reader's answer on one screen)
  conformance/findings.md    every finding: consequence, reproduction from the run, workaround,
                             upstream issue; grouped by kind (crash, data loss, representation)
  conformance/malformed.md   input DynamoDB never sends, from the negative cases
  conformance/matrix.md      the full matrix: one table per fixture shape, cells link to details
  conformance/details.md     per handler, the differences or the error of every fixture
  conformance/versions.md    the versions the run used

The results are checked against `conformance/results.schema.json`, and the findings against the
results (every difference explained, every finding backed), so the page cannot show a cell that
the run does not support. Labels and versions come from the results, which take them from each
language's runner.json and lock file.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conformance.findings import KIND_ORDER, Finding, Observation, classify, load_findings
from conformance.schemas import results_problems

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "docs" / "data" / "conformance.json"
PAGE = "conformance.md"  # relative to docs/: links in the fragments are relative to it
REGENERATE = "run `nox -s conformance` to rewrite it"

LANGUAGE_ORDER = ("python", "typescript", "go", "java", "rust", "ruby")
SHAPE_TITLES = {
    "stream": "Stream events (event source mapping)",
    "pipes": "EventBridge Pipes",
    "tumbling-window": "Tumbling-window events",
    "kinesis": "Kinesis Data Streams events",
}
STATUSES = ("loaded", "loaded-with-differences", "rejected", "response-wrong", "not-run")

# status -> (css modifier, cell text, meaning for the legend and the cell's title)
STATUS_CELL: dict[str, tuple[str, str, str]] = {
    "loaded": ("ok", "✓", "loaded: the handler's view matches the fixture"),
    "loaded-with-differences": (
        "diff",
        "≈",
        "loaded with differences: the handler ran, but its view of the event differs from the fixture",
    ),
    "rejected": ("rejected", "✗ rejected", "rejected: the library raised an error on the event"),
    "response-wrong": (
        "response",
        "✗ response",
        "response wrong: Lambda would act differently on the handler's response",
    ),
    "not-run": ("notrun", "not run", "not run: the runner did not get to this fixture"),
}
NOT_APPLICABLE = ("na", "—", "not applicable: the handler does not take this fixture")

KIND_TITLES = {
    "crash": "Crashes: the library raises, the batch fails and is retried",
    "data-loss": "Data loss: the program cannot get the value the event holds",
    "representation": "Representation changes: the value is there, in another form",
}
# No outcome on malformed input is right or wrong; only a silent change is highlighted.
MALFORMED_CELL = {
    "rejected": ("plain", "rejected"),
    "kept": ("plain", "kept as sent"),
    "changed": ("diff", "changed"),
    "not-run": ("notrun", "not run"),
}


class PageError(Exception):
    """The results or the findings cannot make a truthful page."""


# ---------------------------------------------------------------------------- loading


def load_results(path: Path = RESULTS) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise PageError(f"{path.name}: {error.strerror}; {REGENERATE}") from error
    except ValueError as error:
        raise PageError(f"{path.name} is not JSON ({error}); {REGENERATE}") from error
    problems = results_problems(document)
    if problems:
        raise PageError(f"{path.name} breaks its schema: {'; '.join(problems[:5])}; {REGENERATE}")
    return dict(document)


# ---------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Column:
    """One handler of the run."""

    language: str
    name: str
    doc: Mapping[str, Any]

    @property
    def label(self) -> str:
        return str(self.doc["label"])


@dataclass(frozen=True)
class Row:
    """One library at one version: the handlers of a language sharing a label."""

    language: str
    language_name: str
    label: str
    version: str
    handlers: tuple[Column, ...]

    @property
    def names(self) -> set[str]:
        return {h.name for h in self.handlers}


def columns(document: Mapping[str, Any]) -> list[Column]:
    """Every handler, languages in the site's tab order, handlers in runner.json order."""

    def rank(key: str) -> tuple[int, str]:
        order = LANGUAGE_ORDER.index(key) if key in LANGUAGE_ORDER else len(LANGUAGE_ORDER)
        return order, key

    return [
        Column(key, name, handler)
        for key in sorted(document["languages"], key=rank)
        for name, handler in document["languages"][key]["handlers"].items()
    ]


def rows(document: Mapping[str, Any]) -> list[Row]:
    grouped: dict[tuple[str, str, str], list[Column]] = {}
    for column in columns(document):
        key = (column.language, column.label, str(column.doc["version"]))
        grouped.setdefault(key, []).append(column)
    return [
        Row(lang, str(document["languages"][lang]["language"]), label, version, tuple(members))
        for (lang, label, version), members in grouped.items()
    ]


def _html(text: Any) -> str:
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("|", "&#124;")
        .replace("\n", " ")
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _rel(target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(PAGE) or ".")


def fixture_label(path: str) -> str:
    """`events/dynamodb/stream/insert-keys-only.json` -> `stream/insert-keys-only.json`."""
    return path.removeprefix("events/").removeprefix("dynamodb/")


def handler_anchor(name: str) -> str:
    return f"cf-{_slug(name)}"


def cell_anchor(name: str, fixture: str) -> str:
    return f"cf-{_slug(name)}--{_slug(fixture_label(fixture).removesuffix('.json'))}"


def finding_anchor(finding: Finding) -> str:
    return f"finding-{finding.id}"


def row_title(row: Row) -> str:
    return f"{row.label} {row.version}"


# ---------------------------------------------------------------------------- summary


def _checked(document: Mapping[str, Any], findings_doc: Mapping[str, Any]) -> list[Finding]:
    classification = classify(document, findings_doc)
    problems = classification.problems()
    if problems:
        raise PageError(
            "the findings do not match the results: "
            + "; ".join(problems[:5])
            + "; update conformance/findings.json"
        )
    return classification.findings


def first_sentence(text: str) -> str:
    found = re.match(r"(.+?[.:])(\s|$)", text)
    return found.group(1) if found else text


def _covers(handler: Column, behaviour: Mapping[str, Any]) -> bool:
    """The handler ran one of the fixtures that show the behaviour."""
    return any(
        fixture in handler.doc["fixtures"]
        and handler.doc["fixtures"][fixture]["status"] != "not-run"
        for fixture in behaviour["covers"]
    )


def summary_cell(row: Row, behaviour: Mapping[str, Any], findings: Sequence[Finding]) -> str:
    """One summary cell: the findings' phrases for this library, or `exact`, or `—`.

    A library whose handlers differ (a typed handler beside a `RequestStreamHandler`, or one
    with a raw-JSON state) shows the findings of the ones that have them and `exact with ...`
    for each variant that has none.
    """
    mine = [
        f
        for f in findings
        if behaviour["id"] in f.cells and any(o.handler in row.names for o in f.observations)
    ]
    if mine:
        mine.sort(key=lambda f: KIND_ORDER.index(f.kind))
        parts = [
            f'<a class="ddb-sum ddb-sum--{f.kind}" href="#{finding_anchor(f)}" '
            f'title="{_html(f.kind)}: {_html(first_sentence(f.raw["consequence"]))}">'
            f"{_html(f.cells[behaviour['id']])}</a>"
            for f in mine
        ]
        seen = {o.handler for f in mine for o in f.observations}
        parts.extend(
            f'<span class="ddb-sum ddb-sum--exact">exact with {_html(h.doc["variant"])}</span>'
            for h in row.handlers
            if h.doc["variant"] and h.name not in seen and _covers(h, behaviour)
        )
        return "<br>".join(parts)
    if any(_covers(h, behaviour) for h in row.handlers):
        return '<span class="ddb-sum ddb-sum--exact">exact</span>'
    return '<span class="ddb-sum ddb-sum--na" title="no handler of this library takes it">—</span>'


def render_summary(
    document: Mapping[str, Any], findings_doc: Mapping[str, Any], findings: Sequence[Finding]
) -> str:
    behaviours = findings_doc["behaviours"]
    out = [
        '<div class="ddb-summary" markdown="1">\n',
        "| Library | "
        + " | ".join(
            f'<abbr title="{_html(b["title"])}">{_html(b["header"])}</abbr>' for b in behaviours
        )
        + " |",
        "|---|" + "---|" * len(behaviours),
    ]
    for row in rows(document):
        first = (
            f'<a href="#{handler_anchor(row.handlers[0].name)}" '
            f'title="{_html(", ".join(h.name for h in row.handlers))}">'
            f"<strong>{_html(row_title(row))}</strong></a> <small>· {_html(row.language_name)}</small>"
        )
        cells = [summary_cell(row, b, findings) for b in behaviours]
        out.append("| " + " | ".join([first, *cells]) + " |")
    out.append("\n</div>\n")
    legend = " ".join(
        f'<span class="ddb-sum ddb-sum--{kind}">{label}</span>'
        for kind, label in (
            ("exact", "exact"),
            ("representation", "representation change"),
            ("data-loss", "data loss"),
            ("crash", "crash"),
        )
    )
    out.append(
        f"{legend}  \nEach phrase links to its finding below. *exact*: the library hands the "
        "program the event's value; *—*: no handler of that library takes the fixtures that "
        "show the behaviour.\n"
    )
    tally: Counter[str] = Counter()
    for column in columns(document):
        tally.update(r["status"] for r in column.doc["fixtures"].values())
    out.append(
        f"Generated from [`docs/data/conformance.json`]({_rel('data/conformance.json')}), a real "
        f"run of {len(columns(document))} handlers in {len(document['languages'])} languages on "
        f"{len(document['fixtures'])} fixtures ({sum(tally.values())} results: "
        + ", ".join(f"{tally[s]} {s}" for s in STATUSES if tally[s])
        + "). `nox -s conformance -- --check` reproduces it byte for byte.\n"
    )
    return "\n".join(out)


# ---------------------------------------------------------------------------- findings


def _handler(document: Mapping[str, Any], name: str) -> tuple[str, Mapping[str, Any]]:
    for key, language in document["languages"].items():
        if name in language["handlers"]:
            return key, language["handlers"][name]
    raise PageError(f"no handler {name} in the results")


def reproduction(document: Mapping[str, Any], finding: Finding, limit: int = 20) -> str:
    """At most `limit` lines taken from the run: the command, then what it printed."""
    first = finding.observations[0]
    language, handler = _handler(document, first.handler)
    seen = [
        o for o in finding.observations if (o.handler, o.fixture) == (first.handler, first.fixture)
    ]
    # one line per (kind, path) across records, as the harness's own report prints them
    alike: dict[tuple[str, str], list[Observation]] = {}
    for o in seen:
        alike.setdefault((o.kind, o.path), []).append(o)
    lines = [
        f"$ python -m conformance --language {language} --fixture {first.fixture}",
        f"== {language}/{first.handler} — {handler['library']} {handler['version']}",
        f"  {first.fixture}: {handler['fixtures'][first.fixture]['status']}",
    ]
    messages: list[str] = []
    for group in alike.values():
        o = group[0]
        text = o.message if o.kind != "rejected" else f"error: {o.message}"
        if len(group) > 1:
            text += f" (and {len(group) - 1} more record(s) alike)"
        messages.append(text)
    room = limit - len(lines)
    for text in messages[: room - 1] if len(messages) > room else messages:
        lines.append(f"    {text[:200]}")
    if len(messages) > room:
        lines.append(f"    … and {len(messages) - (room - 1)} more alike")
    others = {o.fixture for o in finding.observations} - {first.fixture}
    if others and len(lines) < limit:
        lines.append(f"  (also on {len(others)} other fixture{'s' if len(others) != 1 else ''})")
    return "\n".join(lines[:limit])


def render_findings(document: Mapping[str, Any], findings: Sequence[Finding]) -> str:
    out: list[str] = []
    for kind in KIND_ORDER:
        members = [f for f in findings if f.kind == kind]
        if not members:
            continue
        out.append(f"### {KIND_TITLES[kind]} {{ #findings-{kind} }}\n")
        for finding in members:
            names = sorted({o.handler for o in finding.observations})
            libraries = []
            for name in names:
                _, handler = _handler(document, name)
                title = f"{handler['label']} {handler['version']}"
                if title not in libraries:
                    libraries.append(title)
            phrase = "; ".join(dict.fromkeys(finding.cells.values()))
            out.append(
                f"#### {_html(', '.join(libraries))}: {_html(phrase)} {{ #{finding_anchor(finding)} }}\n"
            )
            out.append(f"**Consequence.** {finding.raw['consequence']}\n")
            out.append("**Reproduction** (from the run):\n")
            out.append("```text\n" + reproduction(document, finding) + "\n```\n")
            out.append(f"**Workaround.** {finding.raw['workaround']}\n")
            upstream = finding.raw.get("upstream") or []
            if upstream:
                links = ", ".join(
                    f"[{_html(u['ref'])}]({u['url']})"
                    + (f" ({_html(u['note'])})" if u.get("note") else "")
                    for u in upstream
                )
                out.append(f"**Upstream.** {links}\n")
            handlers = ", ".join(f"[`{n}`](#{handler_anchor(n)})" for n in names)
            out.append(f"Handlers: {handlers}.\n")
    return "\n".join(out)


# ---------------------------------------------------------------------------- malformed input


def render_malformed(document: Mapping[str, Any]) -> str:
    cases = document.get("malformed") or {}
    if not cases:
        return "*This run had no malformed-input cases.*\n"
    names = [
        c for c in columns(document) if any(c.name in case["handlers"] for case in cases.values())
    ]
    out = [
        '<div class="ddb-conformance ddb-malformed" markdown="1">\n',
        "| Handler | "
        + " | ".join(
            f'<abbr title="{_html(case["pointer"])} = {_html(case["sent"])}">{_html(case["title"])}</abbr>'
            for case in cases.values()
        )
        + " |",
        "|---|" + ":-:|" * len(cases),
    ]
    for column in names:
        first = f"{_html(column.label)}<br><small>{_html(document['languages'][column.language]['language'])}</small>"
        cells = []
        for case in cases.values():
            result = case["handlers"].get(column.name)
            if result is None:
                cells.append(
                    f'<span class="ddb-cf ddb-cf--{NOT_APPLICABLE[0]}">{NOT_APPLICABLE[1]}</span>'
                )
                continue
            css, text = MALFORMED_CELL[result["outcome"]]
            cells.append(
                f'<span class="ddb-cf ddb-cf--{css}" title="{_html(result["detail"])}">{text}</span>'
            )
        out.append("| " + " | ".join([first, *cells]) + " |")
    out.append("\n</div>\n")
    out.append(
        "*rejected*: the library raised (the batch fails and is retried); *kept as sent*: the "
        "program gets the malformed value as the event carries it; *changed*: the program gets "
        "another value, silently. Hover a cell for the error or the value. Each case:\n"
    )
    for case in cases.values():
        changed = [
            f"`{_html(n)}` → <code>{_html(r['detail'].split(' = ', 1)[-1])}</code>"
            for n, r in case["handlers"].items()
            if r["outcome"] == "changed"
        ]
        line = (
            f"- **{_html(case['title'])}** (`{_html(case['pointer'])}` = <code>{_html(case['sent'])}</code>, "
            f"from `{case['case']}`)"
        )
        if changed:
            line += ": accepted and changed by " + "; ".join(changed)
        out.append(line)
    out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------------------- full matrix


def cell_title(result: Mapping[str, Any] | None) -> str:
    if result is None:
        return NOT_APPLICABLE[2]
    title = STATUS_CELL[result["status"]][2]
    kinds = Counter(d["kind"] for d in [*result["differences"], *result["response_differences"]])
    if kinds:
        title += " — " + ", ".join(f"{k} ×{n}" for k, n in sorted(kinds.items()))
    if result.get("error"):
        title += " — " + str(result["error"])[:160]
    return title


def render_cell(name: str, fixture: str, result: Mapping[str, Any] | None) -> str:
    if result is None:
        css, text, _ = NOT_APPLICABLE
    else:
        css, text, _ = STATUS_CELL[result["status"]]
        if result["status"] == "loaded-with-differences":
            text = f"≈ {len(result['differences'])}"
    attrs = f'class="ddb-cf ddb-cf--{css}" title="{_html(cell_title(result))}"'
    if result is None or result["status"] == "loaded":
        return f"<span {attrs}>{text}</span>"
    return f'<a {attrs} href="#{cell_anchor(name, fixture)}">{text}</a>'


def render_legend() -> str:
    items = [
        f'<span class="ddb-cf ddb-cf--{css}">{text}</span> {_html(meaning)}'
        for css, text, meaning in (*STATUS_CELL.values(), NOT_APPLICABLE)
    ]
    items[1] = items[1].replace(">≈<", ">≈ n<") + " (n differences)"
    return (
        '<ul class="ddb-cf-legend">\n'
        + "\n".join(f"<li>{item}</li>" for item in items)
        + "\n</ul>\n\nEvery cell that is not ✓ links to the exact differences or the error for that "
        "handler and fixture; hover a cell for a summary.\n"
    )


def render_matrix(document: Mapping[str, Any]) -> str:
    every = columns(document)
    out = [render_legend()]
    shapes = {meta["shape"] for meta in document["fixtures"].values()}
    for shape in [s for s in SHAPE_TITLES if s in shapes]:
        fixtures = [
            path
            for path, meta in sorted(document["fixtures"].items())
            if meta["shape"] == shape and any(path in c.doc["fixtures"] for c in every)
        ]
        if not fixtures:
            continue
        chosen = [c for c in every if any(p in c.doc["fixtures"] for p in fixtures)]
        out.append(f"### {SHAPE_TITLES[shape]} {{ #matrix-{_slug(shape)} }}\n")
        out.append(f"Shape `{shape}`: {len(fixtures)} fixtures, {len(chosen)} handlers.\n")
        out.append('<div class="ddb-conformance" markdown="1">\n')
        head = ["Fixture"]
        for c in chosen:
            reference = " (reference)" if c.doc["reference"] else ""
            title = f"{c.doc['library']} {c.doc['version']}{reference} — {c.name}"
            head.append(
                f'<a href="#{handler_anchor(c.name)}" data-handler="{_html(c.name)}" '
                f'title="{_html(title)}">{_html(c.label)}</a>'
                f"<br><small>{_html(document['languages'][c.language]['language'])}</small>"
            )
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "---|" + ":-:|" * len(chosen))
        for path in fixtures:
            title = _html(document["fixtures"][path]["title"] or fixture_label(path))
            first = (
                f'<span class="ddb-cf-fixture" data-fixture="{_html(path)}">{title}</span>'
                f"<br>[`{fixture_label(path)}`]({_rel(path)})"
            )
            cells = [render_cell(c.name, path, c.doc["fixtures"].get(path)) for c in chosen]
            out.append("| " + " | ".join([first, *cells]) + " |")
        out.append("\n</div>\n")
    return "\n".join(out)


# ---------------------------------------------------------------------------- details, versions


def group_differences(diffs: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Differences that repeat across records (`records[0]`, `records[1]`...) as one row."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for diff in diffs:
        general = re.sub(r"\[\d+\]", "[*]", diff["path"])
        text = str(diff["message"]).removeprefix(f"{diff['path']}: ")
        group = groups.setdefault(
            (diff["kind"], general),
            {"kind": diff["kind"], "path": general, "count": 0, "messages": []},
        )
        group["count"] += 1
        if text not in group["messages"]:
            group["messages"].append(text)
    return list(groups.values())


def _diff_table(diffs: Sequence[Mapping[str, Any]]) -> list[str]:
    out = ["| Kind | Path | × | What differs |", "|---|---|--:|---|"]
    for group in group_differences(diffs):
        shown = group["messages"][:3]
        text = "<br>".join(_html(m) for m in shown)
        if len(group["messages"]) > len(shown):
            text += f"<br><small>… and {len(group['messages']) - len(shown)} more</small>"
        out.append(
            f'| `{group["kind"]}` | <code class="ddb-field">{_html(group["path"])}</code> '
            f"| {group['count']} | {text} |"
        )
    return out


def render_result(
    document: Mapping[str, Any], name: str, path: str, result: Mapping[str, Any]
) -> str:
    status = result["status"]
    css = {"loaded-with-differences": "warning", "not-run": "info"}.get(status, "failure")
    n = len(result["differences"])
    summary = STATUS_CELL[status][2].split(":")[0]
    if status == "loaded-with-differences":
        summary = f"loaded with {n} difference{'s' if n != 1 else ''}"
    title = document["fixtures"][path]["title"] or fixture_label(path)
    out = [
        f'<details class="{css}" id="{cell_anchor(name, path)}" markdown="1">',
        f"<summary><strong>{_html(title)}</strong> · <code>{_html(fixture_label(path))}</code> · "
        f"{_html(summary)}</summary>\n",
        f"Fixture: [`{path}`]({_rel(path)}). Status: `{status}`.\n",
    ]
    if result.get("error"):
        error = str(result["error"]).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out.append(f'Error:\n\n<pre class="ddb-cf-error"><code>{error}</code></pre>\n')
    if result["differences"]:
        out.append("Differences between the fixture and the handler's view of it:\n")
        out.extend([*_diff_table(result["differences"]), ""])
    if result["response_differences"]:
        out.append("Differences between the expected response and the handler's response:\n")
        out.extend([*_diff_table(result["response_differences"]), ""])
    if status == "response-wrong":
        out.append(
            f"Expected response: `{_html(json.dumps(result['expected_response']))}`; "
            f"got: `{_html(json.dumps(result['response']))}`.\n"
        )
    out.append("</details>\n")
    return "\n".join(out)


def render_details(document: Mapping[str, Any]) -> str:
    out = []
    for c in columns(document):
        shapes = c.doc["shapes"]
        label = c.label + (" · " + ", ".join(shapes) if "stream" not in shapes else "")
        language = document["languages"][c.language]["language"]
        out.append(f"### {_html(label)} ({_html(language)}) {{ #{handler_anchor(c.name)} }}\n")
        reference = " The reference handler of its language." if c.doc["reference"] else ""
        source = f" Source: `{c.doc['source']}`." if c.doc["source"] else ""
        out.append(
            f"Handler `{c.name}` · library `{c.doc['library']}` {c.doc['version']}.{source}{reference}\n"
        )
        tally = Counter(r["status"] for r in c.doc["fixtures"].values())
        out.append(
            f"{len(c.doc['fixtures'])} fixtures: "
            + ", ".join(f"{tally[s]} {s}" for s in STATUSES if tally[s])
            + ".\n"
        )
        for path, result in sorted(c.doc["fixtures"].items()):
            if result["status"] != "loaded":
                out.append(render_result(document, c.name, path, result))
    return "\n".join(out)


def render_versions(document: Mapping[str, Any]) -> str:
    out = ["| Language | Handler | Library | Version |", "|---|---|---|---|"]
    for c in columns(document):
        reference = " (reference)" if c.doc["reference"] else ""
        out.append(
            f"| {_html(document['languages'][c.language]['language'])} "
            f"| [`{c.name}`](#{handler_anchor(c.name)}){reference} "
            f"| {_html(c.doc['library'])} | `{_html(c.doc['version'])}` |"
        )
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------- the job


def build() -> dict[str, str]:
    """The page's fragments: path relative to docs/generated/ -> Markdown."""
    document = load_results()
    findings_doc = load_findings()
    findings = _checked(document, findings_doc)
    return {
        "conformance/summary.md": render_summary(document, findings_doc, findings),
        "conformance/findings.md": render_findings(document, findings),
        "conformance/malformed.md": render_malformed(document),
        "conformance/matrix.md": render_matrix(document),
        "conformance/details.md": render_details(document),
        "conformance/versions.md": render_versions(document),
    }
