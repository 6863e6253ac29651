"""End to end: a leader imports a staff file with errors, fixes it, imports it, and exports
the staff list again; every page on the way passes axe's WCAG 2.2 AA checks."""

import re

import pytest
from playwright.sync_api import expect

from tandem.organisations.models import Membership
from tandem.testing.browser import assert_accessible, sign_in
from tandem.testing.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BROKEN = (
    "Staff email,Name,Post,Reports to,Start date\n"
    "a.khan@example.org,Aisha Khan,Head of science,,2019-09-01\n"
    "t.jones@example.org,Tom Jones,Teacher,a.khan@example.org,31/02/2024\n"
    "a.khan@example.org,Aisha Khan,Head of science,,2019-09-01\n"
)
FIXED = (
    "Staff email,Name,Post,Reports to,Start date\n"
    "a.khan@example.org,Aisha Khan,Head of science,,2019-09-01\n"
    "t.jones@example.org,Tom Jones,Teacher,a.khan@example.org,28/02/2024\n"
)


def upload(page, tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.get_by_label("Spreadsheet").set_input_files(str(path))
    page.get_by_role("button", name="Upload and match columns").click()
    expect(page.get_by_role("heading", name="Match the columns")).to_be_visible()
    assert page.get_by_label("Email", exact=True).input_value() == "Staff email"
    assert_accessible(page)
    page.get_by_role("button", name="Check every row").click()


def test_import_fix_import_and_export(page, live_server, tmp_path):
    leader = MembershipFactory(access=Membership.Access.LEADER, organisation__name="Moorland")
    sign_in(page, live_server, leader.user)
    page.goto(f"{live_server.url}{leader.organisation.get_absolute_url()}")
    page.get_by_role("link", name="Import staff from a spreadsheet").click()
    assert_accessible(page)

    upload(page, tmp_path, "broken.csv", BROKEN)
    alert = page.get_by_role("alert").inner_text()
    assert "Fix the 2 rejected rows in the file" in alert
    status = page.locator(".import-status").inner_text()
    assert status == "Cannot be imported yet: 2 rows have errors. Nothing has been saved."
    table = page.get_by_role("table").inner_text()
    assert "is not a date" in table
    assert "also on row 2" in table
    assert_accessible(page)
    assert not Membership.objects.filter(user__email="t.jones@example.org").exists()

    page.get_by_role("link", name="upload it again").click()
    upload(page, tmp_path, "fixed.csv", FIXED)
    page.get_by_role("button", name="Import 2 changes").click()
    expect(page.locator(".import-status")).to_have_text(re.compile("^Imported"))
    assert_accessible(page)
    tom = Membership.objects.get(user__email="t.jones@example.org")
    assert tom.line_manager.email == "a.khan@example.org"
    assert "2 new people were emailed an invitation." in page.content()

    page.get_by_role("link", name="See who has accepted, or send invitations").click()
    expect(page.get_by_role("heading", name="Invitations to Moorland")).to_be_visible()
    assert "Invited" in page.get_by_role("table").inner_text()
    assert_accessible(page)
    page.get_by_role("checkbox", name="Invite Tom Jones").check()
    page.get_by_role("button", name="Send invitations to the people ticked").click()
    expect(page.locator("#messages")).to_contain_text("Sent 1 invitation.")

    page.goto(f"{live_server.url}{leader.organisation.get_absolute_url()}")
    # Staff exports are prepared in the background (tests run tasks at once), then
    # downloaded from the export's own page.
    page.get_by_role("button", name="Prepare staff export (.csv)").click()
    expect(page.get_by_text("The export was last brought up to date")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download tandem-people-").click()
    exported = download.value.path().read_text(encoding="utf-8-sig")
    assert "t.jones@example.org,Tom Jones" in exported
    assert "a.khan@example.org,2024-02-28" in exported
