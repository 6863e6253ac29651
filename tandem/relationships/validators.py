"""Which dates the shared record accepts, in one place.

Forms call these to put a message beside the field; services call them again so that the
API, imports and the shell obey the same rules. Each raises a ValidationError keyed by the
field it is about, with words a person can act on.

"Today" is the local date (settings.TIME_ZONE): a meeting held at 23:30 in London is held
today, not tomorrow as UTC would have it.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.programmes.models import Programme

HELD_IN_FUTURE = (
    "A meeting that has been held cannot be in the future. Check the date and time, "
    "or choose “Planned”."
)
BEFORE_PROGRAMME = "The date must be on or after the programme starts on {starts_on}."
AFTER_PROGRAMME = "The date must be on or before the programme ends on {ends_on}."
IN_FUTURE = "The date must be today or in the past."
DUE_IN_PAST = "The date must be today or in the future."
DUE_BEFORE_MEETING = "An action agreed at a meeting cannot be due before the meeting ({held_on})."


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def check_held_not_in_future(
    *, status: str, starts_at: dt.datetime | None, field: str = "starts_at"
) -> None:
    """A conversation recorded as held must have started by now: a future "held" meeting
    inflates the contact time and the health check."""
    if status == "held" and starts_at is not None and starts_at > timezone.now():
        raise ValidationError({field: HELD_IN_FUTURE})


def check_within_programme_to_date(*, on: dt.date | None, programme: Programme, field: str) -> None:
    """Something that has happened (time spent, an observation): on or after the programme
    starts, on or before it ends, and not after today."""
    if on is None:
        return
    if on < programme.starts_on:
        raise ValidationError({field: BEFORE_PROGRAMME.format(starts_on=_day(programme.starts_on))})
    if on > programme.ends_on:
        raise ValidationError({field: AFTER_PROGRAMME.format(ends_on=_day(programme.ends_on))})
    if on > timezone.localdate():
        raise ValidationError({field: IN_FUTURE})


def check_due_not_past(*, on: dt.date | None, field: str, previous: dt.date | None = None) -> None:
    """A goal's target or an action's due date, when set or changed, is today or later.
    An item already overdue can still be edited without moving its date (`previous`)."""
    if on is None or (previous is not None and on == previous):
        return
    if on < timezone.localdate():
        raise ValidationError({field: DUE_IN_PAST})


def check_action_due(*, on: dt.date | None, meeting_at: dt.datetime | None, field: str) -> None:
    """An action agreed at a conversation is never due before the meeting. Recording last
    month's meeting may add an action already overdue (that is history); for a meeting
    today or later the action is due today or later."""
    if on is None:
        return
    today = timezone.localdate()
    held_on = timezone.localdate(meeting_at) if meeting_at is not None else today
    if held_on >= today:
        check_due_not_past(on=on, field=field)
    elif on < held_on:
        raise ValidationError({field: DUE_BEFORE_MEETING.format(held_on=_day(held_on))})
