"""FilterCriteria: the one place the simulator asks which records a mapping lets through.

Filtered-out records never reach the function, are never retried and are never
sent to a destination ("after your filter criteria evaluates a record, the
streams iterator advances past this record",
https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html).
Patterns are compiled by `ddbstreams.filters` on the event source mapping's surface
(`lambda`); a pattern AWS would refuse when the mapping is created is a MappingError.
The simulator cannot know the account's quota, so it accepts up to the raised limit
of 10 filters (`ddbstreams filter lint` warns above the default 5).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .settings import MappingError

Predicate = Callable[[Mapping[str, Any]], bool]


def compile_filters(criteria: Mapping[str, Any] | None) -> Predicate | None:
    """A predicate that keeps the records `criteria` match; None when there are no filters."""
    if criteria is None or not criteria.get("Filters"):
        return None
    from ..filters import FilterCriteria, FilterPatternError
    from ..filters.surfaces import RAISED_MAX_FILTERS

    try:
        parsed = FilterCriteria.parse(criteria, "lambda", max_filters=RAISED_MAX_FILTERS)
    except FilterPatternError as exc:
        raise MappingError(f"/FilterCriteria{exc.pointer}", exc.message) from None
    return lambda record: parsed.matching_filter(record) is not None
