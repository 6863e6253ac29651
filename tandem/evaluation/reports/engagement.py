"""Engagement over time: relationships, meetings and who brings the agenda, month by month
and by the learner's organisation (seed 003: growing self-direction)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Collection

import numpy as np
from django.db.models import (
    Count,
    F,
    FilteredRelation,
    Q,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from tandem.evaluation.self_direction import self_direction
from tandem.evaluation.tables import (
    Row,
    Table,
    percent,
    suppress_small_groups,
)
from tandem.organisations.models import Membership
from tandem.programmes.models import Programme
from tandem.relationships.models import AgendaItem, Conversation, Relationship, RelationshipMember
from tandem.relationships.models.relationship import LEARNING_ROLES

MAX_MONTHS = 36


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months: list[dt.date] = []
    current = start.replace(day=1)
    while current <= end and len(months) < MAX_MONTHS:
        months.append(current)
        current = (current + dt.timedelta(days=32)).replace(day=1)
    return months


def _month_end(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def engagement_by_month(programme: Programme, today: dt.date) -> Table:
    """Meetings held each month against the programme's rhythm; n = relationships active."""
    spans = list(
        Relationship.objects.filter(programme=programme, started_on__isnull=False).values_list(
            "started_on", "ended_on"
        )
    )
    until = min(today, programme.ends_on)
    months = _months(programme.starts_on, until)
    held = Conversation.objects.filter(
        relationship__programme=programme, status=Conversation.Status.HELD
    ).aggregate(**_per_month("starts_at", months))
    starts = np.array([start.toordinal() for start, _end in spans if start], dtype=np.int64)
    ends = np.array([min(end or until, until).toordinal() for _start, end in spans], dtype=np.int64)
    rows = []
    active_in: list[np.ndarray] = []  # which relationships were active, month by month
    for index, month in enumerate(months):
        first, last = month.toordinal(), _month_end(month).toordinal()
        overlap = np.clip(np.minimum(ends, last) - np.maximum(starts, first) + 1, 0, None)
        active_in.append(overlap > 0)
        active = int(active_in[-1].sum())
        planned = float(overlap.sum()) / programme.meeting_every_days
        num_held = held[f"m{index}"]
        rows.append(
            Row(
                month.strftime("%B %Y"),
                (active, num_held, round(planned), percent(num_held, planned)),
                active,
            )
        )

    def relationships_in(indexes: Collection[int]) -> int:
        """Relationships active in any of these months (each counted once)."""
        chosen = [active_in[index] for index in indexes]
        return int(np.logical_or.reduce(chosen).sum()) if chosen else 0

    table = Table(
        "engagement",
        "Meetings held each month against plan",
        (
            "Month",
            "Relationships active",
            "Meetings held",
            "Meetings planned",
            "Held as share of planned",
        ),
        tuple(rows),
        note=f"Planned: one meeting every {programme.meeting_every_days} days while a "
        "relationship is active. Months with fewer than 5 active relationships are suppressed.",
    )
    # The months add up to the meetings held so far, which the table by organisation
    # adds up to as well: a suppressed month must not be recoverable by subtraction.
    return suppress_small_groups(table, is_additive=True, people_in=relationships_in)


def engagement_by_organisation(programme: Programme, today: dt.date) -> Table:
    """Meetings held against plan for the learners of each organisation, over the programme
    so far; n = relationships. Queries: relationships, learners, memberships, meetings."""
    until = min(today, programme.ends_on)
    spans = dict(
        Relationship.objects.filter(programme=programme, started_on__isnull=False).values_list(
            "pk", "started_on"
        )
    )
    ended = dict(
        Relationship.objects.filter(pk__in=spans, ended_on__isnull=False).values_list(
            "pk", "ended_on"
        )
    )
    learners = dict(
        RelationshipMember.objects.filter(
            relationship_id__in=spans, role__in=LEARNING_ROLES
        ).values_list("relationship_id", "user_id")
    )
    organisation_of: dict[int, str] = {}
    for user_id, name in (
        Membership.objects.current()
        .filter(user_id__in=set(learners.values()))
        .order_by("organisation__name")
        .values_list("user_id", "organisation__name")
    ):
        organisation_of.setdefault(user_id, name)
    held = dict(
        Conversation.objects.filter(
            relationship_id__in=spans, status=Conversation.Status.HELD, starts_at__date__lte=until
        )
        .values("relationship_id")
        .annotate(num=Count("pk"))
        .values_list("relationship_id", "num")
    )
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0])
    for relationship_id, started_on in spans.items():
        if started_on is None:  # excluded by the query; narrows the type
            continue
        name = organisation_of.get(learners.get(relationship_id, -1), "No current organisation")
        days = max((min(ended.get(relationship_id) or until, until) - started_on).days + 1, 0)
        total = totals[name]
        total[0] += 1
        total[1] += held.get(relationship_id, 0)
        total[2] += days / programme.meeting_every_days
    rows = tuple(
        Row(
            name,
            (int(count), int(num_held), round(planned), percent(num_held, planned)),
            int(count),
        )
        for name, (count, num_held, planned) in sorted(totals.items())
    )
    table = Table(
        "engagement-by-organisation",
        "Meetings held against plan, by the learner's organisation",
        (
            "Organisation",
            "Relationships",
            "Meetings held",
            "Meetings planned",
            "Held as share of planned",
        ),
        rows,
        note="Organisations with fewer than 5 relationships are suppressed.",
    )
    # The organisations add up to the whole programme (the monthly table's total): a
    # suppressed organisation must not be recoverable from it by subtracting the others.
    return suppress_small_groups(table, is_additive=True)


def _per_month(field: str, months: list[dt.date]) -> dict[str, Count]:
    """One conditional COUNT per month on plain date ranges: portable, index-friendly and
    far cheaper than truncating every row's timestamp (a Python function on SQLite)."""
    zone = timezone.get_current_timezone()
    counts = {}
    for index, month in enumerate(months):
        begins = dt.datetime.combine(month, dt.time.min, tzinfo=zone)
        ends = dt.datetime.combine(
            _month_end(month) + dt.timedelta(days=1), dt.time.min, tzinfo=zone
        )
        within = Q(**{f"{field}__gte": begins, f"{field}__lt": ends})
        counts[f"m{index}"] = Count("pk", filter=within)
    return counts


def self_direction_by_month(programme: Programme, today: dt.date) -> Table:
    """Share of agenda items the learner raised (seed 003 'growing self-direction')."""
    months = _months(programme.starts_on, min(today, programme.ends_on))
    # The member who raised the item, if they are a learner in the same relationship:
    # a conditional LEFT JOIN, so totals, learners' items and relationships come from
    # one scan instead of a subquery per item.
    # Not the items of a deleted conversation (the join bypasses its manager).
    items = AgendaItem.objects.filter(
        conversation__relationship__programme=programme, conversation__deleted_at__isnull=True
    ).annotate(
        learner=FilteredRelation(
            "conversation__relationship__members",
            condition=Q(conversation__relationship__members__user=F("raised_by"))
            & Q(conversation__relationship__members__role__in=LEARNING_ROLES),
        )
    )
    figures = items.aggregate(
        **{
            f"{kind}{key}": aggregate
            for key, count in _per_month("conversation__starts_at", months).items()
            for kind, aggregate in (
                ("total_", count),
                ("learner_", Count("pk", filter=count.filter & Q(learner__isnull=False))),
                (
                    "relationships_",
                    Count("conversation__relationship", distinct=True, filter=count.filter),
                ),
            )
        }
    )
    by_month = _learner_shares_by_month(programme)
    totals = {key: figures[f"total_{key}"] for key in (f"m{i}" for i in range(len(months)))}
    by_learner = {key: figures[f"learner_{key}"] for key in totals}
    relationships = {key: figures[f"relationships_{key}"] for key in totals}
    rows = tuple(
        Row(
            month.strftime("%B %Y"),
            (
                relationships[f"m{index}"],
                totals[f"m{index}"],
                by_learner[f"m{index}"],
                _as_percent(by_month.get(month)),
            ),
            relationships[f"m{index}"],
        )
        for index, month in enumerate(months)
        if totals[f"m{index}"]
    )
    return Table(
        "self-direction",
        "Agenda items raised by the learner",
        (
            "Month",
            "Relationships",
            "Agenda items",
            "Raised by a learner",
            "Learners' share against an equal share",
        ),
        rows,
        note=(
            "Each learner's share of their relationship's agenda items, against an equal "
            "share among its learners (so co-coaches who each raise half score 100%), "
            "averaged over learners. A rising share suggests learners are taking more charge "
            "of their learning."
        ),
    )


def _as_percent(score: int | None) -> str:
    return "None" if score is None else f"{score}%"


def _learner_shares_by_month(programme: Programme) -> dict[dt.date, int | None]:
    """Each month's self-direction (evaluation.self_direction): one grouped query for the
    items each member raised in each relationship, one for who the learners are."""
    raised = (
        AgendaItem.objects.filter(
            conversation__relationship__programme=programme,
            conversation__deleted_at__isnull=True,
        )
        .annotate(month=TruncMonth("conversation__starts_at"))
        .values("month", "conversation__relationship", "raised_by")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("month", "conversation__relationship", "raised_by", "n")
    )
    rows: dict[dt.date, list[tuple[int, int, int]]] = defaultdict(list)
    for month, relationship, person, count in raised:
        day = month.date() if isinstance(month, dt.datetime) else month
        rows[day.replace(day=1)].append((relationship, person, count))
    learners = list(
        RelationshipMember.objects.filter(
            relationship__programme=programme, role__in=LEARNING_ROLES
        ).values_list("relationship", "user")
    )
    return {month: self_direction(counts, learners).score for month, counts in rows.items()}
