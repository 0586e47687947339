"""Code tabs of the example handlers, one fragment per fixture shape (`code-tabs/<shape>.md`).

Every language folder under `examples/` describes its handlers in a `runner.json`; the keys read
here are the top-level `language` (the tab label, which links tabs across pages) and, for each
entry of `handlers`, `source` (the file, relative to the runner.json's folder), `library` (the
inner tab label) and `shapes` (the fixture shapes it handles). The fragments embed each file
with a snippet, so the page shows the handler exactly as the conformance run uses it.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path

from pygments.lexers import get_lexer_for_filename
from pygments.util import ClassNotFound

from ._markdown import indent
from ._sources import REPO, GenerationError

EXAMPLES = REPO / "examples"
# runner.json sits in the language folder, or in a runner/ folder inside it.
RUNNER_GLOBS = ("*/runner.json", "*/*/runner.json")


@dataclass(frozen=True)
class Handler:
    language: str
    library: str
    shapes: tuple[str, ...]
    source: str  # repository-relative path

    @property
    def highlight(self) -> str:
        try:
            return str(get_lexer_for_filename(self.source).aliases[0])
        except ClassNotFound:
            return "text"


def _runner_files() -> list[Path]:
    found = {p for pattern in RUNNER_GLOBS for p in EXAMPLES.glob(pattern)}
    return sorted(p for p in found if "node_modules" not in p.parts)


def handlers() -> list[Handler]:
    """Every handler of every language, languages in alphabetical order of their label."""
    found: list[Handler] = []
    for runner in _runner_files():
        where = runner.relative_to(REPO).as_posix()
        try:
            spec = json.loads(runner.read_text(encoding="utf-8"))
            language = str(spec["language"])
            entries = spec["handlers"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise GenerationError(f"{where}: needs `language` and `handlers` ({exc})") from None
        for entry in entries:
            if not entry.get("source"):
                continue
            source = posixpath.normpath(posixpath.join(posixpath.dirname(where), entry["source"]))
            if not (REPO / source).is_file():
                raise GenerationError(f"{where}: handler source {source} does not exist")
            found.append(
                Handler(
                    language, str(entry.get("library", "")), tuple(entry.get("shapes", [])), source
                )
            )
    return sorted(found, key=lambda h: h.language.casefold())


def _code_block(handler: Handler) -> str:
    return f'``` {handler.highlight} title="{handler.source}"\n--8<-- "{handler.source}"\n```\n'


def render(shape: str, every: list[Handler]) -> str:
    out: list[str] = []
    languages = list(dict.fromkeys(h.language for h in every))
    for language in languages:
        # One file can hold several handlers (stream and pipes): it is shown once.
        files = list(
            {h.source: h for h in every if h.language == language and shape in h.shapes}.values()
        )
        if not files:
            continue
        out.append(f'=== "{language}"\n')
        if len(files) == 1:
            (only,) = files
            body = (f"Library: `{only.library}`\n\n" if only.library else "") + _code_block(only)
            out.append(indent(body, 4))
            continue
        for handler in files:
            # "aws-lambda-powertools parser (DynamoDBStreamModel, pydantic)" -> the part before "("
            label = handler.library.split(" (")[0] or posixpath.basename(handler.source)
            out.append(indent(f'=== "{label}"\n\n' + indent(_code_block(handler), 4), 4))
    return "\n".join(out)


def build() -> dict[str, str]:
    every = handlers()
    shapes = sorted({shape for h in every for shape in h.shapes})
    return {f"code-tabs/{shape}.md": render(shape, every) for shape in shapes}
