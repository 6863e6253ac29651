"""'Was this useful?' counts distinct people and hides figures about fewer than 5."""

import pytest
from django.urls import reverse

from tandem.resources.models import ResourceFeedback
from tandem.resources.selectors import feedback_summary
from tandem.resources.services import give_feedback
from tandem.resources.tests.cast import build_resource_cast
from tandem.testing.workflow import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    cast = build_resource_cast()
    # Start from nobody's answers (the cast's Mel has answered already).
    ResourceFeedback.objects.all().delete()
    return cast


def answer(cast, useful: int, not_useful: int) -> None:
    for number in range(useful + not_useful):
        user = person(cast["moorland"], f"Reader {number}")
        give_feedback(actor=user, resource=cast["public"], is_useful=number < useful)


def test_fewer_than_5_people_shows_no_figures(cast, client):
    answer(cast, 4, 0)
    summary = feedback_summary(cast["public"])
    assert summary.is_suppressed
    page = client.get(reverse("resources:detail", args=[cast["public"].uuid])).content.decode()
    assert "fewer than 5 people" in page
    assert "4 of" not in page


def test_a_changed_answer_counts_the_person_once(cast):
    answer(cast, 5, 0)
    reader = person(cast["moorland"], "Changeable")
    give_feedback(actor=reader, resource=cast["public"], is_useful=True)
    give_feedback(actor=reader, resource=cast["public"], is_useful=False)
    summary = feedback_summary(cast["public"])
    assert summary.people == 6
    # One "no" would be a figure about one person: the split is hidden, the total shown.
    assert summary.useful is None
    assert summary.not_useful is None


def test_the_split_is_shown_when_both_parts_are_5_or_more(cast, client):
    answer(cast, 6, 5)
    summary = feedback_summary(cast["public"])
    assert (summary.people, summary.useful, summary.not_useful) == (11, 6, 5)
    page = client.get(reverse("resources:detail", args=[cast["public"].uuid])).content.decode()
    assert "6 of 11 people found it useful" in page


def test_everyone_saying_yes_is_shown(cast):
    answer(cast, 5, 0)
    summary = feedback_summary(cast["public"])
    assert (summary.people, summary.useful, summary.not_useful) == (5, 5, 0)


def test_a_person_sees_and_changes_their_own_answer(cast, client):
    client.force_login(cast["member"])
    url = reverse("resources:feedback", args=[cast["public"].uuid])
    client.post(url, {"is_useful": "yes", "comment": "Clear"})
    client.post(url, {"is_useful": "no", "comment": ""})
    page = client.get(reverse("resources:detail", args=[cast["public"].uuid])).content.decode()
    assert "You said it was not useful" in page


def test_an_answer_must_say_yes_or_no(cast, client):
    client.force_login(cast["member"])
    url = reverse("resources:feedback", args=[cast["public"].uuid])
    response = client.post(url, {"comment": "Typed but not answered"})
    page = response.content.decode()
    assert "Say whether it was useful." in page
    assert "Typed but not answered" in page  # nothing typed is lost
