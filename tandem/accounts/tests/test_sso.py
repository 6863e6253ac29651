"""Single sign-on: people are matched only by an address the provider's claims prove, sign-up
through SSO is tied to registered domains, and organisations that require SSO refuse
passwords.

The payloads below are recorded in the shape each provider returns them (Google's ID token
claims; Microsoft Graph's /me plus the ID token's claims) and go through allauth's own
social-login flow, so no live provider is needed.
"""

from unittest import mock

import jwt
import pytest
from allauth.account.models import EmailAddress
from allauth.core import context
from allauth.socialaccount.internal.flows.login import complete_login
from allauth.socialaccount.models import SocialAccount, SocialLogin
from allauth.socialaccount.providers.microsoft.views import MicrosoftGraphOAuth2Adapter
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import RequestFactory
from django.urls import resolve, reverse

from tandem.accounts.adapter import SSO_REQUIRED_MESSAGE, SocialAccountAdapter
from tandem.accounts.sso import MicrosoftAdapter, microsoft_callback
from tandem.organisations.models import SsoDomain
from tandem.testing.factories import (
    TEST_PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

TENANT = "3f9d2c4e-6a1b-4c8d-9e2f-7b5a1c3d4e6f"  # Moorland Trust's Entra ID directory
OTHER_TENANT = "a1b2c3d4-0000-4111-8222-933344445555"  # someone else's directory
MICROSOFT_SINGLE = {"APPS": [{"client_id": "id", "secret": "s", "settings": {"tenant": TENANT}}]}
MICROSOFT_ANY = {
    "APPS": [{"client_id": "id", "secret": "s", "settings": {"tenant": "organizations"}}]
}
GOOGLE = {"APPS": [{"client_id": "id", "secret": "s"}]}


def google_id_token(email, *, hd=None, email_verified=True, sub="110169484474386276334"):
    """Claims of a Google ID token; only Google Workspace accounts carry `hd`."""
    claims = {
        "iss": "https://accounts.google.com",
        "azp": "id.apps.googleusercontent.com",
        "aud": "id.apps.googleusercontent.com",
        "sub": sub,
        "email": email,
        "email_verified": email_verified,
        "at_hash": "HK6E_P6Dh8Y93mRNtsDB1Q",
        "name": "Dana Moor",
        "given_name": "Dana",
        "family_name": "Moor",
        "iat": 1764680000,
        "exp": 1764683600,
    }
    if hd:
        claims["hd"] = hd
    return claims


def microsoft_profile(mail, *, tid=TENANT, xms_edov=None, token_email=None):
    """Graph's /me answer, with the ID token's claims that MicrosoftAdapter keeps."""
    claims = {"tid": tid, "email": token_email or mail}
    if xms_edov is not None:
        claims["xms_edov"] = xms_edov
    return {
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
        "id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd",
        "displayName": "Dana Moor",
        "givenName": "Dana",
        "surname": "Moor",
        "mail": mail,
        "userPrincipalName": "dmoor@moorlandtrust.onmicrosoft.com",
        "jobTitle": "Teacher",
        "id_token_claims": claims,
    }


def provider_request():
    request = RequestFactory().get("/accounts/login/callback/")
    SessionMiddleware(lambda request: None).process_request(request)
    request.session.save()
    request.user = AnonymousUser()
    request._messages = FallbackStorage(request)
    return request


def social_login(request, provider_id, data):
    provider = SocialAccountAdapter().get_provider(request, provider_id)
    return provider.sociallogin_from_response(request, data)


def sign_in_with(provider_id, data):
    """Run allauth's social-login flow on a provider's answer; return who is signed in."""
    request = provider_request()
    with context.request_context(request):
        complete_login(request, social_login(request, provider_id, data))
    return request


def message(request):
    return " ".join(str(item) for item in get_messages(request))


def signed_in(request):
    return request.user if request.user.is_authenticated else None


@pytest.fixture
def person(db, settings):
    # Both providers configured, as TANDEM_GOOGLE_CLIENT_ID / TANDEM_MICROSOFT_* would.
    settings.SOCIALACCOUNT_PROVIDERS = {"google": GOOGLE, "microsoft": MICROSOFT_SINGLE}
    settings.TANDEM_GOOGLE_WORKSPACE_DOMAIN = ""
    moorland = OrganisationFactory(name="Moorland Trust")
    SsoDomain.objects.create(organisation=moorland, domain="moorland.sch.uk")
    return UserFactory(email="dana@moorland.sch.uk")


class TestGoogle:
    def test_a_workspace_account_on_a_registered_domain_signs_in_as_its_owner(self, person):
        request = sign_in_with("google", google_id_token(person.email, hd="moorland.sch.uk"))
        assert signed_in(request) == person
        assert SocialAccount.objects.get(user=person).provider == "google"

    def test_a_personal_google_account_with_a_staff_address_is_refused(self, person):
        # Anyone can register a Google account under a work address; without `hd` Google
        # vouches for nothing an organisation controls.
        request = sign_in_with("google", google_id_token(person.email))
        assert signed_in(request) is None
        assert not SocialAccount.objects.exists()
        assert "could not confirm from Google" in message(request)

    def test_another_workspace_is_refused_when_one_is_configured(self, person, settings):
        # The hd parameter only filters Google's account chooser: the answer must match.
        settings.TANDEM_GOOGLE_WORKSPACE_DOMAIN = "moorland.sch.uk"
        data = google_id_token(person.email, hd="elsewhere.org")
        request = sign_in_with("google", data)
        assert signed_in(request) is None
        assert "not part of the moorland.sch.uk Google Workspace" in message(request)

    def test_a_refused_workspace_stays_refused_once_connected(self, person, settings):
        SocialAccount.objects.create(user=person, provider="google", uid="110169484474386276334")
        settings.TANDEM_GOOGLE_WORKSPACE_DOMAIN = "moorland.sch.uk"
        request = sign_in_with("google", google_id_token(person.email, hd="elsewhere.org"))
        assert signed_in(request) is None

    def test_a_workspace_on_an_unregistered_domain_finds_no_one(self, person):
        # elsewhere.org's Workspace vouches for its own addresses, never for Moorland's.
        data = google_id_token(person.email, hd="elsewhere.org")
        assert (
            SocialAccountAdapter().authenticate_by_email(
                social_login(provider_request(), "google", data)
            )
            is None
        )

    def test_an_unverified_address_finds_no_one(self, person):
        data = google_id_token(person.email, hd="moorland.sch.uk", email_verified=False)
        request = sign_in_with("google", data)
        assert signed_in(request) is None

    def test_the_configured_workspace_is_trusted_without_an_organisation_domain(
        self, person, settings
    ):
        SsoDomain.objects.all().delete()
        settings.TANDEM_GOOGLE_WORKSPACE_DOMAIN = "moorland.sch.uk"
        request = sign_in_with("google", google_id_token(person.email, hd="moorland.sch.uk"))
        assert signed_in(request) == person


class TestMicrosoft:
    def test_a_single_tenant_address_on_a_registered_domain_is_trusted(self, person):
        assert signed_in(sign_in_with("microsoft", microsoft_profile(person.email))) == person

    def test_a_single_tenant_cannot_claim_a_partner_schools_staff(self, person):
        # The directory's administrator can type any address into `mail`.
        partner = UserFactory(email="sam@partner-school.org.uk")
        request = sign_in_with("microsoft", microsoft_profile(partner.email))
        assert signed_in(request) is None
        assert not SocialAccount.objects.exists()

    def test_xms_edov_vouches_for_the_token_email(self, person, settings):
        settings.SOCIALACCOUNT_PROVIDERS = {"microsoft": MICROSOFT_ANY}
        SsoDomain.objects.all().delete()
        data = microsoft_profile(person.email, tid=OTHER_TENANT, xms_edov=True)
        assert signed_in(sign_in_with("microsoft", data)) == person

    def test_xms_edov_false_vouches_for_nothing(self, person, settings):
        settings.SOCIALACCOUNT_PROVIDERS = {"microsoft": MICROSOFT_ANY}
        data = microsoft_profile(person.email, tid=OTHER_TENANT, xms_edov=False)
        assert signed_in(sign_in_with("microsoft", data)) is None

    def test_xms_edov_does_not_vouch_for_a_different_mail(self, person, settings):
        settings.SOCIALACCOUNT_PROVIDERS = {"microsoft": MICROSOFT_ANY}
        data = microsoft_profile(
            person.email, tid=OTHER_TENANT, xms_edov=True, token_email="x@other.example"
        )
        assert signed_in(sign_in_with("microsoft", data)) is None

    def test_any_work_account_is_trusted_only_from_the_domains_own_directory(
        self, person, settings
    ):
        settings.SOCIALACCOUNT_PROVIDERS = {"microsoft": MICROSOFT_ANY}
        SsoDomain.objects.update(microsoft_tenant_id=TENANT)
        stranger = sign_in_with("microsoft", microsoft_profile(person.email, tid=OTHER_TENANT))
        assert signed_in(stranger) is None
        owner = sign_in_with("microsoft", microsoft_profile(person.email, tid=TENANT))
        assert signed_in(owner) == person

    def test_a_registered_domain_without_a_tenant_is_not_enough_for_any_work_account(
        self, person, settings
    ):
        settings.SOCIALACCOUNT_PROVIDERS = {"microsoft": MICROSOFT_ANY}
        request = sign_in_with("microsoft", microsoft_profile(person.email, tid=OTHER_TENANT))
        assert signed_in(request) is None

    def test_the_adapter_keeps_the_id_token_claims(self, person):
        request = provider_request()
        graph_only = microsoft_profile(person.email)
        del graph_only["id_token_claims"]
        id_token = jwt.encode(
            {"tid": TENANT, "email": person.email, "xms_edov": True, "name": "Dana Moor"},
            "not-checked-here-but-long-enough-for-hmac-sha256",
            algorithm="HS256",
        )
        with (
            context.request_context(request),
            mock.patch.object(
                MicrosoftGraphOAuth2Adapter,
                "complete_login",
                return_value=social_login(request, "microsoft", graph_only),
            ),
        ):
            login = MicrosoftAdapter(request).complete_login(
                request, app=None, token=None, response={"id_token": id_token}
            )
        assert login.account.extra_data["id_token_claims"] == {
            "tid": TENANT,
            "email": person.email,
            "xms_edov": True,
        }


class TestSingleSignOnSignUp:
    def test_any_work_account_cannot_create_an_account_on_an_unregistered_domain(
        self, person, settings
    ):
        # Sign-up open and "organizations": before, any directory anywhere could join.
        settings.TANDEM_ALLOW_SIGNUP = True
        settings.SOCIALACCOUNT_PROVIDERS = {"microsoft": MICROSOFT_ANY}
        data = microsoft_profile("pat@anywhere.example", tid=OTHER_TENANT, xms_edov=True)
        request = sign_in_with("microsoft", data)
        assert signed_in(request) is None
        assert not EmailAddress.objects.filter(email="pat@anywhere.example").exists()
        assert "anywhere.example is not an organisation's registered domain" in message(request)

    def test_a_trusted_address_on_a_registered_domain_may_sign_up(self, person, settings):
        settings.TANDEM_ALLOW_SIGNUP = True
        request = sign_in_with("microsoft", microsoft_profile("newstaff@moorland.sch.uk"))
        assert signed_in(request).email == "newstaff@moorland.sch.uk"
        assert EmailAddress.objects.get(email="newstaff@moorland.sch.uk").verified

    def test_a_personal_google_account_cannot_sign_up(self, person, settings):
        settings.TANDEM_ALLOW_SIGNUP = True
        request = sign_in_with("google", google_id_token("newstaff@moorland.sch.uk"))
        assert signed_in(request) is None
        assert not EmailAddress.objects.filter(email="newstaff@moorland.sch.uk").exists()

    def test_sso_creates_no_accounts_when_sign_up_is_closed(self, person, settings):
        settings.TANDEM_ALLOW_SIGNUP = False
        request = sign_in_with("microsoft", microsoft_profile("newstaff@moorland.sch.uk"))
        assert signed_in(request) is None
        assert not EmailAddress.objects.filter(email="newstaff@moorland.sch.uk").exists()
        assert message(request) == (
            "There is no Tandem account for newstaff@moorland.sch.uk. "
            "Ask your programme coordinator to invite you."
        )


def test_a_domain_belongs_to_one_organisation(db):
    SsoDomain.objects.create(organisation=OrganisationFactory(), domain="moorland.sch.uk")
    claim = SsoDomain(organisation=OrganisationFactory(), domain="Moorland.SCH.uk")
    with pytest.raises(Exception, match="already claimed"):
        claim.full_clean()


def test_a_domain_must_look_like_one(db):
    claim = SsoDomain(organisation=OrganisationFactory(), domain="https://moorland.sch.uk/")
    with pytest.raises(Exception, match="without @ or https"):
        claim.full_clean()


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
    settings.SOCIALACCOUNT_PROVIDERS = {"microsoft": MICROSOFT_SINGLE}
    assert [p.id for p in SocialAccountAdapter().list_providers(rf.get("/"))] == ["microsoft"]


def test_the_sign_in_page_offers_configured_providers(client, person):
    page = client.get(reverse("account_login")).content.decode()
    assert "Sign in with Microsoft" in page
    assert "Sign in with Google" in page


def test_microsofts_callback_goes_through_tandems_adapter():
    assert reverse("microsoft_callback") == "/accounts/microsoft/login/callback/"
    assert resolve("/accounts/microsoft/login/callback/").func is microsoft_callback


def test_social_login_objects_are_allauths(person):
    # The helpers above build allauth's own SocialLogin, not a stand-in.
    login = social_login(provider_request(), "google", google_id_token(person.email))
    assert isinstance(login, SocialLogin)
