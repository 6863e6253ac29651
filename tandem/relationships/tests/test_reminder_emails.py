"""Reminder emails that behave, read back with Python's own email parser: one digest per
person per run, an HTML part and a plain-text part saying the same, the headers that mark
them automatic and let a mail client unsubscribe in one click (RFC 3834, RFC 8058), and a
page where each person chooses which kinds they get."""

import datetime as dt
import email
from email.message import EmailMessage
from email.policy import default
from urllib.parse import urlsplit

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tandem.accounts.models import User
from tandem.privacy.services.erasure import erase_person
from tandem.privacy.services.subject_access import collect
from tandem.relationships import reminders
from tandem.relationships.models import Action, ReminderOptOut, ReminderSent

pytestmark = pytest.mark.django_db

# The cast has a meeting in four days and one action of Dana's due today: three days on,
# Dana is owed a meeting and an overdue action, Bob the meeting.
THREE_DAYS_ON = dt.timedelta(days=3)


def _run() -> list[EmailMessage]:
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + THREE_DAYS_ON):
        reminders.send_due_reminders()
    return [
        email.message_from_bytes(message.message().as_bytes(), policy=default)
        for message in mail.outbox
    ]


def _to(messages: list[EmailMessage], user: User) -> list[EmailMessage]:
    return [message for message in messages if message["To"] == user.email]


def _second_overdue_action(cast) -> None:
    first = cast["action"]
    Action.objects.create(
        relationship=first.relationship,
        conversation=first.conversation,
        owner=cast["mentee"],
        description="Observe a colleague's starter",
        due_on=timezone.localdate(),
    )


def test_a_person_gets_one_digest_a_run_however_many_things_are_due(cast):
    _second_overdue_action(cast)
    messages = _run()
    assert len(_to(messages, cast["mentee"])) == 1
    assert len(_to(messages, cast["mentor"])) == 1
    digest = _to(messages, cast["mentee"])[0]
    assert digest["Subject"] == (
        "[Tandem] Your reminders: a learning conversation, 2 overdue actions"
    )
    text = digest.get_body(preferencelist=("plain",)).get_content()
    assert text.count("An action you agreed was due on") == 2
    assert "learning conversation planned for" in text
    assert ReminderSent.objects.filter(user=cast["mentee"]).count() == 3
    assert _run() == []  # nothing is sent twice


def test_every_reminder_says_it_is_automatic_and_offers_one_click_unsubscribe(cast):
    for message in _run():
        assert message["Auto-Submitted"] == "auto-generated"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        unsubscribe = message["List-Unsubscribe"].strip()  # a long header may be folded
        assert unsubscribe.startswith(f"<{settings.TANDEM_SITE_URL}/relationships/reminders/")
        assert unsubscribe.endswith(">")


def test_the_html_and_plain_text_parts_say_the_same_with_links_from_the_site_url(cast):
    digest = _to(_run(), cast["mentee"])[0]
    assert digest.get_content_type() == "multipart/alternative"
    text = digest.get_body(preferencelist=("plain",)).get_content()
    html = digest.get_body(preferencelist=("html",)).get_content()
    assert '<html lang="en-GB">' in html
    for words in ("Overdue actions", "Coming up", "Choose which reminders you get"):
        assert words in text
        assert words in html
    preferences = f"{settings.TANDEM_SITE_URL}/relationships/reminders/"
    assert f"Choose which reminders you get: {preferences}" in text
    assert f'href="{preferences}"' in html
    links = [word for word in text.split() if "://" in word]
    assert links
    assert all(link.startswith(settings.TANDEM_SITE_URL) for link in links)
    assert "hinge" not in (text + html).lower()  # never the content of the record


def _unsubscribe_path(message: EmailMessage) -> str:
    return urlsplit(message["List-Unsubscribe"].strip().strip("<>")).path


def test_one_click_unsubscribe_needs_no_sign_in_or_form_and_stops_every_kind(cast):
    digest = _to(_run(), cast["mentee"])[0]
    mail_provider = Client(enforce_csrf_checks=True)  # no cookie, no CSRF token
    response = mail_provider.post(
        _unsubscribe_path(digest),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert set(
        ReminderOptOut.objects.filter(user=cast["mentee"]).values_list("kind", flat=True)
    ) == set(reminders.KINDS)
    ReminderSent.objects.all().delete()
    messages = _run()
    assert _to(messages, cast["mentee"]) == []
    assert len(_to(messages, cast["mentor"])) == 1  # only Dana chose to stop


def test_following_the_link_only_asks(client, cast):
    digest = _to(_run(), cast["mentee"])[0]
    response = client.get(_unsubscribe_path(digest))
    assert response.status_code == 200
    assert b"Stop all reminder emails" in response.content
    assert not ReminderOptOut.objects.exists()  # a mail scanner's visit changes nothing


def test_a_forged_or_closed_accounts_link_is_not_found(client, cast):
    digest = _to(_run(), cast["mentee"])[0]
    path = _unsubscribe_path(digest)
    forged = path.replace(path.rstrip("/").rsplit(":", 1)[-1], "forged")
    assert client.post(forged).status_code == 404
    erase_person(actor=None, subject=cast["mentee"])
    assert client.post(path).status_code == 404


def test_a_person_chooses_which_kinds_of_reminder_they_get(client, cast):
    client.force_login(cast["mentee"])
    page = client.get(reverse("relationships:reminder-preferences"))
    assert page.status_code == 200
    assert b"Actions I agreed that are overdue" in page.content
    wanted = [kind for kind in reminders.KINDS if kind != "action"]
    response = client.post(reverse("relationships:reminder-preferences"), {"wanted": wanted})
    assert response.status_code == 302
    digest = _to(_run(), cast["mentee"])[0]
    assert digest["Subject"] == "[Tandem] Your next learning conversation"
    # The overdue action was not recorded as sent, so turning it back on sends it.
    client.post(reverse("relationships:reminder-preferences"), {"wanted": list(reminders.KINDS)})
    assert not ReminderOptOut.objects.filter(user=cast["mentee"]).exists()
    digest = _to(_run(), cast["mentee"])[0]
    assert digest["Subject"] == "[Tandem] An agreed action is overdue"


def test_an_unknown_kind_is_refused_and_nothing_changes(client, cast):
    client.force_login(cast["mentee"])
    response = client.post(reverse("relationships:reminder-preferences"), {"wanted": ["spam"]})
    assert response.status_code == 200
    assert b"Select a valid choice" in response.content
    assert not ReminderOptOut.objects.exists()


def test_reminder_choices_are_in_the_subject_access_pack_and_go_with_erasure(client, cast):
    client.force_login(cast["mentee"])
    client.post(reverse("relationships:reminder-preferences"), {"wanted": ["meeting"]})
    sections = {section.name: section for section in collect(cast["mentee"])}
    kinds = {row["kind"] for row in sections["reminder_opt_outs"].rows}
    assert kinds == set(reminders.KINDS) - {"meeting"}
    erase_person(actor=None, subject=cast["mentee"])
    assert not ReminderOptOut.objects.filter(user=cast["mentee"]).exists()
