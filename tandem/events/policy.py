"""Who may see, run and attend a programme's events.

- The programme's coordinators see every event and change it: sessions, materials,
  cancellation, registrations and attendance.
- An event's facilitators see it and mark its attendance, but do not change it.
- The programme's approved participants see its events and register; people who registered
  keep seeing an event (and its materials) even after their enrolment ends.
- Nobody else learns an event exists (404): events name who facilitates and who attends.
"""

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from tandem.accounts.models import User
from tandem.events.models import Event, EventMaterial, EventSession, Registration
from tandem.programmes.models import Enrolment, Programme
from tandem.programmes.policy import is_coordinator


def is_participant(user: User | AnonymousUser, programme: Programme) -> bool:
    return (
        user.is_authenticated
        and Enrolment.objects.approved().filter(programme=programme, user=user).exists()
    )


def is_facilitator(user: User | AnonymousUser, event: Event) -> bool:
    return user.is_authenticated and event.facilitators.filter(pk=user.pk).exists()


def can_see_event(user: User | AnonymousUser, event: Event) -> bool:
    if not user.is_authenticated:
        return False
    return (
        is_coordinator(user, event.programme)
        or is_participant(user, event.programme)
        or is_facilitator(user, event)
        or Registration.objects.filter(event=event, user=user).exists()
    )


def can_mark_attendance(user: User | AnonymousUser, event: Event) -> bool:
    return is_coordinator(user, event.programme) or is_facilitator(user, event)


def require_event_coordinator(actor: User, event: Event) -> None:
    """Services' guard: only the programme's coordinators change its events."""
    if not is_coordinator(actor, event.programme):
        message = "Only the programme's coordinators may change its events."
        raise PermissionError(message)


def get_programme_events_for_user(
    user: User | AnonymousUser, programme_uuid: UUID, *, write: bool = False
) -> Programme:
    """The programme whose events the user may list: its coordinators and participants
    (404 for anyone else); only coordinators may add events (403)."""
    programme = Programme.objects.filter(uuid=programme_uuid).first()
    if programme is None or not user.is_authenticated:
        raise Http404
    coordinator = is_coordinator(user, programme)
    if not coordinator and not is_participant(user, programme):
        raise Http404
    if write and not coordinator:
        raise PermissionDenied
    return programme


def get_event_for_user(
    user: User | AnonymousUser, event_uuid: UUID, *, write: bool = False
) -> Event:
    """404 unless the user may see the event; 403 to change it unless a coordinator."""
    event = Event.objects.select_related("programme").filter(uuid=event_uuid).first()
    if event is None or not can_see_event(user, event):
        raise Http404
    if write and not is_coordinator(user, event.programme):
        raise PermissionDenied
    return event


def get_session_for_user(
    user: User | AnonymousUser,
    session_uuid: UUID,
    *,
    write: bool = False,
    mark: bool = False,
) -> EventSession:
    """A session of an event the user sees; `write` (change it) needs a coordinator and
    `mark` (record attendance) a coordinator or one of the event's facilitators."""
    session = (
        EventSession.objects.select_related("event__programme").filter(uuid=session_uuid).first()
    )
    if session is None or not can_see_event(user, session.event):
        raise Http404
    if write and not is_coordinator(user, session.event.programme):
        raise PermissionDenied
    if mark and not can_mark_attendance(user, session.event):
        raise PermissionDenied
    return session


def get_registration_for_user(user: User | AnonymousUser, registration_uuid: UUID) -> Registration:
    """The registered person and the programme's coordinators may cancel a registration."""
    registration = (
        Registration.objects.select_related("event__programme", "user")
        .filter(uuid=registration_uuid)
        .first()
    )
    if registration is None or not user.is_authenticated:
        raise Http404
    if registration.user_id != user.pk and not is_coordinator(user, registration.event.programme):
        if can_see_event(user, registration.event):
            raise PermissionDenied
        raise Http404
    return registration


def can_download_materials(user: User | AnonymousUser, event: Event) -> bool:
    """Registrants (with a place or waiting), facilitators and coordinators."""
    return can_mark_attendance(user, event) or (
        user.is_authenticated
        and Registration.objects.filter(event=event, user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .exists()
    )


def get_material_for_user(
    user: User | AnonymousUser, material_uuid: UUID, *, write: bool = False
) -> EventMaterial:
    """Registrants download materials; others who see the event get 403; coordinators
    alone remove them (write)."""
    material = (
        EventMaterial.objects.select_related("event__programme").filter(uuid=material_uuid).first()
    )
    if material is None or not can_see_event(user, material.event):
        raise Http404
    if write and not is_coordinator(user, material.event.programme):
        raise PermissionDenied
    if not can_download_materials(user, material.event):
        raise PermissionDenied
    return material


def events_visible_to(user: User) -> "QuerySet[Event]":
    """Events of programmes the user coordinates or takes part in, or that they facilitate
    or registered for."""
    return Event.objects.filter(
        Q(programme__coordinators=user)
        | Q(
            programme__enrolments__user=user,
            programme__enrolments__status=Enrolment.Status.APPROVED,
        )
        | Q(facilitators=user)
        | Q(registrations__user=user)
    ).distinct()
