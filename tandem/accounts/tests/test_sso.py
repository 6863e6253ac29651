"""Single sign-on: people are matched by a provider-verified email, and organisations that
require SSO refuse passwords. Uses allauth's own SocialLogin objects; no live provider."""

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.test import RequestFactory
from django.urls import reverse

from tandem.accounts.adapter import SSO_REQUIRED_MESSAGE, SocialAccountAdapter
from tandem.testing.factories import TEST_PASSWORD, MembershipFactory, UserFactory

MICROSOFT = {"APPS": [{"client_id": "id", "secret": "s", "settings": {"tenant": "TENANT"}}]}
GOOGLE = {"APPS": [{"client_id": "id", "secret": "s"}]}


def social_login(provider, email, *, verified):
    return SocialLogin(
        account=SocialAccount(provider=provider, uid="provider-uid"),
        email_addresses=[EmailAddress(email=email, verified=verified, primary=True)],
        provider=SocialAccountAdapter().get_provider(RequestFactory().get("/"), provider),
    )


@pytest.fixture
def person(db, settings):
    # Both providers configured, as TANDEM_GOOGLE_CLIENT_ID / TANDEM_MICROSOFT_* would.
    settings.SOCIALACCOUNT_PROVIDERS = {"google": GOOGLE, "microsoft": MICROSOFT}
    return UserFactory(email="dana@moorland.example.org")


def test_a_verified_google_email_finds_the_existing_person(person):
    login = social_login("google", "Dana@Moorland.example.org", verified=True)
    assert SocialAccountAdapter().authenticate_by_email(login)[0] == person


def test_an_unverified_email_finds_no_one(person):
    login = social_login("google", person.email, verified=False)
    assert SocialAccountAdapter().authenticate_by_email(login) is None


def test_a_single_tenant_microsoft_directory_is_trusted(person):
    login = social_login("microsoft", person.email, verified=False)
    assert SocialAccountAdapter().authenticate_by_email(login)[0] == person


def test_a_multi_tenant_microsoft_email_is_not_trusted(person, settings):
    apps = [{"client_id": "id", "secret": "s", "settings": {"tenant": "organizations"}}]
    settings.SOCIALACCOUNT_PROVIDERS = {"microsoft": {"APPS": apps}, "google": GOOGLE}
    login = social_login("microsoft", person.email, verified=False)
    assert SocialAccountAdapter().authenticate_by_email(login) is None


def test_sso_creates_no_accounts_when_sign_up_is_closed(rf, settings, person):
    settings.TANDEM_ALLOW_SIGNUP = False
    login = social_login("google", "stranger@example.org", verified=True)
    assert not SocialAccountAdapter().is_open_for_signup(rf.get("/"), login)


def test_members_of_an_sso_organisation_cannot_use_a_password(client, db):
    membership = MembershipFactory(organisation__requires_sso=True)
    response = client.post(
        reverse("account_login"), {"login": membership.user.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 200
    assert SSO_REQUIRED_MESSAGE.split(".")[0] in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_others_still_sign_in_with_a_password(client, db):
    membership = MembershipFactory()
    response = client.post(
        reverse("account_login"), {"login": membership.user.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(membership.user.pk)


def test_providers_are_listed_only_when_configured(rf, settings, db):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    assert SocialAccountAdapter().list_providers(rf.get("/")) == []
    settings.SOCIALACCOUNT_PROVIDERS = {"microsoft": MICROSOFT}
    assert [p.id for p in SocialAccountAdapter().list_providers(rf.get("/"))] == ["microsoft"]


def test_the_sign_in_page_offers_configured_providers(client, person):
    page = client.get(reverse("account_login")).content.decode()
    assert "Sign in with Microsoft" in page
    assert "Sign in with Google" in page
