"""Reminder emails leave after their record is committed, never inside a transaction, and
one that cannot be sent is tried again next time."""

import datetime as dt
import smtplib
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.utils import timezone

from tandem.relationships import reminders
from tandem.relationships.models import ReminderSent


@pytest.mark.usefixtures("transactional_db")
def test_reminders_are_sent_outside_any_transaction(cast):
    inside_transaction = []

    def send(*args, **kwargs):
        inside_transaction.append(connection.in_atomic_block)

    with (
        time_machine.travel(timezone.now() + dt.timedelta(days=3)),
        mock.patch.object(reminders, "send_message", side_effect=send),
    ):
        reminders.send_due_reminders()
    assert inside_transaction == [False, False]  # one digest each for Dana and Bob


@pytest.mark.usefixtures("transactional_db")
def test_a_reminder_that_cannot_be_sent_is_tried_again(cast):
    mail.outbox.clear()  # building the cast sent its own emails
    later = timezone.now() + dt.timedelta(days=3)
    refused = smtplib.SMTPServerDisconnected("gone")
    with (
        time_machine.travel(later),
        mock.patch.object(reminders, "send_message", side_effect=refused),
    ):
        assert reminders.send_due_reminders() == 0
    assert not ReminderSent.objects.exists()
    with time_machine.travel(later):
        assert reminders.send_due_reminders() == 2
    assert len(mail.outbox) == 2
    assert ReminderSent.objects.count() == 3
