"""The pages the end-to-end workflow test does not pass through, checked with axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tandem.testing.browser import assert_accessible, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def _visit(page, live_server, url):
    page.goto(live_server.url + url)
    assert page.locator("h1").count() == 1, url
    assert_accessible(page)


def test_remaining_pages_are_accessible(page, live_server, cast):
    sign_in(page, live_server, cast["mentee"])
    for url in (
        reverse("programmes:programme-list"),
        reverse("programmes:programme-apply", args=[cast["programme"].uuid]),
        reverse("relationships:change-request-create", args=[cast["relationship"].uuid]),
        reverse("relationships:change-request-detail", args=[cast["change"].uuid]),
        reverse("relationships:calendar"),
        reverse("relationships:time-add", args=[cast["relationship"].uuid]),
        reverse("relationships:conversation-edit", args=[cast["conversation"].uuid]),
        reverse("relationships:private-note-edit", args=[cast["conversation"].uuid]),
        reverse("relationships:goal-edit", args=[cast["goal"].uuid]),
    ):
        _visit(page, live_server, url)
    page.context.clear_cookies()
    sign_in(page, live_server, cast["coordinator"])
    for url in (
        reverse("programmes:programme-edit", args=[cast["programme"].uuid]),
        reverse("relationships:change-request-detail", args=[cast["change"].uuid]),
        reverse("relationships:relationship-detail", args=[cast["relationship"].uuid]),
    ):
        _visit(page, live_server, url)


def test_a_failed_upload_is_explained_accessibly(page, live_server, cast, tmp_path):
    sign_in(page, live_server, cast["mentee"])
    page.goto(
        live_server.url + reverse("relationships:evidence-add", args=[cast["relationship"].uuid])
    )
    fake = tmp_path / "plan.pdf"
    fake.write_bytes(b"not really a pdf")
    page.get_by_label("Title").fill("My plan")
    page.get_by_label("Description").fill("Keep this description")
    page.get_by_label("File").set_input_files(str(fake))
    page.get_by_role("button", name="Add evidence").click()
    expect(page.get_by_role("alert")).to_contain_text("do not match its .pdf name")
    assert page.get_by_label("Description").input_value() == "Keep this description"
    assert_accessible(page)
