"""Each role's main task by keyboard alone: a mentee answers a survey (meeting the errors
on the way, with focus where it should be), a mentor logs a conversation; and the session
warning and drafts that keep typed text when a session runs out. Every page is checked
with axe, including its landmark rules."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tandem.evaluation.models import SurveyResponse
from tandem.evaluation.tests.cast import add_surveys
from tandem.relationships.models import Conversation
from tandem.testing.browser import assert_accessible, focused, sign_in, tab_to
from tandem.testing.factories import ProfileFactory
from tandem.testing.workflow import build_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cast(transactional_db):
    return build_cast()


def answer_agree_by_keyboard(page):
    """On a question's first radio: check it, then arrow to "4 – Agree"."""
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowRight")


def test_a_mentee_answers_a_survey_by_keyboard(page, live_server, cast):
    survey = add_surveys(cast)["check-in"]
    questions = list(survey.questions.order_by("position"))
    sign_in(page, live_server, cast["mentee"])
    page.goto(f"{live_server.url}/evaluation/surveys/{survey.uuid}/")
    first = questions[0]
    tab_to(page, page.locator(f"#id_q{first.position}_0"))
    answer_agree_by_keyboard(page)
    tab_to(page, page.get_by_role("button", name="Send my answers"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The failed submit: the error summary has focus, and its first link takes focus to the
    # first radio of the first unanswered question.
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert "error-summary" in focused(page)["cls"]
    assert_accessible(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    second = questions[1]
    assert focused(page) == {
        "tag": "input",
        "id": f"id_q{second.position}_0",
        "cls": "",
        "type": "radio",
    }
    described = page.locator(f"#id_q{second.position}_0").get_attribute("aria-describedby")
    assert page.locator(f"#{described}").inner_text() == "This field is required."
    assert page.locator(f"#id_q{first.position}_3").is_checked()  # kept from the first try

    for question in questions[1:]:
        tab_to(page, page.locator(f"#id_q{question.position}_0"))
        answer_agree_by_keyboard(page)
    tab_to(page, page.get_by_role("button", name="Send my answers"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Thank you: your answers are saved.")
    assert_accessible(page)
    answers = SurveyResponse.objects.get(survey=survey).answers.values_list("number", flat=True)
    assert set(answers) == {4}


def test_a_mentor_logs_a_conversation_by_keyboard(page, live_server, cast):
    relationship = cast["relationship"]
    sign_in(page, live_server, cast["mentor"])
    page.goto(live_server.url + relationship.get_absolute_url())
    tab_to(page, page.get_by_role("link", name="Log a conversation"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    # Nothing is pre-filled: say it was held, when, and for how long, by keyboard alone.
    # Tab enters the radio group at its first choice ("Planned"); the arrow moves to "Held".
    tab_to(page, page.get_by_label("Planned", exact=True))
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Held", exact=True)).to_be_checked()
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    group = page.get_by_role("group", name=re.compile(r"^\s*Date and time:?\s*$"))
    for box, value in [
        ("Day", str(yesterday.day)),
        ("Month", str(yesterday.month)),
        ("Year", str(yesterday.year)),
        ("Time", "16:00"),
    ]:
        tab_to(page, group.get_by_label(box, exact=True))
        page.keyboard.type(value)
    tab_to(page, page.get_by_label("Length (minutes)"))
    page.keyboard.type("40")
    tab_to(page, page.get_by_label("Shared summary"))
    page.keyboard.type("Planned questioning for the electricity unit, by keyboard.")
    tab_to(page, page.get_by_role("button", name="Save conversation"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Conversation saved.")
    assert_accessible(page)
    summaries = [conversation.summary for conversation in Conversation.objects.all()]
    assert "Planned questioning for the electricity unit, by keyboard." in summaries


def test_session_warning_keeps_people_signed_in_and_drafts_keep_their_text(
    page, live_server, settings
):
    # A session that ends 2 min 5 s after each use: the warning (two minutes before the
    # end) opens after about five seconds.
    settings.TANDEM_SESSION_IDLE_SECONDS = 125
    settings.TANDEM_SESSION_IDLE_RECORDS_SECONDS = 125
    person = ProfileFactory().user
    sign_in(page, live_server, person)
    page.goto(f"{live_server.url}/people/profile/edit/")
    tab_to(page, page.locator("#id_bio"))
    page.keyboard.type("Twenty years in primary science.")

    dialog = page.get_by_role("dialog", name="You will be signed out soon")
    expect(dialog).to_be_visible(timeout=20_000)
    assert_accessible(page)
    assert focused(page)["tag"] == "button"  # the dialog's only control: Stay signed in
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    assert focused(page)["id"] == "id_bio"  # back where the person was typing

    # The page is opened again (say, after signing in once more): the draft is offered back.
    page.goto(f"{live_server.url}/people/profile/edit/")
    expect(page.get_by_text("Restored the draft you typed")).to_be_visible()
    assert page.locator("#id_bio").input_value() == "Twenty years in primary science."
    assert_accessible(page)
    # Back to the usual hour: staying signed in once more picks it up.
    settings.TANDEM_SESSION_IDLE_SECONDS = settings.TANDEM_SESSION_IDLE_RECORDS_SECONDS = 3600
    expect(dialog).to_be_visible(timeout=20_000)
    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status")).to_contain_text("Your profile has been saved.")
    # Saved: the draft is gone, and the page shows what was saved.
    page.goto(f"{live_server.url}/people/profile/edit/")
    expect(page.get_by_text("Restored the draft you typed")).to_have_count(0)
    assert page.locator("#id_bio").input_value() == "Twenty years in primary science."
    drafts = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('tandem-draft'))")
    assert drafts == []
