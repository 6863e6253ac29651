"""Sign-ins, failed sign-ins and refusals are written to the audit log."""

import pytest
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.audit.services import REFUSED, SIGN_IN, SIGN_IN_FAILED
from tandem.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


@pytest.fixture
def dana():
    user = UserFactory(email="dana@moorland.example")
    user.set_password(PASSWORD)
    user.save()
    return user


def test_a_sign_in_is_recorded(client, dana):
    response = client.post(
        reverse("account_login"), {"login": "dana@moorland.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=SIGN_IN)
    assert (event.actor, event.object_uuid) == (dana, dana.uuid)


def test_a_failed_sign_in_is_recorded_against_the_account(client, dana):
    response = client.post(
        reverse("account_login"), {"login": "DANA@moorland.example", "password": "wrong"}
    )
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=SIGN_IN_FAILED)
    assert event.actor is None
    assert event.object_uuid == dana.uuid


def test_a_failed_sign_in_for_no_account_records_nothing(client, dana):
    client.post(reverse("account_login"), {"login": "nobody@example.com", "password": "x"})
    assert not AuditEvent.objects.filter(action=SIGN_IN_FAILED).exists()


def test_a_refused_object_is_recorded_with_what_was_asked_for(client, cast):
    client.force_login(cast["outsider"])
    goal = cast["goal"]
    response = client.get(reverse("relationships:goal-detail", args=[goal.uuid]))
    assert response.status_code == 404
    event = AuditEvent.objects.get(action=REFUSED)
    assert event.actor == cast["outsider"]
    assert (event.object_type, event.object_uuid) == ("relationships.goal", goal.uuid)
    assert event.detail == "404 GET /relationships/goals/<uuid:goal_uuid>/"


def test_a_refused_address_carrying_a_secret_is_recorded_by_its_pattern(client, cast):
    client.force_login(cast["outsider"])
    url = reverse("relationships:calendar-feed", args=["not-my-secret-token"])
    assert client.get(url).status_code == 404
    event = AuditEvent.objects.get(action=REFUSED)
    assert "not-my-secret-token" not in event.detail
    assert event.detail == "404 GET /relationships/calendar/<str:token>.ics"


def test_a_forbidden_write_is_recorded(client, cast):
    client.force_login(cast["leader"])
    url = reverse("programmes:programme-edit", args=[cast["programme"].uuid])
    assert client.get(url).status_code == 403
    event = AuditEvent.objects.get(action=REFUSED)
    assert (event.object_type, event.object_uuid) == (
        "programmes.programme",
        cast["programme"].uuid,
    )


def test_an_address_that_matches_no_page_is_not_recorded(client, dana):
    client.force_login(dana)
    assert client.get("/no-such-page/").status_code == 404
    assert not AuditEvent.objects.filter(action=REFUSED).exists()


def test_refusals_to_visitors_are_not_recorded(client, cast):
    response = client.get(reverse("relationships:goal-detail", args=[cast["goal"].uuid]))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action=REFUSED).exists()
