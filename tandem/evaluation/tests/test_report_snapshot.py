"""The report page reads a stored snapshot computed in the background (tests run tasks
immediately): it is refreshed when the records change, says when it was computed, and a
coordinator can ask for a refresh."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.evaluation import refresh, snapshots
from tandem.evaluation.models import ReportSnapshot
from tandem.evaluation.reports import build_report
from tandem.relationships.models import Conversation


@pytest.mark.django_db
class TestReportSnapshot:
    def test_first_view_stores_the_report_and_shows_when_it_was_computed(self, client, cast):
        client.force_login(cast["coordinator"])
        page = client.get(reverse("evaluation:report", args=[cast["programme"].uuid]))
        snapshot = ReportSnapshot.objects.get(programme=cast["programme"])
        assert snapshot.computed_at is not None
        assert "Figures computed" in page.content.decode()
        assert page.context["report"] == build_report(cast["programme"])

    def test_a_new_meeting_makes_the_snapshot_stale_and_the_page_refreshes_it(self, client, cast):
        programme = cast["programme"]
        client.force_login(cast["coordinator"])
        url = reverse("evaluation:report", args=[programme.uuid])
        client.get(url)
        before = ReportSnapshot.objects.get(programme=programme).fingerprint
        Conversation.objects.create(
            relationship=cast["relationship"],
            status=Conversation.Status.HELD,
            starts_at=timezone.now() - dt.timedelta(days=1),
            duration_minutes=30,
            mode="in-person",
        )
        assert refresh.data_fingerprint(programme) != before
        page = client.get(url)
        assert page.context["report"] == build_report(programme)

    def test_a_queued_refresh_is_not_queued_again(self, cast, monkeypatch):
        calls = []

        class Task:
            def enqueue(self, *args):
                calls.append(args)
                return SimpleNamespace(id=f"task-{len(calls)}")

        monkeypatch.setattr("tandem.evaluation.tasks.refresh_report", Task())
        snapshots.request_refresh(programme=cast["programme"])
        snapshots.request_refresh(programme=cast["programme"])
        snapshots.request_refresh(programme=cast["programme"], force=True)
        assert len(calls) == 2

    def test_refresh_button_recomputes_and_returns_to_the_report(self, client, cast):
        client.force_login(cast["coordinator"])
        url = reverse("evaluation:report-refresh", args=[cast["programme"].uuid])
        response = client.post(url, follow=True)
        assert "The report is being brought up to date." in response.content.decode()
        assert ReportSnapshot.objects.get(programme=cast["programme"]).computed_at
