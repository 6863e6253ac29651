"""What a page waiting on background work shows: the state of its task, read from the
task's row in the queue (django-tasks' database backend), never guessed.

A page passes the task's id (stored when the work was queued) and, for when the row is gone
(the immediate backend in tests, or a finished row already disposed of), when its own record
says the work last finished. `templates/partials/task_status.html` shows the result and
polls with htmx while it is not final; each app's own view offers Retry, through its policy.
"""

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from django.conf import settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

State = Literal["waiting", "running", "done", "failed", "stuck"]

# A task nobody has started after this long means no worker is running (or all are busy).
EXPECTED_WAIT = dt.timedelta(minutes=5)
# The plain words for the errors people can act on; anything else gets the general sentence.
ERROR_WORDS = {
    "django.db.utils.OperationalError": "the database could not be reached",
    "django.db.utils.InterfaceError": "the database could not be reached",
    "builtins.MemoryError": "the server ran out of memory",
    "builtins.TimeoutError": "it took too long",
    "django.core.exceptions.ValidationError": "the data it was given did not pass the checks",
    "builtins.FileNotFoundError": "a file it needed had gone",
}
GENERAL_ERROR = "an unexpected error stopped it; your administrator can see the details in the log"
# Failed by the sweep (tandem sweep_tasks): the worker running it stopped or was restarted.
ABANDONED_ERROR = "the worker running it stopped before it finished"


@dataclass(frozen=True)
class TaskStatus:
    state: State
    queued_at: dt.datetime | None = None
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    position: int | None = None  # 1 = next to start
    error: str = ""
    task_id: str = ""

    @property
    def is_final(self) -> bool:
        """Done or failed: nothing will change without someone acting, so stop polling."""
        return self.state in {"done", "failed"}

    @property
    def can_retry(self) -> bool:
        return self.state in {"failed", "stuck"}

    @property
    def was_waiting(self) -> bool:
        """Stuck before any worker started it (rather than stuck while running)."""
        return self.started_at is None


def expected_run() -> dt.timedelta:
    """How long a task may run before it looks stuck: the sweep's limit, or 30 minutes."""
    seconds = getattr(settings, "TANDEM_TASK_TIMEOUT_SECONDS", 1800)
    return dt.timedelta(seconds=min(seconds, 1800))


def plain_error(row: DBTaskResult) -> str:
    if not row.exception_class_path:
        return ABANDONED_ERROR
    return ERROR_WORDS.get(row.exception_class_path, GENERAL_ERROR)


def _row_id(task_id: object) -> uuid.UUID | None:
    """The queue row's key, or None for an id no row can have (the immediate backend's)."""
    try:
        return uuid.UUID(str(task_id)) if task_id else None
    except ValueError:
        return None


def _status_of(
    row: DBTaskResult,
    *,
    now: dt.datetime,
    expected_wait: dt.timedelta,
    run_limit: dt.timedelta | None,
) -> TaskStatus:
    common = {
        "queued_at": row.enqueued_at,
        "started_at": row.started_at,
        "finished_at": row.finished_at,
        "task_id": str(row.pk),
    }
    if row.status == TaskResultStatus.SUCCESSFUL:
        return TaskStatus("done", **common)
    if row.status == TaskResultStatus.FAILED:
        return TaskStatus("failed", error=plain_error(row), **common)
    if row.status == TaskResultStatus.RUNNING:
        limit = run_limit or expected_run()
        is_stuck = row.started_at is not None and now - row.started_at > limit
        return TaskStatus("stuck" if is_stuck else "running", **common)
    if now - row.enqueued_at > expected_wait:
        return TaskStatus("stuck", **common)
    return TaskStatus("waiting", **common)


def task_status(
    task_id: object,
    *,
    finished_at: dt.datetime | None = None,
    expected_wait: dt.timedelta = EXPECTED_WAIT,
    run_limit: dt.timedelta | None = None,
    now: dt.datetime | None = None,
) -> TaskStatus | None:
    """The state of the task `task_id` (two queries at most: its row, and its place in the
    queue while it waits). Without a row: done at `finished_at` if given, else None."""
    now = now or timezone.now()
    row_id = _row_id(task_id)
    row = DBTaskResult.objects.filter(pk=row_id).first() if row_id else None
    if row is None:
        return TaskStatus("done", finished_at=finished_at) if finished_at else None
    status = _status_of(row, now=now, expected_wait=expected_wait, run_limit=run_limit)
    if status.state != "waiting":
        return status
    ahead = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY,
        queue_name=row.queue_name,
        priority__gte=row.priority,
        enqueued_at__lt=row.enqueued_at,
    ).count()
    return replace(status, position=ahead + 1)


def task_statuses(
    task_ids: Iterable[object], *, now: dt.datetime | None = None
) -> dict[str, TaskStatus]:
    """The states of many tasks in one query, by id, without queue places (dashboards);
    ids with no row are left out."""
    now = now or timezone.now()
    row_ids = {row_id for row_id in map(_row_id, task_ids) if row_id is not None}
    if not row_ids:
        return {}
    return {
        str(row.pk): _status_of(row, now=now, expected_wait=EXPECTED_WAIT, run_limit=None)
        for row in DBTaskResult.objects.filter(pk__in=row_ids).defer(
            "args_kwargs", "return_value", "traceback"
        )
    }


def give_up_waiting(task_id: object) -> bool:
    """Take a stuck task off the queue before it is queued again (so a worker that comes
    back does not run it twice); a task already running is left to the sweep. Returns
    whether a waiting task was removed."""
    row_id = _row_id(task_id)
    if row_id is None:
        return False
    return bool(
        DBTaskResult.objects.filter(pk=row_id, status=TaskResultStatus.READY).update(
            status=TaskResultStatus.FAILED, finished_at=timezone.now()
        )
    )
