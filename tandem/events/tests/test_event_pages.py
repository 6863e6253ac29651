"""Setting up, changing and cancelling events; sessions within the programme's dates; the
calendar file; materials."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tandem.events.models import Event, EventMaterial
from tandem.events.tests.cast import HANDOUT, build_event_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(db):
    return build_event_cast()


def _when(prefix, moment):
    local = timezone.localtime(moment)
    return {
        f"{prefix}_day": str(local.day),
        f"{prefix}_month": str(local.month),
        f"{prefix}_year": str(local.year),
        f"{prefix}_time": f"{local:%H:%M}",
    }


def _event_data(starts, hours=6, **extra):
    return {
        "kind": "workshop",
        "title": "Observation workshop",
        "description": "Practising lesson observation.",
        "capacity": "12",
        "place": "Room 4",
        **_when("starts_at", starts),
        **_when("ends_at", starts + dt.timedelta(hours=hours)),
        **extra,
    }


def test_coordinator_sets_up_an_event_with_its_first_session(client, cast):
    client.force_login(cast["coordinator"])
    starts = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=10)
    data = _event_data(starts, facilitators=[str(cast["facilitator"].pk)])
    response = client.post(reverse("events:event-create", args=[cast["programme"].uuid]), data)
    assert response.status_code == 302
    event = Event.objects.get(title="Observation workshop")
    assert event.created_by == cast["coordinator"]
    assert list(event.facilitators.all()) == [cast["facilitator"]]
    assert event.sessions.get().starts_at == starts


def test_a_session_outside_the_programme_is_refused_with_the_dates(client, cast):
    client.force_login(cast["coordinator"])
    programme = cast["programme"]
    starts = timezone.make_aware(
        dt.datetime.combine(programme.ends_on + dt.timedelta(days=1), dt.time(9))
    )
    response = client.post(
        reverse("events:event-create", args=[programme.uuid]), _event_data(starts)
    )
    assert response.status_code == 200
    assert f"The programme ends on {programme.ends_on:%-d %B %Y}" in response.content.decode()
    assert not Event.objects.filter(title="Observation workshop").exists()
    # What was typed is kept.
    assert "Practising lesson observation." in response.content.decode()


def test_a_session_needs_a_place_or_a_link_and_to_end_after_it_starts(client, cast):
    client.force_login(cast["coordinator"])
    starts = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=10)
    data = _event_data(starts, hours=-1, place="")
    response = client.post(reverse("events:session-add", args=[cast["training"].uuid]), data)
    body = response.content.decode()
    assert "A session must end after it starts." in body
    assert "Give a place or an online link" in body
    assert cast["training"].sessions.count() == 1


def test_cancelling_asks_first_then_emails_everyone_registered(
    client, cast, django_capture_on_commit_callbacks
):
    client.force_login(cast["coordinator"])
    url = reverse("events:event-cancel", args=[cast["training"].uuid])
    page = client.get(url)
    assert "2 people registered or waiting are emailed" in page.content.decode()
    assert Event.objects.get(pk=cast["training"].pk).status == Event.Status.SCHEDULED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"note": "The venue has flooded."})
    assert response.status_code == 302
    event = Event.objects.get(pk=cast["training"].pk)
    assert event.status == Event.Status.CANCELLED
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [cast["mentee"].email, cast["mentor"].email]
    )
    assert "The venue has flooded." in mail.outbox[0].body
    [(_name, calendar, kind)] = mail.outbox[0].attachments
    assert "STATUS:CANCELLED" in calendar
    assert "method=CANCEL" in kind
    # Cancelling twice is refused with a message, not an error page.
    again = client.post(url, {"note": ""})
    assert "already cancelled" in again.content.decode()


def test_calendar_file_has_stable_uids_and_is_not_cached(client, cast):
    client.force_login(cast["mentee"])
    response = client.get(reverse("events:event-calendar", args=[cast["training"].uuid]))
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Cache-Control"] == "private, no-store"
    body = response.content.decode()
    assert f"UID:{cast['training_session'].uuid}@events.tandem" in body
    assert "LOCATION:Kirkdale Arts Centre" in body
    assert body.endswith("END:VCALENDAR\r\n")


def test_registrants_download_materials_and_others_may_not(client, cast):
    url = reverse("events:material-download", args=[cast["handout"].uuid])
    client.force_login(cast["mentee"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == HANDOUT
    assert response["Cache-Control"] == "private, no-store"
    link = client.get(reverse("events:material-download", args=[cast["reading"].uuid]))
    assert link["Location"] == "https://example.org/reading"
    client.force_login(cast["other_mentee"])  # a participant, not registered
    assert client.get(url).status_code == 403


def test_material_upload_checks_the_file(client, cast):
    client.force_login(cast["coordinator"])
    url = reverse("events:material-add", args=[cast["training"].uuid])
    fake = SimpleUploadedFile("slides.pdf", b"MZ not a pdf", "application/pdf")
    response = client.post(url, {"title": "Slides", "file": fake})
    assert "do not match its .pdf name" in response.content.decode()
    response = client.post(url, {"title": "Slides"})
    assert "Attach a file or give a link" in response.content.decode()
    assert not EventMaterial.objects.filter(title="Slides").exists()


def test_removing_a_material_asks_first(client, cast):
    client.force_login(cast["coordinator"])
    url = reverse("events:material-remove", args=[cast["reading"].uuid])
    assert "Confirm: remove it" in client.post(url).content.decode()
    assert EventMaterial.objects.filter(pk=cast["reading"].pk).exists()
    client.post(url, {"confirmed": "yes"})
    assert not EventMaterial.objects.filter(pk=cast["reading"].pk).exists()


def test_registering_from_the_page(client, cast):
    client.force_login(cast["other_mentee"])
    url = reverse("events:event-detail", args=[cast["gathering"].uuid])
    assert "Register for a place" in client.get(url).content.decode()
    client.post(reverse("events:event-register", args=[cast["gathering"].uuid]))
    page = client.get(url).content.decode()
    assert "Your place is confirmed." in page
    client.force_login(cast["mentor"])
    assert "Join the waiting list" in client.get(url).content.decode()
    client.post(reverse("events:event-register", args=[cast["gathering"].uuid]))
    assert "You are number 1 on the waiting list" in client.get(url).content.decode()


def test_my_events_lists_places_waiting_and_facilitating(client, cast):
    client.force_login(cast["facilitator"])
    page = client.get(reverse("events:my-events")).content.decode()
    assert "Co-mentoring training day" in page
    assert "Facilitating" in page
    client.force_login(cast["mentee"])
    page = client.get(reverse("events:my-events")).content.decode()
    assert "Co-mentoring training day" in page
    assert "Place confirmed" in page
    assert "Spring gathering day" not in page


def test_events_list_counts_people_once_whatever_the_sessions(client, cast):
    from tandem.events import services  # noqa: PLC0415 - only this test adds a session

    services.add_session(
        actor=cast["coordinator"],
        event=cast["training"],
        fields={
            "starts_at": timezone.now() + dt.timedelta(days=3),
            "ends_at": timezone.now() + dt.timedelta(days=3, hours=2),
            "place": "Studio 2",
            "online_link": "",
        },
    )
    client.force_login(cast["mentee"])
    page = client.get(reverse("events:event-list", args=[cast["programme"].uuid]))
    assert "2 of 2 taken" in page.content.decode()
    assert "0 of 1 taken" in page.content.decode()
