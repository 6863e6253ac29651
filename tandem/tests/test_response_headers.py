"""Confidential pages and exports are never stored by a browser or a shared cache, and
every page switches off the browser features Tandem does not use (Permissions-Policy)."""

import pytest
from django.urls import reverse

from tandem.api.services import create_token
from tandem.relationships.models import CalendarFeed

# (role who may see it, how to build its URL from the cast): a sample of the confidential
# pages and exports of the permission matrices, and the API.
CONFIDENTIAL = [
    ("mentee", lambda cast: reverse("home")),
    ("mentee", lambda cast: cast["relationship"].get_absolute_url()),
    ("mentee", lambda cast: cast["conversation"].get_absolute_url()),
    ("mentor", lambda cast: reverse("relationships:goal-detail", args=[cast["goal"].uuid])),
    (
        "mentee",
        lambda cast: reverse("relationships:change-request-detail", args=[cast["change"].uuid]),
    ),
    (
        "mentor",
        lambda cast: reverse("relationships:evidence-download", args=[cast["evidence"].uuid]),
    ),
    ("mentee", lambda cast: reverse("imports:goal-export", args=["csv"])),
    (
        "coordinator",
        lambda cast: reverse("programmes:enrolment-list", args=[cast["programme"].uuid]),
    ),
    ("coordinator", lambda cast: reverse("evaluation:report-pdf", args=[cast["programme"].uuid])),
    ("mentor", lambda cast: reverse("api:conversation-list")),
]
FEATURES_OFF = ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()")


@pytest.mark.parametrize(("role", "url"), CONFIDENTIAL)
def test_confidential_responses_are_not_stored(client, cast, role, url):
    client.force_login(cast[role])
    response = client.get(url(cast))
    assert response.status_code == 200, url(cast)
    assert "no-store" in response["Cache-Control"]
    for feature in FEATURES_OFF:
        assert feature in response["Permissions-Policy"]


def test_an_api_response_to_a_token_is_not_stored(client, cast):
    _token, text = create_token(actor=cast["mentor"], name="Script", scope="read")
    response = client.get(
        reverse("api:conversation-list"), headers={"Authorization": f"Bearer {text}"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_calendar_feed_is_not_stored(client, cast):
    feed = CalendarFeed.objects.create(user=cast["mentor"])
    response = client.get(reverse("relationships:calendar-feed", args=[feed.token]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_refusals_and_the_sign_in_page_are_not_stored_either(client, cast):
    client.force_login(cast["outsider"])
    assert "no-store" in client.get(cast["conversation"].get_absolute_url())["Cache-Control"]
    client.logout()
    response = client.get(reverse("account_login"))
    assert "no-store" in response["Cache-Control"]
    assert "camera=()" in response["Permissions-Policy"]


def test_static_files_stay_cacheable(client, settings):
    settings.WHITENOISE_USE_FINDERS = True  # serve from static/ as in development
    response = client.get("/static/css/tandem.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
