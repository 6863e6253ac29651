"""Time /health/live and /health/ready (target: each under 100 ms).

Usage: .venv/bin/python bench/health.py [--requests 300]
Migrates a throw-away SQLite database (or uses DATABASE_URL), then serves the endpoints
through Django's full middleware stack in this process and prints median, p95 and worst.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from harness import ROOT, throwaway_env


def measure(path: str, requests: int) -> list[float]:
    from django.test import Client  # noqa: PLC0415 - after django.setup()

    client = Client(HTTP_HOST="localhost")
    client.get(path)  # the first request loads the URL map and the migration files
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}: {response.content[:300]!r}")
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = throwaway_env(folder)
        tandem = str(ROOT / ".venv/bin/tandem")
        subprocess.run([tandem, "migrate", "-v", "0"], env=env, check=True)
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django  # noqa: PLC0415 - configured from the throw-away environment

        django.setup()
        for path in ("/health/live", "/health/ready"):
            timings = sorted(measure(path, args.requests))
            p95 = timings[int(len(timings) * 0.95) - 1]
            print(
                f"{path}: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, "
                f"worst {timings[-1]:.1f} ms over {len(timings)} requests"
            )


if __name__ == "__main__":
    main()
