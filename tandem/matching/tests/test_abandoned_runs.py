"""A run whose worker died mid-computation is failed by the sweep (or when its page is
opened), and its coordinator can try it again or discard it."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.matching import services
from tandem.matching.models import MatchRun

pytestmark = pytest.mark.django_db


def _stuck_run(cast: dict) -> MatchRun:
    """A queued run a worker claimed, reported 30 % on, then was killed."""
    run = MatchRun.objects.create(
        programme=cast["programme"],
        mode="allocation",
        created_by=cast["coordinator"],
        options=services.settings_snapshot(services.get_settings(cast["programme"])),
    )
    MatchRun.objects.filter(pk=run.pk).update(
        status=MatchRun.Status.RUNNING,
        progress=30,
        progress_note="Scoring every possible pair and solving",
        heartbeat_at=timezone.now(),
    )
    run.refresh_from_db()
    return run


def test_the_sweep_fails_a_run_its_worker_abandoned_and_no_other(matching_cast, settings):
    settings.TANDEM_TASK_STALE_SECONDS = 300
    run = _stuck_run(matching_cast)
    now = timezone.now()
    with time_machine.travel(now + dt.timedelta(seconds=290)):
        assert services.fail_abandoned_runs() == 0  # still beating recently enough
    with time_machine.travel(now + dt.timedelta(seconds=301)):
        assert services.fail_abandoned_runs() == 1
    run.refresh_from_db()
    assert run.status == MatchRun.Status.FAILED
    assert "worker computing this run stopped" in run.error
    assert run.proposals.count() == 0


def test_the_run_page_shows_an_abandoned_run_as_failed_with_retry_and_discard(
    matching_cast, client, settings
):
    settings.TANDEM_TASK_STALE_SECONDS = 300
    run = _stuck_run(matching_cast)
    client.force_login(matching_cast["coordinator"])
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6)):
        page = client.get(run.get_absolute_url()).content.decode()
    assert "30%" not in page
    assert "The run failed and nothing was changed" in page
    assert f"/matching/runs/{run.uuid}/retry/" in page
    assert f"/matching/runs/{run.uuid}/discard/" in page


def _failed_run(cast: dict) -> MatchRun:
    run = _stuck_run(cast)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6)):
        services.fail_abandoned_runs()
    run.refresh_from_db()
    return run


def test_a_failed_run_can_be_tried_again(matching_cast, settings):
    settings.TANDEM_TASK_STALE_SECONDS = 300
    run = _failed_run(matching_cast)
    services.retry_run(actor=matching_cast["coordinator"], run=run)
    run.refresh_from_db()
    assert run.status == MatchRun.Status.DRAFT
    assert run.error == ""
    assert run.proposals.count() == 3


def test_a_failed_run_can_be_discarded(matching_cast, settings):
    settings.TANDEM_TASK_STALE_SECONDS = 300
    run = _failed_run(matching_cast)
    services.discard_run(actor=matching_cast["coordinator"], run=run)
    run.refresh_from_db()
    assert run.status == MatchRun.Status.DISCARDED


def test_only_a_failed_run_is_tried_again(matching_cast):
    run = services.start_run(
        actor=matching_cast["coordinator"], programme=matching_cast["programme"], mode="allocation"
    )
    with pytest.raises(ValidationError, match="Only a failed run"):
        services.retry_run(actor=matching_cast["coordinator"], run=run)
