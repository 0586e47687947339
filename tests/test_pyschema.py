"""The python schema engine against its two oracles: jsonschema-rs (exact output) and jsonschema.

jsonschema-rs is the engine the python one stands in for, so on every document
the two must give the same problems: pointer, rule, message, order. The
reference implementation (`jsonschema`) checks the pointers and rules a third
time. Nothing expected here comes from the python engine itself.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import pytest
from casedata import ROOT, case_text, load_cases
from ddbstreams.catalog import SHAPE_SCHEMAS
from ddbstreams.validation import pyschema
from ddbstreams.validation.pyschema import UnsupportedSchema, Validator
from ddbstreams.validation.schemas import bundled_schema_for, schema_problems
from ddbstreams.validation.shapes import detect
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

RECORDED = ROOT.parent / "shared" / "ground-truth" / "aws-recorded"
FIXTURES = [
    (e["path"], e["shape"]) for e in json.loads((ROOT / "events/index.json").read_text("utf-8"))
]


def _documents() -> list[tuple[str, Any, str]]:
    """(name, document, shape) for every fixture and case (and recording, when present)."""
    docs = [(path, json.loads((ROOT / path).read_text("utf-8")), shape) for path, shape in FIXTURES]
    for folder in ("valid", "invalid"):
        for name, case in load_cases(folder):
            try:
                doc = json.loads(case_text(case))
            except ValueError:
                continue  # not JSON at all: no schema to apply
            shape = case.get("shape") or detect(doc)[0]
            if shape is not None:
                docs.append((f"cases/{folder}/{name}", doc, shape))
    for name, case in load_cases("responses"):
        shape = "tumbling-window-response" if case["tumbling_window"] else "batch-response"
        docs.append((f"cases/responses/{name}", case["response"], shape))
    return docs


def _recorded() -> list[tuple[str, Any, str]]:
    docs = []
    for path in sorted(RECORDED.rglob("*.json")) if RECORDED.is_dir() else []:
        doc = json.loads(path.read_text("utf-8"))
        if path.name == "response.json":
            shape: str | None = "batch-response"
        else:
            shape = detect(doc)[0]
        if shape is not None:
            docs.append((str(path.relative_to(RECORDED)), doc, shape))
    return docs


DOCUMENTS = _documents()


def _problems(doc: Any, shape: str, engine: Any) -> list[tuple[str, str, str]]:
    return [(p.pointer, p.rule, p.message) for p in schema_problems(doc, shape, engine)]


def _same_as_oracles(doc: Any, shape: str) -> None:
    python = _problems(doc, shape, "python")
    assert python == _problems(doc, shape, "fast")
    reference = _problems(doc, shape, "reference")
    assert sorted(p[:2] for p in python) == sorted(p[:2] for p in reference)


@pytest.mark.parametrize(("name", "doc", "shape"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_fixtures_and_cases_match_both_engines(name: str, doc: Any, shape: str) -> None:
    _same_as_oracles(doc, shape)


def test_the_cases_do_break_schemas() -> None:
    """The comparison above means something only if many documents have schema problems."""
    broken = [d for d in DOCUMENTS if _problems(d[1], d[2], "fast")]
    assert len(broken) >= 20


def test_recorded_events_match_both_engines() -> None:
    if not RECORDED.is_dir():
        pytest.skip(f"no AWS recordings at {RECORDED} (the ground-truth folder beside the repo)")
    recorded = _recorded()
    assert len(recorded) >= 30
    for name, doc, shape in recorded:
        try:
            _same_as_oracles(doc, shape)
        except AssertionError as error:
            raise AssertionError(name) from error


@pytest.mark.parametrize("shape", sorted(SHAPE_SCHEMAS))
def test_every_project_schema_compiles(shape: str) -> None:
    Validator(bundled_schema_for(shape))


def test_every_bundle_compiles() -> None:
    bundles = sorted((ROOT / "schemas" / "bundled").glob("*.schema.json"))
    assert len(bundles) >= len(SHAPE_SCHEMAS)
    for path in bundles:
        Validator(json.loads(path.read_text("utf-8")))


def _patterns(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, child in value.items():
            if key == "pattern" and isinstance(child, str):
                yield child
            else:
                yield from _patterns(child)
    elif isinstance(value, list):
        for child in value:
            yield from _patterns(child)


def test_every_pattern_compiles_as_python_regex() -> None:
    """Patterns compile on first use; each one of every bundle compiles, whether used or not."""
    bundles = sorted((ROOT / "schemas" / "bundled").glob("*.schema.json"))
    found = {p for path in bundles for p in _patterns(json.loads(path.read_text("utf-8")))}
    assert len(found) >= 10
    for source in sorted(found):
        pyschema.ecma_regex(source)


BASE = "https://example.invalid/schemas/test.schema.json"


def _schema(**keywords: Any) -> dict[str, Any]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": BASE, **keywords}


@pytest.mark.parametrize(
    "keywords",
    [
        {"format": "date-time"},
        {"oneOf": [{"type": "string"}]},
        {"properties": {"a": {"exclusiveMinimum": 0}}},
        {"$ref": "other.schema.json"},
        {"pattern": "^\\p{L}$"},
        {"pattern": "(?<=a)b"},
    ],
)
def test_what_it_does_not_implement_is_refused(keywords: dict[str, Any]) -> None:
    with pytest.raises(UnsupportedSchema):
        Validator(_schema(**keywords))


def _three(schema: dict[str, Any], value: Any) -> tuple[list[Any], list[Any], list[Any]]:
    """Problems from the python engine, jsonschema-rs and jsonschema for an inline schema."""
    python = [("/".join(map(str, p)), k, m) for p, k, m in Validator(schema).errors(value)]
    fast = [
        (
            "/".join(map(str, e.instance_path)),
            [s for s in e.schema_path if isinstance(s, str)][-1],
            e.message,
        )
        for e in jsonschema_rs.validator_for(schema).iter_errors(value)
    ]
    reference = [
        ("/".join(map(str, e.absolute_path)), e.validator)
        for e in jsonschema.Draft202012Validator(schema).iter_errors(value)
    ]
    return python, fast, reference


# (keywords, instance, valid): JSON Schema's semantics where Python's differ.
EDGES = [
    ({"type": "integer"}, 1.0, True),  # an integer is a number with no fraction
    ({"type": "integer"}, 1.5, False),
    ({"type": "integer"}, 2**70, True),
    ({"type": "integer"}, True, False),  # booleans are not numbers
    ({"type": "number"}, False, False),
    ({"minimum": 1}, True, True),  # minimum applies to numbers only
    ({"const": 0}, False, False),
    ({"enum": [1]}, 1.0, True),
    ({"uniqueItems": True}, [1, 1.0], False),
    ({"uniqueItems": True}, [True, 1], True),
    ({"uniqueItems": True}, [0, False], True),
    ({"uniqueItems": True}, [{"a": 1, "b": 2}, {"b": 2, "a": 1}], False),
    ({"uniqueItems": True}, [[1], [1.0]], False),
    ({"uniqueItems": True}, [2**53 + 1, float(2**53)], True),
    ({"uniqueItems": True}, [10**30, 10**30], False),
    ({"maximum": 2**53}, 2**53 + 1, False),  # big integers compare exactly
    ({"minimum": 2**53}, 2**53 + 1, True),
    ({"maximum": 10**30}, 10**31, False),
    ({"minLength": 2}, "😀", False),  # lengths count code points
    ({"maxLength": 1}, "😀", True),
    ({"maxLength": 2}, "e\u0301\u0301", False),
    ({"pattern": "b"}, "abc", True),  # search, not match
    ({"pattern": "^[0-9]+$"}, "١٢٣", False),  # Arabic-Indic digits are not [0-9]
    ({"pattern": "^[a-z]{2,4}(-[a-z]+)+-[0-9]+$"}, "us-east-١", False),
]


@pytest.mark.parametrize(("keywords", "value", "valid"), EDGES, ids=[repr(e) for e in EDGES])
def test_edge_semantics_match_both_engines(
    keywords: dict[str, Any], value: Any, valid: bool
) -> None:
    python, fast, reference = _three(_schema(**keywords), value)
    assert python == fast
    assert [p[:2] for p in python] == reference
    assert (python == []) is valid


# Where Python's `re` is not ECMA-262: jsonschema-rs follows ECMA (and so must we);
# `jsonschema` uses `re` and accepts these, so it is no oracle here.
ECMA_ONLY = [
    ({"pattern": "^[0-9]+$"}, "123\n", False),  # `$` is the end of input, not before a newline
    ({"pattern": "^\\d+$"}, "١٢٣", False),  # \d is ASCII
    ({"pattern": "^\\d+$"}, "123", True),
    ({"pattern": "^\\w+$"}, "é", False),
    ({"pattern": "^a.b$"}, "a\u2028b", False),  # `.` excludes every line terminator
    ({"pattern": "^[^0-9]+$"}, "١٢", True),
    ({"pattern": "^\\u0041(?!B)"}, "AC", True),
    ({"pattern": "^\\x41(?=B)"}, "AC", False),
    ({"pattern": "^[\\d.]+$"}, "1.٢", False),
]


@pytest.mark.parametrize(
    ("keywords", "value", "valid"), ECMA_ONLY, ids=[repr(e) for e in ECMA_ONLY]
)
def test_patterns_follow_ecma_262(keywords: dict[str, Any], value: Any, valid: bool) -> None:
    python, fast, _ = _three(_schema(**keywords), value)
    assert python == fast
    assert (python == []) is valid


MESSAGES = [
    ({"type": "string"}, {"b": [1.0, 1e-7, 1.5e-5, 1e16, -0.0, None], "a": 'x\n"é'}),
    ({"type": ["string", "null"]}, 2**64),
    ({"type": ["object", "string", "array", "number", "integer", "boolean"]}, None),
    ({"type": ["object", "null", "array"]}, True),
    ({"enum": ["A", 1, None, {"k": 1}]}, 0),
    ({"enum": ["A", "B"]}, "C"),
    ({"required": ['it"s', "b"]}, {}),
    ({"properties": {"a": {}}, "additionalProperties": False}, {"z": 1, "it's": 2, "a": 3}),
    ({"minItems": 1, "maxProperties": 0}, []),
    ({"minProperties": 2, "maxProperties": 0}, {"a": 1}),
    ({"anyOf": [{"type": "null"}, {"required": ["x"]}]}, {}),
    (
        {"propertyNames": {"pattern": "^[a-z]+$"}, "additionalProperties": {"type": "string"}},
        {"B": 1},
    ),
    ({"if": {"required": ["a"]}, "then": {"required": ["t"]}, "else": {"minProperties": 9}}, {}),
]


@pytest.mark.parametrize(("keywords", "value"), MESSAGES, ids=[repr(m) for m in MESSAGES])
def test_messages_and_order_are_jsonschema_rs_ones(keywords: dict[str, Any], value: Any) -> None:
    python, fast, reference = _three(_schema(**keywords), value)
    assert python == fast
    assert python
    assert sorted(p[:2] for p in python) == sorted(reference)


# --- mutated fixtures -------------------------------------------------------------------------

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
LOADED = [(json.loads((ROOT / path).read_text("utf-8")), shape) for path, shape in FIXTURES]


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_places(value, (*path, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_places(value, (*path, index)))
    return found


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def _mutate(doc: Any, path: tuple[Any, ...], how: str, odd: Any) -> Any:
    """`doc` with the value at `path` broken in one of the ways a hand-made event breaks."""
    if not path:
        return copy.deepcopy(odd) if how == "retype" else doc
    parent, key = _get(doc, path[:-1]), path[-1]
    value = parent[key]
    odd = copy.deepcopy(odd)  # the strategy shares its examples; the document must not
    if how == "delete" and isinstance(parent, dict):
        del parent[key]
    elif how == "retype":
        parent[key] = odd
    elif how == "unknown" and isinstance(value, dict):
        value["unexpectedField"] = odd
    elif how == "pattern" and isinstance(value, str):
        parent[key] = value + "!" if len(value) % 2 else "~" + value
    elif how == "newline" and isinstance(value, str):
        parent[key] = value + "\n"
    elif how == "digits" and isinstance(value, str):
        parent[key] = value.translate(ARABIC_INDIC)
    elif how == "empty" and isinstance(value, list | dict | str):
        parent[key] = type(value)()
    elif how == "duplicate" and isinstance(value, list) and value:
        value.append(copy.deepcopy(value[0]))
    elif how == "range" and isinstance(value, int | float) and not isinstance(value, bool):
        parent[key] = odd if isinstance(odd, int | float) and not isinstance(odd, bool) else -1
    return doc


ODD_VALUES = st.sampled_from(
    [None, True, 0, -1, 1.0, 1.5, 10**30, -(10**20), 1e300, 1e-7, "", "x", "١٢", [], {}, [1, 1]]
)
MUTATIONS = st.sampled_from(
    ["delete", "retype", "unknown", "pattern", "newline", "digits", "empty", "duplicate", "range"]
)


@settings(
    max_examples=300,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    st.integers(min_value=0, max_value=len(LOADED) - 1),
    st.lists(st.tuples(st.integers(min_value=0), MUTATIONS, ODD_VALUES), min_size=1, max_size=3),
)
def test_mutated_fixtures_match_jsonschema_rs(which: int, changes: list[Any]) -> None:
    original, shape = LOADED[which]
    doc = copy.deepcopy(original)
    for pick, how, odd in changes:
        places = _places(doc)
        doc = _mutate(doc, places[pick % len(places)], how, odd)
    assert _problems(doc, shape, "python") == _problems(doc, shape, "fast")


# --- the default engine -------------------------------------------------------------------------


def test_auto_gives_jsonschema_rs_problems() -> None:
    _name, doc, shape = next(d for d in DOCUMENTS if _problems(d[1], d[2], "fast"))
    assert _problems(doc, shape, "auto") == _problems(doc, shape, "fast")


def test_a_small_document_is_checked_without_importing_jsonschema_rs() -> None:
    """The point of the python engine: `validate FILE` on a small file never loads the extension."""
    small = ROOT / "events/dynamodb/stream/insert-new-image.json"
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from ddbstreams.validation.files import validate_file\n"
        "assert validate_file(Path(sys.argv[1]), None, 'auto') == []\n"
        "print('jsonschema_rs' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(small)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent,
    )
    assert out.stdout.split()[-1] == "False"


def test_a_large_document_goes_to_jsonschema_rs() -> None:
    """Past the python engine's budget, `auto` loads jsonschema-rs and reports what it reports."""
    script = (
        "import json, sys\n"
        "from ddbstreams.validation.schemas import AUTO_PYTHON_MAX_BYTES\n"
        "from ddbstreams.validation.validator import check_document\n"
        "doc = json.loads(open(sys.argv[1], encoding='utf-8').read())\n"
        "doc['Records'][0]['eventName'] = 'UPSERT'\n"
        "checked = check_document(doc, raw_size=AUTO_PYTHON_MAX_BYTES + 1)\n"
        "print([p.rule for p in checked.problems], 'jsonschema_rs' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(ROOT / "events/dynamodb/stream/insert-new-image.json")],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent,
    )
    assert out.stdout.split("]")[-1].strip() == "True"
    assert "'schema:enum'" in out.stdout


def _nested(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {"S": "x"}
    for _ in range(depth):
        value = {"M": {"a": value}}
    return value


@pytest.mark.parametrize("depth", [50, 3000])
def test_deep_nesting_gives_jsonschema_rs_problems(depth: int) -> None:
    """Deeper than Python's stack allows the python engine hands over to jsonschema-rs."""
    doc = json.loads((ROOT / "events/dynamodb/stream/insert-new-image.json").read_text("utf-8"))
    doc["Records"][0]["dynamodb"]["NewImage"]["deep"] = _nested(depth)
    doc["Records"][0]["dynamodb"]["NewImage"]["bad"] = {"Q": 1}
    python = _problems(doc, "stream", "python")
    assert python == _problems(doc, "stream", "fast")
    assert python


def _every_string(node: Any, change: Any) -> Any:
    if isinstance(node, dict):
        return {key: _every_string(value, change) for key, value in node.items()}
    if isinstance(node, list):
        return [_every_string(value, change) for value in node]
    return change(node) if isinstance(node, str) else node


def _bundled_patterns() -> set[str]:
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                found.add(node["pattern"])
            for key, value in node.items():
                if key not in ("const", "enum", "examples", "default"):
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in (ROOT / "schemas" / "bundled").glob("*.schema.json"):
        walk(json.loads(path.read_text("utf-8")))
    return found


NON_ASCII_DIGITS = {
    "Arabic-Indic digits for ASCII ones": lambda s: s.translate(ARABIC_INDIC),
    "an Arabic-Indic digit appended": lambda s: s + "٣",
}


def test_non_ascii_digits_break_every_pattern_in_both_engines() -> None:
    """Every pattern our schemas use, given digits Python's `\\d` would take: all engines refuse."""
    broken: set[str] = set()
    for change in NON_ASCII_DIGITS.values():
        for doc, shape in LOADED:
            changed = _every_string(doc, change)
            _same_as_oracles(changed, shape)
            oracle = jsonschema_rs.validator_for(bundled_schema_for(shape))
            broken.update(
                error.kind.pattern
                for error in oracle.iter_errors(changed)
                if isinstance(error.kind, jsonschema_rs.ValidationErrorKind.Pattern)
            )
    assert broken == _bundled_patterns()


def test_a_final_newline_breaks_patterns_as_in_ecma_262() -> None:
    """`$` is the end of the string (Python's `$` also matches before a final newline)."""
    patterns = 0
    for doc, shape in LOADED:
        changed = _every_string(doc, lambda s: s + "\n")
        python = _problems(changed, shape, "python")
        assert python == _problems(changed, shape, "fast")
        patterns += sum(rule == "schema:pattern" for _, rule, _ in python)
    assert patterns >= len(LOADED)
