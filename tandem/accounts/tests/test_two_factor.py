"""Everyone who can read confidential or aggregate data must set up two-factor before any
other page: coordinators, leaders, data-protection leads, programme coordinators, staff."""

import datetime as dt

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.urls import reverse

from tandem.accounts import sessions
from tandem.accounts.tests.test_sso import (
    GOOGLE,
    google_id_token,
    sign_in_with,
    signed_in,
)
from tandem.organisations.models import Membership, SsoDomain
from tandem.testing.factories import TEST_PASSWORD, MembershipFactory, UserFactory
from tandem.testing.twofactor import give_two_factor

HOME = reverse("home")
SET_UP = reverse("mfa_index")


def coordinator():
    return MembershipFactory(access=Membership.Access.COORDINATOR).user


def leader():
    return MembershipFactory(access=Membership.Access.LEADER).user


def data_protection_lead():
    return MembershipFactory(data_protection_lead=True).user


def staff():
    return UserFactory(is_staff=True)


def programme_coordinator():
    from tandem.testing.workflow import make_programme  # noqa: PLC0415 - heavy, one test

    membership = MembershipFactory(access=Membership.Access.COORDINATOR)
    person = UserFactory()
    programme = make_programme(membership.user, membership.organisation)
    programme.coordinators.set([person])
    return person


def reauthenticate(client, person):
    """Two-factor set-up first asks for the password again (allauth.mfa reauthentication)."""
    client.force_login(person)
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    assert response.status_code == 302


PRIVILEGED = [coordinator, leader, data_protection_lead, staff, programme_coordinator]


@pytest.mark.django_db
@pytest.mark.without_two_factor
class TestSetUpIsRequired:
    @pytest.mark.parametrize("make", PRIVILEGED, ids=lambda make: make.__name__)
    def test_privileged_people_are_sent_to_set_up_first(self, client, make):
        client.force_login(make())
        response = client.get(HOME)
        assert response.status_code == 302
        assert response["Location"] == SET_UP

    def test_every_page_redirects_not_only_the_home_page(self, client):
        client.force_login(leader())
        assert client.get(reverse("organisations:organisation-list"))["Location"] == SET_UP

    def test_the_set_up_pages_and_sign_out_stay_open(self, client):
        reauthenticate(client, coordinator())
        page = client.get(SET_UP)
        assert page.status_code == 200
        # Passkeys are offered beside the authenticator app.
        assert reverse("mfa_add_webauthn") in page.content.decode()
        assert reverse("mfa_activate_totp") in page.content.decode()
        assert client.get(reverse("mfa_activate_totp")).status_code == 200
        assert client.post(reverse("account_logout")).status_code == 302
        assert "_auth_user_id" not in client.session

    def test_members_without_privileges_are_not_asked(self, client):
        client.force_login(MembershipFactory().user)
        assert client.get(HOME).status_code == 200

    def test_an_ended_coordinator_membership_does_not_count(self, client):
        membership = MembershipFactory(access=Membership.Access.COORDINATOR)
        membership.ended_on = dt.date(2025, 8, 31)
        membership.save(update_fields=["ended_on"])
        client.force_login(membership.user)
        assert client.get(HOME).status_code == 200

    def test_setting_up_an_authenticator_app_opens_the_site_with_recovery_codes(self, client):
        person = coordinator()
        reauthenticate(client, person)
        client.get(reverse("mfa_activate_totp"))
        secret = client.session[SECRET_SESSION_KEY]
        code = format_hotp_value(hotp_value(secret, int(dt.datetime.now(dt.UTC).timestamp()) // 30))
        response = client.post(reverse("mfa_activate_totp"), {"code": code})
        assert response.status_code == 302
        types = set(Authenticator.objects.filter(user=person).values_list("type", flat=True))
        assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
        assert client.get(HOME).status_code == 200

    def test_a_passkey_counts_as_a_second_factor(self, client):
        person = leader()
        Authenticator.objects.create(user=person, type=Authenticator.Type.WEBAUTHN, data={})
        client.force_login(person)
        assert client.get(HOME).status_code == 200

    def test_recovery_codes_alone_do_not_count(self, client):
        person = leader()
        Authenticator.objects.create(user=person, type=Authenticator.Type.RECOVERY_CODES, data={})
        client.force_login(person)
        assert client.get(HOME)["Location"] == SET_UP

    def test_someone_made_coordinator_mid_session_is_asked_within_a_minute(self, client):
        membership = MembershipFactory()
        with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)) as clock:
            client.force_login(membership.user)
            assert client.get(HOME).status_code == 200
            membership.access = Membership.Access.COORDINATOR
            membership.save(update_fields=["access"])
            clock.shift(dt.timedelta(seconds=61))
            client.get(HOME)  # the once-a-minute refresh notices the new role
            assert client.get(HOME)["Location"] == SET_UP


@pytest.mark.django_db
@pytest.mark.without_two_factor
class TestSingleSignOnExemption:
    @pytest.fixture
    def sso_coordinator(self, settings):
        settings.SOCIALACCOUNT_PROVIDERS = {"google": GOOGLE}
        settings.TANDEM_GOOGLE_WORKSPACE_DOMAIN = "moorland.sch.uk"
        membership = MembershipFactory(
            user__email="alice@moorland.sch.uk", access=Membership.Access.COORDINATOR
        )
        SsoDomain.objects.create(organisation=membership.organisation, domain="moorland.sch.uk")
        return membership.user

    def sign_in(self, person):
        request = sign_in_with("google", google_id_token(person.email, hd="moorland.sch.uk"))
        assert signed_in(request) == person
        return request.session

    def test_a_trusted_identity_providers_mfa_stands_in(self, sso_coordinator, settings):
        settings.TANDEM_SSO_MFA_TRUSTED = True
        assert self.sign_in(sso_coordinator)[sessions.TWO_FACTOR_DUE] is False

    def test_without_the_setting_sso_users_set_up_two_factor_too(self, sso_coordinator, settings):
        settings.TANDEM_SSO_MFA_TRUSTED = False
        assert self.sign_in(sso_coordinator)[sessions.TWO_FACTOR_DUE] is True

    def test_the_exemption_is_for_sso_sign_ins_not_passwords(self, client, settings):
        settings.TANDEM_SSO_MFA_TRUSTED = True
        client.force_login(coordinator())
        assert client.get(HOME)["Location"] == SET_UP


@pytest.mark.django_db
def test_privileged_people_in_tests_have_two_factor_set_up(client):
    # tandem.testing.twofactor gives them an authenticator app, as real ones must have.
    person = coordinator()
    assert Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()
    client.force_login(person)
    assert client.get(HOME).status_code == 200


@pytest.mark.django_db
def test_give_two_factor_is_idempotent():
    person = UserFactory()
    give_two_factor(person)
    give_two_factor(person)
    assert Authenticator.objects.filter(user=person).count() == 1
