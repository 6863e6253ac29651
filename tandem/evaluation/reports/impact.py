"""Impact and associations: each person's change between baseline and end surveys, and the
associations the NFER review reports (meetings and helpfulness, trained mentors, choice)."""

from collections import defaultdict

from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    FloatField,
    Max,
    Q,
    When,
)

from tandem.evaluation import stats
from tandem.evaluation.models import Answer, Survey
from tandem.evaluation.tables import (
    Row,
    Table,
    fmt,
    interval,
)
from tandem.framework import keys
from tandem.people.models import MentorTrainingRecord
from tandem.programmes.models import Programme
from tandem.relationships.models import Conversation, RelationshipMember
from tandem.relationships.models.relationship import LEARNING_ROLES

ROLE_LABELS = {"mentee": "Mentees", "mentor": "Mentors"}


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
