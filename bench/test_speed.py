"""Time the permission-matrix tests and the whole suite, as the house issue measures them.

Usage: .venv/bin/python bench/test_speed.py [--runs 1] [--suite]
The matrix tests run in one process (`pytest -p no:cacheprovider <matrix files>`), so the
figure does not depend on how xdist shares them out; `--suite` also times `pytest -n 2`, the
command `make test` runs. The machine has 2 cores: run it when nothing else is working and
compare figures taken on the same machine. Prints each run, the median and the number of
tests pytest reported.
"""

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTEST = str(ROOT / ".venv" / "bin" / "pytest")


def matrix_files() -> list[str]:
    return sorted(str(path) for path in (ROOT / "tandem").glob("*/tests/test_permission_matrix.py"))


def timed(arguments: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    finished = subprocess.run(
        [PYTEST, "-q", "-p", "no:cacheprovider", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    summary = finished.stdout.strip().splitlines()[-1] if finished.stdout.strip() else ""
    if finished.returncode != 0:
        sys.exit(f"pytest failed ({finished.returncode}): {summary}")
    return elapsed, summary


def measure(label: str, arguments: list[str], runs: int) -> None:
    times = []
    for run in range(1, runs + 1):
        elapsed, summary = timed(arguments)
        times.append(elapsed)
        passed = re.search(r"(\d+) passed", summary)
        print(f"{label} run {run}: {elapsed:.1f} s ({passed.group(0) if passed else summary})")
    print(f"{label} median: {statistics.median(times):.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--suite", action="store_true", help="also time the whole suite")
    options = parser.parse_args()
    measure("permission matrices", matrix_files(), options.runs)
    if options.suite:
        measure("whole suite (-n 2)", ["-n", "2"], options.runs)


if __name__ == "__main__":
    main()
