"""End to end: a coordinator adds a resource with a file and tags it to a principle; a
mentee finds it beside her goal with that principle and says it was useful; an anonymous
visitor reads a public resource without signing in. Every page is checked with axe."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tandem.resources.models import Resource, ResourceFeedback
from tandem.testing.browser import assert_accessible, sign_in, switch_user
from tandem.testing.workflow import build_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resource_travels_from_the_library_to_a_goal(page, live_server, tmp_path: Path):
    cast = build_cast()
    goal = cast["goal"]
    guide = tmp_path / "stretching-goals.pdf"
    guide.write_bytes(b"%PDF-1.4\n% a guide to goals that stretch\n")

    # Alice adds a public guide with a file, tagged to the goal's principle.
    sign_in(page, live_server, cast["coordinator"])
    page.goto(live_server.url + reverse("resources:list"))
    assert_accessible(page)
    page.get_by_role("link", name="Add a resource").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Goals that stretch")
    page.get_by_label("Summary").fill(
        "How to agree a goal just beyond what the learner can do alone."
    )
    page.get_by_label("Kind").select_option(label="Document")
    page.locator("input[type=file]").set_input_files(str(guide))
    page.get_by_label("Mentees and coachees").check()
    page.get_by_label("Setting challenging and personal goals").check()
    page.get_by_label("Licence", exact=True).select_option(label="Open Government Licence v3.0")
    page.get_by_label("Anyone, without signing in").check()
    page.get_by_role("button", name="Add the resource").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Goals that stretch")
    assert_accessible(page)
    resource = Resource.objects.get(title="Goals that stretch")
    assert resource.file_name == "stretching-goals.pdf"

    # Dana sees it beside her goal, opens it and says it was useful.
    switch_user(page, live_server, cast["mentee"])
    page.goto(live_server.url + reverse("relationships:goal-detail", args=[goal.uuid]))
    aside = page.get_by_role("complementary", name=f"Resources that may help with {goal.title}")
    expect(aside).to_be_visible()
    assert_accessible(page)
    aside.get_by_role("link", name="Goals that stretch").click()
    assert_accessible(page)
    page.get_by_label("Yes").check()
    page.get_by_label("Anything to add? (optional)").fill("Helped us agree a goal.")
    page.get_by_role("button", name="Save my answer").click()
    expect(page.get_by_text("You said it was useful.")).to_be_visible()
    expect(page.get_by_text("Answered by fewer than 5 people so far.")).to_be_visible()
    assert_accessible(page)
    assert ResourceFeedback.objects.get(resource=resource, user=cast["mentee"]).is_useful

    # A visitor who is not signed in finds and reads it, but cannot answer.
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("resources:list"))
    page.get_by_role("textbox", name="Search").fill("stretch")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Goals that stretch").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Goals that stretch")
    expect(page.get_by_role("link", name="Download stretching-goals.pdf")).to_be_visible()
    expect(page.get_by_role("button", name="Save my answer")).to_have_count(0)
    assert_accessible(page)
