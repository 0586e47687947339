"""Matching a compiled pattern against one document (a stream record).

A path of the pattern names the leaves of the document whose keys, joined
with `.`, spell it; an array contributes each of its elements. Leaves taken
from the same array must come from the same element (array consistency), and
`exists: false` holds when no leaf consistent with the ones already chosen
has the path. Fields are visited in the engine's order (sorted by name).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .compiler import Branch, CompiledPattern, Field, compile_pattern
from .surfaces import Surface, check_surface

# A leaf: its value and the (array id, index) pairs of the arrays it sits in.
Membership = tuple[tuple[int, int], ...]
Leaf = tuple[Any, Membership]


@lru_cache(maxsize=1024)
def _segments(name: str) -> tuple[tuple[tuple[str, int], ...], ...]:
    """For each segment index, the keys that may start there and the index after them."""
    parts = name.split(".")
    table = []
    for start in range(len(parts)):
        table.append(
            tuple((".".join(parts[start : end + 1]), end + 1) for end in range(start, len(parts)))
        )
    return tuple(table)


def leaves(document: Any, name: str) -> list[Leaf]:
    """Every leaf of `document` at the dotted path `name`, with its array membership."""
    table = _segments(name)
    last = len(table)
    out: list[Leaf] = []
    # (node, segment index, membership); a node reached with index == last is a value.
    stack: list[tuple[Any, int, Membership]] = [(document, 0, ())]
    while stack:
        node, at, membership = stack.pop()
        if type(node) is list:
            ident = id(node)
            for index in range(len(node) - 1, -1, -1):
                stack.append((node[index], at, (*membership, (ident, index))))
            continue
        if at == last:
            if type(node) is not dict:
                out.append((node, membership))
            continue
        if type(node) is not dict:
            continue
        for key, after in reversed(table[at]):
            if key in node:
                stack.append((node[key], after, membership))
    return out


def _merge(current: Membership, extra: Membership) -> Membership | None:
    if not extra:
        return current
    if not current:
        return extra
    known = dict(current)
    added = []
    for ident, index in extra:
        seen = known.get(ident)
        if seen is None:
            added.append((ident, index))
        elif seen != index:
            return None
    return (*current, *added) if added else current


def _field_state(field: Field, document: Any, membership: Membership) -> Iterator[Membership]:
    """The memberships under which `field` holds, given the leaves chosen so far."""
    found = leaves(document, field.name)
    if field.absence_allowed and all(_merge(membership, m) is None for _, m in found):
        yield membership
    for value, extra in found:
        merged = _merge(membership, extra)
        if merged is None:
            continue
        for matcher in field.matchers:
            if not matcher.absence and matcher.test(value):
                yield merged
                break


def _branch_progress(branch: Branch, document: Any) -> int:
    """How many fields of `branch` hold (len(branch) when it matches)."""
    best = 0

    def visit(index: int, membership: Membership) -> bool:
        nonlocal best
        best = max(best, index)
        if index == len(branch):
            return True
        return any(visit(index + 1, m) for m in _field_state(branch[index], document, membership))

    visit(0, ())
    return best


@dataclass(frozen=True)
class Explanation:
    """Why a document matched or not: the failing path and clause when it did not."""

    matched: bool
    path: str | None = None
    clause: str | None = None
    reason: str = ""

    def __str__(self) -> str:
        if self.matched:
            return "matched"
        return f"{self.path}: {self.reason}" if self.path else self.reason


def _describe_failure(field: Field, document: Any) -> Explanation:
    found = leaves(document, field.name)
    clauses = ", ".join(m.clause for m in field.matchers)
    if not found:
        if any(m.absence for m in field.matchers):
            return Explanation(False, field.name, clauses, "exists: false, but the path is present")
        return Explanation(
            False, field.name, clauses, f"is absent from the record (wanted {clauses})"
        )
    value = found[0][0]
    reasons = [m.why_not(value) for m in field.matchers if not m.absence]
    if any(m.absence for m in field.matchers):
        reasons.append("exists: false, but the path is present")
    return Explanation(False, field.name, clauses, "; ".join(reasons))


class Filter:
    """A compiled filter pattern: `matches(record)` and `explain(record)`.

    Build it with `compile(pattern, surface)`. `surface` decides which
    operators are accepted and, for `lambda`, that numbers are compared by
    their text (300 is not 3.0e2), as Lambda documents.
    """

    def __init__(self, pattern: Any, surface: Surface = "lambda") -> None:
        self.surface = check_surface(surface)
        self.source = pattern
        self.compiled: CompiledPattern = compile_pattern(pattern, self.surface)

    @property
    def operators(self) -> tuple[str, ...]:
        """The operators the pattern uses, in order of appearance."""
        return tuple(op for op, _ in self.compiled.operators)

    def matches(self, document: Any) -> bool:
        """Whether the pattern matches `document` (a dict, or its JSON text)."""
        if type(document) is not dict:
            document = _document(document)
        # A plain loop: this is the hot path, and any() over a generator costs more here.
        for branch in self.compiled.branches:  # noqa: SIM110
            if _branch_matches(branch, document):
                return True
        return False

    def explain(self, document: Any) -> Explanation:
        """For a non-match, the path and the clause that failed; `matched=True` otherwise."""
        document = _document(document)
        best: tuple[int, Branch] | None = None
        for branch in self.compiled.branches:
            progress = _branch_progress(branch, document)
            if progress == len(branch):
                return Explanation(True)
            if best is None or progress > best[0]:
                best = (progress, branch)
        assert best is not None
        progress, branch = best
        return _describe_failure(branch[progress], document)

    def __repr__(self) -> str:
        text = self.source if isinstance(self.source, str) else json.dumps(self.source)
        return f"Filter({text!r}, surface={self.surface!r})"


_MISSING = object()
# Per level of a path: its own key, and the longer keys with dots that could also start there.
Plan = tuple[tuple[str, tuple[str, ...]], ...]


@lru_cache(maxsize=1024)
def _plan(name: str) -> Plan:
    parts = name.split(".")
    return tuple(
        (parts[at], tuple(".".join(parts[at : end + 1]) for end in range(at + 1, len(parts))))
        for at in range(len(parts))
    )


def _straight_leaves(document: Any, plan: Plan) -> list[Leaf] | None:
    """The leaves of a path that crosses no array and no key with a dot in it: the common case.

    None when an array or a dotted key is on the way; the general walk
    (`leaves`) then decides.
    """
    node = document
    for key, dotted in plan:
        if type(node) is not dict:
            return []
        for other in dotted:
            if other in node:
                return None
        node = node.get(key, _MISSING)
        if node is _MISSING:
            return []
        if type(node) is list:
            return None
    return [] if type(node) is dict else [(node, ())]


def _field_holds(field: Field, found: list[Leaf]) -> bool:
    """Whether `field` holds when no array is involved (every leaf outside arrays)."""
    if not found:
        return field.absence_allowed
    for value, _ in found:
        for matcher in field.matchers:
            if not matcher.absence and matcher.test(value):
                return True
    return False


def _branch_matches(branch: Branch, document: Any) -> bool:
    # Fast path: while no leaf sits in an array, each field holds or fails on its own.
    for field in branch:
        found = _straight_leaves(document, _plan(field.name))
        if found is None:
            return _branch_matches_in_arrays(branch, document)
        if not _field_holds(field, found):
            return False
    return True


def _branch_matches_in_arrays(branch: Branch, document: Any) -> bool:
    def visit(index: int, membership: Membership) -> bool:
        if index == len(branch):
            return True
        return any(visit(index + 1, m) for m in _field_state(branch[index], document, membership))

    return visit(0, ())


def _document(document: Any) -> Any:
    if isinstance(document, str | bytes):
        from .jsontext import loads_document

        return loads_document(document)
    return document


def compile(pattern: Any, surface: Surface = "lambda") -> Filter:
    """Compile a filter pattern (a dict, or the JSON text of `FilterCriteria.Filters[].Pattern`).

    Raises FilterPatternError (message and JSON pointer) for a pattern AWS
    would refuse on that surface, including an operator the surface does not accept.
    """
    return Filter(pattern, surface)
