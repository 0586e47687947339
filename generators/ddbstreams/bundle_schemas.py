"""Write each schema as one self-contained file under `schemas/bundled/`, or check for drift.

    python -m ddbstreams.bundle_schemas            # rewrite schemas/bundled/ of this checkout
    python -m ddbstreams.bundle_schemas --check    # write nothing; exit 1 listing drifted files

The schemas refer to each other (`stream-event` uses `stream-record`, which uses
`attribute-value`). A tool given one file, such as `check-jsonschema --schemafile`
or an editor, would fetch the others by their `$id` URLs on every run, or fail
offline. A bundled file is a JSON Schema 2020-12 compound document: the schema
itself, with every schema it reaches embedded under `$defs` by its `$id`.
Each embedded schema keeps its `$id`, so every `$ref` resolves as before, inside
the one file, and nothing is rewritten.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from urllib.parse import urldefrag, urljoin

from .generated_tree import Tree
from .jsonio import dumps
from .resources import REPO_ROOT

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SCHEMAS = "schemas"
BUNDLED = "schemas/bundled"
SUFFIX = ".schema.json"


def refs(node: Any) -> Iterator[str]:
    """Every `$ref` value in a schema, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def reached(root: Mapping[str, Any], by_id: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """The `$id`s of every other schema `root` refers to, directly or not, in first-seen order."""
    seen = [root["$id"]]
    for base in seen:  # grows while it is walked
        for ref in refs(by_id[base]):
            target, _ = urldefrag(urljoin(base, ref))
            if target not in by_id:
                raise ValueError(f"{base}: $ref {ref!r} names no schema in {SCHEMAS}/")
            if target not in seen:
                seen.append(target)
    return seen[1:]


def bundle(root: Mapping[str, Any], by_id: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """`root` with every schema it reaches embedded under `$defs`, keyed by `$id`."""
    embedded = {schema_id: by_id[schema_id] for schema_id in reached(root, by_id)}
    if not embedded:
        return dict(root)
    clashes = set(embedded) & set(root.get("$defs", {}))
    if clashes:
        raise ValueError(f"{root['$id']}: $defs already has {sorted(clashes)}")
    return {**root, "$defs": {**root.get("$defs", {}), **embedded}}


def expected_files(root: Path) -> dict[str, str]:
    """Repository-relative path -> exact text of every bundled schema."""
    sources = sorted((root / SCHEMAS).glob("*" + SUFFIX))
    schemas = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sources}
    by_id = {schema["$id"]: schema for schema in schemas.values()}
    return {f"{BUNDLED}/{name}": dumps(bundle(schema, by_id)) for name, schema in schemas.items()}


TREE = Tree(
    folder=BUNDLED,
    pattern="*.json",
    missing="missing (run `python -m ddbstreams.bundle_schemas`)",
    different="differs from the schemas it bundles",
    stray=f"bundles no schema in {SCHEMAS}/ (remove it)",
)


def drift(root: Path) -> list[str]:
    """One line per bundled file that is missing, different, or no longer made."""
    return TREE.drift(root, expected_files(root))


def write_all(root: Path) -> list[str]:
    """Write the bundled files whose text changed, remove stale ones; what changed."""
    return TREE.write(root, expected_files(root))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ddbstreams.bundle_schemas",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--check", action="store_true", help="write nothing; fail on drift")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="repository root")
    args = parser.parse_args(argv)
    if not (args.root / SCHEMAS).is_dir():
        print(f"ddbstreams: error: {args.root} has no {SCHEMAS}/ folder", file=sys.stderr)
        return 2
    if args.check:
        problems = drift(args.root)
        for line in problems:
            print(f"ddbstreams: {line}", file=sys.stderr)
        if problems:
            print(f"ddbstreams: {len(problems)} bundled schema(s) drifted", file=sys.stderr)
            return 1
        print(f"ddbstreams: {BUNDLED}/ matches {SCHEMAS}/")
        return 0
    for line in write_all(args.root):
        print(f"ddbstreams: wrote {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
