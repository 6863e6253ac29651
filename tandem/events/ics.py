"""Calendar files (RFC 5545) for an event's sessions: one VEVENT per session.

Built the way tandem.relationships.ics builds the meeting feed: UIDs stay the same for as
long as the session exists (its UUID at a fixed domain, never the request's host), so a
calendar that imported the invitation updates the same entry when the event changes or is
cancelled (SEQUENCE rises with each save; STATUS:CANCELLED on cancellation).
"""

from django.utils import timezone

from tandem.events.models import Event, EventSession
from tandem.mail import site_url
from tandem.relationships.ics import escape_text, fold_line, utc_stamp

UID_DOMAIN = "events.tandem"


def session_uid(session: EventSession) -> str:
    return f"{session.uuid}@{UID_DOMAIN}"


def _sequence(session: EventSession, event: Event) -> int:
    # Whole seconds since the session was made: rises with every later change, which is
    # all RFC 5545 asks of SEQUENCE, with no counter to keep.
    changed = max(session.updated_at, event.updated_at)
    return max(0, int((changed - session.created_at).total_seconds()))


def calendar_for_event(event: Event, sessions: list[EventSession]) -> str:
    """The event's sessions as a calendar file: an invitation to import, or its update."""
    cancelled = event.status == Event.Status.CANCELLED
    now = utc_stamp(timezone.now())
    link = site_url(event.get_absolute_url())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Tandem//Programme events//EN",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if cancelled else 'PUBLISH'}",
    ]
    for number, session in enumerate(sessions, start=1):
        title = (
            event.title if len(sessions) == 1 else f"{event.title} ({number} of {len(sessions)})"
        )
        about = f"{event.get_kind_display()}, {event.programme.name}. {link}"
        where = ", ".join(part for part in [session.place, session.online_link] if part)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{session_uid(session)}",
            f"SEQUENCE:{_sequence(session, event)}",
            f"DTSTAMP:{now}",
            f"DTSTART:{utc_stamp(session.starts_at)}",
            f"DTEND:{utc_stamp(session.ends_at)}",
            fold_line(f"SUMMARY:{escape_text(title)}"),
            fold_line(f"DESCRIPTION:{escape_text(about)}"),
            fold_line(f"LOCATION:{escape_text(where)}"),
            fold_line(f"URL:{link}"),
            f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def calendar_file_name(event: Event) -> str:
    return f"event-{event.uuid}.ics"
