"""FilterCriteria: the one place the simulator asks which records a mapping lets through.

Filtered-out records never reach the function, are never retried and are never
sent to a destination ("after your filter criteria evaluates a record, the
streams iterator advances past this record",
https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html).
The filter engine is not part of this package yet, so a mapping with
FilterCriteria is refused here, and only here.
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
    raise MappingError(
        "/FilterCriteria",
        "the simulator cannot evaluate FilterCriteria yet (no filter engine in this version); "
        "remove the setting to simulate the unfiltered stream",
    )
