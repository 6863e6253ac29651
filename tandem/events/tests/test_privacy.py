"""Registrations and attendance are personal data: kept six years after the programme ends,
in the person's subject-access pack, and removed when the person is erased."""

import datetime as dt

import pytest
from django.utils import timezone

from tandem.events import services
from tandem.events.models import Attendance, Event, EventMaterial, Registration
from tandem.events.tests.cast import build_event_cast
from tandem.privacy import retention
from tandem.privacy.models import DisposalLog
from tandem.privacy.services.erasure import erase_person
from tandem.privacy.services.retention import dispose_expired
from tandem.privacy.services.subject_access import collect
from tandem.programmes.models import Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(db):
    cast = build_event_cast()
    services.record_attendance(
        actor=cast["coordinator"], session=cast["training_session"], attended={cast["mentor"].pk}
    )
    return cast


def test_the_schedule_names_a_rule_for_every_events_model():
    assert isinstance(retention.RULES["events.Registration"], retention.Period)
    assert retention.RULES["events.Attendance"].period == "event"
    assert retention.PERIODS["event"][0] == "6y"


def test_registrations_and_attendance_go_six_years_after_the_programme_ends(cast):
    programme = cast["programme"]
    ends = programme.ends_on
    # A day short of six years: kept.
    dispose_expired(today=ends.replace(year=ends.year + 6))
    assert Registration.objects.filter(event__programme=programme).exists()
    dispose_expired(today=ends.replace(year=ends.year + 6) + dt.timedelta(days=1))
    assert not Registration.objects.filter(event__programme=programme).exists()
    assert not Attendance.objects.filter(session__event__programme=programme).exists()
    # The events themselves are the programme's record and stay; so does Bob's training.
    assert Event.objects.filter(programme=programme).count() == 2
    assert (
        cast["mentor"].profile.training_records.filter(course="Co-mentoring training day").exists()
    )
    logged = set(DisposalLog.objects.values_list("model", flat=True))
    assert {"events.Registration", "events.Attendance"} <= logged


def test_other_programmes_events_are_untouched(cast):
    Programme.objects.filter(pk=cast["programme"].pk).update(
        ends_on=timezone.localdate() + dt.timedelta(days=4000)
    )
    dispose_expired(today=timezone.localdate() + dt.timedelta(days=365 * 7))
    assert Registration.objects.filter(event__programme=cast["programme"]).count() == 2


def test_subject_access_pack_holds_registrations_and_attendance(cast):
    sections = {section.name: section for section in collect(cast["mentor"])}
    [registration] = sections["event_registrations"].rows
    assert registration["event_title"] == "Co-mentoring training day"
    assert registration["status"] == "confirmed"
    [attendance] = sections["event_attendance"].rows
    assert attendance["attended"] is True
    assert attendance["training_record_uuid"] is not None
    # Nobody else's registrations appear in Bob's pack.
    assert len(sections["event_registrations"].rows) == 1


def test_erasure_removes_registrations_and_attendance_only_of_that_person(cast):
    erase_person(actor=None, subject=cast["mentor"])
    assert not Registration.objects.filter(user=cast["mentor"]).exists()
    assert not Attendance.objects.filter(user=cast["mentor"]).exists()
    assert Registration.objects.filter(user=cast["mentee"]).exists()
    assert Attendance.objects.filter(user=cast["mentee"]).exists()
    assert EventMaterial.objects.filter(event=cast["training"]).count() == 2
