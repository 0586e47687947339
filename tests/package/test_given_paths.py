"""Paths named on the command line are judged and spelt as `pathlib` does, without it.

`pathlib` is the oracle: each helper in `validation.files` must agree with it on
the awkward names a user may type (empty, `.`, doubled slashes, a NUL, a name
too long, a loop of links, a file used as a folder).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from ddbstreams.validation.files import as_given, exists, is_dir

NAMES = [
    "",
    ".",
    "./",
    "a.json",
    "./a.json",
    "a//b.json",
    "a/./b.json",
    "a/b/.",
    "a/b/",
    "/a",
    "//a",
    "///a",
    "a/../b.json",
    "..",
    ".hidden",
    "a/.hidden/b",
    "a\\b",
    "nul\x00name",
]


@pytest.mark.parametrize("text", NAMES, ids=repr)
def test_spelt_as_pathlib_spells_it(text: str) -> None:
    assert str(as_given(text)) == str(Path(text))


def _outcome(check: object, text: str) -> object:
    try:
        return check(text)  # type: ignore[operator]
    except OSError as exc:
        return type(exc), exc.errno


@pytest.fixture
def awkward(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    Path("file.json").write_text("{}")
    Path("folder").mkdir()
    os.symlink("loop", "loop")
    os.symlink("missing", "dangling")
    return [
        *NAMES,
        "file.json",
        "folder",
        "folder/",
        "file.json/inside",
        "loop",
        "dangling",
        "x" * 5000,
        "nothing-here",
    ]


def test_exists_and_is_dir_agree_with_pathlib(awkward: list[str]) -> None:
    for text in awkward:
        assert _outcome(exists, text) == _outcome(lambda t: Path(t).exists(), text), repr(text)
        assert _outcome(is_dir, text) == _outcome(lambda t: Path(t).is_dir(), text), repr(text)
