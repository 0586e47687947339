"""The options every event builder accepts, as one typed dictionary.

Apart from `factory` because a TypedDict needs `typing` at run time, which
building an event does not: `factory` names it only for type checkers.
"""

from __future__ import annotations

from typing import TypedDict

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .names import ViewType


class StreamOptions(TypedDict, total=False):
    """Where the records come from and how the deterministic values are made.

    table: table name; partition_key and sort_key (None): the key attributes
    every item must carry; view_type; region; account_id; partition;
    stream_label; start: the ApproximateCreationDateTime of the first record in
    epoch seconds (a float gives fractional timestamps); step: seconds between
    records; seed: IDs and sequence numbers. Each default is in
    `ddbstreams.defaults`.
    """

    table: str
    partition_key: str
    sort_key: str | None
    view_type: ViewType
    region: str
    account_id: str
    partition: str
    stream_label: str
    start: float
    step: float
    seed: int
