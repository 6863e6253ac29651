"""Protected time against the programme's allowance (seed 002 §4.3.1: dedicated time and
non-contact time for mentors and mentees).

A programme may set protected minutes a week for each mentor and each mentee. A
person's allowance runs from the start of their first relationship in the programme to
the end of their last (or today, or the programme's end). Their use is the time they
logged (non-contact time entries) plus the held meetings of their relationships. Each
person's use counts up to their own allowance, so one person logging a great deal
cannot hide others who log nothing. Sums are worked out in SQL per person; only one row
per person comes back.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max, Min, Sum, Value
from django.db.models.functions import Coalesce

from tandem.programmes.models import Programme
from tandem.relationships.models import Conversation, Relationship, RelationshipMember, TimeEntry
from tandem.relationships.models.relationship import MemberRole

# Co-coaches give and receive support; as peers they are counted with the learners.
MENTOR_SIDE = {MemberRole.MENTOR, MemberRole.COACH, MemberRole.FACILITATOR}
MENTEE_SIDE = {MemberRole.MENTEE, MemberRole.COACHEE, MemberRole.CO_COACH}


@dataclass(frozen=True)
class ProtectedTime:
    side: str  # "mentor" or "mentee"
    label: str  # "mentors", "mentees"
    minutes_per_week: int
    people: int  # distinct people with an allowance so far
    allowed_minutes: int
    used_minutes: int  # each person's use, up to their own allowance

    @property
    def share(self) -> int | None:
        if not self.allowed_minutes:
            return None
        return round(100 * min(self.used_minutes, self.allowed_minutes) / self.allowed_minutes)

    @property
    def sentence(self) -> str:
        if self.share is None:
            return f"No protected time for {self.label} has fallen due yet."
        return (
            f"{self.label.capitalize()} logged {self.share}% of their protected time "
            f"({self.used_minutes / 60:.1f} of {self.allowed_minutes / 60:.1f} hours, "
            f"{self.people} {'person' if self.people == 1 else 'people'}; "
            f"{self.minutes_per_week} minutes a week each)."
        )


def protected_time(
    programme: Programme, today: dt.date, relationship: Relationship | None = None
) -> list[ProtectedTime]:
    """For each side with an allowance set: people, time allowed so far and time used.
    Given a relationship, only its members and its records count."""
    sides = [
        ("mentor", "mentors", programme.mentor_minutes_per_week, MENTOR_SIDE),
        ("mentee", "mentees", programme.mentee_minutes_per_week, MENTEE_SIDE),
    ]
    sides = [side for side in sides if side[2]]
    if not sides:
        return []
    members = RelationshipMember.objects.filter(
        relationship__programme=programme, relationship__started_on__isnull=False
    ).exclude(relationship__status=Relationship.Status.PROPOSED)
    entries = TimeEntry.objects.filter(relationship__programme=programme)
    meetings = Conversation.objects.filter(
        relationship__programme=programme, status=Conversation.Status.HELD
    )
    if relationship is not None:
        members = members.filter(relationship=relationship)
        entries = entries.filter(relationship=relationship)
        meetings = meetings.filter(relationship=relationship)
    until = min(today, programme.ends_on)
    spans = (
        members.values("user", "role")
        .annotate(
            first=Min("relationship__started_on"),
            last=Max(Coalesce("relationship__ended_on", Value(until))),
        )
        .order_by()
    )
    logged = dict(
        entries.values("user").annotate(n=Sum("minutes")).order_by().values_list("user", "n")
    )
    met = dict(
        meetings.values("relationship__members__user")
        .annotate(n=Sum("duration_minutes"))
        .order_by()
        .values_list("relationship__members__user", "n")
    )
    results = []
    for side, label, per_week, roles in sides:
        weeks: dict[int, float] = defaultdict(float)
        first_last: dict[int, tuple[dt.date, dt.date]] = {}
        for row in spans:
            if row["role"] not in roles or row["first"] is None:
                continue
            first, last = row["first"], min(row["last"], until)
            if row["user"] in first_last:
                known = first_last[row["user"]]
                first, last = min(first, known[0]), max(last, known[1])
            first_last[row["user"]] = (first, last)
        for user, (first, last) in first_last.items():
            weeks[user] = max(0, (last - first).days) / 7
        allowed = {user: round(w * per_week) for user, w in weeks.items()}
        used = {
            user: min(allowance, (logged.get(user) or 0) + (met.get(user) or 0))
            for user, allowance in allowed.items()
        }
        results.append(
            ProtectedTime(
                side,
                label,
                per_week,
                len(allowed),
                sum(allowed.values()),
                sum(used.values()),
            )
        )
    return results
