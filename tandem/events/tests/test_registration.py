"""Registering, the waiting list in order, cancelling and promotion (with its email)."""

import datetime as dt
import threading

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from tandem.events import services
from tandem.events.models import Registration
from tandem.events.tests.cast import build_event_cast
from tandem.testing.workflow import approve, person

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture
def cast(db):
    return build_event_cast()


def test_first_registrant_gets_the_place_and_an_invitation(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.register_for_event(
            actor=cast["other_mentee"], event=cast["gathering"]
        )
    assert registration.status == Status.CONFIRMED
    [message] = mail.outbox
    assert message.to == [cast["other_mentee"].email]
    assert "Your place is confirmed" in message.body
    [(name, content, kind)] = message.attachments
    assert name.endswith(".ics")
    assert kind.startswith("text/calendar")
    assert f"UID:{cast['gathering_session'].uuid}@events.tandem" in content


def test_when_full_people_wait_in_order_and_the_first_is_promoted(
    cast, django_capture_on_commit_callbacks
):
    gathering = cast["gathering"]
    first = services.register_for_event(actor=cast["other_mentee"], event=gathering)
    second = services.register_for_event(actor=cast["mentor"], event=gathering)
    third = services.register_for_event(actor=cast["mentee"], event=gathering)
    assert [first.status, second.status, third.status] == [
        Status.CONFIRMED,
        Status.WAITING,
        Status.WAITING,
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_registration(actor=cast["other_mentee"], registration=first)
    assert promoted is not None
    assert promoted.pk == second.pk
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == (Status.CONFIRMED, Status.WAITING)
    [message] = mail.outbox
    assert message.to == [cast["mentor"].email]
    assert "A place has come free and it is yours" in message.body


def test_leaving_the_waiting_list_promotes_nobody(cast):
    gathering = cast["gathering"]
    services.register_for_event(actor=cast["other_mentee"], event=gathering)
    waiting = services.register_for_event(actor=cast["mentor"], event=gathering)
    assert services.cancel_registration(actor=cast["mentor"], registration=waiting) is None
    assert gathering.registrations.filter(status=Status.CONFIRMED).count() == 1


def test_registering_again_after_cancelling_joins_the_end_of_the_list(cast):
    gathering = cast["gathering"]
    services.register_for_event(actor=cast["other_mentee"], event=gathering)
    bob = services.register_for_event(actor=cast["mentor"], event=gathering)
    services.register_for_event(actor=cast["mentee"], event=gathering)
    services.cancel_registration(actor=cast["mentor"], registration=bob)
    again = services.register_for_event(actor=cast["mentor"], event=gathering)
    waiting = list(
        gathering.registrations.filter(status=Status.WAITING)
        .order_by("requested_at", "pk")
        .values_list("user__full_name", flat=True)
    )
    assert again.pk == bob.pk
    assert waiting == ["Dana Mentee", "Bob Mentor"]


def test_more_places_promote_people_waiting(cast, django_capture_on_commit_callbacks):
    gathering = cast["gathering"]
    services.register_for_event(actor=cast["other_mentee"], event=gathering)
    waiting = services.register_for_event(actor=cast["mentor"], event=gathering)
    services.update_event(actor=cast["coordinator"], event=gathering, fields={"capacity": 2})
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_places_cannot_drop_below_the_people_confirmed(cast):
    with pytest.raises(ValidationError, match="2 people already have a place"):
        services.update_event(
            actor=cast["coordinator"], event=cast["training"], fields={"capacity": 1}
        )


def test_only_participants_register(cast):
    with pytest.raises(PermissionError):
        services.register_for_event(actor=cast["leader"], event=cast["gathering"])
    with pytest.raises(PermissionError):
        services.register_for_event(actor=cast["facilitator"], event=cast["gathering"])


def test_registering_twice_is_refused_with_a_message(cast):
    services.register_for_event(actor=cast["other_mentee"], event=cast["gathering"])
    with pytest.raises(ValidationError, match="You have a place already"):
        services.register_for_event(actor=cast["other_mentee"], event=cast["gathering"])


def test_registration_window_is_enforced(cast):
    gathering = cast["gathering"]
    gathering.registration_opens_at = timezone.now() + dt.timedelta(days=1)
    gathering.save()
    with pytest.raises(ValidationError, match="Registration opens on"):
        services.register_for_event(actor=cast["other_mentee"], event=gathering)
    gathering.registration_opens_at = None
    gathering.registration_closes_at = timezone.now() - dt.timedelta(minutes=1)
    gathering.save()
    with pytest.raises(ValidationError, match="has closed"):
        services.register_for_event(actor=cast["other_mentee"], event=gathering)


def test_registration_closes_when_the_first_session_starts(cast):
    later = cast["gathering_session"].starts_at + dt.timedelta(minutes=1)
    with time_machine.travel(later), pytest.raises(ValidationError, match="has closed"):
        services.register_for_event(actor=cast["other_mentee"], event=cast["gathering"])


def test_someone_else_cannot_cancel_a_registration_but_a_coordinator_can(cast):
    with pytest.raises(PermissionError):
        services.cancel_registration(actor=cast["other_mentee"], registration=cast["dana_place"])
    services.cancel_registration(actor=cast["coordinator"], registration=cast["dana_place"])
    cast["dana_place"].refresh_from_db()
    assert cast["dana_place"].status == Status.CANCELLED


def test_cancelling_twice_is_refused(cast):
    services.cancel_registration(actor=cast["mentee"], registration=cast["dana_place"])
    with pytest.raises(ValidationError, match="already cancelled"):
        services.cancel_registration(actor=cast["mentee"], registration=cast["dana_place"])


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL in CI)"
)
def test_two_people_racing_for_the_last_place_do_not_both_get_it():
    cast = build_event_cast()
    gathering = cast["gathering"]
    people = [cast["other_mentee"], cast["mentor"], cast["mentee"]]
    extra = person(cast["moorland"], "Gita Fourth")
    approve(cast["programme"], extra, "peer")
    people.append(extra)
    barrier = threading.Barrier(len(people))
    errors: list[BaseException] = []

    def register(user):
        try:
            barrier.wait()
            services.register_for_event(actor=user, event=gathering)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=[user]) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = sorted(gathering.registrations.values_list("status", flat=True))
    assert statuses == [Status.CONFIRMED, Status.WAITING, Status.WAITING, Status.WAITING]
