"""The coordinator's overview of relationships is paged and filtered: by a member's name,
by status, and to those needing attention (an open change request, or no meeting for
longer than planned)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.relationships.models import Relationship
from tandem.testing.workflow import approve, pair, person

pytestmark = pytest.mark.django_db


def _pairs(cast, count):
    made = []
    for index in range(count):
        mentor = person(cast["moorland"], f"Paged Mentor {index:02d}")
        mentee = person(cast["moorland"], f"Paged Mentee {index:02d}")
        approve(cast["programme"], mentor, "mentor")
        approve(cast["programme"], mentee, "mentee")
        made.append(pair(cast["coordinator"], cast["programme"], mentor, mentee))
    return made


def _get(client, cast, **query):
    url = reverse("relationships:programme-overview", args=[cast["programme"].uuid])
    return client.get(url, query)


def test_fifty_to_a_page_with_the_filters_kept(client, cast):
    _pairs(cast, 55)
    client.force_login(cast["coordinator"])
    response = _get(client, cast, status="proposed")
    body = response.content.decode()
    assert response.context["page"].paginator.num_pages == 2
    assert len(response.context["rows"]) == 50
    assert "status=proposed&amp;page=2" in body
    assert len(_get(client, cast, status="proposed", page=2).context["rows"]) == 5


def test_search_by_a_members_name(client, cast):
    _pairs(cast, 3)
    client.force_login(cast["coordinator"])
    rows = _get(client, cast, q="mentee 01").context["rows"]
    assert len(rows) == 1
    assert {m.user.full_name for m in rows[0]["members"]} == {"Paged Mentor 01", "Paged Mentee 01"}
    assert "No relationship matches these filters." in _get(client, cast, q="zzz").content.decode()


def test_needs_attention_is_an_open_change_request_or_no_recent_meeting(client, cast):
    quiet, busy = _pairs(cast, 2)
    long_ago = timezone.localdate() - dt.timedelta(days=60)
    Relationship.objects.filter(pk__in=[quiet.pk, busy.pk]).update(
        status="active", started_on=long_ago
    )
    busy.conversations.create(
        status="held", starts_at=timezone.now(), duration_minutes=60, mode="in-person"
    )
    client.force_login(cast["coordinator"])
    shown = {
        row["relationship"] for row in _get(client, cast, needs_attention="on").context["rows"]
    }
    assert quiet in shown
    assert busy not in shown
    # Bob and Dana's pair has an open change request (the cast's).
    assert cast["relationship"] in shown


def test_an_unknown_status_says_so(client, cast):
    client.force_login(cast["coordinator"])
    response = _get(client, cast, status="lost")
    assert "Select a valid choice" in response.content.decode()
