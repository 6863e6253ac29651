"""End to end, the local authority's bank of accredited mentors for new heads (seed 002
§5.4): a coordinator sets up a bank for the authority's partnership; an experienced head
applies, records an accreditation and is approved; a programme is set up from the "bank
of accredited mentors (new heads)" template, which requires accreditation; a newly
appointed head joins and the coordinator finds them a mentor now from the bank; they are
paired and a conversation is logged. Every page is checked with axe for WCAG 2.2 AA."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tandem.bank.models import BankEntry, MentorBank
from tandem.organisations.models import Membership
from tandem.programmes.models import Programme
from tandem.relationships.models import Conversation, Relationship
from tandem.testing.browser import assert_accessible, fill_date, sign_in, switch_user
from tandem.testing.factories import OrganisationFactory, PartnershipMemberFactory
from tandem.testing.workflow import person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def county(db):
    council = OrganisationFactory(name="Shire County Council", type="local-authority")
    membership = PartnershipMemberFactory(organisation=council, partnership__name="Shire schools")
    hill, vale = OrganisationFactory(name="Hill Primary"), OrganisationFactory(name="Vale Primary")
    for school in (hill, vale):
        PartnershipMemberFactory(organisation=school, partnership=membership.partnership)
    # Rosa runs the authority's leadership support; Ken is an experienced head; Amir has just
    # been appointed head of Vale Primary.
    coordinator = person(council, "Rosa Adviser", Membership.Access.COORDINATOR)
    mentor = person(
        hill, "Ken Oldhand", career_stage="headteacher", years_in_profession=25, years_in_role=9
    )
    head = person(
        vale, "Amir Newhead", career_stage="headteacher", years_in_profession=14, years_in_role=0
    )
    return {"coordinator": coordinator, "mentor": mentor, "head": head}


def test_a_new_head_is_matched_from_the_bank_of_accredited_mentors(page, live_server, county):
    coordinator, mentor, head = county["coordinator"], county["mentor"], county["head"]

    # The coordinator sets up the bank for the partnership.
    sign_in(page, live_server, coordinator)
    page.goto(live_server.url + reverse("bank:bank-list"))
    assert_accessible(page)
    page.get_by_role("link", name="Set up a mentor bank").click()
    assert_accessible(page)
    page.get_by_label("Name").fill("Shire bank of accredited mentors")
    page.get_by_label("Held by").select_option(label="Partnership: Shire schools")
    page.get_by_role("button", name="Set up the bank").click()
    expect(
        page.get_by_text("Mentor bank “Shire bank of accredited mentors” set up.")
    ).to_be_visible()
    assert_accessible(page)
    bank = MentorBank.objects.get()

    # An experienced head records their accreditation and applies, once.
    switch_user(page, live_server, mentor)
    page.goto(live_server.url + reverse("people:training-add"))
    page.get_by_label("Course").fill("Accredited headteacher mentor programme")
    page.get_by_label("Provider").fill("Shire County Council")
    fill_date(page, "Completed on", timezone.localdate() - dt.timedelta(days=200))
    page.get_by_label("Hours").fill("30")
    page.get_by_label("Accredited").check()
    fill_date(page, "Accreditation expires on", timezone.localdate() + dt.timedelta(days=900))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Training record added.")).to_be_visible()
    page.goto(live_server.url + bank.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("link", name="Apply to join the bank").click()
    assert_accessible(page)
    page.get_by_label("Qualities and skills").fill(
        "Calm listener; led two schools out of difficulty."
    )
    page.get_by_label("Experience").fill("Head of Hill Primary for nine years.")
    page.get_by_label("Mentees at once, across all programmes").fill("2")
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_text("Application sent: a coordinator will decide it.")).to_be_visible()

    # The coordinator sees the accreditation and approves.
    switch_user(page, live_server, coordinator)
    page.goto(live_server.url + bank.get_absolute_url())
    waiting = page.get_by_role("row", name="Ken Oldhand")
    expect(waiting).to_contain_text("Yes")  # accredited, in date
    assert_accessible(page)
    waiting.get_by_label("Approve").check()
    waiting.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Ken Oldhand: approved.")).to_be_visible()
    expect(page.get_by_role("row", name="Ken Oldhand")).to_contain_text("0 of 2")
    assert_accessible(page)
    assert BankEntry.objects.get().status == BankEntry.Status.APPROVED

    # A programme for new heads from the template, which requires an accredited mentor.
    page.goto(live_server.url + reverse("programmes:programme-create"))
    page.get_by_role("link", name="Bank of accredited mentors (new heads)").click()
    assert_accessible(page)
    expect(page.get_by_label("Accredited mentor required")).to_be_checked()
    page.get_by_label("Shire County Council").check()
    page.get_by_label("Partnership").select_option(label="Shire schools")
    page.get_by_label("Status").select_option("running")
    page.get_by_role("button", name="Save programme").click()
    expect(page.get_by_text("created.")).to_be_visible()
    expect(page.get_by_text("Accredited mentor training, in date")).to_be_visible()
    assert_accessible(page)
    programme = Programme.objects.get()
    assert programme.requires_accredited_mentor

    # The newly appointed head is invited and accepts.
    page.get_by_role("link", name="Enrolments").click()
    page.get_by_role("link", name="Invite people").click()
    page.get_by_label("Email addresses").fill(head.email)
    page.get_by_label("Role").select_option("mentee")
    page.get_by_role("button", name="Send invitations").click()
    switch_user(page, live_server, head)
    page.goto(live_server.url + programme.get_absolute_url())
    page.get_by_role("button", name="Accept the invitation").click()
    expect(page.get_by_text("You have joined the programme.")).to_be_visible()

    # The coordinator finds a mentor now, sees why, and pairs them.
    switch_user(page, live_server, coordinator)
    page.goto(live_server.url + programme.get_absolute_url())
    page.get_by_role("link", name="Find a mentor now").click()
    assert_accessible(page)
    page.get_by_role("link", name="Find a mentor now for Amir Newhead").click()
    assert_accessible(page)
    expect(page.get_by_text("Ken Oldhand", exact=True)).to_be_visible()
    expect(page.get_by_text("out of 100").first).to_be_visible()
    page.get_by_role("button", name="Pair them").click()
    expect(page.get_by_text("Amir Newhead is paired with Ken Oldhand.")).to_be_visible()
    assert_accessible(page)
    relationship = Relationship.objects.get(programme=programme)

    # The mentor logs their first conversation.
    switch_user(page, live_server, mentor)
    page.goto(live_server.url + relationship.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("link", name="Log a conversation").click()
    page.get_by_label("Held", exact=True).check()
    fill_date(page, "Date and time", timezone.localdate() - dt.timedelta(days=1), time="16:00")
    page.get_by_label("Length (minutes)").fill("90")
    page.get_by_label("Shared summary").fill("First half term: priorities and the budget.")
    page.get_by_role("button", name="Save conversation").click()
    expect(page.get_by_text("Conversation saved.")).to_be_visible()
    assert_accessible(page)
    assert Conversation.objects.get().relationship == relationship

    # The bank now shows Ken's live load across programmes.
    switch_user(page, live_server, coordinator)
    page.goto(live_server.url + bank.get_absolute_url())
    expect(page.get_by_role("row", name="Ken Oldhand")).to_contain_text("1 of 2")
    assert_accessible(page)
