"""The values every builder uses when the caller does not say: stated once, read everywhere.

They are the placeholders AWS's own samples use (the `sam local generate-event`
sample, the Lambda developer guide), so an event built with no options looks
like the events people already know.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

TABLE_NAME: Final = "ExampleTableWithStream"
PARTITION_KEY: Final = "Id"
REGION: Final = "us-east-1"
ACCOUNT_ID: Final = "123456789012"
PARTITION: Final = "aws"
VIEW_TYPE: Final = "NEW_AND_OLD_IMAGES"

# The stream label (the table's stream creation time) and the first record's
# ApproximateCreationDateTime: 2024-06-01, a date in the era of current streams.
STREAM_LABEL: Final = "2024-06-01T00:00:00.000"
START: Final = 1717243200  # 2024-06-01T12:00:00Z, epoch seconds
STEP: Final = 1  # seconds between records
SEED: Final = 0  # IDs and sequence numbers
