"""Cross-links between Framework items: (kind, key) pairs, shown both ways."""

from tandem.framework.keys import (
    Approach,
    Challenge,
    CoreConcept,
    EffectiveFeature,
    Impact,
    Kind,
    MentorQuality,
    MentorStyle,
    ModelDimension,
    Principle,
)

# Cross-links between items: (kind, key) pairs, shown both ways.
LINKS: list[tuple[tuple[str, str], tuple[str, str]]] = [
    (
        (Kind.PRINCIPLE, Principle.LEARNING_AGREEMENT),
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.CLEAR_FOCUS_AND_LEARNING_CONTRACT),
    ),
    (
        (Kind.PRINCIPLE, Principle.LEARNING_AGREEMENT),
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.CONFIDENTIALITY),
    ),
    (
        (Kind.PRINCIPLE, Principle.LEARNING_AGREEMENT),
        (Kind.CHALLENGE, Challenge.UNDERSTANDING_AND_EXPECTATIONS),
    ),
    (
        (Kind.PRINCIPLE, Principle.LEARNING_CONVERSATION),
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.REFLECTIVE_RECIPROCAL_RELATIONSHIP),
    ),
    ((Kind.PRINCIPLE, Principle.LEARNING_CONVERSATION), (Kind.IMPACT, Impact.MENTEE_REFLECTIVITY)),
    (
        (Kind.PRINCIPLE, Principle.THOUGHTFUL_RELATIONSHIP),
        (Kind.MENTOR_QUALITY, MentorQuality.TRUSTWORTHY_RESPECTFUL),
    ),
    (
        (Kind.PRINCIPLE, Principle.THOUGHTFUL_RELATIONSHIP),
        (Kind.MENTOR_QUALITY, MentorQuality.EMPATHETIC),
    ),
    (
        (Kind.PRINCIPLE, Principle.THOUGHTFUL_RELATIONSHIP),
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.REFLECTIVE_RECIPROCAL_RELATIONSHIP),
    ),
    ((Kind.PRINCIPLE, Principle.COMBINING_SUPPORT), (Kind.CORE_CONCEPT, CoreConcept.CO_COACHING)),
    (
        (Kind.PRINCIPLE, Principle.COMBINING_SUPPORT),
        (Kind.CORE_CONCEPT, CoreConcept.SPECIALIST_COACHING),
    ),
    (
        (Kind.PRINCIPLE, Principle.COMBINING_SUPPORT),
        (Kind.MODEL_DIMENSION, ModelDimension.PEER_OR_EXPERT_NOVICE),
    ),
    (
        (Kind.PRINCIPLE, Principle.GROWING_SELF_DIRECTION),
        (Kind.IMPACT, Impact.MENTEE_SELF_MANAGEMENT),
    ),
    (
        (Kind.PRINCIPLE, Principle.CHALLENGING_PERSONAL_GOALS),
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.CLEAR_FOCUS_AND_LEARNING_CONTRACT),
    ),
    ((Kind.PRINCIPLE, Principle.UNDERSTANDING_WHY), (Kind.IMPACT, Impact.MENTEE_KNOWLEDGE_SKILLS)),
    (
        (Kind.PRINCIPLE, Principle.BENEFITS_TO_MENTORS),
        (Kind.IMPACT, Impact.MENTOR_KNOWLEDGE_SKILLS),
    ),
    ((Kind.PRINCIPLE, Principle.BENEFITS_TO_MENTORS), (Kind.IMPACT, Impact.MENTOR_REFLECTIVITY)),
    (
        (Kind.PRINCIPLE, Principle.BENEFITS_TO_MENTORS),
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.RECRUITMENT_AND_ALLOCATION),
    ),
    (
        (Kind.PRINCIPLE, Principle.EXPERIMENTING_OBSERVING),
        (Kind.IMPACT, Impact.CULTURE_RESEARCH_LEARNING),
    ),
    (
        (Kind.PRINCIPLE, Principle.USING_RESOURCES_EFFECTIVELY),
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.SUFFICIENT_TIME),
    ),
    (
        (Kind.PRINCIPLE, Principle.USING_RESOURCES_EFFECTIVELY),
        (Kind.CHALLENGE, Challenge.TIME_AND_WORKLOAD),
    ),
    (
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.SUFFICIENT_TIME),
        (Kind.CHALLENGE, Challenge.TIME_AND_WORKLOAD),
    ),
    (
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.TRAINING_AND_SUPPORT),
        (Kind.CHALLENGE, Challenge.DEMANDS_OF_THE_ROLE),
    ),
    (
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.TRAINING_AND_SUPPORT),
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.MENTOR_QUALITIES_AND_SKILLS),
    ),
    (
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.CLEAR_FOCUS_AND_LEARNING_CONTRACT),
        (Kind.CHALLENGE, Challenge.UNDERSTANDING_AND_EXPECTATIONS),
    ),
    (
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.INDEPENDENCE_OF_MENTORS),
        (Kind.CHALLENGE, Challenge.UNDERSTANDING_AND_EXPECTATIONS),
    ),
    (
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.INDEPENDENCE_OF_MENTORS),
        (Kind.MODEL_DIMENSION, ModelDimension.INTERNAL_OR_EXTERNAL),
    ),
    (
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.INDEPENDENCE_OF_MENTORS),
        (Kind.MODEL_DIMENSION, ModelDimension.SAME_OR_CROSS_SECTOR),
    ),
    (
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.CULTURE_AND_STRATEGIC_PLANNING),
        (Kind.CHALLENGE, Challenge.WORKPLACE_CULTURE),
    ),
    (
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.CULTURE_AND_STRATEGIC_PLANNING),
        (Kind.IMPACT, Impact.CULTURE_COACHING_MENTORING),
    ),
    (
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.RECRUITMENT_AND_ALLOCATION),
        (Kind.CHALLENGE, Challenge.COMMITMENT),
    ),
    (
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.RECRUITMENT_AND_ALLOCATION),
        (Kind.CHALLENGE, Challenge.WORKFORCE_PROFILE),
    ),
    (
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.MONITORING_AND_QUALITY_ASSURANCE),
        (Kind.IMPACT, Impact.ORGANISATION_POLICIES_SYSTEMS),
    ),
    (
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.REFLECTIVE_RECIPROCAL_RELATIONSHIP),
        (Kind.MENTOR_STYLE, MentorStyle.REFLECTIVE),
    ),
    (
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.REFLECTIVE_RECIPROCAL_RELATIONSHIP),
        (Kind.APPROACH, Approach.CO_MENTORING),
    ),
    (
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.MENTOR_QUALITIES_AND_SKILLS),
        (Kind.MENTOR_QUALITY, MentorQuality.LISTENING),
    ),
    (
        (Kind.EFFECTIVE_FEATURE, EffectiveFeature.MENTOR_QUALITIES_AND_SKILLS),
        (Kind.MENTOR_QUALITY, MentorQuality.KNOWLEDGEABLE_EXPERIENCED),
    ),
    (
        (Kind.CHALLENGE, Challenge.UNDERSTANDING_AND_EXPECTATIONS),
        (Kind.MENTOR_STYLE, MentorStyle.COMPETENCE),
    ),
    ((Kind.CHALLENGE, Challenge.WORKPLACE_CULTURE), (Kind.IMPACT, Impact.CULTURE_COLLABORATIVE)),
    ((Kind.CORE_CONCEPT, CoreConcept.MENTORING), (Kind.APPROACH, Approach.COACH_MENTORING)),
    ((Kind.CORE_CONCEPT, CoreConcept.MENTORING), (Kind.APPROACH, Approach.CO_MENTORING)),
    (
        (Kind.CORE_CONCEPT, CoreConcept.CO_COACHING),
        (Kind.APPROACH, Approach.RECIPROCAL_PEER_COACHING),
    ),
    (
        (Kind.CORE_CONCEPT, CoreConcept.SPECIALIST_COACHING),
        (Kind.APPROACH, Approach.CLINICAL_SUPERVISION),
    ),
    (
        (Kind.APPROACH, Approach.GROUP_REFLECTIVE_SUPERVISION),
        (Kind.MODEL_DIMENSION, ModelDimension.ONE_TO_ONE_OR_GROUP),
    ),
]
