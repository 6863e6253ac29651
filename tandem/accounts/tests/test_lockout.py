"""Failed sign-ins are counted per account and address: five from one address lock that
address out of that account for 15 minutes, while its owner signs in from elsewhere."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from tandem.testing.factories import TEST_PASSWORD, UserFactory

LOGIN = reverse("account_login")
ATTACKER = "203.0.113.66"
VICTIM = "198.51.100.7"
LOCKED = "Too many failed login attempts"
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def sign_in(client, email, password, address):
    return client.post(LOGIN, {"login": email, "password": password}, REMOTE_ADDR=address)


def fail_five_times(client, email, address):
    for _ in range(5):
        response = sign_in(client, email, "wrong-password", address)
        assert LOCKED not in response.content.decode()


@pytest.mark.django_db
class TestLockout:
    def test_an_attackers_failures_do_not_lock_the_owner_out_elsewhere(self, client):
        dana = UserFactory(email="dana@example.org")
        fail_five_times(client, dana.email, ATTACKER)
        response = sign_in(client, dana.email, TEST_PASSWORD, VICTIM)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(dana.pk)

    def test_five_failures_from_one_address_lock_it_for_fifteen_minutes(self, client):
        dana = UserFactory(email="dana@example.org")
        with time_machine.travel(START, tick=False) as clock:
            fail_five_times(client, dana.email, ATTACKER)
            # Even the right password is refused from that address while it is locked.
            assert LOCKED in sign_in(client, dana.email, TEST_PASSWORD, ATTACKER).content.decode()
            clock.shift(dt.timedelta(minutes=14, seconds=50))
            assert LOCKED in sign_in(client, dana.email, TEST_PASSWORD, ATTACKER).content.decode()
            clock.shift(dt.timedelta(seconds=20))
            response = sign_in(client, dana.email, TEST_PASSWORD, ATTACKER)
            assert response.status_code == 302
            assert client.session["_auth_user_id"] == str(dana.pk)

    def test_unknown_accounts_get_the_same_answers(self, client):
        UserFactory(email="dana@example.org")
        known = sign_in(client, "dana@example.org", "wrong-password", ATTACKER)
        unknown = sign_in(client, "nobody@example.org", "wrong-password", ATTACKER)
        assert "not correct" in known.content.decode()
        assert "not correct" in unknown.content.decode()
        fail_five_times(client, "nobody@example.org", VICTIM)
        fail_five_times(client, "dana@example.org", VICTIM)
        for email in ("nobody@example.org", "dana@example.org"):
            assert LOCKED in sign_in(client, email, "wrong-password", VICTIM).content.decode()
