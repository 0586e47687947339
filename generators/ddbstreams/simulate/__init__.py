"""Simulate what Lambda does with a DynamoDB stream: batches, retries, bisection, partial
failures, on-failure destinations, tumbling windows and parallel lanes, in virtual time.

    from ddbstreams import insert, stream_records
    from ddbstreams.simulate import simulate

    trace = simulate(handler, stream_records([insert({"Id": i}) for i in range(6)]),
                     {"BatchSize": 3, "FunctionResponseTypes": ["ReportBatchItemFailures"],
                      "MaximumRetryAttempts": 3, "DestinationConfig": {"OnFailure": "SQS"}})
    print(trace.to_text())

Documented rules cite their AWS page; each undocumented behaviour is a field of
`Assumptions`, switchable per run.
"""

from __future__ import annotations

from .._lazy import lazy_getattr

# Each public name and its module: loaded on first use, so registering the CLI's
# `simulate` and `audit` commands does not load the engine.
_HOMES: dict[str, str] = {
    "Assumptions": "assumptions",
    "Discard": "trace",
    "EventSourceMapping": "settings",
    "Invocation": "trace",
    "LambdaContext": "engine",
    "MappingError": "settings",
    "SimulationError": "engine",
    "Trace": "trace",
    "VirtualClock": "clock",
    "simulate": "engine",
}

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .assumptions import Assumptions as Assumptions
    from .clock import VirtualClock as VirtualClock
    from .engine import LambdaContext as LambdaContext
    from .engine import SimulationError as SimulationError
    from .engine import simulate as simulate
    from .settings import EventSourceMapping as EventSourceMapping
    from .settings import MappingError as MappingError
    from .trace import Discard as Discard
    from .trace import Invocation as Invocation
    from .trace import Trace as Trace


__getattr__ = lazy_getattr(__name__, _HOMES, globals())


__all__ = [
    "Assumptions",
    "Discard",
    "EventSourceMapping",
    "Invocation",
    "LambdaContext",
    "MappingError",
    "SimulationError",
    "Trace",
    "VirtualClock",
    "simulate",
]
