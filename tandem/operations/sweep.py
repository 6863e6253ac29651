"""Jobs abandoned by a worker that died (kill -9, a lost machine): fail them so their owners
see it and can try again or discard them, instead of watching "running" for ever."""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tandem.imports.processing import fail_abandoned_jobs
from tandem.matching.services import fail_abandoned_runs


def fail_abandoned_task_results() -> int:
    """The queue's own record: a task 'running' far longer than any task takes is dead."""
    limit = timezone.now() - dt.timedelta(seconds=settings.TANDEM_TASK_TIMEOUT_SECONDS)
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=limit
    ).update(status=TaskResultStatus.FAILED, finished_at=timezone.now())


def sweep() -> dict[str, int]:
    """Fail every abandoned job; returns how many of each kind."""
    return {
        "matching runs": fail_abandoned_runs(),
        "imports": fail_abandoned_jobs(),
        "queued tasks": fail_abandoned_task_results(),
    }
