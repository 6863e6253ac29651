"""The work discussion groups scheme end to end in Chromium: the coordinator sets the
programme up from its template and enrols facilitators and learners by invitation; the
engine forms the groups (one learner left out, with why); the coordinator reviews and
publishes them; a facilitator logs the group's first session. Every page is checked with
axe (WCAG 2.2 AA)."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tandem.matching.models import MatchRun
from tandem.organisations.models import Membership
from tandem.programmes.models import Programme
from tandem.relationships.models import Conversation, Relationship
from tandem.testing.browser import assert_accessible, fill_date, sign_in, switch_user
from tandem.testing.factories import OrganisationFactory
from tandem.testing.workflow import person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
LEARNERS = ("Ama Boateng", "Ben Carter", "Cleo Dunn", "Dev Evans", "Eli Ford")


@pytest.fixture
def people(db):
    council = OrganisationFactory(name="Northfield Children's Services")
    coordinator = person(council, "Priya Shah", Membership.Access.COORDINATOR)
    # Experienced practitioners: the template asks facilitators for five years or more.
    facilitators = [
        person(council, name, years_in_profession=18) for name in ("Fay Grant", "Gus Hale")
    ]
    learners = [person(council, name, career_stage="early-career") for name in LEARNERS]
    return {"coordinator": coordinator, "facilitators": facilitators, "learners": learners}


def _invite(page, emails: list[str], role: str) -> None:
    page.get_by_role("link", name="Invite people").click()
    page.get_by_label("Email addresses").fill("\n".join(emails))
    page.get_by_label("Role").select_option(role)
    page.get_by_role("button", name="Send invitations").click()


def test_work_discussion_groups_from_template_to_a_logged_session(page, live_server, people):
    coordinator = people["coordinator"]

    # Set up from the template.
    sign_in(page, live_server, coordinator)
    page.goto(live_server.url + "/programmes/new/")
    page.get_by_role("link", name="Work discussion groups").click()
    assert_accessible(page)
    page.get_by_label("Northfield Children's Services").check()
    page.get_by_label("Status").select_option("running")
    page.get_by_role("button", name="Save programme").click()
    expect(page.get_by_text("Programme “Work discussion groups” created.")).to_be_visible()
    programme = Programme.objects.get()
    assert programme.template_key == "work-discussion-groups"
    assert programme.group_format == "group"

    # Enrol two facilitators and five learners by invitation; they accept.
    page.get_by_role("link", name="Enrolments").click()
    _invite(page, [user.email for user in people["facilitators"]], "mentor")
    _invite(page, [user.email for user in people["learners"]], "mentee")
    assert_accessible(page)
    for invited in [*people["facilitators"], *people["learners"]]:
        switch_user(page, live_server, invited)
        page.goto(live_server.url + programme.get_absolute_url())
        page.get_by_role("button", name="Accept the invitation").click()
        expect(page.get_by_text("You have joined the programme.")).to_be_visible()

    # Form groups of exactly two: four learners placed, one left out with the reason.
    switch_user(page, live_server, coordinator)
    page.goto(live_server.url + programme.get_absolute_url())
    page.get_by_role("link", name="Matching", exact=True).click()
    page.get_by_role("link", name="Form groups").click()
    expect(page.get_by_role("heading", level=1, name="Form groups")).to_be_visible()
    assert page.get_by_label("Smallest group").input_value() == "5"  # the template's
    assert page.get_by_label("Experience (career stage)").input_value() == "diverse"
    assert_accessible(page)
    page.get_by_label("Smallest group").fill("3")
    page.get_by_label("Largest group").fill("2")
    page.get_by_role("button", name="Form groups").click()
    expect(page.get_by_text("cannot be smaller than the smallest")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Smallest group").fill("2")
    page.get_by_role("button", name="Form groups").click()

    # Review: each group with its facilitator, members and reasons; who is left out, why.
    expect(page.get_by_role("heading", name="Proposed groups")).to_be_visible()
    expect(page.get_by_text("led by Fay Grant")).to_be_visible()
    expect(page.get_by_text("led by Gus Hale")).to_be_visible()
    expect(page.get_by_role("heading", name="Not placed (1)")).to_be_visible()
    expect(
        page.get_by_text("Every group their eligible facilitators can lead is full.")
    ).to_be_visible()
    expect(page.locator("#run-summary")).to_contain_text("Proved optimal")
    assert_accessible(page)

    # Publish, after the confirmation page.
    page.get_by_role("button", name="Publish 2 groups").click()
    expect(page.get_by_role("heading", name="Publish these groups?")).to_be_visible()
    assert_accessible(page)
    assert not Relationship.objects.exists()  # nothing happens before confirming
    page.get_by_role("button", name="Publish 2 groups and email 6 people").click()
    expect(page.get_by_text("Published. 2 groups now have a relationship")).to_be_visible()
    assert_accessible(page)
    assert MatchRun.objects.get().status == MatchRun.Status.PUBLISHED
    fay = people["facilitators"][0]
    group = Relationship.objects.get(members__user=fay)
    assert group.is_group
    assert group.members.count() == 3

    # Fay logs the group's first session.
    switch_user(page, live_server, fay)
    page.goto(live_server.url + group.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("link", name="Log a conversation").click()
    page.get_by_label("Held", exact=True).check()
    fill_date(page, "Date and time", timezone.localdate() - dt.timedelta(days=1), time="16:00")
    page.get_by_label("Length (minutes)").fill("90")
    page.get_by_label("Mode").select_option("group-session")
    page.get_by_label("Shared summary").fill("Talked through a difficult home visit.")
    assert_accessible(page)
    page.get_by_role("button", name="Save conversation").click()
    expect(page.get_by_text("Conversation saved.")).to_be_visible()
    assert_accessible(page)
    conversation = Conversation.objects.get(relationship=group)
    assert conversation.mode == "group-session"
    assert conversation.duration_minutes == 90
