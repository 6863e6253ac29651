"""End to end, with the database task backend as in production: a coordinator opens the
report page and sees its refresh waiting in the queue, a worker runs it, and the page
brings itself up to date with the finished report; then she prepares an export, watches it
wait, and downloads it once the worker has built it. axe checks every step."""

import pytest
from playwright.sync_api import expect

from tandem.testing.browser import assert_accessible, sign_in
from tandem.testing.worker import run_worker
from tandem.testing.workflow import build_cast

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def cast(transactional_db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return build_cast()


def test_the_report_shows_progress_then_the_finished_report(page, live_server, cast):
    programme = cast["programme"]
    sign_in(page, live_server, cast["coordinator"])
    page.goto(f"{live_server.url}/evaluation/programmes/{programme.uuid}/report/")
    status = page.locator("#report-status")
    expect(status).to_have_attribute("data-task-state", "waiting")
    expect(status.get_by_role("status")).to_contain_text("The report is waiting to start")
    expect(status.get_by_role("progressbar")).to_be_visible()
    assert_accessible(page)

    run_worker()
    # The status polls itself and reloads the page once the refresh is done.
    expect(page.get_by_role("table", name="Meetings held each month against plan")).to_be_visible()
    expect(page.locator("#report-status")).to_have_attribute("data-task-state", "done")
    expect(page.get_by_text("The report was last brought up to date on")).to_be_visible()
    assert_accessible(page)


def test_an_export_is_prepared_in_the_background_and_downloaded(page, live_server, cast):
    programme = cast["programme"]
    sign_in(page, live_server, cast["coordinator"])
    page.goto(live_server.url + programme.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("button", name="Prepare enrolments (.csv)").click()
    expect(page.get_by_role("heading", name=f"Enrolments in {programme.name}")).to_be_visible()
    expect(page.locator("#export-status")).to_have_attribute("data-task-state", "waiting")
    expect(page.get_by_role("link", name="Download tandem-enrolments-")).to_have_count(0)
    assert_accessible(page)

    run_worker()
    download_link = page.get_by_role("link", name="Download tandem-enrolments-")
    expect(download_link).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        download_link.click()
    content = download.value.path().read_text(encoding="utf-8-sig")
    assert content.startswith("Email,Role,Full name,Status,Decided on")
    assert cast["mentee"].email in content
