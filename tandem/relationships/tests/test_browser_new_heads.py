"""End to end in Chromium, a local authority's new headteachers' scheme (NFER review, 2008,
section 5: a newly appointed head is mentored for a year by a trained head with at least
three years' headship, who counts it as their own CPD): the adviser sets the scheme up
from the new-headteacher template and pairs a new head with an experienced head; the
mentor keeps a learning goal and a log entry of their own; the new head records class
figures for pupils before and after; the adviser refers the new head to a specialist
coach, which the new head, the mentor and the specialist all see, and the specialist
sees nothing else. axe checks every page (0 serious or critical)."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tandem.organisations.models import Membership
from tandem.programmes.models import Enrolment, Programme
from tandem.relationships.models import (
    LearningLogEntry,
    OwnLearningGoal,
    PupilOutcomeRecord,
    Relationship,
    SpecialistReferral,
)
from tandem.testing.browser import (
    assert_accessible,
    console_errors,
    fill_date,
    sign_in,
    switch_user,
)
from tandem.testing.factories import MembershipFactory, OrganisationFactory, TrainingRecordFactory
from tandem.testing.workflow import person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _cast() -> dict:
    council = OrganisationFactory(name="Downland County Council")
    hillside = OrganisationFactory(name="Hillside Primary")
    oakfield = OrganisationFactory(name="Oakfield Primary")
    # Alice: the authority's adviser who runs the scheme for its schools.
    alice = person(council, "Alice Adviser", Membership.Access.COORDINATOR)
    MembershipFactory(user=alice, organisation=hillside, access=Membership.Access.COORDINATOR)
    MembershipFactory(user=alice, organisation=oakfield, access=Membership.Access.COORDINATOR)
    # Ed: head of Oakfield for eight years, trained in mentoring.
    ed = person(
        oakfield,
        "Ed Experienced",
        career_stage="headteacher",
        years_in_profession=25,
        years_in_role=8,
    )
    TrainingRecordFactory(profile=ed.profile)
    # Nina: newly appointed head of Hillside.
    nina = person(hillside, "Nina Newhead", career_stage="headteacher", years_in_role=0)
    # Sara: the authority's specialist coach for school finance.
    sara = person(council, "Sara Specialist")
    return {
        "council": council,
        "hillside": hillside,
        "oakfield": oakfield,
        "alice": alice,
        "ed": ed,
        "nina": nina,
        "sara": sara,
    }


def _open(page: Page, live_server, path: str) -> None:
    page.goto(f"{live_server.url}{path}")
    page.wait_for_load_state("load")


def test_new_heads_scheme_mentor_learning_pupil_outcomes_and_specialist_referral(page, live_server):
    cast = _cast()
    errors = console_errors(page)
    today = timezone.localdate()

    # 1. The adviser sets the scheme up from the new-headteacher template.
    sign_in(page, live_server, cast["alice"])
    page.get_by_role("link", name="Set up a programme").click()
    page.get_by_role("link", name="New-headteacher mentoring").click()
    page.get_by_role("textbox", name=re.compile("^Name")).fill("New heads 2027")
    for school in ("Downland County Council", "Hillside Primary", "Oakfield Primary"):
        page.get_by_label(school).check()
    fill_date(page, "Starts on", today - dt.timedelta(days=7))
    fill_date(page, "Ends on", today + dt.timedelta(days=358))
    page.get_by_role("button", name=re.compile("Create|Save|Set up")).click()
    expect(page.get_by_text("Programme “New heads 2027” created.")).to_be_visible()
    assert_accessible(page)
    programme = Programme.objects.get(name="New heads 2027")
    assert programme.template_key == "new-head-mentoring"
    Programme.objects.filter(pk=programme.pk).update(status=Programme.Status.RUNNING)
    for user, role in ((cast["ed"], "mentor"), (cast["nina"], "mentee")):
        Enrolment.objects.create(
            programme=programme, user=user, role=role, status=Enrolment.Status.APPROVED
        )

    # 2. Pupil outcome measures for the scheme, then pair the new head with Ed.
    _open(page, live_server, f"/relationships/programmes/{programme.uuid}/overview/")
    page.get_by_role("link", name="Pupil outcome measures").click()
    assert_accessible(page)
    page.get_by_label("Name").fill("Reading at the expected standard")
    page.get_by_label("Number of pupils in each band").check()
    page.get_by_label("Bands, lowest first, one a line").fill(
        "Working towards\nExpected\nGreater depth"
    )
    page.get_by_role("button", name="Add measure").click()
    expect(page.get_by_text("Pupil outcome measure added.")).to_be_visible()
    assert_accessible(page)
    _open(page, live_server, f"/relationships/programmes/{programme.uuid}/new/")
    page.get_by_label("Mentor").select_option(str(cast["ed"].pk))
    page.get_by_label(re.compile("Nina Newhead")).check()
    page.get_by_role("button", name=re.compile("Create|Pair|Save")).click()
    page.wait_for_load_state("load")
    relationship = Relationship.objects.get(programme=programme)
    assert_accessible(page)

    # 3. The adviser refers Nina to a specialist coach; she keeps Ed as her mentor.
    _open(page, live_server, relationship.get_absolute_url())
    page.get_by_role("link", name="Refer a learner to a specialist coach").click()
    assert_accessible(page)
    page.locator("#id_learner").select_option(str(cast["nina"].pk))
    page.locator("#id_specialist").select_option(str(cast["sara"].pk))
    page.get_by_label("Focus area").fill("School budget planning")
    page.get_by_role("button", name="Make the referral").click()
    expect(page.get_by_text("Referral made. The learner keeps their mentor.")).to_be_visible()
    assert_accessible(page)
    referral = SpecialistReferral.objects.get()

    # 4. Ed, the mentor, keeps a learning goal and a log entry of his own, and sees the
    #    referral.
    switch_user(page, live_server, cast["ed"])
    _open(page, live_server, relationship.get_absolute_url())
    expect(page.get_by_text("Nina Newhead referred to Sara Specialist")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="My learning goals and log").click()
    assert_accessible(page)
    page.get_by_role("link", name="Add a learning goal").click()
    page.get_by_label("What I want to learn").fill("Coach rather than tell")
    page.get_by_label("Status").select_option("in-progress")
    page.get_by_role("button", name="Save learning goal").click()
    expect(page.get_by_text("Only you can see it.")).to_be_visible()
    page.get_by_role("link", name="Add a log entry").click()
    fill_date(page, "Date", today)
    page.get_by_label("What I learned").fill("Asking what she had tried first helped more.")
    page.get_by_label("Framework link (optional)").select_option(index=1)
    page.get_by_role("button", name="Save log entry").click()
    expect(page.get_by_text("Asking what she had tried first helped more.")).to_be_visible()
    assert_accessible(page)
    assert OwnLearningGoal.objects.get().owner == cast["ed"]
    assert LearningLogEntry.objects.get().owner == cast["ed"]

    # 5. Nina records her class's reading figures before and after; she sees the referral
    #    but never Ed's own learning.
    switch_user(page, live_server, cast["nina"])
    _open(page, live_server, relationship.get_absolute_url())
    expect(page.get_by_text("Nina Newhead referred to Sara Specialist")).to_be_visible()
    expect(page.get_by_text("Coach rather than tell")).to_have_count(0)
    page.get_by_role("link", name="Class figures before and after").click()
    assert_accessible(page)
    for phase, counts in (("before", (12, 14, 4)), ("after", (6, 18, 6))):
        page.get_by_role("link", name=f"Record figures {phase} for").click()
        expect(page.get_by_text("Never record pupils' names")).to_be_visible()
        assert_accessible(page)
        for band, count in zip(
            ("Working towards", "Expected", "Greater depth"), counts, strict=True
        ):
            page.get_by_label(f"Pupils in “{band}”").fill(str(count))
        page.get_by_role("button", name="Save figures").click()
        expect(page.get_by_text("Your class's figures are saved.")).to_be_visible()
    assert_accessible(page)
    assert PupilOutcomeRecord.objects.filter(recorded_by=cast["nina"]).count() == 2

    # 6. Sara, the specialist, sees and accepts the referral, and nothing of the record.
    switch_user(page, live_server, cast["sara"])
    _open(page, live_server, "/relationships/referrals/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Nina Newhead: School budget planning")).click()
    page.get_by_role("button", name="Accept the referral").click()
    expect(page.get_by_text("Referral accepted.")).to_be_visible()
    assert_accessible(page)
    referral.refresh_from_db()
    assert referral.status == SpecialistReferral.Status.ACCEPTED
    response = page.goto(f"{live_server.url}{relationship.get_absolute_url()}")
    assert response is not None
    assert response.status == 404
    # That 404 is the browser's only console error so far, and the one this step expects.
    assert len(errors) == 1
    assert "404" in errors[0]
    errors.clear()

    # 7. The adviser's report on outcomes for pupils: one head is too few to show.
    switch_user(page, live_server, cast["alice"])
    _open(page, live_server, f"/evaluation/programmes/{programme.uuid}/report/pupil-outcomes/")
    expect(
        page.get_by_role("heading", level=1, name="Impact for mentors and pupils")
    ).to_be_visible()
    expect(page.get_by_text("Suppressed (fewer than 5)").first).to_be_visible()
    assert_accessible(page)
    assert errors == []
