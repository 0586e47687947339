"""MkDocs hook that builds the conformance matrix page from `docs/data/conformance.json`.

`nox -s conformance` runs every example handler against every fixture and writes that file; in
CI it runs before `nox -s docs`, so the page always shows the run that just happened. Nothing on
the page is typed by hand except the advice per difference kind (`KIND_ADVICE`).

Placeholders, expanded in `on_page_markdown` (a namespace of their own, so the order of the hooks
in mkdocs.yml does not matter):

  `<!-- conformance:summary -->`    what the run covered and where the page comes from
  `<!-- conformance:matrix -->`     one table per fixture shape: fixtures x handlers, plus legend
  `<!-- conformance:known -->`      known differences per library, with advice per kind
  `<!-- conformance:details -->`    per handler, the differences or the error for each fixture
  `<!-- conformance:versions -->`   the library versions the results were produced with

A missing or malformed results file, or an unknown placeholder, fails the build.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

RESULTS = "data/conformance.json"  # under docs_dir
DOCS_DIR = Path(__file__).resolve().parents[1]  # set again in on_config from the real config
REGENERATE = "run `nox -s conformance` to write it"

MARKER = re.compile(r"^<!--\s*conformance:(?P<name>[a-z-]+)\s*-->\s*$", re.M)

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
        "response wrong: the handler ran, but its response is not the expected one",
    ),
    "not-run": ("notrun", "not run", "not run: the runner did not get to this fixture"),
}
NOT_APPLICABLE = ("na", "—", "not applicable: the handler does not take this fixture")

SHAPE_TITLES = {
    "stream": "Stream events (event source mapping)",
    "pipes": "EventBridge Pipes",
    "tumbling-window": "Tumbling-window events",
    "kinesis": "Kinesis Data Streams events",
}

LANGUAGE_ORDER = ("python", "typescript", "go", "java", "rust", "ruby")

# Short column labels; a handler not listed here is labelled from its library name.
HANDLER_LABELS = {
    "python-powertools-batch": "Powertools data class",
    "python-powertools-parser": "Powertools parser",
    "python-chalice": "Chalice",
    "python-boto3-deserializer": "boto3 TypeDeserializer",
    "python-plain": "Plain Python",
    "python-tumbling-window": "Plain Python",
    "python-kinesis": "Plain Python",
    "ts-types-aws-lambda": "@types/aws-lambda + tsc",
    "ts-types-aws-lambda-window": "@types/aws-lambda + tsc",
    "ts-powertools-parser": "Powertools TS parser",
    "go-aws-lambda-go": "aws-lambda-go",
    "go-aws-lambda-go-window": "aws-lambda-go",
    "java-aws-lambda-java-events": "aws-lambda-java-events",
    "java-aws-lambda-java-events-window": "aws-lambda-java-events",
    "rust-aws-lambda-events": "aws_lambda_events",
    "rust-aws-lambda-events-window": "aws_lambda_events",
    "ruby-stdlib": "Ruby json",
    "ruby-stdlib-window": "Ruby json",
}

# What to watch for, per difference kind. Which library shows which kind comes from the results.
KIND_ADVICE = {
    "field-missing": "A field of the event is not exposed by the library's type (or is dropped "
    "while loading). Read it from the raw event if your code needs it.",
    "field-extra": "The view has a field the event does not carry: the library fills in a "
    "default (such as `0`). Do not treat the default as a real value; check for the field in "
    "the raw event.",
    "absent-as-empty": "An absent field (an image the view type does not include, a missing "
    "`userIdentity`) comes out as an empty map, so *absent* and *empty* look the same. Decide "
    "from `eventName` and `StreamViewType`, not from the field being empty.",
    "type-changed": "A value changes JSON type on the way in or out (a string becomes a number, "
    "a number becomes a string). Compare and serialise with the type the event uses.",
    "value-changed": "A value differs from the one in the event. Check the details before "
    "relying on the field.",
    "number-precision": "An `N` value loses digits on the way to a binary float; DynamoDB "
    "numbers have up to 38 significant digits. Keep `N` values as strings or use a decimal type.",
    "binary-as-text": "`B` and `BS` values stay base64 text instead of bytes. Decode them "
    "yourself before use, and never compare them with raw bytes.",
    "timestamp-truncated": "The fractional seconds of `ApproximateCreationDateTime` are dropped. "
    "Do not order records by it within a second; use `SequenceNumber`.",
    "timestamp-precision": "A fractional `ApproximateCreationDateTime` is not kept exactly "
    "(float rounding, or the fraction read in the wrong unit: see the message). Round to "
    "milliseconds, or order by `SequenceNumber`.",
    "timestamp-unit": "The timestamp is read in another unit (seconds vs milliseconds). Convert "
    "it explicitly.",
    "record-count": "The view does not have the event's number of records: some records would "
    "never be processed or reported.",
    "attribute-malformed": "An attribute value does not come out as the typed `AttributeValue` "
    "of the event. Read the raw attribute map for these types.",
    "view-malformed": "The handler's view of the event could not be read at all.",
    "response-invalid": "The response is not a valid batch response; Lambda would treat the "
    "whole batch as failed.",
}
DEFAULT_ADVICE = "See the details for each fixture below."
REJECTED_ADVICE = (
    "The library raised before any record was processed: the invocation fails and Lambda "
    "retries the whole batch until it succeeds or the records expire. Validate or pre-process "
    "the raw event for these inputs, or read them without the library."
)
RESPONSE_ADVICE = (
    "The handler ran, but what it returned differs from the expected response; Lambda acts on "
    "the response (checkpoint, retries, window state), so check these fields."
)

# ---------------------------------------------------------------------------- loading


class ResultsError(PluginError):
    """The results file is missing or malformed."""


def _fail(where: str, problem: str) -> ResultsError:
    return ResultsError(
        f"ddbstreams conformance page: docs/{RESULTS} is malformed at {where}: {problem}; "
        f"{REGENERATE} again"
    )


def _expect(value: Any, kind: type, where: str) -> Any:
    if not isinstance(value, kind):
        raise _fail(where, f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def validate_results(doc: Any) -> dict[str, Any]:
    """The results document, checked for everything the page reads."""
    top: dict[str, Any] = _expect(doc, dict, "the top level")
    fixtures = _expect(doc.get("fixtures"), dict, "fixtures")
    for path, meta in fixtures.items():
        _expect(meta, dict, f"fixtures[{path!r}]")
        _expect(meta.get("shape"), str, f"fixtures[{path!r}].shape")
    languages = _expect(doc.get("languages"), dict, "languages")
    for lang, ldoc in languages.items():
        _expect(ldoc, dict, f"languages.{lang}")
        handlers = _expect(ldoc.get("handlers"), dict, f"languages.{lang}.handlers")
        for name, hdoc in handlers.items():
            where = f"languages.{lang}.handlers.{name}"
            _expect(hdoc, dict, where)
            results = _expect(hdoc.get("fixtures"), dict, f"{where}.fixtures")
            for path, result in results.items():
                rw = f"{where}.fixtures[{path!r}]"
                _expect(result, dict, rw)
                if path not in fixtures:
                    raise _fail(rw, "the fixture is not listed under `fixtures`")
                if result.get("status") not in STATUSES:
                    raise _fail(
                        f"{rw}.status",
                        f"{result.get('status')!r} is not one of {', '.join(STATUSES)}",
                    )
                for key in ("differences", "response_differences"):
                    diffs = _expect(result.get(key, []), list, f"{rw}.{key}")
                    for i, diff in enumerate(diffs):
                        _expect(diff, dict, f"{rw}.{key}[{i}]")
                        for field in ("kind", "path", "message"):
                            _expect(diff.get(field), str, f"{rw}.{key}[{i}].{field}")
    return top


def load_results(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ResultsError(
            f"ddbstreams conformance page: docs/{RESULTS} does not exist; {REGENERATE} "
            "(the conformance page is generated from it)"
        ) from exc
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ResultsError(
            f"ddbstreams conformance page: docs/{RESULTS} is not valid JSON ({exc}); "
            f"{REGENERATE} again"
        ) from exc
    return validate_results(doc)


# ---------------------------------------------------------------------------- model helpers


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


def fixture_label(path: str) -> str:
    """`events/dynamodb/stream/insert-keys-only.json` -> `stream/insert-keys-only.json`."""
    return path.removeprefix("events/").removeprefix("dynamodb/")


def handler_anchor(handler: str) -> str:
    return f"cf-{_slug(handler)}"


def cell_anchor(handler: str, fixture: str) -> str:
    return f"cf-{_slug(handler)}--{_slug(fixture_label(fixture).removesuffix('.json'))}"


def library_anchor(library: str) -> str:
    return f"known-{_slug(library)}"


def handlers(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(language key, handler name, handler document), languages in the site's tab order."""
    langs = sorted(
        doc["languages"],
        key=lambda k: (LANGUAGE_ORDER.index(k) if k in LANGUAGE_ORDER else len(LANGUAGE_ORDER), k),
    )
    order = list(HANDLER_LABELS)

    def rank(name: str) -> tuple[int, str]:
        return (order.index(name) if name in order else len(order), name)

    return [
        (lang, name, doc["languages"][lang]["handlers"][name])
        for lang in langs
        for name in sorted(doc["languages"][lang]["handlers"], key=rank)
    ]


def language_label(doc: dict[str, Any], lang: str) -> str:
    return str(doc["languages"][lang].get("language") or lang)


def handler_label(name: str, hdoc: dict[str, Any]) -> str:
    return HANDLER_LABELS.get(name) or str(hdoc.get("library") or name).split(" (")[0]


def shape_order(doc: dict[str, Any]) -> list[str]:
    shapes = {meta["shape"] for meta in doc["fixtures"].values()}
    return [s for s in SHAPE_TITLES if s in shapes] + sorted(shapes - set(SHAPE_TITLES))


def _strip_path(message: str, path: str) -> str:
    return message.removeprefix(f"{path}: ")


def group_differences(diffs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Differences that repeat across records (`records[0]`, `records[1]`...) as one row."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for diff in diffs:
        general = re.sub(r"\[\d+\]", "[*]", diff["path"])
        key = (diff["kind"], general)
        text = _strip_path(diff["message"], diff["path"])
        group = groups.setdefault(
            key, {"kind": diff["kind"], "path": general, "count": 0, "messages": []}
        )
        group["count"] += 1
        if text not in group["messages"]:
            group["messages"].append(text)
    return list(groups.values())


def kind_counts(result: dict[str, Any]) -> Counter[str]:
    return Counter(
        d["kind"] for d in result.get("differences", []) + result.get("response_differences", [])
    )


def cell_title(result: dict[str, Any] | None) -> str:
    if result is None:
        return NOT_APPLICABLE[2]
    status = result["status"]
    title = STATUS_CELL[status][2]
    counts = kind_counts(result)
    if counts:
        title += " — " + ", ".join(f"{k} ×{n}" for k, n in sorted(counts.items()))
    if result.get("error"):
        title += " — " + str(result["error"])[:160]
    return title


# ---------------------------------------------------------------------------- rendering


def _rel(page: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def render_cell(handler: str, fixture: str, result: dict[str, Any] | None) -> str:
    if result is None:
        css, text, _ = NOT_APPLICABLE
    else:
        css, text, _ = STATUS_CELL[result["status"]]
        if result["status"] == "loaded-with-differences":
            text = f"≈ {len(result.get('differences', []))}"
    attrs = f'class="ddb-cf ddb-cf--{css}" title="{_html(cell_title(result))}"'
    if result is None or result["status"] == "loaded":
        return f"<span {attrs}>{text}</span>"
    return f'<a {attrs} href="#{cell_anchor(handler, fixture)}">{text}</a>'


def render_legend() -> str:
    items = [
        *(
            f'<span class="ddb-cf ddb-cf--{css}">{text}</span> {_html(meaning)}'
            for css, text, meaning in STATUS_CELL.values()
        ),
        f'<span class="ddb-cf ddb-cf--{NOT_APPLICABLE[0]}">{NOT_APPLICABLE[1]}</span> '
        f"{NOT_APPLICABLE[2]}",
    ]
    items[1] = items[1].replace(">≈<", ">≈ n<") + " (n differences)"
    return (
        '<ul class="ddb-cf-legend">\n'
        + "\n".join(f"<li>{item}</li>" for item in items)
        + "\n</ul>\n\nEvery cell that is not ✓ links to the exact differences or the error for that "
        "handler and fixture; hover a cell for a summary.\n"
    )


def render_matrix(doc: dict[str, Any], page: str = "conformance.md") -> str:
    doc = validate_results(doc)
    all_handlers = handlers(doc)
    out = [render_legend()]
    for shape in shape_order(doc):
        fixtures = [
            path
            for path, meta in sorted(doc["fixtures"].items())
            if meta["shape"] == shape and any(path in h["fixtures"] for _, _, h in all_handlers)
        ]
        if not fixtures:
            continue  # no handler takes fixtures of this shape
        columns = [
            (lang, name, h)
            for lang, name, h in all_handlers
            if shape in h.get("shapes", []) or any(p in h["fixtures"] for p in fixtures)
        ]
        out.append(f"### {SHAPE_TITLES.get(shape, shape)} {{ #matrix-{_slug(shape)} }}\n")
        out.append(f"Shape `{shape}`: {len(fixtures)} fixtures, {len(columns)} handlers.\n")
        out.append('<div class="ddb-conformance" markdown="1">\n')
        head = ["Fixture"]
        for lang, name, h in columns:
            ref = " (reference)" if h.get("reference") else ""
            title = f"{h.get('library', name)} {h.get('version', '')}{ref} — {name}"
            head.append(
                f'<a href="#{handler_anchor(name)}" data-handler="{_html(name)}" '
                f'title="{_html(title)}">{_html(handler_label(name, h))}</a>'
                f"<br><small>{_html(language_label(doc, lang))}</small>"
            )
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "---|" + ":-:|" * len(columns))
        for path in fixtures:
            meta = doc["fixtures"][path]
            title = _html(meta.get("title") or fixture_label(path))
            first = (
                f'<span class="ddb-cf-fixture" data-fixture="{_html(path)}">{title}</span>'
                f"<br>[`{fixture_label(path)}`]({_rel(page, path)})"
            )
            cells = [render_cell(name, path, h["fixtures"].get(path)) for _, name, h in columns]
            out.append("| " + " | ".join([first, *cells]) + " |")
        out.append("\n</div>\n")
    return "\n".join(out)


def _diff_table(diffs: list[dict[str, Any]]) -> list[str]:
    rows = ["| Kind | Path | × | What differs |", "|---|---|--:|---|"]
    for g in group_differences(diffs):
        shown = g["messages"][:3]
        text = "<br>".join(_html(m) for m in shown)
        if len(g["messages"]) > len(shown):
            text += f"<br><small>… and {len(g['messages']) - len(shown)} more</small>"
        rows.append(
            f'| `{g["kind"]}` | <code class="ddb-field">{_html(g["path"])}</code> '
            f"| {g['count']} | {text} |"
        )
    return rows


def render_result(
    doc: dict[str, Any], name: str, path: str, result: dict[str, Any], page: str
) -> str:
    status = result["status"]
    css = {"loaded-with-differences": "warning", "not-run": "info"}.get(status, "failure")
    meta = doc["fixtures"][path]
    n = len(result.get("differences", []))
    summary = STATUS_CELL[status][2].split(":")[0]
    if status == "loaded-with-differences":
        summary = f"loaded with {n} difference{'s' if n != 1 else ''}"
    counts = kind_counts(result)
    kinds = ", ".join(f"{k} ×{c}" for k, c in sorted(counts.items()))
    out = [
        f'<details class="{css}" id="{cell_anchor(name, path)}" markdown="1">',
        f"<summary><strong>{_html(meta.get('title') or fixture_label(path))}</strong> · "
        f"<code>{_html(fixture_label(path))}</code> · {_html(summary)}"
        + (f" <small>({_html(kinds)})</small>" if kinds else "")
        + "</summary>\n",
        f"Fixture: [`{path}`]({_rel(page, path)}). Status: `{status}`.\n",
    ]
    if result.get("error"):
        error = str(result["error"]).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out.append("Error:\n")
        out.append(f'<pre class="ddb-cf-error"><code>{error}</code></pre>\n')
    if result.get("differences"):
        out.append("Differences between the fixture and the handler's view of it:\n")
        out.extend(_diff_table(result["differences"]))
        out.append("")
    if result.get("response_differences"):
        out.append("Differences between the expected response and the handler's response:\n")
        out.extend(_diff_table(result["response_differences"]))
        out.append("")
    verdict = result.get("response_verdict") or {}
    for problem in verdict.get("problems") or []:
        out.append(f"- Response problem: {_html(problem)}")
    if status == "response-wrong":
        out.append(
            f"Expected response: `{_html(json.dumps(result.get('expected_response')))}`; "
            f"got: `{_html(json.dumps(result.get('response')))}`.\n"
        )
    out.append("</details>\n")
    return "\n".join(out)


def render_details(doc: dict[str, Any], page: str = "conformance.md") -> str:
    doc = validate_results(doc)
    out = []
    for lang, name, h in handlers(doc):
        label = handler_label(name, h)
        shapes = h.get("shapes") or []
        if shapes and "stream" not in shapes:
            label += " · " + ", ".join(shapes)
        out.append(f"### {label} ({language_label(doc, lang)}) {{ #{handler_anchor(name)} }}\n")
        ref = " The reference handler of its language." if h.get("reference") else ""
        source = f" Source: `{h['source']}`." if h.get("source") else ""
        out.append(
            f"Handler `{name}` · library `{h.get('library', '?')}` {h.get('version', '')}.{source}{ref}\n"
        )
        tally = Counter(r["status"] for r in h["fixtures"].values())
        out.append(
            f"{len(h['fixtures'])} fixtures: "
            + ", ".join(f"{tally[s]} {s}" for s in STATUSES if tally[s])
            + ".\n"
        )
        runner = h.get("runner") or {}
        if runner.get("problem"):
            out.append(f'!!! failure "Runner problem"\n    {_html(runner["problem"])}\n')
        for path, result in sorted(h["fixtures"].items()):
            if result["status"] != "loaded":
                out.append(render_result(doc, name, path, result, page))
    return "\n".join(out)


def render_known(doc: dict[str, Any]) -> str:
    doc = validate_results(doc)
    libraries: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    for lang, name, h in handlers(doc):
        libraries.setdefault(str(h.get("library") or name), []).append((lang, name, h))
    out = []
    for library, members in libraries.items():
        versions = sorted({str(h.get("version", "")) for _, _, h in members})
        out.append(f"### {_html(library)} {{ #{library_anchor(library)} }}\n")
        out.append(
            f"Version {', '.join(f'`{v}`' for v in versions)} · handlers: "
            + ", ".join(f"[`{n}`](#{handler_anchor(n)})" for _, n, _ in members)
            + "\n"
        )
        # kind -> [(handler, fixture, count)], for the event view and for the response
        view: dict[str, list[tuple[str, str, int]]] = {}
        response: dict[str, list[tuple[str, str, int]]] = {}
        errors: dict[str, list[tuple[str, str]]] = {}
        for _, name, h in members:
            for path, r in sorted(h["fixtures"].items()):
                for target, key in ((view, "differences"), (response, "response_differences")):
                    for kind, n in Counter(d["kind"] for d in r.get(key, [])).items():
                        target.setdefault(kind, []).append((name, path, n))
                if r["status"] == "rejected" or r.get("error"):
                    first = str(r.get("error") or "no error message").split(" | ")[0]
                    errors.setdefault(first[:200], []).append((name, path))
        if not (view or response or errors):
            out.append("No differences: every fixture it takes loads exactly as in the fixture.\n")
            continue

        def where(items: list[tuple[str, str, int]]) -> str:
            return ", ".join(
                f"[`{fixture_label(p).removesuffix('.json')}`](#{cell_anchor(n, p)})"
                for n, p, _ in items
            )

        for kind, items in sorted(view.items()):
            total = sum(c for _, _, c in items)
            out.append(
                f"- **`{kind}`** — {total} difference{'s' if total != 1 else ''} in "
                f"{len(items)} fixture{'s' if len(items) != 1 else ''}: {where(items)}.  \n"
                f"  {KIND_ADVICE.get(kind, DEFAULT_ADVICE)}"
            )
        for kind, items in sorted(response.items()):
            total = sum(c for _, _, c in items)
            out.append(
                f"- **`{kind}` in the response** — {total} in {len(items)} "
                f"fixture{'s' if len(items) != 1 else ''}: {where(items)}.  \n"
                f"  {RESPONSE_ADVICE} {KIND_ADVICE.get(kind, '')}".rstrip()
            )
        for error, rejected in errors.items():
            links = where([(n, p, 0) for n, p in rejected])
            out.append(
                f"- **rejected** on {len(rejected)} fixture{'s' if len(rejected) != 1 else ''}: "
                f"{links} — <code>{_html(error)}</code>  \n  {REJECTED_ADVICE}"
            )
        out.append("")
    return "\n".join(out)


def render_versions(doc: dict[str, Any]) -> str:
    doc = validate_results(doc)
    out = [
        "| Language | Handler | Library | Version | Run |",
        "|---|---|---|---|---|",
    ]
    for lang, name, h in handlers(doc):
        ldoc = doc["languages"][lang]
        run = str(ldoc.get("status") or "")
        if ldoc.get("message"):
            run += f": {ldoc['message']}"
        ref = " (reference)" if h.get("reference") else ""
        out.append(
            f"| {_html(language_label(doc, lang))} | [`{name}`](#{handler_anchor(name)}){ref} "
            f"| {_html(h.get('library', ''))} | `{_html(h.get('version', '?'))}` | {_html(run)} |"
        )
    out.append("")
    for lang, ldoc in doc["languages"].items():
        if not ldoc.get("handlers"):
            out.append(
                f'!!! warning "{_html(language_label(doc, lang))} did not run"\n'
                f"    {_html(ldoc.get('message') or ldoc.get('status') or 'no handlers')}\n"
            )
    for failure in doc.get("failures") or []:
        out.append(f'!!! failure "Run failure"\n    {_html(failure)}\n')
    return "\n".join(out)


def render_summary(doc: dict[str, Any], page: str = "conformance.md") -> str:
    doc = validate_results(doc)
    all_handlers = handlers(doc)
    tally: Counter[str] = Counter()
    for _, _, h in all_handlers:
        tally.update(r["status"] for r in h["fixtures"].values())
    taken = {p for _, _, h in all_handlers for p in h["fixtures"]}
    return (
        f'!!! info "Generated from a real run"\n'
        f"    This page is generated at build time from [`docs/{RESULTS}`]({_rel(page, RESULTS)}), "
        f"which `nox -s conformance` writes by running every example handler against every "
        f"fixture it takes (CI runs it just before building the docs). This run: "
        f"{len(all_handlers)} handlers in {len(doc['languages'])} languages, {len(taken)} "
        f"fixtures, {sum(tally.values())} results — "
        + ", ".join(f"{tally[s]} {s}" for s in STATUSES if tally[s])
        + ".\n"
    )


PLACEHOLDERS: dict[str, Callable[..., str]] = {
    "summary": render_summary,
    "matrix": render_matrix,
    "details": render_details,
    "known": lambda doc, page: render_known(doc),
    "versions": lambda doc, page: render_versions(doc),
}

# ---------------------------------------------------------------------------- MkDocs events


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global DOCS_DIR
    DOCS_DIR = Path(config.docs_dir)
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not MARKER.search(markdown):
        return markdown
    src = page.file.src_uri
    doc = load_results(DOCS_DIR / RESULTS)

    def expand(match: re.Match[str]) -> str:
        render = PLACEHOLDERS.get(match["name"])
        if render is None:
            raise PluginError(
                f"ddbstreams conformance page: {src}: unknown placeholder conformance:{match['name']}"
            )
        return render(doc, src)

    return MARKER.sub(expand, markdown)
