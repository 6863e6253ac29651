"""The secret calendar feed, read back with a real iCalendar parser as a subscribing
calendar would: UIDs that never change with the host name, and no caching anywhere."""

import icalendar
import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from tandem.relationships.ics import UID_DOMAIN
from tandem.relationships.models import CalendarFeed
from tandem.relationships.views.pages import calendar_feed

pytestmark = pytest.mark.django_db


def _events(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@override_settings(ALLOWED_HOSTS=["tandem.example.org", "127.0.0.1"])
def test_event_uids_are_the_same_whichever_host_name_the_calendar_uses(client, cast):
    feed = CalendarFeed.objects.create(user=cast["mentee"])
    url = reverse("relationships:calendar-feed", args=[feed.token])
    first = _events(client.get(url, HTTP_HOST="tandem.example.org"))
    second = _events(client.get(url, HTTP_HOST="127.0.0.1:8300"))
    assert set(first) == set(second)
    assert set(first) == {
        f"{cast['planned'].uuid}@{UID_DOMAIN}",
        f"{cast['conversation'].uuid}@{UID_DOMAIN}",
    }
    assert not any("example.org" in uid or "127.0.0.1" in uid for uid in first)


def test_the_feed_parses_with_the_meetings_times_and_no_content(client, cast):
    feed = CalendarFeed.objects.create(user=cast["mentee"])
    events = _events(client.get(reverse("relationships:calendar-feed", args=[feed.token])))
    planned = events[f"{cast['planned'].uuid}@{UID_DOMAIN}"]
    assert planned["DTSTART"].dt == cast["planned"].starts_at.replace(microsecond=0)
    assert str(planned["SUMMARY"]) == "Learning conversation with Bob Mentor"
    assert str(planned["STATUS"]) == "TENTATIVE"
    assert all(
        "hinge" not in str(event.get("DESCRIPTION", "")).lower() for event in events.values()
    )


def test_the_feed_itself_forbids_every_cache(cast):
    """Set by the view, not left to a middleware: the address is the credential."""
    feed = CalendarFeed.objects.create(user=cast["mentee"])
    request = RequestFactory().get(f"/relationships/calendar/{feed.token}.ics")
    response = calendar_feed(request, feed.token)
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"private", "no-store"}


def test_an_unknown_or_retired_address_is_not_found(client, cast):
    response = client.get(reverse("relationships:calendar-feed", args=["not-a-token"]))
    assert response.status_code == 404
