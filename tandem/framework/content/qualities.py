"""Mentor qualities and skills (seed 002 §4.4.2)."""

from tandem.framework.content.base import SEED_NFER, ItemData
from tandem.framework.keys import Kind, MentorQuality


def _quality(key: str, title: str, summary: str, description: str) -> ItemData:
    return ItemData(
        Kind.MENTOR_QUALITY, key, title, summary, description, SEED_NFER, "section 4.4.2", "lmc"
    )


MENTOR_QUALITIES = [
    _quality(
        MentorQuality.SUPPORTIVE,
        "Supportive",
        "Gives practical and emotional support and helps solve problems.",
        "Learners across professions rank support among the most important parts of the role.",
    ),
    _quality(
        MentorQuality.KNOWLEDGEABLE_EXPERIENCED,
        "Knowledgeable and experienced",
        "A credible, successful practitioner in their own right.",
        "The most often cited requirement: mentors know the work well and can prioritise the "
        "relationship.",
    ),
    _quality(
        MentorQuality.TRUSTWORTHY_RESPECTFUL,
        "Trustworthy and respectful",
        "Creates a trusting, empowering space built on mutual respect.",
        "Trust and respect are the foundation of every good mentoring relationship.",
    ),
    _quality(
        MentorQuality.LISTENING,
        "Listening skills",
        "Listens actively and attentively.",
        "Careful listening is one of the core skills of coaching and mentoring.",
    ),
    _quality(
        MentorQuality.APPROACHABLE,
        "Friendly and approachable",
        "Open, warm and easy to talk to; gives constructive feedback.",
        "An informal, friendly manner makes it easier for learners to ask for help.",
    ),
    _quality(
        MentorQuality.FLEXIBLE,
        "Flexible",
        "Moves between coaching and mentoring as the situation needs.",
        "A good mentor coaches when that helps, and a good coach mentors when that helps.",
    ),
    _quality(
        MentorQuality.EMPATHETIC,
        "Empathetic",
        "Understands the learner's position without judging.",
        "Learners value a non-judgemental space to talk about hard issues.",
    ),
    _quality(
        MentorQuality.COMMUNICATION_INTERPERSONAL,
        "Communication and interpersonal skills",
        "Communicates clearly and connects learners with people and resources.",
        "Good interpersonal skills let mentors broker useful contacts as well as talk well.",
    ),
    _quality(
        MentorQuality.SELF_AWARE,
        "Self-aware and committed to their own learning",
        "Keeps learning, which makes the relationship two-way.",
        "A mentor's commitment to their own development is among the most important "
        "competences and keeps learning flowing both ways.",
    ),
    _quality(
        MentorQuality.ACCESSIBLE,
        "Accessible",
        "Readily available and easy to contact.",
        "Learners need to be able to reach their mentor when it matters.",
    ),
    _quality(
        MentorQuality.ENTHUSIASTIC,
        "Enthusiastic",
        "Shows enthusiasm for the learner's ideas and for the work.",
        "Enthusiasm and the ability to inspire keep learners motivated.",
    ),
]
