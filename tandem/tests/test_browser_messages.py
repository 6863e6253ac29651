"""A message shown after an action ("Profile saved.") is announced without moving the page:
it is shown just after the page loads (so the page's one live region reads it out), and
the space it takes is kept meanwhile, so nothing below it moves."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tandem.testing.browser import sign_in
from tandem.testing.factories import ProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Where the heading was when the page's own scripts had run (deferred scripts run before
# DOMContentLoaded), before the message is shown.
RECORD_HEADING = """
document.addEventListener("DOMContentLoaded", function () {
  var heading = document.querySelector("h1");
  window.headingTopAtLoad = heading ? heading.getBoundingClientRect().top : null;
  window.messageVisibleAtLoad = Array.prototype.map.call(
    document.querySelectorAll("#messages > *"),
    function (item) { return getComputedStyle(item).visibility; }
  );
});
"""


def test_a_message_is_announced_and_the_page_does_not_move(page, live_server):
    person = ProfileFactory(user__full_name="Dana Hughes").user
    sign_in(page, live_server, person)
    page.add_init_script(RECORD_HEADING)
    page.goto(f"{live_server.url}{reverse('people:profile-edit')}")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile has been saved.")).to_be_visible()
    # Shown after load (so announced), in a space kept for it (so nothing moved).
    assert page.evaluate("window.messageVisibleAtLoad") == ["hidden"]
    top_at_load = page.evaluate("window.headingTopAtLoad")
    assert top_at_load is not None
    assert page.evaluate("document.querySelector('h1').getBoundingClientRect().top") == top_at_load
    # One live region, holding the message once.
    expect(page.get_by_role("status")).to_have_count(1)
    expect(page.get_by_role("status")).to_contain_text("Your profile has been saved.")
