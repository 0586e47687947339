"""Text held back until it is complete, for output that must appear whole or not at all."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO


class Spool:
    """Text held back until it is complete: in memory while small, beyond that in an
    unnamed temporary file, so a large batch never sits in memory whole.

    For output that must appear all at once or not at all on a stream that cannot
    be replaced atomically (stdout, a pipe): the writer can still fail midway.
    """

    IN_MEMORY = 1 << 20  # characters kept in memory before the text moves to a file

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._held = 0
        self._file: TextIO | None = None

    def write(self, text: str) -> None:
        if self._file is not None:
            self._file.write(text)
            return
        self._parts.append(text)
        self._held += len(text)
        if self._held > self.IN_MEMORY:
            import tempfile  # only past the in-memory size

            # Closed by __exit__: the spool is the context manager.
            self._file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n")  # noqa: SIM115
            self._file.writelines(self._parts)
            self._parts = []

    def copy_to(self, out: TextIO) -> None:
        """Write everything held to `out`, in pieces of bounded size."""
        if self._file is None:
            out.write("".join(self._parts))
            return
        self._file.seek(0)
        while piece := self._file.read(self.IN_MEMORY):
            out.write(piece)

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *_: object) -> None:
        if self._file is not None:
            self._file.close()
