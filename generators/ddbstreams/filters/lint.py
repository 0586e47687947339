"""Lint rules for filter patterns on DynamoDB stream records, each with a stable ID.

A pattern AWS accepts can still never match a DynamoDB record: numbers are
strings there, attribute values sit inside a type wrapper, and the record has
its own key names. These rules catch those mistakes before a deployment does.
The record's key names and the attribute type keys are read from the
project's JSON Schemas, so the linter knows exactly what the schemas allow.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from .. import resources
from ..records import EVENT_NAMES, IMAGES, VIEW_TYPES
from .compiler import parse
from .criteria import _pattern_text
from .engine import Filter
from .errors import FilterPatternError, pointer_token
from .jsontext import Pairs
from .surfaces import (
    DEFAULT_MAX_FILTERS,
    LAMBDA_DYNAMODB_FILTERING_URL,
    LAMBDA_FILTER_API_URL,
    LAMBDA_OPERATORS_URL,
    MAX_PATTERN_LENGTH,
    RAISED_MAX_FILTERS,
    Surface,
)

Severity = Literal["error", "warning"]
LAMBDA_BASICS_URL = (
    "https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html#filtering-basics"
)
STREAM_VIEW_TYPE_URL = (
    "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_StreamSpecification.html"
)


@dataclass(frozen=True)
class Rule:
    """A lint rule: its stable ID, what it catches and the page that explains why."""

    id: str
    name: str
    severity: Severity
    summary: str
    source: str


RULES: tuple[Rule, ...] = (
    Rule(
        "DDBF000",
        "invalid-pattern",
        "error",
        "AWS refuses the pattern when the mapping is created.",
        LAMBDA_OPERATORS_URL,
    ),
    Rule(
        "DDBF001",
        "numeric-on-dynamodb-number",
        "error",
        "A numeric operator on an N or NS value never matches: DynamoDB numbers are JSON strings in the record.",
        LAMBDA_DYNAMODB_FILTERING_URL,
    ),
    Rule(
        "DDBF002",
        "missing-type-wrapper",
        "error",
        'An attribute\'s values sit inside its type key ({"S": [...]}); a value list directly on the attribute name never matches.',
        LAMBDA_DYNAMODB_FILTERING_URL,
    ),
    Rule(
        "DDBF003",
        "data-key-of-another-source",
        "error",
        "body, data and detail hold the data of SQS, Kinesis and EventBridge events; a DynamoDB record has dynamodb.",
        LAMBDA_BASICS_URL,
    ),
    Rule(
        "DDBF004",
        "key-not-in-record",
        "error",
        "The key is not in a DynamoDB stream record (check its spelling and case).",
        LAMBDA_DYNAMODB_FILTERING_URL,
    ),
    Rule(
        "DDBF005",
        "exists-on-non-leaf",
        "error",
        "exists only sees leaves: on an attribute name, exists: true never matches and exists: false always does.",
        LAMBDA_DYNAMODB_FILTERING_URL,
    ),
    Rule(
        "DDBF006",
        "boolean-as-string",
        "error",
        'BOOL and NULL values are JSON booleans; the string "true" never matches them.',
        LAMBDA_DYNAMODB_FILTERING_URL,
    ),
    Rule(
        "DDBF007",
        "operator-not-on-surface",
        "error",
        "The surface does not accept this operator; AWS refuses the pattern.",
        LAMBDA_OPERATORS_URL,
    ),
    Rule(
        "DDBF008",
        "limit-exceeded",
        "error",
        "More filters than the mapping allows (5, or 10 with a quota increase), or a pattern longer than 4096 characters.",
        LAMBDA_FILTER_API_URL,
    ),
    Rule(
        "DDBF009",
        "image-not-in-view-type",
        "error",
        "The stream's view type never carries this image, so the pattern never matches.",
        STREAM_VIEW_TYPE_URL,
    ),
    Rule(
        "DDBF010",
        "inside-list-or-map",
        "warning",
        "Matching into L or M values goes by position-free path; an element anywhere in the list matches.",
        LAMBDA_DYNAMODB_FILTERING_URL,
    ),
    Rule(
        "DDBF011",
        "matches-no-canonical-record",
        "warning",
        "The pattern matches none of the canonical stream records (events/dynamodb/stream/{insert,modify,remove}-*.json).",
        LAMBDA_OPERATORS_URL,
    ),
)
BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}

FOREIGN_DATA_KEYS = {"body": "SQS", "data": "Kinesis", "detail": "EventBridge"}
IMAGE_KEYS = ("Keys", "NewImage", "OldImage")
CANONICAL_FIXTURES = tuple(
    f"events/dynamodb/stream/{event.lower()}-{view.lower().replace('_', '-')}.json"
    for event in EVENT_NAMES
    for view in VIEW_TYPES
)


@dataclass(frozen=True)
class Finding:
    """One problem: the rule, where (JSON pointer, and the filter's index when in criteria), why."""

    rule: str
    pointer: str
    message: str
    filter: int | None = None

    @property
    def severity(self) -> Severity:
        return BY_ID[self.rule].severity

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": BY_ID[self.rule].name,
            "severity": self.severity,
            "filter": self.filter,
            "pointer": self.pointer,
            "message": self.message,
            "source": BY_ID[self.rule].source,
        }


@lru_cache(maxsize=1)
def _record_keys() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Record keys, `dynamodb` keys, `userIdentity` keys and attribute type keys, from the schemas."""
    record = resources.load_json("schemas/stream-record.schema.json")
    attribute = resources.load_json("schemas/attribute-value.schema.json")
    stream = record["$defs"]["streamRecord"]["properties"]
    identity = record["properties"]["userIdentity"].get(
        "properties", {"type": {}, "principalId": {}}
    )
    return (
        frozenset(record["properties"]),
        frozenset(stream),
        frozenset(identity),
        frozenset(attribute["properties"]),
    )


def _members(node: Any) -> list[tuple[str, Any]] | None:
    if isinstance(node, Pairs):
        return list(node)
    if isinstance(node, dict):
        return [(str(k), v) for k, v in node.items()]
    return None


def _walk(
    node: Any, path: tuple[str, ...], pointer: str
) -> Iterator[tuple[tuple[str, ...], str, Any]]:
    """(path, pointer, value list) for every value list; `$or` branches keep the outer path."""
    members = _members(node)
    if members is None:
        return
    for key, value in members:
        here = f"{pointer}/{pointer_token(key)}"
        if key == "$or" and isinstance(value, list):
            for index, branch in enumerate(value):
                yield from _walk(branch, path, f"{here}/{index}")
        elif _members(value) is not None:
            yield (*path, key), here, None
            yield from _walk(value, (*path, key), here)
        else:
            yield (*path, key), here, value


def _operators(values: Any) -> list[str]:
    found = []
    for item in values if isinstance(values, list) else []:
        members = _members(item)
        if members:
            found.append(members[0][0])
    return found


def _exists_flag(values: Any) -> bool:
    """The value of the first `exists` operator in a value list."""
    for item in values if isinstance(values, list) else []:
        members = _members(item)
        if members and members[0][0] == "exists":
            return bool(members[0][1])
    return False


def _suggest(key: str, known: frozenset[str]) -> str:
    camel = re.sub(r"_([a-z])", lambda m: m.group(1).upper(), key)
    for candidate in sorted(known):
        if candidate.lower() in (key.lower(), camel.lower()):
            return f"; did you mean {candidate!r}?"
    close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _structure(tree: Any, view_type: str | None) -> Iterator[tuple[str, str, str]]:
    """(rule, pointer, message) for the structural rules."""
    record_keys, stream_keys, identity_keys, type_keys = _record_keys()
    seen_pointers: set[tuple[str, str]] = set()

    def once(rule: str, pointer: str, message: str) -> Iterator[tuple[str, str, str]]:
        if (rule, pointer) not in seen_pointers:
            seen_pointers.add((rule, pointer))
            yield rule, pointer, message

    for path, pointer, values in _walk(tree, (), ""):
        depth = len(path)
        key = path[-1]
        if depth == 1:
            if key in FOREIGN_DATA_KEYS:
                yield from once(
                    "DDBF003",
                    pointer,
                    f"{key!r} is where {FOREIGN_DATA_KEYS[key]} events keep their data; DynamoDB records keep it under 'dynamodb'",
                )
            elif key not in record_keys:
                yield from once(
                    "DDBF004",
                    pointer,
                    f"{key!r} is not a key of a DynamoDB stream record{_suggest(key, record_keys)}",
                )
        elif path[0] == "dynamodb" and depth == 2 and key not in stream_keys:
            yield from once(
                "DDBF004",
                pointer,
                f"'dynamodb.{key}' is not a key of a stream record{_suggest(key, stream_keys)}",
            )
        elif path[0] == "userIdentity" and depth == 2 and key not in identity_keys:
            yield from once(
                "DDBF004",
                pointer,
                f"'userIdentity.{key}' is not a key of a stream record{_suggest(key, identity_keys)}",
            )
        in_image = depth >= 3 and path[0] == "dynamodb" and path[1] in IMAGE_KEYS
        if in_image and view_type is not None and path[1] in ("NewImage", "OldImage"):
            carries = any(
                IMAGES[(view_type, event)][0 if path[1] == "NewImage" else 1]  # type: ignore[index]
                for event in EVENT_NAMES
            )
            if not carries:
                yield from once(
                    "DDBF009",
                    pointer[: pointer.index("/" + path[1]) + len(path[1]) + 1],
                    f"a {view_type} stream never carries {path[1]}",
                )
        operators = _operators(values) if values is not None else []
        if in_image and depth == 3 and values is not None and operators != ["exists"]:
            yield from once(
                "DDBF002",
                pointer,
                f'values of the attribute {key!r} must sit inside its type key, e.g. {{{json.dumps(key)}: {{"S": [...]}}}}',
            )
        if in_image and depth == 4 and key not in type_keys:
            yield from once(
                "DDBF002",
                pointer,
                f"{key!r} is not an attribute type key ({', '.join(sorted(type_keys))})",
            )
        if in_image and depth >= 4 and key in ("N", "NS") and "numeric" in operators:
            yield from once(
                "DDBF001",
                pointer,
                f"numeric on {'.'.join(path)} never matches: the record holds the number as a string",
            )
        if "exists" in operators and values is not None:
            leafless = (
                key in ("M", "L")
                or (in_image and depth <= 3)
                or (
                    depth <= 2
                    and path[0] in ("dynamodb", "userIdentity")
                    and key in (*IMAGE_KEYS, "dynamodb", "userIdentity")
                )
            )
            if leafless:
                flag = _exists_flag(values)
                meaning = (
                    "never matches" if flag else "matches every record, also when it is present"
                )
                yield from once(
                    "DDBF005",
                    pointer,
                    f"exists on {'.'.join(path)}, which is not a leaf, {meaning}",
                )
        if (
            in_image
            and key in ("BOOL", "NULL")
            and isinstance(values, list)
            and any(isinstance(item, str) and item.lower() in ("true", "false") for item in values)
        ):
            yield from once(
                "DDBF006", pointer, f'{key} values are JSON booleans: write true, not "true"'
            )
        if in_image and depth >= 5 and any(p in ("M", "L") for p in path[3:-1]):
            yield from once("DDBF010", pointer, f"{'.'.join(path)} reaches inside an L or M value")


def _canonical_records(view_type: str | None) -> list[Any]:
    records = []
    for fixture in CANONICAL_FIXTURES:
        if view_type is not None and view_type.lower().replace("_", "-") not in fixture:
            continue
        records.extend(resources.load_json(fixture)["Records"])
    return records


def lint_pattern(
    pattern: Any,
    surface: Surface = "lambda",
    view_type: str | None = None,
    filter_index: int | None = None,
    check_fixtures: bool = True,
) -> list[Finding]:
    """Every finding for one pattern (a dict or the Pattern's JSON text).

    Pointers are JSON pointers inside the pattern; `filter` says which filter of a criteria object.
    """
    if view_type is not None and view_type not in VIEW_TYPES:
        raise ValueError(f"unknown view type {view_type!r}; choose one of {', '.join(VIEW_TYPES)}")
    findings: list[Finding] = []
    if surface == "lambda" and len(_pattern_text(pattern)) > MAX_PATTERN_LENGTH:
        findings.append(
            Finding(
                "DDBF008",
                "",
                f"the pattern is {len(_pattern_text(pattern))} characters; Lambda allows {MAX_PATTERN_LENGTH}",
                filter_index,
            )
        )
    try:
        tree = parse(pattern)
    except FilterPatternError as exc:
        return [*findings, Finding("DDBF000", "", exc.message, filter_index)]
    for rule, pointer, message in _structure(tree, view_type):
        findings.append(Finding(rule, pointer, message, filter_index))
    try:
        compiled = Filter(pattern, surface)
    except FilterPatternError as exc:
        rule = "DDBF007" if exc.rule == "surface" else "DDBF000"
        findings.append(Finding(rule, exc.pointer, exc.message, filter_index))
        return findings
    if check_fixtures:
        records = _canonical_records(view_type)
        if records and not any(compiled.matches(r) for r in records):
            findings.append(
                Finding(
                    "DDBF011",
                    "",
                    f"matches none of the {len(records)} canonical stream records"
                    + (f" of a {view_type} stream" if view_type else ""),
                    filter_index,
                )
            )
    return findings


def lint_criteria(
    criteria: Any,
    surface: Surface = "lambda",
    view_type: str | None = None,
    max_filters: int = DEFAULT_MAX_FILTERS,
    check_fixtures: bool = True,
) -> list[Finding]:
    """Every finding for a FilterCriteria object, a list of patterns or one pattern."""
    entries: Sequence[Any]
    if isinstance(criteria, dict) and set(criteria) <= {"Filters"}:
        raw = criteria.get("Filters") or []
        entries = [item.get("Pattern") if isinstance(item, dict) else None for item in raw]
    elif isinstance(criteria, list):
        entries = criteria
    else:
        entries = [criteria]
    findings: list[Finding] = []
    if len(entries) > max_filters:
        allowed = f"{max_filters}" + (
            f" ({RAISED_MAX_FILTERS} with a quota increase)"
            if max_filters < RAISED_MAX_FILTERS
            else ""
        )
        findings.append(
            Finding("DDBF008", "/Filters", f"{len(entries)} filters; a mapping allows {allowed}")
        )
    for index, pattern in enumerate(entries):
        if pattern is None:
            findings.append(Finding("DDBF000", "", "the filter has no Pattern", index))
            continue
        findings.extend(lint_pattern(pattern, surface, view_type, index, check_fixtures))
    return findings
