"""The computed parts of the docs site, written as Markdown before MkDocs (or Zensical) runs.

Each public module of this package is one job: it exposes `build() -> dict[str, str]`, mapping
a path under `docs/generated/` to the text of that file. `python -m sitegen` (from the
repository root) runs every job it finds, writes the outputs and removes stale ones; pages include them with
pymdownx snippets, so the site generator itself needs no plugin or hook to show them.
"""
