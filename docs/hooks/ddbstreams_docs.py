"""The part of the site that Markdown includes cannot express, for MkDocs.

Everything computed is written beforehand by `python -m sitegen` into `docs/generated/`. This
hook only publishes files: the raw fixtures (`events/**.json`) and schemas
(`schemas/*.schema.json`) at the same paths as in the repository, so links to them are checked
by `mkdocs build --strict`; and the generated schema pages (`generated/schemas/*.md`) at
`/schemas/<name>/`, listed in the nav under the schema reference index.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

STATIC_TREES = ("events", "schemas")
SCHEMA_INDEX = "schemas/index.md"


def _repo(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _schema_pages(config: MkDocsConfig) -> list[Path]:
    pages = sorted((Path(config.docs_dir) / "generated" / "schemas").glob("*.md"))
    if not pages:
        raise PluginError("docs/generated/schemas/ is empty: run `python -m sitegen`")
    return pages


def _title(page: Path) -> str:
    first = page.read_text(encoding="utf-8").split("\n", 1)[0]
    return first.removeprefix("# ").strip() or page.stem


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """List the schema pages in the nav, under the schema reference index."""
    entries = [{_title(p): f"schemas/{p.name}"} for p in _schema_pages(config)]

    def visit(items: list[Any]) -> bool:
        for i, item in enumerate(items):
            if isinstance(item, dict):
                ((title, value),) = item.items()
                if value == SCHEMA_INDEX:
                    items[i] = {title: [value, *entries]}
                    return True
                if isinstance(value, list) and visit(value):
                    return True
        return False

    if config.nav and not visit(config.nav):
        raise PluginError(f"mkdocs.yml nav has no {SCHEMA_INDEX} entry")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish the raw fixtures and schemas, and the generated schema pages."""
    repo = _repo(config)
    for top in STATIC_TREES:
        for path in sorted((repo / top).rglob("*.json")):
            files.append(
                File.generated(config, path.relative_to(repo).as_posix(), abs_src_path=str(path))
            )
    for page in _schema_pages(config):
        files.append(File.generated(config, f"schemas/{page.name}", abs_src_path=str(page)))
    return files
