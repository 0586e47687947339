"""The event `sam local generate-event dynamodb update` prints, with the same options.

Three writes to one item (INSERT, MODIFY, REMOVE) on a NEW_AND_OLD_IMAGES
stream, key `Id` (N) and a `Message` (S); SizeBytes 26, 59 and 38.
"""

from __future__ import annotations

from typing import Any

from .. import defaults
from ..catalog import Fixture
from ..records import Clock, Insert, Modify, Remove, Table, Write, build_records, stream_event

# The sample's stream label and first timestamp (2015-04-09), as AWS's documentation has them.
SAMPLE_STREAM_LABEL = "2015-06-27T00:48:05.899"
SAMPLE_START = 1428537600


def sam_update(
    region: str = defaults.REGION,
    partition: str = defaults.PARTITION,
    account_id: str = defaults.ACCOUNT_ID,
    table: str = defaults.TABLE_NAME,
    seed: int = 2015,
) -> dict[str, Any]:
    """The SAM CLI's `dynamodb update` sample for the given options."""
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
    return stream_event(build_records(where, writes, Clock(start=SAMPLE_START, seed=seed)))


FIXTURES = (
    Fixture(
        path="events/dynamodb/dynamodb.json",
        shape="stream",
        title="SAM CLI `dynamodb update` equivalent",
        description=(
            "INSERT, MODIFY and REMOVE of one item on a NEW_AND_OLD_IMAGES stream, with the "
            "shape and SizeBytes (26, 59, 38) of what `sam local generate-event dynamodb update` "
            "prints; the IDs, sequence numbers and timestamps are generated, not SAM's."
        ),
        build=sam_update,
    ),
)
