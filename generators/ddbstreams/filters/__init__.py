"""Event filtering for DynamoDB stream records: what Lambda, Pipes and EventBridge deliver.

    from ddbstreams import filters

    f = filters.compile({"eventName": ["INSERT"]})
    f.matches(record)            # True / False
    f.explain(record)            # the path and clause that failed

`filter_batch(event, criteria)` gives the event Lambda would deliver for a
mapping's `FilterCriteria`, and the records it drops with the reason.
"""

from __future__ import annotations

from .._lazy import lazy_getattr

# Each public name and the module it lives in: loaded on first use, so that the command line
# (which registers `filter` for every command) does not load the engine to print `--help`.
_HOMES = {
    "BatchResult": "criteria",
    "Dropped": "criteria",
    "FilterCriteria": "criteria",
    "filter_batch": "criteria",
    "Explanation": "engine",
    "Filter": "engine",
    "compile": "engine",
    "FilterPatternError": "errors",
    "OPERATORS": "surfaces",
    "SURFACES": "surfaces",
    "Surface": "surfaces",
}

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .criteria import BatchResult as BatchResult
    from .criteria import Dropped as Dropped
    from .criteria import FilterCriteria as FilterCriteria
    from .criteria import filter_batch as filter_batch
    from .engine import Explanation as Explanation
    from .engine import Filter as Filter
    from .engine import compile as compile
    from .errors import FilterPatternError as FilterPatternError
    from .surfaces import OPERATORS as OPERATORS
    from .surfaces import SURFACES as SURFACES
    from .surfaces import Surface as Surface

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

__getattr__ = lazy_getattr(__name__, _HOMES, globals())
