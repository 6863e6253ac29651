"""The error pages, as a browser shows them: in the site layout, accessible (axe, including
its landmark rules), and with a way back that works."""

import pytest
from playwright.sync_api import expect

from tandem.testing.browser import assert_accessible, sign_in
from tandem.testing.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tandem.testing.error_urls"),
]


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/no-such-page/", "Page not found"),
        ("/test-errors/403/", "You cannot do this"),
        ("/test-errors/400/", "Something was wrong with the request"),
        ("/test-errors/500/", "Sorry, something went wrong"),
    ],
)
def test_error_page_is_accessible_and_leads_home(page, live_server, path, heading):
    sign_in(page, live_server, UserFactory())
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.get_by_role("main")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Go to your home page").click()
    expect(page).to_have_url(f"{live_server.url}/")


def test_refused_form_page_is_accessible(page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.context.clear_cookies()  # as if the session ended while the page was open
    page.get_by_label("Email").fill("someone@example.org")
    page.get_by_label("Password").fill("a-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your form could not be sent")
    assert_accessible(page)
