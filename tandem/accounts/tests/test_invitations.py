"""Invitations: a one-time link to choose a password that expires after
TANDEM_INVITATION_DAYS, ends when used or when a new invitation is sent."""

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.core import mail

from tandem.accounts import invitations
from tandem.accounts.invitations import invitation_status, send_invitations
from tandem.accounts.models import User
from tandem.testing.factories import UserFactory


def invite(db_user, actor, captured):
    with captured(execute=True):
        send_invitations(actor=actor, users=[db_user], organisation_name="Moorland Academy")
    return re.search(r"https?://\S+/accounts/invitation/\S+/", mail.outbox[-1].body).group(0)


@pytest.fixture
def people(db):
    # Helen invites Newton, who has no password yet.
    helen = UserFactory(full_name="Helen Okafor")
    newton = User.objects.create_user("newton@example.org", full_name="Newton Teacher")
    newton.set_unusable_password()
    newton.save()
    return helen, newton


def path_of(link):
    return link.removeprefix(settings.TANDEM_SITE_URL)


def test_the_link_sets_a_password_once(client, people, django_capture_on_commit_callbacks):
    helen, newton = people
    link = invite(newton, helen, django_capture_on_commit_callbacks)
    assert link.startswith(f"{settings.TANDEM_SITE_URL}/accounts/invitation/")
    message = mail.outbox[0]
    assert message.to == ["newton@example.org"]
    assert "Helen Okafor has added you to Moorland Academy" in message.body
    assert f"for {settings.TANDEM_INVITATION_DAYS} days" in message.body
    assert invitation_status(User.objects.get(pk=newton.pk)) == "invited"
    page = client.get(path_of(link))
    assert "Choose your password" in page.content.decode()
    response = client.post(
        path_of(link),
        {"new_password1": "a long pass phrase 42", "new_password2": "a long pass phrase 42"},
    )
    assert response.status_code == 302
    newton.refresh_from_db()
    assert newton.check_password("a long pass phrase 42")
    assert invitation_status(newton) == "accepted"
    # Used once: the same link no longer works.
    assert client.get(path_of(link)).status_code == 404


def test_a_mismatched_password_keeps_the_link_working(
    client, people, django_capture_on_commit_callbacks
):
    helen, newton = people
    link = invite(newton, helen, django_capture_on_commit_callbacks)
    response = client.post(
        path_of(link), {"new_password1": "a long pass phrase 42", "new_password2": "other"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert client.get(path_of(link)).status_code == 200


def test_the_link_expires_after_the_configured_days(
    client, people, settings, django_capture_on_commit_callbacks
):
    settings.TANDEM_INVITATION_DAYS = 3
    helen, newton = people
    link = invite(newton, helen, django_capture_on_commit_callbacks)
    later = dt.datetime.now(tz=dt.UTC)
    with time_machine.travel(later + dt.timedelta(days=2, hours=23)):
        assert client.get(path_of(link)).status_code == 200
    with time_machine.travel(later + dt.timedelta(days=3, hours=1)):
        response = client.get(path_of(link))
    assert response.status_code == 404
    assert "This invitation link has expired" in response.content.decode()


def test_a_new_invitation_ends_the_old_link(client, people, django_capture_on_commit_callbacks):
    helen, newton = people
    first = invite(newton, helen, django_capture_on_commit_callbacks)
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(seconds=2)):
        second = invite(User.objects.get(pk=newton.pk), helen, django_capture_on_commit_callbacks)
        assert first != second
        assert client.get(path_of(first)).status_code == 404
        assert client.get(path_of(second)).status_code == 200


def test_a_forged_link_does_nothing(client, people):
    _helen, newton = people
    assert client.get("/accounts/invitation/MQ/abc-123/").status_code == 404
    assert client.get("/accounts/invitation/not-base64/x/").status_code == 404
    newton.refresh_from_db()
    assert not newton.has_usable_password()


def test_people_who_have_signed_in_are_not_invited(people, django_capture_on_commit_callbacks):
    helen, _newton = people
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_invitations(actor=helen, users=[helen], organisation_name="Moorland Academy")
    assert sent == 0
    assert not mail.outbox


def test_single_sign_on_is_mentioned_when_configured(
    people, settings, django_capture_on_commit_callbacks
):
    settings.SOCIALACCOUNT_PROVIDERS = {"microsoft": {}}
    helen, newton = people
    invite(newton, helen, django_capture_on_commit_callbacks)
    assert "sign in with your Microsoft work account" in mail.outbox[0].body


def test_many_invitations_are_sent_by_a_background_task(
    people, monkeypatch, django_capture_on_commit_callbacks
):
    helen, newton = people
    other = User.objects.create_user("other@example.org", full_name="Other Person")
    other.set_unusable_password()
    other.save()
    monkeypatch.setattr(invitations, "INLINE_INVITATIONS", 1)
    queued = []
    real = invitations.email_invitations_task

    class Spy:
        def enqueue(self, *args):
            queued.append(args)
            return real.enqueue(*args)

    monkeypatch.setattr(invitations, "email_invitations_task", Spy())
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_invitations(actor=helen, users=[newton, other], organisation_name="Moorland")
    assert sent == 2
    assert len(queued) == 1
    assert sorted(message.to[0] for message in mail.outbox) == [
        "newton@example.org",
        "other@example.org",
    ]
    newton.refresh_from_db()
    link = re.search(r"https?://\S+/accounts/invitation/\S+/", mail.outbox[0].body).group(0)
    assert link.startswith(settings.TANDEM_SITE_URL)
