"""Time `tandem seed` on a fresh SQLite (or DATABASE_URL) database.

Usage: .venv/bin/python bench/seed.py [--people 100000] [--runs 3]
Prints each run and the median. Each run migrates a new throw-away database.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_run(people: int, seed: int) -> tuple[float, str]:
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, TANDEM_DEBUG="1")
        env.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
        tandem = [sys.executable, "-m", "tandem"]
        subprocess.run([*tandem, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        started = time.perf_counter()
        result = subprocess.run(
            [*tandem, "seed", "--people", str(people), "--seed", str(seed)],
            env=env,
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - started
        return elapsed, result.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if "DATABASE_URL" in os.environ:
        print("Using DATABASE_URL: the database must be empty of this seed.")
    times = []
    for run in range(args.runs):
        elapsed, summary = one_run(args.people, seed=run + 1)
        times.append(elapsed)
        print(f"run {run + 1}: {elapsed:.1f} s wall (command included) | {summary}")
    print(f"median: {statistics.median(times):.1f} s for {args.people:,} people")


if __name__ == "__main__":
    main()
