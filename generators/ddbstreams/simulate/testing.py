"""The `ddb_simulate` pytest fixture: simulate a handler in a user's own tests.

    def test_my_handler_never_loses_a_record(ddb_simulate, ddb_event_factory):
        records = ddb_event_factory.stream_records(
            [ddb_event_factory.insert({"Id": i}) for i in range(10)]
        )
        trace = ddb_simulate(my_handler, records, {"BatchSize": 4,
                             "FunctionResponseTypes": ["ReportBatchItemFailures"]})
        assert trace.metrics()["lost"] == 0
        ddb_simulate.assert_processed(trace)

`ddb_simulate.audit(handler)` runs the handler audit and returns its report.
"""

from __future__ import annotations

from collections.abc import Mapping

from .assumptions import Assumptions
from .audit import AuditReport, audit
from .clock import VirtualClock
from .engine import Handler, simulate
from .settings import EventSourceMapping
from .trace import Trace

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class Simulator:
    """What the fixture hands a test: call it like `simulate`, plus assertions and the audit."""

    def __call__(
        self,
        handler: Handler,
        records: Any,
        mapping: EventSourceMapping | Mapping[str, Any] | None = None,
        *,
        clock: VirtualClock | None = None,
        assumptions: Assumptions | None = None,
    ) -> Trace:
        return simulate(handler, records, mapping, clock=clock, assumptions=assumptions)

    def audit(self, handler: Handler, **options: Any) -> AuditReport:
        return audit(handler, **options)

    @staticmethod
    def assert_processed(trace: Trace) -> None:
        """Fail the test, with the trace, unless every record was processed successfully."""
        metrics = trace.metrics()
        if metrics["succeeded"] + metrics["filtered"] != metrics["records"]:
            raise AssertionError(
                f"{metrics['records'] - metrics['succeeded']} record(s) were not processed:\n"
                + trace.to_text()
            )
