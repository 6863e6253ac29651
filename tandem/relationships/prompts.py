"""Prompts for the next conversation, drawn from the ten principles (seed 003).

Keys match the framework app's principle keys; the wording is Tandem's own.
"""

from tandem.framework.keys import Principle

PROMPTS = {
    Principle.LEARNING_AGREEMENT: (
        "Read the learning agreement together and sign it, or say what you would change."
    ),
    Principle.CHALLENGING_PERSONAL_GOALS: (
        "Agree a goal that builds on what the learner can already do but could not yet "
        "achieve alone, and that serves both school and personal priorities."
    ),
    Principle.LEARNING_CONVERSATION: (
        "Start from evidence in the learner's practice: what happened, what they believe "
        "about it, and what they might try next."
    ),
    Principle.GROWING_SELF_DIRECTION: (
        "Invite the learner to set more of the agenda: so far, most items have come from you."
    ),
    Principle.EXPERIMENTING_OBSERVING: (
        "Plan an observation or a small experiment in practice linked to a goal, and how "
        "you will gather direct evidence from it."
    ),
    Principle.UNDERSTANDING_WHY: (
        "Talk about why the approach being tried works, so it can be adapted to other contexts."
    ),
    Principle.THOUGHTFUL_RELATIONSHIP: (
        "Check in on how the relationship is working and on the pressures the learner feels."
    ),
}


def prompts_for(
    *,
    is_agreement_signed: bool,
    num_goals: int,
    num_agenda_items: int,
    num_learner_items: int,
    num_observations: int,
) -> list[tuple[str, str]]:
    """(principle key, prompt) pairs, most pressing first; at most three."""
    keys: list[Principle] = []
    if not is_agreement_signed:
        keys.append(Principle.LEARNING_AGREEMENT)
    if num_goals == 0:
        keys.append(Principle.CHALLENGING_PERSONAL_GOALS)
    if num_agenda_items >= 4 and num_learner_items * 2 < num_agenda_items:
        keys.append(Principle.GROWING_SELF_DIRECTION)
    if num_goals and num_observations == 0:
        keys.append(Principle.EXPERIMENTING_OBSERVING)
    keys += [
        Principle.LEARNING_CONVERSATION,
        Principle.UNDERSTANDING_WHY,
        Principle.THOUGHTFUL_RELATIONSHIP,
    ]
    return [(key, PROMPTS[key]) for key in keys[:3]]
