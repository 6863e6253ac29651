"""In the browser: a case study from its author, through the organisation's leader and a
publisher, to an anonymous visitor who finds it through a filter, reads it (axe clean, at
phone width too) and sees it in the feed."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tandem.casestudies.models import CaseStudy
from tandem.testing.browser import (
    assert_accessible,
    assert_reflows,
    console_errors,
    sign_in,
    switch_user,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TITLE = "Group coaching for new middle leaders"


def test_a_case_study_goes_from_its_author_to_the_public_pages(page, live_server, cast):
    errors = console_errors(page)
    sign_in(page, live_server, cast["author"])
    page.goto(f"{live_server.url}/case-studies/manage/new/")
    page.get_by_label("Organisation").select_option(label="Riverside Trust")
    page.get_by_label("Programme it is about (optional)").select_option(
        label="Second-year coaching"
    )
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Summary").fill("Six new middle leaders met as a learning set each month.")
    page.get_by_role("button", name="Start the case study").click()

    expect(page.get_by_role("heading", name="Edit the case study")).to_be_visible()
    page.get_by_label("Context").fill("Mo Member had just become head of science.")
    page.get_by_label("What we did").fill("Monthly learning sets with an external coach.")
    page.get_by_label("What worked").fill("Agreeing a learning agreement at the first meeting.")
    page.get_by_label("A learning agreement").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save the case study").click()

    # Submission waits for the name to be resolved.
    expect(
        page.get_by_role("listitem").filter(has_text="names to resolve: Mo Member")
    ).to_be_visible()
    page.get_by_role("link", name="Run the anonymisation check").click()
    expect(page.locator("mark")).to_have_text("Mo Member")
    assert_accessible(page)
    page.get_by_role("button", name="Keep “Mo Member” and record consent").click()
    page.get_by_label("They consent to being identifiable").check()
    page.get_by_label("How they told you").fill("Signed consent form")
    page.get_by_label("Date of their decision").fill(timezone.localdate().isoformat())
    assert_accessible(page)
    page.get_by_role("button", name="Record consent").click()
    expect(page.get_by_role("status")).to_contain_text("Consent recorded for Mo Member.")
    page.get_by_role("button", name="Submit to your organisation's leader").click()
    expect(page.get_by_role("status")).to_contain_text("Submitted to your organisation's leader.")
    detail_url = page.url

    switch_user(page, live_server, cast["leader"])
    page.goto(detail_url)
    assert_accessible(page)
    page.get_by_role("button", name="Endorse it").click()
    expect(page.get_by_role("status")).to_contain_text("Endorsed")

    switch_user(page, live_server, cast["publisher"])
    page.goto(detail_url)
    page.get_by_role("button", name="Publish it").click()
    expect(page.get_by_role("status")).to_contain_text("Published on the public pages.")
    assert CaseStudy.objects.get(title=TITLE).status == CaseStudy.Status.PUBLISHED

    # An anonymous visitor finds it through the Framework filter.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/case-studies/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    page.get_by_label("Framework item").select_option(label="A learning agreement")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name=re.compile("1 case study match"))).to_be_visible()
    expect(page.get_by_role("link", name="What peer coaching changed at Riverside")).to_have_count(
        0
    )
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page).to_have_title(f"{TITLE}: a case study – Tandem")
    assert_accessible(page)
    page.set_viewport_size({"width": 375, "height": 740})
    assert_accessible(page)
    assert_reflows(page)

    feed = page.request.get(f"{live_server.url}/case-studies/feed/")
    assert feed.ok
    assert TITLE in feed.text()
    assert errors == []
