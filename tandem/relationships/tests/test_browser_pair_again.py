"""In Chromium, with axe at each step: the mentee sees her change request pending; the
coordinator acts on it, is refused the mentor she asked to leave, pairs her with another
(her open goal comes with her); a second request is declined with a reason she reads."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tandem.relationships.models import ChangeRequest, Relationship
from tandem.relationships.services import lifecycle
from tandem.testing.browser import assert_accessible, sign_in, switch_user
from tandem.testing.factories import TrainingRecordFactory
from tandem.testing.workflow import approve, build_cast, person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def cast(transactional_db):
    return build_cast()


def _ready(page: Page) -> None:
    page.wait_for_load_state("load")
    page.wait_for_function("window.htmx !== undefined")


def test_pair_again_refuses_the_mentor_left_and_a_request_can_be_declined(page, live_server, cast):
    mentee, coordinator = cast["mentee"], cast["coordinator"]
    gail = person(cast["moorland"], "Gail Secondmentor", years_in_profession=10)
    TrainingRecordFactory(profile=gail.profile)
    approve(cast["programme"], gail, "mentor")

    sign_in(page, live_server, mentee)
    page.goto(live_server.url + cast["relationship"].get_absolute_url())
    expect(page.get_by_text("Pending:")).to_be_visible()
    assert_accessible(page)

    switch_user(page, live_server, coordinator)
    page.goto(
        live_server.url + reverse("relationships:change-request-detail", args=[cast["change"].uuid])
    )
    assert_accessible(page)
    _ready(page)
    page.get_by_role("button", name="Record and pair again").click()
    expect(page.get_by_role("heading", name="Pair people")).to_be_visible()
    expect(page.get_by_label("Dana Mentee")).to_be_checked()
    assert_accessible(page)
    page.locator("#id_supporter").select_option(value=str(cast["mentor"].pk))
    _ready(page)
    page.get_by_role("button", name="Create relationship").click()
    expect(page.get_by_role("alert")).to_contain_text("Dana Mentee asked to leave Bob Mentor")
    assert_accessible(page)
    page.locator("#id_supporter").select_option(value=str(gail.pk))
    _ready(page)
    page.get_by_role("button", name="Create relationship").click()
    expect(page.get_by_text("Relationship created.")).to_be_visible()
    new = Relationship.objects.get(members__user=gail)
    assert new.replaces == cast["relationship"]

    # Her open goal came with her, marked as carried.
    switch_user(page, live_server, mentee)
    page.goto(live_server.url + new.get_absolute_url())
    expect(page.get_by_text("carried from your previous relationship")).to_be_visible()
    assert_accessible(page)

    # She asks again; this time the coordinator declines, with a reason she reads.
    change = lifecycle.request_change_of_mentor(actor=mentee, relationship=new, reason="Timing.")
    switch_user(page, live_server, coordinator)
    page.goto(live_server.url + reverse("relationships:change-request-detail", args=[change.uuid]))
    _ready(page)
    page.get_by_role("button", name="Decline the request").click()
    expect(page.get_by_role("alert")).to_contain_text("Say why")
    assert_accessible(page)
    page.get_by_label("Why you are not changing the mentor").fill("Let us review at half term.")
    _ready(page)
    page.get_by_role("button", name="Decline the request").click()
    expect(page.get_by_text("Request declined.")).to_be_visible()
    assert ChangeRequest.objects.get(pk=change.pk).status == ChangeRequest.Status.DECLINED

    switch_user(page, live_server, mentee)
    page.goto(live_server.url + new.get_absolute_url())
    expect(page.get_by_text("Let us review at half term.")).to_be_visible()
    assert_accessible(page)
