"""Runs: record one, then compute it now (small programmes) or queue it for a worker; fail
runs whose worker died, and try failed ones again."""

from datetime import datetime

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.heartbeat import stale_before
from tandem.matching import tasks
from tandem.matching.models import MatchRun, RunMode, RunStatus
from tandem.matching.services.computation import execute_run
from tandem.matching.services.settings import get_settings, settings_snapshot
from tandem.programmes.models import Programme
from tandem.programmes.policy import require_coordinator
from tandem.task_status import TaskStatus, give_up_waiting, task_status


def start_run(
    *,
    actor: User,
    programme: Programme,
    mode: str,
    rematch_ids: list[int] | None = None,
) -> MatchRun:
    """Record a run and compute it now (small programmes) or in the background."""
    require_coordinator(actor, programme)
    if mode not in RunMode.values:
        message = "Choose how to match."
        raise ValidationError({"mode": message})
    if mode == RunMode.REMATCH and not rematch_ids:
        message = "Choose at least one mentee to rematch."
        raise ValidationError({"mentees": message})
    match_settings = get_settings(programme)
    run = MatchRun.objects.create(
        programme=programme,
        mode=mode,
        created_by=actor,
        options=settings_snapshot(match_settings),
        inputs={"rematch": sorted(rematch_ids or [])},
        progress_note="Waiting to start",
    )
    _compute(run)
    return run


def _compute(run: MatchRun) -> None:
    people = run.programme.enrolments.approved().filter(role="mentee").count()
    if people <= django_settings.TANDEM_MATCH_INLINE_MENTEES:
        execute_run(run.pk)
        run.refresh_from_db()
    else:

        def enqueue() -> None:
            result = tasks.compute_run.enqueue(run.pk)
            MatchRun.objects.filter(pk=run.pk).update(task_id=str(result.id))

        transaction.on_commit(enqueue)


def run_task_status(run: MatchRun) -> TaskStatus | None:
    """The queued computation's real state while the run is not finished (its page)."""
    return None if run.is_finished_computing else task_status(run.task_id)


def _is_stuck_waiting(run: MatchRun) -> bool:
    """Queued and never started by a worker: safe to queue again (nothing was computed)."""
    if run.status != RunStatus.QUEUED:
        return False
    status = task_status(run.task_id)
    return status is not None and status.state == "stuck" and status.was_waiting


def retry_run(*, actor: User, run: MatchRun) -> MatchRun:
    """Compute a failed run again with the settings it started with (coordinators).
    A failed run stored nothing (its results are saved in one transaction)."""
    require_coordinator(actor, run.programme)
    retryable = [RunStatus.FAILED, *([RunStatus.QUEUED] if _is_stuck_waiting(run) else [])]
    if run.status in retryable:
        # The old task may still be queued (no worker came): not both, later.
        give_up_waiting(run.task_id)
    reset = MatchRun.objects.filter(pk=run.pk, status__in=retryable).update(
        status=RunStatus.QUEUED,
        error="",
        progress=0,
        progress_note="Waiting to start",
        heartbeat_at=None,
        updated_at=timezone.now(),
    )
    if not reset:
        message = "Only a failed run, or one no worker has started, can be tried again."
        raise ValidationError(message)
    record_event(actor=actor, action="matching.retry", target=run)
    run.refresh_from_db()
    _compute(run)
    return run


def abandoned_message(last_heard: datetime) -> str:
    when = timezone.localtime(last_heard).strftime("%-d %B %Y at %H:%M")
    return (
        f"The worker computing this run stopped (last heard from on {when}), so the run "
        "never finished. Nothing was changed. Try again, or discard the run."
    )


def fail_abandoned_runs(*, runs: QuerySet[MatchRun] | None = None) -> int:
    """Mark running runs whose worker stopped beating as failed, so their coordinator can
    retry or discard them; returns how many. Called by `tandem sweep_tasks` and on the
    run's page."""
    stalled = (runs if runs is not None else MatchRun.objects.all()).filter(
        Q(heartbeat_at__lt=stale_before())
        | Q(heartbeat_at__isnull=True, updated_at__lt=stale_before()),
        status=RunStatus.RUNNING,
    )
    failed = 0
    for run in stalled.only("pk", "heartbeat_at", "updated_at"):
        last_heard = run.heartbeat_at or run.updated_at
        failed += MatchRun.objects.filter(
            pk=run.pk, status=RunStatus.RUNNING, heartbeat_at=run.heartbeat_at
        ).update(
            status=RunStatus.FAILED,
            error=abandoned_message(last_heard),
            progress_note="Stopped",
            updated_at=timezone.now(),
        )
    return failed
