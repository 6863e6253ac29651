"""Nightly disposal: what has expired goes, what has not stays, and each run is logged."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from tandem.accounts.models import User
from tandem.organisations.models import Membership
from tandem.privacy.models import DisposalLog
from tandem.privacy.services.erasure import is_erased
from tandem.privacy.services.retention import dispose_expired
from tandem.programmes.models import Enrolment
from tandem.relationships.models import Goal, Relationship
from tandem.testing.twofactor import give_two_factor

TODAY = dt.date(2033, 6, 15)


def _end(relationship, on):
    Relationship.objects.filter(pk=relationship.pk).update(
        status="ended", ended_on=on, end_reason="completed"
    )


@pytest.fixture
def expired(cast):
    """The cast's relationship ended six years and a day before TODAY."""
    _end(cast["relationship"], dt.date(2027, 6, 14))
    return cast


def test_relationship_is_deleted_with_its_files_after_six_years(
    expired, django_capture_on_commit_callbacks
):
    evidence = expired["evidence"]
    storage, name = evidence.file.storage, evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        dispose_expired(today=TODAY)
    assert not Relationship.objects.filter(pk=expired["relationship"].pk).exists()
    assert not Goal.objects.filter(pk=expired["goal"].pk).exists()
    assert not storage.exists(name)
    log = DisposalLog.objects.get(model="relationships.Relationship")
    assert (log.num_records, log.outcome, log.rule, log.cutoff_on) == (
        1,
        "deleted",
        "relationship",
        dt.date(2027, 6, 15),
    )


def test_relationship_ended_on_the_cutoff_day_is_kept(cast):
    _end(cast["relationship"], dt.date(2027, 6, 15))
    dispose_expired(today=TODAY)
    assert Relationship.objects.filter(pk=cast["relationship"].pk).exists()
    assert not DisposalLog.objects.filter(model="relationships.Relationship").exists()


def test_dry_run_changes_and_logs_nothing(expired):
    disposals = dispose_expired(today=TODAY, dry_run=True)
    assert "relationships.Relationship" in {disposal.model for disposal in disposals}
    assert Relationship.objects.filter(pk=expired["relationship"].pk).exists()
    assert not DisposalLog.objects.exists()


def test_longer_configured_period_keeps_the_relationship(expired, settings):
    settings.TANDEM_RETENTION = {"relationship": "7y"}
    dispose_expired(today=TODAY)
    assert Relationship.objects.filter(pk=expired["relationship"].pk).exists()


def test_enrolment_text_is_anonymised_after_the_programme_ends(cast):
    programme = cast["programme"]
    type(programme).objects.filter(pk=programme.pk).update(
        starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2027, 1, 1)
    )
    application = cast["application"]
    dispose_expired(today=TODAY)
    application.refresh_from_db()
    assert application.expertise == ""
    assert Enrolment.objects.filter(pk=application.pk).exists()  # the count survives
    log = DisposalLog.objects.get(model="programmes.Enrolment")
    assert log.outcome == "anonymised"


def test_person_who_left_long_ago_is_erased(cast):
    leaver = cast["line_manager"]
    Membership.objects.filter(user=leaver).update(ended_on=dt.date(2026, 1, 1))
    User.objects.filter(pk=leaver.pk).update(
        last_login=None, date_joined=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    )
    dispose_expired(today=TODAY)
    assert is_erased(User.objects.get(pk=leaver.pk))
    # Memberships ended over six years ago go too; current members are untouched.
    assert not Membership.objects.filter(user=leaver).exists()
    assert not is_erased(User.objects.get(pk=cast["coordinator"].pk))


def test_command_reports_what_it_did(expired, capsys):
    call_command("dispose", "--today", TODAY.isoformat())
    out = capsys.readouterr().out
    assert (
        "Disposed of 1 relationships.Relationship (deleted; relationship before 2027-06-15)." in out
    )
    call_command("dispose", "--today", TODAY.isoformat())
    assert "Nothing has expired." in capsys.readouterr().out


def test_command_queues_a_task(expired, capsys):
    call_command("dispose", "--queue", "--today", TODAY.isoformat())
    assert "Queued disposal as task" in capsys.readouterr().out
    # The test settings run tasks at once.
    assert not Relationship.objects.filter(pk=expired["relationship"].pk).exists()


def test_schedule_page_shows_periods_and_the_log_to_leads_only(client, expired):
    dispose_expired(today=TODAY)
    client.force_login(expired["mentee"])
    page = client.get(reverse("privacy:retention-schedule")).content.decode()
    assert "6 years" in page
    assert "Recent disposals" not in page
    Membership.objects.filter(user=expired["leader"]).update(data_protection_lead=True)
    give_two_factor(expired["leader"])  # data-protection leads must have two-factor
    client.force_login(expired["leader"])
    page = client.get(reverse("privacy:retention-schedule")).content.decode()
    assert "Recent disposals" in page
    assert "relationships.Relationship" in page
