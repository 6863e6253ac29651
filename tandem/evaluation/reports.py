"""The programme report: engagement, impact, associations and self-direction, as tables.

Every table goes through `suppress_small_groups` before it leaves this module, so pages,
CSV and PDF show the same figures with the same suppression. Aggregates run in SQL;
only per-respondent pairs (for the statistics) come back as rows. Queries: engagement
relationships; meetings by month; agenda items by month; impact pairs; helpfulness and
meetings; trained mentors' change; choice and value; check-ins by round.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    FilteredRelation,
    FloatField,
    Max,
    Q,
    When,
)
from django.utils import timezone

from tandem.evaluation import stats
from tandem.evaluation.models import Answer, Survey
from tandem.evaluation.tables import (
    Row,
    Table,
    fmt,
    interval,
    percent,
    suppress_small_groups,
)
from tandem.framework import keys
from tandem.framework.models import FrameworkItem
from tandem.organisations.models import Membership
from tandem.people.models import MentorTrainingRecord
from tandem.programmes.models import Programme
from tandem.relationships.models import AgendaItem, Conversation, Relationship, RelationshipMember
from tandem.relationships.models.relationship import LEARNING_ROLES

MAX_MONTHS = 36
ROLE_LABELS = {"mentee": "Mentees", "mentor": "Mentors"}


@dataclass(frozen=True)
class Report:
    programme: Programme
    engagement: Table
    self_direction: Table
    impact: Table
    associations: Table
    check_ins: Table
    engagement_by_organisation: Table

    @property
    def tables(self) -> list[Table]:
        return [
            self.engagement,
            self.self_direction,
            self.impact,
            self.associations,
            self.check_ins,
            self.engagement_by_organisation,
        ]

    def table(self, key: str) -> Table | None:
        return next((table for table in self.tables if table.key == key), None)


def build_report(programme: Programme, today: dt.date | None = None) -> Report:
    today = today or timezone.localdate()
    titles = dict(FrameworkItem.objects.filter(kind=keys.Kind.IMPACT).values_list("key", "title"))
    return Report(
        programme=programme,
        engagement=suppress_small_groups(engagement_by_month(programme, today)),
        self_direction=suppress_small_groups(self_direction_by_month(programme, today)),
        impact=suppress_small_groups(impact_table(programme, titles)),
        associations=suppress_small_groups(associations_table(programme)),
        check_ins=suppress_small_groups(check_in_table(programme)),
        engagement_by_organisation=suppress_small_groups(
            engagement_by_organisation(programme, today)
        ),
    )


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
    for index, month in enumerate(months):
        first, last = month.toordinal(), _month_end(month).toordinal()
        overlap = np.clip(np.minimum(ends, last) - np.maximum(starts, first) + 1, 0, None)
        active = int((overlap > 0).sum())
        planned = float(overlap.sum()) / programme.meeting_every_days
        num_held = held[f"m{index}"]
        rows.append(
            Row(
                month.strftime("%B %Y"),
                (active, num_held, round(planned), percent(num_held, planned)),
                active,
            )
        )
    return Table(
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
    return Table(
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
    items = AgendaItem.objects.filter(conversation__relationship__programme=programme).annotate(
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
                percent(by_learner[f"m{index}"], totals[f"m{index}"]),
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
            "Raised by the learner",
            "Share raised by the learner",
        ),
        rows,
        note="A rising share suggests learners are taking more charge of their learning.",
    )


def _impact_pairs(programme: Programme) -> list[tuple[str, str, float, float]]:
    """(role, impact key, baseline, end) per respondent and item: paired in SQL."""
    answers = Answer.objects.filter(
        response__survey__programme=programme,
        response__survey__purpose__in=[Survey.Purpose.BASELINE, Survey.Purpose.END],
        question__framework_kind=keys.Kind.IMPACT,
        number__isnull=False,
    )
    return list(
        answers.values("response__role", "question__framework_key", "response__respondent")
        .annotate(
            before=Max(
                Case(
                    When(response__survey__purpose="baseline", then=F("number")),
                    output_field=FloatField(),
                )
            ),
            after=Max(
                Case(
                    When(response__survey__purpose="end", then=F("number")),
                    output_field=FloatField(),
                )
            ),
        )
        .filter(before__isnull=False, after__isnull=False)
        .values_list("response__role", "question__framework_key", "before", "after")
    )


def impact_table(programme: Programme, titles: dict[str, str]) -> Table:
    grouped: dict[tuple[str, str], tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    for role, key, before, after in _impact_pairs(programme):
        grouped[(role, key)][0].append(before)
        grouped[(role, key)][1].append(after)
    rows = []
    for (role, key), (baselines, ends) in sorted(grouped.items()):
        result = stats.paired_change(baselines, ends)
        label = f"{titles.get(key, key)} ({ROLE_LABELS.get(role, role)})"
        if result is None:
            rows.append(Row(label, ("", "", "", "", "", ""), len(baselines)))
            continue
        rows.append(
            Row(
                label,
                (
                    result.n,
                    fmt(result.mean_before),
                    fmt(result.mean_after),
                    fmt(result.mean_difference),
                    interval(result.ci_low, result.ci_high),
                    fmt(result.d_z),
                ),
                result.n,
            )
        )
    return Table(
        "impact",
        "Impact: baseline against end of programme",
        (
            "Impact category (who)",
            "People",
            "Baseline mean",
            "End mean",
            "Mean change",
            "95% interval",
            "Effect size d_z",
        ),
        tuple(rows),
        note="Ratings 1 to 5. Each person's end rating is paired with their own baseline. "
        "The interval is a paired t interval; d_z is the mean change divided by the spread "
        "of the changes (about 0.2 small, 0.5 medium, 0.8 large).",
        caution="People who answered both surveys may differ from those who did not, and "
        "there is no comparison group: a change shows what happened, not that mentoring "
        "caused it.",
    )


def _learner_scores(programme: Programme, key: str) -> dict[int, float]:
    rows = Answer.objects.filter(
        response__survey__programme=programme,
        response__survey__purpose=Survey.Purpose.END,
        response__role="mentee",
        question__key=key,
        number__isnull=False,
    ).values_list("response__respondent", "number")
    return {respondent: number for respondent, number in rows if number is not None}


def associations_table(programme: Programme) -> Table:
    rows = [
        _meetings_and_helpfulness(programme),
        _trained_mentors(programme),
        _choice_and_value(programme),
    ]
    return Table(
        "associations",
        "Associations like those in the NFER review",
        (
            "Association",
            "People",
            "Statistic",
            "95% interval",
            "p-value",
            "What it does and does not show",
        ),
        tuple(rows),
        note="Spearman's rho with a Fisher z interval; group differences as Welch's "
        "difference in means with its interval and a Mann–Whitney test. Each association "
        "is suppressed when any group has fewer than 5 people.",
    )


def _meetings_and_helpfulness(programme: Programme) -> Row:
    helpfulness = _learner_scores(programme, "helpfulness")
    held = dict(
        RelationshipMember.objects.filter(
            relationship__programme=programme,
            role__in=LEARNING_ROLES,
            user__in=list(helpfulness),
        )
        .values("user")
        .annotate(
            n=Count(
                "relationship__conversations",
                filter=Q(relationship__conversations__status=Conversation.Status.HELD),
            )
        )
        .values_list("user", "n")
    )
    people = sorted(helpfulness)
    result = stats.spearman(
        [held.get(person, 0) for person in people], [helpfulness[p] for p in people]
    )
    caution = (
        "Shows whether people who met more often rated mentoring as more helpful. It does "
        "not show that meeting more caused it: keener pairs may both meet more and rate higher."
    )
    label = "Meetings held and how helpful mentees rated mentoring"
    if result is None:
        return Row(label, (len(people), "Not enough data", "", "", caution), len(people))
    return Row(
        label,
        (
            result.n,
            f"rho = {result.rho:.2f}",
            interval(result.ci_low, result.ci_high),
            f"{result.p_value:.3f}",
            caution,
        ),
        result.n,
    )


def _trained_mentors(programme: Programme) -> Row:
    pairs = [
        (respondent, after - before) for respondent, before, after in _mentor_changes(programme)
    ]
    trained = set(
        MentorTrainingRecord.objects.filter(
            profile__user__in=[respondent for respondent, _change in pairs]
        ).values_list("profile__user", flat=True)
    )
    with_training = [change for respondent, change in pairs if respondent in trained]
    without = [change for respondent, change in pairs if respondent not in trained]
    return _two_groups(
        "Trained against untrained mentors: change in their own impact ratings",
        with_training,
        without,
        "Shows whether mentors with recorded training gained more. Mentors who chose "
        "training may differ in other ways; it does not show that training caused the gain.",
    )


def _mentor_changes(programme: Programme) -> list[tuple[int, float, float]]:
    """Each mentor's mean baseline and end rating over the impact items they answered."""
    return list(
        Answer.objects.filter(
            response__survey__programme=programme,
            response__survey__purpose__in=[Survey.Purpose.BASELINE, Survey.Purpose.END],
            response__role="mentor",
            question__framework_kind=keys.Kind.IMPACT,
            number__isnull=False,
        )
        .values("response__respondent")
        .annotate(
            before=_mean_for("baseline"),
            after=_mean_for("end"),
        )
        .filter(before__isnull=False, after__isnull=False)
        .values_list("response__respondent", "before", "after")
    )


def _mean_for(purpose: str) -> Avg:
    return Avg(
        Case(When(response__survey__purpose=purpose, then=F("number")), output_field=FloatField())
    )


def _choice_and_value(programme: Programme) -> Row:
    value = _learner_scores(programme, "value")
    chose = dict(
        Answer.objects.filter(
            response__survey__programme=programme,
            response__survey__purpose=Survey.Purpose.END,
            response__role="mentee",
            question__key="chose-mentor",
        ).values_list("response__respondent", "choices")
    )
    involved = [value[p] for p in value if chose.get(p) == ["Yes"]]
    not_involved = [value[p] for p in value if chose.get(p) == ["No"]]
    return _two_groups(
        "Mentees involved in choosing their mentor against those not: perceived value",
        involved,
        not_involved,
        "Shows whether mentees who chose their mentor valued mentoring more. Choosing may "
        "go with other advantages; it does not show that choice itself made the difference.",
    )


def _two_groups(label: str, first: list[float], second: list[float], caution: str) -> Row:
    smaller = min(len(first), len(second))
    result = stats.compare_groups(first, second)
    people = f"{len(first)} and {len(second)}"
    if result is None:
        return Row(label, (people, "Not enough data", "", "", caution), smaller)
    return Row(
        label,
        (
            people,
            (
                f"difference in means = {result.mean_difference:.2f}; "
                f"rank-biserial r = {result.rank_biserial:.2f}"
            ),
            interval(result.ci_low, result.ci_high),
            f"{result.p_value:.3f}",
            caution,
        ),
        smaller,
    )


def check_in_table(programme: Programme) -> Table:
    rounds = (
        Answer.objects.filter(
            response__survey__programme=programme,
            response__survey__purpose=Survey.Purpose.CHECK_IN,
            number__isnull=False,
        )
        .values("response__round")
        .annotate(
            people=Count("response__respondent", distinct=True),
            **{
                key.replace("-", "_"): _avg_for(key)
                for key in ("trust", "support", "challenge", "reflection", "two-way")
            },
        )
        .order_by("response__round")
    )
    rows = tuple(
        Row(
            f"Round {row['response__round'] + 1}",
            (
                row["people"],
                *(
                    fmt(row[key])  # type: ignore[misc]
                    for key in ("trust", "support", "challenge", "reflection", "two_way")
                ),
            ),
            row["people"],
        )
        for row in rounds
    )
    return Table(
        "check-ins",
        "Relationship check-ins: mean scores by round",
        ("Round", "People", "Trust", "Support", "Challenge", "Reflection", "Two-way learning"),
        rows,
        note="Ratings 1 to 5 (seed 002 §4.4.1: a reflective, reciprocal relationship).",
    )


def _avg_for(key: str) -> Avg:
    return Avg("number", filter=Q(question__key=key))
