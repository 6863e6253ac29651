"""The reminder pages in a real browser, checked with axe: choosing kinds, and stopping
every reminder from the link in an email without signing in."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tandem.relationships import reminders
from tandem.relationships.models import ReminderOptOut
from tandem.testing.browser import assert_accessible, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_a_person_turns_one_kind_of_reminder_off(page, live_server, cast):
    sign_in(page, live_server, cast["mentee"])
    page.goto(live_server.url + reverse("relationships:my-mentoring"))
    page.get_by_role("link", name="Choose which reminder emails you get").click()
    assert_accessible(page)
    overdue = page.get_by_label("Actions I agreed that are overdue")
    expect(overdue).to_be_checked()
    overdue.uncheck()
    page.get_by_role("button", name="Save my choices").click()
    expect(page.get_by_text("Your reminder emails are saved.")).to_be_visible()
    expect(page.get_by_label("Actions I agreed that are overdue")).not_to_be_checked()
    assert_accessible(page)
    kinds = set(ReminderOptOut.objects.filter(user=cast["mentee"]).values_list("kind", flat=True))
    assert kinds == {"action"}


def test_the_link_in_an_email_stops_every_reminder_without_signing_in(page, live_server, cast):
    token = reminders.unsubscribe_token(cast["mentee"])
    page.goto(live_server.url + reverse("relationships:reminder-unsubscribe", args=[token]))
    assert_accessible(page)
    assert not ReminderOptOut.objects.exists()
    page.get_by_role("button", name="Stop all reminder emails").click()
    expect(page.get_by_role("heading", name="Reminder emails stopped")).to_be_visible()
    assert_accessible(page)
    assert ReminderOptOut.objects.filter(user=cast["mentee"]).count() == len(reminders.KINDS)
