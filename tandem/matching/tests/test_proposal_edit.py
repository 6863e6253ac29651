"""Editing a proposed pair from a draft's review page: with htmx the same URL returns that
mentee's row (with the message, and the publish button's new count) instead of a redirect;
refusals come back in the row. The permission matrix covers who may edit."""

import pytest
from django.urls import reverse

from tandem.matching.models import MatchRun
from tandem.testing.htmx import HTMX, fragment_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(client, matching_cast):
    """A draft allocation: Finn with Bob (Bob's one place), Dana and Eve with Mia."""
    client.force_login(matching_cast["coordinator"])
    url = reverse("matching:run-start", args=[matching_cast["programme"].uuid])
    client.post(url, {"mode": "allocation"})
    return MatchRun.objects.latest("created_at")


def _edit(client, run, mentee, mentor, **headers):
    url = reverse("matching:proposal-edit", args=[run.uuid, mentee.uuid])
    return client.post(url, {"mentor": "" if mentor is None else str(mentor.pk)}, **headers)


def test_leaving_a_mentee_unplaced_with_htmx_returns_the_row_and_the_message(
    client, matching_cast, run
):
    response = _edit(client, run, matching_cast["finn"], None, **HTMX)
    html = fragment_html(response, "<tr>")
    assert "Finn Mentee" in html
    assert "Not placed in this draft" in html
    assert "Choose a mentor" in html
    assert "Leave unplaced" not in html  # nothing left to clear
    assert 'id="messages" data-hx-swap-oob="innerHTML"' in html
    assert "Draft changed for Finn Mentee." in html
    assert 'id="run-publish" data-hx-swap-oob="true"' in html
    assert "Publish 2 pairs" in " ".join(html.split())
    # The summary and the list of unplaced mentees come along, so no figure on the page
    # is left describing the draft as it was before the edit.
    assert 'id="run-summary" data-hx-swap-oob="true"' in html
    assert "<dt>Placed</dt><dd>2 of 3</dd>" in html
    assert 'id="run-unplaced" data-hx-swap-oob="true"' in html
    assert "Not placed (1)" in html
    # The engine's reasons no longer describe this draft, and the page says so.
    assert "1 hand change since may have freed or filled places" in html
    assert not run.proposals.filter(mentee=matching_cast["finn"]).exists()


def test_changing_the_mentor_with_htmx_shows_the_new_mentor_in_the_row(client, matching_cast, run):
    _edit(client, run, matching_cast["finn"], None, **HTMX)  # frees Bob's one place
    response = _edit(client, run, matching_cast["dana"], matching_cast["bob"], **HTMX)
    html = response.content.decode()
    assert "Dana Mentee" in html
    assert "Bob Mentor (changed)" in html
    assert "Draft changed for Dana Mentee." in html
    assert run.proposals.get(mentee=matching_cast["dana"]).mentor == matching_cast["bob"]


def test_a_refused_change_with_htmx_comes_back_in_the_row(client, matching_cast, run):
    response = _edit(client, run, matching_cast["finn"], matching_cast["mia"], **HTMX)
    html = fragment_html(response, "<tr>")
    assert 'role="alert"' in html  # announced when swapped in
    assert "cannot be paired with Finn Mentee" in html
    assert "Bob Mentor" in html  # the proposal is as it was
    assert "Draft changed" not in html
    assert run.proposals.get(mentee=matching_cast["finn"]).mentor == matching_cast["bob"]


def test_without_htmx_an_edit_returns_to_the_review_page(client, matching_cast, run):
    response = _edit(client, run, matching_cast["finn"], None)
    assert response.status_code == 302
    assert response["Location"] == run.get_absolute_url()


def test_an_htmx_edit_from_an_outsider_still_gets_404(client, matching_cast, run):
    client.force_login(matching_cast["outsider"])
    response = _edit(client, run, matching_cast["finn"], None, **HTMX)
    assert response.status_code == 404
    assert run.proposals.filter(mentee=matching_cast["finn"]).exists()


def test_the_review_page_posts_each_row_with_htmx(client, matching_cast, run):
    html = client.get(run.get_absolute_url()).content.decode()
    assert 'hx-target="closest tr"' in html
    assert "Leave unplaced" in html
