"""The EPD pilot and interagency coaching (seed 002 §2.3.5), each set up from its template
and run in the browser: an ineligible teacher is refused with the reason, an eligible one
joins, plans an activity and records spending, and the finance export downloads; an
interagency pairing within one organisation is refused and one across organisations made.
Every page is checked with axe."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tandem.organisations.models import Membership, Organisation
from tandem.programmes.models import Programme, Spending
from tandem.relationships.models import Relationship
from tandem.testing.browser import assert_accessible, fill_date, sign_in, switch_user
from tandem.testing.factories import MembershipFactory, OrganisationFactory, TrainingRecordFactory
from tandem.testing.workflow import approve, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(db):
    school = OrganisationFactory(name="Moorland Academy")
    housing = OrganisationFactory(
        name="Borough Housing", type=Organisation.Type.OTHER, sector=Organisation.Sector.PUBLIC
    )
    # Priya coordinates in both: the interagency scheme runs across the two.
    coordinator = person(school, "Priya Shah", Membership.Access.COORDINATOR)
    MembershipFactory(user=coordinator, organisation=housing, access=Membership.Access.COORDINATOR)
    coach = person(school, "Sam Coach", years_in_profession=15, years_in_role=5)
    TrainingRecordFactory(profile=coach.profile)
    return {
        "school": school,
        "coordinator": coordinator,
        # Zoe has taught for eight years, Yan for one: the EPD pilot is for years 2 and 3.
        "zoe": person(school, "Zoe Longserve", years_in_profession=8, years_in_role=3),
        "yan": person(school, "Yan Secondyear", years_in_profession=1, years_in_role=1),
        "coach": coach,
        "dana": person(school, "Dana Colleague", years_in_profession=4, years_in_role=2),
        "hana": person(housing, "Hana Housing", years_in_profession=4, years_in_role=2),
    }


def set_up(page, live_server, template: str, organisations: list[str]) -> Programme:
    page.goto(live_server.url + "/programmes/new/")
    page.get_by_role("link", name=template).click()
    assert_accessible(page)
    for name in organisations:
        page.get_by_label(name).check()
    page.get_by_label("Status").select_option("running")
    page.get_by_role("button", name="Save programme").click()
    expect(page.get_by_text(f"Programme “{template}” created.")).to_be_visible()
    assert_accessible(page)
    return Programme.objects.get(name=template)


def invite(page, email: str, role: str) -> None:
    page.get_by_role("link", name="Enrolments").click()
    page.get_by_role("link", name="Invite people").click()
    page.get_by_label("Email addresses").fill(email)
    page.get_by_label("Role").select_option(role)
    page.get_by_role("button", name="Send invitations").click()


def test_epd_pilot_and_interagency_coaching_run_end_to_end(page, live_server, people, tmp_path):
    coordinator, zoe, yan = people["coordinator"], people["zoe"], people["yan"]
    sign_in(page, live_server, coordinator)

    # EPD: set up from the template, with its eligibility rule and allowance.
    epd = set_up(page, live_server, "Early Professional Development pilot", ["Moorland Academy"])
    assert (epd.eligible_min_years, epd.eligible_max_years) == (1, 2)
    expect(page.get_by_text("Years in the profession: 1 to 2.")).to_be_visible()

    # Zoe is refused, with the rule and what her profile says; Yan is invited.
    invite(page, zoe.email, "mentee")
    expect(page.get_by_role("alert")).to_contain_text(
        "Years in the profession: the profile says 8; this programme takes 1 to 2."
    )
    assert_accessible(page)
    page.goto(live_server.url + epd.get_absolute_url())
    invite(page, yan.email, "mentee")
    expect(page.get_by_text("Invited 1 person.")).to_be_visible()

    # Yan joins, plans an activity and records spending against the allowance.
    switch_user(page, live_server, yan)
    page.goto(live_server.url + epd.get_absolute_url())
    page.get_by_role("button", name="Accept the invitation").click()
    expect(page.get_by_text("You have joined the programme.")).to_be_visible()
    page.get_by_role("link", name="Your funding plan").click()
    assert_accessible(page)
    page.locator("#id_activity-title").fill("Behaviour management course")
    page.locator("#id_activity-planned_cost").fill("250.00")
    page.get_by_role("button", name="Add the activity").click()
    expect(page.get_by_text("Plan saved.")).to_be_visible()
    fill_date(page, "Date", timezone.localdate())
    page.locator("#id_spending-amount").fill("800.00")
    page.locator("#id_spending-description").fill("Course fee")
    page.locator("#id_spending-activity").select_option(label="Behaviour management course")
    page.get_by_role("button", name="Record the spending").click()
    # More than the term's £700 is refused until confirmed: here it was a typing slip.
    expect(page.get_by_role("alert")).to_contain_text("more than the £700.00 left")
    assert_accessible(page)
    page.locator("#id_spending-amount").fill("245.50")
    page.get_by_role("button", name="Record the spending").click()
    expect(page.get_by_text("Plan saved.")).to_be_visible()
    expect(page.get_by_role("table", name="Balance by term")).to_contain_text("£454.50")
    assert_accessible(page)
    assert Spending.objects.get().amount == Decimal("245.50")

    # The coordinator downloads the finance export.
    switch_user(page, live_server, coordinator)
    page.goto(live_server.url + epd.get_absolute_url())
    page.get_by_role("link", name="Funding plans").click()
    expect(page.get_by_role("table")).to_contain_text("Yan Secondyear")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download for finance (.xlsx)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    saved = tmp_path / "funding.xlsx"
    download.value.save_as(saved)
    assert saved.read_bytes()[:2] == b"PK"

    # ICMS: set up across both organisations; coaches come from another organisation.
    icms = set_up(
        page,
        live_server,
        "Interagency coaching and mentoring (ICMS)",
        ["Moorland Academy", "Borough Housing"],
    )
    assert icms.mentor_must_be_external
    approve(icms, people["coach"], "mentor")
    approve(icms, people["dana"], "mentee")
    approve(icms, people["hana"], "mentee")
    page.get_by_role("link", name="Pair people").click()
    assert_accessible(page)
    supporter = page.locator("#id_supporter")
    supporter.select_option(
        value=supporter.locator("option", has_text="Sam Coach").get_attribute("value")
    )
    page.get_by_label(re.compile("Dana Colleague")).check()
    page.get_by_role("button", name="Create relationship").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "works in the same organisation as Dana Colleague; this programme needs mentors from "
        "another organisation"
    )
    assert_accessible(page)
    assert not Relationship.objects.exists()
    page.get_by_label(re.compile("Dana Colleague")).uncheck()
    page.get_by_label(re.compile("Hana Housing")).check()
    page.get_by_role("button", name="Create relationship").click()
    expect(page.get_by_text("Relationship created.")).to_be_visible()
    assert_accessible(page)
    assert Relationship.objects.get().programme == icms
