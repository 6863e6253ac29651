"""Confidential pages and exports are never stored by a browser or a shared cache; every
page switches off the browser features Tandem does not use (Permissions-Policy) and sends
the other browser security headers; typed text is escaped; sign-in stays on the site."""

import pytest
from django.conf import settings
from django.urls import reverse

from tandem.api.services import create_token
from tandem.relationships.models import CalendarFeed
from tandem.testing.factories import TEST_PASSWORD, UserFactory

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


def test_every_page_sends_the_browser_security_headers(client, cast):
    client.force_login(cast["mentee"])
    response = client.get(reverse("home"), secure=True)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "max-age=31536000" in response["Strict-Transport-Security"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "Access-Control-Allow-Origin" not in response


def test_the_session_cookie_is_out_of_reach_of_scripts_and_other_sites(client, db):
    user = UserFactory()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD}
    )
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_text_people_type_is_escaped_not_run(client, cast):
    goal = cast["goal"]
    goal.title = '<script>alert("x")</script>'
    goal.save(update_fields=["title"])
    client.force_login(cast["mentee"])
    page = client.get(reverse("relationships:goal-detail", args=[goal.uuid])).content.decode()
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_sign_in_never_redirects_to_another_site(client, db):
    user = UserFactory()
    response = client.post(
        reverse("account_login") + "?next=https://evil.example/",
        {"login": user.email, "password": TEST_PASSWORD},
    )
    assert response.status_code == 302
    assert not response["Location"].startswith("https://evil.example")
