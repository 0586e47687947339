"""What AWS does not document, named, each with a default and its alternatives.

Every field is one behaviour the Lambda documentation leaves open. The
default is the reading the recordings support where one exists (U-5 is
settled by them), otherwise the reading closest to the documented wording.
Pass `Assumptions(...)` to `simulate` to try another reading; a trace records
the assumptions it ran with, and the docs page lists them all.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

# Imported at run time: `typing.get_type_hints` reads the fields' Literal choices.
from typing import Any, Literal


@dataclass(frozen=True)
class Assumptions:
    """One field per undocumented behaviour; the `U-n` label is the name the docs use."""

    batch_fill: Literal["one-read", "fill"] = "one-read"
    """U-1. With no batching window, a batch is what one read returns ("Lambda invokes your
    function as soon as records are available", with-ddb.html), or reads continue until
    BatchSize is full ("fill")."""

    window_start: Literal["previous-invocation", "first-record"] = "previous-invocation"
    """U-2. When the batching window starts: when the shard's previous invocation completes
    ("the next batching window begins as soon as the previous function invocation completes",
    invocation-eventsourcemapping.html), or when the first record of the batch arrives."""

    payload_size: Literal["records", "event"] = "records"
    """U-3. What counts toward the 6 MB: the sum of the serialized records, or the whole event."""

    partial_retry: Literal["suffix", "reread"] = "suffix"
    """U-4. After a partial failure, the retried batch is the delivered batch from the
    checkpoint on ("retries all records starting from that checkpoint",
    services-ddb-batchfailurereporting.html), or a fresh read from the checkpoint up to BatchSize."""

    partial_counts: Literal["progress-resets", "always", "never"] = "progress-resets"
    """U-5. Whether a partial response uses up a retry. "progress-resets": a response that moves
    the checkpoint starts the rest with a fresh count, one that fails the first record counts as
    a failed attempt. This reproduces the recording (BatchSize 3, MaximumRetryAttempts 3, the last
    record always reported: delivered 5 times, approximateInvokeCount 4). "always" predicts 4
    deliveries and "never" endless retries; AWS did neither."""

    bisect_split: Literal["floor", "ceil"] = "floor"
    """U-6. Size of the first half of an odd batch: floor(N/2) or ceil(N/2) records."""

    bisect_order: Literal["first-half-first", "both-queued"] = "first-half-first"
    """U-6. The second half waits until the first succeeded or was discarded (in order, as a
    shard is processed), or both halves are queued and tried alternately."""

    bisect_retry_count: Literal["inherit", "fresh"] = "inherit"
    """U-7. "Splitting batches doesn't consume the retry quota" (services-dynamodb-errors.html);
    each half inherits the attempts its parent had used, or starts afresh."""

    bisect_without_retries: bool = True
    """U-7. With MaximumRetryAttempts 0 a failing batch is still bisected down to single records
    (True), or discarded at once (False)."""

    bisect_destination: Literal["per-batch", "consolidated"] = "per-batch"
    """U-7. One on-failure record per discarded piece, or one record covering all the pieces
    of the original batch ("LAM consolidates failed messages metadata", CloudFormation docs)."""

    bisect_on_bad_response: bool = True
    """U-8. A response that fails the whole batch (an unknown identifier, say) is bisected like
    an error (True: "If your invocation fails ... the batch is bisected regardless of your
    ReportBatchItemFailures setting"), or only raised errors bisect (False)."""

    bisect_partial: Literal["checkpoint", "halve-rest"] = "checkpoint"
    """U-8. With bisect and ReportBatchItemFailures, a partial response "is bisected at the
    returned sequence number and Lambda retries only the remaining records"
    (services-ddb-batchfailurereporting.html): the rest is retried as one batch ("checkpoint"),
    or additionally halved ("halve-rest")."""

    lane_key: Literal["keys"] = "keys"
    """U-9. With ParallelizationFactor > 1, records go to lanes by a hash of their Keys (partition
    and sort key, "in-order processing at the item (partition and sort key) level", with-ddb.html);
    the hash is CRC-32 of the Keys, attribute by attribute; AWS publishes none."""

    lane_blocking: Literal["lane", "shard"] = "lane"
    """U-9. A failing batch blocks only its lane, or every lane of the shard."""

    age_and_retries_tie: Literal["RetryAttemptsExhausted", "RecordAgeExceeded"] = (
        "RetryAttemptsExhausted"
    )
    """U-10. The condition reported when retries run out after the records passed the maximum age."""

    expired_invoke_count: Literal[1, 0] = 1
    """U-11. approximateInvokeCount of records past the maximum age before they were ever
    delivered: 1 as recorded (Kinesis source), or 0."""

    backoff: Literal["constant", "exponential"] = "constant"
    """U-12. Delay between retries of a failing batch: constant `backoff_seconds`, or doubling from
    `backoff_seconds` up to `backoff_cap_seconds`."""

    backoff_seconds: float = 8.0
    """U-12. Fitted to the only recording: an always-failing function with a 60 s maximum age was
    invoked 8 times before RecordAgeExceeded."""

    backoff_cap_seconds: float = 60.0
    """U-12. The longest delay of the exponential schedule."""

    trimmed: Literal["lost", "RecordAgeExceeded"] = "lost"
    """U-13. Records the 24-hour retention trims while retried with MaximumRecordAgeInSeconds -1 are
    lost without an on-failure record, or reported as RecordAgeExceeded."""

    timeout_function_error: str = "Unhandled"
    """U-14. responseContext.functionError after a timeout."""

    request_id: Literal["last-invocation", "new"] = "last-invocation"
    """U-15. The on-failure record's requestId: the last invocation's, or a new one."""

    s3_payload: Literal["string", "object"] = "string"
    """U-16. The S3 record's payload: the event as an escaped JSON string ("as an escaped JSON
    string", services-dynamodb-errors.html), or as an object."""

    window_alignment: Literal["epoch", "first-record"] = "epoch"
    """U-18. Tumbling windows start at multiples of the window length since the epoch (the
    documented example window is 17:00:00-17:05:00), or at the first record."""

    final_invoke_records: Literal["empty", "last-batch"] = "empty"
    """U-18. The invoke that closes a window is a separate one with `Records: []` once the window
    has ended ("empty"), or, when the window has already ended as its last batch is read, that
    batch itself carries isFinalInvokeForWindow ("last-batch")."""

    window_state_on_discard: Literal["keep", "reset"] = "keep"
    """U-18. A discarded batch leaves the window's state as it was, or resets it to {}."""

    window_partial: Literal["keep-state", "discard-state"] = "keep-state"
    """U-19. A window response with batchItemFailures checkpoints at the lowest failure and keeps the
    returned state, or the state is dropped and the whole batch retried."""

    filtered_count_toward_batch: bool = False
    """U-20. Records dropped by FilterCriteria take no place in BatchSize (False), or BatchSize limits
    the records read before filtering (True)."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]
