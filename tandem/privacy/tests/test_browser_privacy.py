"""The privacy pages in a browser: the notice at sign-in, My privacy, the audit log."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tandem.privacy.services.consent import publish_notice
from tandem.privacy.tests.audit_cast import build_audit_cast
from tandem.testing.browser import assert_accessible, fill_date, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_reads_the_notice_then_manages_consent(page, live_server):
    cast = build_audit_cast()
    publish_notice(actor=cast["leader"], organisation=cast["moorland"], body="We hold goals.")
    sign_in(page, live_server, cast["mentee"])
    page.goto(live_server.url + reverse("relationships:my-mentoring"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Please read this privacy notice")
    assert_accessible(page)
    page.get_by_role("button", name="I have read this notice").click()
    expect(page).to_have_url(re.compile(r"/relationships/mine/$"))
    page.get_by_role("link", name="My privacy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My privacy")
    assert_accessible(page)
    page.get_by_role("button", name="I consent to research use of my data and quotes").click()
    expect(page.get_by_text("Thank you: your consent is recorded.")).to_be_visible()
    page.get_by_role("link", name="Withdraw consent for research use of my data and quotes").click()
    assert_accessible(page)
    page.get_by_role("button", name="Withdraw my consent").click()
    expect(
        page.get_by_text("Consent withdrawn: Research use of my data and quotes.")
    ).to_be_visible()


def test_the_data_protection_lead_filters_the_audit_log(page, live_server):
    cast = build_audit_cast()
    sign_in(page, live_server, cast["dpo"])
    page.goto(live_server.url + reverse("privacy:audit-log"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit log")
    assert_accessible(page)
    page.get_by_label("Person").fill("Bob")
    page.get_by_role("button", name="Show events").click()
    expect(page.get_by_role("table")).to_contain_text("conversation.read")
    fill_date(page, "From", dt.date(2026, 5, 2))
    fill_date(page, "To", dt.date(2026, 5, 1))
    page.get_by_role("button", name="Show events").click()
    expect(page.get_by_role("alert")).to_contain_text("The end date must be on or after")
    assert_accessible(page)
    page.goto(live_server.url + reverse("privacy:notice-edit", args=[cast["moorland"].uuid]))
    assert_accessible(page)
