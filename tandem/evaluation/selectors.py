"""Reads for surveys: who owes what, and a survey's results as suppressed tables."""

import datetime as dt
import random
from collections import Counter, defaultdict

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


def survey_counts(survey: Survey) -> dict[str, int]:
    """How many distinct people answered and over how many rounds (one query)."""
    return SurveyResponse.objects.filter(survey=survey).aggregate(
        num_people=Count("respondent", distinct=True), num_rounds=Count("round", distinct=True)
    )


def survey_results(survey: Survey, *, seed: int | None = None) -> list[Table]:
    """One suppressed table per question, counted in SQL over distinct people: a recurring
    check-in answered by the same 2 people in 3 rounds is about 2 people, not 6. Free text
    only when 5 or more people wrote some, without names and in shuffled order.
    Queries: questions, then _answer_counts's, choice counts (if any choice question) and
    comments (if any text question has 5 or more people)."""
    questions = list(survey.questions.all())
    if not questions:
        return []
    answers = Answer.objects.filter(question__in=[question.pk for question in questions])
    counts = _answer_counts(survey, questions)
    choice_ids = [
        q.pk for q in questions if q.kind in {Question.Kind.SINGLE, Question.Kind.MULTIPLE}
    ]
    choice_counts: dict[int, Counter[str]] = defaultdict(Counter)
    if choice_ids:
        # Grouped by the stored list: at most one row per combination a question allows.
        for question_id, chosen, num in (
            answers.filter(question__in=choice_ids)
            .values("question", "choices")
            .annotate(num=Count("pk"))
            .values_list("question", "choices", "num")
        ):
            for choice in chosen or []:
                choice_counts[question_id][choice] += num
    text_ids = [
        q.pk
        for q in questions
        if q.kind == Question.Kind.TEXT
        and not is_small_group(counts.get(q.pk, {}).get("people", 0))
    ]
    comments: dict[int, list[str]] = defaultdict(list)
    if text_ids:
        for question_id, text in (
            answers.filter(question__in=text_ids)
            .exclude(text="")
            .values_list("question", "text")
            .order_by("pk")
        ):
            if text.strip():
                comments[question_id].append(text)
    shuffle = random.Random(seed)  # noqa: S311 - ordering only, not security
    is_recurring = survey.stage == Survey.Stage.RECURRING
    return [
        suppress_small_groups(
            _question_table(
                question,
                counts.get(question.pk, {"people": 0, "num_answers": 0, "mean": None}),
                choice_counts[question.pk],
                comments[question.pk],
                shuffle,
                is_recurring=is_recurring,
            )
        )
        for question in questions
    ]


LIKERT_LEVELS = range(1, 6)
LEVEL_COUNTS = {f"level_{level}": Count("pk", filter=Q(number=level)) for level in LIKERT_LEVELS}
NUMERIC_KINDS = {Question.Kind.LIKERT, Question.Kind.NUMBER}
ANSWERED_WITHOUT_NUMBER = (~Q(choices=[]) & ~Q(choices=None)) | ~Q(text="")


def _answer_counts(survey: Survey, questions: list[Question]) -> dict[int, dict]:
    """Per question: answers, mean, answers at each Likert level and distinct people.

    People: a response answers a question at most once (a unique constraint), so when a
    question has as many answers as the survey has responses, its people are the survey's
    respondents, counted on the responses' own index. Only questions that some responses
    skipped need the distinct count through the answers. Queries: responses; numeric
    answers (covered by the question-and-number index); other answers (if any); distinct
    people for the questions some skipped (if any)."""
    responses = SurveyResponse.objects.filter(survey=survey).aggregate(
        num=Count("pk"), people=Count("respondent", distinct=True)
    )
    numeric_ids = [question.pk for question in questions if question.kind in NUMERIC_KINDS]
    other_ids = [question.pk for question in questions if question.kind not in NUMERIC_KINDS]
    counts: dict[int, dict] = {}
    if numeric_ids:
        for numeric in (
            Answer.objects.filter(question__in=numeric_ids, number__isnull=False)
            .values("question")
            .annotate(
                num_answers=Count("pk"),
                mean=Avg("number"),
                **LEVEL_COUNTS,
            )
        ):
            counts[numeric["question"]] = {**numeric}
    if other_ids:
        for other in (
            Answer.objects.filter(ANSWERED_WITHOUT_NUMBER, question__in=other_ids)
            .values("question")
            .annotate(num_answers=Count("pk"))
        ):
            counts[other["question"]] = {**other, "mean": None}
    for figures in counts.values():
        figures["people"] = responses["people"]
    skipped = [pk for pk, figures in counts.items() if figures["num_answers"] != responses["num"]]
    if skipped:
        for question_id, people in (
            Answer.objects.filter(
                Q(number__isnull=False) | ANSWERED_WITHOUT_NUMBER, question__in=skipped
            )
            .values("question")
            .annotate(people=Count("response__respondent", distinct=True))
            .values_list("question", "people")
        ):
            counts[question_id]["people"] = people
    return counts


COMMENTS_NOTE = "Comments are shown without names, in random order, once 5 or more people answer."


def _question_table(
    question: Question,
    figures: dict,
    choice_counts: Counter[str],
    texts: list[str],
    shuffle: random.Random,
    *,
    is_recurring: bool,
) -> Table:
    """n on every row is the number of distinct people who answered the question; in a
    recurring survey the counts are answers over all rounds (a person may answer each round)."""
    key = f"question-{question.position}"
    people, num_answers = figures["people"], figures["num_answers"]
    counted = "Answers" if is_recurring else "People"
    note = (
        f"{people} {'person' if people == 1 else 'people'} answered; in a recurring survey "
        "each round's answer counts, so shares are of answers."
        if is_recurring
        else ""
    )
    if question.kind in {Question.Kind.LIKERT, Question.Kind.NUMBER}:
        if question.kind == Question.Kind.LIKERT:
            rows = [
                Row(
                    f"{level}",
                    (
                        figures.get(f"level_{level}", 0),
                        percent(figures.get(f"level_{level}", 0), num_answers),
                    ),
                    people,
                )
                for level in LIKERT_LEVELS
            ]
            rows.append(Row("Mean (1 to 5)", (fmt(figures["mean"]), ""), people))
            return Table(key, question.text, ("Answer", counted, "Share"), tuple(rows), note=note)
        return Table(
            key,
            question.text,
            ("Figure", "Value"),
            (Row("Mean", (fmt(figures["mean"]),), people),),
            note=note,
        )
    if question.kind in {Question.Kind.SINGLE, Question.Kind.MULTIPLE}:
        choice_rows = tuple(
            Row(
                choice, (choice_counts[choice], percent(choice_counts[choice], num_answers)), people
            )
            for choice in question.choices
        )
        return Table(key, question.text, ("Answer", counted, "Share"), choice_rows, note=note)
    if is_small_group(people):
        return Table(
            key, question.text, ("Comment",), (Row("Comments", ("",), people),), note=COMMENTS_NOTE
        )
    shuffle.shuffle(texts)
    return Table(
        key,
        question.text,
        ("Comment",),
        tuple(Row(text, (), people) for text in texts),
        note=COMMENTS_NOTE,
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
