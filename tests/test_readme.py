"""The README's Python sample runs as written."""

from __future__ import annotations

import importlib.util
import re

from casedata import ROOT


def test_readme_python_blocks_run() -> None:
    text = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks, "the README shows the factory in Python"
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})


def test_ci_runs_the_readme_check_command_in_a_virtual_environment() -> None:
    # The check command must work where pip refuses to install outside a venv (PEP 668).
    spec = importlib.util.spec_from_file_location("readme_command", ROOT / ".ci/readme_command.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    check = module.readme_command("check", ROOT / "README.md")
    serve = module.readme_command("serve", ROOT / "README.md")
    for command in (check, serve):
        assert command.startswith("python3 -m venv .venv && .venv/bin/python -m pip install")
        assert "nox" in command
    assert "readme_command.py check" in (ROOT / ".ci/run").read_text(encoding="utf-8")
