"""End to end: a teacher signs in, sees their home page and edits their profile."""

import pytest
from playwright.sync_api import expect

from tandem.people.models import Profile
from tandem.testing.browser import assert_accessible, sign_in
from tandem.testing.factories import MembershipFactory, ProfileFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def dana(db):
    # Dana: an early-career teacher whose profile is not yet complete.
    profile = ProfileFactory(
        user__full_name="Dana Hughes",
        career_stage=Profile.CareerStage.EARLY_CAREER,
        years_in_profession=1,
        years_in_role=1,
    )
    MembershipFactory(user=profile.user, organisation__name="Moorland Academy")
    return profile.user


def test_sign_in_home_and_profile_edit_are_accessible(page, live_server, dana):
    page.goto(live_server.url + "/")
    assert "/accounts/login/" in page.url
    assert_accessible(page)

    sign_in(page, live_server, dana)
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Dana Hughes")
    expect(page.get_by_role("link", name="Moorland Academy").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Complete your profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit my profile")
    assert_accessible(page)

    page.get_by_label("Expertise").fill("behaviour, questioning")
    page.get_by_label("Primary", exact=True).check()
    page.get_by_label("Monday after school or work").check()
    page.get_by_label("Postcode district").fill("ls6")
    page.get_by_role("button", name="Save profile").click()

    expect(page.get_by_text("Your profile has been saved.")).to_be_visible()
    assert_accessible(page)
    dana.profile.refresh_from_db()
    assert dana.profile.postcode_district == "LS6"
    assert sorted(tag.name for tag in dana.profile.expertise.all()) == ["behaviour", "questioning"]


def test_invalid_profile_keeps_what_was_typed_and_explains(page, live_server, dana):
    sign_in(page, live_server, dana)
    page.goto(live_server.url + "/people/profile/edit/")
    page.get_by_label("Short bio").fill("I teach science and run the eco club.")
    page.get_by_label("Years in current role").fill("9")
    page.get_by_role("button", name="Save profile").click()

    summary = page.get_by_role("alert")
    assert "There is a problem" in summary.inner_text()
    assert "cannot be more than years in the profession" in summary.inner_text()
    assert page.get_by_label("Short bio").input_value() == "I teach science and run the eco club."
    assert_accessible(page)


def test_home_page_works_at_phone_width(phone_page, live_server, dana):
    sign_in(phone_page, live_server, dana)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page scrolls sideways at phone width ({width}px)"
    assert_accessible(phone_page)
