"""A real worker killed with SIGKILL mid-import: its job is failed by the sweep and its
owner's page offers to try again or discard it.

Runs `tandem` in subprocesses against a throw-away SQLite file (the test database lives in
memory and a worker is another process): three processes, each starting Django.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROWS = 6000
SEED = f"""
import csv, io
from django.core.management import call_command
call_command("migrate", run_syncdb=True, verbosity=0)
from django.core.files.uploadedfile import SimpleUploadedFile
from tandem.imports.services import set_mapping, start_import
from tandem.organisations.models import Membership
from tandem.testing.factories import MembershipFactory, OrganisationFactory
school = OrganisationFactory(name="Moorland Academy")
leader = MembershipFactory(organisation=school, access=Membership.Access.LEADER).user
from tandem.testing.twofactor import give_two_factor
give_two_factor(leader)  # leaders must have set up two-factor before any page
text = io.StringIO()
writer = csv.writer(text)
writer.writerow(["Email", "Full name", "Job title", "Role"])
rows = range({ROWS})
writer.writerows([f"staff{{n}}@example.org", f"Staff {{n}}", "Teacher", "Teacher"] for n in rows)
upload = SimpleUploadedFile("staff.csv", text.getvalue().encode(), "text/csv")
job = start_import(actor=leader, kind="people", upload=upload, organisation=school)
set_mapping(actor=leader, job=job, mapping=job.mapping)
print(job.pk)
"""
SWEEP_AND_PAGE = """
import io
import time
from django.core.management import call_command
from django.test import Client, override_settings
from tandem.imports.models import ImportJob
job = ImportJob.objects.get(pk={job_id})
# Still fresh: the sweep leaves a job whose heartbeat is recent alone.
with override_settings(TANDEM_TASK_STALE_SECONDS=60):
    call_command("sweep_tasks", stdout=io.StringIO())
print(ImportJob.objects.get(pk=job.pk).status)
time.sleep(1.2)
with override_settings(TANDEM_TASK_STALE_SECONDS=1):
    call_command("sweep_tasks", stdout=io.StringIO())
job.refresh_from_db()
print(job.status)
print(job.error.split(" (")[0])
client = Client(HTTP_HOST="localhost")
client.force_login(job.created_by)
page = client.get(job.get_absolute_url()).content.decode()
print("retry" if f"/imports/jobs/{{job.uuid}}/retry/" in page else "no retry")
print("discard" if f"/imports/jobs/{{job.uuid}}/discard/" in page else "no discard")
"""


def _tandem(env: dict[str, str], *args: str) -> str:
    command = [sys.executable, "-m", "tandem", *args]
    return subprocess.run(  # noqa: S603 - our own console command
        command, env=env, check=True, capture_output=True, text=True
    ).stdout


def _job(database: Path, job_id: int) -> tuple[str, int, str]:
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT status, processed_rows, error FROM imports_importjob WHERE id = ?", [job_id]
        ).fetchone()


def _wait_for(condition, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("timed out waiting for the worker")
        time.sleep(0.05)


def test_a_worker_killed_mid_import_leaves_a_job_its_owner_can_retry_or_discard(tmp_path):
    database = tmp_path / "tandem.sqlite3"
    # Tables straight from the models (as the test databases are): replaying every
    # migration in a subprocess would cost more than the rest of the test.
    (tmp_path / "killed_worker_settings.py").write_text(
        "from tandem.settings import *  # noqa: F403\n"
        "MIGRATION_MODULES = {app.split('.')[-1]: None for app in INSTALLED_APPS}  # noqa: F405\n"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "TANDEM_", "DATABASE_URL"))
    } | {
        "DJANGO_SETTINGS_MODULE": "killed_worker_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(Path.cwd())]),
        "TANDEM_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{database}",
        "TANDEM_MEDIA_ROOT": str(tmp_path / "media"),
        "TANDEM_IMPORT_INLINE_ROWS": "10",
        "TANDEM_TASK_HEARTBEAT_SECONDS": "0.2",
    }
    job_id = int(_tandem(env, "shell", "-v", "0", "-c", SEED).split()[-1])
    assert _job(database, job_id)[0] == "previewing"

    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tandem",
            "worker",
            "--interval",
            "0.1",
            "--no-startup-delay",
            "--no-reload",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(lambda: _job(database, job_id)[1] > 0, seconds=300)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    status, processed, _ = _job(database, job_id)
    assert (status, processed < ROWS) == ("previewing", True)  # stopped mid-task

    lines = _tandem(env, "shell", "-v", "0", "-c", SWEEP_AND_PAGE.format(job_id=job_id))
    assert lines.splitlines()[-5:] == [
        "previewing",
        "failed",
        "The worker checking this file stopped",
        "retry",
        "discard",
    ]
