"""A large import's page shows its queued task's real state; an import no worker ever
started can be queued again (audited), one that started is left to the sweep."""

import datetime as dt

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tandem.audit.models import AuditEvent
from tandem.imports.models import ImportJob
from tandem.imports.services import set_mapping, start_import
from tandem.imports.tests.helpers import csv_upload
from tandem.organisations.models import Membership
from tandem.testing.factories import MembershipFactory, OrganisationFactory
from tandem.testing.worker import run_worker


@pytest.fixture
def job(db, settings, django_capture_on_commit_callbacks):
    settings.TANDEM_IMPORT_INLINE_ROWS = 1  # every import goes to the worker
    # Longer than the queue's expected wait, so the page sees "stuck" before the job's own
    # abandonment check fails it.
    settings.TANDEM_TASK_STALE_SECONDS = 3600
    moorland = OrganisationFactory(name="Moorland Academy")
    leader = MembershipFactory(organisation=moorland, access=Membership.Access.LEADER).user
    rows = [[f"p{n}@example.org", f"Person {n}", "", "Teacher", "", "", "", ""] for n in range(3)]
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        created = start_import(
            actor=leader, kind="people", upload=csv_upload(rows), organisation=moorland
        )
        with django_capture_on_commit_callbacks(execute=True):
            set_mapping(actor=leader, job=created, mapping=created.mapping)
        created.refresh_from_db()
        yield created


def test_the_page_shows_the_check_waiting_in_the_queue(client, job):
    assert job.status == ImportJob.Status.PREVIEWING
    assert DBTaskResult.objects.get(pk=job.task_id).status == TaskResultStatus.READY
    client.force_login(job.created_by)
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'data-task-state="waiting"' in page
    assert "number 1 in the queue" in page


def test_a_check_no_worker_started_is_queued_again(client, job, django_capture_on_commit_callbacks):
    client.force_login(job.created_by)
    stuck_id = job.task_id
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=20)):
        page = client.get(job.get_absolute_url()).content.decode()
        assert 'data-task-state="stuck"' in page
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("imports:job-retry", args=[job.uuid]))
    job.refresh_from_db()
    assert job.task_id != stuck_id
    assert DBTaskResult.objects.get(pk=stuck_id).status == TaskResultStatus.FAILED
    assert AuditEvent.objects.filter(action="import.retry", actor=job.created_by).exists()
    run_worker()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.PREVIEWED


def test_a_running_check_is_not_queued_twice(client, job):
    DBTaskResult.objects.filter(pk=job.task_id).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now()
    )
    client.force_login(job.created_by)
    response = client.post(reverse("imports:job-retry", args=[job.uuid]), follow=True)
    assert "still running" in response.content.decode()
    assert DBTaskResult.objects.count() == 1


def test_retrying_an_abandoned_check_takes_its_task_off_the_queue(
    client, job, settings, django_capture_on_commit_callbacks
):
    settings.TANDEM_TASK_STALE_SECONDS = 60
    stuck_id = job.task_id
    client.force_login(job.created_by)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
        client.get(job.get_absolute_url())  # the page fails the abandoned job
        job.refresh_from_db()
        assert job.status == ImportJob.Status.FAILED
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("imports:job-retry", args=[job.uuid]))
    assert DBTaskResult.objects.get(pk=stuck_id).status == TaskResultStatus.FAILED
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
