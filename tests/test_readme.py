"""The README's Python sample runs as written."""

from __future__ import annotations

import re

from casedata import ROOT


def test_readme_python_blocks_run() -> None:
    text = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks, "the README shows the factory in Python"
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
