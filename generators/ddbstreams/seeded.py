"""A seeded generator for IDs and sequence numbers: `random`'s, without `import random`.

Building one record needs only `getrandbits` and `randrange` on a generator
seeded with an integer. `import random` costs a sixth of an interpreter start
(three C extensions, and a module-level generator seeded from the OS), which is
most of what `generate stream` would pay above the limit its start is held to.
`_random.Random` is the Mersenne Twister `random.Random` extends, seeded the same
way from an integer; `randrange` below draws exactly as `random.Random.randrange`
does for a step of 1, so every published fixture stays byte-identical (the tests
compare the two draw for draw, and the drift check compares every fixture).
"""

from __future__ import annotations

from _random import Random as _Twister


class Seeded(_Twister):
    """`random.Random(seed)` for an integer seed, as far as `getrandbits` and `randrange` go."""

    def randrange(self, start: int, stop: int) -> int:
        """An integer in [start, stop), drawn as `random.Random.randrange(start, stop)` draws it."""
        width = stop - start
        if width <= 0:
            raise ValueError(f"empty range for randrange({start}, {stop})")
        bits = width.bit_length()
        drawn = self.getrandbits(bits)
        while drawn >= width:  # rejection sampling: no bias toward small values
            drawn = self.getrandbits(bits)
        return start + drawn
