"""The privacy pages in a browser, checked with axe: a person prepares and downloads their
data, and two data-protection leads ask for and approve an erasure."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tandem.organisations.models import Membership
from tandem.privacy.models import ErasureRequest
from tandem.testing.browser import assert_accessible, sign_in, switch_user
from tandem.testing.factories import TEST_PASSWORD
from tandem.testing.twofactor import give_two_factor
from tandem.testing.workflow import person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_person_downloads_their_data(page, live_server, cast):
    sign_in(page, live_server, cast["mentee"])
    page.get_by_role("link", name="Your data").click()
    assert_accessible(page)
    page.get_by_role("button", name="Prepare my data").click()
    expect(page.get_by_text("Your data is being gathered")).to_be_visible()
    # The pack holds her private notes: she confirms her password before it downloads.
    page.get_by_role("link", name="Download").click()
    expect(page.get_by_label("Password")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    with page.expect_download() as download:
        page.get_by_role("button", name="Confirm").click()
    assert download.value.suggested_filename.endswith(".zip")
    page.goto(f"{live_server.url}{reverse('privacy:my-data')}")
    assert_accessible(page)
    page.get_by_role("link", name="How long Tandem keeps your data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How long Tandem keeps data")
    assert_accessible(page)


def test_two_leads_erase_a_person(page, live_server, cast):
    first = person(cast["moorland"], "Priya Lead")
    second = person(cast["moorland"], "Sam Second")
    Membership.objects.filter(user__in=[first, second]).update(data_protection_lead=True)
    give_two_factor(first)  # data-protection leads must have set up two-factor
    give_two_factor(second)
    sign_in(page, live_server, first)
    page.goto(live_server.url + reverse("privacy:lead-people"))
    assert_accessible(page)
    page.get_by_role("link", name="Ask for erasure of Eve Otherteacher").click()
    assert_accessible(page)
    page.get_by_role("button", name="Ask for erasure").click()
    expect(page.locator(".error-summary")).to_contain_text("Reason: This field is required.")
    assert_accessible(page)
    page.get_by_label("Reason").fill("Her email of 3 May asking to be forgotten.")
    page.get_by_role("button", name="Ask for erasure").click()
    expect(page.get_by_text("You asked for this erasure")).to_be_visible()
    assert_accessible(page)

    switch_user(page, live_server, second)
    page.goto(live_server.url + reverse("privacy:erasure-list"))
    assert_accessible(page)
    page.get_by_role("link", name="Eve Otherteacher").click()
    page.get_by_label("Approve and erase now").check()
    page.get_by_role("button", name="Record decision").click()
    expect(page.locator(".error-summary")).to_contain_text("cannot be undone")
    assert_accessible(page)
    page.get_by_label("I understand that erasure cannot be undone.").check()
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Erased.")).to_be_visible()
    assert ErasureRequest.objects.get().status == ErasureRequest.Status.COMPLETED
    expect(page.get_by_role("table")).not_to_contain_text("Eve Otherteacher")
    assert_accessible(page)
