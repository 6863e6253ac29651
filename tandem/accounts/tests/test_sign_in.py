import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from tandem.testing.factories import TEST_PASSWORD, UserFactory

LOGIN = reverse("account_login")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # allauth keeps failed-attempt counters in the cache; each test starts clean.
    cache.clear()


@pytest.mark.django_db
class TestSignIn:
    def test_signs_in_with_email_and_password(self, client):
        user = UserFactory(email="dana@example.org")
        response = client.post(LOGIN, {"login": "Dana@Example.org", "password": TEST_PASSWORD})
        assert response.status_code == 302
        assert response["Location"] == reverse("home")
        assert client.get(reverse("home")).context["user"] == user

    def test_wrong_password_is_explained(self, client):
        UserFactory(email="dana@example.org")
        response = client.post(LOGIN, {"login": "dana@example.org", "password": "nope"})
        assert response.status_code == 200
        assert "not correct" in response.content.decode()

    def test_repeated_wrong_passwords_are_rate_limited(self, client):
        UserFactory(email="dana@example.org")
        for _ in range(5):
            client.post(LOGIN, {"login": "dana@example.org", "password": "wrong-password"})
        response = client.post(LOGIN, {"login": "dana@example.org", "password": TEST_PASSWORD})
        assert response.status_code == 200
        assert "Too many failed login attempts" in response.content.decode()

    def test_unverified_email_cannot_sign_in_until_confirmed(self, client):
        user = UserFactory(email="new@example.org", verified=False)
        response = client.post(LOGIN, {"login": user.email, "password": TEST_PASSWORD})
        assert response.status_code == 302
        assert "confirm-email" in response["Location"]
        assert "_auth_user_id" not in client.session
        assert mail.outbox
        assert mail.outbox[-1].to == ["new@example.org"]
        assert mail.outbox[-1].subject.startswith("[Tandem]")

    def test_password_reset_sends_an_email(self, client):
        UserFactory(email="dana@example.org")
        response = client.post(reverse("account_reset_password"), {"email": "dana@example.org"})
        assert response.status_code == 302
        assert "password/reset" in mail.outbox[-1].body

    def test_sign_out_needs_post(self, client):
        client.force_login(UserFactory())
        response = client.post(reverse("account_logout"))
        assert response.status_code == 302
        assert "_auth_user_id" not in client.session


@pytest.mark.django_db
class TestSignUp:
    def test_sign_up_sends_a_verification_email(self, client, settings):
        settings.TANDEM_ALLOW_SIGNUP = True
        response = client.post(
            reverse("account_signup"),
            {
                "email": "trainee@example.org",
                "password1": "a-long-pass-phrase",
                "password2": "a-long-pass-phrase",
            },
        )
        assert response.status_code == 302
        address = EmailAddress.objects.get(email="trainee@example.org")
        assert not address.verified
        assert "confirm" in mail.outbox[-1].body.lower()

    def test_sign_up_can_be_closed(self, client, settings):
        settings.TANDEM_ALLOW_SIGNUP = False
        response = client.get(reverse("account_signup"))
        assert "sign up is currently closed" in response.content.decode()
        client.post(
            reverse("account_signup"),
            {
                "email": "x@example.org",
                "password1": "a-long-pass-phrase",
                "password2": "a-long-pass-phrase",
            },
        )
        assert not EmailAddress.objects.filter(email="x@example.org").exists()


@pytest.mark.django_db
@pytest.mark.without_two_factor
class TestStaffTwoFactor:
    def test_staff_without_totp_are_sent_to_set_it_up(self, client):
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")

    def test_staff_with_totp_reach_the_admin(self, client):
        staff = UserFactory(is_staff=True, is_superuser=True)
        Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={})
        client.force_login(staff)
        assert client.get("/admin/").status_code == 200

    def test_non_staff_are_not_redirected(self, client):
        client.force_login(UserFactory())
        response = client.get("/admin/")
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_public_sign_up_is_closed_unless_opened(monkeypatch):
    from tandem.accounts.tests.test_shared_cache import production_settings  # noqa: PLC0415

    assert production_settings(monkeypatch)["TANDEM_ALLOW_SIGNUP"] is False
    assert production_settings(monkeypatch, TANDEM_ALLOW_SIGNUP="1")["TANDEM_ALLOW_SIGNUP"] is True
