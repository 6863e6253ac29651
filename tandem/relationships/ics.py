"""An iCalendar (RFC 5545) feed of a person's meetings: times and who, never content."""

import datetime as dt

from django.utils import timezone

from tandem.accounts.models import User
from tandem.relationships.models import Conversation, RelationshipMember

# Event UIDs must stay the same for as long as the meeting exists: a calendar that has
# subscribed keys events on them, so a UID built from the request's host name would turn a
# change of address (or a second host name) into a second copy of every meeting. The
# meeting's UUID makes it unique; the fixed domain marks it as Tandem's (RFC 5545 §3.8.4.7).
UID_DOMAIN = "meetings.tandem"


def event_uid(conversation: Conversation) -> str:
    return f"{conversation.uuid}@{UID_DOMAIN}"


def escape_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def utc_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def fold_line(line: str) -> str:
    # Lines longer than 75 octets are folded with CRLF + space (RFC 5545 §3.1).
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, chunk = [], b""
    for char in line:
        piece = char.encode()
        if len(chunk) + len(piece) > 74:
            parts.append(chunk.decode())
            chunk = b""
        chunk += piece
    parts.append(chunk.decode())
    return "\r\n ".join(parts)


def calendar_for(user: User) -> str:
    """Planned and held conversations from the past 90 days on, in three queries."""
    since = timezone.now() - dt.timedelta(days=90)
    conversations = list(
        Conversation.objects.filter(
            relationship__members__user=user,
            starts_at__gte=since,
            status__in=[Conversation.Status.PLANNED, Conversation.Status.HELD],
        )
        .select_related("relationship__programme")
        .order_by("starts_at")
    )
    names: dict[int, list[str]] = {}
    for member in RelationshipMember.objects.filter(
        relationship__in={conversation.relationship_id for conversation in conversations}
    ).select_related("user"):
        if member.user_id != user.pk:
            names.setdefault(member.relationship_id, []).append(member.user.full_name)
    now = utc_stamp(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Tandem//Mentoring meetings//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Tandem meetings",
    ]
    for conversation in conversations:
        others = ", ".join(names.get(conversation.relationship_id, [])) or "your group"
        end = conversation.starts_at + dt.timedelta(minutes=conversation.duration_minutes)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event_uid(conversation)}",
            f"DTSTAMP:{now}",
            f"DTSTART:{utc_stamp(conversation.starts_at)}",
            f"DTEND:{utc_stamp(end)}",
            fold_line(f"SUMMARY:{escape_text(f'Learning conversation with {others}')}"),
            fold_line(f"DESCRIPTION:{escape_text(conversation.relationship.programme.name)}"),
            f"STATUS:{'CONFIRMED' if conversation.status == 'held' else 'TENTATIVE'}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"
