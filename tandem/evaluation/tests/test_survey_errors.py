"""A survey sent with a question unanswered: the error summary links to the question's
first radio (not a wrapping element), and every radio of the question is described by its
error text, so a screen reader reads the problem on reaching it."""

import re

import pytest
from django.urls import reverse

from tandem.evaluation.tests.cast import add_surveys


@pytest.fixture
def failed_page(client, cast):
    survey = add_surveys(cast)["mentee-baseline"]
    client.force_login(cast["mentee"])
    data = {f"q{question.position}": "4" for question in survey.questions.all()}
    del data["q3"]
    response = client.post(reverse("evaluation:survey-respond", args=[survey.uuid]), data)
    assert response.status_code == 200
    return response.content.decode()


def test_summary_links_to_the_first_radio_of_the_question(failed_page):
    links = re.findall(r'<div class="error-summary".*?</div>', failed_page, re.S)[0]
    assert 'href="#id_q3_0"' in links
    assert 'href="#id_q3"' not in links
    assert re.search(r'<input type="radio" name="q3" value="1"[^>]*id="id_q3_0"', failed_page)


def test_each_radio_of_the_question_is_described_by_its_error(failed_page):
    radios = re.findall(r'<input type="radio" name="q3"[^>]*>', failed_page)
    assert len(radios) == 5
    for radio in radios:
        assert 'aria-describedby="id_q3_error"' in radio
        assert 'aria-invalid="true"' in radio
    assert 'id="id_q3_error"' in failed_page
    # Questions without an error are not described by one.
    for radio in re.findall(r'<input type="radio" name="q1"[^>]*>', failed_page):
        assert "aria-describedby" not in radio


def test_the_page_loads_the_script_that_focuses_the_summary(failed_page):
    assert 'src="/static/js/forms.js"' in failed_page
    assert 'class="error-summary" role="alert" tabindex="-1"' in failed_page
