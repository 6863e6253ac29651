"""Changing an email address or two-factor asks for the password again first."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from tandem.testing.factories import TEST_PASSWORD, UserFactory

REAUTHENTICATE = reverse("account_reauthenticate")


@pytest.mark.django_db
class TestReauthentication:
    def test_adding_an_email_address_asks_for_the_password_first(self, client):
        person = UserFactory(email="dana@example.org")
        client.force_login(person)
        response = client.post(
            reverse("account_email"), {"action_add": "", "email": "attacker@example.net"}
        )
        assert response.status_code == 302
        assert response["Location"].startswith(REAUTHENTICATE)
        assert not EmailAddress.objects.filter(email="attacker@example.net").exists()

    def test_after_the_password_the_change_goes_ahead(self, client):
        person = UserFactory(email="dana@example.org")
        client.force_login(person)
        client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
        response = client.post(
            reverse("account_email"), {"action_add": "", "email": "dana.new@example.org"}
        )
        assert response.status_code == 302
        assert EmailAddress.objects.filter(email="dana.new@example.org", user=person).exists()

    def test_a_wrong_password_does_not_unlock_the_change(self, client):
        client.force_login(UserFactory())
        response = client.post(reverse("account_reauthenticate"), {"password": "guess-guess"})
        assert response.status_code == 200
        response = client.post(
            reverse("account_email"), {"action_add": "", "email": "attacker@example.net"}
        )
        assert response["Location"].startswith(REAUTHENTICATE)

    @pytest.mark.parametrize("name", ["mfa_activate_totp", "mfa_add_webauthn"])
    def test_setting_up_two_factor_asks_for_the_password_first(self, client, name):
        client.force_login(UserFactory())
        assert client.get(reverse(name))["Location"].startswith(REAUTHENTICATE)
