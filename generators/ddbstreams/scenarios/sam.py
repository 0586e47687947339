"""The event `sam local generate-event dynamodb update` prints, with the same options.

Three writes to one item (INSERT, MODIFY, REMOVE) on a NEW_AND_OLD_IMAGES
stream, key `Id` (N) and a `Message` (S); SizeBytes 26, 59 and 38. The event
IDs, sequence numbers and timestamps are the SAM CLI sample's fixed values, so
the output is JSON-equal to SAM's for the same `--region --account-id
--partition --table` (the `sam` nox session compares the two).
"""

from __future__ import annotations

from .. import defaults
from ..catalog import Fixture
from ..records import Clock, Insert, Modify, Remove, Table, Write, build_records, stream_event

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# The sample's stream label and timestamp (2015-04-09), as AWS's documentation has them.
SAMPLE_STREAM_LABEL = "2015-06-27T00:48:05.899"
SAMPLE_START = 1428537600

# What the SAM CLI sample prints for its three records: every record carries the same
# ApproximateCreationDateTime (SAMPLE_START), and these IDs and sequence numbers.
SAM_EVENT_IDS = (
    "c4ca4238a0b923820dcc509a6f75849b",
    "c81e728d9d4c2f636f067f89cc14862c",
    "eccbc87e4b5ce2fe28308fd9f2a7baf3",
)
SAM_SEQUENCE_NUMBERS = (
    "4421584500000000017450439091",
    "4421584500000000017450439092",
    "4421584500000000017450439093",
)


def sam_update(
    region: str = defaults.REGION,
    partition: str = defaults.PARTITION,
    account_id: str = defaults.ACCOUNT_ID,
    table: str = defaults.TABLE_NAME,
    seed: int | None = None,
) -> dict[str, Any]:
    """The SAM CLI's `dynamodb update` sample for the given options.

    With a `seed`, the IDs, sequence numbers and one-second steps are drawn as
    for any other scenario instead: a variation, no longer SAM's sample.
    """
    where = Table(
        name=table,
        region=region,
        partition=partition,
        account_id=account_id,
        stream_label=SAMPLE_STREAM_LABEL,
    )
    first = {"Id": 101, "Message": "New item!"}
    changed = {"Id": 101, "Message": "This item has changed"}
    writes: list[Write] = [Insert(first), Modify(first, changed), Remove(changed)]
    if seed is not None:
        return stream_event(build_records(where, writes, Clock(start=SAMPLE_START, seed=seed)))
    records = build_records(where, writes, Clock(start=SAMPLE_START, step=0))
    for record, event_id, sequence in zip(
        records, SAM_EVENT_IDS, SAM_SEQUENCE_NUMBERS, strict=True
    ):
        record["eventID"] = event_id
        record["dynamodb"]["SequenceNumber"] = sequence
    return stream_event(records)


FIXTURES = (
    Fixture(
        path="events/dynamodb/dynamodb.json",
        shape="stream",
        title="SAM CLI `dynamodb update` equivalent",
        description=(
            "INSERT, MODIFY and REMOVE of one item on a NEW_AND_OLD_IMAGES stream, "
            "JSON-equal to what `sam local generate-event dynamodb update` prints "
            "(SizeBytes 26, 59, 38)."
        ),
        build=sam_update,
    ),
)
