"""Which operators each AWS filtering surface accepts, with the page that says so.

Three services read the same pattern language: Lambda event source mappings
(`lambda`), EventBridge Pipes (`pipes`) and EventBridge rules on an event bus
(`eventbridge`). Each documents its own operator list; an operator missing from
it is refused when the mapping, pipe or rule is created. This table is the one
place the project states those lists: the engine, the linter and the docs
page all read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Surface = Literal["lambda", "pipes", "eventbridge"]
SURFACES: tuple[Surface, ...] = ("lambda", "pipes", "eventbridge")

LAMBDA_OPERATORS_URL = (
    "https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html#filtering-syntax"
)
EVENTBRIDGE_OPERATORS_URL = (
    "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html"
)
LAMBDA_FILTER_API_URL = "https://docs.aws.amazon.com/lambda/latest/api/API_Filter.html"
LAMBDA_DYNAMODB_FILTERING_URL = (
    "https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html"
)

# Filters per event source mapping: 5 by default, 10 with a quota increase.
DEFAULT_MAX_FILTERS = 5
RAISED_MAX_FILTERS = 10
# FilterCriteria.Filters[].Pattern: at most 4096 characters.
MAX_PATTERN_LENGTH = 4096


@dataclass(frozen=True)
class Operator:
    """One row of the operator table: its key in a pattern and who accepts it."""

    name: str
    example: str
    surfaces: frozenset[Surface]
    source: str


_ALL: frozenset[Surface] = frozenset(SURFACES)
_PIPES_AND_BUS: frozenset[Surface] = frozenset({"pipes", "eventbridge"})
_BUS: frozenset[Surface] = frozenset({"eventbridge"})

OPERATORS: tuple[Operator, ...] = (
    Operator("exact", '"k": ["v", 1, null, ""]', _ALL, LAMBDA_OPERATORS_URL),
    Operator("$or", '"$or": [{"a": ["x"]}, {"b": ["y"]}]', _ALL, LAMBDA_OPERATORS_URL),
    Operator("prefix", '"k": [{"prefix": "us-"}]', _ALL, LAMBDA_OPERATORS_URL),
    Operator("suffix", '"k": [{"suffix": ".png"}]', _ALL, LAMBDA_OPERATORS_URL),
    Operator(
        "equals-ignore-case", '"k": [{"equals-ignore-case": "alice"}]', _ALL, LAMBDA_OPERATORS_URL
    ),
    Operator("anything-but", '"k": [{"anything-but": ["a", "b"]}]', _ALL, LAMBDA_OPERATORS_URL),
    Operator("numeric", '"k": [{"numeric": [">", 0, "<=", 5]}]', _ALL, LAMBDA_OPERATORS_URL),
    Operator("exists", '"k": [{"exists": false}]', _ALL, LAMBDA_OPERATORS_URL),
    Operator(
        "prefix/equals-ignore-case",
        '"k": [{"prefix": {"equals-ignore-case": "us-"}}]',
        _PIPES_AND_BUS,
        EVENTBRIDGE_OPERATORS_URL,
    ),
    Operator(
        "suffix/equals-ignore-case",
        '"k": [{"suffix": {"equals-ignore-case": ".png"}}]',
        _PIPES_AND_BUS,
        EVENTBRIDGE_OPERATORS_URL,
    ),
    Operator(
        "anything-but/prefix",
        '"k": [{"anything-but": {"prefix": "us-"}}]',
        _BUS,
        EVENTBRIDGE_OPERATORS_URL,
    ),
    Operator(
        "anything-but/suffix",
        '"k": [{"anything-but": {"suffix": ".png"}}]',
        _BUS,
        EVENTBRIDGE_OPERATORS_URL,
    ),
    Operator(
        "anything-but/equals-ignore-case",
        '"k": [{"anything-but": {"equals-ignore-case": "x"}}]',
        _BUS,
        EVENTBRIDGE_OPERATORS_URL,
    ),
    Operator(
        "anything-but/wildcard",
        '"k": [{"anything-but": {"wildcard": "*/lib/*"}}]',
        _BUS,
        EVENTBRIDGE_OPERATORS_URL,
    ),
    Operator("wildcard", '"k": [{"wildcard": "dir/*.png"}]', _BUS, EVENTBRIDGE_OPERATORS_URL),
    Operator("cidr", '"k": [{"cidr": "10.0.0.0/24"}]', _BUS, EVENTBRIDGE_OPERATORS_URL),
)

BY_NAME: dict[str, Operator] = {op.name: op for op in OPERATORS}


def accepts(surface: Surface, operator: str) -> bool:
    """Whether `surface` accepts the operator named `operator` (a name from `OPERATORS`)."""
    return surface in BY_NAME[operator].surfaces


def check_surface(surface: str) -> Surface:
    """`surface` itself when it is one of `SURFACES`, else ValueError."""
    for known in SURFACES:
        if surface == known:
            return known
    raise ValueError(f"unknown surface {surface!r}; choose one of {', '.join(SURFACES)}")
