"""Time a staff import: 2,000 rows previewed and committed (target: under 60 s together).

Usage: .venv/bin/python bench/imports.py [--rows 2000] [--runs 3] [--worker]
Each run migrates a throw-away SQLite database (or uses DATABASE_URL), then checks and
commits a generated staff file with line managers, and re-checks it (nothing changes).
Prints each run and the median. With --worker the check and the commit run as queued tasks
in a real `tandem worker` process, as large files do in production, and the worker's peak
memory is printed too.
"""

import argparse
import csv
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

from harness import ROOT, throwaway_env


def staff_file(rows: int) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["Email", "Full name", "Job title", "Role", "Line manager email", "Start date"])
    for number in range(rows):
        # Row 0 leads; rows 1-49 report to row 0; everyone else to one of rows 1-49.
        manager = (
            "" if number == 0 else f"staff{0 if number < 50 else 1 + number % 49}@bench.example.org"
        )
        writer.writerow(
            [
                f"staff{number}@bench.example.org",
                f"Staff Member {number}",
                "Teacher",
                "Teacher",
                manager,
                "01/09/2024",
            ]
        )
    return text.getvalue().encode()


def one_run(rows: int) -> None:
    import django  # noqa: PLC0415 - configured from the environment set by main()

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415

    from tandem.imports.services import start_commit  # noqa: PLC0415
    from tandem.organisations.models import Membership  # noqa: PLC0415
    from tandem.testing.factories import MembershipFactory  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    leader = MembershipFactory(access=Membership.Access.LEADER)
    content = staff_file(rows)

    def check() -> tuple[float, object]:
        started = time.perf_counter()
        job = upload_and_map(leader, content)
        return time.perf_counter() - started, job

    if os.environ.get("TANDEM_BENCH_WORKER"):
        worker_run(leader, content)
        return
    preview_seconds, job = check()
    assert job.num_create == rows, job.report[:3]  # noqa: S101 - a bench sanity check
    started = time.perf_counter()
    job = start_commit(actor=leader.user, job=job)
    commit_seconds = time.perf_counter() - started
    assert job.status == "committed", job.error  # noqa: S101
    again_seconds, again = check()
    assert again.num_unchanged == rows  # noqa: S101
    print(f"{preview_seconds:.2f} {commit_seconds:.2f} {again_seconds:.2f}")


def upload_and_map(leader, content: bytes):
    """Upload the file and accept the guessed mapping, which checks it (or queues the check)."""
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    from tandem.imports.services import set_mapping, start_import  # noqa: PLC0415

    job = start_import(
        actor=leader.user,
        kind="people",
        upload=SimpleUploadedFile("staff.csv", content, "text/csv"),
        organisation=leader.organisation,
    )
    return set_mapping(actor=leader.user, job=job, mapping=job.mapping)


def worker_run(leader, content: bytes) -> None:
    """Queue the check and the commit, and let a separate worker process run each."""

    from tandem.imports.models import ImportJob  # noqa: PLC0415
    from tandem.imports.services import start_commit  # noqa: PLC0415

    def work() -> float:
        started = time.perf_counter()
        subprocess.run(
            [
                str(ROOT / ".venv/bin/tandem"),
                "worker",
                "--batch",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "0",
            ],
            check=True,
        )
        return time.perf_counter() - started

    job = upload_and_map(leader, content)
    preview_seconds = work()
    job = ImportJob.objects.get(pk=job.pk)
    assert job.status == "previewed", (job.status, job.error)  # noqa: S101
    job = start_commit(actor=leader.user, job=job)
    commit_seconds = work()
    job = ImportJob.objects.get(pk=job.pk)
    assert job.status == "committed", (job.status, job.error)  # noqa: S101
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{preview_seconds:.2f} {commit_seconds:.2f} {peak_mb:.0f}")


def run_apart(rows: int, **settings: str) -> list[float]:
    """One run in its own process and throw-away database; the three figures it prints."""
    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run(
            [sys.executable, __file__, "--one-run", "--rows", str(rows)],
            env=throwaway_env(folder, **settings),
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    return [float(part) for part in result.stdout.split()[-3:]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--worker", action="store_true", help="run in a worker process")
    parser.add_argument("--one-run", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.one_run:
        one_run(arguments.rows)
        return
    if arguments.worker:
        preview, commit, peak_mb = run_apart(
            arguments.rows, TANDEM_IMPORT_INLINE_ROWS="0", TANDEM_BENCH_WORKER="1"
        )
        print(
            f"{arguments.rows} rows in a worker: check {preview:.1f} s, import {commit:.1f} s "
            f"(each including the worker's start), worker's peak memory {peak_mb:.0f} MB"
        )
        return
    totals = []
    for run in range(arguments.runs):
        preview, commit, again = run_apart(arguments.rows, TANDEM_IMPORT_INLINE_ROWS="1000000")
        totals.append(preview + commit)
        print(
            f"run {run + 1}: preview {preview:.2f} s, commit {commit:.2f} s, "
            f"re-check {again:.2f} s, preview + commit {preview + commit:.2f} s"
        )
    print(f"median preview + commit of {arguments.rows} rows: {statistics.median(totals):.2f} s")


if __name__ == "__main__":
    main()
