"""The records' seeded generator draws exactly what `random.Random` draws (the oracle)."""

from __future__ import annotations

import random

import pytest
from ddbstreams.seeded import Seeded

RANGES = [(10**27, 10**28 // 2), (1, 10**6), (10**55, 10**56 // 2), (20, 900), (0, 1), (0, 2**64)]


@pytest.mark.parametrize("seed", [0, 1, 7, 601, 2**64 + 5, 10**30])
def test_draw_for_draw_as_random(seed: int) -> None:
    ours, stdlib = Seeded(seed), random.Random(seed)
    for _ in range(200):
        for start, stop in RANGES:
            assert ours.randrange(start, stop) == stdlib.randrange(start, stop)
        assert ours.getrandbits(128) == stdlib.getrandbits(128)


def test_an_empty_range_is_refused_as_random_refuses_it() -> None:
    with pytest.raises(ValueError):
        random.Random(0).randrange(5, 5)
    with pytest.raises(ValueError):
        Seeded(0).randrange(5, 5)
