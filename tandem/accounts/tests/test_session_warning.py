"""Before a session ends, the page warns and offers "Stay signed in": every page tells its
script how long the session has left, and the extend endpoint starts the idle clock again
(never past the 12-hour limit from sign-in)."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from tandem.accounts import sessions
from tandem.testing.factories import UserFactory

HOME = reverse("home")
EXTEND = reverse("session-extend")
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def seconds_left_on(page: str) -> int:
    return int(re.search(r'data-seconds-left="(\d+)"', page).group(1))


@pytest.mark.django_db
def test_each_page_says_how_long_the_session_has_left(client, clock):
    client.force_login(UserFactory())  # no relationships: 60 idle minutes
    assert seconds_left_on(client.get(HOME).content.decode()) == 60 * 60
    clock.shift(dt.timedelta(seconds=50))  # within a minute: the last use is not rewritten
    page = client.get(HOME).content.decode()
    assert seconds_left_on(page) == 60 * 60 - 50
    assert "Stay signed in" in page
    assert 'role="dialog"' not in page  # a <dialog>, closed until the script opens it


@pytest.mark.django_db
def test_signed_out_pages_have_no_warning(client):
    page = client.get(reverse("account_login")).content.decode()
    assert "session-warning" not in page


@pytest.mark.django_db
def test_stay_signed_in_restarts_the_idle_clock(client, clock):
    client.force_login(UserFactory())
    clock.shift(dt.timedelta(minutes=58, seconds=30))
    response = client.post(EXTEND, **JSON)
    assert response.status_code == 200
    assert response.json() == {"seconds_left": 60 * 60}
    clock.shift(dt.timedelta(minutes=58))
    assert client.get(HOME).status_code == 200  # 116 minutes after sign-in, still signed in


@pytest.mark.django_db
def test_stay_signed_in_cannot_pass_twelve_hours(client, clock):
    client.force_login(UserFactory())
    for _ in range(14):
        clock.shift(dt.timedelta(minutes=50))
        assert client.post(EXTEND, **JSON).status_code == 200
    left = client.post(EXTEND, **JSON).json()["seconds_left"]
    assert left == 12 * 60 * 60 - 14 * 50 * 60  # 20 minutes to the 12-hour limit


@pytest.mark.django_db
def test_an_expired_session_is_not_revived(client, clock):
    client.force_login(UserFactory())
    clock.shift(dt.timedelta(minutes=61))
    response = client.post(EXTEND, **JSON)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_without_script_the_form_returns_to_the_page(client, clock):
    client.force_login(UserFactory())
    response = client.post(EXTEND, {"next": "/people/me/"})
    assert response.status_code == 302
    assert response["Location"] == "/people/me/"
    elsewhere = client.post(EXTEND, {"next": "https://elsewhere.example/"})
    assert elsewhere["Location"] == "/"


def test_seconds_left_takes_the_earlier_limit():
    session = {sessions.SIGNED_IN_AT: 0.0, sessions.SEEN_AT: 100.0, sessions.IDLE_SECONDS: 1800}
    assert sessions.seconds_left(session, 200.0) == 1700
    assert sessions.seconds_left(session, 12 * 3600 - 10.0) == 0  # idle long past
    session[sessions.SEEN_AT] = 12 * 3600 - 20.0
    assert sessions.seconds_left(session, 12 * 3600 - 10.0) == 10  # the 12 hours come first


@pytest.mark.django_db
def test_private_notes_are_never_kept_as_browser_drafts(client, cast):
    client.force_login(cast["mentor"])
    url = reverse("relationships:conversation-add", args=[cast["relationship"].uuid])
    page = client.get(url).content.decode()
    note = re.search(r'<textarea name="body"[^>]*>', page).group(0)
    assert "data-no-draft" in note
    summary = re.search(r'<textarea name="summary"[^>]*>', page).group(0)
    assert "data-no-draft" not in summary
