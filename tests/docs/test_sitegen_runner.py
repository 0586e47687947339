"""`python -m sitegen`: finds its jobs, writes docs/generated/ exactly, and `--check` finds drift."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.__main__ import drifted, jobs, main, outputs

REPO = Path(__file__).parents[2]
SITEGEN = REPO / "sitegen"


def test_every_public_module_is_a_job() -> None:
    on_disk = {p.stem for p in SITEGEN.glob("*.py") if not p.name.startswith("_")}
    assert on_disk and set(jobs()) == on_disk


def test_committed_outputs_are_current() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sitegen", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_write_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "generated"
    (out / "old").mkdir(parents=True)
    (out / "old" / "stale.md").write_text("gone", encoding="utf-8")
    assert main(["--output", str(out)]) == 0
    assert not (out / "old").exists(), "a file no job produces is removed, with its folder"
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert written == set(outputs())
    assert main(["--check", "--output", str(out)]) == 0

    edited = out / "catalogue.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "hand edit\n", encoding="utf-8")
    (out / "extra.md").write_text("not generated", encoding="utf-8")
    (out / "schema-list.md").unlink()
    capsys.readouterr()
    assert main(["--check", "--output", str(out)]) == 1
    err = capsys.readouterr().err
    for name in ("catalogue.md", "extra.md", "schema-list.md"):
        assert f"drifted: docs/generated/{name}" in err
    assert edited.read_text(encoding="utf-8").endswith("hand edit\n"), "--check writes nothing"


def test_drifted_lists_changed_missing_and_extra() -> None:
    assert drifted({"a": "1", "b": "2"}, {"a": "1", "b": "x", "c": "3"}) == ["b", "c"]
    assert drifted({"a": "1"}, {}) == ["a"]
    assert drifted({"a": "1"}, {"a": "1"}) == []


def test_usage_error_exits_2() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--no-such-option"])
    assert exit_info.value.code == 2
