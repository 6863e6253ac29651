"""Matching criteria, their weights and rules.

Coordinators edit a copy of their programme template's defaults (the programme catalogue
carries them; tandem.matching.defaults turns them into a `MatchConfig`); the engine reads
only this object.

Every criterion scores a pair between 0 (no evidence of fit) and 1 (best fit), and a pair's
score is the weighted sum, so an explanation can show each criterion's contribution.
"""

from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType


class Criterion(StrEnum):
    PHASE = "phase"
    SUBJECT = "subject"
    EXPERTISE_TAGS = "expertise-tags"
    EXPERTISE_TEXT = "expertise-text"
    EXPERIENCE_GAP = "experience-gap"
    CAREER_STAGE = "career-stage"
    SECTOR = "sector"
    ORGANISATION = "organisation"
    GEOGRAPHY = "geography"
    AVAILABILITY = "availability"
    LANGUAGE = "language"
    MENTEE_PREFERENCE = "mentee-preference"
    MENTOR_TRAINING = "mentor-training"


# What people read in explanations: names only, never the other person's attribute values.
CRITERION_LABELS = MappingProxyType(
    {
        Criterion.PHASE: "Phase of education",
        Criterion.SUBJECT: "Subject",
        Criterion.EXPERTISE_TAGS: "Mentor expertise matches your focus areas",
        Criterion.EXPERTISE_TEXT: "Mentor expertise matches your goals (wording)",
        Criterion.EXPERIENCE_GAP: "Difference in experience",
        Criterion.CAREER_STAGE: "Career stage",
        Criterion.SECTOR: "Sector (as the programme's model asks)",
        Criterion.ORGANISATION: "Internal or external mentor (as the programme's model asks)",
        Criterion.GEOGRAPHY: "Region",
        Criterion.AVAILABILITY: "Shared free times",
        Criterion.LANGUAGE: "Shared language",
        Criterion.MENTEE_PREFERENCE: "Your stated preference",
        Criterion.MENTOR_TRAINING: "Mentor has recorded mentor training",
    }
)


class SameRule(StrEnum):
    """What the programme's model asks of same/cross sector or internal/external pairs."""

    ANY = "any"
    PREFER_SAME = "prefer-same"
    PREFER_DIFFERENT = "prefer-different"
    REQUIRE_SAME = "require-same"
    REQUIRE_DIFFERENT = "require-different"


# Categorical criteria a programme may make a hard rule ("required") rather than a weight:
# a pair that does not share one is never proposed. Sector and internal/external have their
# own require-same/require-different rules (`SameRule`).
REQUIRABLE = (Criterion.PHASE, Criterion.SUBJECT, Criterion.LANGUAGE, Criterion.GEOGRAPHY)


class Policy(StrEnum):
    # Place as many mentees as the hard constraints allow, then maximise quality.
    PLACE_EVERYONE = "place-everyone"
    # Maximise total match quality; leave a mentee unplaced rather than force a poor pair.
    QUALITY = "quality"


@dataclass(frozen=True)
class MentorRequirements:
    """Programme rules a mentor must meet to be paired at all (hard constraints)."""

    must_be_trained: bool = False
    min_years: int = 0
    min_career_stage: int = 0
    # Mentor must have at least this many more years than the mentee (expert–novice models).
    min_years_ahead: int | None = None


@dataclass(frozen=True)
class MatchConfig:
    weights: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    sector_rule: SameRule = SameRule.ANY
    organisation_rule: SameRule = SameRule.ANY
    # Peer models (co-coaching) look for similar stage and experience, not seniority.
    is_peer: bool = False
    # Experience gap (mentor minus mentee years) that scores fully.
    ideal_gap: tuple[int, int] = (3, 15)
    requirements: MentorRequirements = field(default_factory=MentorRequirements)
    policy: Policy = Policy.PLACE_EVERYONE
    # Under the quality policy: pairs scoring below this fraction of the best possible score
    # are not offered, and leaving a mentee unplaced costs `quality_penalty` of that score.
    min_score: float = 0.0
    quality_penalty: float = 0.0
    # Criteria of REQUIRABLE that every pair must share (hard rules, whatever their weight).
    required: frozenset[Criterion] = frozenset()

    def weight(self, criterion: Criterion) -> float:
        return float(self.weights.get(criterion, 0.0))

    @property
    def max_score(self) -> float:
        return float(sum(max(0.0, weight) for weight in self.weights.values()))

    def with_weights(self, **changes: float) -> "MatchConfig":
        """A copy with some weights changed, keyed by criterion value with '_' for '-'."""
        weights = dict(self.weights)
        for key, value in changes.items():
            weights[Criterion(key.replace("_", "-"))] = value
        if any(value < 0 for value in weights.values()):
            message = "Criterion weights cannot be negative."
            raise ValueError(message)
        return replace(self, weights=MappingProxyType(weights))
