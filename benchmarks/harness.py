"""Timing that can be trusted on a shared machine: interleaved runs, medians, paired ratios.

Contenders run in turns (A B A B …) after a warm-up, so a burst of load from
another process hits both rather than one; each figure is the median with the
range beside it, and each comparison is the median of the per-round ratios
(a paired measure: the load of one round cancels out). Every target is printed
beside its figure as [met] or [MISSED].
"""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
# SAM CLI: no telemetry requests during the bench. Bytecode caching on, whatever the
# caller's shell says: an installed package has its `.pyc` files, and a start-up figure
# that includes compiling every module measures the compiler, not the command.
CHILD_ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "SAM_CLI_TELEMETRY": "0",
}


def compile_bytecode() -> None:
    """Write the `.pyc` files of every module the contenders import, as an install would."""
    import compileall
    import sysconfig

    for folder in {sysconfig.get_path("purelib"), sysconfig.get_path("platlib"), "generators"}:
        compileall.compile_dir(folder, quiet=2, workers=0)


@dataclass
class Samples:
    """Wall-clock seconds of each round, in round order."""

    name: str
    times: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def __str__(self) -> str:
        return f"{ms(self.median)} ({ms(min(self.times))}–{ms(max(self.times))})"


def ms(seconds: float) -> str:
    if seconds < 0.01:
        return f"{seconds * 1000:.2f} ms"
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def interleaved(
    contenders: dict[str, Callable[[], object]], rounds: int, warmup: int = 1
) -> dict[str, Samples]:
    """Run each contender once per round, in turn, after `warmup` untimed rounds."""
    out = {name: Samples(name, []) for name in contenders}
    for round_ in range(warmup + rounds):
        for name, func in contenders.items():
            gc.collect()
            start = time.perf_counter()
            func()
            elapsed = time.perf_counter() - start
            if round_ >= warmup:
                out[name].times.append(elapsed)
    return out


def paired_ratio(a: Samples, b: Samples) -> float:
    """The median over rounds of a's time / b's time."""
    return statistics.median(x / y for x, y in zip(a.times, b.times, strict=True))


def command(*args: str | Path) -> Callable[[], object]:
    """A fresh process running `args`, output discarded; fails loudly if it fails."""
    argv = [str(a) for a in args]

    def run() -> None:
        subprocess.run(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=CHILD_ENV, check=True
        )

    return run


def timed_peak_rss(argv: Sequence[str | Path]) -> tuple[float, int]:
    """Wall time and peak resident memory (bytes) of a fresh process running `argv`.

    Memory as the OS saw it (the child's ru_maxrss), so what compiled code allocates counts.
    """
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)\n"
        "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *map(str, argv)],
        capture_output=True,
        text=True,
        env=CHILD_ENV,
        check=True,
    )
    wall, kib = out.stdout.split()
    return float(wall), int(kib) * 1024


def heading(text: str) -> None:
    print(f"\n## {text}\n")


def row(name: str, samples: Samples, note: str = "") -> None:
    print(f"  {name:<58} {samples!s:>34}  {note}")


# Every target line printed in this process, for the summary at the end of the run.
TARGETS: list[str] = []


def target(met: bool, text: str) -> bool:
    line = f"[{'met' if met else 'MISSED'}] {text}"
    TARGETS.append(line)
    print(f"  {line}")
    return met
