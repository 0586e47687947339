"""The users' helpers: assert_delivered and the ddb_filter fixture."""

from __future__ import annotations

from typing import Any

import pytest
from ddbstreams.filters.testing import assert_delivered, delivered

SHIPPED = {"dynamodb": {"NewImage": {"status": {"S": ["SHIPPED"]}}}}


def test_assert_delivered_passes(ddb_fixture: Any) -> None:
    event = ddb_fixture("dynamodb/stream/item-history")
    result = assert_delivered(event, {"eventName": ["MODIFY"]}, [False, True, True, False])
    assert [d.index for d in result.dropped] == [0, 3]


def test_assert_delivered_names_the_record_and_reason(ddb_fixture: Any) -> None:
    event = ddb_fixture("dynamodb/stream/modify-new-and-old-images")
    with pytest.raises(AssertionError) as caught:
        assert_delivered(event, {"eventName": ["INSERT"]}, [True, False])
    message = str(caught.value)
    assert "record 0: expected delivered, got dropped" in message
    assert 'eventName: "INSERT" does not match "MODIFY"' in message


def test_fixture(ddb_filter: Any, ddb_fixture: Any) -> None:
    event = ddb_fixture("dynamodb/stream/modify-new-and-old-images")
    assert ddb_filter.delivered(event, {"Filters": [{"Pattern": '{"eventName": ["MODIFY"]}'}]}) == [
        True,
        True,
    ]
    assert ddb_filter.batch(event, {"eventName": ["INSERT"]}).event is None


def test_no_filters_delivers_everything(ddb_fixture: Any) -> None:
    event = ddb_fixture("dynamodb/stream/insert-new-image")
    assert delivered(event, {}) == [True, True]
