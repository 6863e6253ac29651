"""The workflow cast (tandem.testing.workflow) plus surveys for the evaluation tests."""

import datetime as dt

from django.utils import timezone

from tandem.evaluation.models import Survey
from tandem.evaluation.services import schedule_survey, submit_response
from tandem.testing.workflow import approve, pair, person


def add_surveys(cast: dict) -> dict:
    """Schedule a baseline, end and check-in survey open today for the cast's programme."""
    today = timezone.localdate()
    programme = cast["programme"]
    surveys = {}
    stages = (("mentee-baseline", "start"), ("mentee-end", "end"), ("check-in", "recurring"))
    for key, stage in stages:
        survey = schedule_survey(
            actor=cast["coordinator"],
            programme=programme,
            template_key=key,
            stage=stage,
            every_weeks=2 if stage == "recurring" else None,
            opens_on=today - dt.timedelta(days=1),
        )
        Survey.objects.filter(pk=survey.pk).update(closes_on=today + dt.timedelta(days=20))
        survey.refresh_from_db()
        surveys[key] = survey
    return surveys


def answer_all(survey: Survey, user: object, role: str, value: int, **extra: object) -> None:
    answers: dict[int, object] = {}
    for question in survey.questions.all():
        if question.kind == "likert":
            answers[question.pk] = extra.get(question.key, value)
        elif question.kind == "single":
            answers[question.pk] = extra.get(question.key, question.choices[0])
        elif question.kind == "text":
            answers[question.pk] = extra.get(question.key, "")
    submit_response(actor=user, survey=survey, role=role, answers=answers)


def more_pairs(cast: dict, count: int) -> list[tuple[object, object]]:
    """Extra mentor–mentee pairs in the cast's programme (for groups of 5 or more)."""
    people = []
    for index in range(count):
        mentor = person(cast["moorland"], f"Mentor {index}")
        mentee = person(cast["moorland"], f"Mentee {index}", career_stage="early-career")
        approve(cast["programme"], mentor, "mentor")
        approve(cast["programme"], mentee, "mentee")
        pair(cast["coordinator"], cast["programme"], mentor, mentee)
        people.append((mentor, mentee))
    return people


def open_check_in(cast: dict) -> Survey:
    """The cast's fortnightly check-in, left open for 60 days so tests can answer rounds."""
    survey = add_surveys(cast)["check-in"]
    Survey.objects.filter(pk=survey.pk).update(closes_on=timezone.localdate() + dt.timedelta(60))
    survey.refresh_from_db()
    return survey


def answer_rounds(
    survey: Survey,
    people: list,
    rounds: int,
    value: int | tuple[int, ...] = 4,
    first_round: int = 0,
) -> None:
    """Each person answers every question `value` (or `value[round]`) in each of `rounds`
    fortnightly rounds from `first_round`."""
    for index in range(rounds):
        answer = value[index] if isinstance(value, tuple) else value
        day = survey.opens_on + dt.timedelta(weeks=2 * (first_round + index))
        for user in people:
            submit_response(
                actor=user,
                survey=survey,
                role="mentee",
                answers={question.pk: answer for question in survey.questions.all()},
                today=day,
            )
