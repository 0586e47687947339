"""`generate stream` writes a batch as it builds it: the same bytes, the same verdicts, nothing partial.

The oracles: the whole-batch path (`factory.stream_event`/`pipes_batch` written by
`jsonio.dumps`), the validator run on the whole batch, and Lambda's published
6 MB payload limit.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from ddbstreams import cli, factory, insert
from ddbstreams.checked_batch import CHUNK, Streamed
from ddbstreams.cli.errors import InputError
from ddbstreams.jsonio import dumps
from ddbstreams.jsonstream import Spool
from ddbstreams.limits import MAX_EVENT_BYTES
from ddbstreams.validation import validate_document


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = cli.main(list(argv))
    return status, out.getvalue(), err.getvalue()


def writes(count: int) -> list[Any]:
    return [insert({"Id": f"item-{i}", "n": i}) for i in range(count)]


@pytest.mark.parametrize("envelope", ["stream", "pipes"])
@pytest.mark.parametrize("compact", [False, True], ids=["indented", "compact"])
def test_written_as_built_is_the_whole_batch_written_at_once(envelope: str, compact: bool) -> None:
    count = CHUNK * 2 + 7  # three chunks, the last one short
    inserts = [
        a for i in range(count) for a in ("--insert", json.dumps({"Id": f"item-{i}", "n": i}))
    ]
    status, out, err = run(
        "generate", "stream", "--envelope", envelope, *inserts, *(["--compact"] if compact else [])
    )
    assert status == 0, err
    built = (factory.stream_event if envelope == "stream" else factory.pipes_batch)(writes(count))
    if compact:
        expected = json.dumps(built, ensure_ascii=False, separators=(",", ":")) + "\n"
    else:
        expected = dumps(built)
    assert out == expected


def _first_error(doc: Any, shape: str) -> tuple[str, str]:
    problem = next(p for p in validate_document(doc, shape) if p.severity == "error")
    return problem.rule, problem.pointer


def _broken_batch(count: int, at: int, how: str) -> list[dict[str, Any]]:
    records = factory.stream_event(writes(count))["Records"]
    if how == "sequence":  # lower than its neighbour before it
        records[at]["dynamodb"]["SequenceNumber"] = "1" + "0" * 20
    else:  # another table's stream
        arn = records[at]["eventSourceARN"]
        records[at]["eventSourceARN"] = arn.replace("table/", "table/Other")
        assert records[at]["eventSourceARN"] != arn
    return records


@pytest.mark.parametrize(
    ("at", "how"),
    [
        (CHUNK, "sequence"),
        (CHUNK + 3, "sequence"),
        (2 * CHUNK + 1, "stream"),
        (CHUNK - 1, "stream"),
    ],
)
def test_rules_across_chunks_fire_where_the_whole_batch_says(at: int, how: str) -> None:
    records = _broken_batch(2 * CHUNK + 10, at, how)
    rule, where = _first_error({"Records": records}, "stream")
    with pytest.raises(InputError) as caught:
        Streamed(iter(records), "stream", len(records)).write(lambda text: None, True)
    assert f"breaks {rule} at {where}:" in str(caught.value)


def test_a_batch_over_the_payload_limit_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    big = json.dumps({"Id": "x", "blob": "a" * 350_000})
    items = [json.dumps({"Id": f"k{i}", "blob": "a" * 350_000}) for i in range(19)]
    argv = ["generate", "stream", "--insert", big, *[a for i in items for a in ("--insert", i)]]
    status, out, err = run(*argv)
    assert (status, out) == (1, "")
    assert f"over {MAX_EVENT_BYTES} bytes as compact JSON" in err
    target = tmp_path / "event.json"
    target.write_text("old\n")
    status, out, err = run(*argv, "-o", str(target))
    assert status == 1 and target.read_text() == "old\n", err
    assert [p.name for p in tmp_path.iterdir()] == ["event.json"]


def test_just_under_the_limit_is_written() -> None:
    items = [json.dumps({"Id": f"k{i}", "blob": "a" * 350_000}) for i in range(17)]
    status, out, err = run(
        "generate", "stream", "--compact", *[a for i in items for a in ("--insert", i)]
    )
    assert status == 0, err
    assert len(out.encode("utf-8")) - 1 <= MAX_EVENT_BYTES  # the final newline is not sent


@pytest.mark.parametrize("size", [10, Spool.IN_MEMORY + 10])
def test_spool_gives_back_exactly_what_it_held(size: int) -> None:
    pieces = [f"{i}é\n" for i in range(size // 4)]
    out = io.StringIO()
    with Spool() as spool:
        for piece in pieces:
            spool.write(piece)
        spool.copy_to(out)
    assert out.getvalue() == "".join(pieces)
