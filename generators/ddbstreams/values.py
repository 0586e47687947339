"""Immutable value classes without `dataclasses`, whose import (with `inspect`,
`ast`, `dis`) costs more than a bare interpreter start: every command builds
records or problems, so their classes are declared on this small base instead.

class Point(Value):
    x: int
    y: int = 0

A subclass gets what `@dataclass(frozen=True)` gives: the annotated names are
its fields, in order (a base's first); a class attribute is a field's default
(`field(default_factory=list)` a fresh one per instance); construction by
position or keyword, then `__post_init__` if the class has one; `repr`,
equality (same class, equal fields), a hash, and no assignment after
construction. `class Tally(Value, frozen=False)` is a mutable record (no hash),
as `@dataclass` makes. `replace(value, x=1)` is `dataclasses.replace`.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar, dataclass_transform

    T = TypeVar("T", bound="Value")
else:

    def dataclass_transform(**kwargs: object) -> object:
        return lambda cls: cls


_MISSING = object()


class _Factory:
    """A field default made afresh for each instance (a list, a dict)."""

    def __init__(self, make: Callable[[], object]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], Any]) -> Any:
    """A field whose default is `default_factory()`, called for each instance."""
    return _Factory(default_factory)


class FrozenInstanceError(AttributeError):
    """A field of a value was assigned after construction."""


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
class Value:
    """The base of every value class: fields from annotations, defaults from the class body."""

    _fields: tuple[str, ...] = ()

    def __init_subclass__(cls, *, frozen: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not frozen:
            cls.__setattr__ = object.__setattr__  # type: ignore[method-assign,assignment]
            cls.__delattr__ = object.__delattr__  # type: ignore[method-assign]
            cls.__hash__ = None  # type: ignore[assignment]
        # The class's own annotations (`inspect.get_annotations` would import `inspect`).
        own = tuple(cls.__dict__.get("__annotations__", {}))  # noqa: RUF063
        inherited = tuple(name for name in cls._fields if name not in own)
        cls._fields = inherited + own
        setattr(cls, "__match_args__", cls._fields)  # noqa: B010 (mypy refuses the assignment)
        seen_default = False
        for name in cls._fields:
            has_default = getattr(cls, name, _MISSING) is not _MISSING
            if seen_default and not has_default:
                raise TypeError(f"non-default field {name!r} follows a default field")
            seen_default = seen_default or has_default

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fields = self._fields
        name = type(self).__qualname__
        if len(args) > len(fields):
            raise TypeError(
                f"{name}() takes {len(fields)} positional arguments but {len(args)} were given"
            )
        values = dict(zip(fields, args, strict=False))
        for key, value in kwargs.items():
            if key not in fields:
                raise TypeError(f"{name}() got an unexpected keyword argument {key!r}")
            if key in values:
                raise TypeError(f"{name}() got multiple values for argument {key!r}")
            values[key] = value
        for field in fields:
            if field not in values:
                default = getattr(type(self), field, _MISSING)
                if default is _MISSING:
                    raise TypeError(f"{name}() missing required argument: {field!r}")
                values[field] = default.make() if isinstance(default, _Factory) else default
        object.__setattr__(self, "__dict__", values)
        post_init = getattr(self, "__post_init__", None)
        if post_init is not None:
            post_init()

    def _values(self) -> tuple[Any, ...]:
        return tuple(self.__dict__[field] for field in self._fields)

    def __repr__(self) -> str:
        shown = ", ".join(f"{field}={self.__dict__[field]!r}" for field in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Value)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), self._values())


def replace(value: T, **changes: Any) -> T:
    """A copy of `value` with the fields named in `changes` set to new values."""
    fields = {field: value.__dict__[field] for field in value._fields}
    for key in changes:
        if key not in fields:
            raise TypeError(f"{type(value).__qualname__} has no field {key!r}")
    return type(value)(**{**fields, **changes})


def fields(value: Value | type[Value]) -> tuple[str, ...]:
    """The names of the fields, in order."""
    return value._fields
