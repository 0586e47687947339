"""The event source mapping, run in virtual time against a handler.

Each rule below cites where it comes from: an AWS page, or a recording in the
project's ground truth (`aws-recorded/responses/<case>`). Where AWS says
nothing, the rule reads an `Assumptions` field instead of deciding silently.

Pages cited by file name live under https://docs.aws.amazon.com/lambda/latest/dg/:
with-ddb.html, services-ddb-params.html, services-ddb-batchfailurereporting.html,
services-dynamodb-errors.html, services-ddb-windows.html,
invocation-eventsourcemapping.html.
"""

from __future__ import annotations

import gc
import json
import random
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..jsonstream import loads_own
from ..response import check_response
from .assumptions import Assumptions
from .clock import VirtualClock
from .destination import Condition, failure_record, iso
from .filtering import Predicate, compile_filters
from .settings import (
    PAYLOAD_LIMIT_BYTES,
    POLLS_PER_SECOND,
    RETENTION_SECONDS,
    WINDOW_STATE_LIMIT_BYTES,
    EventSourceMapping,
    MappingError,
)
from .stream import ShardRecord, read_shard
from .trace import Discard, Invocation, Trace

Handler = Callable[[Any, Any], Any]

MAX_INVOCATIONS = 100_000
"""A guard, not a rule: a mapping that retries forever stops here with an error."""


class SimulationError(RuntimeError):
    """The simulation cannot go on (an endless retry loop, say)."""


@dataclass
class LambdaContext:
    """The context object handlers read (`aws_request_id`, `function_name`, remaining time)."""

    aws_request_id: str
    invoked_function_arn: str
    function_name: str
    function_version: str = "$LATEST"
    memory_limit_in_mb: int = 128
    log_group_name: str = "/aws/lambda/simulated"
    log_stream_name: str = "simulated"

    def get_remaining_time_in_millis(self) -> int:
        return 300_000


@dataclass
class _Batch:
    """Records read together and tried together until they succeed or are discarded."""

    records: list[ShardRecord]
    origin: str
    family: int
    attempts: int = 0  # failed attempts, counted against MaximumRetryAttempts
    invokes: int = 0  # invocations of this very batch: approximateInvokeCount
    last_request_id: str | None = None
    last_function_error: str | None = None
    last_event: Mapping[str, Any] | None = None
    final_window: bool = False
    failing_since: float | None = None  # end of its first failed invocation (U-9 shard hold)


@dataclass
class _Window:
    """A tumbling window of one shard: its bounds and the state the function returned."""

    start: float
    end: float
    state: Any = field(default_factory=dict)
    terminated_early: bool = False
    closing: bool = False


@dataclass
class _Lane:
    """One of ParallelizationFactor concurrent batch streams of the shard."""

    index: int
    pending: deque[ShardRecord]
    queue: deque[_Batch] = field(default_factory=deque)
    ready_at: float = 0.0
    last_completed: float | None = None
    window: _Window | None = None
    carry: _Batch | None = None  # U-4 (b): the retry counts of records put back to be re-read


class _Simulation:
    def __init__(
        self,
        handler: Handler,
        shard: list[ShardRecord],
        mapping: EventSourceMapping,
        assumptions: Assumptions,
        clock: VirtualClock,
        seed: int,
    ) -> None:
        self.handler = handler
        self.shard = shard
        self.mapping = mapping
        self.assume = assumptions
        self.clock = clock
        self.rng = random.Random(seed)
        self.keep: Predicate | None = compile_filters(mapping.FilterCriteria)
        if mapping.TumblingWindowInSeconds and mapping.ParallelizationFactor > 1:
            raise MappingError(
                "/ParallelizationFactor",
                "the simulator models tumbling windows with ParallelizationFactor 1 only",
            )
        start = clock.start if clock.start is not None else (shard[0].arrival if shard else 0.0)
        self.start = start
        lanes = mapping.ParallelizationFactor
        self.lanes = [_Lane(i, deque(), ready_at=start) for i in range(lanes)]
        for record in shard:
            # "Lambda still ensures in-order processing at the item (partition and sort key)
            # level" with ParallelizationFactor > 1 (with-ddb.html); lane hash: U-9.
            self.lanes[record.lane(lanes)].pending.append(record)
        self.status: dict[str, str] = {}
        self.settled = 0  # records settled from the start of the shard (the checkpoint)
        self.families = 0
        self.consolidating: dict[int, list[tuple[_Batch, list[ShardRecord], int, Condition]]] = {}
        self.trace = Trace(
            mapping=mapping.to_dict(),
            assumptions=assumptions.to_dict(),
            sequence_numbers=[r.sequence for r in shard],
            keys=_Keys(shard),
            start=start,
        )

    # --- the loop ----------------------------------------------------------------------

    def run(self) -> Trace:
        while True:
            choice = self._next_lane()
            if choice is None:
                break
            lane, at = choice
            self._step(lane, at)
            if len(self.trace.invocations) > MAX_INVOCATIONS:
                raise SimulationError(
                    f"more than {MAX_INVOCATIONS} invocations: the mapping retries without end "
                    "(set MaximumRetryAttempts or MaximumRecordAgeInSeconds)"
                )
        self.trace.final_checkpoint = self._checkpoint()
        return self.trace

    def _next_lane(self) -> tuple[_Lane, float] | None:
        """The lane whose next action comes first (ties: lowest lane), and when it happens."""
        blocking = self._blocking_lane()
        best: tuple[float, int, _Lane] | None = None
        for lane in self.lanes:
            at = self._next_time(lane)
            if at is None:
                continue
            if blocking is not None and lane is not blocking[0] and at >= blocking[1]:
                continue  # the shard is held from the moment the failure was known
            if best is None or (at, lane.index) < best[:2]:
                best = (at, lane.index, lane)
        return None if best is None else (best[2], best[0])

    def _blocking_lane(self) -> tuple[_Lane, float] | None:
        """U-9: with `lane_blocking="shard"`, a lane retrying a batch holds every other lane
        from the end of the failed invocation on."""
        if self.assume.lane_blocking != "shard":
            return None
        for lane in self.lanes:
            if lane.queue and lane.queue[0].failing_since is not None:
                return lane, lane.queue[0].failing_since
        return None

    def _next_time(self, lane: _Lane) -> float | None:
        if lane.queue:
            return lane.ready_at
        if lane.window is not None and self._window_must_close(lane):
            if lane.window.terminated_early:
                return lane.ready_at
            return max(lane.ready_at, lane.window.end)
        if not lane.pending:
            return None
        return self._read_time(lane)

    # --- reading a batch ---------------------------------------------------------------

    def _tick(self, moment: float) -> float:
        """The first poll at or after `moment`: "Lambda polls shards in your DynamoDB stream
        for records at a base rate of 4 times per second" (with-ddb.html)."""
        interval = 1.0 / POLLS_PER_SECOND
        polls = -(-(moment - self.start) // interval)
        return self.start + max(0.0, polls) * interval

    def _read_time(self, lane: _Lane) -> float:
        """When the next batch is sent (invocation-eventsourcemapping.html, Batching behavior:
        the batching window ends, the batch size is met, or the payload reaches 6 MB)."""
        first = lane.pending[0]
        ready = max(lane.ready_at, self._tick(first.arrival))
        window = self.mapping.MaximumBatchingWindowInSeconds
        full_at = self._full_at(lane)
        if window > 0:
            # U-2: the window opens when the previous invocation completed, or at the first record.
            opened = (
                lane.last_completed
                if self.assume.window_start == "previous-invocation"
                and lane.last_completed is not None
                else first.arrival
            )
            deadline = opened + window
            return max(ready, min(deadline, full_at) if full_at is not None else deadline)
        if self.assume.batch_fill == "fill":  # U-1 (b): wait until BatchSize is full
            last = full_at if full_at is not None else lane.pending[-1].arrival
            return max(ready, self._tick(last))
        return ready  # U-1 (a): "invokes your function as soon as records are available"

    def _full_at(self, lane: _Lane) -> float | None:
        """When the lane holds enough records for a full batch (None: it never does)."""
        counted = 0
        for record in lane.pending:
            if (
                self.keep is None
                or self.assume.filtered_count_toward_batch
                or self.keep(record.record)
            ):
                counted += 1
            if counted == self.mapping.BatchSize:
                return self._tick(record.arrival)
        return None

    def _read(self, lane: _Lane, at: float) -> _Batch | None:
        """Take the records of the next batch from the lane (None: all of them were filtered)."""
        limit = self.mapping.BatchSize
        taken: list[ShardRecord] = []
        read = 0
        size = len('{"Records":[]}') if self.assume.payload_size == "event" else 0
        window = self._window_of(lane.pending[0]) if self.mapping.TumblingWindowInSeconds else None
        while lane.pending and read < limit and lane.pending[0].arrival <= at:
            record = lane.pending[0]
            if window is not None and record.arrival >= window[1]:
                break  # a batch never spans two tumbling windows (services-ddb-windows.html)
            extra = record.size + (1 if taken and self.assume.payload_size == "event" else 0)
            if taken and size + extra > PAYLOAD_LIMIT_BYTES:
                break  # "The payload size reaches 6 MB" (invocation-eventsourcemapping.html)
            lane.pending.popleft()
            if self.keep is not None and not self.keep(record.record):
                self._settle([record], "filtered")
                self.trace.filtered.append(record.sequence)
                if self.assume.filtered_count_toward_batch:  # U-20 (b)
                    read += 1
                continue
            taken.append(record)
            size += extra
            read += 1
        if not taken:
            # "a read with zero matches advances the checkpoint without invoking" (recorded,
            # filter test in the DynamoDB event source mapping recordings).
            return None
        self.families += 1
        return _Batch(taken, "read", self.families)

    # --- one step ----------------------------------------------------------------------

    def _step(self, lane: _Lane, at: float) -> None:
        if not lane.queue and lane.window is not None and self._window_must_close(lane):
            lane.queue.append(_Batch([], "window end", 0, final_window=True))
            lane.window.closing = True
        if not lane.queue:
            batch = self._read(lane, at)
            if batch is None:
                lane.ready_at = at
                return
            carry, lane.carry = lane.carry, None
            if carry is not None and carry.records[0] is batch.records[0]:
                batch.attempts, batch.invokes = carry.attempts, carry.invokes
                batch.origin, batch.family = carry.origin, carry.family
            lane.queue.append(batch)
        batch = lane.queue[0]
        at = max(at, lane.ready_at)
        if self._drop_expired(lane, batch, at):
            self._invoke(lane, batch, at)
        done_with = not lane.queue or lane.queue[0] is not batch
        if self.assume.lane_blocking == "shard" and batch.failing_since is not None and done_with:
            # U-9 "shard": the held lanes go on once the failing batch is done with.
            for other in self.lanes:
                other.ready_at = max(other.ready_at, lane.ready_at)

    def _drop_expired(self, lane: _Lane, batch: _Batch, at: float) -> bool:
        """Split off records past MaximumRecordAgeInSeconds or the 24 h retention before invoking.

        Age is judged per record: one old record before five fresh ones was reported alone
        (batchSize 1) while the function received the five (recorded, Kinesis source,
        U-11 (a)). Records in a shard are in arrival order, so the expired ones are a prefix.
        """
        max_age = self.mapping.MaximumRecordAgeInSeconds
        aged = [r for r in batch.records if max_age != -1 and at - r.arrival > max_age]
        old = {id(r) for r in aged}
        trimmed = [
            r for r in batch.records if id(r) not in old and at - r.arrival > RETENTION_SECONDS
        ]
        if aged:
            count = batch.invokes or self.assume.expired_invoke_count
            self._discard(lane, batch, aged, "RecordAgeExceeded", at, count)
        if trimmed:
            if self.assume.trimmed == "RecordAgeExceeded":  # U-13 (b)
                count = batch.invokes or self.assume.expired_invoke_count
                self._discard(lane, batch, trimmed, "RecordAgeExceeded", at, count)
            else:  # U-13 (a): trimmed from the stream, nobody hears of them
                self._settle(trimmed, "lost")
                self.trace.lost.extend(r.sequence for r in trimmed)
        gone = {r.sequence for r in aged + trimmed}
        batch.records = [r for r in batch.records if r.sequence not in gone]
        if not batch.records and not batch.final_window:
            lane.queue.popleft()
            return False
        return True

    def _invoke(self, lane: _Lane, batch: _Batch, at: float) -> None:
        number = len(self.trace.invocations) + 1
        event, text = self._event(lane, batch)
        request_id = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        context = LambdaContext(
            request_id, self.mapping.FunctionArn, self.mapping.FunctionArn.split(":")[6]
        )
        response: Any = None
        error: str | None = None
        try:
            # Like the runtime, the handler gets its own parse of the event's JSON.
            own = not self.mapping.TumblingWindowInSeconds and all(r.by_c for r in batch.records)
            parsed = loads_own(text) if own else json.loads(text)
            response = _as_json(self.handler(parsed, context))
        except SimulationError:
            raise  # the simulation itself cannot go on (a handler program that cannot start)
        except Exception as raised:  # the function's error, whatever it is
            error = f"{type(raised).__name__}: {raised}"
        end = at + self.clock.duration(number, event)
        batch.invokes += 1
        batch.last_request_id = request_id
        batch.last_event = event
        lane.last_completed = end
        lane.ready_at = end
        invocation = Invocation(
            number=number,
            lane=lane.index,
            start=at,
            end=end,
            records=[r.sequence for r in batch.records],
            event=event,
            response=response,
            error=error,
            outcome="",
            reason="",
            attempt=batch.invokes,
            retries_used=0,
            checkpoint=None,
            origin=batch.origin,
            request_id=request_id,
            window=_window_view(event),
        )
        self.trace.invocations.append(invocation)
        outcome, reason, checkpoint = self._verdict(batch, event, response, error)
        invocation.outcome, invocation.reason = outcome, reason
        if outcome == "partial":
            invocation.retried = [
                r.sequence for r in batch.records if int(r.sequence) >= int(checkpoint or 0)
            ]
        elif outcome == "batch-failure":
            invocation.retried = list(invocation.records)
        if outcome == "success":
            self._succeed(lane, batch, batch.records, response)
            lane.queue.popleft()
            self._flush_family(lane, batch.family, end)
        elif outcome == "partial":
            self._partial(lane, batch, checkpoint, response, end, invocation)
        else:
            batch.last_function_error = (
                self.assume.timeout_function_error
                if error is not None and error.startswith("TimeoutError")
                else ("Unhandled" if error is not None else None)
            )
            self._failed(lane, batch, end, invocation, raised=error is not None)
        invocation.retries_used = batch.attempts
        invocation.checkpoint = self._checkpoint()

    def _verdict(
        self, batch: _Batch, event: Mapping[str, Any], response: Any, error: str | None
    ) -> tuple[str, str, str | None]:
        """Success, partial or batch failure, as `check_response` judges the response.

        "Lambda retries until the records expire ... or reach the configured retry quota" when
        the function returns an error (services-dynamodb-errors.html). Responses are only read
        with ReportBatchItemFailures: "these responses will not be processed by Lambda unless
        the ReportBatchItemFailures feature is explicitly turned on"
        (services-ddb-batchfailurereporting.html), except a window's `state`: "If the response
        does not contain a state property, Lambda considers this a failed invocation"
        (services-ddb-windows.html).
        """
        if error is not None:
            return "batch-failure", f"the function raised {error}", None
        windowed = self.mapping.TumblingWindowInSeconds > 0
        if not self.mapping.reports_item_failures:
            if windowed and not (isinstance(response, Mapping) and "state" in response):
                return "batch-failure", "a tumbling-window response must carry state", None
            return "success", "the response is not read without ReportBatchItemFailures", None
        verdict = check_response(response, event, tumbling_window=windowed)
        return verdict.outcome, verdict.describe(), verdict.checkpoint

    # --- outcomes ----------------------------------------------------------------------

    def _succeed(
        self, lane: _Lane, batch: _Batch, records: list[ShardRecord], response: Any
    ) -> None:
        """Checkpoint past `records`: "by default Lambda checkpoints to the highest sequence
        number of a batch only when the batch is a complete success"
        (services-ddb-batchfailurereporting.html)."""
        self._settle(records, "ok")
        self.trace.succeeded.extend(r.sequence for r in records)
        self._keep_state(lane, batch, response)

    def _partial(
        self,
        lane: _Lane,
        batch: _Batch,
        checkpoint: str | None,
        response: Any,
        end: float,
        invocation: Invocation,
    ) -> None:
        """Checkpoint before the lowest reported record and retry from it: "Lambda uses the record
        with the lowest sequence number as the checkpoint. Lambda then retries all records
        starting from that checkpoint" (services-ddb-batchfailurereporting.html)."""
        index = next(i for i, r in enumerate(batch.records) if r.sequence == checkpoint)
        done, rest = batch.records[:index], batch.records[index:]
        windowed = self.mapping.TumblingWindowInSeconds > 0
        if windowed and self.assume.window_partial == "discard-state":  # U-19 (b)
            self._failed(lane, batch, end, invocation, raised=False)
            return
        if done:
            self._succeed(lane, batch, done, response)
        elif windowed:
            self._keep_state(lane, batch, response)
        progressed = bool(done)
        mode = self.assume.partial_counts  # U-5
        counts = mode == "always" or (mode == "progress-resets" and not progressed)
        if progressed and mode == "progress-resets":
            # The recorded case: the advancing invocation is not a retry of what is left.
            lane.queue[0] = _Batch(rest, f"retry from #{invocation.number}", batch.family)
        elif progressed:
            batch.records = rest
            batch.origin = f"retry from #{invocation.number}"
        current = lane.queue[0]
        if (
            progressed
            and self.mapping.BisectBatchOnFunctionError
            and self.assume.bisect_partial == "halve-rest"  # U-8 (b)
            and len(current.records) > 1
        ):
            half = len(current.records) // 2
            first = _Batch(
                current.records[:half], f"first half of #{invocation.number}", batch.family
            )
            second = _Batch(
                current.records[half:], f"second half of #{invocation.number}", batch.family
            )
            lane.queue.popleft()
            lane.queue.extendleft([second, first])
            invocation.split = [
                [r.sequence for r in first.records],
                [r.sequence for r in second.records],
            ]
            current = first
        if counts:
            current.attempts += 1
            if current.failing_since is None:
                current.failing_since = end
            if self._exhausted(current):
                current.last_function_error = None
                self._give_up(lane, current, end)
                return
            lane.ready_at = end + self._backoff(current.attempts)
        if self.assume.partial_retry == "reread" and progressed:  # U-4 (b)
            lane.carry = lane.queue.popleft()
            lane.pending.extendleft(reversed(lane.carry.records))

    def _failed(
        self, lane: _Lane, batch: _Batch, end: float, invocation: Invocation, *, raised: bool
    ) -> None:
        """The whole batch failed: bisect it, retry it, or give it up.

        "If the function returns an error, split the batch in two and retry"
        (API_CreateEventSourceMapping.html, BisectBatchOnFunctionError); "Splitting batches
        doesn't consume the retry quota" (services-dynamodb-errors.html). Otherwise the batch is
        retried and the shard waits: "the event source mapping pauses processing for the affected
        shard until the error is resolved" (invocation-eventsourcemapping.html), until
        MaximumRetryAttempts retries (N retries = N + 1 invocations, recorded in
        `aws-recorded/responses/function-error-unhandled`).
        """
        mapping = self.mapping
        can_split = (
            mapping.BisectBatchOnFunctionError
            and len(batch.records) > 1
            and (raised or self.assume.bisect_on_bad_response)  # U-8
            and (mapping.MaximumRetryAttempts != 0 or self.assume.bisect_without_retries)  # U-7
        )
        if can_split:
            half = len(batch.records) // 2  # U-6
            if self.assume.bisect_split == "ceil":
                half = len(batch.records) - half
            inherited = batch.attempts if self.assume.bisect_retry_count == "inherit" else 0
            first = _Batch(
                batch.records[:half], f"first half of #{invocation.number}", batch.family, inherited
            )
            second = _Batch(
                batch.records[half:],
                f"second half of #{invocation.number}",
                batch.family,
                inherited,
            )
            invocation.split = [
                [r.sequence for r in first.records],
                [r.sequence for r in second.records],
            ]
            lane.queue.popleft()
            lane.queue.extendleft([second, first])
            return
        batch.attempts += 1
        if batch.failing_since is None:
            batch.failing_since = end
        if self._exhausted(batch):
            self._give_up(lane, batch, end)
            return
        lane.ready_at = end + self._backoff(batch.attempts)
        if self.assume.bisect_order == "both-queued" and len(lane.queue) > 1:  # U-6
            lane.queue.rotate(-1)

    def _exhausted(self, batch: _Batch) -> bool:
        """Retries are used up: "Discard records after the specified number of retries"; -1 is
        infinite (API_CreateEventSourceMapping.html, MaximumRetryAttempts)."""
        limit = self.mapping.MaximumRetryAttempts
        return limit != -1 and batch.attempts > limit

    def _backoff(self, attempts: int) -> float:
        """U-12: the delay before retry `attempts` (AWS publishes no schedule)."""
        base = self.assume.backoff_seconds
        if self.assume.backoff == "constant":
            return base
        return float(min(self.assume.backoff_cap_seconds, base * 2 ** (attempts - 1)))

    def _give_up(self, lane: _Lane, batch: _Batch, at: float) -> None:
        """Retries are exhausted: "Lambda discards the records and continues processing batches
        from the stream" (services-dynamodb-errors.html)."""
        condition: Condition = "RetryAttemptsExhausted"
        max_age = self.mapping.MaximumRecordAgeInSeconds
        if max_age != -1 and any(at - r.arrival > max_age for r in batch.records):
            condition = self.assume.age_and_retries_tie  # U-10
        lane.queue.popleft()
        if self.assume.window_state_on_discard == "reset" and lane.window is not None:
            lane.window.state = {}  # U-18
        if batch.final_window:
            self._close_window(lane)
            return
        self._discard(lane, batch, batch.records, condition, at, batch.invokes)
        lane.ready_at = at

    def _discard(
        self,
        lane: _Lane,
        batch: _Batch,
        records: list[ShardRecord],
        condition: Condition,
        at: float,
        invoke_count: int,
    ) -> None:
        if self.assume.bisect_destination == "consolidated" and batch.family:
            pieces = self.consolidating.setdefault(batch.family, [])
            pieces.append((batch, records, invoke_count, condition))
            self._settle(records, "discarding")
            if not any(b.family == batch.family for b in lane.queue if b is not batch):
                self._flush_family(lane, batch.family, at)
            return
        self._emit(batch, records, condition, at, invoke_count)

    def _flush_family(self, lane: _Lane, family: int, at: float) -> None:
        """U-7 consolidated: one on-failure record for every discarded piece of a batch."""
        pieces = self.consolidating.pop(family, None)
        if not pieces or any(b.family == family for b in lane.queue):
            if pieces:
                self.consolidating[family] = pieces
            return
        records = sorted((r for _, rs, _, _ in pieces for r in rs), key=lambda r: r.position)
        last, _, _, condition = pieces[-1]
        self._emit(last, records, condition, at, max(c for _, _, c, _ in pieces))

    def _emit(
        self,
        batch: _Batch,
        records: list[ShardRecord],
        condition: Condition,
        at: float,
        invoke_count: int,
    ) -> None:
        destination = self.mapping.OnFailure
        record = None
        if destination is not None:
            # U-15: the last invocation's request id; U-16: S3 payload is that batch's event.
            request_id = batch.last_request_id
            if request_id is None or self.assume.request_id == "new":
                request_id = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
            record = failure_record(
                records,
                kind=destination.kind,
                condition=condition,
                invoke_count=invoke_count,
                function_error=batch.last_function_error,
                request_id=request_id,
                function_arn=self.mapping.FunctionArn,
                shard_id=self.mapping.ShardId,
                discarded_at=at,
                event=batch.last_event or {"Records": [r.record for r in records]},
                s3_payload=self.assume.s3_payload,
            )
        self._settle(records, "sent" if destination else "lost")
        self.trace.discards.append(
            Discard(
                at,
                [r.sequence for r in records],
                condition,
                invoke_count,
                destination.kind if destination else None,
                record,
                len(self.trace.invocations),
            )
        )

    # --- tumbling windows --------------------------------------------------------------

    def _window_of(self, record: ShardRecord) -> tuple[float, float]:
        """The window holding `record`: "Lambda determines tumbling window boundaries based on the
        time when records were inserted into the stream" (services-ddb-windows.html);
        alignment: U-18."""
        length = self.mapping.TumblingWindowInSeconds
        anchor = 0.0 if self.assume.window_alignment == "epoch" else self.shard[0].arrival
        start = anchor + ((record.arrival - anchor) // length) * length
        return start, start + length

    def _window_must_close(self, lane: _Lane) -> bool:
        """The window needs its final invoke: terminated early, or ended with no records of
        its own left to read."""
        window = lane.window
        assert window is not None
        if window.terminated_early:
            return True
        return not (lane.pending and lane.pending[0].arrival < window.end)

    def _event(self, lane: _Lane, batch: _Batch) -> tuple[dict[str, Any], str]:
        """The event of an invocation and its JSON text (built from each record's text once)."""
        records = [r.record for r in batch.records]
        if not self.mapping.TumblingWindowInSeconds:
            text = '{"Records":[' + ",".join(r.text for r in batch.records) + "]}"
            return {"Records": records}, text
        if lane.window is None or (
            not batch.final_window and batch.records[0].arrival >= lane.window.end
        ):
            start, end = self._window_of(batch.records[0])
            lane.window = _Window(start, end)
        window = lane.window
        final = batch.final_window
        if (
            not final
            and self.assume.final_invoke_records == "last-batch"
            and not (lane.pending and lane.pending[0].arrival < window.end)
            and lane.ready_at >= window.end
        ):
            final = batch.final_window = True
        # The event of services-ddb-windows.html: window, state, shardId, eventSourceARN,
        # isFinalInvokeForWindow, isWindowTerminatedEarly.
        arn = batch.records[0].record.get("eventSourceARN") if batch.records else None
        if arn is None and self.shard:
            arn = self.shard[0].record.get("eventSourceARN")
        event = {
            "Records": records,
            "window": {
                "start": iso(window.start, millis=False),
                "end": iso(window.end, millis=False),
            },
            "state": window.state,
            "shardId": self.mapping.ShardId,
            "eventSourceARN": arn,
            "isFinalInvokeForWindow": final,
            "isWindowTerminatedEarly": final and window.terminated_early,
        }
        return event, json.dumps(event, ensure_ascii=False)

    def _keep_state(self, lane: _Lane, batch: _Batch, response: Any) -> None:
        """A window's state comes back in its next invoke; "the state is dropped" after the final
        one; state over 1 MB terminates the window early (services-ddb-windows.html)."""
        if not self.mapping.TumblingWindowInSeconds or lane.window is None:
            return
        if batch.final_window:
            self._close_window(lane)
            return
        state = response.get("state") if isinstance(response, Mapping) else None
        lane.window.state = state
        size = len(json.dumps(state, separators=(",", ":")).encode("utf-8"))
        if size > WINDOW_STATE_LIMIT_BYTES:
            lane.window.terminated_early = True  # U-18: the next invoke is the final one

    def _close_window(self, lane: _Lane) -> None:
        window = lane.window
        lane.window = None
        if window is not None and window.terminated_early and lane.pending:
            nxt = lane.pending[0]
            if nxt.arrival < window.end:
                # The rest of the interval starts a fresh window with empty state.
                lane.window = _Window(window.start, window.end)

    # --- bookkeeping -------------------------------------------------------------------

    def _settle(self, records: Iterable[ShardRecord], how: str) -> None:
        for record in records:
            self.status[record.sequence] = how

    def _checkpoint(self) -> str | None:
        """The last record of the longest settled prefix of the shard: with several lanes the
        shard can only move past what every lane has finished (U-9)."""
        while self.settled < len(self.shard):
            how = self.status.get(self.shard[self.settled].sequence, "discarding")
            if how == "discarding":
                break
            self.settled += 1
        return self.shard[self.settled - 1].sequence if self.settled else None


class _Keys(Mapping[str, str]):
    """Sequence number -> item key, worked out only for the records a metric asks about."""

    def __init__(self, shard: list[ShardRecord]) -> None:
        self._by_sequence = {r.sequence: r for r in shard}

    def __getitem__(self, sequence: str) -> str:
        return self._by_sequence[sequence].key

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_sequence)

    def __len__(self) -> int:
        return len(self._by_sequence)


def _window_view(event: Mapping[str, Any]) -> Mapping[str, Any] | None:
    if "window" not in event:
        return None
    return {
        "start": event["window"]["start"],
        "end": event["window"]["end"],
        "state": event["state"],
        "isFinalInvokeForWindow": event["isFinalInvokeForWindow"],
        "isWindowTerminatedEarly": event["isWindowTerminatedEarly"],
    }


def _as_json(response: Any) -> Any:
    """What the Lambda runtime would send back: the response serialized as JSON.

    A value the runtime cannot serialize fails the invocation, as a raised error does.
    """
    return json.loads(json.dumps(response))


def simulate(
    handler: Handler,
    records: Any,
    mapping: EventSourceMapping | Mapping[str, Any] | None = None,
    *,
    clock: VirtualClock | None = None,
    assumptions: Assumptions | None = None,
    seed: int = 0,
) -> Trace:
    """Run `handler` as a DynamoDB stream event source mapping would, in virtual time.

    `records` are the stream records of one shard in order (or events, a Pipes array, a
    factory's output); `mapping` holds the settings with AWS's names (a dict or an
    `EventSourceMapping`); `clock` sets the start and how long each invocation takes;
    `assumptions` picks the readings of what AWS does not document. The same input always
    gives the same trace.
    """
    settings = (
        mapping
        if isinstance(mapping, EventSourceMapping)
        else EventSourceMapping.from_dict(mapping or {})
    )
    shard = read_shard(records)
    run = _Simulation(
        handler, shard, settings, assumptions or Assumptions(), clock or VirtualClock(), seed
    )
    # The shard and everything made so far live through the whole run and hold no cycles:
    # frozen, the cyclic GC stops walking them on every collection the handler triggers.
    gc.freeze()
    try:
        return run.run()
    finally:
        gc.unfreeze()
