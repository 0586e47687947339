"""The built wheel on its own: fixtures and schemas as package data, the CLI, the plugin.

Builds the wheel from the checkout, installs it into a fresh venv with uv and
runs everything from outside the checkout, so nothing can fall back to events/.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.wheel

UV = shutil.which("uv")

CHECK = """
import json, sys
from pathlib import Path
import ddbstreams
from ddbstreams import fixture_names, load_fixture, validate_event, stream_event, insert
from ddbstreams.resources import data_root

root = str(data_root())
assert "site-packages" in root and Path(root).name == "data", root
names = fixture_names()
bad = {n: [str(p) for p in validate_event(load_fixture(n))] for n in names}
bad = {n: p for n, p in bad.items() if p}
assert not bad, bad
assert validate_event(stream_event([insert({"Id": 1})])) == []
print(json.dumps({"fixtures": len(names), "version": ddbstreams.__version__}))
"""

PLUGIN_TEST = """
def test_plugin(ddb_event_factory, ddb_fixture):
    event = ddb_fixture("dynamodb/dynamodb")
    assert ddb_event_factory.validate_event(event) == []
"""


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, check=False, timeout=300
    )


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if UV is None:
        pytest.skip("uv is not installed (pip install uv)")
    work = tmp_path_factory.mktemp("wheel")
    built = run(UV, "build", "--wheel", "-o", work / "dist", ROOT, cwd=ROOT)
    assert built.returncode == 0, built.stderr
    (wheel,) = (work / "dist").glob("*.whl")
    env = work / "venv"
    made = run(UV, "venv", "-q", "--python", sys.executable, env, cwd=work)
    assert made.returncode == 0, made.stderr
    installed = run(UV, "pip", "install", "-q", "--python", env / "bin" / "python", wheel, cwd=work)
    assert installed.returncode == 0, installed.stderr
    return env


def test_every_fixture_loads_and_validates_from_the_wheel(venv: Path, tmp_path: Path) -> None:
    result = run(venv / "bin" / "python", "-c", CHECK, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    from ddbstreams import fixture_names

    assert json.loads(result.stdout)["fixtures"] == len(fixture_names())


def test_cli_from_the_wheel(venv: Path, tmp_path: Path) -> None:
    cli = venv / "bin" / "ddbstreams"
    listed = run(cli, "generate", "--list", cwd=tmp_path)
    assert listed.returncode == 0 and "dynamodb/stream/insert-new-image" in listed.stdout
    sam = run(
        cli, "generate", "dynamodb", "update", "--region", "eu-west-1", "-o", "e.json", cwd=tmp_path
    )
    assert sam.returncode == 0, sam.stderr
    records = json.loads((tmp_path / "e.json").read_text())["Records"]
    assert {r["awsRegion"] for r in records} == {"eu-west-1"}
    checked = run(cli, "validate", "e.json", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    fixture = run(cli, "generate", "dynamodb/responses/full-success", "-o", "r.json", cwd=tmp_path)
    assert fixture.returncode == 0
    verdict = run(cli, "check-response", "--response", "r.json", "--event", "e.json", cwd=tmp_path)
    assert verdict.returncode == 0 and "full success" in verdict.stdout
    bad = run(cli, "generate", "stream", "--insert", '{"Id": NaN}', cwd=tmp_path)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr


def test_pytest_plugin_registers_from_the_wheel(venv: Path, tmp_path: Path) -> None:
    assert UV is not None
    python = venv / "bin" / "python"
    got = run(UV, "pip", "install", "-q", "--python", python, "pytest>=8,<10", cwd=tmp_path)
    if got.returncode != 0:
        pytest.skip(f"pytest could not be installed into the venv: {got.stderr.strip()}")
    (tmp_path / "test_uses_plugin.py").write_text(PLUGIN_TEST)
    result = run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
