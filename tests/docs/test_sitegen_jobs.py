"""Each sitegen job against an oracle of its own: the published files, read here directly."""

from __future__ import annotations

import html
import json
import posixpath
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitegen import (
    catalogue,
    code_tabs,
    fields,
    generate_commands,
    schema_list,
    schema_pages,
    size_example,
    view_types,
)
from sitegen._sources import GenerationError

REPO = Path(__file__).parents[2]
INDEX: list[dict[str, str]] = json.loads((REPO / "events/index.json").read_text(encoding="utf-8"))
SCHEMA_FILES = sorted((REPO / "schemas").glob("*.schema.json"))


def load(relative: str) -> Any:
    return json.loads((REPO / relative).read_text(encoding="utf-8"))


def plain(markdown: str) -> str:
    """Markdown table text with its escapes undone, for comparing with source strings."""
    return html.unescape(markdown.replace("\\|", "|"))


def only(outputs: dict[str, str]) -> str:
    (text,) = outputs.values()
    return text


def test_catalogue_lists_every_fixture_of_the_index_under_its_shape() -> None:
    text = only(catalogue.build())
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    by_anchor = {re.search(r"\{ #shape-([\w-]+) \}", s)[1]: s for s in sections}  # type: ignore[index]
    assert set(by_anchor) == {e["shape"] for e in INDEX}
    for entry in INDEX:
        section = plain(by_anchor[entry["shape"]])
        assert f"({entry['path']})" in section, entry["path"]
        assert entry["title"] in section and entry["description"] in section
    assert f"{len(INDEX)} fixtures" in text


def test_field_table_rows_carry_the_schema_descriptions() -> None:
    schema = load("schemas/stream-record.schema.json")
    rows = {
        re.sub(r"<[^>]+>", "", line.split(" | ")[0].removeprefix("| ")): plain(line)
        for line in fields.build()["fields/stream-record.md"].splitlines()
        if line.startswith("| <code")
    }
    for name, prop in schema["properties"].items():
        assert name in rows, name
        if "description" in prop:
            assert prop["description"] in rows[name], name
            assert f"**{prop['title']}.**" in rows[name], name
        required = "yes" if name in schema.get("required", []) else "no"
        assert f" | {required} | " in rows[name], name


def test_every_shape_has_a_title_and_a_schema() -> None:
    from ddbstreams.catalog import SHAPE_SCHEMAS, SHAPE_TITLES

    shapes = {e["shape"] for e in INDEX}
    assert shapes <= set(SHAPE_TITLES) and set(SHAPE_TITLES) == set(SHAPE_SCHEMAS)


def test_one_schema_page_per_schema_file_titled_by_the_schema() -> None:
    pages = schema_pages.build()
    assert set(pages) == {f"schemas/{p.name.removesuffix('.schema.json')}.md" for p in SCHEMA_FILES}
    for path in SCHEMA_FILES:
        schema = json.loads(path.read_text(encoding="utf-8"))
        page = pages[f"schemas/{path.name.removesuffix('.schema.json')}.md"]
        assert page.startswith(f"# {schema['title']}\n")
        assert f'--8<-- "schemas/{path.name}"' in page, "the raw schema is embedded, not copied"
        for name in schema.get("$defs", {}):
            assert f"{{ #def-{name.lower()} }}" in page


def test_schema_pages_list_the_fixtures_that_conform() -> None:
    pages = schema_pages.build()
    for entry in INDEX:
        page = pages[f"schemas/{Path(entry['schema']).name.removesuffix('.schema.json')}.md"]
        assert f"(../{entry['path']})" in page, entry["path"]


def test_schema_list_links_every_schema_and_its_raw_file() -> None:
    text = only(schema_list.build())
    for path in SCHEMA_FILES:
        schema = json.loads(path.read_text(encoding="utf-8"))
        stem = path.name.removesuffix(".schema.json")
        assert f"[{schema['title']}]({stem}.md)" in plain(text)
        assert f"({path.name})" in text


def runner_handlers() -> list[tuple[str, str, list[str]]]:
    """(language label, repository path of the source, shapes) from every runner.json."""
    found = []
    runners = {
        *(REPO / "examples").glob("*/runner.json"),
        *(REPO / "examples").glob("*/*/runner.json"),
    }
    for runner in sorted(r for r in runners if "node_modules" not in r.parts):
        spec = json.loads(runner.read_text(encoding="utf-8"))
        for handler in spec["handlers"]:
            source = posixpath.normpath(
                (runner.parent / handler["source"]).relative_to(REPO).as_posix()
            )
            found.append((spec["language"], source, handler["shapes"]))
    return found


def test_code_tabs_embed_every_handler_for_each_of_its_shapes() -> None:
    tabs = code_tabs.build()
    handlers = runner_handlers()
    assert handlers
    for language, source, shapes in handlers:
        for shape in shapes:
            text = tabs[f"code-tabs/{shape}.md"]
            assert f'=== "{language}"' in text
            assert f'--8<-- "{source}"' in text, (shape, source)
    for path, text in tabs.items():
        shape = path.removeprefix("code-tabs/").removesuffix(".md")
        wanted = {s for _, s, shapes in handlers if shape in shapes}
        assert set(re.findall(r'--8<-- "([^"]+)"', text)) == wanted


# SizeBytes of the three records of `sam local generate-event dynamodb update`, as AWS publishes them.
AWS_SAM_SIZE_BYTES = [26, 59, 38]


def test_size_example_totals_are_the_published_sizes() -> None:
    text = only(size_example.build())
    totals = [int(t) for t in re.findall(r"^\| \*\*Total\*\* \|.*\*\*(\d+)\*\* \|$", text, re.M)]
    assert totals == AWS_SAM_SIZE_BYTES


def test_size_example_rows_add_up() -> None:
    text = only(size_example.build())
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 6 and cells[3].isdigit():
            assert int(cells[3]) + int(cells[4]) == int(cells[5]), line
            assert int(cells[3]) == len(cells[1].strip("`").encode("utf-8"))


def test_generate_commands_cover_every_event_fixture_and_start_collapsed() -> None:
    text = only(generate_commands.build())
    assert '??? note "The command for every variant"' in text, "collapsed, not open (???+)"
    for entry in INDEX:
        if entry["shape"] in ("stream", "pipes", "tumbling-window"):
            assert f"]({entry['path']})" in text, entry["path"]
            if entry["path"] != "events/dynamodb/dynamodb.json":
                assert f"`ddbstreams generate {entry['name']}`" in text


def _tab_fixtures(tabs: str) -> dict[tuple[str, str], str]:
    """(event name, view type) -> linked fixture, read from the nested tab markup."""
    found: dict[tuple[str, str], str] = {}
    event = view = ""
    for line in tabs.splitlines():
        if line.startswith('=== "'):
            event = line.split('"')[1]
        elif line.startswith('    === "'):
            view = line.split('"')[1]
        elif "ddb-lazy" in line:
            found[(event, view)] = re.findall(r"\]\(([^)]+\.json)\)", line)[0]
    return found


def test_view_type_tabs_link_a_fixture_of_exactly_their_cell() -> None:
    tabs = view_types.build()["view-types/tabs.md"]
    found = _tab_fixtures(tabs)
    assert len(found) == 12 and "--8<--" not in tabs, "twelve tabs, none embedding its event"
    for (event, view), path in found.items():
        records = load(path)["Records"]
        assert {r["eventName"] for r in records} == {event}, path
        assert {r["dynamodb"]["StreamViewType"] for r in records} == {view}, path


def test_view_type_table_says_what_the_linked_fixtures_carry() -> None:
    outputs = view_types.build()
    found = _tab_fixtures(outputs["view-types/tabs.md"])
    lines = [line for line in outputs["view-types/table.md"].splitlines() if line.startswith("| `")]
    events = re.findall(r"`(\w+)`", outputs["view-types/table.md"].splitlines()[0])
    assert len(lines) == 4 and len(events) == 3
    for line in lines:
        view, *cells = [c.strip() for c in line.strip("|").split("|")]
        for event, text in zip(events, cells, strict=True):
            records = load(found[(event, view.split("`")[1])])["Records"]
            carried = {p for p in ("Keys", "NewImage", "OldImage") if p in records[0]["dynamodb"]}
            assert set(text.split(", ")) == carried, (view, event)


def _published(site_path: str) -> bool:
    """A page or file of the site: a docs page, a raw fixture or schema, or a schema page."""
    return any(
        (root / site_path).is_file() for root in (REPO / "docs", REPO, REPO / "docs" / "generated")
    )


@pytest.mark.parametrize("job", [catalogue, schema_list, fields, view_types, generate_commands])
def test_links_resolve_from_the_including_page(job: Any) -> None:
    targets = [t for text in job.build().values() for t in re.findall(r"\]\(([^)#]+)", text)]
    assert targets
    for target in targets:
        site_path = posixpath.normpath(posixpath.join(posixpath.dirname(job.PAGE), target))
        assert not site_path.startswith(".."), target
        assert _published(site_path), f"{job.__name__}: {target} from {job.PAGE}"


def test_the_sam_command_shown_runs_and_uses_its_options() -> None:
    argv = shlex.split(generate_commands.SAM_COMMAND)
    assert argv[0] == "ddbstreams"
    # The console script installed beside this interpreter, as a reader runs it.
    script = Path(sys.executable).with_name("ddbstreams")
    assert script.is_file(), f"{script} is not installed"
    result = subprocess.run(
        [str(script), *argv[1:]],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)["Records"]
    region = argv[argv.index("--region") + 1]
    table = argv[argv.index("--table") + 1]
    assert all(
        r["awsRegion"] == region and f":table/{table}/" in r["eventSourceARN"] for r in records
    )


# Bad sources stop the generation with a message naming the file, not a traceback.


def test_a_runner_json_without_language_is_reported(tmp_path: Path, monkeypatch: Any) -> None:
    (tmp_path / "examples" / "cobol").mkdir(parents=True)
    (tmp_path / "examples" / "cobol" / "runner.json").write_text('{"handlers": []}')
    monkeypatch.setattr(code_tabs, "REPO", tmp_path)
    monkeypatch.setattr(code_tabs, "EXAMPLES", tmp_path / "examples")
    with pytest.raises(GenerationError, match=r"examples/cobol/runner.json: needs `language`"):
        code_tabs.build()


def test_a_handler_source_that_does_not_exist_is_reported(tmp_path: Path, monkeypatch: Any) -> None:
    folder = tmp_path / "examples" / "cobol"
    folder.mkdir(parents=True)
    spec = {"language": "COBOL", "handlers": [{"source": "gone.cbl", "shapes": ["stream"]}]}
    (folder / "runner.json").write_text(json.dumps(spec))
    monkeypatch.setattr(code_tabs, "REPO", tmp_path)
    monkeypatch.setattr(code_tabs, "EXAMPLES", tmp_path / "examples")
    with pytest.raises(GenerationError, match=r"examples/cobol/gone.cbl does not exist"):
        code_tabs.build()
    (folder / "gone.cbl").write_text("PROCEDURE DIVISION.")
    assert '--8<-- "examples/cobol/gone.cbl"' in code_tabs.build()["code-tabs/stream.md"]


def test_a_missing_view_type_cell_is_reported(monkeypatch: Any) -> None:
    every = view_types.fixtures()
    without = tuple(f for f in every if not f.path.endswith("/modify-old-image.json"))
    assert len(without) == len(every) - 1
    monkeypatch.setattr(view_types, "fixtures", lambda: without)
    with pytest.raises(GenerationError, match=r"\('MODIFY', 'OLD_IMAGE'\)"):
        view_types.build()


def test_a_size_that_does_not_add_up_is_reported(monkeypatch: Any) -> None:
    event = load("events/dynamodb/dynamodb.json")
    event["Records"][1]["dynamodb"]["SizeBytes"] += 1
    monkeypatch.setattr(size_example, "read_json", lambda _path: event)
    with pytest.raises(GenerationError, match=r"computed size 59 != SizeBytes 60"):
        size_example.build()


def test_field_tables_show_the_sources_of_their_descriptions() -> None:
    # docs/field-sources.yml lists, per schema field, where its description comes from; the
    # generated field tables and schema pages must show those markers beside the descriptions.
    listed = yaml.safe_load((REPO / "docs/field-sources.yml").read_text(encoding="utf-8"))
    generated = "\n".join(text for job in (fields, schema_pages) for text in job.build().values())
    for schema, pointers in listed.items():
        for pointer, ids in pointers.items():
            if pointer.split("/")[-2:-1] != ["properties"]:
                continue  # a definition: its rows cite it through the property that refers to it
            markers = ", ".join(f"[src:{i}]" for i in ids)
            assert markers in generated, (schema, pointer)
