"""The account pages allauth provides are usable and accessible in Tandem's layout."""

import re

import pytest
from playwright.sync_api import expect

from tandem.organisations.models import Membership
from tandem.testing.browser import assert_accessible, console_errors, sign_in
from tandem.testing.factories import TEST_PASSWORD, MembershipFactory, UserFactory
from tandem.testing.twofactor import totp_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_password_reset_page_is_accessible(page, live_server):
    page.goto(f"{live_server.url}/accounts/password/reset/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def test_wrong_password_message_is_shown_and_accessible(page, live_server):
    user = UserFactory()
    sign_in(page, live_server, user, password="not-the-password")
    assert "not correct" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Email address").input_value() == user.email
    assert_accessible(page)


@pytest.mark.without_two_factor
def test_staff_are_taken_to_two_factor_set_up(page, live_server):
    staff = UserFactory(is_staff=True, is_superuser=True)
    sign_in(page, live_server, staff)
    page.goto(f"{live_server.url}/admin/")
    expect(page.get_by_text("Staff accounts need two-factor authentication")).to_be_visible()
    if "/accounts/reauthenticate/" in page.url:
        # allauth asks for the password again before security changes.
        assert_accessible(page)
        page.get_by_label("Password").fill(TEST_PASSWORD)
        page.get_by_role("button", name="Confirm").click()
    assert "/accounts/2fa/totp/activate/" in page.url
    expect(page.get_by_label("Authenticator code")).to_be_visible()
    assert_accessible(page)


@pytest.mark.without_two_factor
def test_a_coordinator_sets_up_two_factor_before_anything_else(page, live_server):
    coordinator = MembershipFactory(access=Membership.Access.COORDINATOR).user
    sign_in(page, live_server, coordinator)
    assert page.url == f"{live_server.url}/accounts/2fa/"
    expect(page.get_by_text("needs two-factor authentication")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/organisations/")
    assert page.url == f"{live_server.url}/accounts/2fa/"


def test_a_coordinator_with_two_factor_signs_in_with_a_code(page, live_server):
    coordinator = MembershipFactory(access=Membership.Access.COORDINATOR).user
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(coordinator.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile("/accounts/2fa/authenticate/"))
    assert_accessible(page)
    page.get_by_label("Code").fill(totp_code(coordinator))
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/")


def test_the_passkey_page_runs_under_the_content_security_policy(page, live_server):
    errors = console_errors(page)
    person = UserFactory()
    sign_in(page, live_server, person)
    page.goto(f"{live_server.url}/accounts/2fa/webauthn/add/")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile("/accounts/2fa/webauthn/add/"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    assert errors == []
