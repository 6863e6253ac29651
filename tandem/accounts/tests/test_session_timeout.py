"""Sessions end after 30 idle minutes for people who can read mentoring records (members of
any relationship), 60 for everyone else, 12 hours after signing in whatever they do, and
at once for a deactivated account."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tandem.accounts import sessions
from tandem.testing.factories import UserFactory

HOME = reverse("home")
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def is_signed_in(response):
    return response.status_code == 200


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.mark.django_db
class TestIdleTimeout:
    def test_a_mentor_is_signed_out_after_thirty_idle_minutes(self, client, cast, clock):
        client.force_login(cast["mentor"])
        clock.shift(dt.timedelta(minutes=29))
        assert is_signed_in(client.get(HOME))
        clock.shift(dt.timedelta(minutes=30, seconds=30))
        response = client.get(HOME, follow=True)
        assert response.redirect_chain[0][0].startswith(reverse("account_login"))
        assert "after 30 minutes without activity" in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_a_mentee_gets_the_same_thirty_minutes(self, client, cast, clock):
        client.force_login(cast["mentee"])
        assert client.session[sessions.IDLE_SECONDS] == 30 * 60

    def test_someone_without_relationships_has_sixty_minutes(self, client, cast, clock):
        client.force_login(cast["leader"])
        clock.shift(dt.timedelta(minutes=59))
        assert is_signed_in(client.get(HOME))
        clock.shift(dt.timedelta(minutes=59))
        assert is_signed_in(client.get(HOME))
        clock.shift(dt.timedelta(minutes=61))
        assert not is_signed_in(client.get(HOME))

    def test_activity_keeps_a_session_alive(self, client, cast, clock):
        client.force_login(cast["mentor"])
        for _ in range(6):
            clock.shift(dt.timedelta(minutes=25))
            assert is_signed_in(client.get(HOME))


@pytest.mark.django_db
def test_every_session_ends_twelve_hours_after_signing_in(client, clock):
    client.force_login(UserFactory())
    for _ in range(35):  # busy every 20 minutes for 11 h 40 min
        clock.shift(dt.timedelta(minutes=20))
        assert is_signed_in(client.get(HOME))
    clock.shift(dt.timedelta(minutes=21))
    response = client.get(HOME, follow=True)
    assert "12 hours after signing in" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_deactivated_accounts_sessions_end_on_their_next_request(client):
    person = UserFactory()
    client.force_login(person)
    assert is_signed_in(client.get(HOME))
    person.is_active = False
    person.save(update_fields=["is_active"])
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_a_session_from_before_the_clocks_gets_them_on_its_next_request(client, clock):
    client.force_login(UserFactory())
    session = client.session
    for key in (sessions.SIGNED_IN_AT, sessions.SEEN_AT, sessions.IDLE_SECONDS):
        del session[key]
    session.save()
    assert is_signed_in(client.get(HOME))
    assert client.session[sessions.SIGNED_IN_AT] == START.timestamp()


@pytest.mark.django_db
def test_an_ordinary_page_writes_the_session_at_most_once_a_minute(client, clock):
    client.force_login(UserFactory())
    client.get(HOME)
    seen = client.session[sessions.SEEN_AT]
    clock.shift(dt.timedelta(seconds=30))
    client.get(HOME)
    assert client.session[sessions.SEEN_AT] == seen
    clock.shift(dt.timedelta(seconds=31))
    client.get(HOME)
    assert client.session[sessions.SEEN_AT] == seen + 61
