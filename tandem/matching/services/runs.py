"""Runs: record one, then compute it now (small programmes) or queue it for a worker."""

from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import transaction

from tandem.accounts.models import User
from tandem.matching import tasks
from tandem.matching.models import MatchRun, RunMode
from tandem.matching.services.computation import execute_run
from tandem.matching.services.settings import get_settings, settings_snapshot
from tandem.programmes.models import Programme
from tandem.programmes.policy import require_coordinator


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
    people = programme.enrolments.approved().filter(role="mentee").count()
    if people <= django_settings.TANDEM_MATCH_INLINE_MENTEES:
        execute_run(run.pk)
        run.refresh_from_db()
    else:
        transaction.on_commit(lambda: tasks.compute_run.enqueue(run.pk))
    return run
