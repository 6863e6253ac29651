"""End to end in Chromium: a coordinator runs, reviews, edits and publishes a match; a
mentee chooses from a shortlist and the mentor accepts; leaving a mentee unplaced updates
that row without reloading the page (htmx). Every page is checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from tandem.matching.models import MatchRun, ShortlistOffer
from tandem.relationships.models import Relationship
from tandem.testing.browser import assert_accessible, console_errors, sign_in, switch_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _open_matching(page, live_server, cast):
    page.goto(f"{live_server.url}{cast['programme'].get_absolute_url()}")
    page.get_by_role("link", name="Matching", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Matching")).to_be_visible()


def test_coordinator_runs_reviews_edits_and_publishes(page, live_server, matching_cast):
    sign_in(page, live_server, matching_cast["coordinator"])
    _open_matching(page, live_server, matching_cast)
    assert_accessible(page)

    # The settings page explains every criterion; a weight above 10 is refused, and kept.
    page.get_by_role("link", name="Change the settings").click()
    page.get_by_label("Shared free times").fill("11")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert page.get_by_label("Shared free times").input_value() == "11"
    assert_accessible(page)
    page.get_by_label("Shared free times").fill("4")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Matching settings saved")).to_be_visible()

    page.get_by_label("Optimal allocation").check()
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_text("Proved optimal")).to_be_visible()
    expect(page.get_by_role("cell", name="Finn Mentee", exact=True)).to_be_visible()
    assert_accessible(page)

    # Finn's line manager is Mia: choosing her is refused with the rule named.
    page.get_by_role("link", name="Change the mentor for Finn Mentee").click()
    expect(page.get_by_role("heading", name="Why not the others")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Mentor").select_option(value=str(matching_cast["mia"].pk))
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_role("alert")).to_contain_text("line manager")
    assert_accessible(page)
    page.get_by_label("Mentor").select_option(label="Leave this mentee unplaced")
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_text("Draft changed for Finn Mentee")).to_be_visible()
    expect(page.get_by_text("Left unplaced by the coordinator.")).to_be_visible()

    page.get_by_role("button", name="Publish 2 pairs").click()
    expect(page.get_by_role("heading", name="Publish these matches?")).to_be_visible()
    assert_accessible(page)
    assert Relationship.objects.count() == 0  # nothing happens before confirming
    page.get_by_role("button", name=re.compile(r"Publish 2 pairs and email \d people")).click()
    expect(page.get_by_text("Published. Each pair now has a relationship")).to_be_visible()
    assert_accessible(page)
    run = MatchRun.objects.get()
    assert run.status == MatchRun.Status.PUBLISHED
    assert Relationship.objects.filter(programme=matching_cast["programme"]).count() == 2


def test_mentee_chooses_from_a_shortlist_and_the_mentor_accepts(
    page, phone_page, live_server, matching_cast
):
    sign_in(page, live_server, matching_cast["coordinator"])
    _open_matching(page, live_server, matching_cast)
    page.get_by_label("Mentee choice").check()
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_role("heading", name="Shortlists")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send the shortlists to mentees").click()
    expect(page.get_by_text("Shortlists sent. Mentees can now choose.")).to_be_visible()

    # Dana, on her phone, chooses Bob.
    sign_in(phone_page, live_server, matching_cast["dana"])
    phone_page.get_by_role("link", name="Choose your mentor").click()
    expect(phone_page.get_by_role("heading", name="Bob Mentor")).to_be_visible()
    assert_accessible(phone_page)
    phone_page.get_by_role("link", name=re.compile("Rank your choices")).click()
    phone_page.get_by_label("First choice").select_option(label="Bob Mentor")
    phone_page.get_by_role("button", name="Check my ranking").click()
    expect(phone_page.get_by_role("heading", name="Check your ranking")).to_be_visible()
    assert_accessible(phone_page)
    phone_page.get_by_role("button", name="Confirm and ask Bob Mentor").click()
    expect(phone_page.get_by_text("Bob Mentor has been asked")).to_be_visible()
    expect(phone_page.get_by_text("Waiting for your chosen mentor")).to_be_visible()
    assert_accessible(phone_page)

    # Bob accepts from his requests page and lands in the new relationship.
    switch_user(page, live_server, matching_cast["bob"])
    page.get_by_role("link", name="Answer requests to mentor").click()
    expect(page.get_by_role("heading", name="Dana Mentee")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Accept Dana Mentee").click()
    expect(page.get_by_text("You are now paired with Dana Mentee")).to_be_visible()
    offer = ShortlistOffer.objects.get(mentee=matching_cast["dana"], status="accepted")
    assert offer.mentor == matching_cast["bob"]
    assert offer.relationship is not None
    assert_accessible(page)


def test_leaving_a_mentee_unplaced_updates_the_row_without_reloading_the_page(
    page, live_server, matching_cast
):
    errors = console_errors(page)
    sign_in(page, live_server, matching_cast["coordinator"])
    _open_matching(page, live_server, matching_cast)
    page.get_by_label("Optimal allocation").check()
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_role("button", name="Publish 3 pairs")).to_be_visible()
    # Click only once htmx has taken over the page's forms (on a busy machine the button
    # can be visible before the script has run, and the form would post normally).
    page.wait_for_load_state("load")
    page.wait_for_function("window.htmx !== undefined")
    page.evaluate("window.sameDocument = true")  # gone if the page reloads

    page.get_by_role("button", name=re.compile("Leave unplaced.*Finn Mentee")).click()

    expect(page.get_by_role("status")).to_contain_text("Draft changed for Finn Mentee.")
    row = page.get_by_role("row", name=re.compile("Finn Mentee Not placed"))
    expect(row).to_contain_text("Not placed in this draft")
    expect(row.get_by_role("link", name="Choose a mentor for Finn Mentee")).to_be_focused()
    expect(page.get_by_role("button", name="Publish 2 pairs")).to_be_visible()  # oob swap
    expect(page.locator("#run-summary")).to_contain_text("2 of 3")  # oob swap
    expect(page.get_by_role("heading", name="Not placed (1)")).to_be_visible()  # oob swap
    assert page.evaluate("window.sameDocument") is True
    run = MatchRun.objects.get()
    assert not run.proposals.filter(mentee=matching_cast["finn"]).exists()
    assert_accessible(page)
    assert errors == []


def test_a_rematch_names_who_it_took_in_and_why(page, live_server, matching_cast):
    from tandem.organisations.models import Membership  # noqa: PLC0415
    from tandem.testing.workflow import pair  # noqa: PLC0415

    cast = matching_cast
    pair(cast["coordinator"], cast["programme"], cast["bob"], cast["dana"])
    pair(cast["coordinator"], cast["programme"], cast["mia"], cast["eve"])
    # Mia now line-manages Eve: their pair cannot stay.
    Membership.objects.filter(user=cast["eve"]).update(line_manager=cast["mia"])
    sign_in(page, live_server, cast["coordinator"])
    page.goto(f"{live_server.url}/matching/programmes/{cast['programme'].uuid}/rematch/")
    page.get_by_label("Dana Mentee").check()
    page.get_by_role("button", name="Find new mentors").click()
    expect(page.get_by_text("1 more mentee was added to this rematch")).to_be_visible()
    expect(page.get_by_role("heading", name="Added to this rematch (1)")).to_be_visible()
    expect(page.get_by_role("cell", name="Mentor is the mentee's line manager.")).to_be_visible()
    assert_accessible(page)
