"""Scheduling, owing, answering and reminding, end to end without a browser."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tandem.evaluation.models import Survey, SurveyResponse
from tandem.evaluation.selectors import surveys_owed
from tandem.evaluation.services import schedule_survey
from tandem.evaluation.tests.cast import add_surveys
from tandem.relationships.reminders import send_due_reminders


@pytest.mark.django_db
def test_coordinator_schedules_a_recurring_check_in(client, cast):
    client.force_login(cast["coordinator"])
    response = client.post(
        reverse("evaluation:survey-create", args=[cast["programme"].uuid]),
        {"template_key": "check-in", "stage": "recurring", "every_weeks": 3},
    )
    assert response.status_code == 302
    survey = Survey.objects.get(programme=cast["programme"])
    assert survey.every_weeks == 3
    assert [question.key for question in survey.questions.all()] == [
        "trust",
        "support",
        "challenge",
        "reflection",
        "two-way",
    ]


@pytest.mark.django_db
def test_a_recurring_survey_without_an_interval_is_explained(client, cast):
    client.force_login(cast["coordinator"])
    response = client.post(
        reverse("evaluation:survey-create", args=[cast["programme"].uuid]),
        {"template_key": "check-in", "stage": "recurring"},
    )
    assert response.status_code == 200
    assert "Say how many weeks apart" in response.content.decode()


@pytest.mark.django_db
def test_mentee_sees_what_they_owe_answers_it_and_it_is_gone(client, cast):
    surveys = add_surveys(cast)
    client.force_login(cast["mentee"])
    home = client.get(reverse("home")).content.decode()
    assert "Surveys to complete" in home
    assert surveys["mentee-baseline"].title in home
    survey = surveys["mentee-baseline"]
    data = {f"q{question.position}": "3" for question in survey.questions.all()}
    response = client.post(reverse("evaluation:survey-respond", args=[survey.uuid]), data)
    assert response.status_code == 302
    saved = SurveyResponse.objects.get(survey=survey)
    assert saved.respondent == cast["mentee"]
    assert saved.relationship == cast["relationship"]
    assert saved.answers.count() == 8
    assert survey not in [item["survey"] for item in surveys_owed(cast["mentee"])]
    again = client.post(reverse("evaluation:survey-respond", args=[survey.uuid]), data)
    assert again.status_code == 200
    assert SurveyResponse.objects.filter(survey=survey).count() == 1


@pytest.mark.django_db
def test_a_missing_answer_keeps_the_others(client, cast):
    survey = add_surveys(cast)["mentee-baseline"]
    client.force_login(cast["mentee"])
    data = {f"q{question.position}": "4" for question in survey.questions.all()}
    del data["q3"]
    response = client.post(reverse("evaluation:survey-respond", args=[survey.uuid]), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert body.count('value="4"') == 8
    assert body.count(" checked") == 7  # every answer given is still selected


@pytest.mark.django_db
def test_mentors_do_not_owe_a_mentee_survey(cast):
    add_surveys(cast)
    owed = [item["survey"].template_key for item in surveys_owed(cast["mentor"])]
    assert owed == ["check-in"]


@pytest.mark.django_db
def test_a_recurring_survey_is_owed_again_next_round(cast):
    survey = add_surveys(cast)["check-in"]
    SurveyResponse.objects.create(
        survey=survey,
        respondent=cast["mentee"],
        role="mentee",
        round=0,
        submitted_at=timezone.now(),
    )
    today = timezone.localdate()
    assert survey not in [item["survey"] for item in surveys_owed(cast["mentee"], today)]
    later = today + dt.timedelta(weeks=2)
    assert survey in [item["survey"] for item in surveys_owed(cast["mentee"], later)]


@pytest.mark.django_db
def test_reminders_include_surveys_owed_once_a_week(cast):
    schedule_survey(
        actor=cast["coordinator"],
        programme=cast["programme"],
        template_key="framework-awareness",
        stage="recurring",
        every_weeks=4,
    )
    send_due_reminders()
    survey_mail = [message for message in mail.outbox if "survey" in message.subject.lower()]
    assert {message.to[0] for message in survey_mail} == {
        cast["mentee"].email,
        cast["mentor"].email,
    }
    mail.outbox.clear()
    send_due_reminders()
    assert not [message for message in mail.outbox if "survey" in message.subject.lower()]
    with time_machine.travel(timezone.now() + dt.timedelta(days=7)):
        send_due_reminders()
    assert [message for message in mail.outbox if "survey" in message.subject.lower()]


@pytest.mark.django_db
def test_survey_templates_cite_their_source_by_title(client, cast):
    client.force_login(cast["coordinator"])
    page = client.get(
        reverse("evaluation:survey-create", args=[cast["programme"].uuid])
    ).content.decode()
    assert "a study of the research evidence (NFER, 2008), section 3.2" in page
    assert ".txt" not in page
    assert "§" not in page
