"""At 320 px wide (WCAG 1.4.10) every page the roles start from fits without sideways
scrolling, wide tables scroll inside labelled regions a keyboard can reach (2.1.1), and no
two controls overlap (2.5.8). My mentoring keeps unique landmarks with two relationships."""

import pytest
from playwright.sync_api import expect

from tandem.relationships.models import ChangeRequest
from tandem.testing.browser import REFLOW_WIDTH, assert_accessible, assert_reflows, sign_in
from tandem.testing.workflow import approve, build_cast, make_programme, pair

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OVERLAPS = """() => {
  // Each line box of each control (a link that wraps has one per line).
  const targets = [...document.querySelectorAll('a, button, input, select, summary')]
    .filter(el => el.offsetParent !== null && el.type !== 'hidden')
    .map(el => [el, [...el.getClientRects()].filter(box => box.width > 0 && box.height > 0)]);
  const meets = (p, q) => Math.min(p.right, q.right) - Math.max(p.left, q.left) > 1
    && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 1;
  const found = [];
  for (let i = 0; i < targets.length; i++) {
    for (let j = i + 1; j < targets.length; j++) {
      const [a, boxes] = targets[i], [b, others] = targets[j];
      if (a.contains(b) || b.contains(a)) continue;
      if (boxes.some(p => others.some(q => meets(p, q)))) {
        found.push(a.textContent.trim() + ' / ' + b.textContent.trim());
      }
    }
  }
  return found;
}"""
SCROLLING_TABLES = """() => [...document.querySelectorAll('.table-wrap')]
  .filter(el => el.scrollWidth > el.clientWidth)
  .map(el => ({role: el.getAttribute('role'), tabindex: el.getAttribute('tabindex'),
               name: el.getAttribute('aria-label') || (el.getAttribute('aria-labelledby') &&
                 document.getElementById(el.getAttribute('aria-labelledby')).textContent.trim())}))"""


@pytest.fixture
def cast(transactional_db):
    return build_cast()


def check_narrow(page):
    assert_reflows(page)
    page.wait_for_timeout(300)  # tables.js looks again 100 ms after a resize
    assert page.evaluate(OVERLAPS) == [], page.url
    for table in page.evaluate(SCROLLING_TABLES):
        assert table["role"] == "region", (page.url, table)
        assert table["tabindex"] == "0", (page.url, table)
        assert table["name"], (page.url, table)
    assert_accessible(page)


@pytest.mark.parametrize("role", ["mentee", "mentor", "coordinator", "leader"])
def test_each_roles_home_page_fits_320_px(page, live_server, cast, role):
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": 640})
    sign_in(page, live_server, cast[role])
    page.goto(f"{live_server.url}/")
    check_narrow(page)


def test_relationship_and_health_pages_fit_320_px(page, live_server, cast):
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": 640})
    sign_in(page, live_server, cast["coordinator"])
    for url in (
        cast["programme"].get_absolute_url(),
        f"/evaluation/programmes/{cast['programme'].uuid}/health/",
        f"/programmes/{cast['programme'].uuid}/enrolments/",
    ):
        page.goto(live_server.url + url)
        check_narrow(page)


def test_the_matching_review_fits_320_px(page, live_server, matching_cast):
    sign_in(page, live_server, matching_cast["coordinator"])
    page.goto(f"{live_server.url}{matching_cast['programme'].get_absolute_url()}")
    page.get_by_role("link", name="Matching", exact=True).click()
    page.get_by_label("Optimal allocation").check()
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_text("Proved optimal")).to_be_visible()
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": 640})
    check_narrow(page)
    page.get_by_role("link", name="Change the mentor for Finn Mentee").click()
    check_narrow(page)


def test_my_mentoring_with_the_same_mentor_twice_has_unique_landmarks(page, live_server, cast):
    # The cast's mentee asked to leave this mentor, which bars pairing them again: take the
    # request away, as if never made, so the same pair can meet in a second programme.
    ChangeRequest.objects.filter(pk=cast["change"].pk).delete()
    second = make_programme(cast["coordinator"], cast["moorland"], name="Subject coaching")
    approve(second, cast["mentor"], "mentor")
    approve(second, cast["mentee"], "mentee")
    pair(cast["coordinator"], second, cast["mentor"], cast["mentee"])
    sign_in(page, live_server, cast["mentee"])
    page.goto(f"{live_server.url}/relationships/mine/")
    expect(page.get_by_role("heading", level=1, name="My mentoring")).to_be_visible()
    assert page.get_by_role("region").count() >= 2
    assert_accessible(page)  # axe's landmark-unique among its rules
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": 640})
    check_narrow(page)
