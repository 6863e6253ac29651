"""A message shown after an action ("Profile saved.") is read out without moving the page:
the visible message stays where it was drawn, and its words go into a hidden live region
just after the page loads."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tandem.testing.browser import sign_in
from tandem.testing.factories import ProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_message_is_announced_and_the_page_does_not_move(page, live_server):
    person = ProfileFactory(user__full_name="Dana Hughes").user
    sign_in(page, live_server, person)
    page.goto(f"{live_server.url}{reverse('people:profile-edit')}")
    page.get_by_role("button", name="Save profile").click()
    heading = page.get_by_role("heading", level=1)
    expect(page.locator("#messages")).to_contain_text("Your profile has been saved.")
    drawn = heading.bounding_box()
    spoken = page.locator(".visually-hidden[role=status]")
    expect(spoken).to_have_text("Your profile has been saved.")
    assert heading.bounding_box() == drawn
    assert page.locator("#messages").inner_text().strip() == spoken.inner_text().strip()
