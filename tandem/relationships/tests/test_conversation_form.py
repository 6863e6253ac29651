"""The "log a conversation" form pre-fills nothing that would record a meeting: saving it
untouched used to add a "held, 60 minutes, now" conversation and inflate the health check."""

import re

import pytest
from django.urls import reverse

from tandem.relationships.models import Conversation

pytestmark = pytest.mark.django_db


def _untouched_post(page: str) -> dict[str, str]:
    """What the browser sends when the form is saved as it opened: every text box and
    hidden input with its value, every selected option and checked box."""
    data: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        if not name:
            continue
        kind = re.search(r'type="([^"]+)"', tag)
        if kind and kind[1] in {"radio", "checkbox"} and "checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[name[1]] = value[1] if value else ""
    for select in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', select[1])
        data[select[0]] = chosen[1] if chosen else ""
    for name in re.findall(r'<textarea name="([^"]+)"', page):
        data.setdefault(name, "")
    return data


def test_the_form_opens_with_no_status_length_or_date(client, cast):
    client.force_login(cast["mentor"])
    url = reverse("relationships:conversation-add", args=[cast["relationship"].uuid])
    data = _untouched_post(client.get(url).content.decode())
    assert "status" not in data  # no radio is ticked
    assert data["duration_minutes"] == ""
    assert {data[f"starts_at_{part}"] for part in ("day", "month", "year", "time")} == {""}


def test_saving_the_untouched_form_is_refused_with_a_message_for_each_gap(client, cast):
    client.force_login(cast["mentor"])
    url = reverse("relationships:conversation-add", args=[cast["relationship"].uuid])
    before = Conversation.objects.count()
    data = _untouched_post(client.get(url).content.decode())
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Say whether the conversation is planned, held or cancelled." in page
    assert "Enter the date and time of the conversation." in page
    assert "Enter how long the conversation lasts, in minutes." in page
    assert Conversation.objects.count() == before


def test_the_programmes_usual_length_is_a_hint_not_a_value(client, cast):
    client.force_login(cast["mentor"])
    url = reverse("relationships:conversation-add", args=[cast["relationship"].uuid])
    page = client.get(url).content.decode()
    minutes = cast["programme"].meeting_minutes
    assert f"The programme suggests {minutes} minutes." in page
    assert f'value="{minutes}"' not in page


def test_a_filled_in_form_still_saves(client, cast):
    client.force_login(cast["mentor"])
    url = reverse("relationships:conversation-add", args=[cast["relationship"].uuid])
    data = _untouched_post(client.get(url).content.decode()) | {
        "status": "planned",
        "starts_at_day": "27",
        "starts_at_month": "3",
        "starts_at_year": "2027",
        "starts_at_time": "15:45",
        "duration_minutes": "40",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    saved = Conversation.objects.get(duration_minutes=40)
    assert saved.status == "planned"
    assert f"{saved.starts_at:%Y-%m-%d}" == "2027-03-27"
