"""Canonical DynamoDB Streams events for AWS Lambda: fixtures, schemas, validation, factories.

from ddbstreams import insert, stream_event, validate_event

event = stream_event([insert({"Id": 1, "name": "Ana"})])
assert validate_event(event) == []
"""

from __future__ import annotations

from ._lazy import lazy_getattr

__version__ = "0.1.0"

# The public API: each name and the module it lives in. Modules load on first
# use, so `import ddbstreams` (and every CLI command) starts without loading
# the schema engines or the scenarios it does not need.
_HOMES: dict[str, str] = {
    "MarshalError": "attributes",
    "Problem": "validation.problems",
    "ResponseVerdict": "response",
    "SHAPES": "factory",
    "StreamOptions": "options",
    "VIEW_TYPES": "records",
    "Write": "records",
    "batch_response": "envelopes",
    "check_response": "response",
    "failure_destination": "factory",
    "fixture_names": "fixtures",
    "insert": "factory",
    "kinesis_event": "factory",
    "load_fixture": "fixtures",
    "modify": "factory",
    "pipes_batch": "factory",
    "remove": "factory",
    "sequence_numbers": "factory",
    "stream_event": "factory",
    "stream_records": "factory",
    "ttl_expiry": "factory",
    "tumbling_window_event": "factory",
    "validate_event": "factory",
}

__all__ = ["__version__", *_HOMES]

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .attributes import MarshalError as MarshalError
    from .envelopes import batch_response as batch_response
    from .factory import SHAPES as SHAPES
    from .factory import failure_destination as failure_destination
    from .factory import insert as insert
    from .factory import kinesis_event as kinesis_event
    from .factory import modify as modify
    from .factory import pipes_batch as pipes_batch
    from .factory import remove as remove
    from .factory import sequence_numbers as sequence_numbers
    from .factory import stream_event as stream_event
    from .factory import stream_records as stream_records
    from .factory import ttl_expiry as ttl_expiry
    from .factory import tumbling_window_event as tumbling_window_event
    from .factory import validate_event as validate_event
    from .fixtures import fixture_names as fixture_names
    from .fixtures import load_fixture as load_fixture
    from .options import StreamOptions as StreamOptions
    from .records import VIEW_TYPES as VIEW_TYPES
    from .records import Write as Write
    from .response import ResponseVerdict as ResponseVerdict
    from .response import check_response as check_response
    from .validation.problems import Problem as Problem


__getattr__ = lazy_getattr(__name__, _HOMES, globals())


def __dir__() -> list[str]:
    return sorted(__all__)
