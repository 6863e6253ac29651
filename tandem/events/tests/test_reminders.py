"""The day before a session, people with a place get it in their reminder digest, through
the same preferences and opt-out as every other reminder."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tandem.events import services
from tandem.events.models import Registration
from tandem.events.tests.cast import build_event_cast, confirm
from tandem.relationships import reminders
from tandem.relationships.models import ReminderOptOut

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(db):
    cast = build_event_cast()
    cast["eve_place"] = confirm(cast["gathering"], cast["other_mentee"])
    return cast


def _run_on(day_offset: int) -> list:
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + dt.timedelta(days=day_offset)):
        reminders.send_due_reminders()
    return list(mail.outbox)


def _to(messages, user):
    return [message for message in messages if message.to == [user.email]]


def test_the_day_before_the_session_the_person_with_a_place_is_reminded(cast):
    [message] = _to(_run_on(4), cast["other_mentee"])  # the gathering is in five days
    assert message.subject == "[Tandem] Tomorrow: Spring gathering day"
    assert "Kirkdale Arts Centre" in message.body
    assert cast["gathering"].get_absolute_url() in message.body
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_no_reminder_two_days_before_or_twice(cast):
    assert _to(_run_on(3), cast["other_mentee"]) == []
    assert len(_to(_run_on(4), cast["other_mentee"])) == 1
    assert _to(_run_on(4), cast["other_mentee"]) == []


def test_people_waiting_and_cancelled_events_get_none(cast):
    Registration.objects.create(
        event=cast["gathering"], user=cast["mentor"], status=Registration.Status.WAITING
    )
    assert _to(_run_on(4), cast["mentor"]) == []
    services.cancel_event(actor=cast["coordinator"], event=cast["gathering"])
    assert _to(_run_on(4), cast["other_mentee"]) == []


def test_a_person_who_turned_event_reminders_off_gets_none(cast):
    ReminderOptOut.objects.create(user=cast["other_mentee"], kind="event")
    assert _to(_run_on(4), cast["other_mentee"]) == []


def test_the_preferences_page_offers_event_reminders(client, cast):
    client.force_login(cast["other_mentee"])
    page = client.get(reverse("relationships:reminder-preferences")).content.decode()
    assert "Events I have a place at, the day before" in page
