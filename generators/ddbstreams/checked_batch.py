"""A batch written as it is built, and checked as it goes: `generate stream` at any size.

Building a 10,000-record batch, checking it whole, then writing it held every
record at once (memory growing with the batch). Here each record is built,
written and dropped; the self-check that the validator accepts the output
runs on chunks of records, each judged together with the batch's first record
and the record just before the chunk. That keeps every rule that spans
records whole: sequence numbers increase between each pair of neighbours (every
neighbour pair shares a chunk), and every record is judged in one batch with the
first (one stream). The payload size is summed record by record. The writer
sees an error as soon as a chunk fails, and the caller discards what was written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from . import jsonstream
from .cli.errors import InputError
from .limits import MAX_EVENT_BYTES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Envelopes that are the record array itself (under `Records`, or bare), by shape.
STREAMED: dict[str, str | None] = {"stream": "Records", "pipes": None}

CHUNK = 500
"""Records checked together: large enough that the two linking records cost little,
small enough that a chunk's records are a small share of a 10,000-record batch."""


class Streamed:
    """Records of one batch, to be written once, as they are built."""

    def __init__(self, records: Iterable[dict[str, Any]], shape: str, count: int) -> None:
        self.records = records
        self.shape = shape
        self.count = count

    def write(self, write: Callable[[str], object], pretty: bool) -> None:
        """The batch's text, as `jsonstream.write_batch` writes a whole one; InputError when
        the batch breaks the payload limit or (a builder bug) the validator rejects it."""
        c = self.count >= jsonstream.C_ENCODER_FROM
        jsonstream.write_batch(
            write, self._checked(c), key=STREAMED[self.shape], pretty=pretty, c=c
        )

    def _checked(self, c: bool) -> Iterator[dict[str, Any]]:
        key = STREAMED[self.shape]
        size = len('{"Records":[]}') if key else len("[]")
        first: dict[str, Any] | None = None
        before: dict[str, Any] | None = None  # the record just before the chunk
        chunk: list[dict[str, Any]] = []
        for index, record in enumerate(self.records):
            encoded = jsonstream.compact_utf8(record, c=c)
            size += len(encoded) + (1 if index else 0)
            if size > MAX_EVENT_BYTES:
                raise InputError(
                    f"the event would be over {MAX_EVENT_BYTES} bytes as compact JSON from "
                    f"record {index} on; Lambda sends at most {MAX_EVENT_BYTES}: give fewer "
                    "or smaller writes"
                )
            chunk.append(record)
            yield record
            if len(chunk) == CHUNK:
                self._check(chunk, first, before, index + 1 - len(chunk))
                first, before, chunk = first or chunk[0], chunk[-1], []
        if chunk:
            self._check(chunk, first, before, index + 1 - len(chunk))

    def _check(
        self,
        chunk: list[dict[str, Any]],
        first: dict[str, Any] | None,
        before: dict[str, Any] | None,
        offset: int,
    ) -> None:
        from .factory import validate_event

        links = [first] if first is not None else []
        if before is not None and before is not first:
            links.append(before)
        records = links + chunk
        doc = {STREAMED[self.shape]: records} if STREAMED[self.shape] else records
        errors = [p for p in validate_event(doc, self.shape) if p.severity == "error"]
        if errors:
            problem = errors[0]
            where = _renumber(problem.pointer, offset - len(links))
            raise InputError(
                f"the generated event breaks {problem.rule} at {where or '/'}: "
                f"{problem.message} (a bug in ddbstreams: please report it with the command line)"
            )


def _renumber(pointer: str, shift: int) -> str:
    """A pointer into a checked chunk, as a pointer into the whole batch."""
    index = r"^(/Records)?/(\d+)"  # compiled only when a check fails
    return re.sub(
        index, lambda m: f"{m.group(1) or ''}/{int(m.group(2)) + shift}", pointer, count=1
    )
