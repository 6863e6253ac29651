"""Every absolute link in every email Tandem sends comes from TANDEM_SITE_URL, never from
the host of the request that caused it (an internal name, or a forged Host header that
would steer a password link elsewhere), and no email carries a link without a host.

The first test finds every place in the code that sends mail, so a new one must be added
here; the others send each email with requests to a foreign host and check its links."""

import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.imports.models import ImportJob
from tandem.programmes.services import invite_people
from tandem.relationships.reminders import send_due_reminders
from tandem.testing.factories import UserFactory
from tandem.testing.workflow import build_cast

ROOT = Path(__file__).resolve().parents[1]
FOREIGN = "127.0.0.1:8300"
SENDING = re.compile(
    r"\b(send_mail|send_mass_mail|mail_on_commit|EmailMessage|EmailMultiAlternatives|"
    r"send_notification_mail|send_invitations|send_message|templated_message)\("
)
# Every module that sends mail, and how its links are made. Each is sent below, except the
# matching choice emails, whose one link is TANDEM_SITE_URL + a fixed path.
SENDERS = {
    "accounts/invitations.py": "sent below (imports, organisations, invitations page)",
    "imports/services.py": "sent below (invitations page)",
    "imports/processing.py": "sent below (staff import)",
    "organisations/services.py": "sent below (adding a member, new and existing)",
    "programmes/services.py": "sent below (programme invitation); the other has no link",
    "relationships/reminders.py": "sent below",
    "relationships/services/agreement.py": "no link",
    "relationships/services/lifecycle.py": "no link",
    "matching/services/choice.py": "TANDEM_SITE_URL + /matching/choose/",
    "events/services.py": "sent below (place confirmed, promoted, event cancelled)",
    "bank/services.py": "no link (nominated, decided, withdrawn)",
    "casestudies/services.py": "site_url(): the case study's page (each workflow step)",
    "research/services/studies.py": "site_url(): the person's own research page",
    "mail.py": "the helper itself",
    "accounts/adapter.py": "allauth's emails, links rebuilt from the site address (below)",
}
URL = re.compile(r"https?://[^\s<>\"')]+")
RELATIVE = re.compile(r"(?:^|[\s:(])(/[a-z][\w./-]*/)", re.MULTILINE)


def test_every_module_that_sends_mail_is_listed():
    found = {
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if "tests" not in path.parts and "testing" not in path.parts
        if SENDING.search(path.read_text()) and "def mail_on_commit" not in path.name
    }
    assert found == set(SENDERS)
    for name in SENDERS:
        source = (ROOT / name).read_text()
        assert "build_absolute_uri" not in source, name
        assert "get_host(" not in source, name


def assert_links_from_site(messages):
    assert messages
    site = settings.TANDEM_SITE_URL.rstrip("/") + "/"
    for message in messages:
        bodies = [message.body] + [body for body, _type in getattr(message, "alternatives", [])]
        for body in bodies:
            assert FOREIGN not in body, message.subject
            for link in URL.findall(body):
                assert link.startswith(site), (message.subject, link)
            assert not RELATIVE.findall(body), (message.subject, RELATIVE.findall(body))


@pytest.fixture
def cast(db):
    return build_cast()


def test_password_reset_and_unknown_account_emails(client, db):
    UserFactory(email="known@example.org")
    for email in ["known@example.org", "nobody@example.org"]:
        client.post(reverse("account_reset_password"), {"email": email}, HTTP_HOST=FOREIGN)
    assert len(mail.outbox) == 2
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert_links_from_site(mail.outbox)


def test_email_confirmation(client, db):
    user = UserFactory(email="unconfirmed@example.org")
    user.set_password("a long pass phrase 42")
    user.save()
    EmailAddress.objects.filter(user=user).delete()
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    client.post(
        reverse("account_login"),
        {"login": user.email, "password": "a long pass phrase 42"},
        HTTP_HOST=FOREIGN,
    )
    assert len(mail.outbox) == 1
    assert_links_from_site(mail.outbox)


def test_adding_members_and_importing_staff(client, cast, django_capture_on_commit_callbacks):
    client.force_login(cast["leader"])
    moorland = cast["moorland"]
    add = reverse("organisations:member-add", args=[moorland.uuid])
    member = {"job_title": "", "role_category": "teacher", "access": "member"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            add, {"email": "new@example.org", "full_name": "New"} | member, HTTP_HOST=FOREIGN
        )
        client.post(
            add, {"email": cast["outsider"].email, "full_name": "X"} | member, HTTP_HOST=FOREIGN
        )
    content = b"Email,Full name\nimported@example.org,Imported Person\n"
    client.post(
        reverse("imports:people-import", args=[moorland.uuid]),
        {"file": SimpleUploadedFile("staff.csv", content)},
        HTTP_HOST=FOREIGN,
    )
    job = ImportJob.objects.get()
    client.post(
        job.get_absolute_url(), {"email": "Email", "full_name": "Full name"}, HTTP_HOST=FOREIGN
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("imports:job-commit", args=[job.uuid]),
            {"send_invitations": "on"},
            HTTP_HOST=FOREIGN,
        )
        client.post(
            reverse("imports:invitations", args=[moorland.uuid]),
            {"everyone": "1"},
            HTTP_HOST=FOREIGN,
        )
    recipients = [message.to[0] for message in mail.outbox]
    assert {"new@example.org", cast["outsider"].email, "imported@example.org"} <= set(recipients)
    assert_links_from_site(mail.outbox)


def test_programme_invitation_and_reminders(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite_people(
            actor=cast["coordinator"],
            programme=cast["programme"],
            users=[cast["line_manager"]],
            role="mentor",
        )
    assert "/programmes/" in mail.outbox[0].body
    send_due_reminders()
    assert_links_from_site(mail.outbox)


def test_event_places_and_cancellation(client, db, django_capture_on_commit_callbacks):
    from tandem.events.tests.cast import build_event_cast  # noqa: PLC0415 - events' own cast

    events_cast = build_event_cast()
    gathering = events_cast["gathering"]
    with django_capture_on_commit_callbacks(execute=True):
        for role in ("other_mentee", "mentor"):  # a place, then the waiting list
            client.force_login(events_cast[role])
            url = reverse("events:event-register", args=[gathering.uuid])
            client.post(url, HTTP_HOST=FOREIGN)
        client.force_login(events_cast["other_mentee"])
        place = gathering.registrations.get(user=events_cast["other_mentee"])
        url = reverse("events:registration-cancel", args=[place.uuid])
        client.post(url, {"confirmed": "yes"}, HTTP_HOST=FOREIGN)  # promotes Bob
        client.force_login(events_cast["coordinator"])
        url = reverse("events:event-cancel", args=[gathering.uuid])
        client.post(url, {"note": ""}, HTTP_HOST=FOREIGN)
    subjects = [message.subject for message in mail.outbox]
    assert subjects == [
        "[Tandem] Place confirmed: Spring gathering day",
        "[Tandem] A place for you: Spring gathering day",
        "[Tandem] Cancelled: Spring gathering day",
    ]
    assert_links_from_site(mail.outbox)
