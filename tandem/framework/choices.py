"""Django choices built from the Framework keys (`keys.py`) and titles (`content`).

Other apps' model fields take their choices from here, so a stored value is always a
Framework key and its label always the Framework's title.
"""

from collections.abc import Mapping
from enum import StrEnum

from django.db import models

from tandem.framework import content, keys


def text_choices(
    keys_enum: type[StrEnum], titles: Mapping[str, str] = content.TITLES
) -> type[models.TextChoices]:
    """A `TextChoices` with the enum's members, valued by key and labelled by title."""
    members = [(member.name, (member.value, titles[member])) for member in keys_enum]
    return models.TextChoices(keys_enum.__name__, members)  # type: ignore[call-overload]


# Labels of the kinds of item and of the audiences of impacts (not items themselves).
KIND_TITLES: dict[str, str] = {
    keys.Kind.PRINCIPLE: "Principle",
    keys.Kind.CORE_CONCEPT: "Core concept",
    keys.Kind.APPROACH: "Approach",
    keys.Kind.MODEL_DIMENSION: "Model dimension",
    keys.Kind.MENTOR_STYLE: "Mentor style",
    keys.Kind.EFFECTIVE_FEATURE: "Effective feature",
    keys.Kind.CHALLENGE: "Challenge",
    keys.Kind.IMPACT: "Impact",
    keys.Kind.MENTOR_QUALITY: "Mentor quality or skill",
}
AUDIENCE_TITLES: dict[str, str] = {
    keys.ImpactAudience.MENTEE: "Mentees and coachees",
    keys.ImpactAudience.MENTOR: "Mentors and coaches",
    keys.ImpactAudience.ORGANISATION: "Organisations",
    keys.ImpactAudience.YOUNG_PEOPLE: "Young people",
}
