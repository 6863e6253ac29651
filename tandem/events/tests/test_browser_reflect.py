"""End to end, the REFLECT co-mentoring scheme (seed 002 §4.3.2 and §4.4): a coordinator
sets the programme up from its template, holds a training day and a gathering day, the
co-mentors register (one waits and is promoted when another cancels), attendance at the
training day is marked, the co-mentors' training records appear and the health check's
"training and support for mentors" feature counts them. Every page is checked with axe."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tandem.events.models import Event, Registration
from tandem.organisations.models import Membership, Organisation
from tandem.people.models import MentorTrainingRecord
from tandem.programmes.models import Programme
from tandem.relationships.services import lifecycle
from tandem.testing.browser import assert_accessible, fill_date, sign_in, switch_user
from tandem.testing.factories import MembershipFactory, OrganisationFactory
from tandem.testing.workflow import approve, person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def people(db):
    school = OrganisationFactory(name="Moorland Academy")
    arts = OrganisationFactory(
        name="Kirkdale Arts Centre",
        type=Organisation.Type.CREATIVE,
        sector=Organisation.Sector.CREATIVE,
    )
    coordinator = person(school, "Rosa Lindqvist", Membership.Access.COORDINATOR)
    MembershipFactory(user=coordinator, organisation=arts, access=Membership.Access.COORDINATOR)
    return {
        "school": school,
        "arts": arts,
        "coordinator": coordinator,
        # Co-mentors: Sam (arts) and Tom (school) are paired; Priya (school) is not.
        "sam": person(arts, "Sam Okafor"),
        "tom": person(school, "Tom Reilly"),
        "priya": person(school, "Priya Natarajan"),
    }


def _event(page, *, kind, title, places, day, closes_on):
    page.get_by_role("link", name="Set up an event").click()
    assert_accessible(page)
    page.get_by_label("Kind").select_option(label=kind)
    page.get_by_label("Title").fill(title)
    page.get_by_label("Places", exact=True).fill(str(places))
    fill_date(page, "Registration closes", closes_on, time="17:00")
    fill_date(page, "Starts", day, time="09:30")
    fill_date(page, "Ends", day, time="15:30")
    page.get_by_label("Place", exact=True).fill("Kirkdale Arts Centre, Studio 2")
    page.get_by_role("button", name="Save event").click()
    expect(page.get_by_text(f"“{title}” is set up.")).to_be_visible()
    assert_accessible(page)


def _register(page, live_server, user, event, button):
    switch_user(page, live_server, user)
    page.goto(live_server.url + event.get_absolute_url())
    page.get_by_role("button", name=button).click()
    assert_accessible(page)


def test_reflect_co_mentoring_from_template_to_health_check(page, live_server, people):
    coordinator, sam, tom, priya = (people[key] for key in ("coordinator", "sam", "tom", "priya"))
    today = timezone.localdate()

    # The coordinator sets the programme up from the REFLECT template, from last week.
    sign_in(page, live_server, coordinator)
    page.goto(live_server.url + "/programmes/new/")
    page.get_by_role(
        "link", name="REFLECT-style co-mentoring with training and gathering days"
    ).click()
    assert_accessible(page)
    page.get_by_label("Moorland Academy").check()
    page.get_by_label("Kirkdale Arts Centre").check()
    page.get_by_label("Status").select_option("running")
    fill_date(page, "Starts on", today - dt.timedelta(days=7))
    page.get_by_role("button", name="Save programme").click()
    assert_accessible(page)
    programme = Programme.objects.get(template_key="reflect-co-mentoring")
    assert programme.approach == "co-mentoring"
    assert programme.mentor_must_be_external

    # Co-mentors are enrolled, and Sam and Tom paired (across organisations and sectors).
    for user in (sam, tom, priya):
        approve(programme, user, "peer")
    lifecycle.create_relationship(
        actor=coordinator,
        programme=programme,
        members=[(sam, "co-coach", False), (tom, "co-coach", False)],
    )

    # A training day (yesterday, recorded after the event) with two places, and a
    # gathering day in three weeks.
    page.get_by_role("link", name="Training days, gathering days and other events").click()
    assert_accessible(page)
    _event(
        page,
        kind="Training day",
        title="Co-mentoring training day 1",
        places=2,
        day=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=2),
    )
    page.get_by_role("link", name=f"All events of {programme.name}").click()
    _event(
        page,
        kind="Gathering day",
        title="Spring gathering day",
        places=30,
        day=today + dt.timedelta(days=21),
        closes_on=today + dt.timedelta(days=14),
    )
    training = Event.objects.get(title="Co-mentoring training day 1")

    # Priya and Sam take the two places; Tom joins the waiting list.
    _register(page, live_server, priya, training, "Register for a place")
    expect(page.get_by_text("Your place is confirmed.", exact=True)).to_be_visible()
    _register(page, live_server, sam, training, "Register for a place")
    _register(page, live_server, tom, training, "Join the waiting list")
    expect(page.get_by_text("You are number 1 on the waiting list")).to_be_visible()

    # Priya cannot come after all: she cancels (asked first), and Tom gets her place.
    mail.outbox.clear()
    switch_user(page, live_server, priya)
    page.goto(live_server.url + training.get_absolute_url())
    page.get_by_role("link", name="Cancel your place").click()
    assert_accessible(page)
    page.get_by_role("button", name="Confirm: cancel the registration").click()
    expect(page.get_by_text("Registration cancelled.")).to_be_visible()
    assert Registration.objects.get(event=training, user=tom).status == "confirmed"
    assert [message.to for message in mail.outbox] == [[tom.email]]
    assert "A place has come free and it is yours" in mail.outbox[0].body

    # Tom sees his place in My events.
    switch_user(page, live_server, tom)
    page.get_by_role("link", name="My events").click()
    expect(page.get_by_role("row", name="Co-mentoring training day 1")).to_contain_text(
        "Place confirmed"
    )
    assert_accessible(page)

    # The coordinator marks attendance: both Sam and Tom came.
    switch_user(page, live_server, coordinator)
    page.goto(live_server.url + training.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("link", name="Attendance").click()
    assert_accessible(page)
    page.get_by_label("Sam Okafor").check()
    page.get_by_label("Tom Reilly").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved.")).to_be_visible()

    # Their training records appear on their profiles.
    records = MentorTrainingRecord.objects.filter(course="Co-mentoring training day 1")
    assert sorted(record.profile.user.full_name for record in records) == [
        "Sam Okafor",
        "Tom Reilly",
    ]
    assert {record.hours for record in records} == {6}
    switch_user(page, live_server, sam)
    page.get_by_role("link", name="My profile").click()
    expect(page.get_by_role("cell", name="Co-mentoring training day 1", exact=True)).to_be_visible()
    assert_accessible(page)

    # The health check's training feature counts them.
    switch_user(page, live_server, coordinator)
    page.goto(live_server.url + f"/evaluation/programmes/{programme.uuid}/health/")
    expect(page.get_by_text("2 of 2 mentors or coaches have a training record.")).to_be_visible()
    assert_accessible(page)
