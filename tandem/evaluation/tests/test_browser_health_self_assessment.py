"""End to end: a coordinator reads every item of Table 4.2 on the health check, answers a
self-assessed item (a mistake first, then a correction) and sees the score and who
answered; a leader reads the same page with small groups suppressed and no answer links.
Every page is checked with axe for WCAG 2.2 AA."""

import pytest
from playwright.sync_api import expect

from tandem.evaluation.evidence_table import ITEMS
from tandem.testing.browser import assert_accessible, sign_in, switch_user
from tandem.testing.workflow import build_cast

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def cast(transactional_db):
    return build_cast()


def test_a_coordinator_answers_a_self_assessed_item(page, live_server, cast):
    programme = cast["programme"]
    health = live_server.url + f"/evaluation/programmes/{programme.uuid}/health/"
    sign_in(page, live_server, cast["coordinator"])
    page.goto(health)
    assert_accessible(page)
    for item in ITEMS:
        expect(page.locator(f"tr#{item.key}")).to_have_count(1)
    space = page.locator("tr#space-as-well-as-time")
    expect(space).to_contain_text("No evidence yet")
    expect(space).to_contain_text("Table 4.2 and section 4.3.1")
    space.get_by_role("link", name="Answer for Provision of space as well as time").click()
    expect(page.get_by_role("heading", name="Provision of space as well as time")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Partly in place").check()
    page.get_by_role("button", name="Save the answer").click()
    expect(page.get_by_text("Say briefly what shows this.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Evidence").fill("A room is free on Tuesdays only.")
    page.get_by_role("button", name="Save the answer").click()
    expect(
        page.get_by_text("Your answer for “Provision of space as well as time” is saved.")
    ).to_be_visible()
    space = page.locator("tr#space-as-well-as-time")
    expect(space).to_contain_text("Partly in place: A room is free on Tuesdays only.")
    expect(space).to_contain_text("50 out of 100")
    expect(space).to_contain_text("Answered by Alice Coordinator")
    assert_accessible(page)

    # Corrected: the form starts from the last answer.
    space.get_by_role(
        "link", name="Change the answer for Provision of space as well as time"
    ).click()
    expect(page.get_by_label("Evidence")).to_have_value("A room is free on Tuesdays only.")
    page.get_by_label("In place", exact=True).check()
    page.get_by_label("Evidence").fill("A room is booked for every pair each week.")
    page.get_by_role("button", name="Save the answer").click()
    expect(page.locator("tr#space-as-well-as-time")).to_contain_text("100 out of 100")

    # The leader: every item listed, small groups suppressed, nothing to answer.
    switch_user(page, live_server, cast["leader"])
    page.goto(health)
    expect(page.locator("tr#portfolio-of-evidence")).to_contain_text("Suppressed (fewer than 5)")
    expect(page.locator("tr#space-as-well-as-time")).to_contain_text("100 out of 100")
    expect(
        page.get_by_role("link", name="Change the answer for Provision of space as well as time")
    ).to_have_count(0)
    assert_accessible(page)
