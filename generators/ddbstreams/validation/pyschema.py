"""A small JSON Schema (2020-12) engine for the keyword subset the project's schemas use.

Why it exists: importing jsonschema-rs costs more than a whole small validation
(the extension loads `email`, `decimal`, `socket`... when imported), so for the
few-KB documents most callers check, interpreting the schema in Python is
faster end to end. Large documents still go to jsonschema-rs (see `schemas`).

Its output is meant to be indistinguishable from jsonschema-rs's: the same
problems (instance path, keyword, message) in the same order. The ordering of
keywords inside one schema object, the message texts and the way instances are
printed (compact JSON, object keys sorted, floats as jsonschema-rs prints them)
follow what jsonschema-rs produces; the tests compare the two on every fixture,
case and mutated document.

A schema is compiled once into closures. A keyword this engine does not
implement makes compilation fail (`UnsupportedSchema`) instead of being ignored,
so a schema change cannot silently weaken validation.
"""

from __future__ import annotations

import json
import operator
import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    # One problem: the instance path (innermost part first: parents append as
    # the error bubbles up, so valid paths cost nothing), the keyword, the message.
    Error = tuple[list[str | int], str, str]
    Errors = list[Error] | None
    Check = Callable[[object], Errors]

# Keywords that never produce a problem (annotations, and containers read through `$ref`).
ANNOTATIONS = frozenset(
    {
        "title",
        "description",
        "$schema",
        "$id",
        "$defs",
        "$comment",
        "contentMediaType",
        "contentEncoding",
        "contentSchema",
        "examples",
        "default",
        "then",
        "else",
    }
)
ASSERTIONS = frozenset(
    {
        "type",
        "$ref",
        "required",
        "properties",
        "pattern",
        "const",
        "items",
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
        "minItems",
        "maxItems",
        "enum",
        "additionalProperties",
        "uniqueItems",
        "minProperties",
        "maxProperties",
        "if",
        "anyOf",
        "propertyNames",
    }
)


class UnsupportedSchema(ValueError):
    """The schema uses something this engine does not implement."""


# --- printing instances as jsonschema-rs does ------------------------------------------


def show_float(value: float) -> str:
    """A float as jsonschema-rs prints it: `1.0`, `0.00001`, `1e-6`, `1e16` in full plus `.0`."""
    text = repr(value)
    if "e" not in text:
        return text
    mantissa, _, exponent = text.partition("e")
    power = int(exponent)
    if power >= 16:
        return f"{int(value)}.0"
    if power >= -5:
        sign = "-" if mantissa.startswith("-") else ""
        return f"{sign}0.{'0' * (-power - 1)}{mantissa.lstrip('-').replace('.', '')}"
    return f"{mantissa}e{power}"


def show(value: object) -> str:
    """Compact JSON with object keys sorted, strings unescaped beyond what JSON requires."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return show_float(value)
    if isinstance(value, dict):
        items = (f"{show(k)}:{show(value[k])}" for k in sorted(value))
        return "{" + ",".join(items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(show(v) for v in value) + "]"
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def _plural(count: object, word: str, many: str) -> str:
    return f"{count} {word if count == 1 else many}"


# --- JSON equality (1 == 1.0, true != 1, object key order irrelevant) ---------------------


def canonical(value: object) -> object:
    """A hashable form whose equality is JSON equality."""
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, int | float):
        return ("n", value)
    if isinstance(value, str) or value is None:
        return value
    if isinstance(value, list | tuple):
        return ("l", tuple(canonical(v) for v in value))
    if isinstance(value, dict):
        return ("o", frozenset((k, canonical(v)) for k, v in value.items()))
    raise TypeError(f"not a JSON value: {type(value).__name__}")


# --- ECMA-262 patterns --------------------------------------------------------------------

_ECMA_ESCAPES = {"d": "0-9", "w": "A-Za-z0-9_"}
_ECMA_DOT = "[^\\n\\r\\u2028\\u2029]"


def ecma_regex(pattern: str) -> re.Pattern[str]:
    """Compile an ECMA-262 pattern (no flags) to a Python regex with the same meaning."""
    return re.compile(ecma_source(pattern))


def ecma_source(pattern: str) -> str:
    """An ECMA-262 pattern (no flags) as the source of a Python regex with the same meaning.

    The differences that matter: `$` matches only at the very end (Python's also
    before a final newline), `\\d` and `\\w` are ASCII (Python's are Unicode), `.`
    excludes every line terminator. Constructs whose meaning differs in ways not
    translated here (`\\s`, `\\b`, `\\p`, lookbehind, backreferences...) are refused.
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            if i + 1 >= len(pattern):
                raise UnsupportedSchema(f"pattern ends with a backslash: {pattern!r}")
            escaped = pattern[i + 1]
            i += 2
            if escaped in "dw":
                body = _ECMA_ESCAPES[escaped]
                out.append(body if in_class else f"[{body}]")
            elif escaped in "DW" and not in_class:
                out.append(f"[^{_ECMA_ESCAPES[escaped.lower()]}]")
            elif escaped in "nrtfv" or not escaped.isalnum():
                out.append("\\" + escaped)
            elif escaped == "x" and _is_hex(pattern[i : i + 2], 2):
                out.append("\\x")
            elif escaped == "u" and _is_hex(pattern[i : i + 4], 4):
                out.append("\\" + escaped)
            else:
                raise UnsupportedSchema(f"pattern escape \\{escaped} is not supported: {pattern!r}")
            continue
        i += 1
        if in_class:
            in_class = char != "]"
            out.append(char)
        elif char == "[":
            in_class = True
            out.append(char)
            if pattern[i : i + 1] == "]" or pattern[i : i + 2] == "^]":
                raise UnsupportedSchema(f"pattern class not supported: {pattern!r}")
        elif char == "$":
            out.append(r"\Z")
        elif char == ".":
            out.append(_ECMA_DOT)
        elif char == "(" and pattern[i : i + 1] == "?" and pattern[i + 1 : i + 2] not in ":=!":
            raise UnsupportedSchema(f"pattern group kind not supported: {pattern!r}")
        else:
            out.append(char)
    return "".join(out)


def _is_hex(text: str, digits: int) -> bool:
    return len(text) == digits and all(c in "0123456789abcdefABCDEF" for c in text)


# --- compilation --------------------------------------------------------------------------


def _merge(errors: Errors, more: Errors) -> Errors:
    if not more:
        return errors
    if errors is None:
        return more
    errors.extend(more)
    return errors


def _type_test(name: str) -> Callable[[object], bool]:
    if name == "string":
        return lambda v: isinstance(v, str)
    if name == "object":
        return lambda v: isinstance(v, dict)
    if name == "array":
        return lambda v: isinstance(v, list)
    if name == "boolean":
        return lambda v: isinstance(v, bool)
    if name == "null":
        return lambda v: v is None
    if name == "number":
        return lambda v: isinstance(v, int | float) and not isinstance(v, bool)
    if name == "integer":
        return lambda v: (
            (isinstance(v, int) and not isinstance(v, bool))
            or (isinstance(v, float) and v.is_integer())
        )
    raise UnsupportedSchema(f"unknown type {name!r}")


# The order jsonschema-rs lists the expected types in, whatever the schema's order.
_TYPE_ORDER = ("null", "boolean", "integer", "number", "string", "array", "object")


def _check_type(spec: object) -> Check:
    names = [spec] if isinstance(spec, str) else spec
    if not isinstance(names, list) or not names:
        raise UnsupportedSchema(f"type must be a name or a list of names: {spec!r}")
    tests = [_type_test(str(n)) for n in names]
    if isinstance(spec, str):
        expected = f'of type "{spec}"'
    else:
        ordered = sorted(names, key=_TYPE_ORDER.index)
        expected = "of types " + ", ".join(f'"{n}"' for n in ordered)
    test = tests[0] if len(tests) == 1 else lambda v: any(t(v) for t in tests)

    def check(value: object) -> Errors:
        if test(value):
            return None
        return [([], "type", f"{show(value)} is not {expected}")]

    return check


def _check_const(expected: object) -> Check:
    key = canonical(expected)
    message = f"{show(expected)} was expected"

    def check(value: object) -> Errors:
        return None if canonical(value) == key else [([], "const", message)]

    return check


def _check_enum(options: object) -> Check:
    if not isinstance(options, list) or not options:
        raise UnsupportedSchema(f"enum must be a non-empty list: {options!r}")
    keys = {canonical(o) for o in options}
    shown = [show(o) for o in options]
    if len(shown) == 1:
        listed = shown[0]
    elif len(shown) <= 3:
        listed = ", ".join(shown[:-1]) + " or " + shown[-1]
    else:
        listed = f"{shown[0]}, {shown[1]} or {len(shown) - 2} other candidates"

    def check(value: object) -> Errors:
        if canonical(value) in keys:
            return None
        return [([], "enum", f"{show(value)} is not one of {listed}")]

    return check


def _count(spec: object, keyword: str) -> int:
    if not isinstance(spec, int) or isinstance(spec, bool) or spec < 0:
        raise UnsupportedSchema(f"{keyword} must be a non-negative integer: {spec!r}")
    return spec


def _bound(spec: object, keyword: str) -> int | float:
    if not isinstance(spec, int | float) or isinstance(spec, bool):
        raise UnsupportedSchema(f"{keyword} must be a number: {spec!r}")
    return spec


class _Compiler:
    """Compiles schema objects of one bundle; `$ref`s are resolved after the walk (cycles)."""

    def __init__(self, bundle: dict[str, object]) -> None:
        self.resources: dict[str, dict[str, object]] = {}
        self._index(bundle)
        self.compiled: dict[tuple[str, str], Check] = {}
        self.pending: list[tuple[list[Check], str, tuple[str, str]]] = []

    def _index(self, node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("$id"), str):
                self.resources[node["$id"]] = node
            for value in node.values():
                self._index(value)
        elif isinstance(node, list):
            for value in node:
                self._index(value)

    def resolve(self, base: str, ref: str) -> tuple[str, str, object]:
        """The resource, pointer and schema a `$ref` in resource `base` names."""
        if "://" in ref:
            target = ref
        elif ref.startswith("#"):
            target = base.partition("#")[0] + ref
        else:
            target = base[: base.rfind("/") + 1] + ref
        uri, _, fragment = target.partition("#")
        if uri not in self.resources:
            raise UnsupportedSchema(f"$ref to a schema not in the bundle: {ref!r}")
        node: object = self.resources[uri]
        if fragment and not fragment.startswith("/"):
            raise UnsupportedSchema(f"$ref with an anchor is not supported: {ref!r}")
        for part in fragment.split("/")[1:]:
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                raise UnsupportedSchema(f"$ref to nothing: {ref!r}")
        return uri, fragment, node

    def root(self, schema: dict[str, object]) -> Check:
        base = schema.get("$id")
        if not isinstance(base, str):
            raise UnsupportedSchema("the root schema needs an absolute $id")
        check = self.node(schema, base, "")
        while self.pending:
            cell, resource, key = self.pending.pop()
            if key not in self.compiled:
                _, _, target = self.resolve(resource, "#" + key[1])
                self.node(target, key[0], key[1])
            cell.append(self.compiled[key])
        return check

    def node(self, schema: object, base: str, where: str) -> Check:
        """Compile one schema object (`where`: its pointer inside resource `base`)."""
        if schema is True or schema == {}:
            check: Check = _valid
            self.compiled[(base, where)] = check
            return check
        if not isinstance(schema, dict):
            raise UnsupportedSchema(f"{base}#{where}: only object schemas (and true) are supported")
        if isinstance(schema.get("$id"), str) and where:
            base, where = schema["$id"], ""
        unknown = set(schema) - ANNOTATIONS - ASSERTIONS
        if unknown:
            raise UnsupportedSchema(f"{base}#{where}: unsupported keywords {sorted(unknown)}")
        checks = self._checks(schema, base, where)
        check = _sequence(checks)
        self.compiled[(base, where)] = check
        return check

    def _sub(self, schema: object, base: str, where: str) -> Check:
        return self.node(schema, base, where)

    def _checks(self, s: dict[str, object], base: str, where: str) -> list[Check]:
        """The checks of one schema object, in the order jsonschema-rs reports them."""
        checks: list[Check] = []
        if "type" in s:
            checks.append(_check_type(s["type"]))
        if "const" in s:
            checks.append(_check_const(s["const"]))
        if "enum" in s:
            checks.append(_check_enum(s["enum"]))
        object_checks = self._object_checks(s, base, where)
        if object_checks:
            checks.append(_only(dict, object_checks))
        array_checks = self._array_checks(s, base, where)
        if array_checks:
            checks.append(_only(list, array_checks))
        string_checks = _string_checks(s)
        if string_checks:
            checks.append(_only(str, string_checks))
        number_checks = _number_checks(s)
        if number_checks:
            checks.append(_only_number(number_checks))
        if "anyOf" in s:
            branches = s["anyOf"]
            if not isinstance(branches, list) or not branches:
                raise UnsupportedSchema(f"{base}#{where}: anyOf must be a non-empty list")
            checks.append(
                _any_of([self._sub(b, base, f"{where}/anyOf/{i}") for i, b in enumerate(branches)])
            )
        if "if" in s:
            checks.append(
                _if(
                    self._sub(s["if"], base, f"{where}/if"),
                    self._sub(s["then"], base, f"{where}/then") if "then" in s else None,
                    self._sub(s["else"], base, f"{where}/else") if "else" in s else None,
                )
            )
        if "$ref" in s:
            ref = s["$ref"]
            if not isinstance(ref, str):
                raise UnsupportedSchema(f"{base}#{where}: $ref must be a string")
            uri, fragment, _ = self.resolve(base, ref)
            cell: list[Check] = []
            self.pending.append((cell, uri, (uri, fragment)))
            checks.append(_forward(cell))
        return checks

    def _object_checks(self, s: dict[str, object], base: str, where: str) -> list[Check]:
        checks: list[Check] = []
        if "minProperties" in s:
            checks.append(_min_properties(_count(s["minProperties"], "minProperties")))
        if "maxProperties" in s:
            checks.append(_max_properties(_count(s["maxProperties"], "maxProperties")))
        properties = s.get("properties", {})
        if not isinstance(properties, dict):
            raise UnsupportedSchema(f"{base}#{where}: properties must be an object")
        compiled = {
            name: self._sub(sub, base, f"{where}/properties/{_escape(name)}")
            for name, sub in properties.items()
        }
        extra = s.get("additionalProperties", True)
        if extra is False:
            checks.append(_closed(compiled) if compiled else _first_extra_refused())
        if "required" in s:
            names = s["required"]
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise UnsupportedSchema(f"{base}#{where}: required must list names")
            checks.append(_required(names))
        if extra is not False and extra is not True and extra != {}:
            checks.append(_open(compiled, self._sub(extra, base, f"{where}/additionalProperties")))
        elif extra is not False and compiled:
            checks.append(_properties(compiled))
        if "propertyNames" in s:
            checks.append(
                _property_names(self._sub(s["propertyNames"], base, f"{where}/propertyNames"))
            )
        return checks

    def _array_checks(self, s: dict[str, object], base: str, where: str) -> list[Check]:
        checks: list[Check] = []
        if "minItems" in s:
            checks.append(_min_items(_count(s["minItems"], "minItems")))
        if "maxItems" in s:
            checks.append(_max_items(_count(s["maxItems"], "maxItems")))
        if s.get("uniqueItems") is True:
            checks.append(_unique)
        if "items" in s:
            checks.append(_items(self._sub(s["items"], base, f"{where}/items")))
        return checks


def _valid(value: object) -> Errors:
    return None


def _sequence(checks: list[Check]) -> Check:
    if not checks:
        return _valid
    if len(checks) == 1:
        return checks[0]

    def check(value: object) -> Errors:
        errors: Errors = None
        for one in checks:
            found = one(value)
            if found:
                errors = found if errors is None else errors + found
        return errors

    return check


def _only(kind: type, checks: list[Check]) -> Check:
    inner = _sequence(checks)

    def check(value: object) -> Errors:
        return inner(value) if isinstance(value, kind) else None

    return check


def _only_number(checks: list[Check]) -> Check:
    inner = _sequence(checks)

    def check(value: object) -> Errors:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return inner(value)
        return None

    return check


def _forward(cell: list[Check]) -> Check:
    def check(value: object) -> Errors:
        return cell[0](value)

    return check


def _any_of(branches: list[Check]) -> Check:
    def check(value: object) -> Errors:
        for branch in branches:
            if not branch(value):
                return None
        message = (
            f"{show(value)} is not valid under any of the schemas listed in the 'anyOf' keyword"
        )
        return [([], "anyOf", message)]

    return check


def _if(condition: Check, then: Check | None, otherwise: Check | None) -> Check:
    def check(value: object) -> Errors:
        branch = otherwise if condition(value) else then
        return branch(value) if branch is not None else None

    return check


def _min_properties(limit: int) -> Check:
    def check(value: Any) -> Errors:
        if len(value) >= limit:
            return None
        text = f"{show(value)} has less than {_plural(limit, 'property', 'properties')}"
        return [([], "minProperties", text)]

    return check


def _max_properties(limit: int) -> Check:
    def check(value: Any) -> Errors:
        if len(value) <= limit:
            return None
        text = f"{show(value)} has more than {_plural(limit, 'property', 'properties')}"
        return [([], "maxProperties", text)]

    return check


def _required(names: list[str]) -> Check:
    def check(value: Any) -> Errors:
        missing = [n for n in names if n not in value]
        if not missing:
            return None
        return [([], "required", f"{show(n)} is a required property") for n in missing]

    return check


def _prefixed(found: Errors, key: str | int) -> Errors:
    if found:
        for path, _, _ in found:
            path.append(key)
    return found


def _properties(compiled: dict[str, Check]) -> Check:
    def check(value: Any) -> Errors:
        errors: Errors = None
        for key, item in value.items():
            sub = compiled.get(key)
            if sub is not None:
                found = sub(item)
                if found:
                    errors = _merge(errors, _prefixed(found, key))
        return errors

    return check


def _closed(compiled: dict[str, Check]) -> Check:
    """`properties` with `additionalProperties: false`: one problem names every extra key."""
    known = _properties(compiled)

    def check(value: Any) -> Errors:
        errors = known(value)
        extra = [k for k in value if k not in compiled]
        if extra:
            names = ", ".join(f"'{k}'" for k in extra)
            verb = "was" if len(extra) == 1 else "were"
            message = f"Additional properties are not allowed ({names} {verb} unexpected)"
            errors = _merge(errors, [([], "additionalProperties", message)])
        return errors

    return check


def _first_extra_refused() -> Check:
    """`additionalProperties: false` alone: jsonschema-rs reports the first value only."""

    def check(value: Any) -> Errors:
        for item in value.values():
            return [([], "additionalProperties", f"False schema does not allow {show(item)}")]
        return None

    return check


def _open(compiled: dict[str, Check], extra: Check) -> Check:
    def check(value: Any) -> Errors:
        errors: Errors = None
        for key, item in value.items():
            found = compiled.get(key, extra)(item)
            if found:
                errors = _merge(errors, _prefixed(found, key))
        return errors

    return check


def _property_names(names: Check) -> Check:
    def check(value: Any) -> Errors:
        errors: Errors = None
        for key in value:
            found = names(key)
            if found:
                errors = _merge(errors, found)
        return errors

    return check


def _min_items(limit: int) -> Check:
    def check(value: Any) -> Errors:
        if len(value) >= limit:
            return None
        return [([], "minItems", f"{show(value)} has less than {_plural(limit, 'item', 'items')}")]

    return check


def _max_items(limit: int) -> Check:
    def check(value: Any) -> Errors:
        if len(value) <= limit:
            return None
        return [([], "maxItems", f"{show(value)} has more than {_plural(limit, 'item', 'items')}")]

    return check


def _unique(value: Any) -> Errors:
    if len(value) < 2:
        return None
    seen = set()
    for item in value:
        key = canonical(item)
        if key in seen:
            return [([], "uniqueItems", f"{show(value)} has non-unique elements")]
        seen.add(key)
    return None


def _items(sub: Check) -> Check:
    def check(value: Any) -> Errors:
        errors: Errors = None
        for index, item in enumerate(value):
            found = sub(item)
            if found:
                errors = _merge(errors, _prefixed(found, index))
        return errors

    return check


def _length(keyword: str, bound: int, fits: Callable[[int, int], bool], word: str) -> Check:
    """minLength / maxLength: code points, as jsonschema-rs counts them, and its message."""
    said = f"is {word} than {_plural(bound, 'character', 'characters')}"

    def length(value: Any) -> Errors:
        if fits(len(value), bound):
            return None
        return [([], keyword, f"{show(value)} {said}")]

    return length


def _string_checks(s: dict[str, object]) -> list[Check]:
    checks: list[Check] = []
    for keyword, fits, word in (
        ("minLength", operator.ge, "shorter"),
        ("maxLength", operator.le, "longer"),
    ):
        if keyword in s:
            checks.append(_length(keyword, _count(s[keyword], keyword), fits, word))
    if "pattern" in s:
        source = s["pattern"]
        if not isinstance(source, str):
            raise UnsupportedSchema(f"pattern must be a string: {source!r}")
        translated = ecma_source(source)  # refuses what it cannot translate, now
        compiled: list[re.Pattern[str]] = []  # compiled on first use: a start compiles none

        def pattern(value: Any) -> Errors:
            if not compiled:
                compiled.append(re.compile(translated))
            if compiled[0].search(value) is not None:
                return None
            return [([], "pattern", f'{show(value)} does not match "{source}"')]

        checks.append(pattern)
    return checks


def _number_checks(s: dict[str, object]) -> list[Check]:
    checks: list[Check] = []
    if "minimum" in s:
        low = _bound(s["minimum"], "minimum")
        below = f"is less than the minimum of {show(low)}"

        def minimum(value: Any) -> Errors:
            return None if value >= low else [([], "minimum", f"{show(value)} {below}")]

        checks.append(minimum)
    if "maximum" in s:
        high = _bound(s["maximum"], "maximum")
        above = f"is greater than the maximum of {show(high)}"

        def maximum(value: Any) -> Errors:
            return None if value <= high else [([], "maximum", f"{show(value)} {above}")]

        checks.append(maximum)
    return checks


class Validator:
    """One compiled schema: `errors(doc)` lists (pointer parts, keyword, message)."""

    def __init__(self, schema: dict[str, object]) -> None:
        self._check = _Compiler(schema).root(schema)

    def errors(self, doc: object) -> list[tuple[list[str | int], str, str]]:
        found = self._check(doc)
        if not found:
            return []
        for path, _, _ in found:
            path.reverse()
        return found


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")
