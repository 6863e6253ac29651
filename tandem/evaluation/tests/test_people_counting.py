"""Survey results count distinct people, not answers: a recurring check-in answered by the
same few people round after round stays suppressed on the page and in the CSV."""

import pytest
from django.urls import reverse

from tandem.evaluation import selectors
from tandem.evaluation.services import submit_response
from tandem.evaluation.tables import SUPPRESSED
from tandem.evaluation.tests.cast import answer_rounds, more_pairs, open_check_in
from tandem.testing.files import xlsx_text


@pytest.fixture
def check_in(cast):
    return open_check_in(cast)


@pytest.mark.django_db
def test_two_people_over_three_rounds_are_two_people_and_suppressed(client, cast, check_in):
    mentees = [mentee for _mentor, mentee in more_pairs(cast, 2)]
    answer_rounds(check_in, mentees, rounds=3)
    tables = selectors.survey_results(check_in)
    assert tables
    for table in tables:
        assert all(row.n == 2 for row in table.rows)
        assert all(row.is_suppressed for row in table.rows)
    client.force_login(cast["coordinator"])
    page = client.get(reverse("evaluation:survey-results", args=[check_in.uuid])).content.decode()
    workbook = client.get(reverse("evaluation:survey-results-xlsx", args=[check_in.uuid])).content
    for text in (page, xlsx_text(workbook)):
        assert SUPPRESSED in text
        assert "4.00" not in text  # the mean of the two people's answers
        assert "100%" not in text  # the share who answered 4
    assert "2 people" in page
    assert "6 responses" not in page


@pytest.mark.django_db
def test_five_people_over_three_rounds_are_shown_as_five_people(cast, check_in):
    mentees = [mentee for _mentor, mentee in more_pairs(cast, 5)]
    answer_rounds(check_in, mentees, rounds=3)
    table = selectors.survey_results(check_in)[0]
    assert {row.n for row in table.rows} == {5}
    assert not any(row.is_suppressed for row in table.rows)
    four = next(row for row in table.rows if row.label == "4")
    # Fifteen answers in all, from five people; the share is of answers.
    assert four.values == (15, "100%")
    assert table.rows[-1].values[0] == "4.00"


@pytest.mark.django_db
def test_a_person_counts_once_even_when_answering_differently_each_round(cast, check_in):
    mentees = [mentee for _mentor, mentee in more_pairs(cast, 4)]
    answer_rounds(check_in, mentees, rounds=2, value=(1, 5))
    table = selectors.survey_results(check_in)[0]
    assert {row.n for row in table.rows} == {4}
    assert all(row.is_suppressed for row in table.rows)


@pytest.mark.django_db
def test_a_question_only_two_people_answered_stays_suppressed_beside_one_five_answered(
    cast, check_in
):
    """Two people answer every question in three rounds; three more skip the first
    question: the survey has 5 people, its first question only 2."""
    people = [mentee for _mentor, mentee in more_pairs(cast, 5)]
    answer_rounds(check_in, people[:2], rounds=3)
    _first, *others = check_in.questions.all()
    for user in people[2:]:
        submit_response(
            actor=user,
            survey=check_in,
            role="mentee",
            answers={question.pk: 3 for question in others},
            today=check_in.opens_on,
        )
    tables = selectors.survey_results(check_in)
    assert {row.n for row in tables[0].rows} == {2}
    assert all(row.is_suppressed for row in tables[0].rows)
    assert {row.n for row in tables[1].rows} == {5}
    assert not any(row.is_suppressed for row in tables[1].rows)


@pytest.mark.django_db
def test_results_take_the_same_queries_however_many_answer(
    cast, check_in, django_assert_num_queries
):
    people = [mentee for _mentor, mentee in more_pairs(cast, 12)]
    answer_rounds(check_in, people[:5], rounds=1)
    # Questions; responses (count and people); numeric answers per question.
    with django_assert_num_queries(3):
        selectors.survey_results(check_in)
    answer_rounds(check_in, people[5:], rounds=3)
    with django_assert_num_queries(3):
        selectors.survey_results(check_in)
