"""Event filtering for DynamoDB stream records: what Lambda, Pipes and EventBridge deliver.

    from ddbstreams import filters

    f = filters.compile({"eventName": ["INSERT"]})
    f.matches(record)            # True / False
    f.explain(record)            # the path and clause that failed

`filter_batch(event, criteria)` gives the event Lambda would deliver for a
mapping's `FilterCriteria`, and the records it drops with the reason.
"""

from __future__ import annotations

from .criteria import BatchResult, Dropped, FilterCriteria, filter_batch
from .engine import Explanation, Filter, compile
from .errors import FilterPatternError
from .surfaces import OPERATORS, SURFACES, Surface

__all__ = [
    "OPERATORS",
    "SURFACES",
    "BatchResult",
    "Dropped",
    "Explanation",
    "Filter",
    "FilterCriteria",
    "FilterPatternError",
    "Surface",
    "compile",
    "filter_batch",
]
