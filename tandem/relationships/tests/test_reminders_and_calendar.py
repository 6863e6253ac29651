"""Reminder emails through django-tasks, and the ICS feed of a person's meetings."""

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tandem.relationships.models import CalendarFeed, ReminderSent

pytestmark = pytest.mark.django_db


def test_reminders_go_once_and_carry_no_confidential_content(cast):
    # The cast has a meeting in four days, an action due today and signed agreements.
    with time_machine.travel(timezone.now() + dt.timedelta(days=3)):
        call_command("send_reminders", stdout=io.StringIO())
        # One digest each: Dana's holds her meeting and her action, Bob's the meeting.
        subjects = sorted(message.subject for message in mail.outbox)
        assert subjects == [
            "[Tandem] Your next learning conversation",
            "[Tandem] Your reminders: a learning conversation, an overdue action",
        ]
        assert all("hinge" not in message.body.lower() for message in mail.outbox)
        call_command("send_reminders", stdout=io.StringIO())
        assert len(mail.outbox) == 2  # nothing sent twice
    assert ReminderSent.objects.count() == 3


def test_unsigned_agreements_are_reminded(cast):
    from tandem.relationships.services.agreement import AGREEMENT_FIELDS, amend_agreement  # noqa: PLC0415

    agreement = cast["agreement"]
    fields = {name: getattr(agreement, name) for name in AGREEMENT_FIELDS}
    amend_agreement(
        actor=cast["mentee"],
        relationship=cast["relationship"],
        based_on=1,
        fields=fields | {"purpose": "Sharper focus"},
    )
    with time_machine.travel(timezone.now() + dt.timedelta(days=2, hours=1)):
        call_command("send_reminders", stdout=io.StringIO())
    signing = [m for m in mail.outbox if "needs your signature" in m.body]
    assert sorted(message.to[0] for message in signing) == sorted(
        [cast["mentee"].email, cast["mentor"].email]
    )


def test_the_calendar_feed_lists_meetings_without_content(client, cast):
    feed = CalendarFeed.objects.create(user=cast["mentee"])
    response = client.get(reverse("relationships:calendar-feed", args=[feed.token]))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 2
    assert "Learning conversation with Bob Mentor" in body
    assert "hinge" not in body.lower()
    assert f"UID:{cast['planned'].uuid}@" in body


def test_a_new_calendar_address_retires_the_old_one(client, cast):
    feed = CalendarFeed.objects.create(user=cast["mentee"])
    old = reverse("relationships:calendar-feed", args=[feed.token])
    client.force_login(cast["mentee"])
    client.post(reverse("relationships:calendar"))
    assert client.get(old).status_code == 404
