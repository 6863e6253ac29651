"""End to end in Chromium, a coordinator's main journey: set up a programme (an impossible
meeting rhythm refused on the way), invite with the person picker, approve everyone who
meets the requirements after a confirmation, run matching and publish, handle a change of
mentor from "Needs your attention", and open the report. axe checks every page (0 serious
or critical)."""

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from tandem.organisations.models import Membership
from tandem.programmes.models import Enrolment, Programme
from tandem.relationships.models import ChangeRequest, Relationship
from tandem.relationships.services import lifecycle
from tandem.testing.browser import assert_accessible, console_errors, fill_date, sign_in
from tandem.testing.factories import MembershipFactory, OrganisationFactory, TrainingRecordFactory
from tandem.testing.workflow import person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _journey_cast() -> dict:
    moorland = OrganisationFactory(name="Moorland Academy")
    cast = {
        "moorland": moorland,
        # Alice runs mentoring at Moorland: the coordinator whose journey this is.
        "alice": person(moorland, "Alice Coordinator", Membership.Access.COORDINATOR),
    }
    # Bob and Mia: trained, experienced mentors who apply.
    for key, name in (("bob", "Bob Mentor"), ("mia", "Mia Mentor")):
        cast[key] = person(moorland, name, years_in_profession=12, years_in_role=4)
        TrainingRecordFactory(profile=cast[key].profile)
    # Dana and Eve: early-career teachers who apply to be mentored.
    for key, name in (("dana", "Dana Mentee"), ("eve", "Eve Mentee")):
        cast[key] = person(moorland, name, career_stage="early-career")
    # Two colleagues called Sam Smith: the picker must tell them apart.
    for key, title in (("sam_maths", "Maths teacher"), ("sam_english", "Head of English")):
        cast[key] = person(moorland, "Sam Smith", career_stage="early-career")
        Membership.objects.filter(user=cast[key]).update(job_title=title)
    MembershipFactory(user=cast["alice"], organisation=OrganisationFactory(name="Elsewhere"))
    return cast


def _ready(page: Page) -> None:
    """Click only once the page and htmx have loaded (a busy machine is slow to run them)."""
    page.wait_for_load_state("load")
    page.wait_for_function("window.htmx !== undefined")


def test_coordinator_sets_up_enrols_matches_publishes_handles_a_change_and_reports(
    page, live_server
):
    cast = _journey_cast()
    errors = console_errors(page)
    sign_in(page, live_server, cast["alice"])
    expect(page.get_by_role("heading", level=1, name=re.compile("Welcome"))).to_be_visible()
    assert_accessible(page)

    # 1. Set up a programme from the early-career template; "every 0 days" is refused.
    page.get_by_role("link", name="Set up a programme").click()
    assert_accessible(page)
    page.get_by_role("link", name="Early-career teacher mentoring").click()
    page.get_by_role("textbox", name=re.compile("^Name")).fill("ECT mentoring 2027")
    page.get_by_label("Moorland Academy").check()
    page.get_by_label("Meet every (days)").fill("0")
    fill_date(page, "Starts on", dt.date(2026, 9, 1))
    fill_date(page, "Ends on", dt.date(2027, 7, 20))
    page.get_by_role("button", name=re.compile("Create|Save|Set up")).click()
    expect(
        page.get_by_text("Enter how often pairs meet as a number of days from 1 to 120.").first
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Meet every (days)").fill("14")
    page.get_by_role("button", name=re.compile("Create|Save|Set up")).click()
    expect(page.get_by_text("Programme “ECT mentoring 2027” created.")).to_be_visible()
    expect(page.get_by_text("over 46 weeks")).to_be_visible()  # from the dates, not 78
    assert_accessible(page)
    programme = Programme.objects.get(name="ECT mentoring 2027")
    Programme.objects.filter(pk=programme.pk).update(status=Programme.Status.OPEN)

    # 2. Invite one of the two Sam Smiths, told apart by job title, with the person picker.
    page.get_by_role("link", name="Enrolments").click()
    page.get_by_role("link", name="Invite people").click()
    _ready(page)
    page.get_by_label("Find a person by name").fill("Sam Smith")
    results = page.locator("#person-picker-results")
    expect(results).to_contain_text("Sam Smith — Maths teacher, Moorland Academy")
    expect(results).to_contain_text("Sam Smith — Head of English, Moorland Academy")
    assert_accessible(page)
    results.get_by_role(
        "button", name=re.compile(f"Add Sam Smith, {cast['sam_maths'].email}")
    ).click()
    expect(page.get_by_label("Email addresses")).to_have_value(cast["sam_maths"].email)
    page.get_by_label("Role").select_option(label="Mentee or coachee")
    page.get_by_role("button", name="Send invitations").click()
    expect(page.get_by_text("Invited 1 person.")).to_be_visible()
    assert Enrolment.objects.get(programme=programme, status="invited").user == cast["sam_maths"]

    # 3. Four people apply; "Needs your attention" leads to them; approve all who qualify.
    for key, role in (("bob", "mentor"), ("mia", "mentor"), ("dana", "mentee"), ("eve", "mentee")):
        Enrolment.objects.create(
            programme=programme, user=cast[key], role=role, status="applied", expertise="Behaviour"
        )
    page.get_by_role("link", name="Home").first.click()
    attention = page.locator("#needs-attention")
    expect(attention).to_contain_text("4 applications awaiting your decision")
    assert_accessible(page)
    attention.get_by_role("link", name=re.compile("applications awaiting")).click()
    expect(page.get_by_role("row", name=re.compile("Bob Mentor"))).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Sam Smith"))).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Approve all who meet the requirements").click()
    expect(page.get_by_role("heading", name="Will be approved (4)")).to_be_visible()
    expect(page.get_by_role("heading", name="Will not be approved (1)")).to_be_visible()
    expect(page.get_by_text("Invited but has not accepted yet.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Approve 4 people").click()
    expect(page.get_by_text("Approved 4 people.")).to_be_visible()
    assert_accessible(page)
    assert programme.enrolments.approved().count() == 4

    # 4. Run matching and publish.
    page.goto(f"{live_server.url}{programme.get_absolute_url()}")
    page.get_by_role("link", name="Matching", exact=True).click()
    page.get_by_label("Optimal allocation").check()
    page.get_by_role("button", name="Run").click()
    publish = page.get_by_role("button", name="Publish 2 pairs")
    expect(publish).to_be_visible()
    assert_accessible(page)
    _ready(page)
    publish.click()
    # Publishing asks first, saying who is paired and who is emailed.
    confirm = page.get_by_role("button", name="Publish 2 pairs and email 4 people")
    expect(confirm).to_be_visible()
    assert_accessible(page)
    confirm.click()
    expect(page.get_by_text("Published. Each pair now has a relationship")).to_be_visible()
    assert_accessible(page)
    dana_pair = Relationship.objects.get(programme=programme, members__user=cast["dana"])

    # 5. Dana asks for a different mentor; the coordinator acts on it from the home page.
    lifecycle.request_change_of_mentor(
        actor=cast["dana"], relationship=dana_pair, reason="Our timetables never meet."
    )
    page.get_by_role("link", name="Home").first.click()
    attention = page.locator("#needs-attention")
    attention.get_by_role("link", name=re.compile("1 requests? for a change of mentor")).click()
    expect(page.get_by_role("link", name=re.compile("Dana Mentee asked on"))).to_be_visible()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Dana Mentee asked on")).click()
    expect(
        page.get_by_role("heading", level=1, name="Request for a change of mentor")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Note to the person who asked").fill("We will find you someone new.")
    page.get_by_role("button", name=re.compile("Record")).click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    assert ChangeRequest.objects.get().status == ChangeRequest.Status.RESOLVED

    # 6. Open the programme report.
    page.goto(f"{live_server.url}/relationships/programmes/{programme.uuid}/overview/")
    page.get_by_role("link", name="Report", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Programme report")).to_be_visible()
    assert_accessible(page)
    assert errors == []
