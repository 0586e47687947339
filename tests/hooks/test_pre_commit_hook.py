"""The pre-commit hook as pre-commit runs it: on a repository holding events and other JSON.

`pre-commit try-repo` installs the hook from this checkout into its own
environment and runs it on a scratch repository, exactly as a user's commit would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _scratch_repo(tmp_path: Path, event: object) -> Path:
    repo = tmp_path / "user-repo"
    (repo / "tests/events").mkdir(parents=True)
    shutil.copy(ROOT / "events/dynamodb/dynamodb.json", repo / "tests/events/sam.json")
    (repo / "tests/events/mine.json").write_text(json.dumps(event), encoding="utf-8")
    # JSON files that are not events: the default scope must leave them alone.
    (repo / "package.json").write_text('{"name": "app", "version": "1.0.0"}', encoding="utf-8")
    (repo / "tsconfig.json").write_text('{"compilerOptions": {}}', encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    return repo


def _try_repo(repo: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "ddbstreams-validate",
         "--all-files", "--verbose"],
        cwd=repo, env=env, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip


@pytest.fixture(scope="module")
def valid_run(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    event = json.loads((ROOT / "events/dynamodb/stream/insert-new-image.json").read_text("utf-8"))
    return _try_repo(_scratch_repo(tmp_path_factory.mktemp("valid"), event))


def test_valid_events_pass_and_other_json_is_not_checked(
    valid_run: subprocess.CompletedProcess[str],
) -> None:
    out = valid_run.stdout + valid_run.stderr
    assert valid_run.returncode == 0, out
    assert "Passed" in out
    assert "2 file(s) checked" in out, out
    assert "package.json" not in out and "tsconfig.json" not in out


def test_an_invalid_event_fails_the_commit_with_pointer_and_rule(tmp_path: Path) -> None:
    event = json.loads((ROOT / "events/dynamodb/dynamodb.json").read_text("utf-8"))
    event["Records"][1]["awsRegion"] = "eu-west-1"
    result = _try_repo(_scratch_repo(tmp_path, event))
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "tests/events/mine.json: /Records/1/awsRegion: region-arn:" in out
    assert "Traceback" not in out
