"""A large run's page shows its queued computation's real state; a run no worker ever
started is stuck and can be queued again (audited), replacing its old task."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tandem.audit.models import AuditEvent
from tandem.matching import services
from tandem.matching.models import MatchRun
from tandem.testing.worker import run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued_run(matching_cast, settings, django_capture_on_commit_callbacks):
    settings.TANDEM_MATCH_INLINE_MENTEES = 0  # every run goes to the worker
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        with django_capture_on_commit_callbacks(execute=True):
            run = services.start_run(
                actor=matching_cast["coordinator"],
                programme=matching_cast["programme"],
                mode="allocation",
            )
        run.refresh_from_db()
        yield run


def test_the_run_page_shows_the_computation_waiting(client, matching_cast, queued_run):
    assert queued_run.status == MatchRun.Status.QUEUED
    client.force_login(matching_cast["coordinator"])
    page = client.get(queued_run.get_absolute_url()).content.decode()
    assert 'data-task-state="waiting"' in page
    assert "number 1 in the queue" in page


def test_a_run_no_worker_started_is_queued_again(
    client, matching_cast, queued_run, django_capture_on_commit_callbacks
):
    client.force_login(matching_cast["coordinator"])
    old_task = queued_run.task_id
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=20)):
        page = client.get(queued_run.get_absolute_url()).content.decode()
        assert 'data-task-state="stuck"' in page
        assert reverse("matching:run-retry", args=[queued_run.uuid]) in page
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("matching:run-retry", args=[queued_run.uuid]))
    queued_run.refresh_from_db()
    assert queued_run.task_id != old_task
    assert DBTaskResult.objects.get(pk=old_task).status == TaskResultStatus.FAILED
    assert AuditEvent.objects.filter(action="matching.retry").exists()
    run_worker()
    queued_run.refresh_from_db()
    assert queued_run.status == MatchRun.Status.DRAFT
    assert DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 1


def test_a_run_waiting_its_turn_is_not_retried(matching_cast, queued_run):
    with pytest.raises(ValidationError, match="Only a failed run"):
        services.retry_run(actor=matching_cast["coordinator"], run=queued_run)
    assert DBTaskResult.objects.get(pk=queued_run.task_id).status == TaskResultStatus.READY
