"""Marking an agreed action done or not done: with htmx the same URL returns that action's
item (and the message) instead of reloading the relationship page; without JavaScript it
redirects back as before. The permission matrix covers who may do it."""

import pytest
from django.urls import reverse

from tandem.testing.htmx import HTMX, fragment_html

pytestmark = pytest.mark.django_db


def _toggle(client, cast, user="mentee", **headers):
    client.force_login(cast[user])
    url = reverse("relationships:action-toggle", args=[cast["action"].uuid])
    return client.post(url, **headers)


def test_an_htmx_toggle_returns_the_item_and_the_message(client, cast):
    action = cast["action"]
    response = _toggle(client, cast, **HTMX)
    html = fragment_html(response, "<li>")
    assert f"<s>{action.description}</s> (done)" in html
    assert "Mark not done" in html
    assert f'id="action-toggle-{action.uuid}"' in html  # htmx keeps focus on the button
    assert f"“{action.description}” marked done." in html
    assert 'id="messages" data-hx-swap-oob="innerHTML"' in html
    action.refresh_from_db()
    assert action.is_done


def test_a_second_htmx_toggle_marks_it_not_done_again(client, cast):
    _toggle(client, cast, **HTMX)
    html = _toggle(client, cast, user="mentor", **HTMX).content.decode()
    assert "Mark done" in html
    cast["action"].refresh_from_db()
    assert not cast["action"].is_done


def test_without_htmx_the_toggle_returns_to_the_relationship(client, cast):
    response = _toggle(client, cast)
    assert response.status_code == 302
    assert response["Location"] == cast["relationship"].get_absolute_url()


def test_an_htmx_request_from_a_coordinator_still_gets_404(client, cast):
    response = _toggle(client, cast, user="coordinator", **HTMX)
    assert response.status_code == 404
    cast["action"].refresh_from_db()
    assert not cast["action"].is_done
