"""Reads for the events pages, each in a fixed number of queries."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Min, OuterRef, Q, QuerySet, Subquery

from tandem.accounts.models import User
from tandem.events.models import Attendance, Event, EventSession, Registration
from tandem.events.policy import events_visible_to, is_coordinator
from tandem.events.services import mentor_user_ids
from tandem.people.models import Profile
from tandem.programmes.models import Programme

Status = Registration.Status


def _starts(event: Event) -> tuple[bool, dt.datetime | None]:
    """Sort key: events with sessions soonest first, events without sessions last."""
    first = getattr(event, "first_starts_at", None)
    return first is None, first


def _with_counts(events: QuerySet[Event], user: User) -> QuerySet[Event]:
    mine = Registration.objects.filter(event=OuterRef("pk"), user=user)
    return events.annotate(
        # Each event's first start and last end, from its sessions, in the same query.
        first_starts_at=Min("sessions__starts_at"),
        last_ends_at=Max("sessions__ends_at"),
        num_confirmed=Count(
            "registrations", filter=Q(registrations__status=Status.CONFIRMED), distinct=True
        ),
        num_waiting=Count(
            "registrations", filter=Q(registrations__status=Status.WAITING), distinct=True
        ),
        my_status=Subquery(mine.values("status")[:1]),
    )


def programme_events(programme: Programme, user: User) -> list[Event]:
    """The programme's events, soonest first, with places taken and the user's own status
    (one query)."""
    events = _with_counts(Event.objects.filter(programme=programme), user)
    return sorted(events, key=_starts)


@dataclass
class MyEventRow:
    event: Event
    status_label: str


def my_events(user: User) -> list[MyEventRow]:
    """Events the user has a place at, waits for, or facilitates, soonest first (one query)."""
    events = _with_counts(
        events_visible_to(user).filter(
            Q(
                registrations__user=user,
                registrations__status__in=[Status.CONFIRMED, Status.WAITING],
            )
            | Q(facilitators=user)
        ),
        user,
    ).select_related("programme")
    rows = []
    for event in events:
        my_status = getattr(event, "my_status", None)
        if my_status in {Status.CONFIRMED, Status.WAITING}:
            label = Status(my_status).label
        else:
            label = "Facilitating"
        rows.append(MyEventRow(event, label))
    return sorted(rows, key=lambda row: _starts(row.event))


def event_page(event: Event, user: User) -> dict[str, Any]:
    """Sessions, materials, the user's registration and, for coordinators, who registered."""
    registrations = list(
        event.registrations.exclude(status=Status.CANCELLED)
        .select_related("user")
        .order_by("status", "requested_at", "pk")
    )
    mine = Registration.objects.filter(event=event, user=user).first()
    confirmed = [row for row in registrations if row.status == Status.CONFIRMED]
    waiting = [row for row in registrations if row.status == Status.WAITING]
    position = None
    if mine is not None and mine.status == Status.WAITING:
        position = [row.pk for row in waiting].index(mine.pk) + 1
    return {
        "sessions": list(event.sessions.order_by("starts_at")),
        "materials": list(event.materials.all()),
        "facilitators": list(event.facilitators.order_by("full_name")),
        "registration": mine,
        "waiting_position": position,
        "num_confirmed": len(confirmed),
        "num_waiting": len(waiting),
        "places_left": max(0, event.capacity - len(confirmed)),
        "registrations": registrations if is_coordinator(user, event.programme) else [],
    }


@dataclass
class AttendanceRow:
    user: User
    attended: bool
    is_mentor: bool
    has_profile: bool
    has_record: bool


def attendance_rows(session: EventSession) -> list[AttendanceRow]:
    """Everyone with a place at the session's event, and what is recorded for them."""
    event = session.event
    people = list(
        User.objects.filter(
            event_registrations__event=event, event_registrations__status=Status.CONFIRMED
        ).order_by("full_name")
    )
    ids = [person.pk for person in people]
    marked = {row.user_id: row for row in Attendance.objects.filter(session=session)}
    mentors = mentor_user_ids(event.programme, ids) if event.counts_as_training else set()
    with_profile = set(Profile.objects.filter(user__in=ids).values_list("user_id", flat=True))
    return [
        AttendanceRow(
            user=person,
            attended=bool(marked.get(person.pk) and marked[person.pk].attended),
            is_mentor=person.pk in mentors,
            has_profile=person.pk in with_profile,
            has_record=bool(marked.get(person.pk) and marked[person.pk].training_record_id),
        )
        for person in people
    ]
