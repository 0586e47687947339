"""Stream events: every event name × view type, and the variants readers meet."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from .. import defaults
from ..catalog import Fixture
from ..records import (
    EVENT_NAMES,
    IMAGES,
    VIEW_TYPES,
    Clock,
    Insert,
    Modify,
    Remove,
    Table,
    TtlExpiry,
    Write,
    build_records,
    stream_event,
)
from ..values import replace
from .sam import SAMPLE_STREAM_LABEL

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..names import EventName, ViewType

ORDERS = Table(name="Orders", partition_key="orderId", stream_label="2024-03-01T09:30:00.000")
START = defaults.START

PLACED = [
    {"orderId": "ORD-1001", "customer": "Ana Souza", "status": "PLACED", "total": Decimal("59.90")},
    {"orderId": "ORD-1002", "customer": "Kenji Watanabe", "status": "PLACED", "total": 120},
]
SHIPPED = [{**order, "status": "SHIPPED", "carrier": "DHL"} for order in PLACED]

# The writes each event name stands for in the event-name × view-type matrix.
MATRIX_WRITES: dict[EventName, Sequence[Write]] = {
    "INSERT": [Insert(order) for order in PLACED],
    "MODIFY": [Modify(old, new) for old, new in zip(PLACED, SHIPPED, strict=True)],
    "REMOVE": [Remove(order) for order in SHIPPED],
}


def _slug(text: str) -> str:
    return text.lower().replace("_", "-")


def _event(table: Table, writes: Sequence[Write], clock: Clock) -> Callable[[], dict[str, Any]]:
    return lambda: stream_event(build_records(table, writes, clock))


def _matrix() -> list[Fixture]:
    fixtures = []
    for seed, (event_name, view_type) in enumerate((e, v) for e in EVENT_NAMES for v in VIEW_TYPES):
        table = replace(ORDERS, view_type=view_type)
        images = _describe_images(event_name, view_type)
        fixtures.append(
            Fixture(
                path=f"events/dynamodb/stream/{_slug(event_name)}-{_slug(view_type)}.json",
                shape="stream",
                title=f"{event_name} on a {view_type} stream",
                description=f"Two {event_name} records from an Orders table; {images}.",
                build=_event(table, MATRIX_WRITES[event_name], Clock(start=START, seed=100 + seed)),
            )
        )
    return fixtures


def _describe_images(event_name: EventName, view_type: ViewType) -> str:
    new, old = IMAGES[(view_type, event_name)]
    parts = ["Keys"] + (["NewImage"] if new else []) + (["OldImage"] if old else [])
    return "each carries " + ", ".join(parts)


SESSIONS = Table(name="Sessions", partition_key="sessionId", stream_label="2023-11-20T08:00:00.000")
SESSION = {
    "sessionId": "sess-7f3a",
    "userId": "user-42",
    "expiresAt": 1717243100,  # TTL attribute: epoch seconds, already in the past
}

THREADS = Table(
    name="ForumThreads",
    partition_key="forum",
    sort_key="postedAt",
    stream_label="2024-01-15T17:45:12.345",
)
POST = {"forum": "DynamoDB", "postedAt": "2024-06-01T12:00:00Z", "subject": "Streams?", "views": 0}

CART = Table(name="Carts", partition_key="cartId", stream_label="2024-05-05T05:05:05.005")
CART_V1 = {"cartId": "cart-9", "items": ["sku-1"], "total": Decimal("9.99")}
CART_V2 = {**CART_V1, "items": ["sku-1", "sku-2"], "total": Decimal("24.98")}
CART_V3 = {**CART_V2, "items": ["sku-2"], "total": Decimal("14.99"), "coupon": "SPRING"}

SAMPLES = Table(name="AttributeTypes", partition_key="pk", stream_label="2024-02-29T23:59:59.999")
EVERY_TYPE = {
    "pk": "every-type",
    "string": "plain text",
    "emptyString": "",
    "unicode": "Grüße aus Köln — 東京 🌏",
    "integer": 42,
    "negative": -17,
    "decimal": Decimal("3.14159"),
    "zero": 0,
    "maxPrecision": Decimal("1234567890123456789012345678901234567.8"),
    "beyondFloat": 2**63 + 1,
    "tiny": Decimal("1E-130"),
    "huge": Decimal("9.9999999999999999999999999999999999999E+125"),
    "negativeTiny": Decimal("-1E-130"),
    "boolTrue": True,
    "boolFalse": False,
    "nothing": None,
    "binary": bytes([0, 1, 2, 253, 254, 255]),
    "emptyBinary": b"",
    "stringSet": frozenset({"red", "green", ""}),
    "numberSet": frozenset({1, Decimal("2.5"), -3, Decimal("1E+100")}),
    "binarySet": frozenset({b"\x01", b"\x02\x03", b"hello"}),
    "list": [1, "two", None, True, [False, {"deep": "value"}], b"\x00"],
    "emptyList": [],
    "emptyMap": {},
    "map": {"level1": {"level2": {"level3": {"level4": {"level5": ["bottom", 5, {"n": None}]}}}}},
}
EVERY_TYPE_CHANGED = {**EVERY_TYPE, "integer": 43, "list": [1, "two"], "nothing": "something"}

LEGACY = Table(stream_label=SAMPLE_STREAM_LABEL)

FAILING = Table(name="Payments", partition_key="paymentId", stream_label="2024-04-04T04:04:04.404")
PAYMENTS: list[dict[str, Any]] = [
    {"paymentId": "pay-1", "amount": 10},
    {"paymentId": "pay-2", "amount": 20, "fail": True},
    {"paymentId": "pay-3", "amount": 30},
    {"paymentId": "pay-4", "amount": 40, "fail": True},
    {"paymentId": "pay-5", "amount": 50},
]


def partial_failure_writes() -> list[Write]:
    """Five inserts; the second and fourth carry the `fail` marker the examples obey."""
    return [Insert(p) for p in PAYMENTS]


FIXTURES: tuple[Fixture, ...] = (
    *_matrix(),
    Fixture(
        path="events/dynamodb/stream/ttl-expiry-delete.json",
        shape="stream",
        title="TTL expiry delete",
        description=(
            "A REMOVE made by Time To Live, marked with the service userIdentity, "
            "beside a REMOVE made by a client."
        ),
        build=_event(
            SESSIONS,
            [TtlExpiry(SESSION), Remove({**SESSION, "sessionId": "sess-81b0"})],
            Clock(start=START, seed=201),
        ),
    ),
    Fixture(
        path="events/dynamodb/stream/sort-key-table.json",
        shape="stream",
        title="Table with a sort key",
        description="INSERT and MODIFY on a table keyed by partition and sort key; Keys hold both.",
        build=_event(
            THREADS,
            [Insert(POST), Modify(POST, {**POST, "views": 1})],
            Clock(start=START, seed=202),
        ),
    ),
    Fixture(
        path="events/dynamodb/stream/item-history.json",
        shape="stream",
        title="One item's history in order",
        description=(
            "INSERT, two MODIFYs and a REMOVE of one item in one batch, "
            "in the order they happened, with increasing sequence numbers."
        ),
        build=_event(
            CART,
            [Insert(CART_V1), Modify(CART_V1, CART_V2), Modify(CART_V2, CART_V3), Remove(CART_V3)],
            Clock(start=START, step=7, seed=203),
        ),
    ),
    Fixture(
        path="events/dynamodb/stream/attribute-types.json",
        shape="stream",
        title="Every attribute type",
        description=(
            "S, N, B, BOOL, NULL, L, M (five levels deep), SS, NS, BS, empty strings and "
            "binaries, 38-digit, tiny and huge numbers, integers beyond 2^53, non-ASCII text."
        ),
        build=_event(
            SAMPLES,
            [Insert(EVERY_TYPE), Modify(EVERY_TYPE, EVERY_TYPE_CHANGED)],
            Clock(start=START, seed=204),
        ),
    ),
    Fixture(
        path="events/dynamodb/stream/legacy-documentation-form.json",
        shape="stream",
        title="Legacy documentation form",
        description=(
            "AWS's current documentation sample (Lambda, Pipes and tumbling-window pages): "
            'eventVersion "1.0", eventIDs "1", "2", "3", no ApproximateCreationDateTime; with '
            'sequence numbers of real length where the sample has "111", "222", "333". '
            "No real capture has this form."
        ),
        build=_event(
            LEGACY,
            [
                Insert({"Id": 101, "Message": "New item!"}),
                Modify(
                    {"Id": 101, "Message": "New item!"},
                    {"Id": 101, "Message": "This item has changed"},
                ),
                Remove({"Id": 101, "Message": "This item has changed"}),
            ],
            Clock(seed=205, event_version="1.0", legacy_ids=True, timestamps=False),
        ),
    ),
    Fixture(
        path="events/dynamodb/stream/fractional-timestamp.json",
        shape="stream",
        title="Fractional-second timestamps",
        description=(
            "ApproximateCreationDateTime with a millisecond fraction (1635734407.123), the form "
            "a real event carried in 2019; the API reference says whole seconds."
        ),
        build=_event(
            ORDERS,
            [Insert(PLACED[0]), Modify(PLACED[0], SHIPPED[0])],
            Clock(start=1635734407.123, step=0.25, seed=206),
        ),
    ),
    Fixture(
        path="events/dynamodb/stream/partial-failure.json",
        shape="stream",
        title="Batch with records the examples fail",
        description=(
            'Five INSERTs; the second and fourth carry `"fail": {"BOOL": true}`, so the example '
            "handlers report exactly those two sequence numbers."
        ),
        build=_event(FAILING, partial_failure_writes(), Clock(start=START, seed=207)),
    ),
)
