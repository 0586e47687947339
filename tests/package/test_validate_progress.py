"""`validate` says on stderr when it starts on a large batch, and nothing else changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ddbstreams import cli, insert, stream_event


def test_progress_line_for_a_large_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event = stream_event([insert({"Id": i}) for i in range(5001)])
    path = tmp_path / "big.json"
    path.write_text(json.dumps(event))
    assert cli.main(["validate", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert f"{path}: checking 5001 records" in err and "0 error(s)" in err


def test_no_progress_line_for_a_small_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "small.json"
    path.write_text(json.dumps(stream_event([insert({"Id": 1})])))
    assert cli.main(["validate", str(path)]) == 0
    assert "checking" not in capsys.readouterr().err
