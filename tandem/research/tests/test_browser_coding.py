"""End to end, two coders on the cast's study (seed 001's shape): Cole starts a pass,
selects a passage with the mouse and codes it; Rhea, the lead, starts a blind pass and
codes the same transcript with the keyboard alone (Cole's coding is hidden from her), then
writes a memo on a code; the codebook counts both. Every page is checked with axe, and
the coding page at phone width."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tandem.research.models import CodedSegment, Memo
from tandem.research.services import coding as services
from tandem.research.tests.cast import build_study_cast
from tandem.testing.browser import (
    assert_accessible,
    assert_reflows,
    console_errors,
    sign_in,
    switch_user,
    tab_to,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The screen position of the first and last characters of a passage in the coding page's
# text, for dragging the mouse across it.
PASSAGE_BOX = """needle => {
  const container = document.querySelector('[data-coding-text]');
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(needle);
    if (at < 0 || !node.parentElement.hasAttribute('data-start')) continue;
    node.parentElement.scrollIntoView({block: 'center'});
    const range = document.createRange();
    range.setStart(node, at); range.setEnd(node, at + 1);
    const first = range.getBoundingClientRect();
    range.setStart(node, at + needle.length - 1); range.setEnd(node, at + needle.length);
    const last = range.getBoundingClientRect();
    return {x1: first.left + 1, y1: first.top + first.height / 2,
            x2: last.right - 1, y2: last.top + last.height / 2};
  }
  return null;
}"""


@pytest.fixture
def cast(db):
    cast = build_study_cast()
    # Rhea's first reading is over; both coders start afresh.
    services.finish_pass(actor=cast["lead"], coding_pass=cast["pass"])
    return cast


def drag_across(page: Page, needle: str) -> None:
    box = page.evaluate(PASSAGE_BOX, needle)
    assert box is not None, needle
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=8)
    page.mouse.up()


def press_on(page: Page, locator, key: str) -> None:
    tab_to(page, locator)
    page.keyboard.press(key)


def test_two_coders_code_a_transcript_one_blind_and_by_keyboard(page, live_server, cast):
    study, document = cast["study"], cast["document"]
    coding_url = live_server.url + reverse("research:coding", args=[study.uuid, document.uuid])
    errors = console_errors(page)

    # Cole starts a pass from the coding page and codes a passage selected with the mouse.
    sign_in(page, live_server, cast["coder"])
    page.goto(coding_url)
    expect(page.get_by_text("Start a coding pass before you code")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Start a pass").click()
    page.get_by_label("Purpose").fill("first reading")
    assert_accessible(page)
    page.get_by_role("button", name="Start the pass").click()
    expect(page.get_by_text("You are coding in pass 1 (first reading)")).to_be_visible()
    drag_across(page, "Listening without judging")
    expect(page.get_by_label("Words to code")).to_have_value("Listening without judging")
    page.get_by_label("Safe space").check()
    page.get_by_role("button", name="Apply codes").click()
    expect(page.get_by_text("with “Safe space”")).to_be_visible()
    expect(page.locator(".segment-label", has_text="Safe space (you)")).to_be_visible()
    assert_accessible(page)
    coles = CodedSegment.objects.get(coder=cast["coder"])
    assert coles.quote == "Listening without judging"
    assert coles.coding_pass.number == 1

    # Rhea starts a blind pass and codes the same transcript with the keyboard alone.
    switch_user(page, live_server, cast["lead"])
    page.goto(coding_url)
    press_on(page, page.get_by_role("link", name="Start a pass"), "Enter")
    tab_to(page, page.get_by_label("Purpose"))
    page.keyboard.type("second reading: barriers")
    press_on(page, page.get_by_label("Blind pass"), "Space")
    press_on(page, page.get_by_role("button", name="Start the pass"), "Enter")
    expect(page.get_by_text("It is a blind pass")).to_be_visible()
    # Cole's coding is hidden from her; her own earlier coding is still shown.
    expect(page.get_by_text("Cole Coder")).to_have_count(0)
    expect(page.locator(".segment-label", has_text="Protected time (you)")).to_be_visible()
    tab_to(page, page.get_by_label("Words to code"))
    page.keyboard.type("Listening without judging was the hardest part.")
    press_on(page, page.get_by_label("Safe space"), "Space")
    press_on(page, page.get_by_label("Barriers", exact=True), "Space")
    press_on(page, page.get_by_role("button", name="Apply codes"), "Enter")
    expect(
        page.get_by_text("Coded “Listening without judging was the hardest part.”")
    ).to_be_visible()
    rheas = CodedSegment.objects.filter(coder=cast["lead"], coding_pass__number=2)
    assert {segment.code.name for segment in rheas} == {"Safe space", "Barriers"}
    assert {segment.quote for segment in rheas} == {
        "Listening without judging was the hardest part."
    }

    # The coding page at phone width.
    page.set_viewport_size({"width": 375, "height": 740})
    assert_accessible(page)
    assert_reflows(page)
    page.set_viewport_size({"width": 1280, "height": 800})

    # Rhea writes a memo on a code, and the codebook counts both coders' segments.
    page.goto(live_server.url + reverse("research:codebook", args=[study.uuid]))
    page.get_by_role("link", name="Safe space", exact=True).click()
    page.get_by_role("link", name="Write a memo on this code").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Safety and listening")
    page.get_by_label("Text").fill("Coaches and coachees both speak of listening without judging.")
    page.get_by_role("button", name="Save memo").click()
    expect(page.get_by_text("speak of listening without judging")).to_be_visible()
    assert_accessible(page)
    assert Memo.objects.get().code == cast["codes"]["safety"]
    page.goto(live_server.url + reverse("research:codebook", args=[study.uuid]))
    safety = page.locator(".code-node", has_text="Safe space")
    expect(safety).to_contain_text("3 segments in 2 documents")
    expect(page.locator(".code-node", has_text="Barriers")).to_contain_text(
        "1 segment in 1 document"
    )
    assert_accessible(page)
    assert errors == []
