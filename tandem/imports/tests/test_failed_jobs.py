"""Imports that go wrong say so: an unexpected error fails the job visibly, a job whose
worker died is failed by the sweep or on its page, and its owner can retry or discard it."""

import datetime as dt
from unittest import mock

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.imports import processing
from tandem.imports.models import ImportJob
from tandem.imports.services import discard_job, retry_job, start_commit, start_import
from tandem.imports.tests.helpers import csv_upload
from tandem.organisations.models import Membership
from tandem.testing.factories import MembershipFactory, OrganisationFactory

ROWS = [["t.jones@example.org", "Tom Jones", "", "Teacher", "teacher", "Member", "", ""]]


@pytest.fixture
def school(db):
    # Lee leads Moorland and uploads the file; the job is Lee's alone.
    moorland = OrganisationFactory(name="Moorland Academy")
    leader = MembershipFactory(organisation=moorland, access=Membership.Access.LEADER).user
    return {"moorland": moorland, "leader": leader}


def _job(school) -> ImportJob:
    return start_import(
        actor=school["leader"],
        kind="people",
        upload=csv_upload(ROWS),
        organisation=school["moorland"],
    )


def _stuck(job: ImportJob, status: str) -> ImportJob:
    """A job a worker took, reported progress on, then was killed."""
    ImportJob.objects.filter(pk=job.pk).update(
        status=status, processed_rows=1, heartbeat_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def test_an_unexpected_error_while_checking_fails_the_job_visibly(school, client):
    job = _job(school)
    job.status = ImportJob.Status.PREVIEWING
    job.save()
    broken = mock.patch.object(processing, "plan_people", side_effect=KeyError("column"))
    with broken, pytest.raises(KeyError):
        processing.run_preview(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.error.startswith("Something went wrong while checking the file (KeyError)")
    client.force_login(school["leader"])
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Something went wrong while checking the file" in page
    assert f"/imports/jobs/{job.uuid}/retry/" in page


def test_an_unexpected_error_while_importing_fails_the_job_and_saves_nothing(school):
    job = _job(school)
    processing.run_preview(job.pk)
    job.refresh_from_db()
    job.status = ImportJob.Status.COMMITTING
    job.save()
    with (
        mock.patch.object(processing, "commit_people", side_effect=RuntimeError("disk")),
        pytest.raises(RuntimeError),
    ):
        processing.run_commit(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "while importing the file (RuntimeError)" in job.error
    assert not User.objects.filter(email="t.jones@example.org").exists()


@pytest.mark.parametrize("status", [ImportJob.Status.PREVIEWING, ImportJob.Status.COMMITTING])
def test_the_sweep_fails_a_job_its_worker_abandoned(school, settings, status):
    settings.TANDEM_TASK_STALE_SECONDS = 300
    job = _stuck(_job(school), status)
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=290)):
        assert processing.fail_abandoned_jobs() == 0
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=301)):
        assert processing.fail_abandoned_jobs() == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "stopped" in job.error
    assert "nothing was imported" in job.error


def test_the_job_page_fails_an_abandoned_job_and_offers_retry_and_discard(school, client, settings):
    settings.TANDEM_TASK_STALE_SECONDS = 300
    job = _stuck(_job(school), ImportJob.Status.COMMITTING)
    client.force_login(school["leader"])
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6)):
        page = client.get(job.get_absolute_url()).content.decode()
    assert "this page updates" not in page
    assert "The worker importing this file stopped" in page
    assert f"/imports/jobs/{job.uuid}/retry/" in page
    assert f"/imports/jobs/{job.uuid}/discard/" in page


def test_a_failed_job_is_checked_again_and_can_then_be_imported(school, settings):
    settings.TANDEM_TASK_STALE_SECONDS = 300
    job = _stuck(_job(school), ImportJob.Status.COMMITTING)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6)):
        processing.fail_abandoned_jobs()
    job.refresh_from_db()
    job = retry_job(actor=school["leader"], job=job)
    assert job.status == ImportJob.Status.PREVIEWED
    job = start_commit(actor=school["leader"], job=job)
    assert job.status == ImportJob.Status.COMMITTED
    assert User.objects.filter(email="t.jones@example.org").exists()


def test_only_a_failed_job_is_tried_again(school):
    with pytest.raises(ValidationError, match="Only an import that failed"):
        retry_job(actor=school["leader"], job=_job(school))


def test_discarding_deletes_the_job_and_its_file(
    school, client, django_capture_on_commit_callbacks
):
    job = _job(school)
    name = job.file.name
    assert default_storage.exists(name)
    client.force_login(school["leader"])
    confirm = client.get(f"/imports/jobs/{job.uuid}/discard/")
    assert "deleted for good" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/imports/jobs/{job.uuid}/discard/")
    assert response.status_code == 302
    assert not ImportJob.objects.filter(pk=job.pk).exists()
    assert not default_storage.exists(name)


def test_a_running_job_cannot_be_discarded(school):
    job = _stuck(_job(school), ImportJob.Status.PREVIEWING)
    with pytest.raises(ValidationError, match="still running"):
        discard_job(actor=school["leader"], job=job)


def test_a_discard_that_is_rolled_back_keeps_the_file(school):
    job = _job(school)
    pk, name = job.pk, job.file.name
    with transaction.atomic():
        discard_job(actor=school["leader"], job=job)
        transaction.set_rollback(True)
    assert ImportJob.objects.filter(pk=pk).exists()
    assert default_storage.exists(name)
