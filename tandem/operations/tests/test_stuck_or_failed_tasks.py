"""The stuck or failed background work a coordinator should see: their programmes' report
refreshes and matching runs, their own imports and exports; nobody else's, and nothing that
is merely waiting its turn or done. Query count stays flat as rows are added."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tandem.evaluation.models import ReportSnapshot
from tandem.imports.models import EXPORT_DOWNLOADABLE_FOR, ExportFile, ImportJob
from tandem.matching.models import MatchRun
from tandem.operations.selectors import stuck_or_failed_tasks_for

NOW = timezone.now()


@pytest.fixture(autouse=True)
def _clock_at_now():
    """Every test reads the clock at NOW: on a busy machine a test can start minutes after
    the module was imported, which would make 'queued a minute ago' look stuck."""
    with time_machine.travel(NOW, tick=False):
        yield


def task(status=TaskResultStatus.READY, minutes_ago=0, **fields) -> str:
    row = DBTaskResult.objects.create(
        task_path="tandem.imports.tasks.build_export",
        args_kwargs={"args": [1], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        run_after=NOW,
        status=status,
        **fields,
    )
    DBTaskResult.objects.filter(pk=row.pk).update(
        enqueued_at=NOW - dt.timedelta(minutes=minutes_ago)
    )
    return str(row.pk)


def export(owner, programme, task_id, title="Enrolments") -> ExportFile:
    return ExportFile.objects.create(
        owner=owner,
        kind="enrolments",
        file_format="csv",
        programme=programme,
        title=title,
        file_name="x.csv",
        task_id=task_id,
        expires_at=NOW + EXPORT_DOWNLOADABLE_FOR,
    )


@pytest.mark.django_db
class TestStuckOrFailedTasks:
    def test_lists_stuck_and_failed_work_of_every_kind(self, cast):
        coordinator, programme = cast["coordinator"], cast["programme"]
        ReportSnapshot.objects.create(programme=programme, refresh_task_id=task(minutes_ago=30))
        MatchRun.objects.create(
            programme=programme,
            mode="allocation",
            created_by=coordinator,
            status=MatchRun.Status.FAILED,
            error="The solver ran out of time.",
        )
        ImportJob.objects.create(
            kind="enrolments",
            programme=programme,
            created_by=coordinator,
            file="imports/x.csv",
            file_name="cohort.csv",
            status=ImportJob.Status.FAILED,
            error="The worker stopped.",
        )
        export(
            coordinator,
            programme,
            task(TaskResultStatus.FAILED, exception_class_path="builtins.MemoryError"),
        )
        found = {item.what: item for item in stuck_or_failed_tasks_for(coordinator)}
        assert set(found) == {
            f"Report refresh for {programme.name}",
            f"Optimal allocation for {programme.name}",
            "Import of cohort.csv",
            "Export: Enrolments",
        }
        assert found[f"Report refresh for {programme.name}"].status.state == "stuck"
        assert found["Export: Enrolments"].status.error == "the server ran out of memory"
        assert found[f"Optimal allocation for {programme.name}"].status.error == (
            "The solver ran out of time"
        )

    def test_waiting_running_and_done_work_is_left_out(self, cast):
        coordinator, programme = cast["coordinator"], cast["programme"]
        ReportSnapshot.objects.create(programme=programme, refresh_task_id=task(minutes_ago=1))
        export(coordinator, programme, task(TaskResultStatus.RUNNING, started_at=NOW))
        export(coordinator, programme, task(TaskResultStatus.SUCCESSFUL, finished_at=NOW))
        assert stuck_or_failed_tasks_for(coordinator) == []

    def test_other_peoples_work_is_left_out(self, cast):
        programme = cast["programme"]
        ReportSnapshot.objects.create(programme=programme, refresh_task_id=task(minutes_ago=30))
        export(cast["leader"], programme, task(TaskResultStatus.FAILED))
        assert stuck_or_failed_tasks_for(cast["outsider"]) == []
        assert [item.what for item in stuck_or_failed_tasks_for(cast["leader"])] == [
            "Export: Enrolments"
        ]

    def test_query_count_stays_flat(self, cast, django_assert_num_queries):
        coordinator, programme = cast["coordinator"], cast["programme"]
        export(coordinator, programme, task(TaskResultStatus.FAILED))
        # snapshots; runs; imports; exports; task rows
        with django_assert_num_queries(5):
            assert len(stuck_or_failed_tasks_for(coordinator)) == 1
        for number in range(5):
            export(coordinator, programme, task(TaskResultStatus.FAILED), title=f"E{number}")
        with django_assert_num_queries(5):
            assert len(stuck_or_failed_tasks_for(coordinator)) == 6


@pytest.mark.django_db
def test_the_home_page_lists_stopped_work_under_needs_your_attention(client, cast):
    coordinator, programme = cast["coordinator"], cast["programme"]
    ReportSnapshot.objects.create(programme=programme, refresh_task_id=task(minutes_ago=30))
    export(coordinator, programme, task(TaskResultStatus.FAILED), title="Relationships")
    client.force_login(coordinator)
    page = client.get("/").content.decode()
    assert "Background work that stopped" in page
    assert f"Report refresh for {programme.name}: has not finished" in page
    assert "Export: Relationships: failed" in page
    client.force_login(cast["outsider"])
    assert "Background work that stopped" not in client.get("/").content.decode()
