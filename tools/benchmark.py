"""Benchmark: time `build.py --alle` and a single build, and report peak memory.

Not a test: run it by hand on a quiet machine and copy the figures into the README.
    .venv/bin/python tools/benchmark.py [--repeat 3]
Each run builds into a temporary folder, so output/ is not touched.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(args: list[str]) -> None:
    """Run one build as our child and print its seconds and the peak memory of the largest
    process among the build and its workers (a fresh process, so nothing earlier counts)."""
    with tempfile.TemporaryDirectory() as output:
        start = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "build.py"), *args, "--output", output],
                       check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
    print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


def run(args: list[str]) -> tuple[float, float]:
    result = subprocess.run([sys.executable, __file__, "--measure", *args], check=True, capture_output=True, text=True)
    seconds, memory = result.stdout.split()
    return float(seconds), float(memory)


def main() -> None:
    if sys.argv[1:2] == ["--measure"]:
        return measure(sys.argv[2:])
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--repeat", type=int, default=3)
    repeat = cli.parse_args().repeat
    cores = os.cpu_count()
    print(f"machine: {platform.machine()}, {cores} cores, Python {platform.python_version()}, {platform.system()}")
    for label, args in (("enkele UVP (enschede)", ["--gemeente", "enschede"]),
                        (f"--alle (16 documenten, --jobs {cores})", ["--alle"]),
                        ("--alle --jobs 1", ["--alle", "--jobs", "1"])):
        runs = [run(args) for _ in range(repeat)]
        best = min(seconds for seconds, _ in runs)
        peak = max(memory for _, memory in runs)
        print(f"{label:<38} beste van {repeat}: {best:6.1f} s   piekgeheugen per proces: {peak:6.0f} MiB")


if __name__ == "__main__":
    main()
