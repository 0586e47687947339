"""The fixture catalogue (`catalogue.md`): every fixture by shape, with its raw file and schema."""

from __future__ import annotations

from ddbstreams.catalog import SHAPE_TITLES, Fixture

from ._markdown import cell, rel
from ._sources import (
    GenerationError,
    fixtures,
    schema_name_from_path,
    schema_page_uri,
    schema_title,
)

# Included by docs/catalogue.md; links are relative to it.
PAGE = "catalogue.md"


def render() -> str:
    by_shape: dict[str, list[Fixture]] = {}
    for fixture in fixtures():
        by_shape.setdefault(fixture.shape, []).append(fixture)
    untitled = sorted(set(by_shape) - set(SHAPE_TITLES))
    if untitled:
        raise GenerationError(
            f"shapes without a title in ddbstreams.catalog.SHAPE_TITLES: {untitled}"
        )
    out = [
        f"{sum(map(len, by_shape.values()))} fixtures, listed from the catalogue that writes "
        "`events/index.json`. Each links the raw file (download it, or `curl` it) and the schema "
        "it conforms to.\n"
    ]
    for shape, title in SHAPE_TITLES.items():
        if shape not in by_shape:
            continue
        out.append(f"## {title} {{ #shape-{shape} }}\n")
        out.append(f"Shape `{shape}`.\n")
        out.append("| Fixture | Description | Schema |")
        out.append("|---|---|---|")
        for fixture in by_shape[shape]:
            label = fixture.path.removeprefix("events/")
            schema = schema_name_from_path(fixture.schema)
            name_cell = f"**{cell(fixture.title)}**<br>[`{label}`]({rel(PAGE, fixture.path)})"
            schema_cell = (
                f"[{cell(schema_title(schema))}]({rel(PAGE, schema_page_uri(schema))}) "
                f"([raw]({rel(PAGE, fixture.schema)}))"
            )
            out.append(f"| {name_cell} | {cell(fixture.description)} | {schema_cell} |")
        out.append("")
    return "\n".join(out)


def build() -> dict[str, str]:
    return {"catalogue.md": render()}
