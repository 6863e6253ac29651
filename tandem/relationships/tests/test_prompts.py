"""Prompts for the mentor's next conversation, from the ten principles (seed 003)."""

from django.urls import reverse

from tandem.framework.keys import Principle
from tandem.relationships.prompts import PROMPTS, prompts_for


def test_an_unsigned_agreement_and_no_goals_come_first():
    keys = [
        key
        for key, _prompt in prompts_for(
            is_agreement_signed=False,
            num_goals=0,
            num_agenda_items=0,
            num_learner_items=0,
            num_observations=0,
        )
    ]
    assert keys == [
        Principle.LEARNING_AGREEMENT,
        Principle.CHALLENGING_PERSONAL_GOALS,
        Principle.LEARNING_CONVERSATION,
    ]


def test_a_mentor_led_agenda_prompts_growing_self_direction():
    keys = [
        key
        for key, _prompt in prompts_for(
            is_agreement_signed=True,
            num_goals=2,
            num_agenda_items=10,
            num_learner_items=2,
            num_observations=1,
        )
    ]
    assert keys[0] == Principle.GROWING_SELF_DIRECTION


def test_my_mentees_shows_prompts_from_the_record(client, cast):
    client.force_login(cast["mentor"])
    page = client.get(reverse("relationships:my-mentees")).content.decode()
    # Agreement signed, one goal, an observation: so the conversation prompts lead.
    assert "Start from evidence in the learner" in page
    assert PROMPTS[Principle.LEARNING_AGREEMENT] not in page
