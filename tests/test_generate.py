"""The drift check: byte-identical regeneration, and failure listing each drifted file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from casedata import ROOT
from ddbstreams.jsonio import write_atomic
from ddbstreams.write_fixtures import drift, expected_files, main


def _copy_events(tmp_path: Path) -> Path:
    """A scratch checkout: events/ and the folder that marks a clone of the repository."""
    shutil.copytree(ROOT / "events", tmp_path / "events")
    (tmp_path / "generators/ddbstreams/scenarios").mkdir(parents=True)
    return tmp_path


def test_refuses_to_write_outside_a_checkout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Run from an installed package, the tool would write into the venv's lib/.
    assert main(["--root", str(tmp_path)]) == 2
    assert list(tmp_path.iterdir()) == []
    assert "not a checkout" in capsys.readouterr().err


def test_generation_is_byte_identical_run_to_run() -> None:
    assert list(expected_files()) == list(expected_files())


def test_committed_events_match_the_generators() -> None:
    assert drift(ROOT) == []


def test_drift_check_lists_each_changed_missing_and_stray_file(tmp_path: Path, capsys) -> None:
    root = _copy_events(tmp_path)
    (root / "events/dynamodb/dynamodb.json").write_text("{}\n")
    (root / "events/dynamodb/pipes/batch.json").unlink()
    (root / "events/dynamodb/stray.json").write_text("{}\n")
    assert main(["--check", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert "events/dynamodb/dynamodb.json: differs" in err
    assert "events/dynamodb/pipes/batch.json: missing" in err
    assert "events/dynamodb/stray.json: not produced by any scenario" in err
    # --check wrote nothing
    assert (root / "events/dynamodb/dynamodb.json").read_text() == "{}\n"


def test_generate_repairs_drift(tmp_path: Path) -> None:
    root = _copy_events(tmp_path)
    (root / "events/dynamodb/dynamodb.json").write_text("{}\n")
    (root / "events/dynamodb/stray.json").write_text("{}\n")
    assert main(["--root", str(root)]) == 0
    assert drift(root) == []


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.json"
    write_atomic(target, "one\n")
    write_atomic(target, "two\n")
    assert target.read_text() == "two\n"
    assert [p.name for p in target.parent.iterdir()] == ["b.json"]


def test_atomic_write_writes_through_devices_instead_of_replacing_them() -> None:
    null = Path("/dev/null")
    if not null.is_char_device():
        return  # not a Unix-like system; nothing to protect
    write_atomic(null, "discarded\n")
    assert null.is_char_device()
