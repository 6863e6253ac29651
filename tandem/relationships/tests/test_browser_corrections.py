"""End to end, keyboard and screen-reader visible: a mentor logs a conversation with an
impossible date, is told so in the error summary, corrects it; then corrects a time entry,
deletes it (after confirming) and undoes the deletion. axe checks every step."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tandem.relationships.models import Conversation, TimeEntry
from tandem.testing.browser import assert_accessible, fill_date, sign_in
from tandem.testing.workflow import build_cast

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_a_mentor_corrects_a_bad_date_then_corrects_deletes_and_restores_time(page, live_server):
    cast = build_cast()
    mentor, relationship = cast["mentor"], cast["relationship"]
    today = timezone.localdate()
    sign_in(page, live_server, mentor)
    page.goto(live_server.url + relationship.get_absolute_url())
    assert_accessible(page)

    # A held meeting dated tomorrow is refused, with a summary linking to the date.
    page.get_by_role("link", name="Log a conversation").click()
    assert_accessible(page)
    page.get_by_label("Held", exact=True).check()
    fill_date(page, "Date and time", today + dt.timedelta(days=1), time="16:00")
    page.get_by_label("Length (minutes)").fill("40")
    page.get_by_label("Shared summary").fill("Reviewed the forces unit plan.")
    page.get_by_role("button", name="Save conversation").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("cannot be in the future")
    assert_accessible(page)
    # The summary's link takes focus to the day box of the date group.
    summary.get_by_role("link").first.click()
    expect(page.locator("#id_starts_at")).to_be_focused()
    # What was typed is kept; the person corrects only the date.
    expect(page.get_by_label("Shared summary")).to_have_value("Reviewed the forces unit plan.")
    fill_date(page, "Date and time", today - dt.timedelta(days=1), time="16:00")
    page.get_by_role("button", name="Save conversation").click()
    expect(page.get_by_text("Conversation saved.")).to_be_visible()
    assert_accessible(page)
    assert Conversation.objects.filter(duration_minutes=40, status="held").count() == 1

    # The time entry is corrected from the list of time entries.
    page.goto(live_server.url + relationship.get_absolute_url())
    page.get_by_role("link", name="All time entries, to correct or delete one").click()
    assert_accessible(page)
    page.get_by_role("link", name="Edit 30 minutes of preparation").click()
    assert_accessible(page)
    page.get_by_label("Minutes").fill("50")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("The time entry is saved.")).to_be_visible()
    assert_accessible(page)
    entry = TimeEntry.objects.get(user=mentor)
    assert entry.minutes == 50

    # Deleting asks first, then offers an undo.
    page.get_by_role("link", name="Delete 50 minutes of preparation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete this time entry?")
    assert_accessible(page)
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.get_by_text("The time entry is deleted.")).to_be_visible()
    assert_accessible(page)
    assert not TimeEntry.objects.filter(pk=entry.pk).exists()
    page.get_by_role("button", name="Undo deleting 50 minutes of preparation").click()
    expect(page.get_by_text("The time entry is back.")).to_be_visible()
    expect(page.get_by_role("link", name="Edit 50 minutes of preparation")).to_be_visible()
    assert_accessible(page)
    assert TimeEntry.objects.filter(pk=entry.pk).exists()
