"""Mentor styles (seed 002 Table 2.1)."""

from tandem.framework.content.base import SEED_NFER, ItemData
from tandem.framework.keys import Kind, MentorStyle


def _style(key: str, title: str, summary: str, description: str) -> ItemData:
    return ItemData(
        Kind.MENTOR_STYLE, key, title, summary, description, SEED_NFER, "Table 2.1", "m"
    )


MENTOR_STYLES = [
    _style(
        MentorStyle.APPRENTICESHIP,
        "Apprenticeship model",
        "The mentor is the master practitioner whose ways are passed on.",
        "The learner picks up the rules and values of the craft by following an accomplished "
        "practitioner's example.",
    ),
    _style(
        MentorStyle.COMPETENCE,
        "Competence model",
        "The mentor trains and assesses against standards.",
        "Training is linked to practice and to assessment, so the mentor also acts as assessor "
        "and gatekeeper to the profession, which can sit uneasily with being a confidant.",
    ),
    _style(
        MentorStyle.REFLECTIVE,
        "Reflective model",
        "The mentor is a critical friend who helps the learner evaluate their own work.",
        "The aim is a reflective practitioner: the mentor helps the learner analyse their "
        "teaching or practice rather than telling them what to do.",
    ),
    _style(
        MentorStyle.MODEL,
        "Mentor as model",
        "The mentor inspires and demonstrates.",
        "The learner sees good practice shown in action and is motivated by it.",
    ),
    _style(
        MentorStyle.ACCULTURATOR,
        "Mentor as acculturator",
        "The mentor helps a newcomer settle into a professional culture.",
        "The focus is on learning the unwritten norms and expectations of a particular "
        "profession or workplace.",
    ),
    _style(
        MentorStyle.SPONSOR,
        "Mentor as sponsor",
        "The mentor opens doors and makes introductions.",
        "The mentor manages the process and uses more directive styles, connecting the learner "
        "with the right people; power is not shared equally.",
    ),
    _style(
        MentorStyle.PROVIDER_OF_SUPPORT,
        "Mentor as provider of support",
        "The mentor offers a safe place to let off steam.",
        "Emotional support comes first: the learner can voice frustrations and worries "
        "without judgement.",
    ),
    _style(
        MentorStyle.EDUCATOR,
        "Mentor as educator",
        "The mentor listens, coaches and arranges learning opportunities.",
        "The mentor creates suitable chances for the learner to develop and supports them "
        "through those experiences.",
    ),
    _style(
        MentorStyle.DEVELOPMENT,
        "Development model",
        "Non-directive counselling and facilitation for personal and professional change.",
        "Formal and informal contact are balanced, and change comes through the learner's own "
        "reflection rather than instruction.",
    ),
]
