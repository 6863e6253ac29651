"""In the browser, a coordinator's decision on an application updates that row and shows
the message without reloading the page (htmx), with no script or style the CSP blocks."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tandem.programmes.models import Enrolment
from tandem.testing.browser import assert_accessible, console_errors, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_a_decision_updates_the_row_without_reloading_the_page(page, live_server, cast):
    errors = console_errors(page)
    sign_in(page, live_server, cast["coordinator"])
    page.goto(live_server.url + reverse("programmes:enrolment-list", args=[cast["programme"].uuid]))
    page.evaluate("window.sameDocument = true")  # gone if the page reloads
    row = page.get_by_role("row", name=re.compile("Frank Applicant"))
    row.get_by_label("Decline").check()
    row.get_by_label("Note").fill("Full this year.")
    row.get_by_role("button", name="Record decision").click()
    # The row asks first, saying who is emailed; nothing is recorded yet.
    confirm = page.get_by_role("row", name=re.compile("Decline Frank Applicant"))
    expect(confirm).to_contain_text("Frank Applicant is emailed")
    assert Enrolment.objects.get(pk=cast["application"].pk).status == Enrolment.Status.APPLIED
    assert_accessible(page)
    confirm.get_by_role("button", name="Confirm: decline Frank Applicant").click()

    expect(page.get_by_role("status")).to_contain_text("Decision recorded for Frank Applicant.")
    decided = page.get_by_role("row", name=re.compile("Frank Applicant"))
    expect(decided).to_contain_text("Declined")
    expect(decided).to_contain_text("Full this year.")
    assert page.evaluate("window.sameDocument") is True
    assert Enrolment.objects.get(pk=cast["application"].pk).status == Enrolment.Status.DECLINED
    assert_accessible(page)
    assert errors == []
