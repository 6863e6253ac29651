"""The programme vocabulary (DESIGN.md): approaches, model dimensions and mentor styles.

Stored values are slugs so they can later be wired to `framework.FrameworkItem` keys.
"""

from django.db import models


class Approach(models.TextChoices):
    # The three core concepts (seed 004) and further named forms (seed 002 §2.2.3).
    MENTORING = "mentoring", "Mentoring"
    SPECIALIST_COACHING = "specialist-coaching", "Specialist coaching"
    CO_COACHING = "co-coaching", "Collaborative co-coaching"
    CO_MENTORING = "co-mentoring", "Co-mentoring"
    COACH_MENTORING = "coach-mentoring", "Coach mentoring"
    RECIPROCAL_PEER_COACHING = "reciprocal-peer-coaching", "Reciprocal peer coaching"
    GROUP_SUPERVISION = "group-supervision", "Group reflective supervision or work discussion"
    CLINICAL_SUPERVISION = "clinical-supervision", "Clinical supervision"


class GroupFormat(models.TextChoices):
    # Seed 002 §2.3.1.
    ONE_TO_ONE = "one-to-one", "One-to-one"
    GROUP = "group", "Group (learning sets)"


class Pairing(models.TextChoices):
    # Seed 002 §2.3.2.
    EXPERT_NOVICE = "expert-novice", "Expert–novice"
    PEER = "peer", "Peer-to-peer"
    RECIPROCAL = "reciprocal", "Reciprocal"


class SectorMix(models.TextChoices):
    # Seed 002 §2.3.3.
    SAME = "same-sector", "Same sector"
    CROSS = "cross-sector", "Cross-sector"


class MentorSource(models.TextChoices):
    INTERNAL = "internal", "Internal mentors (same organisation)"
    EXTERNAL = "external", "External mentors (another organisation)"
    EITHER = "either", "Either"


class MentorStyle(models.TextChoices):
    # Seed 002 Table 2.1.
    APPRENTICESHIP = "apprenticeship", "Apprenticeship"
    COMPETENCE = "competence", "Competence"
    REFLECTIVE = "reflective", "Reflective"
    MODEL = "model", "Mentor as model"
    ACCULTURATOR = "acculturator", "Mentor as acculturator"
    SPONSOR = "sponsor", "Mentor as sponsor"
    SUPPORT = "provider-of-support", "Mentor as provider of support"
    EDUCATOR = "educator", "Mentor as educator"
    DEVELOPMENT = "development", "Development"


# Keys of the ten principles (seed 003) and effective features (seed 002 §4.3) this app
# refers to; the framework app will own their titles and descriptions.
PRINCIPLE_KEYS = {
    "learning-conversation",
    "thoughtful-relationship",
    "learning-agreement",
    "combining-support",
    "growing-self-direction",
    "challenging-personal-goals",
    "understanding-why",
    "benefits-to-mentors",
    "experimenting-observing",
    "using-resources",
}
EFFECTIVE_FEATURE_KEYS = {
    "sufficient-time",
    "training-and-support",
    "monitoring-quality-assurance",
    "recruitment-allocation",
    "clear-focus-learning-contract",
    "organisational-culture",
    "confidentiality",
    "reflective-reciprocal-relationship",
    "independence-of-mentors",
    "mentor-qualities-skills",
}
FRAMEWORK_KEYS = PRINCIPLE_KEYS | EFFECTIVE_FEATURE_KEYS
