"""A study set up end to end in a browser, with axe on every page (rsdata's pages)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tandem.organisations.models import Membership
from tandem.research.models import Document, Participant
from tandem.testing.browser import assert_accessible, sign_in, switch_user
from tandem.testing.factories import OrganisationFactory
from tandem.testing.workflow import make_programme, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VTT = b"""WEBVTT

00:00:01.000 --> 00:00:04.000
<v Rhea Researcher>How did you come to the scheme, Pia?

00:00:04.500 --> 00:00:08.000
<v Pia Participant>Olive asked me. At Moorland Academy we had no time.

00:00:08.000 --> 00:00:11.000
<v Pia Participant>Will helped, in Haworth.
"""


def test_a_lead_sets_up_a_study_and_a_participant_consents(page, live_server):
    moorland = OrganisationFactory.create(name="Moorland Academy")
    lead = person(moorland, "Rhea Researcher", Membership.Access.COORDINATOR)
    coder = person(moorland, "Cole Coder")
    participant = person(moorland, "Pia Participant")
    person(moorland, "Olive Leader", Membership.Access.LEADER)
    programme = make_programme(lead, moorland, name="Peer coaching 2026")

    sign_in(page, live_server, lead)
    page.goto(live_server.url + reverse("research:study-list"))
    assert_accessible(page)
    page.get_by_role("link", name="Set up a study").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("How peer coaching works")
    page.get_by_label("Organisation").select_option(str(moorland.pk))
    page.get_by_label("Programme").select_option(str(programme.pk))
    page.get_by_label("Research questions").fill("What do coaches, users and managers value?")
    page.get_by_label("Ethics and consent statement").fill(
        "Interviews are recorded and pseudonymised. You may withdraw at any time."
    )
    page.get_by_label("Place names to pseudonymise").fill("Haworth")
    page.get_by_role("button", name="Set up the study").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How peer coaching works")
    assert_accessible(page)

    page.get_by_role("navigation", name="Study").get_by_role("link", name="Strands").click()
    for name in ["Peer mentors and coaches", "Staff who used the service", "Key managers"]:
        page.get_by_label("Strand name").fill(name)
        page.get_by_role("button", name="Add the strand").click()
        expect(page.get_by_text(f"Strand “{name}” added.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="How peer coaching works").click()
    page.get_by_role("navigation", name="Study").get_by_role("link", name="Team").click()
    page.get_by_label("Person", exact=True).select_option(str(coder.pk))
    page.get_by_label("Role", exact=True).select_option("coder")
    page.get_by_role("button", name="Add to the team").click()
    expect(page.get_by_text("Cole Coder added to the team.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="How peer coaching works").click()
    page.get_by_role("navigation", name="Study").get_by_role("link", name="Participants").click()
    page.get_by_label("Person to invite").select_option(str(participant.pk))
    page.get_by_label("Strand").first.select_option(label="Peer mentors and coaches")
    page.get_by_role("button", name="Invite").click()
    expect(page.get_by_text("Mentor 1 invited")).to_be_visible()
    assert_accessible(page)

    switch_user(page, live_server, participant)
    page.goto(live_server.url + reverse("research:my-research"))
    assert_accessible(page)
    page.get_by_role("link", name="How peer coaching works").click()
    expect(page.get_by_text("You may withdraw at any time.")).to_be_visible()
    page.get_by_label("I consent to take part in this study").check()
    page.get_by_label(re.compile("may also use my shared conversation summaries")).check()
    page.get_by_role("button", name="Save my decision").click()
    expect(page.get_by_text("Your decision is saved.")).to_be_visible()
    assert_accessible(page)
    assert Participant.objects.get(user=participant).consent == Participant.Consent.GIVEN

    switch_user(page, live_server, lead)
    page.goto(live_server.url + reverse("research:study-list"))
    page.get_by_role("link", name="How peer coaching works").click()
    page.get_by_role("navigation", name="Study").get_by_role(
        "link", name="Add a transcript"
    ).click()
    page.get_by_label("Participant").select_option(label="Mentor 1 (Peer mentors and coaches)")
    page.get_by_label("Title").fill("First interview with Mentor 1")
    page.get_by_label("Transcript").set_input_files(
        files=[{"name": "interview.vtt", "mimeType": "text/vtt", "buffer": VTT}]
    )
    assert_accessible(page)
    page.get_by_role("button", name="Import the transcript").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the replaced names")
    assert_accessible(page)
    table = page.get_by_role("table")
    expect(table).to_contain_text("Olive")
    expect(table).to_contain_text("Place 1")
    # "Will" is not a known name here; the lead adds it as a person.
    page.get_by_label("Name to replace").fill("Will")
    page.get_by_role("button", name="Add and replace").click()
    expect(page.get_by_text("“Will” is now replaced by")).to_be_visible()
    page.get_by_role("button", name="Confirm the replacements").click()
    expect(page.get_by_text("Replacements confirmed")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("First interview with Mentor 1")
    transcript = page.locator(".transcript")
    expect(transcript).to_contain_text("Mentor 1: Person")
    expect(transcript).not_to_contain_text("Pia")
    expect(transcript).not_to_contain_text("Moorland")
    assert_accessible(page)
    document = Document.objects.get()
    assert document.pseudonyms_reviewed_at is not None
    assert document.original_text == ""
