"""End to end, keyboard and screen-reader visible: a mentee deletes a goal from the goal's
page (after confirming) and undoes it from the list of goals; a mentor deletes a
conversation they logged and undoes it. axe checks every step."""

import pytest
from playwright.sync_api import expect

from tandem.relationships.models import Conversation, Goal
from tandem.testing.browser import assert_accessible, sign_in
from tandem.testing.workflow import build_cast

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

GOAL = "Use questioning to check understanding"


def test_a_mentee_deletes_a_goal_and_a_mentor_a_conversation_and_both_undo(page, live_server):
    cast = build_cast()
    mentee, mentor, relationship = cast["mentee"], cast["mentor"], cast["relationship"]
    goal, conversation = cast["goal"], cast["conversation"]

    sign_in(page, live_server, mentee)
    page.goto(live_server.url + goal.get_absolute_url())
    page.get_by_role("link", name="Delete goal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete this goal?")
    assert_accessible(page)
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.get_by_text("The goal is deleted.")).to_be_visible()
    assert_accessible(page)
    assert not Goal.objects.filter(pk=goal.pk).exists()
    page.get_by_role("button", name=f"Undo deleting goal “{GOAL}”").click()
    expect(page.get_by_text("The goal is back.")).to_be_visible()
    expect(page.get_by_role("link", name=f"Delete goal “{GOAL}”")).to_be_visible()
    assert_accessible(page)
    assert Goal.objects.filter(pk=goal.pk).exists()

    page.context.clear_cookies()
    sign_in(page, live_server, mentor)
    page.goto(live_server.url + relationship.get_absolute_url())
    page.get_by_role("link", name="All conversations, to delete one").click()
    assert_accessible(page)
    page.get_by_role("link", name="Delete held conversation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete this conversation?")
    assert_accessible(page)
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.get_by_text("The conversation is deleted.")).to_be_visible()
    assert_accessible(page)
    assert not Conversation.objects.filter(pk=conversation.pk).exists()
    page.get_by_role("button", name="Undo deleting held conversation").click()
    expect(page.get_by_text("The conversation is back.")).to_be_visible()
    assert_accessible(page)
    assert Conversation.objects.filter(pk=conversation.pk).exists()
