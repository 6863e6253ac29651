"""Surveys, the caller's own responses and programme reports through the API."""

import pytest
from django.urls import reverse

from tandem.evaluation.models import Question
from tandem.evaluation.tables import SUPPRESSED
from tandem.evaluation.tests.cast import (
    add_surveys,
    answer_all,
    answer_rounds,
    more_pairs,
    open_check_in,
)


@pytest.fixture
def surveys(cast):
    return add_surveys(cast)


@pytest.mark.django_db
def test_a_response_is_visible_to_its_respondent_only(client, cast, surveys):
    answer_all(surveys["mentee-baseline"], cast["mentee"], "mentee", 4)
    client.force_login(cast["mentee"])
    [own] = client.get(reverse("api:survey-response-list")).json()["results"]
    assert own["survey"] == str(surveys["mentee-baseline"].uuid)
    assert {answer["number"] for answer in own["answers"] if answer["number"] is not None} == {4}
    client.force_login(cast["coordinator"])
    assert client.get(reverse("api:survey-response-list")).json()["results"] == []
    assert client.get(reverse("api:survey-response-detail", args=[own["uuid"]])).status_code == 404


@pytest.mark.django_db
def test_survey_detail_lists_its_questions(client, cast, surveys):
    client.force_login(cast["mentee"])
    survey = surveys["check-in"]
    body = client.get(reverse("api:survey-detail", args=[survey.uuid])).json()
    assert [question["key"] for question in body["questions"]] == list(
        survey.questions.order_by("position").values_list("key", flat=True)
    )


@pytest.mark.django_db
def test_a_question_keyed_to_no_framework_item_has_null_kind_and_key(client, cast, surveys):
    client.force_login(cast["mentee"])
    shown = {
        question["uuid"]: question
        for survey in client.get(reverse("api:survey-list")).json()["results"]
        for question in survey["questions"]
    }
    questions = Question.objects.filter(survey__in=surveys.values())
    assert len(shown) == questions.count()
    for question in questions:
        assert shown[str(question.uuid)]["framework_key"] == (question.framework_key or None)
        assert shown[str(question.uuid)]["framework_kind"] == (question.framework_kind or None)
    keys = [question["framework_key"] for question in shown.values()]
    assert None in keys
    assert any(keys)


@pytest.mark.django_db
def test_report_tables_suppress_groups_under_five(client, cast, surveys):
    for _mentor, mentee in more_pairs(cast, 3):
        answer_all(surveys["mentee-baseline"], mentee, "mentee", 2)
        answer_all(surveys["mentee-end"], mentee, "mentee", 4)
    client.force_login(cast["coordinator"])
    body = client.get(reverse("api:report-detail", args=[cast["programme"].uuid])).json()
    tables = {table["key"]: table for table in body["tables"]}
    assert set(tables) >= {"engagement", "impact", "engagement-by-organisation"}
    impact_values = [value for row in tables["impact"]["rows"] for value in row["values"]]
    assert "2.00" not in impact_values
    assert all(row["is_suppressed"] for row in tables["impact"]["rows"] if row["n"] < 5)
    assert SUPPRESSED in impact_values or not tables["impact"]["rows"]
    assert body["computed_at"] is not None


@pytest.mark.django_db
def test_report_list_names_only_programmes_the_caller_evaluates(client, cast):
    client.force_login(cast["mentee"])
    assert client.get(reverse("api:report-list")).json()["results"] == []
    client.force_login(cast["leader"])
    [report] = client.get(reverse("api:report-list")).json()["results"]
    assert report["uuid"] == str(cast["programme"].uuid)


@pytest.mark.django_db
def test_updated_since_accepts_any_iso_offset_and_refuses_impossible_dates(client, cast):
    client.force_login(cast["coordinator"])
    url = reverse("api:enrolment-list")
    assert client.get(url, {"updated_since": "1611-08-17T14:27:15.6-22:30"}).status_code == 200
    response = client.get(url, {"updated_since": "0001-01-01T00:00:00+23:00"})
    assert response.status_code == 400
    assert "out of range" in response.content.decode()


@pytest.mark.django_db
def test_survey_results_count_two_people_over_three_rounds_as_two_and_suppress_them(client, cast):
    check_in = open_check_in(cast)
    answer_rounds(check_in, [mentee for _mentor, mentee in more_pairs(cast, 2)], rounds=3)
    client.force_login(cast["coordinator"])
    body = client.get(reverse("api:survey-results", args=[check_in.uuid])).json()
    assert (body["num_people"], body["num_rounds"]) == (2, 3)
    rows = [row for table in body["tables"] for row in table["rows"]]
    assert rows
    assert all(row["n"] == 2 and row["is_suppressed"] for row in rows)
    values = [value for row in rows for value in row["values"]]
    assert "4.00" not in values
    assert "100%" not in values
