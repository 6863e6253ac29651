"""The report page shows its refresh's real state from the queue (database backend here, as
in production): waiting, then done after a worker runs it; the fragment it polls reloads the
page when the refresh is finished; Retry takes a stuck refresh off the queue, queues another
and is audited."""

import datetime as dt

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tandem.audit.models import AuditEvent
from tandem.evaluation.models import ReportSnapshot
from tandem.testing.htmx import HTMX
from tandem.testing.worker import run_worker


@pytest.fixture(autouse=True)
def database_backend():
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        yield


@pytest.mark.django_db
class TestReportStatus:
    def test_the_page_shows_the_refresh_waiting_then_the_finished_report(self, client, cast):
        programme = cast["programme"]
        client.force_login(cast["coordinator"])
        page = client.get(reverse("evaluation:report", args=[programme.uuid]))
        html = page.content.decode()
        assert page.context["report"] is None
        assert 'data-task-state="waiting"' in html
        assert "number 1 in the queue" in html
        status_url = reverse("evaluation:report-status", args=[programme.uuid])
        assert f'hx-get="{status_url}"' in html
        waiting = client.get(status_url, **HTMX)
        assert "HX-Refresh" not in waiting
        run_worker()
        done = client.get(status_url, **HTMX)
        assert done["HX-Refresh"] == "true"
        assert 'data-task-state="done"' in done.content.decode()
        page = client.get(reverse("evaluation:report", args=[programme.uuid]))
        assert page.context["report"] is not None
        assert "was last brought up to date on" in page.content.decode()

    def test_a_failed_refresh_says_so_and_offers_retry(self, client, cast, monkeypatch):
        programme = cast["programme"]
        client.force_login(cast["coordinator"])
        client.get(reverse("evaluation:report", args=[programme.uuid]))

        def broken(**_kwargs):
            message = "out of memory"
            raise MemoryError(message)

        monkeypatch.setattr("tandem.evaluation.tasks.refresh_report_snapshot", broken)
        run_worker()
        html = client.get(reverse("evaluation:report", args=[programme.uuid])).content.decode()
        assert "could not be finished: the server ran out of memory" in html
        assert reverse("evaluation:report-refresh", args=[programme.uuid]) in html

    def test_retrying_a_stuck_refresh_replaces_it_and_is_audited(self, client, cast):
        programme = cast["programme"]
        client.force_login(cast["coordinator"])
        client.get(reverse("evaluation:report", args=[programme.uuid]))
        stuck_id = ReportSnapshot.objects.get(programme=programme).refresh_task_id
        with time_machine.travel(timezone.now() + dt.timedelta(minutes=20)):
            html = client.get(reverse("evaluation:report", args=[programme.uuid])).content
            assert b'data-task-state="stuck"' in html
            client.post(reverse("evaluation:report-refresh", args=[programme.uuid]))
        assert DBTaskResult.objects.get(pk=stuck_id).status == TaskResultStatus.FAILED
        new_id = ReportSnapshot.objects.get(programme=programme).refresh_task_id
        assert new_id != stuck_id
        assert DBTaskResult.objects.get(pk=new_id).status == TaskResultStatus.READY
        assert AuditEvent.objects.filter(
            action="report.refresh", actor=cast["coordinator"]
        ).exists()
