"""The ten principles (seed 003)."""

from tandem.framework.content.base import SEED_PRINCIPLES, ItemData
from tandem.framework.keys import Kind, Principle


def _principle(key: str, title: str, summary: str, description: str, views: str) -> ItemData:
    return ItemData(
        Kind.PRINCIPLE, key, title, summary, description, SEED_PRINCIPLES, "Principles", views
    )


PRINCIPLES = [
    _principle(
        Principle.LEARNING_CONVERSATION,
        "A learning conversation",
        "Structured talk about real practice that surfaces beliefs so they can be examined.",
        "Sessions are planned professional dialogue grounded in evidence from the learner's "
        "own work. Putting current habits and assumptions into words is what lets both people "
        "look at them critically and decide what to try next.",
        "mc",
    ),
    _principle(
        Principle.THOUGHTFUL_RELATIONSHIP,
        "A thoughtful relationship",
        "Trust, respectful attention and care for the feelings deep learning stirs up.",
        "Changing how you work can be unsettling. The relationship is built deliberately so "
        "the learner feels safe: the mentor or coach listens closely, shows respect and takes "
        "the emotional side of professional growth seriously.",
        "mc",
    ),
    _principle(
        Principle.LEARNING_AGREEMENT,
        "A learning agreement",
        "Ground rules, agreed and kept, that make the boundaries of the relationship clear.",
        "Both people agree early on how they will work together: confidentiality and its "
        "limits, how often they meet and who is accountable to whom. Keeping to the agreement "
        "gives each person confidence and helps offset differences in status or power.",
        "lmc",
    ),
    _principle(
        Principle.COMBINING_SUPPORT,
        "Combining support from fellow professional learners and specialists",
        "Peers keep learning going day to day; specialists stretch skills and model practice.",
        "Working alongside colleagues helps people stay committed and connect new ideas to "
        "their everyday work. Drawing in specialist expertise as well adds knowledge the group "
        "does not yet have and shows what good practice looks like.",
        "lmc",
    ),
    _principle(
        Principle.GROWING_SELF_DIRECTION,
        "Growing self-direction",
        "The learner steadily takes more charge of their own development.",
        "As skills, knowledge and self-awareness grow, the balance shifts: the learner sets "
        "more of the agenda and the mentor or coach steps back. Dependence on the helper "
        "should fall over the life of the relationship.",
        "mc",
    ),
    _principle(
        Principle.CHALLENGING_PERSONAL_GOALS,
        "Setting challenging and personal goals",
        "Goals just beyond what the learner can manage alone, serving them and the organisation.",
        "Good goals start from what the learner already knows and can do, then reach for what "
        "they could not yet achieve unaided. They balance the person's own aims with the "
        "priorities of their school or organisation.",
        "lmc",
    ),
    _principle(
        Principle.UNDERSTANDING_WHY,
        "Understanding why different approaches work",
        "Knowing the theory behind a practice so it can be adapted to new settings.",
        "Copying a technique is not enough. Learners explore the ideas and evidence that "
        "explain why an approach works, which lets them judge how to change it for a "
        "different class, team or context.",
        "mc",
    ),
    _principle(
        Principle.BENEFITS_TO_MENTORS,
        "Acknowledging the benefits to mentors and coaches",
        "Mentors and coaches learn too; that learning is recognised and put to use.",
        "Supporting someone else sharpens the helper's own reflection, knowledge and skills. "
        "Organisations gain when they notice this learning, value it and draw on it rather "
        "than treating mentoring as a one-way cost.",
        "lm",
    ),
    _principle(
        Principle.EXPERIMENTING_OBSERVING,
        "Experimenting and observing",
        "A setting where trying new things is safe and evidence comes from watching practice.",
        "Learners are encouraged to take sensible risks, try out new approaches and gather "
        "first-hand evidence, for example through observation, of what actually happens when "
        "they do.",
        "lmc",
    ),
    _principle(
        Principle.USING_RESOURCES_EFFECTIVELY,
        "Using resources effectively",
        "Time and other resources are found and used creatively to protect learning.",
        "Learning, action and reflection need protected time and suitable resources every "
        "week, not just at the start. Leaders and participants look for inventive ways to "
        "make that time and keep it.",
        "lmc",
    ),
]
