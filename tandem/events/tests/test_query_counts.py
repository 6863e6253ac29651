"""Events' list pages run a fixed number of queries, however many events and people."""

import pytest
from django.urls import reverse

from tandem.events import services
from tandem.events.models import Registration
from tandem.events.tests.cast import build_event_cast, confirm, session_at
from tandem.testing.workflow import approve, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(db):
    return build_event_cast()


def _more(cast, count):
    """More events, each with two sessions and more people registered."""
    for index in range(count):
        event = services.create_event(
            actor=cast["coordinator"],
            programme=cast["programme"],
            fields={"kind": "workshop", "title": f"Workshop {index}", "capacity": 3},
            first_session=session_at(3 + index),
            facilitators=[cast["facilitator"]],
        )
        services.add_session(actor=cast["coordinator"], event=event, fields=session_at(20 + index))
        for user in (cast["mentee"], cast["mentor"]):
            confirm(event, user)
        extra = person(cast["moorland"], f"Extra Peer {index}")
        approve(cast["programme"], extra, "peer")
        confirm(event, extra)
        services.add_material(
            actor=cast["coordinator"],
            event=event,
            fields={"title": "Link", "url": "https://example.org/"},
        )


@pytest.mark.parametrize(
    ("role", "url_name", "key", "expected"),
    [
        # session, user, programme, coordinator check, participant check, events (with
        # dates, counts and the user's status), coordinator check for the page
        ("mentee", "events:event-list", "programme", 7),
        # session, user, events (with dates, counts and the user's status, and programme)
        ("facilitator", "events:my-events", None, 3),
        ("mentee", "events:my-events", None, 3),
        # session, user, event with programme, coordinator check (policy), registrations
        # with users, the user's registration, coordinator check (selector), sessions,
        # materials, facilitators, then one query for each of the page's permission checks:
        # coordinator, marking, registering and downloading
        ("coordinator", "events:event-detail", "training", 14),
    ],
)
def test_list_pages_have_bounded_query_counts(  # noqa: PLR0917 - pytest passes parameters by name
    client, cast, django_assert_num_queries, role, url_name, key, expected
):
    url = reverse(url_name, args=[cast[key].uuid] if key else [])
    client.force_login(cast[role])
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    _more(cast, 3)
    # The training day gains a waiting list and a second session.
    services.add_session(actor=cast["coordinator"], event=cast["training"], fields=session_at(30))
    Registration.objects.create(
        event=cast["training"], user=cast["other_mentee"], status=Registration.Status.WAITING
    )
    client.force_login(cast[role])
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
