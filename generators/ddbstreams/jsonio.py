"""How fixtures are written: one canonical text per value, and never half a file."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO


def dumps(value: Any) -> str:
    """The canonical text of a fixture: 2-space indent, UTF-8 kept, insertion order, final newline.

    Key order is the order the builders insert keys (the order AWS prints
    them), never sorted, so the files read like real events.
    """
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def _default_mode() -> int:
    """Permissions a plain `open()` would give a new file (mkstemp's are owner-only)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so a reader sees the old file or the new one, never a torn one."""
    with open_atomic(path) as handle:
        handle.write(text)


@contextmanager
def open_atomic(path: Path) -> Iterator[TextIO]:
    """A text handle whose writes appear at `path` all at once when the block ends.

    For writers that produce a file piece by piece (a batch record by record): a
    reader sees the old file or the new one, never a torn one; on error the old
    file stays. Only regular files are replaced: renaming over `/dev/null`, a FIFO
    or `/dev/stdout` would swap the device for a plain file, so those are written
    through instead.
    """
    if path.exists() and not path.is_file():
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            yield handle
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else _default_mode())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
