"""Passwords: at least 12 characters, stored with Argon2id, reset links valid for an hour."""

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.accounts.tests.test_shared_cache import production_settings
from tandem.testing.factories import UserFactory

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_eleven_characters_are_too_few():
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("kettle-lamp")
    validate_password("kettle-lamp-7")


def test_production_stores_passwords_with_argon2(monkeypatch):
    hashers = production_settings(monkeypatch)["PASSWORD_HASHERS"]
    assert hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    # The hasher's library is installed: encoding works and verifies.
    encoded = Argon2PasswordHasher().encode("a-long-pass-phrase", Argon2PasswordHasher().salt())
    assert encoded.startswith("argon2$argon2id$")
    assert Argon2PasswordHasher().verify("a-long-pass-phrase", encoded)


def reset_link(client, email):
    client.post(reverse("account_reset_password"), {"email": email})
    # The link is on the configured site address, not the request's host.
    site = re.escape(settings.TANDEM_SITE_URL)
    return re.search(site + r"(/accounts/password/reset/key/\S+)", mail.outbox[-1].body)[1]


@pytest.mark.django_db
@pytest.mark.parametrize(("minutes", "is_valid"), [(59, True), (61, False)])
def test_a_reset_link_lasts_one_hour(client, minutes, is_valid):
    UserFactory(email="dana@example.org")
    with time_machine.travel(START, tick=False) as clock:
        link = reset_link(client, "dana@example.org")
        clock.shift(dt.timedelta(minutes=minutes))
        response = client.get(link, follow=True)
    assert bool(response.context.get("token_fail")) is not is_valid
    assert ('name="password1"' in response.content.decode()) is is_valid
