"""The names the command line offers as choices, stated once: view types and document shapes.

Kept apart from the modules that use them (`records`, `catalog`), whose imports
(dataclasses, the view-type table, the marshaller) `ddbstreams --help` should not pay for.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal, TypeAlias

    EventName: TypeAlias = Literal["INSERT", "MODIFY", "REMOVE"]
    ViewType: TypeAlias = Literal["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"]

EVENT_NAMES: tuple[EventName, ...] = ("INSERT", "MODIFY", "REMOVE")
VIEW_TYPES: tuple[ViewType, ...] = ("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES")

# Document shapes; the schema each shape conforms to.
SHAPE_SCHEMAS: dict[str, str] = {
    "stream": "schemas/stream-event.schema.json",
    "pipes": "schemas/pipes-batch.schema.json",
    "tumbling-window": "schemas/tumbling-window-event.schema.json",
    "batch-response": "schemas/batch-response.schema.json",
    "tumbling-window-response": "schemas/tumbling-window-response.schema.json",
    "failure-destination": "schemas/failure-destination.schema.json",
    "failure-destination-s3": "schemas/failure-destination-s3.schema.json",
    "kinesis": "schemas/kinesis-event.schema.json",
    "kinesis-change-record": "schemas/kinesis-change-record.schema.json",
}
