"""Reads for surveys: who owes what, and a survey's results as suppressed tables."""

import datetime as dt
import random
from collections import Counter

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from tandem.accounts.models import User
from tandem.evaluation.models import Answer, Question, Survey, SurveyResponse
from tandem.evaluation.tables import (
    Row,
    Table,
    fmt,
    is_small_group,
    percent,
    suppress_small_groups,
)
from tandem.organisations.models import Membership
from tandem.programmes.models import Programme
from tandem.relationships.models import Relationship, RelationshipMember
from tandem.relationships.models.relationship import LEARNING_ROLES, SUPPORTING_ROLES

LEARNING = {str(role) for role in LEARNING_ROLES}
SUPPORTING = {str(role) for role in SUPPORTING_ROLES}


def current_round(survey: Survey, today: dt.date) -> int:
    if survey.stage != Survey.Stage.RECURRING or not survey.every_weeks:
        return 0
    return max(0, (today - survey.opens_on).days // (7 * survey.every_weeks))


def _member_role(roles: set[str], survey: Survey) -> str | None:
    if survey.audience in {Survey.Audience.MENTEES, Survey.Audience.PARTICIPANTS} and (
        roles & LEARNING
    ):
        return "mentee"
    if survey.audience in {Survey.Audience.MENTORS, Survey.Audience.PARTICIPANTS} and (
        roles & SUPPORTING
    ):
        return "mentor"
    return None


def _participations(user: User) -> QuerySet[RelationshipMember]:
    return RelationshipMember.objects.filter(user=user).exclude(
        relationship__status=Relationship.Status.PROPOSED
    )


def audience_role(user: User, survey: Survey) -> str | None:
    """The role the user answers in (mentee, mentor or leader), or None if not asked."""
    if survey.audience == Survey.Audience.LEADERS:
        is_leader = (
            Membership.objects.current()
            .filter(
                user=user,
                access=Membership.Access.LEADER,
                organisation__programmes=survey.programme_id,
            )
            .exists()
        )
        return "leader" if is_leader else None
    roles = set(
        _participations(user)
        .filter(relationship__programme=survey.programme_id)
        .values_list("role", flat=True)
    )
    return _member_role(roles, survey)


def relationship_for(user: User, survey: Survey) -> Relationship | None:
    member = (
        _participations(user)
        .filter(relationship__programme=survey.programme_id)
        .select_related("relationship")
        .order_by("relationship__status", "-relationship__created_at")
        .first()
    )
    return member.relationship if member else None


def surveys_owed(user: User, today: dt.date | None = None) -> list[dict]:
    """Open surveys the user is asked to answer and has not answered this round.
    Queries: participations; led programmes; open surveys; the user's responses."""
    today = today or timezone.localdate()
    roles_by_programme: dict[int, set[str]] = {}
    for programme_id, member_role in _participations(user).values_list(
        "relationship__programme", "role"
    ):
        roles_by_programme.setdefault(programme_id, set()).add(member_role)
    led = set(
        Membership.objects.current()
        .filter(user=user, access=Membership.Access.LEADER)
        .values_list("organisation__programmes", flat=True)
    ) - {None}
    if not roles_by_programme and not led:
        return []
    surveys = list(
        Survey.objects.filter(opens_on__lte=today, closes_on__gte=today)
        .filter(
            Q(programme__in=roles_by_programme)
            | Q(programme__in=led, audience=Survey.Audience.LEADERS)
        )
        .select_related("programme")
        .order_by("closes_on")
    )
    if not surveys:
        return []
    answered = set(
        SurveyResponse.objects.filter(respondent=user, survey__in=surveys).values_list(
            "survey_id", "round"
        )
    )
    owed = []
    for survey in surveys:
        role: str | None
        if survey.audience == Survey.Audience.LEADERS:
            role = "leader" if survey.programme_id in led else None
        else:
            role = _member_role(roles_by_programme.get(survey.programme_id, set()), survey)
        this_round = current_round(survey, today)
        if role is not None and (survey.pk, this_round) not in answered:
            owed.append({"survey": survey, "role": role, "round": this_round})
    return owed


def survey_owed_to(user: User, survey: Survey, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    if not survey.opens_on <= today <= survey.closes_on:
        return False
    return not SurveyResponse.objects.filter(
        survey=survey, respondent=user, round=current_round(survey, today)
    ).exists()


def survey_summary(programme_id: int) -> QuerySet[Survey]:
    """A programme's surveys with their response counts (one query)."""
    return Survey.objects.filter(programme=programme_id).annotate(
        num_responses=Count("responses", distinct=True),
        num_respondents=Count("responses__respondent", distinct=True),
    )


def survey_results(survey: Survey, *, seed: int | None = None) -> list[Table]:
    """One suppressed table per question; free text only when 5 or more people answered,
    without names and in shuffled order. Queries: questions; numeric stats; answers."""
    questions = list(survey.questions.all())
    numeric = {
        row["question"]: row
        for row in Answer.objects.filter(response__survey=survey, number__isnull=False)
        .values("question")
        .annotate(n=Count("pk"), mean=Avg("number"))
    }
    by_question: dict[int, list[Answer]] = {question.pk: [] for question in questions}
    for answer in Answer.objects.filter(response__survey=survey).only(
        "question_id", "number", "text", "choices"
    ):
        by_question[answer.question_id].append(answer)
    shuffle = random.Random(seed)  # noqa: S311 - ordering only, not security
    return [
        suppress_small_groups(_question_table(question, by_question[question.pk], numeric, shuffle))
        for question in questions
    ]


def _question_table(
    question: Question, answers: list[Answer], numeric: dict, shuffle: random.Random
) -> Table:
    key = f"question-{question.position}"
    if question.kind in {Question.Kind.LIKERT, Question.Kind.NUMBER}:
        stats = numeric.get(question.pk, {"n": 0, "mean": None})
        n = stats["n"]
        if question.kind == Question.Kind.LIKERT:
            counts = Counter(int(answer.number) for answer in answers if answer.number is not None)
            rows = [
                Row(f"{level}", (counts[level], percent(counts[level], n)), n)
                for level in range(1, 6)
            ]
            rows.append(Row("Mean (1 to 5)", (fmt(stats["mean"]), ""), n))
            return Table(key, question.text, ("Answer", "People", "Share"), tuple(rows))
        return Table(
            key, question.text, ("Figure", "Value"), (Row("Mean", (fmt(stats["mean"]),), n),)
        )
    if question.kind in {Question.Kind.SINGLE, Question.Kind.MULTIPLE}:
        counts = Counter(choice for answer in answers for choice in answer.choices)
        n = sum(1 for answer in answers if answer.choices)
        choice_rows = tuple(
            Row(choice, (counts[choice], percent(counts[choice], n)), n)
            for choice in question.choices
        )
        return Table(key, question.text, ("Answer", "People", "Share"), choice_rows)
    texts = [answer.text for answer in answers if answer.text.strip()]
    shuffle.shuffle(texts)
    note = "Comments are shown without names, in random order, once 5 or more people answer."
    if is_small_group(len(texts)):
        return Table(
            key, question.text, ("Comment",), (Row("Comments", ("",), len(texts)),), note=note
        )
    return Table(
        key,
        question.text,
        ("Comment",),
        tuple(Row(text, (), len(texts)) for text in texts),
        note=note,
    )


def programmes_to_evaluate(user: User) -> QuerySet[Programme]:
    """Programmes the user coordinates or whose organisation they lead, flagged with
    `is_coordinated` (one query), for the home page's links to health checks and reports."""
    led = (
        Membership.objects.current()
        .filter(user=user, access=Membership.Access.LEADER)
        .values("organisation")
    )
    return (
        # Leaders cannot see a programme still being set up (programmes.policy).
        Programme.objects.filter(
            Q(coordinators=user) | (Q(organisations__in=led) & ~Q(status=Programme.Status.DRAFT))
        )
        .annotate(is_coordinated=Count("coordinators", filter=Q(coordinators=user), distinct=True))
        .order_by("-starts_on", "name")
        .distinct()
    )
