"""From a pattern (a dict, or the JSON text a `Filters[].Pattern` holds) to match branches.

The grammar and its corner cases follow the engine AWS runs (aws/event-ruler),
checked pair by pair against it in the `filters` nox session:

- keys are AND, a value list is OR, `$or` forks the pattern into branches;
- a path is the keys joined with `.`; a key repeated in the text keeps the
  last list given for its path;
- a pattern the current grammar refuses gets a second reading by the
  engine's older grammar, which has no `$or` (it is an ordinary key there)
  and no list or `wildcard` forms of `anything-but`; only when both refuse
  is the pattern refused. So `{"$or": ["x"]}` is a valid pattern matching a
  key named `$or`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from . import values as v
from .errors import FilterPatternError, pointer_token
from .ipaddr import cidr_range
from .jsontext import JsonNumber, Pairs, comparable, is_number, loads_pattern, number_text
from .surfaces import Surface, accepts

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Names the engine refuses as keys inside `$or` (its operators, and a few it reserves).
RESERVED_IN_OR = frozenset(
    {
        "exactly",
        "equals-ignore-case",
        "prefix",
        "suffix",
        "anything-but",
        "exists",
        "wildcard",
        "numeric",
        "cidr",
        "=",
        "<",
        "<=",
        ">",
        ">=",
        "regex",
        "not-wildcard",
        "not-equals-ignore-case",
        "date-after",
        "date-on-or-after",
        "date-before",
        "date-on-or-before",
        "in-date-range",
        "ip-address-in-range",
        "ip-address-not-in-range",
    }
)


@dataclass(frozen=True)
class Field:
    """One path of a branch and the values that satisfy it (any of them)."""

    name: str
    pointer: str
    matchers: tuple[v.Matcher, ...]

    @property
    def absence_allowed(self) -> bool:
        return any(m.absence for m in self.matchers)


Branch = tuple[Field, ...]


def _members(node: Any) -> list[tuple[str, Any]] | None:
    if isinstance(node, Pairs):
        return list(node)
    if isinstance(node, dict):
        return [(str(k), val) for k, val in node.items()]
    return None


class _Compiler:
    def __init__(self, surface: Surface, legacy: bool = False) -> None:
        self.surface = surface
        self.legacy = legacy
        self.operators: list[tuple[str, str]] = []

    def fail(self, message: str, pointer: str) -> FilterPatternError:
        return FilterPatternError(message, pointer)

    def use(self, operator: str, pointer: str) -> None:
        self.operators.append((operator, pointer))

    # -- structure -------------------------------------------------------------------------
    def parse_object(
        self, rules: list[dict[str, Field]], path: list[str], node: Any, pointer: str, in_or: bool
    ) -> None:
        members = _members(node)
        assert members is not None
        if not members:
            raise self.fail("empty objects are not allowed", pointer)
        for key, value in members:
            here = f"{pointer}/{pointer_token(key)}"
            if key == "$or" and not self.legacy:
                self.parse_or_branches(rules, path, value, here)
                self.use("$or", here)
                continue
            if in_or and key in RESERVED_IN_OR:
                raise self.fail(f"{key!r} is an operator name and cannot be a key inside $or", here)
            self.parse_member(rules, path, key, value, here, in_or)

    def parse_member(
        self,
        rules: list[dict[str, Field]],
        path: list[str],
        key: str,
        value: Any,
        pointer: str,
        in_or: bool,
    ) -> None:
        if _members(value) is not None:
            self.parse_object(rules, [*path, key], value, pointer, in_or)
        elif isinstance(value, list):
            self.write_field(rules, ".".join([*path, key]), value, pointer)
        else:
            raise self.fail(
                f"the value of {key!r} must be an object or an array of values", pointer
            )

    def parse_or_branches(
        self, rules: list[dict[str, Field]], path: list[str], value: Any, pointer: str
    ) -> None:
        if not isinstance(value, list):
            raise self.fail("$or must be an array of objects", pointer)
        current = [dict(r) for r in rules]
        rules.clear()
        for index, branch in enumerate(value):
            if _members(branch) is None:
                raise self.fail("$or may hold only objects", f"{pointer}/{index}")
            forked = [dict(r) for r in current] or [{}]
            self.parse_object(forked, path, branch, f"{pointer}/{index}", True)
            rules.extend(forked)
        if len(value) < 2:
            raise self.fail("$or needs at least 2 objects", pointer)

    # -- value lists -----------------------------------------------------------------------
    def write_field(
        self, rules: list[dict[str, Field]], name: str, items: list[Any], pointer: str
    ) -> None:
        matchers = []
        for index, item in enumerate(items):
            here = f"{pointer}/{index}"
            if _members(item) is not None:
                matchers.append(self.match_expression(item, here))
            elif isinstance(item, str):
                self.use("exact", here)
                matchers.append(v.exact_string(item, here))
            elif is_number(item):
                self.use("exact", here)
                matchers.append(
                    v.exact_number(self.number_text(item, here), here, self.surface == "lambda")
                )
            elif item is None or isinstance(item, bool):
                self.use("exact", here)
                matchers.append(v.exact_literal(item, here))
            else:
                raise self.fail("a match value must be a string, number, true, false or null", here)
        if not matchers:
            raise self.fail("empty arrays are not allowed", pointer)
        if not rules:
            rules.append({})
        built = Field(name, pointer, tuple(matchers))
        for rule in rules:
            rule[name] = built

    def number_text(self, item: Any, pointer: str) -> str:
        text = number_text(item)
        if not isinstance(item, JsonNumber) and not math.isfinite(item):
            raise self.fail("numbers must be finite", pointer)
        return text

    def comparable_number(self, item: Any, pointer: str) -> float:
        if not is_number(item):
            raise self.fail("expected a number", pointer)
        value = comparable(self.number_text(item, pointer))
        if value is None:
            raise self.fail(
                f"the number {number_text(item)} cannot be compared exactly (too many digits or out of range)",
                pointer,
            )
        return value

    def match_expression(self, node: Any, pointer: str) -> v.Matcher:
        members = _members(node)
        assert members is not None
        if not members:
            raise self.fail("an operator object needs an operator", pointer)
        if len(members) > 1:
            raise self.fail(
                "only one key is allowed in an operator object",
                f"{pointer}/{pointer_token(members[1][0])}",
            )
        name, arg = members[0]
        here = f"{pointer}/{pointer_token(name)}"
        if name in ("prefix", "suffix"):
            inner = _members(arg)
            if inner is not None:
                if (
                    len(inner) != 1
                    or inner[0][0] != "equals-ignore-case"
                    or not isinstance(inner[0][1], str)
                ):
                    raise self.fail(
                        f'{name} takes a string or {{"equals-ignore-case": string}}', here
                    )
                self.use(f"{name}/equals-ignore-case", here)
                build = v.prefix_ignore_case if name == "prefix" else v.suffix_ignore_case
                return build(inner[0][1], here)
            if not isinstance(arg, str):
                raise self.fail(f"{name} takes a string", here)
            self.use(name, here)
            return (v.prefix if name == "prefix" else v.suffix)(arg, here)
        if name == "equals-ignore-case":
            if not isinstance(arg, str):
                raise self.fail("equals-ignore-case takes a string", here)
            self.use(name, here)
            return v.equals_ignore_case(arg, here)
        if name == "wildcard":
            if not isinstance(arg, str):
                raise self.fail("wildcard takes a string", here)
            self.use(name, here)
            try:
                return v.wildcard(arg, here)
            except ValueError as exc:
                raise self.fail(f"wildcard: {exc}", here) from None
        if name == "exists":
            if not isinstance(arg, bool):
                raise self.fail("exists takes true or false", here)
            self.use(name, here)
            return v.exists(here) if arg else v.absent(here)
        if name == "numeric":
            self.use(name, here)
            return self.numeric(arg, here)
        if name == "cidr":
            if not isinstance(arg, str):
                raise self.fail('cidr takes a string such as "10.0.0.0/24"', here)
            self.use(name, here)
            try:
                low, high = cidr_range(arg)
            except ValueError as exc:
                raise self.fail(f"cidr: {exc}", here) from None
            return v.cidr(low, high, arg, here)
        if name == "anything-but":
            return self.anything_but(arg, here)
        raise self.fail(f"unknown operator {name!r}", here)

    def numeric(self, arg: Any, pointer: str) -> v.Matcher:
        if not isinstance(arg, list) or not arg:
            raise self.fail('numeric takes an array such as [">", 0, "<=", 5]', pointer)
        op = arg[0]
        if not isinstance(op, str) or op not in ("=", "<", "<=", ">", ">="):
            raise self.fail(f"unknown numeric operator {op!r}", f"{pointer}/0")
        if len(arg) < 2:
            raise self.fail(f"numeric {op} needs a number", pointer)
        first = self.comparable_number(arg[1], f"{pointer}/1")
        clause = " ".join(number_text(x) if is_number(x) else str(x) for x in arg)
        if op == "=" or op in ("<", "<="):
            if len(arg) != 2:
                raise self.fail("too many elements in the numeric expression", f"{pointer}/2")
            if op == "=":
                return v.numeric(first, False, first, False, clause, pointer)
            return v.numeric(None, False, first, op == "<", clause, pointer)
        if len(arg) == 2:
            return v.numeric(first, op == ">", None, False, clause, pointer)
        upper = arg[2]
        if upper not in ("<", "<="):
            raise self.fail(f"a range's upper bound takes < or <=, not {upper!r}", f"{pointer}/2")
        if len(arg) < 4:
            raise self.fail(f"numeric {upper} needs a number", pointer)
        second = self.comparable_number(arg[3], f"{pointer}/3")
        if len(arg) > 4:
            raise self.fail("too many elements in the numeric expression", f"{pointer}/4")
        if not first < second:
            raise self.fail("the lower bound must be less than the upper bound", pointer)
        return v.numeric(first, op == ">", second, upper == "<", clause, pointer)

    def anything_but(self, arg: Any, pointer: str) -> v.Matcher:
        inner = _members(arg)
        if inner is not None:
            if len(inner) != 1:
                raise self.fail("anything-but takes one operator", pointer)
            name, value = inner[0]
            here = f"{pointer}/{pointer_token(name)}"
            if name not in ("prefix", "suffix", "equals-ignore-case", "wildcard"):
                raise self.fail(f"anything-but does not take {name!r}", here)
            if self.legacy and (
                name == "wildcard" or (isinstance(value, list) and name != "equals-ignore-case")
            ):
                raise self.fail(f"anything-but {name} takes a single string here", here)
            texts = value if isinstance(value, list) else [value]
            if not texts or not all(isinstance(t, str) for t in texts):
                raise self.fail(f"anything-but {name} takes a string or an array of strings", here)
            operator = f"anything-but/{name}"
            self.use(operator, here)
            builders = {
                "prefix": v.prefix,
                "suffix": v.suffix,
                "equals-ignore-case": v.equals_ignore_case,
                "wildcard": v.wildcard,
            }
            if name in ("prefix", "suffix") and any(t == "" for t in texts):
                raise self.fail(f"anything-but {name} must not be empty", here)
            try:
                matchers = [builders[name](t, here) for t in texts]
            except ValueError as exc:
                raise self.fail(f"anything-but wildcard: {exc}", here) from None
            return v.anything_but_any(operator, matchers, pointer)
        self.use("anything-but", pointer)
        items = arg if isinstance(arg, list) else [arg]
        if isinstance(arg, list):
            if not arg or not (
                all(isinstance(i, str) for i in arg) or all(is_number(i) for i in arg)
            ):
                raise self.fail(
                    "anything-but takes strings or numbers, not a mix (nor null or booleans)",
                    pointer,
                )
        elif not (isinstance(arg, str) or is_number(arg)):
            raise self.fail("anything-but takes a string, a number or an array of them", pointer)
        if all(isinstance(i, str) for i in items):
            return v.anything_but_strings(items, pointer)
        for index, item in enumerate(items):
            self.comparable_number(item, f"{pointer}/{index}" if isinstance(arg, list) else pointer)
        texts = [number_text(i) for i in items]
        return v.anything_but_numbers(texts, pointer, self.surface == "lambda")


@dataclass(frozen=True)
class CompiledPattern:
    """A pattern as branches (any may match) of fields (all must match), and its operators."""

    branches: tuple[Branch, ...]
    operators: tuple[tuple[str, str], ...]


def _states(branch: list[Field], index: int) -> set[tuple[tuple[str, str, str], ...]]:
    """The engine states a branch can be in when it reaches field `index`: one value per earlier field."""
    keys: list[tuple[tuple[str, str, str], ...]] = [()]
    for field in branch[:index]:
        options = [(field.name, m.operator, m.clause) for m in field.matchers]
        keys = [(*key, option) for key in keys for option in options][:4096]
    return set(keys)


def _numbers_in_binary(branches: list[list[Field]]) -> tuple[Branch, ...]:
    """Apply the engine's number reading to IP ranges, per engine state and path.

    Branches reaching the same state share one value matcher per path; when any
    list there compares numbers by value, the engine reads numbers in binary
    form for all of them, and IP ranges then never accept a comparable number.
    """
    numeric = {
        (state, field.name)
        for branch in branches
        for index, field in enumerate(branch)
        if any(m.numeric_kind for m in field.matchers)
        for state in _states(branch, index)
    }
    out = []
    for branch in branches:
        fields = []
        for index, field in enumerate(branch):
            if numeric and any((state, field.name) in numeric for state in _states(branch, index)):
                field = Field(
                    field.name, field.pointer, tuple(m.numbers_in_binary() for m in field.matchers)
                )
            fields.append(field)
        out.append(tuple(fields))
    return tuple(out)


def _java_order(name: str) -> bytes:
    return name.encode("utf-16-be", "surrogatepass")


def parse(pattern: Any) -> Any:
    """The pattern as a tree: text is parsed (repeated keys kept), a mapping is used as it is."""
    if isinstance(pattern, str | bytes):
        try:
            return loads_pattern(pattern)
        except ValueError as exc:
            raise FilterPatternError(f"the pattern is not valid JSON: {exc}", "") from None
    return pattern


def compile_pattern(pattern: Any, surface: Surface) -> CompiledPattern:
    """Compile a pattern for `surface`, or raise FilterPatternError with the JSON pointer."""
    tree = parse(pattern)
    if _members(tree) is None:
        raise FilterPatternError("a pattern must be a JSON object", "")
    compiler = _Compiler(surface)
    rules: list[dict[str, Field]] = []
    try:
        compiler.parse_object(rules, [], tree, "", False)
    except FilterPatternError as first:
        compiler = _Compiler(surface, legacy=True)
        rules = []
        try:
            compiler.parse_object(rules, [], tree, "", False)
        except FilterPatternError:
            raise first from None
    for operator, pointer in compiler.operators:
        if not accepts(surface, operator):
            raise FilterPatternError(
                f"{operator} is not accepted on the {surface} surface", pointer, rule="surface"
            )
    ordered = [sorted(rule.values(), key=lambda f: _java_order(f.name)) for rule in rules]
    branches = _numbers_in_binary(ordered)
    return CompiledPattern(branches, tuple(compiler.operators))
