"""Sync filters, stable pages, conflict detection, problem details and confidentiality."""

import json

from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.relationships.models import Conversation


def test_updated_since_filters_and_bad_values_are_problems(client, cast):
    client.force_login(cast["mentee"])
    url = reverse("api:goal-list")
    assert client.get(url, {"updated_since": "2000-01-01T00:00:00Z"}).json()["count"] == 1
    assert client.get(url, {"updated_since": "2999-01-01T00:00:00Z"}).json()["count"] == 0
    bad = client.get(url, {"updated_since": "yesterday"})
    assert bad.status_code == 400
    assert bad.json()["errors"] == {"updated_since": [bad.json()["errors"]["updated_since"][0]]}


def test_a_stale_etag_is_refused_with_412(client, cast):
    client.force_login(cast["mentee"])
    url = reverse("api:goal-detail", args=[cast["goal"].uuid])
    etag = client.get(url)["ETag"]
    first = client.patch(
        url, {"title": "First"}, content_type="application/json", headers={"If-Match": etag}
    )
    assert first.status_code == 200
    second = client.patch(
        url, {"title": "Second"}, content_type="application/json", headers={"If-Match": etag}
    )
    assert second.status_code == 412
    assert client.get(url).json()["title"] == "First"


def test_field_errors_come_back_as_problem_details(client, cast):
    client.force_login(cast["mentee"])
    response = client.post(
        reverse("api:goal-list"),
        json.dumps({"relationship": str(cast["relationship"].uuid), "title": ""}),
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert {"title", "why_it_matters", "target_on"} <= set(body["errors"])


def test_private_notes_reach_their_author_only(client, cast):
    note = "Dana seemed tired: check workload next time."
    client.force_login(cast["mentor"])
    assert note in client.get(reverse("api:conversation-list")).content.decode()
    for role in ("mentee", "coordinator", "leader", "line_manager", "outsider"):
        client.force_login(cast[role])
        for url in (
            reverse("api:conversation-list"),
            reverse("api:conversation-detail", args=[cast["conversation"].uuid]),
        ):
            assert note not in client.get(url).content.decode(), role


def test_reading_someone_elses_conversation_is_audited(client, cast):
    client.force_login(cast["mentee"])
    client.get(reverse("api:conversation-detail", args=[cast["conversation"].uuid]))
    assert AuditEvent.objects.filter(
        actor=cast["mentee"], action="conversation.read", object_uuid=cast["conversation"].uuid
    ).exists()


def test_a_member_can_set_their_own_private_note(client, cast):
    client.force_login(cast["mentee"])
    url = reverse("api:conversation-detail", args=[cast["conversation"].uuid])
    response = client.patch(
        url, {"private_note": "My own thoughts"}, content_type="application/json"
    )
    assert response.json()["private_note"] == "My own thoughts"
    client.force_login(cast["mentor"])
    assert "My own thoughts" not in client.get(url).content.decode()
    assert Conversation.objects.get(pk=cast["conversation"].pk).summary


def test_lists_page_in_a_stable_order(client, cast):
    client.force_login(cast["coordinator"])
    first = client.get(reverse("api:person-list"), {"page_size": 2}).json()
    again = client.get(reverse("api:person-list"), {"page_size": 2}).json()
    assert first == again
    assert first["next"]
