"""Helpers for users' tests: assert what a mapping's filters deliver.

    from ddbstreams.filters.testing import assert_delivered

    def test_only_shipped_orders_reach_the_function(ddb_fixture):
        event = ddb_fixture("dynamodb/stream/modify-new-and-old-images")
        assert_delivered(event, template_criteria, [True, False])

`criteria` is anything `FilterCriteria.parse` takes: a FilterCriteria object,
`{"Filters": [{"Pattern": "..."}]}`, a list of patterns or one pattern. The
`ddb_filter` pytest fixture (from the package's pytest plugin) returns this
module's `DdbFilter`, so a test can call `ddb_filter.delivered(event, criteria)`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .criteria import BatchResult, filter_batch
from .surfaces import DEFAULT_MAX_FILTERS, Surface

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def delivered(
    event: Mapping[str, Any],
    criteria: Any,
    surface: Surface = "lambda",
    max_filters: int = DEFAULT_MAX_FILTERS,
) -> list[bool]:
    """For each record of `event`, whether the mapping delivers it."""
    result = filter_batch(event, criteria, surface, max_filters)
    kept = {index for index, _ in result.delivered}
    return [index in kept for index in range(len(event["Records"]))]


def assert_delivered(
    event: Mapping[str, Any],
    criteria: Any,
    expected: Sequence[bool],
    surface: Surface = "lambda",
    max_filters: int = DEFAULT_MAX_FILTERS,
) -> BatchResult:
    """Fail, naming each record and why its filters failed, unless delivery is as `expected`."""
    result = filter_batch(event, criteria, surface, max_filters)
    kept = {index for index, _ in result.delivered}
    actual = [index in kept for index in range(len(event["Records"]))]
    if list(expected) != actual:
        reasons = {d.index: d.reasons for d in result.dropped}
        lines = [f"delivered {actual}, expected {list(expected)}"]
        for index, (want, got) in enumerate(zip(expected, actual, strict=False)):
            if want != got:
                why = "; ".join(str(r) for r in reasons.get(index, ())) or "a filter matched it"
                lines.append(
                    f"  record {index}: expected {'delivered' if want else 'dropped'}, got {'delivered' if got else 'dropped'} ({why})"
                )
        if len(expected) != len(actual):
            lines.append(
                f"  the event has {len(actual)} records, {len(expected)} expectations were given"
            )
        raise AssertionError("\n".join(lines))
    return result


class DdbFilter:
    """What the `ddb_filter` fixture gives a test: the helpers above, bound to one surface."""

    def __init__(self, surface: Surface = "lambda") -> None:
        self.surface: Surface = surface

    def delivered(self, event: Mapping[str, Any], criteria: Any) -> list[bool]:
        return delivered(event, criteria, self.surface)

    def assert_delivered(
        self, event: Mapping[str, Any], criteria: Any, expected: Sequence[bool]
    ) -> BatchResult:
        return assert_delivered(event, criteria, expected, self.surface)

    def batch(self, event: Mapping[str, Any], criteria: Any) -> BatchResult:
        return filter_batch(event, criteria, self.surface)
