"""End to end: a coordinator sets up a programme from a template, enrols a mentor and a
mentee and pairs them; the pair agree and sign, set a goal, log a conversation and an
observation, and add evidence; the coordinator sees the metadata-only overview.
Every page is checked with axe for WCAG 2.2 AA."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tandem.organisations.models import Membership
from tandem.programmes.models import Programme
from tandem.relationships.models import Conversation, EvidenceItem, Goal, Relationship
from tandem.testing.browser import assert_accessible, fill_date, sign_in, switch_user
from tandem.testing.factories import OrganisationFactory, TrainingRecordFactory
from tandem.testing.workflow import PDF, person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def people(db):
    school = OrganisationFactory(name="Moorland Academy")
    coordinator = person(school, "Priya Shah", Membership.Access.COORDINATOR)
    mentor = person(school, "Owen Price", years_in_profession=12, years_in_role=5)
    TrainingRecordFactory(profile=mentor.profile)
    mentee = person(school, "Dana Hughes", career_stage="early-career")
    return {"coordinator": coordinator, "mentor": mentor, "mentee": mentee}


def choose_person(select, name: str) -> None:
    """Pick a person from a select whose options are labelled "Name — job title,
    organisation (email)", as people are wherever they are chosen (namesakes told apart)."""
    option = select.locator("option", has_text=name)
    assert f"{name} —" in option.inner_text() or "(" in option.inner_text()
    select.select_option(value=option.get_attribute("value"))


def test_a_programme_from_set_up_to_overview(page, live_server, people, tmp_path):
    coordinator, mentor, mentee = people["coordinator"], people["mentor"], people["mentee"]

    # The coordinator sets up a programme from the ECT template.
    sign_in(page, live_server, coordinator)
    page.goto(live_server.url + "/programmes/new/")
    assert_accessible(page)
    page.get_by_role("link", name="Early-career teacher mentoring").click()
    assert_accessible(page)
    page.get_by_label("Moorland Academy").check()
    page.get_by_label("Status").select_option("running")
    page.get_by_role("button", name="Save programme").click()
    expect(page.get_by_text("Programme “Early-career teacher mentoring” created.")).to_be_visible()
    assert_accessible(page)
    programme = Programme.objects.get()

    # Enrol the mentor and the mentee by invitation; they accept.
    page.get_by_role("link", name="Enrolments").click()
    page.get_by_role("link", name="Invite people").click()
    assert_accessible(page)
    page.get_by_label("Email addresses").fill(mentor.email)
    page.get_by_label("Role").select_option("mentor")
    page.get_by_role("button", name="Send invitations").click()
    page.get_by_role("link", name="Invite people").click()
    page.get_by_label("Email addresses").fill(mentee.email)
    page.get_by_label("Role").select_option("mentee")
    page.get_by_role("button", name="Send invitations").click()
    assert_accessible(page)
    for invited in (mentor, mentee):
        switch_user(page, live_server, invited)
        page.goto(live_server.url + programme.get_absolute_url())
        assert_accessible(page)
        page.get_by_role("button", name="Accept the invitation").click()
        expect(page.get_by_text("You have joined the programme.")).to_be_visible()

    # The coordinator pairs them.
    switch_user(page, live_server, coordinator)
    page.goto(live_server.url + programme.get_absolute_url())
    page.get_by_role("link", name="Pair people").click()
    assert_accessible(page)
    # People are labelled with job title, organisation and email, to tell namesakes apart.
    choose_person(page.locator("#id_supporter"), "Owen Price")
    page.get_by_label("Dana Hughes").check()
    page.get_by_role("button", name="Create relationship").click()
    expect(page.get_by_text("Relationship created.")).to_be_visible()
    assert_accessible(page)
    relationship = Relationship.objects.get()

    # The mentee reads, amends and signs the agreement, sets a goal and adds evidence.
    switch_user(page, live_server, mentee)
    page.goto(live_server.url + "/relationships/mine/")
    assert_accessible(page)
    page.get_by_role("link", name="Waiting for your signature").click()
    assert_accessible(page)
    page.get_by_role("link", name="Propose changes").click()
    assert_accessible(page)
    page.get_by_label("Where and how we meet").fill("Science prep room, Tuesdays after school")
    page.get_by_label("What changed in this version").fill("Agreed the room")
    page.get_by_role("button", name="Save new version").click()
    page.get_by_role("button", name="Sign version 2").click()
    expect(page.get_by_text("You signed version 2 of the agreement.")).to_be_visible()
    page.goto(live_server.url + relationship.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("link", name="Add a goal").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Use hinge questions in every lesson")
    page.get_by_label("Why it matters").fill("School priority: assessment for learning.")
    page.get_by_label("Success criteria").fill("Most pupils answer correctly before moving on.")
    fill_date(page, "Target date", timezone.localdate() + dt.timedelta(days=60))
    page.get_by_role("button", name="Save goal").click()
    assert_accessible(page)
    page.get_by_role("link", name="Back to the relationship").click()
    page.get_by_role("link", name="Add evidence").click()
    assert_accessible(page)
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(PDF)
    page.get_by_label("Title").fill("Annotated lesson plan")
    page.get_by_label("File").set_input_files(str(plan))
    page.get_by_label("Use hinge questions in every lesson").check()
    page.get_by_role("button", name="Add evidence").click()
    expect(page.get_by_text("Evidence added to the portfolio.")).to_be_visible()

    # The mentor signs, logs a conversation and an observation.
    switch_user(page, live_server, mentor)
    page.goto(live_server.url + "/relationships/mentees/")
    assert_accessible(page)
    page.get_by_role("link", name="Waiting for your signature").click()
    page.get_by_role("button", name="Sign version 2").click()
    page.goto(live_server.url + relationship.get_absolute_url())
    page.get_by_role("link", name="Log a conversation").click()
    assert_accessible(page)
    page.get_by_label("Held", exact=True).check()
    fill_date(page, "Date and time", timezone.localdate() - dt.timedelta(days=1), time="15:30")
    page.get_by_label("Length (minutes)").fill("45")
    page.get_by_label("Mode").select_option("observation-debrief")
    page.get_by_label("Shared summary").fill("Planned hinge questions for the forces unit.")
    page.locator("#id_agenda-0-text").fill("Hinge questions")
    choose_person(page.locator("#id_agenda-0-raised_by"), "Dana Hughes")
    page.locator("#id_actions-0-description").fill("Draft three hinge questions")
    choose_person(page.locator("#id_actions-0-owner"), "Dana Hughes")
    page.get_by_label("Private note").fill("Check workload next time.")
    page.get_by_role("button", name="Save conversation").click()
    expect(page.get_by_text("Conversation saved.")).to_be_visible()
    expect(page.get_by_text("Check workload next time.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to the relationship").click()
    page.get_by_role("link", name="Record an observation").click()
    assert_accessible(page)
    page.get_by_label("Linked goal").select_option(label="Use hinge questions in every lesson")
    fill_date(page, "Date observed", timezone.localdate())
    page.get_by_label("Focus").fill("Questioning in Year 8")
    page.get_by_label("Feedback given").fill("Good wait time after each question.")
    page.get_by_role("button", name="Save observation").click()
    expect(page.get_by_text("Observation recorded.")).to_be_visible()
    assert_accessible(page)

    # The coordinator sees who is matched, signed, met and how many goals: no content.
    switch_user(page, live_server, coordinator)
    page.goto(live_server.url + f"/relationships/programmes/{programme.uuid}/overview/")
    assert_accessible(page)
    row = page.get_by_role("row", name="Owen Price")
    assert "Active" in row.inner_text()
    assert "Signed (version 2)" in row.inner_text()
    assert "hinge" not in page.content().lower()
    relationship.refresh_from_db()
    assert relationship.status == Relationship.Status.ACTIVE
    assert Goal.objects.count() == 1
    assert Conversation.objects.get().agenda_items.get().raised_by == mentee
    assert EvidenceItem.objects.get().goals.count() == 1


def test_my_mentoring_works_at_phone_width(phone_page, live_server, people):
    sign_in(phone_page, live_server, people["mentee"])
    phone_page.goto(live_server.url + "/relationships/mine/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page scrolls sideways at phone width ({width}px)"
    assert_accessible(phone_page)
