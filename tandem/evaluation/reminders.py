""" "Surveys owed" for the daily reminder job in tandem.relationships.reminders.

Emails carry the survey's title and dates only. Sent at most weekly per survey.
"""

import datetime as dt

from django.utils import timezone

from tandem.accounts.models import User
from tandem.evaluation.models import Survey, SurveyResponse
from tandem.evaluation.selectors import LEARNING, SUPPORTING, current_round
from tandem.organisations.models import Membership
from tandem.relationships import reminders


def surveys_owed_everyone(now: dt.datetime) -> list[tuple[User, Survey]]:
    """Every (person, survey) pair still owed among surveys open today."""
    today = timezone.localdate(now)
    owed = []
    surveys = Survey.objects.filter(opens_on__lte=today, closes_on__gte=today).select_related(
        "programme"
    )
    for survey in surveys:
        answered = set(
            SurveyResponse.objects.filter(
                survey=survey, round=current_round(survey, today)
            ).values_list("respondent_id", flat=True)
        )
        for user in _audience(survey):
            if user.pk not in answered:
                owed.append((user, survey))
    return owed


def _audience(survey: Survey) -> list[User]:
    if survey.audience == Survey.Audience.LEADERS:
        return list(
            User.objects.filter(
                memberships__in=Membership.objects.current().filter(
                    access=Membership.Access.LEADER,
                    organisation__programmes=survey.programme_id,
                )
            ).distinct()
        )
    roles: dict[str, set[str]] = {
        Survey.Audience.MENTEES: LEARNING,
        Survey.Audience.MENTORS: SUPPORTING,
    }
    wanted = roles.get(survey.audience, LEARNING | SUPPORTING)
    return list(
        User.objects.filter(
            relationship_members__relationship__programme=survey.programme_id,
            relationship_members__role__in=wanted,
        )
        .exclude(relationship_members__relationship__status="proposed")
        .distinct()
    )


def message(target: object, base: str) -> tuple[str, str]:
    survey = target
    assert isinstance(survey, Survey)  # noqa: S101 - the registry passes what collect returned
    body = (
        f"Please answer “{survey.title}” for {survey.programme.name} by "
        f"{survey.closes_on:%-d %B}. It takes a few minutes; the programme team sees "
        "answers without names."
    )
    return "A survey is waiting for you", f"{body}\n\n{base}/evaluation/surveys/{survey.uuid}/"


def register() -> None:
    reminders.register_source(
        "survey",
        surveys_owed_everyone,
        message,
        naming=reminders.ReminderKind(
            "Surveys waiting for my answers", "Surveys to answer", "a survey", "surveys"
        ),
    )
