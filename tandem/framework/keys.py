"""Every key of the Framework vocabulary, defined once.

Other apps store these keys (goal tags, survey items, health-check features, programme
models), so a key is a stable identifier: never rename one, add a new member instead. The
titles and descriptions live in `tandem.framework.content`; Django choices are built from
these enums by `tandem.framework.choices`. Plain Python: the matching engine imports it.
"""

from enum import StrEnum


class Kind(StrEnum):
    """The kinds of Framework item (one `FrameworkItem.kind` each)."""

    PRINCIPLE = "principle"
    CORE_CONCEPT = "core-concept"
    APPROACH = "approach"
    MODEL_DIMENSION = "model-dimension"
    MENTOR_STYLE = "mentor-style"
    EFFECTIVE_FEATURE = "effective-feature"
    CHALLENGE = "challenge"
    IMPACT = "impact"
    MENTOR_QUALITY = "mentor-quality"


class Principle(StrEnum):
    """The ten principles (seed 003)."""

    LEARNING_CONVERSATION = "learning-conversation"
    THOUGHTFUL_RELATIONSHIP = "thoughtful-relationship"
    LEARNING_AGREEMENT = "learning-agreement"
    COMBINING_SUPPORT = "combining-support"
    GROWING_SELF_DIRECTION = "growing-self-direction"
    CHALLENGING_PERSONAL_GOALS = "challenging-personal-goals"
    UNDERSTANDING_WHY = "understanding-why"
    BENEFITS_TO_MENTORS = "benefits-to-mentors"
    EXPERIMENTING_OBSERVING = "experimenting-observing"
    USING_RESOURCES_EFFECTIVELY = "using-resources-effectively"


class Approach(StrEnum):
    """How support is given: the three core concepts (seed 004), then the further named forms
    (seed 002 §2.2.3), which the Framework stores as items of kind "approach"."""

    MENTORING = "mentoring"
    SPECIALIST_COACHING = "specialist-coaching"
    CO_COACHING = "co-coaching"
    CO_MENTORING = "co-mentoring"
    COACH_MENTORING = "coach-mentoring"
    RECIPROCAL_PEER_COACHING = "reciprocal-peer-coaching"
    GROUP_REFLECTIVE_SUPERVISION = "group-reflective-supervision"
    CLINICAL_SUPERVISION = "clinical-supervision"


class CoreConcept(StrEnum):
    """The three core concepts (seed 004): the approaches an organisation reviews."""

    MENTORING = Approach.MENTORING.value
    SPECIALIST_COACHING = Approach.SPECIALIST_COACHING.value
    CO_COACHING = Approach.CO_COACHING.value


class ModelDimension(StrEnum):
    """The four dimensions of a programme model (seed 002 §2.3)."""

    ONE_TO_ONE_OR_GROUP = "one-to-one-or-group"
    PEER_OR_EXPERT_NOVICE = "peer-or-expert-novice"
    SAME_OR_CROSS_SECTOR = "same-or-cross-sector"
    INTERNAL_OR_EXTERNAL = "internal-or-external"


class GroupFormat(StrEnum):
    """The options of the one-to-one-or-group dimension (seed 002 §2.3.1)."""

    ONE_TO_ONE = "one-to-one"
    GROUP = "group"


class Pairing(StrEnum):
    """The options of the peer-or-expert-novice dimension (seed 002 §2.3.2)."""

    EXPERT_NOVICE = "expert-novice"
    PEER = "peer"
    RECIPROCAL = "reciprocal"


class SectorMix(StrEnum):
    """The options of the same-or-cross-sector dimension (seed 002 §2.3.3)."""

    SAME = "same-sector"
    CROSS = "cross-sector"


class MentorSource(StrEnum):
    """The options of the internal-or-external dimension (seed 002 §2.3)."""

    INTERNAL = "internal"
    EXTERNAL = "external"
    EITHER = "either"


class MentorStyle(StrEnum):
    """Mentor styles (seed 002 Table 2.1)."""

    APPRENTICESHIP = "apprenticeship"
    COMPETENCE = "competence"
    REFLECTIVE = "reflective"
    MODEL = "model"
    ACCULTURATOR = "acculturator"
    SPONSOR = "sponsor"
    PROVIDER_OF_SUPPORT = "provider-of-support"
    EDUCATOR = "educator"
    DEVELOPMENT = "development"


class EffectiveFeature(StrEnum):
    """Features of effective mentoring and coaching (seed 002 §4.3-4.4, Table 4.2)."""

    SUFFICIENT_TIME = "sufficient-time"
    TRAINING_AND_SUPPORT = "training-and-support"
    MONITORING_AND_QUALITY_ASSURANCE = "monitoring-and-quality-assurance"
    RECRUITMENT_AND_ALLOCATION = "recruitment-and-allocation"
    CLEAR_FOCUS_AND_LEARNING_CONTRACT = "clear-focus-and-learning-contract"
    CULTURE_AND_STRATEGIC_PLANNING = "culture-and-strategic-planning"
    CONFIDENTIALITY = "confidentiality"
    REFLECTIVE_RECIPROCAL_RELATIONSHIP = "reflective-reciprocal-relationship"
    INDEPENDENCE_OF_MENTORS = "independence-of-mentors"
    MENTOR_QUALITIES_AND_SKILLS = "mentor-qualities-and-skills"
    LOCAL_SUPPORT = "local-support"


class Challenge(StrEnum):
    """Challenges to mentoring and coaching (seed 002 §4.2, Table 4.1)."""

    TIME_AND_WORKLOAD = "time-and-workload"
    DEMANDS_OF_THE_ROLE = "demands-of-the-role"
    UNDERSTANDING_AND_EXPECTATIONS = "understanding-and-expectations"
    COMMITMENT = "commitment"
    WORKFORCE_PROFILE = "workforce-profile"
    WORKPLACE_CULTURE = "workplace-culture"


class ImpactAudience(StrEnum):
    """Who gains from an impact (seed 002 §3)."""

    MENTEE = "mentee"
    MENTOR = "mentor"
    ORGANISATION = "organisation"
    YOUNG_PEOPLE = "young-people"


class Impact(StrEnum):
    """Impacts of mentoring and coaching, by audience (seed 002 §3)."""

    MENTEE_REFLECTIVITY = "mentee-reflectivity"
    MENTEE_WELLBEING_CONFIDENCE = "mentee-wellbeing-confidence"
    MENTEE_PROBLEM_SOLVING = "mentee-problem-solving"
    MENTEE_KNOWLEDGE_SKILLS = "mentee-knowledge-skills"
    MENTEE_SHARING_PRACTICE = "mentee-sharing-practice"
    MENTEE_COMMUNICATION = "mentee-communication"
    MENTEE_PROFESSIONAL_DEVELOPMENT = "mentee-professional-development"
    MENTEE_SELF_MANAGEMENT = "mentee-self-management"
    MENTOR_KNOWLEDGE_SKILLS = "mentor-knowledge-skills"
    MENTOR_WELLBEING_CONFIDENCE = "mentor-wellbeing-confidence"
    MENTOR_REFLECTIVITY = "mentor-reflectivity"
    MENTOR_PROFESSIONAL_DEVELOPMENT = "mentor-professional-development"
    MENTOR_PROBLEM_SOLVING = "mentor-problem-solving"
    MENTOR_SHARING_PRACTICE = "mentor-sharing-practice"
    CULTURE_RESEARCH_LEARNING = "culture-research-learning"
    CULTURE_REFLECTIVE = "culture-reflective"
    CULTURE_COLLABORATIVE = "culture-collaborative"
    CULTURE_PROFESSIONALISM = "culture-professionalism"
    CULTURE_ASPIRATION = "culture-aspiration"
    CULTURE_PASTORAL = "culture-pastoral"
    CULTURE_COACHING_MENTORING = "culture-coaching-mentoring"
    ORGANISATION_LEADERSHIP = "organisation-leadership"
    ORGANISATION_PROFESSIONAL_DEVELOPMENT = "organisation-professional-development"
    ORGANISATION_EXTERNAL_LINKS = "organisation-external-links"
    ORGANISATION_SHARED_KNOWLEDGE = "organisation-shared-knowledge"
    ORGANISATION_RECRUITMENT_RETENTION = "organisation-recruitment-retention"
    ORGANISATION_POLICIES_SYSTEMS = "organisation-policies-systems"
    YOUNG_PEOPLE_LEARNING = "young-people-learning"
    YOUNG_PEOPLE_CURRICULUM = "young-people-curriculum"
    YOUNG_PEOPLE_CULTURE = "young-people-culture"


class MentorQuality(StrEnum):
    """Mentor qualities and skills (seed 002 §4.4.2)."""

    SUPPORTIVE = "supportive"
    KNOWLEDGEABLE_EXPERIENCED = "knowledgeable-experienced"
    TRUSTWORTHY_RESPECTFUL = "trustworthy-respectful"
    LISTENING = "listening"
    APPROACHABLE = "approachable"
    FLEXIBLE = "flexible"
    EMPATHETIC = "empathetic"
    COMMUNICATION_INTERPERSONAL = "communication-interpersonal"
    SELF_AWARE = "self-aware"
    ACCESSIBLE = "accessible"
    ENTHUSIASTIC = "enthusiastic"


class ReviewOutcome(StrEnum):
    """The five outcomes reviewed for each core concept (seed 004), in its order."""

    ETHOS = "ethos"
    ROLES = "roles"
    SKILLS = "skills"
    SUPPORT = "support"
    CPD = "cpd"


class KeyQuestion(StrEnum):
    """The key questions asked of each outcome (seed 004); also the answer field names."""

    CURRENT_PRACTICE = "current_practice"
    KNOWLEDGE = "knowledge"
    LEARNER_IMPACT = "learner_impact"
    EVIDENCE_SUMMARY = "evidence_summary"
    DEVELOPMENT_ACTION = "development_action"


# The keys of each kind, for code that checks a stored (kind, key) pair. Items of kind
# "approach" are the named forms only: the core concepts are items of their own kind.
KEYS_OF_KIND: dict[Kind, frozenset[str]] = {
    Kind.PRINCIPLE: frozenset(Principle),
    Kind.CORE_CONCEPT: frozenset(CoreConcept),
    Kind.APPROACH: frozenset(Approach) - frozenset(CoreConcept),
    Kind.MODEL_DIMENSION: frozenset(ModelDimension),
    Kind.MENTOR_STYLE: frozenset(MentorStyle),
    Kind.EFFECTIVE_FEATURE: frozenset(EffectiveFeature),
    Kind.CHALLENGE: frozenset(Challenge),
    Kind.IMPACT: frozenset(Impact),
    Kind.MENTOR_QUALITY: frozenset(MentorQuality),
}
