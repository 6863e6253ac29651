"""The worker outlives a database restart; the sweep command fails abandoned work."""

import datetime as dt
import io
from unittest import mock

import pytest
import time_machine
from django.core.management import call_command
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand
from django_tasks_db.models import DBTaskResult

from tandem.operations.management.commands import worker

# The tests run tasks at once; the worker's options name a database backend.
database_backend = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
)


@pytest.mark.django_db
@database_backend
def test_the_worker_reconnects_after_the_database_goes_away():
    calls = []

    def run(self, *args, **options):
        calls.append(1)
        if len(calls) < 3:
            message = "terminating connection due to administrator command"
            raise OperationalError(message)

    with (
        mock.patch.object(DatabaseWorkerCommand, "handle", run),
        mock.patch.object(worker.time, "sleep") as sleep,
    ):
        call_command("worker", "--no-reload")
    assert len(calls) == 3
    assert [call.args[0] for call in sleep.call_args_list] == [1.0, 2.0]


@database_backend
def test_the_worker_still_stops_on_other_errors():
    with (
        mock.patch.object(DatabaseWorkerCommand, "handle", side_effect=ValueError("bug")),
        pytest.raises(ValueError, match="bug"),
    ):
        call_command("worker", "--no-reload")


@pytest.mark.django_db
def test_the_sweep_fails_a_queue_record_left_running_past_the_timeout(settings):
    settings.TANDEM_TASK_TIMEOUT_SECONDS = 3600
    task = DBTaskResult.objects.create(
        task_path="tandem.imports.tasks.preview_import",
        args_kwargs={"args": [1], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now(),
    )
    out = io.StringIO()
    call_command("sweep_tasks", stdout=out)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING
    with time_machine.travel(timezone.now() + dt.timedelta(hours=1, seconds=1)):
        call_command("sweep_tasks", stdout=out)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert "1 queued tasks" in out.getvalue()
