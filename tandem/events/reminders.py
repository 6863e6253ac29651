""" "Events tomorrow" for the daily reminder digest in tandem.relationships.reminders.

The day before each session, everyone with a place gets it in their digest, unless they
turned event reminders off on the reminder preferences page (or unsubscribed). The email
carries the event's title, time and place only.
"""

import datetime as dt

from django.utils import timezone

from tandem.accounts.models import User
from tandem.events.models import Event, EventSession, Registration
from tandem.relationships import reminders


def sessions_tomorrow(now: dt.datetime) -> list[tuple[User, EventSession]]:
    """Every (person with a place, session) pair for sessions that start tomorrow."""
    tomorrow = timezone.localdate(now) + dt.timedelta(days=1)
    start = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))
    end = start + dt.timedelta(days=1)
    sessions = list(
        EventSession.objects.filter(
            starts_at__gte=start, starts_at__lt=end, event__status=Event.Status.SCHEDULED
        ).select_related("event__programme")
    )
    by_event: dict[int, list[User]] = {}
    for registration in Registration.objects.filter(
        event__in={session.event_id for session in sessions},
        status=Registration.Status.CONFIRMED,
    ).select_related("user"):
        by_event.setdefault(registration.event_id, []).append(registration.user)
    return [(user, session) for session in sessions for user in by_event.get(session.event_id, [])]


def message(target: object, base: str) -> tuple[str, str]:
    session = target
    assert isinstance(session, EventSession)  # noqa: S101 - the registry passes what collect returned
    event = session.event
    when = timezone.localtime(session.starts_at).strftime("%A %-d %B at %H:%M")
    where = session.place or "online"
    body = f"“{event.title}” ({event.programme.name}) is tomorrow, {when}, {where}."
    return f"Tomorrow: {event.title}", f"{body}\n\n{base}{event.get_absolute_url()}"


def register() -> None:
    reminders.register_source(
        "event",
        sessions_tomorrow,
        message,
        naming=reminders.ReminderKind(
            "Events I have a place at, the day before",
            "Events tomorrow",
            "an event tomorrow",
            "events tomorrow",
        ),
    )
