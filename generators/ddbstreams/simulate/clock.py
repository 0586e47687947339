"""Virtual time: the simulator never sleeps, it moves a clock.

A `VirtualClock` starts at a moment (epoch seconds; by default the arrival of
the first record) and says how long each invocation of the handler takes, so
timeouts of a batching window, the maximum record age, retry backoff and
tumbling-window ends all follow from the same numbers every run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Duration = float | Callable[[int, Mapping[str, Any]], float]
"""Seconds one invocation takes: a constant, or a function of (invocation number, event)."""


@dataclass
class VirtualClock:
    """The simulation's time. `start=None` starts at the first record's arrival."""

    start: float | None = None
    handler_seconds: Duration = 0.1

    def duration(self, number: int, event: Mapping[str, Any]) -> float:
        """How long invocation `number` (1-based) of `event` runs, in virtual seconds."""
        seconds = (
            self.handler_seconds(number, event)
            if callable(self.handler_seconds)
            else self.handler_seconds
        )
        if seconds < 0:
            raise ValueError(f"a handler cannot take {seconds} seconds")
        return float(seconds)
