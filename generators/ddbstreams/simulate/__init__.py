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

from .assumptions import Assumptions
from .clock import VirtualClock
from .engine import LambdaContext, SimulationError, simulate
from .settings import EventSourceMapping, MappingError
from .trace import Discard, Invocation, Trace

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
