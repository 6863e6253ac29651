"""The mentee's journey end to end in Chromium, with axe at every step: her shortlist, her
ranking (confirmed before anyone is asked; the next mentor is asked when the first
declines), her goals in the relationship that forms, a check-in survey, and the export of
her own data."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tandem.evaluation.models import Survey, SurveyResponse
from tandem.evaluation.services import schedule_survey
from tandem.matching import services
from tandem.matching.models import OfferStatus, ShortlistOffer
from tandem.matching.tests.cast import build_matching_cast
from tandem.relationships.models import Goal, Relationship
from tandem.relationships.services.agreement import current_agreement, sign_agreement
from tandem.testing.browser import assert_accessible, fill_date, sign_in
from tandem.testing.factories import TEST_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

AGREE = "4 – Agree"


@pytest.fixture
def cast(transactional_db):
    cast = build_matching_cast()
    run = services.start_run(
        actor=cast["coordinator"], programme=cast["programme"], mode="shortlist"
    )
    services.send_shortlists(actor=cast["coordinator"], run=run)
    return cast | {"run": run}


def _ready(page: Page) -> None:
    """Click only once the page has loaded and htmx has taken over its forms."""
    page.wait_for_load_state("load")
    page.wait_for_function("window.htmx !== undefined")


def test_mentee_shortlist_rank_goals_survey_export(page, live_server, cast):
    dana, mia, bob = cast["dana"], cast["mia"], cast["bob"]
    sign_in(page, live_server, dana)

    # Shortlist: why each mentor was suggested.
    _ready(page)
    page.get_by_role("link", name="Choose your mentor").click()
    expect(page.get_by_role("heading", name="Mia Mentor")).to_be_visible()
    assert_accessible(page)

    # Rank: Mia first, then Bob; nothing is sent until she confirms.
    _ready(page)
    page.get_by_role("link", name="Rank your choices").click()
    assert_accessible(page)
    page.get_by_label("First choice").select_option(label="Mia Mentor")
    page.get_by_label("Second choice").select_option(label="Bob Mentor")
    _ready(page)
    page.get_by_role("button", name="Check my ranking").click()
    expect(page.get_by_role("heading", name="Check your ranking")).to_be_visible()
    expect(page.get_by_text("Mia Mentor is emailed now")).to_be_visible()
    assert_accessible(page)
    assert not ShortlistOffer.objects.filter(mentee=dana, status=OfferStatus.CHOSEN).exists()
    _ready(page)
    page.get_by_role("button", name="Confirm and ask Mia Mentor").click()
    expect(page.get_by_text("Mia Mentor has been asked")).to_be_visible()
    expect(page.get_by_role("heading", name="Your ranking")).to_be_visible()
    assert_accessible(page)

    # Mia declines; Bob, next on her list, is asked at once and accepts.
    offers = ShortlistOffer.objects.filter(run=cast["run"], mentee=dana)
    services.answer_offer(actor=mia, offer=offers.get(mentor=mia), accept=False)
    bobs = offers.get(mentor=bob)
    assert bobs.status == OfferStatus.CHOSEN
    relationship = services.answer_offer(actor=bob, offer=bobs, accept=True).relationship
    page.reload()
    expect(page.get_by_text("You have a mentor.")).to_be_visible()
    assert_accessible(page)

    # Goals: from My mentoring into the new relationship.
    _ready(page)
    page.get_by_role("link", name="Go to My mentoring").click()
    expect(page.get_by_role("heading", level=1, name="My mentoring")).to_be_visible()
    assert_accessible(page)
    _ready(page)
    page.get_by_role("link", name="Bob Mentor (mentor)").click()
    _ready(page)
    page.get_by_role("link", name="Add a goal").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Use hinge questions in every lesson")
    page.get_by_label("Why it matters").fill("School priority: assessment for learning.")
    page.get_by_label("Success criteria").fill("Most pupils answer a hinge question well.")
    target = timezone.localdate() + dt.timedelta(days=60)
    fill_date(page, "Target date", target)
    _ready(page)
    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_role("heading", name="Use hinge questions in every lesson")).to_be_visible()
    assert_accessible(page)
    assert Goal.objects.get(relationship=relationship).owner == dana

    # Bob has signed their agreement; she signs it too, and the relationship starts.
    sign_agreement(actor=bob, agreement=current_agreement(relationship))
    page.goto(live_server.url + relationship.get_absolute_url())
    _ready(page)
    page.get_by_role("link", name="Learning agreement").click()
    assert_accessible(page)
    _ready(page)
    page.get_by_role("button", name="Sign version 1").click()
    page.wait_for_load_state("load")
    relationship.refresh_from_db()
    assert relationship.status == Relationship.Status.ACTIVE

    # Survey: a check-in opens; she finds it on her home page and answers it.
    survey = schedule_survey(
        actor=cast["coordinator"],
        programme=cast["programme"],
        template_key="check-in",
        stage="recurring",
        every_weeks=4,
        opens_on=timezone.localdate() - dt.timedelta(days=1),
    )
    Survey.objects.filter(pk=survey.pk).update(
        closes_on=timezone.localdate() + dt.timedelta(days=20)
    )
    page.goto(live_server.url + "/")
    assert_accessible(page)
    _ready(page)
    page.get_by_role("region", name="Surveys to complete").get_by_role(
        "link", name="Relationship check-in"
    ).click()
    assert_accessible(page)
    for question in survey.questions.filter(kind="likert"):
        page.get_by_role("group", name=question.text).get_by_label(AGREE).check()
    _ready(page)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Thank you: your answers are saved.")).to_be_visible()
    assert SurveyResponse.objects.get().respondent == dana
    assert_accessible(page)

    # Export: her own data, linked from My mentoring.
    page.goto(live_server.url + "/relationships/mine/")
    _ready(page)
    page.get_by_role("link", name="Download a copy of your own data").click()
    assert_accessible(page)
    _ready(page)
    page.get_by_role("button", name="Prepare my data").click()
    expect(page.get_by_text("Your data is being gathered")).to_be_visible()
    _ready(page)
    page.get_by_role("link", name="Download").click()
    expect(page.get_by_label("Password")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    with page.expect_download() as download:
        page.get_by_role("button", name="Confirm").click()
    assert download.value.suggested_filename.endswith(".zip")
