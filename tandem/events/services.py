"""Changes to events, registrations, attendance and materials: the one door that views,
the admin and commands all use. Each runs in a transaction and emails only on commit."""

import datetime as dt
from collections.abc import Collection

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from tandem.accounts.models import User
from tandem.audit.services import record_event
from tandem.events.ics import calendar_file_name, calendar_for_event
from tandem.events.models import (
    Attendance,
    Event,
    EventMaterial,
    EventSession,
    Registration,
)
from tandem.events.policy import (
    can_mark_attendance,
    is_participant,
    require_event_coordinator,
)
from tandem.mail import site_url
from tandem.people.models import MentorTrainingRecord, Profile
from tandem.programmes.models import Enrolment, Programme
from tandem.programmes.policy import is_coordinator, require_coordinator
from tandem.services import model_update

EVENT_FIELDS = [
    "kind",
    "title",
    "description",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
]
SESSION_FIELDS = ["starts_at", "ends_at", "place", "online_link"]
Status = Registration.Status


def _set_facilitators(event: Event, facilitators: Collection[User]) -> None:
    event.facilitators.set(facilitators)


@transaction.atomic
def create_event(
    *,
    actor: User,
    programme: Programme,
    fields: dict,
    first_session: dict,
    facilitators: Collection[User] = (),
) -> Event:
    """Set up an event with its first session; the programme's coordinators only."""
    require_coordinator(actor, programme)
    event = Event(programme=programme, created_by=actor)
    for name in EVENT_FIELDS:
        if name in fields:
            setattr(event, name, fields[name])
    event.full_clean()
    event.save()
    _set_facilitators(event, facilitators)
    add_session(actor=actor, event=event, fields=first_session)
    return event


@transaction.atomic
def update_event(
    *, actor: User, event: Event, fields: dict, facilitators: Collection[User] | None = None
) -> Event:
    """Change an event's details; more places promote people from the waiting list, and the
    places cannot drop below the people already confirmed. Coordinators only."""
    require_event_coordinator(actor, event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise ValidationError("A cancelled event cannot be changed.")
    confirmed = event.registrations.filter(status=Status.CONFIRMED).count()
    capacity = fields.get("capacity", event.capacity)
    if capacity < confirmed:
        raise ValidationError(
            {
                "capacity": f"{confirmed} people already have a place: keep at least "
                f"{confirmed} places, or cancel registrations first."
            }
        )
    model_update(instance=event, fields=EVENT_FIELDS, data=fields)
    if facilitators is not None:
        _set_facilitators(event, facilitators)
    _fill_places(event)
    return event


@transaction.atomic
def cancel_event(*, actor: User, event: Event, note: str = "") -> int:
    """Cancel the event and email everyone registered or waiting (on commit), with the
    calendar update that removes it; returns how many are emailed. Coordinators only."""
    require_event_coordinator(actor, event)
    event = Event.objects.select_for_update().select_related("programme").get(pk=event.pk)
    if event.is_cancelled:
        raise ValidationError("This event is already cancelled.")
    event.status = Event.Status.CANCELLED
    event.cancelled_at = timezone.now()
    event.cancellation_note = note
    event.full_clean()
    event.save(update_fields=["status", "cancelled_at", "cancellation_note", "updated_at"])
    people = list(
        User.objects.filter(
            event_registrations__event=event,
            event_registrations__status__in=[Status.CONFIRMED, Status.WAITING],
        )
    )
    body = (
        f"“{event.title}” ({event.programme.name}) is cancelled."
        + (f"\n\n{note}" if note else "")
        + "\n\nThe attached calendar file removes it from your calendar.\n\n"
        + site_url(event.get_absolute_url())
    )
    _mail_with_calendar(event, people, f"Cancelled: {event.title}", body)
    record_event(actor=actor, action="event.cancelled", target=event, detail=note)
    return len(people)


@transaction.atomic
def add_session(*, actor: User, event: Event, fields: dict) -> EventSession:
    """Add a session, within the programme's dates; coordinators only."""
    require_event_coordinator(actor, event)
    session = EventSession(event=event)
    for name in SESSION_FIELDS:
        setattr(session, name, fields.get(name, getattr(session, name)))
    session.full_clean()
    session.save()
    Event.objects.filter(pk=event.pk).update(updated_at=timezone.now())
    return session


@transaction.atomic
def update_session(*, actor: User, session: EventSession, fields: dict) -> EventSession:
    """Correct a session's times or place; coordinators only. Attendance already marked
    keeps its training records in step with the new date and length."""
    require_event_coordinator(actor, session.event)
    session, changed = model_update(instance=session, fields=SESSION_FIELDS, data=fields)
    if changed:
        for attendance in session.attendances.filter(training_record__isnull=False):
            _sync_training_record(attendance, session)
    return session


def _registration_window_problem(event: Event, now: dt.datetime) -> str:
    first = event.sessions.order_by("starts_at").values_list("starts_at", flat=True).first()
    if event.is_cancelled:
        return "This event is cancelled."
    if event.registration_opens_at and now < event.registration_opens_at:
        when = timezone.localtime(event.registration_opens_at)
        return f"Registration opens on {when:%-d %B %Y at %H:%M}."
    closes = event.registration_closes_at or first
    if closes is not None and now >= closes:
        return "Registration for this event has closed."
    return ""


@transaction.atomic
def register_for_event(*, actor: User, event: Event) -> Registration:
    """Take a place for the actor, or a turn on the waiting list when the event is full.
    The event row is locked first, so two people can never both take the last place."""
    event = Event.objects.select_for_update().select_related("programme").get(pk=event.pk)
    if not is_participant(actor, event.programme):
        message = "Only the programme's participants may register for its events."
        raise PermissionError(message)
    now = timezone.now()
    problem = _registration_window_problem(event, now)
    if problem:
        raise ValidationError(problem)
    registration = Registration.objects.filter(event=event, user=actor).first()
    if registration is not None and registration.status != Status.CANCELLED:
        raise ValidationError(
            "You have a place already."
            if registration.status == Status.CONFIRMED
            else "You are on the waiting list already."
        )
    registration = registration or Registration(event=event, user=actor)
    taken = event.registrations.filter(status=Status.CONFIRMED).count()
    full = taken >= event.capacity
    registration.status = Status.WAITING if full else Status.CONFIRMED
    registration.requested_at = now
    registration.confirmed_at = None if full else now
    registration.cancelled_at = None
    registration.full_clean(validate_constraints=False)
    registration.save()
    if not full:
        _send_place_confirmed(registration, promoted=False)
    return registration


@transaction.atomic
def cancel_registration(*, actor: User, registration: Registration) -> Registration | None:
    """Give up a place (or a turn on the waiting list); the person themselves or a
    coordinator. A freed place goes to the first person waiting, who is emailed on commit;
    returns their registration, if anyone was promoted."""
    event = (
        Event.objects.select_for_update().select_related("programme").get(pk=registration.event_id)
    )
    if actor.pk != registration.user_id and not is_coordinator(actor, event.programme):
        message = "Only the registered person or a coordinator may cancel a registration."
        raise PermissionError(message)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        raise ValidationError("This registration is already cancelled.")
    registration.status = Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    promoted = _fill_places(event)
    return promoted[0] if promoted else None


def _fill_places(event: Event) -> list[Registration]:
    """Promote people from the waiting list, in the order they asked, while places are
    free; the caller holds the event's lock."""
    if event.is_cancelled:
        return []
    free = event.capacity - event.registrations.filter(status=Status.CONFIRMED).count()
    if free <= 0:
        return []
    waiting = list(
        event.registrations.filter(status=Status.WAITING)
        .select_related("user")
        .order_by("requested_at", "pk")[:free]
    )
    now = timezone.now()
    for registration in waiting:
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        _send_place_confirmed(registration, promoted=True)
    return waiting


def _send_place_confirmed(registration: Registration, *, promoted: bool) -> None:
    event = registration.event
    opening = "A place has come free and it is yours" if promoted else "Your place is confirmed"
    body = (
        f"{opening}: “{event.title}” ({event.get_kind_display().lower()}, "
        f"{event.programme.name}).\n\nThe attached calendar file adds its sessions to your "
        "calendar. If you cannot come, please cancel your place so that someone waiting "
        f"can have it:\n\n{site_url(event.get_absolute_url())}"
    )
    subject = f"{'A place for you' if promoted else 'Place confirmed'}: {event.title}"
    _mail_with_calendar(event, [registration.user], subject, body)


def _mail_with_calendar(event: Event, people: list[User], subject: str, body: str) -> None:
    """One email per person (addresses are not shared), each with the event's calendar
    file, sent once the transaction commits."""
    if not people:
        return
    sessions = list(event.sessions.order_by("starts_at"))
    calendar = calendar_for_event(event, sessions)
    method = "CANCEL" if event.is_cancelled else "PUBLISH"

    def send() -> None:
        for person in people:
            message = EmailMessage(f"[Tandem] {subject}", body, None, [person.email])
            message.attach(calendar_file_name(event), calendar, f"text/calendar; method={method}")
            message.send(fail_silently=True)

    transaction.on_commit(send)


def mentor_user_ids(programme: Programme, users: Collection[int]) -> set[int]:
    """Who of `users` supports others in the programme (mentors, coaches, co-mentors): their
    attended training becomes a training record."""
    return set(
        Enrolment.objects.approved()
        .filter(
            programme=programme,
            user__in=users,
            role__in=[Enrolment.Role.MENTOR, Enrolment.Role.PEER],
        )
        .values_list("user_id", flat=True)
    )


@transaction.atomic
def record_attendance(
    *, actor: User, session: EventSession, attended: Collection[int]
) -> list[Attendance]:
    """Mark who of the people with a place attended `session` (user ids in `attended`; the
    rest absent). Coordinators and the event's facilitators, once the session has started.
    Mentors' attended training sessions write a training record; marking someone absent
    again removes the record that attendance wrote."""
    event = session.event
    if not can_mark_attendance(actor, event):
        message = "Only the coordinators and the event's facilitators mark attendance."
        raise PermissionError(message)
    if event.is_cancelled:
        raise ValidationError("This event is cancelled.")
    if not session.has_started:
        raise ValidationError("Attendance can be marked once the session has started.")
    registrants = list(
        User.objects.filter(
            event_registrations__event=event,
            event_registrations__status=Status.CONFIRMED,
        )
    )
    registered_ids = {person.pk for person in registrants}
    unknown = set(attended) - registered_ids
    if unknown:
        raise ValidationError("Attendance can be marked only for people with a place.")
    existing = {row.user_id: row for row in session.attendances.select_related("training_record")}
    mentors = (
        mentor_user_ids(event.programme, registered_ids) if event.counts_as_training else set()
    )
    rows = []
    for person in registrants:
        row = existing.get(person.pk) or Attendance(session=session, user=person)
        row.attended = person.pk in attended
        row.marked_by = actor
        row.save()
        if row.attended and person.pk in mentors:
            _sync_training_record(row, session)
        elif row.training_record_id is not None:
            _remove_training_record(row)
        rows.append(row)
    return rows


def _sync_training_record(row: Attendance, session: EventSession) -> None:
    """Write (or correct) the training record this attendance stands for."""
    profile = Profile.objects.filter(user_id=row.user_id).first()
    if profile is None:
        return  # a training record belongs to a profile; the page says who has none
    event = session.event
    record = row.training_record or MentorTrainingRecord(profile=profile)
    record.course = event.title
    record.provider = event.provider
    record.hours = session.hours
    record.completed_on = min(timezone.localdate(session.starts_at), timezone.localdate())
    record.full_clean()
    record.save()
    if row.training_record_id != record.pk:
        row.training_record = record
        row.save(update_fields=["training_record", "updated_at"])


def _remove_training_record(row: Attendance) -> None:
    record = row.training_record
    row.training_record = None
    row.save(update_fields=["training_record", "updated_at"])
    if record is not None:
        record.delete()


@transaction.atomic
def add_material(*, actor: User, event: Event, fields: dict) -> EventMaterial:
    """Attach a file or a link to the event for its registrants; coordinators only."""
    require_event_coordinator(actor, event)
    material = EventMaterial(
        event=event,
        title=fields.get("title", ""),
        file=fields.get("file") or "",
        url=fields.get("url", ""),
        added_by=actor,
    )
    if bool(material.file) == bool(material.url):
        raise ValidationError("Attach a file or give a link (one of the two).")
    material.full_clean()
    material.save()
    return material


@transaction.atomic
def remove_material(*, actor: User, material: EventMaterial) -> None:
    """Remove a material and its stored file (once committed); coordinators only."""
    require_event_coordinator(actor, material.event)
    stored = material.file
    storage, name = stored.storage, stored.name
    material.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
