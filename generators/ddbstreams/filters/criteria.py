"""`FilterCriteria` of an event source mapping, and what it does to a batch.

Lambda documents (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html):
up to five filters per mapping (ten with a quota increase), ORed together; a
record that satisfies none is discarded, and for a stream the iterator moves
past it, so it is never retried. When every record of a batch is discarded
the function is not invoked at all.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .engine import Explanation, Filter
from .errors import FilterPatternError
from .surfaces import DEFAULT_MAX_FILTERS, MAX_PATTERN_LENGTH, RAISED_MAX_FILTERS, Surface

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _pattern_text(pattern: Any) -> str:
    return pattern if isinstance(pattern, str) else json.dumps(pattern, separators=(",", ":"))


@dataclass
class FilterCriteria:
    """The filters of one mapping; a record is delivered when any of them matches.

    `max_filters` is the mapping's quota: 5 by default, at most 10.
    An empty criteria object (`{}` or no filters) filters nothing out.
    """

    filters: list[Filter] = field(default_factory=list)
    surface: Surface = "lambda"

    @classmethod
    def parse(
        cls, criteria: Any, surface: Surface = "lambda", max_filters: int = DEFAULT_MAX_FILTERS
    ) -> FilterCriteria:
        """From `{"Filters": [{"Pattern": "..."}]}`, a list of patterns, or one pattern.

        Raises FilterPatternError with a pointer into the criteria object.
        """
        if isinstance(criteria, FilterCriteria):
            return criteria
        if max_filters > RAISED_MAX_FILTERS:
            raise ValueError(f"a mapping allows at most {RAISED_MAX_FILTERS} filters")
        if isinstance(criteria, str):
            try:
                criteria = json.loads(criteria)
            except ValueError as exc:
                raise FilterPatternError(f"not valid JSON: {exc}", "", "syntax") from None
        entries: list[tuple[str, Any]]
        if isinstance(criteria, Mapping) and (set(criteria) <= {"Filters"}):
            raw = criteria.get("Filters") or []
            if not isinstance(raw, list):
                raise FilterPatternError("Filters must be an array", "/Filters", "shape")
            entries = []
            for index, item in enumerate(raw):
                if not isinstance(item, Mapping) or "Pattern" not in item:
                    raise FilterPatternError(
                        'each filter is an object {"Pattern": "..."}', f"/Filters/{index}", "shape"
                    )
                entries.append((f"/Filters/{index}/Pattern", item["Pattern"]))
        elif isinstance(criteria, Mapping):
            entries = [("", criteria)]
        elif isinstance(criteria, Sequence):
            entries = [(f"/{i}", p) for i, p in enumerate(criteria)]
        else:
            raise FilterPatternError(
                "criteria must be an object or a list of patterns", "", "shape"
            )
        if len(entries) > max_filters:
            raise FilterPatternError(
                f"{len(entries)} filters; a mapping allows {max_filters}"
                + (
                    f" ({RAISED_MAX_FILTERS} with a quota increase)"
                    if max_filters < RAISED_MAX_FILTERS
                    else ""
                ),
                "/Filters" if entries and entries[0][0].startswith("/Filters") else "",
                "limit",
            )
        filters = []
        for where, pattern in entries:
            if surface == "lambda" and len(_pattern_text(pattern)) > MAX_PATTERN_LENGTH:
                raise FilterPatternError(
                    f"the pattern is {len(_pattern_text(pattern))} characters; at most {MAX_PATTERN_LENGTH} are allowed",
                    where,
                    "limit",
                )
            try:
                filters.append(Filter(pattern, surface))
            except FilterPatternError as exc:
                inner = exc.pointer if isinstance(pattern, Mapping) else ""
                raise FilterPatternError(exc.message, where + inner, exc.rule) from None
        return cls(filters, surface)

    def matching_filter(self, record: Any) -> int | None:
        """The index of the first filter that matches `record`; None when none does."""
        if not self.filters:
            return -1
        for index, compiled in enumerate(self.filters):
            if compiled.matches(record):
                return index
        return None

    def explain(self, record: Any) -> list[Explanation]:
        """Why each filter failed on `record`, in filter order."""
        return [f.explain(record) for f in self.filters]


@dataclass(frozen=True)
class Dropped:
    """A record the mapping discarded: its position in the batch and why each filter failed."""

    index: int
    record: Any
    reasons: tuple[Explanation, ...]


@dataclass(frozen=True)
class BatchResult:
    """What Lambda does with a batch under a mapping's filters.

    `event` is the event the function receives, or None when every record
    was dropped (no invocation). `delivered` pairs each delivered record's
    original index with the filter that matched (-1 when there are no filters).
    """

    event: dict[str, Any] | None
    delivered: tuple[tuple[int, int], ...]
    dropped: tuple[Dropped, ...]

    @property
    def invoked(self) -> bool:
        return self.event is not None


def filter_batch(
    event: Mapping[str, Any],
    criteria: Any,
    surface: Surface = "lambda",
    max_filters: int = DEFAULT_MAX_FILTERS,
) -> BatchResult:
    """The event Lambda would deliver for `event` under `criteria`, and the records it drops."""
    parsed = FilterCriteria.parse(criteria, surface, max_filters)
    records = event.get("Records")
    if not isinstance(records, list):
        raise ValueError("the event has no Records array")
    kept: list[Any] = []
    delivered: list[tuple[int, int]] = []
    dropped: list[Dropped] = []
    for index, record in enumerate(records):
        which = parsed.matching_filter(record)
        if which is None:
            dropped.append(Dropped(index, record, tuple(parsed.explain(record))))
        else:
            kept.append(record)
            delivered.append((index, which))
    out: dict[str, Any] | None = None
    if kept:
        out = {k: copy.deepcopy(v) for k, v in event.items() if k != "Records"}
        out["Records"] = copy.deepcopy(kept)
        out = {"Records": out.pop("Records"), **out}
    return BatchResult(out, tuple(delivered), tuple(dropped))
