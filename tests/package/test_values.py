"""The value-class base behaves as `@dataclass(frozen=True)` (and `@dataclass`) does.

Each behaviour is checked side by side with a real dataclass declared the same
way: `dataclasses` is the oracle, `ddbstreams.values` the code under test.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest
from ddbstreams.values import FrozenInstanceError, Value, field, fields, replace


class Point(Value):
    x: int
    y: int = 0


class Labelled(Point):
    label: str = "p"


class Tally(Value, frozen=False):
    name: str
    seen: list[str] = field(default_factory=list)


@dataclasses.dataclass(frozen=True)
class DPoint:
    x: int
    y: int = 0


@dataclasses.dataclass(frozen=True)
class DLabelled(DPoint):
    label: str = "p"


@dataclasses.dataclass
class DTally:
    name: str
    seen: list[str] = dataclasses.field(default_factory=list)


def test_construction_by_position_and_keyword_with_defaults() -> None:
    for args, kwargs in [((1,), {}), ((1, 2), {}), ((), {"x": 1}), ((1,), {"y": 5})]:
        ours, theirs = Point(*args, **kwargs), DPoint(*args, **kwargs)
        assert (ours.x, ours.y) == (theirs.x, theirs.y)


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((), {}), ((1, 2, 3), {}), ((1,), {"x": 2}), ((1,), {"z": 2})],
    ids=["missing", "too many", "twice", "unknown"],
)
def test_wrong_arguments_are_a_type_error(args: tuple[int, ...], kwargs: dict[str, int]) -> None:
    with pytest.raises(TypeError):
        DPoint(*args, **kwargs)
    with pytest.raises(TypeError):
        Point(*args, **kwargs)


def test_repr_names_the_class_and_fields_as_dataclasses_does() -> None:
    assert repr(Point(1, 2)).replace("Point", "DPoint") == repr(DPoint(1, 2))
    assert repr(Labelled(1)).replace("Labelled", "DLabelled") == repr(DLabelled(1))


def test_inherited_fields_come_first() -> None:
    assert fields(Labelled) == tuple(f.name for f in dataclasses.fields(DLabelled))
    assert Labelled(1, 2, "q") == Labelled(x=1, y=2, label="q")


def test_equality_and_hash() -> None:
    assert Point(1, 2) == Point(1, 2)
    assert Point(1, 2) != Point(2, 1)
    assert Point(1, 0) != Labelled(1, 0)  # another class is never equal, as with dataclasses
    assert (DPoint(1, 0) == DLabelled(1, 0)) is (Point(1, 0) == Labelled(1, 0))
    assert hash(Point(1, 2)) == hash(Point(1, 2))
    assert len({Point(1, 2), Point(1, 2), Point(3)}) == 2


def test_frozen_values_refuse_assignment() -> None:
    point = Point(1)
    with pytest.raises(FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del point.x  # type: ignore[misc]
    assert issubclass(FrozenInstanceError, AttributeError)
    assert issubclass(dataclasses.FrozenInstanceError, AttributeError)


def test_mutable_records_assign_get_fresh_defaults_and_have_no_hash() -> None:
    ours, theirs = Tally("a"), DTally("a")
    ours.seen.append("x")
    theirs.seen.append("x")
    assert Tally("b").seen == DTally("b").seen == []
    ours.name = "c"
    assert ours.name == "c"
    assert ours == Tally("c", ["x"])
    with pytest.raises(TypeError):
        hash(ours)
    with pytest.raises(TypeError):
        hash(theirs)


def test_replace_is_dataclasses_replace() -> None:
    assert replace(Labelled(1, 2), label="z") == Labelled(1, 2, "z")
    assert dataclasses.replace(DLabelled(1, 2), label="z") == DLabelled(1, 2, "z")
    with pytest.raises(TypeError):
        replace(Point(1), z=3)


def test_post_init_runs_after_the_fields_are_set() -> None:
    class Checked(Value):
        n: int

        def __post_init__(self) -> None:
            if self.n < 0:
                raise ValueError("negative")

    assert Checked(1).n == 1
    with pytest.raises(ValueError, match="negative"):
        Checked(-1)


def test_copies_and_pickles_are_equal() -> None:
    value = Tally("a", ["x"])
    deep = copy.deepcopy(value)
    assert deep == value
    assert deep.seen is not value.seen
    assert pickle.loads(pickle.dumps(Labelled(1, 2, "q"))) == Labelled(1, 2, "q")


def test_match_by_position() -> None:
    match Point(1, 2):
        case Point(a, b):
            assert (a, b) == (1, 2)
        case _:
            pytest.fail("no match")


def test_a_field_without_default_after_one_with_is_refused() -> None:
    with pytest.raises(TypeError):

        class Bad(Value):
            a: int = 0
            b: int
