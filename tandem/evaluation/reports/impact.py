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
    Sum,
    When,
)

from tandem.evaluation import stats
from tandem.evaluation.models import Answer, Survey
from tandem.evaluation.tables import (
    NOT_COMPUTABLE,
    Row,
    Table,
    fmt,
    format_p,
    interval,
)
from tandem.framework import keys
from tandem.people.models import MentorTrainingRecord
from tandem.programmes.models import Programme
from tandem.relationships.models import Conversation, RelationshipMember

ROLE_LABELS = {"mentee": "Mentees", "mentor": "Mentors"}
ADJUSTED_P = "p-value adjusted for every test in the report"
STATISTIC_COLUMNS = (
    "People",
    "Statistic",
    "95% interval",
    "p-value",
    ADJUSTED_P,
    "What it does and does not show",
)
P_VALUES = "p_values"  # Table.extra: row index → p-value, adjusted across the report


def _impact_pairs(programme: Programme) -> list[tuple[str, str, int, float, float]]:
    """(role, impact key, respondent, baseline, end) per respondent and item: paired in
    SQL."""
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
        .values_list(
            "response__role", "question__framework_key", "response__respondent", "before", "after"
        )
        .order_by("response__role", "question__framework_key", "response__respondent")
    )


def _grouped_changes(
    programme: Programme,
) -> dict[tuple[str, str], tuple[list[int], list[float], list[float]]]:
    """(role, impact key) → (respondents, baselines, ends), in respondent order."""
    grouped: dict[tuple[str, str], tuple[list[int], list[float], list[float]]] = defaultdict(
        lambda: ([], [], [])
    )
    for role, key, respondent, before, after in _impact_pairs(programme):
        people, baselines, ends = grouped[(role, key)]
        people.append(respondent)
        baselines.append(before)
        ends.append(after)
    return grouped


def impact_table(programme: Programme, titles: dict[str, str]) -> Table:
    rows: list[Row] = []
    p_values: dict[int, float] = {}
    for (role, key), (_people, baselines, ends) in sorted(_grouped_changes(programme).items()):
        result = stats.paired_change(baselines, ends)
        label = f"{titles.get(key, key)} ({ROLE_LABELS.get(role, role)})"
        if result.p_value is not None:
            p_values[len(rows)] = result.p_value
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
                    format_p(result.p_value),
                    NOT_COMPUTABLE,  # filled in across the report (reports.multiple_tests)
                    result.reason,
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
            "p-value",
            ADJUSTED_P,
            "Why a figure is missing",
        ),
        tuple(rows),
        note="Ratings 1 to 5. Each person's end rating is paired with their own baseline. "
        "The interval and p-value are from the paired t-test; d_z is the mean change divided "
        "by the spread of the changes (about 0.2 small, 0.5 medium, 0.8 large).",
        caution="People who answered both surveys may differ from those who did not, and "
        "there is no comparison group: a change shows what happened, not that mentoring "
        "caused it.",
        extra={P_VALUES: p_values},
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
    rows: list[tuple[Row, float | None]] = [
        _meetings_and_helpfulness(programme),
        _trained_mentors(programme),
        _choice_and_value(programme),
    ]
    return Table(
        "associations",
        "Associations like those in the NFER review",
        (
            "Association",
            *STATISTIC_COLUMNS,
        ),
        tuple(row for row, _p_value in rows),
        note="Spearman's rho with a Fisher z interval; group differences as Welch's "
        "difference in means with its interval and Welch's t-test (the same test, so the "
        "interval leaves out 0 exactly when p < 0.05), and the rank-biserial correlation. "
        "Each association is suppressed when any group has fewer than 5 people.",
        extra={P_VALUES: {i: p for i, (_row, p) in enumerate(rows) if p is not None}},
    )


def _meetings_and_helpfulness(programme: Programme) -> tuple[Row, float | None]:
    helpfulness = _learner_scores(programme, "helpfulness")
    people = sorted(helpfulness)
    dose = _dose(programme, people)
    result = stats.spearman(
        [dose.get(person, (0, 0))[0] for person in people], [helpfulness[p] for p in people]
    )
    caution = (
        "Shows whether people who met more often rated mentoring as more helpful. It does "
        "not show that meeting more caused it: keener pairs may both meet more and rate higher."
    )
    label = "Meetings held and how helpful mentees rated mentoring"
    return _correlation_row(label, result, caution), result.p_value


def _correlation_row(label: str, result: stats.Correlation, caution: str) -> Row:
    if result.rho is None:
        statistic = f"{NOT_COMPUTABLE}: {result.reason}"
    else:
        statistic = f"rho = {fmt(result.rho)}" + (f" ({result.reason})" if result.reason else "")
    return Row(
        label,
        (
            result.n,
            statistic,
            interval(result.ci_low, result.ci_high),
            format_p(result.p_value),
            NOT_COMPUTABLE,  # filled in across the report (reports.multiple_tests)
            caution,
        ),
        result.n,
    )


def _dose(programme: Programme, people: list[int]) -> dict[int, tuple[int, float]]:
    """Each person's meetings held and contact hours over their relationships in the
    programme, in whatever role (one query)."""
    # A join bypasses Conversation's manager: a deleted conversation must not count.
    held = Q(
        relationship__conversations__status=Conversation.Status.HELD,
        relationship__conversations__deleted_at__isnull=True,
    )
    return {
        user: (meetings, (minutes or 0) / 60)
        for user, meetings, minutes in RelationshipMember.objects.filter(
            relationship__programme=programme, user__in=people
        )
        .values("user")
        .annotate(
            meetings=Count("relationship__conversations", filter=held),
            minutes=Sum("relationship__conversations__duration_minutes", filter=held),
        )
        .values_list("user", "meetings", "minutes")
    }


def dose_response_table(programme: Programme, titles: dict[str, str]) -> Table:
    """Meetings held and contact time against each person's change in each impact rating
    (seed 002: the NFER review relates the amount of mentoring to its outcomes)."""
    grouped = _grouped_changes(programme)
    everyone = sorted({person for people, _b, _e in grouped.values() for person in people})
    dose = _dose(programme, everyone)
    rows: list[Row] = []
    p_values: dict[int, float] = {}
    caution = (
        "Shows whether people who had more mentoring changed more. It does not show that "
        "the mentoring caused the change: people who gain most may also make more time."
    )
    for (role, key), (people, baselines, ends) in sorted(grouped.items()):
        changes = [end - before for before, end in zip(baselines, ends, strict=True)]
        who = f"{titles.get(key, key)} ({ROLE_LABELS.get(role, role)})"
        for index, measure in ((0, "Meetings held"), (1, "Contact hours")):
            amounts = [dose.get(person, (0, 0.0))[index] for person in people]
            result = stats.spearman(amounts, changes)
            if result.p_value is not None:
                p_values[len(rows)] = result.p_value
            rows.append(_correlation_row(f"{measure} and change in {who}", result, caution))
    return Table(
        "dose-response",
        "Dose–response: meetings and contact time against each impact outcome",
        (
            "Amount of mentoring and outcome (who)",
            *STATISTIC_COLUMNS,
        ),
        tuple(rows),
        note="Spearman's rho between each person's meetings held (or hours of meetings) "
        "over their relationships in the programme and their change between baseline and "
        "end, with a Fisher z interval. Rows about fewer than 5 people are suppressed.",
        extra={P_VALUES: p_values},
    )


def _trained_mentors(programme: Programme) -> tuple[Row, float | None]:
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


def _choice_and_value(programme: Programme) -> tuple[Row, float | None]:
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


def _two_groups(
    label: str, first: list[float], second: list[float], caution: str
) -> tuple[Row, float | None]:
    smaller = min(len(first), len(second))
    result = stats.compare_groups(first, second)
    people = f"{len(first)} and {len(second)}"
    if result.mean_difference is None:
        statistic = f"{NOT_COMPUTABLE}: {result.reason}"
    else:
        statistic = (
            f"difference in means = {fmt(result.mean_difference)}; "
            f"rank-biserial r = {fmt(result.rank_biserial)}"
        )
        if result.reason:
            statistic += f" ({result.reason})"
    row = Row(
        label,
        (
            people,
            statistic,
            interval(result.ci_low, result.ci_high),
            format_p(result.p_value),
            NOT_COMPUTABLE,
            caution,
        ),
        smaller,
    )
    return row, result.p_value
