"""End to end: the at-a-glance pages and a full review cycle, with accessibility checks."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from tandem.framework.models import Review
from tandem.organisations.models import Membership, Organisation
from tandem.testing.browser import assert_accessible, fill_date, sign_in
from tandem.testing.factories import MembershipFactory, ProfileFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _person(name, organisation, access=Membership.Access.MEMBER):
    profile = ProfileFactory(user__full_name=name)
    MembershipFactory(user=profile.user, organisation=organisation, access=access)
    return profile.user


@pytest.fixture
def helen(db):
    # Helen: a headteacher (organisation leader) who has never used the Framework.
    return _person(
        "Helen Okafor",
        Organisation.objects.create(
            name="Riverside Primary School",
            type="school",
            sector="education",
            region="yorkshire-humber",
        ),
        Membership.Access.LEADER,
    )


@pytest.fixture
def priya(db):
    # Priya: ITE programme leader (coordinator) who leads the institute's reviews.
    institute = Organisation.objects.create(
        name="Pennine Institute of Education",
        type="ite-provider",
        sector="education",
        region="yorkshire-humber",
    )
    return _person("Priya Shah", institute, Membership.Access.COORDINATOR)


def test_leader_reads_each_glance_page_and_follows_cross_links(page, live_server, helen):
    sign_in(page, live_server, helen)
    page.get_by_role("link", name="The Framework at a glance for leaders").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "The Framework at a glance for leaders"
    )
    expect(page.get_by_role("heading", name="What you can expect to gain")).to_be_visible()
    expect(page.get_by_role("link", name="A collaborative culture")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="For mentors and coaches", exact=True).click()
    expect(page.get_by_role("link", name="Listening skills")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="For mentees and coachees", exact=True).click()
    page.get_by_role("link", name="Find out what a learning agreement covers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A learning agreement")
    assert_accessible(page)
    page.get_by_role("link", name="Clear focus and a learning contract").click()
    expect(page.get_by_text("Table 4.2 and section 4.3.5", exact=False)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Compare approaches").click()
    expect(page.get_by_role("columnheader", name="Specialist coaching")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Search the Framework").fill("trust")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Trustworthy and respectful")).to_be_visible()
    assert_accessible(page)


def test_glance_page_fits_a_phone(phone_page, live_server, helen):
    sign_in(phone_page, live_server, helen)
    phone_page.goto(f"{live_server.url}/framework/at-a-glance/mentees/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page scrolls sideways at phone width ({width}px)"
    assert_accessible(phone_page)


def _rate(page, outcome, rating, practice):
    page.get_by_role("link", name=outcome).click()
    page.get_by_label(rating, exact=True).check()
    page.get_by_label("Current practice").fill(practice)
    page.get_by_role("button", name="Save outcome").click()
    expect(page.get_by_text(f"{outcome} saved.")).to_be_visible()


def test_a_full_review_cycle_then_the_next_cycle_and_progress(page, live_server, priya):
    sign_in(page, live_server, priya)
    page.get_by_role("link", name="Framework", exact=True).click()
    page.get_by_role("link", name="Review and development").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Start a review").click()
    page.get_by_label("Mentoring", exact=True).check()
    assert_accessible(page)
    page.get_by_role("button", name="Start review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentoring: review cycle 1")
    assert_accessible(page)

    # An outcome with evidence, an action and a comment.
    page.get_by_role("link", name="Creating the ethos").click()
    assert_accessible(page)
    page.get_by_label("Evidence title").fill("Student module feedback")
    page.get_by_label("Link:").fill("https://example.org/feedback")
    page.get_by_role("button", name="Add evidence").click()
    expect(page.get_by_role("link", name="Student module feedback")).to_be_visible()
    page.get_by_label("What needs to happen").fill("Brief partner-school mentors")
    page.get_by_label("Owner").select_option(label="Priya Shah")
    fill_date(page, "Due date", dt.date(2031, 3, 31))
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_role("link", name="Brief partner-school mentors")).to_be_visible()
    page.get_by_label("Add a comment").fill("Tutors agree this is the priority.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("Tutors agree this is the priority.")).to_be_visible()
    page.get_by_label("Developing", exact=True).check()
    page.get_by_label("Current practice").fill("Ethos set out in the partnership handbook.")
    page.get_by_role("button", name="Save outcome").click()

    # Completing too early names what is missing.
    page.get_by_role("button", name="Mark this review complete").click()
    expect(page.get_by_text("Not yet rated: Establishing roles")).to_be_visible()
    assert_accessible(page)

    _rate(page, "Establishing roles", "Established", "Roles agreed with schools.")
    _rate(page, "Identifying skills", "Developing", "Skills audit planned.")
    _rate(page, "Support systems", "Not yet started", "No mentor helpline yet.")
    _rate(page, "Part of continuing professional development", "Developing", "Some CPD.")
    page.get_by_role("button", name="Mark this review complete").click()
    expect(page.get_by_text("Cycle 1 is complete.")).to_be_visible()

    page.get_by_role("button", name="Start the next cycle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentoring: review cycle 2")
    _rate(page, "Support systems", "Established", "Mentor helpline running.")

    page.get_by_role("link", name="Progress across cycles").click()
    expect(page.get_by_role("img", name="Outcome ratings by cycle")).to_be_visible()
    table = page.get_by_role("table", name="Ratings by outcome and cycle")
    assert "Not yet started" in table.inner_text()
    assert "Established" in table.inner_text()
    expect(page.get_by_role("link", name="Brief partner-school mentors")).to_be_visible()
    assert_accessible(page)
    assert Review.objects.filter(previous__isnull=False).count() == 1
