"""Background work that needs a person: the stuck or failed tasks a coordinator should see
(their programmes' report refreshes and matching runs, their own imports and exports), for
the coordinator's "Needs your attention" panel."""

import datetime as dt
from dataclasses import dataclass
from typing import TypeGuard

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import User
from tandem.evaluation.models import ReportSnapshot
from tandem.imports.models import ExportFile, ImportJob
from tandem.matching.models import MatchRun, RunStatus
from tandem.programmes.models import Programme
from tandem.task_status import TaskStatus, task_statuses


@dataclass(frozen=True)
class AttentionTask:
    what: str  # "Report refresh for Early-career mentoring 2026"
    status: TaskStatus  # stuck or failed, with the error in plain words
    url: str  # the page that shows it and offers Retry
    at: dt.datetime  # when it was queued, or last changed: newest first


def _needs_attention(status: TaskStatus | None) -> TypeGuard[TaskStatus]:
    return status is not None and status.state in {"stuck", "failed"}


def _domain_failure(error: str, at: dt.datetime) -> TaskStatus:
    """A run or import its own record marks failed (computed inline, or failed by the sweep)."""
    return TaskStatus("failed", finished_at=at, error=error.rstrip(".") or "it stopped")


def stuck_or_failed_tasks_for(user: User, *, now: dt.datetime | None = None) -> list[AttentionTask]:
    """Stuck or failed background work `user` can act on, newest first. Five queries:
    report snapshots, matching runs, imports, exports, then their task rows at once."""
    now = now or timezone.now()
    programmes = Programme.objects.coordinated_by(user).values("pk")
    snapshots = list(
        ReportSnapshot.objects.filter(programme__in=programmes)
        .exclude(refresh_task_id="")
        .select_related("programme")
    )
    runs = list(
        MatchRun.objects.filter(
            programme__in=programmes,
            status__in=[RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.FAILED],
        ).select_related("programme")
    )
    jobs = list(
        ImportJob.objects.filter(created_by=user)
        .filter(
            Q(status=ImportJob.Status.FAILED)
            | Q(status__in=[ImportJob.Status.PREVIEWING, ImportJob.Status.COMMITTING])
        )
        .defer("report", "headers", "mapping")
    )
    exports = list(
        ExportFile.objects.filter(owner=user, finished_at__isnull=True, expires_at__gt=now)
    )
    statuses = task_statuses(
        [snapshot.refresh_task_id for snapshot in snapshots]
        + [run.task_id for run in runs]
        + [job.task_id for job in jobs]
        + [export.task_id for export in exports],
        now=now,
    )
    found: list[AttentionTask] = []
    for snapshot in snapshots:
        status = statuses.get(snapshot.refresh_task_id)
        if _needs_attention(status):
            url = reverse("evaluation:report", args=[snapshot.programme.uuid])
            what = f"Report refresh for {snapshot.programme.name}"
            found.append(AttentionTask(what, status, url, status.queued_at or snapshot.updated_at))
    for run in runs:
        what = f"{run.get_mode_display()} for {run.programme.name}"
        status = (
            _domain_failure(run.error, run.updated_at)
            if run.status == RunStatus.FAILED
            else statuses.get(run.task_id)
        )
        if _needs_attention(status):
            found.append(AttentionTask(what, status, run.get_absolute_url(), run.updated_at))
    for job in jobs:
        what = f"Import of {job.file_name}"
        status = (
            _domain_failure(job.error, job.updated_at)
            if job.status == ImportJob.Status.FAILED
            else statuses.get(job.task_id)
        )
        if _needs_attention(status):
            found.append(AttentionTask(what, status, job.get_absolute_url(), job.updated_at))
    for export in exports:
        status = statuses.get(export.task_id)
        if _needs_attention(status):
            what = f"Export: {export.title}"
            found.append(AttentionTask(what, status, export.get_absolute_url(), export.updated_at))
    return sorted(found, key=lambda task: task.at, reverse=True)
