"""pytest fixtures for testing DynamoDB Streams handlers (installed with the package).

    def test_handler(ddb_event_factory, ddb_fixture):
        event = ddb_event_factory.stream_event([ddb_event_factory.insert({"Id": 1})])
        sam = ddb_fixture("dynamodb/dynamodb")

`ddb_event_factory` is the `ddbstreams` package's public API (`insert`, `modify`,
`remove`, `ttl_expiry`, `stream_event`, `pipes_batch`, `tumbling_window_event`,
`kinesis_event`, `failure_destination`, `batch_response`, `validate_event`,
`check_response`, …); `ddb_fixture(name)` loads a published fixture, a fresh
copy each call, so a test may change it freely.

The plugin registers itself through the `pytest11` entry point; disable it with
`-p no:ddbstreams`.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pytest

import ddbstreams

from .fixtures import load_fixture

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


@pytest.fixture
def ddb_event_factory() -> ModuleType:
    """The public API: `ddb_event_factory.stream_event([ddb_event_factory.insert(item)])`."""
    return ddbstreams


@pytest.fixture
def ddb_fixture() -> Callable[[str], Any]:
    """Load a published fixture by name: `ddb_fixture("dynamodb/stream/insert-new-image")`."""
    return load_fixture


@pytest.fixture
def ddb_simulate() -> Any:
    """Run a handler as the DynamoDB stream event source mapping would: see
    `ddbstreams.simulate.testing` (`ddb_simulate(handler, records, mapping) -> Trace`)."""
    from .simulate.testing import Simulator

    return Simulator()


@pytest.fixture
def ddb_filter() -> Any:
    """Filter helpers: `ddb_filter.assert_delivered(event, criteria, [True, False])`."""
    from .filters.testing import DdbFilter

    return DdbFilter()
