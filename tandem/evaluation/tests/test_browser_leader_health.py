"""End to end: an organisation leader follows the health-check link on their home page,
reads the scores and the at-risk counts of people (small groups suppressed, no names),
and cannot open the list of relationships; the coordinator goes one click further, to
the list filtered by reason. Every page is checked with axe for WCAG 2.2 AA."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tandem.evaluation.tests.cast import more_pairs
from tandem.relationships.models import Relationship
from tandem.testing.browser import assert_accessible, sign_in, switch_user
from tandem.testing.workflow import build_cast

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def cast(transactional_db):
    cast = build_cast()
    pairs = more_pairs(cast, 3)  # six people in quiet pairs: counts of 5 or more
    Relationship.objects.filter(members__user__in=[mentor for mentor, _ in pairs]).update(
        status="active", started_on=timezone.localdate() - dt.timedelta(days=30)
    )
    return cast


def test_a_leader_reads_the_health_check_and_the_coordinator_the_list(page, live_server, cast):
    leader, programme = cast["leader"], cast["programme"]
    sign_in(page, live_server, leader)
    page.goto(live_server.url + "/")
    assert_accessible(page)
    page.get_by_role("link", name=f"health check for {programme.name}").click()
    expect(page.get_by_role("heading", name="Programme health check")).to_be_visible()
    counts = page.get_by_role("table", name="People in relationships that may need attention")
    expect(counts).to_be_visible()
    expect(counts.get_by_role("row", name="Learning agreement not signed")).to_contain_text("6")
    expect(page.get_by_text("Mentor 0")).to_have_count(0)
    expect(page.get_by_role("link", name="See the")).to_have_count(0)
    assert_accessible(page)
    response = page.goto(
        live_server.url + f"/evaluation/programmes/{programme.uuid}/health/at-risk/"
    )
    assert response is not None
    assert response.status == 403

    switch_user(page, live_server, cast["coordinator"])
    page.goto(live_server.url + f"/evaluation/programmes/{programme.uuid}/health/")
    counts = page.get_by_role("table", name="People in relationships that may need attention")
    counts.get_by_role("row", name="Learning agreement not signed").get_by_role("link").click()
    expect(
        page.get_by_role("heading", name="Relationships that may need attention")
    ).to_be_visible()
    expect(page.get_by_text("Mentor 0")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Name contains").fill("Mentee 1")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("Mentor 1")).to_be_visible()
    expect(page.get_by_text("Mentor 0")).to_have_count(0)
    assert_accessible(page)
