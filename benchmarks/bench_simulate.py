"""One million records through the simulator with a no-op handler, beside the factory alone.

The simulator's job on top of the factory is batching, the per-invocation
bookkeeping and the trace; a user who only wanted the events would build them
with the factory. Both are timed in the same run on the same records, so the
ratio says what the simulation adds. The simulator should cost less than
building the records it runs.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

import ddbstreams
from ddbstreams.simulate import Trace, simulate

RECORDS = 1_000_000
BATCH_SIZE = 100


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    """CPU seconds of `run` (the machine may be shared; wall time would measure the neighbours)."""
    start = time.process_time()
    result = run()
    return time.process_time() - start, result


def build(count: int) -> list[dict[str, Any]]:
    writes = [ddbstreams.insert({"Id": i, "status": "PLACED"}) for i in range(count)]
    return ddbstreams.stream_records(writes, step=0, seed=1)


def noop(event: Any, context: Any) -> None:
    return None


def run(records: list[dict[str, Any]]) -> tuple[Trace, dict[str, Any]]:
    """The simulation and its metrics (deliveries, duplicates, ordering), as a user would ask."""
    trace = simulate(noop, records, {"BatchSize": BATCH_SIZE})
    return trace, trace.metrics()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else RECORDS
    factory_seconds, records = timed(lambda: build(count))
    simulate_seconds, (trace, metrics) = timed(lambda: run(records))
    assert metrics["succeeded"] == count
    assert len(trace.invocations) == -(-count // BATCH_SIZE)
    print(f"input: {count:,} INSERT records, BatchSize {BATCH_SIZE}, a no-op handler\n")
    for name, seconds in (
        ("ddbstreams factory: build the records", factory_seconds),
        ("ddbstreams.simulate: run them through the mapping", simulate_seconds),
    ):
        print(f"{name:<52} {seconds:8.2f} s CPU {count / seconds:12,.0f} records/s")
    print(f"\nsimulation / factory: {simulate_seconds / factory_seconds:.2f}× the time")


if __name__ == "__main__":
    main()
