"""The shared task-status component reads the task's real row in the queue: waiting (with
its place), running (since when), done, failed (in plain words) and stuck."""

import datetime as dt
import uuid

import pytest
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tandem.task_status import (
    ABANDONED_ERROR,
    EXPECTED_WAIT,
    GENERAL_ERROR,
    give_up_waiting,
    task_status,
)

NOW = timezone.now()


def queued(minutes_ago: float = 0, **fields) -> DBTaskResult:
    row = DBTaskResult.objects.create(
        task_path="tandem.evaluation.tasks.refresh_report",
        args_kwargs={"args": [1], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        run_after=NOW,
        **fields,
    )
    DBTaskResult.objects.filter(pk=row.pk).update(
        enqueued_at=NOW - dt.timedelta(minutes=minutes_ago)
    )
    row.refresh_from_db()
    return row


def render(status) -> str:
    return render_to_string(
        "partials/task_status.html",
        {"status": status, "subject": "The report", "poll_url": "/poll/", "retry_url": "/retry/"},
    )


@pytest.mark.django_db
class TestTaskStatus:
    def test_a_queued_task_is_waiting_with_its_place_in_the_queue(self):
        queued(minutes_ago=2)
        mine = queued(minutes_ago=1)
        status = task_status(mine.pk, now=NOW)
        assert status.state == "waiting"
        assert status.position == 2
        html = render(status)
        assert "number 2 in the queue" in html
        assert 'hx-get="/poll/"' in html
        assert "Try again" not in html

    def test_a_task_nobody_starts_is_stuck_and_offers_retry(self):
        row = queued(minutes_ago=EXPECTED_WAIT.total_seconds() / 60 + 1)
        status = task_status(row.pk, now=NOW)
        assert status.state == "stuck"
        assert status.can_retry
        html = render(status)
        assert "no background worker has started it" in html
        assert 'action="/retry/"' in html
        assert "hx-get" in html  # still polls: a worker may yet start it

    def test_a_running_task_says_since_when(self):
        row = queued(status=TaskResultStatus.RUNNING, started_at=NOW - dt.timedelta(minutes=3))
        status = task_status(row.pk, now=NOW)
        assert status.state == "running"
        assert f"started at {timezone.localtime(row.started_at):%H:%M}" in render(status)

    def test_a_task_running_far_too_long_is_stuck(self):
        row = queued(status=TaskResultStatus.RUNNING, started_at=NOW - dt.timedelta(hours=2))
        status = task_status(row.pk, now=NOW, run_limit=dt.timedelta(minutes=30))
        assert status.state == "stuck"
        assert "far longer than it should" in render(status)

    def test_a_finished_task_is_done_and_stops_polling(self):
        row = queued(status=TaskResultStatus.SUCCESSFUL, finished_at=NOW)
        status = task_status(row.pk, now=NOW)
        assert status.state == "done"
        html = render(status)
        assert "was last brought up to date on" in html
        assert "hx-get" not in html

    @pytest.mark.parametrize(
        ("exception", "words"),
        [
            ("django.db.utils.OperationalError", "the database could not be reached"),
            ("builtins.KeyError", GENERAL_ERROR),
            ("", ABANDONED_ERROR),  # failed by the sweep: no exception recorded
        ],
    )
    def test_a_failed_task_says_why_in_plain_words(self, exception, words):
        row = queued(
            status=TaskResultStatus.FAILED, finished_at=NOW, exception_class_path=exception
        )
        status = task_status(row.pk, now=NOW)
        assert status.state == "failed"
        assert status.error == words
        html = render(status)
        assert "could not be finished" in html
        assert "Traceback" not in html
        assert 'action="/retry/"' in html
        assert "hx-get" not in html

    def test_without_a_row_it_is_done_only_if_the_record_says_so(self):
        assert task_status(str(uuid.uuid4()), finished_at=NOW).state == "done"
        assert task_status(str(uuid.uuid4())) is None
        assert task_status("") is None

    def test_giving_up_takes_only_a_waiting_task_off_the_queue(self):
        waiting = queued()
        running = queued(status=TaskResultStatus.RUNNING, started_at=NOW)
        assert give_up_waiting(waiting.pk)
        assert not give_up_waiting(running.pk)
        assert not give_up_waiting("")
        waiting.refresh_from_db()
        running.refresh_from_db()
        assert waiting.status == TaskResultStatus.FAILED
        assert running.status == TaskResultStatus.RUNNING
