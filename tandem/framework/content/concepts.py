"""Core concepts (seed 004), further named approaches and model dimensions (seed 002 §2)."""

from tandem.framework.content.base import SEED_ITE_REVIEW, SEED_NFER, ItemData
from tandem.framework.keys import (
    Approach,
    CoreConcept,
    GroupFormat,
    Kind,
    MentorSource,
    ModelDimension,
    Pairing,
    SectorMix,
)

COMPARISON_FACETS = [
    ("purpose", "What it is for"),
    ("who", "Who takes part"),
    ("focus", "Typical focus"),
    ("relationship", "Relationship"),
    ("when", "When organisations use it"),
]

CORE_CONCEPTS = [
    ItemData(
        Kind.CORE_CONCEPT,
        CoreConcept.MENTORING,
        "Mentoring",
        "A structured, sustained process that supports people through major career changes.",
        "Mentoring helps a professional learner through a significant transition, such as "
        "starting in the profession, taking a new role or moving into leadership. It is "
        "broader and longer-term than coaching and attends to the whole person as well as "
        "their practice.",
        SEED_ITE_REVIEW,
        "Core concepts; see also the NFER research review (2008), section 2.2.1",
        facets={
            "purpose": "Support through a significant career transition.",
            "who": "Usually a more experienced colleague and a professional learner.",
            "focus": "Broad: practice, career, wellbeing and professional identity.",
            "relationship": "Often expert–novice; longer term; personal commitment.",
            "when": "Trainees, early-career staff, new leaders and people changing role.",
        },
    ),
    ItemData(
        Kind.CORE_CONCEPT,
        CoreConcept.SPECIALIST_COACHING,
        "Specialist coaching",
        "A structured, sustained process for developing one specific aspect of practice.",
        "Specialist coaching concentrates on a particular area of a learner's work, such as "
        "questioning or behaviour management, with a coach who has expertise in it. It is "
        "narrower than mentoring and aims at measurable improvement in that area.",
        SEED_ITE_REVIEW,
        "Core concepts; see also the NFER research review (2008), section 2.2.2",
        facets={
            "purpose": "Develop a specific, agreed aspect of practice.",
            "who": "A coach with expertise in that aspect and a professional learner.",
            "focus": "Narrow: one skill or area of performance at a time.",
            "relationship": "Specialist-led but learner-centred; usually shorter term.",
            "when": "Introducing a new approach or improving a defined area of practice.",
        },
    ),
    ItemData(
        Kind.CORE_CONCEPT,
        CoreConcept.CO_COACHING,
        "Collaborative (co-) coaching",
        "A structured, sustained process in which peers help each other embed new learning.",
        "Two or more professional learners work together to bring knowledge and skills from "
        "specialist sources, such as a course or research, into their everyday practice. They "
        "take turns to support one another as equals.",
        SEED_ITE_REVIEW,
        "Core concepts",
        facets={
            "purpose": "Embed new knowledge and skills from specialist input in daily work.",
            "who": "Two or more peers, often after shared training.",
            "focus": "Putting a shared new approach into practice.",
            "relationship": "Reciprocal and non-hierarchical; roles alternate.",
            "when": "After professional development, to make new practice stick.",
        },
    ),
]


def _approach(key: str, title: str, summary: str, description: str) -> ItemData:
    return ItemData(
        Kind.APPROACH, key, title, summary, description, SEED_NFER, "section 2.2.3", "lm"
    )


APPROACHES = [
    _approach(
        Approach.CO_MENTORING,
        "Co-mentoring",
        "Two professionals learn from each other as equals.",
        "A mutual arrangement in which neither partner is the expert: both bring experience, "
        "respect each other's views and explore differences together. It suits partnerships "
        "across professions, such as teachers working with creative practitioners.",
    ),
    _approach(
        Approach.COACH_MENTORING,
        "Coach mentoring",
        "A blend of coaching and mentoring using therapeutic listening techniques.",
        "The coach mentor builds rapport with methods borrowed from helping professions, such "
        "as attentive listening, reflecting back, joint problem solving and empathy, and "
        "moves between coaching and mentoring as the learner needs.",
    ),
    _approach(
        Approach.RECIPROCAL_PEER_COACHING,
        "Reciprocal peer coaching",
        "Pairs of colleagues take turns to coach each other and try out new methods.",
        "Two teachers meet regularly to talk about how they support pupils' learning, "
        "experiment with teaching methods and swap the roles of coach and coached.",
    ),
    _approach(
        Approach.GROUP_REFLECTIVE_SUPERVISION,
        "Group reflective supervision and work discussion groups",
        "Colleagues enquire into their practice together, often with an external facilitator.",
        "A group of practitioners meets to share concerns and examine cases or incidents from "
        "their work. A facilitator, often from outside the team, helps the group reflect, and "
        "peers learn to consult one another beyond the sessions too.",
    ),
    _approach(
        Approach.CLINICAL_SUPERVISION,
        "Clinical supervision",
        "Regular protected time for facilitated, deep reflection on practice.",
        "Common in health and social care: a supervisor gives the practitioner dedicated time "
        "to think about their work and professional judgement, sometimes with advice as well "
        "as reflection.",
    ),
]


def _dimension(key: str, title: str, summary: str, description: str) -> ItemData:
    return ItemData(
        Kind.MODEL_DIMENSION, key, title, summary, description, SEED_NFER, "section 2.3", "lm"
    )


MODEL_DIMENSIONS = [
    _dimension(
        ModelDimension.ONE_TO_ONE_OR_GROUP,
        "One-to-one or group",
        "Support for one person at a time, or for a group such as a learning set.",
        "Individual support gives privacy and a tailored focus; group approaches widen the "
        "sharing of practice and build relationships between peers. Groups are more common in "
        "social care than in schools.",
    ),
    _dimension(
        ModelDimension.PEER_OR_EXPERT_NOVICE,
        "Peer-to-peer or expert–novice",
        "Colleagues of similar standing learning together, or an experienced guide.",
        "Peer arrangements rest on equality and learning in both directions. Expert–novice "
        "arrangements pair an experienced practitioner with someone newer, and almost always "
        "stay within one sector.",
    ),
    _dimension(
        ModelDimension.SAME_OR_CROSS_SECTOR,
        "Same-sector or cross-sector",
        "Both people from one sector, or from different professions.",
        "Cross-sector pairings are chosen to learn from another profession's experience or "
        "to gain an independent viewpoint; multi-agency work in children's services makes "
        "them increasingly useful.",
    ),
    _dimension(
        ModelDimension.INTERNAL_OR_EXTERNAL,
        "Internal or external",
        "A mentor or coach from the same organisation, or from outside it.",
        "An internal mentor knows the context; an external one may be unknown to the learner "
        "beforehand and can offer more independence and a safer space to talk openly.",
    ),
]

# The options a programme chooses on each model dimension; they are not items of their own.
MODEL_OPTION_TITLES: dict[str, str] = {
    GroupFormat.ONE_TO_ONE: "One-to-one",
    GroupFormat.GROUP: "Group (learning sets)",
    Pairing.EXPERT_NOVICE: "Expert–novice",
    Pairing.PEER: "Peer-to-peer",
    Pairing.RECIPROCAL: "Reciprocal",
    SectorMix.SAME: "Same sector",
    SectorMix.CROSS: "Cross-sector",
    MentorSource.INTERNAL: "Internal mentors (same organisation)",
    MentorSource.EXTERNAL: "External mentors (another organisation)",
    MentorSource.EITHER: "Either",
}
