"""End to end: a coordinator finds the evaluation pages from the programme page and
schedules a check-in; the mentee finds it on her home page, sends it half-answered (and
keeps what she chose), then answers it; the coordinator reads the results, the health
check with its at-risk list and the report, and downloads a CSV and the PDF.
Every page is checked with axe for WCAG 2.2 AA."""

import pytest
from playwright.sync_api import expect

from tandem.evaluation.models import Survey, SurveyResponse
from tandem.testing.browser import assert_accessible, sign_in, switch_user
from tandem.testing.workflow import build_cast

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

AGREE = "4 – Agree"


@pytest.fixture
def cast(transactional_db):
    return build_cast()


def test_a_survey_from_scheduling_to_the_report_and_downloads(page, live_server, cast):
    coordinator, mentee, programme = cast["coordinator"], cast["mentee"], cast["programme"]

    # The coordinator finds the surveys from the programme page and schedules a check-in.
    sign_in(page, live_server, coordinator)
    page.goto(live_server.url + programme.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("navigation", name=f"Evaluation of {programme.name}").get_by_role(
        "link", name="Surveys"
    ).click()
    assert_accessible(page)
    page.get_by_role("link", name="Schedule a survey").click()
    assert_accessible(page)
    page.get_by_label("Relationship check-in").check()
    page.get_by_label("Every few weeks").check()
    page.get_by_label("Every how many weeks").fill("4")
    page.get_by_role("button", name="Schedule the survey").click()
    expect(page.get_by_text("“Relationship check-in” is scheduled")).to_be_visible()
    assert_accessible(page)
    survey = Survey.objects.get(programme=programme)

    # The mentee sees it on her home page; a half-answered form keeps her choice.
    switch_user(page, live_server, mentee)
    page.goto(live_server.url + "/")
    assert_accessible(page)
    page.get_by_role("region", name="Surveys to complete").get_by_role(
        "link", name="Relationship check-in"
    ).click()
    assert_accessible(page)
    trust = page.get_by_role("group", name="We trust and respect each other.")
    trust.get_by_label(AGREE).check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    assert trust.get_by_label(AGREE).is_checked()
    assert not SurveyResponse.objects.exists()
    assert_accessible(page)
    for question in survey.questions.exclude(key="trust"):
        page.get_by_role("group", name=question.text).get_by_label(AGREE).check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Thank you: your answers are saved.")).to_be_visible()
    assert SurveyResponse.objects.get().respondent == mentee
    assert page.get_by_role("region", name="Surveys to complete").count() == 0

    # The coordinator reads the (suppressed) results, the health check and the report.
    switch_user(page, live_server, coordinator)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=f"health check for {programme.name}").click()
    expect(page.get_by_role("heading", name="Programme health check")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Relationships that may need attention")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("navigation", name="Evaluation").get_by_role("link", name="Surveys").click()
    page.get_by_role("link", name="Relationship check-in").click()
    expect(page.get_by_text("Suppressed (fewer than 5)").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("navigation", name="Evaluation").get_by_role("link", name="Report").click()
    expect(page.get_by_role("heading", name="Programme report")).to_be_visible()
    expect(page.get_by_role("table", name="Meetings held each month against plan")).to_be_visible()
    assert_accessible(page)

    # Downloads: the impact table as CSV and the whole report as PDF.
    with page.expect_download() as csv_download:
        page.locator("a[href$='/report/engagement.csv']").click()
    assert csv_download.value.suggested_filename == "tandem-engagement.csv"
    csv_response = page.request.get(
        live_server.url + page.locator("a[href$='/report/engagement.csv']").get_attribute("href")
    )
    assert csv_response.headers["content-type"] == "text/csv; charset=utf-8"
    # UTF-8 with a byte-order mark, so Excel reads it as UTF-8.
    assert csv_response.text().startswith("\ufeffMonth,Relationships active,Meetings held")
    # The PDF is prepared in the background (tests run tasks at once) and downloaded from
    # the export's own page.
    page.get_by_role("button", name="Prepare the report (PDF)").click()
    expect(page.get_by_text("The export was last brought up to date")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Download tandem-report-").click()
    assert pdf_download.value.suggested_filename.startswith("tandem-report-")
    assert pdf_download.value.path().read_bytes().startswith(b"%PDF")
