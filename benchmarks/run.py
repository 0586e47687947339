"""Every benchmark in one run, then every target again in one list: `nox -s bench`.

Timings stay out of the test suite; this prints figures and ratios measured in
this run, beside the alternatives a user would otherwise pick. It writes nothing.
"""

from __future__ import annotations

import platform
import time

import bench_factory
import bench_startup
import bench_validate
from harness import TARGETS, compile_bytecode, heading


def main() -> None:
    start = time.perf_counter()
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    compile_bytecode()
    bench_startup.main()
    bench_validate.main()
    bench_factory.main()
    heading(f"Targets ({time.perf_counter() - start:.0f} s in all)")
    for line in TARGETS:
        print(f"  {line}")


if __name__ == "__main__":
    main()
