"""A learner asks privately for a change of mentor; the coordinator acts (002 §4.3.4)."""

import pytest
from django.urls import reverse

from tandem.relationships.models import ChangeRequest, Relationship

pytestmark = pytest.mark.django_db


def test_the_mentor_is_never_shown_the_request(client, cast):
    client.force_login(cast["mentor"])
    page = client.get(cast["relationship"].get_absolute_url()).content.decode()
    assert "clash" not in page
    url = reverse("relationships:change-request-detail", args=[cast["change"].uuid])
    assert client.get(url).status_code == 404


def test_coordinator_ends_the_relationship_and_the_record_is_kept(client, cast):
    client.force_login(cast["coordinator"])
    overview = client.get(
        reverse("relationships:programme-overview", args=[cast["programme"].uuid])
    ).content.decode()
    assert "Requests for a change of mentor" in overview
    url = reverse("relationships:change-request-detail", args=[cast["change"].uuid])
    response = client.post(url, {"end_relationship": "on", "note": "New mentor next week."})
    assert response.status_code == 302
    relationship = Relationship.objects.get(pk=cast["relationship"].pk)
    assert relationship.status == Relationship.Status.ENDED
    assert relationship.end_reason == Relationship.EndReason.CHANGE_OF_MENTOR
    assert ChangeRequest.objects.get().status == ChangeRequest.Status.RESOLVED
    client.force_login(cast["mentee"])
    page = client.get(relationship.get_absolute_url()).content.decode()
    assert "Use questioning to check understanding" in page  # record kept, read-only


def test_a_second_open_request_is_refused_with_an_explanation(client, cast):
    client.force_login(cast["mentee"])
    url = reverse("relationships:change-request-create", args=[cast["relationship"].uuid])
    page = client.post(url, {"reason": "Again"}).content.decode()
    assert "You have already asked" in page
