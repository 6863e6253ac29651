"""Synthetic matching rounds for tests and the benchmark (no database, no real people).

The shapes follow what a national programme looks like: most people in one or two phases,
a handful of subjects, English plus sometimes another language, popular and rare focus
areas, a Zipf-like vocabulary in free text, and some line-manager and "not again" pairs.
"""

import numpy as np
from scipy import sparse

from tandem.matching.engine.features import (
    ForbiddenReason,
    MatchInput,
    Side,
    build_side,
    pairs_matrix,
)

_WORDS = (
    "behaviour",
    "reading",
    "phonics",
    "maths",
    "workload",
    "assessment",
    "leadership",
    "send",
    "wellbeing",
    "curriculum",
    "feedback",
    "questioning",
    "retrieval",
    "practice",
    "planning",
    "adaptive",
    "teaching",
    "safeguarding",
    "attendance",
    "literacy",
    "numeracy",
    "oracy",
    "science",
    "history",
    "geography",
    "music",
    "pastoral",
    "transition",
    "inclusion",
    "coaching",
    "observation",
    "data",
    "parents",
    "governors",
    "budget",
    "timetabling",
    "recruitment",
    "retention",
    "induction",
    "early",
    "years",
    "primary",
    "secondary",
    "sixth",
    "form",
    "vocational",
    "apprenticeships",
    "social",
    "care",
    "placements",
    "supervision",
    "reflective",
    "practice",
    "trauma",
    "informed",
    "attachment",
    "autism",
    "dyslexia",
    "english",
    "additional",
    "language",
    "disadvantage",
    "exclusions",
    "restorative",
    "mentoring",
    "research",
    "evidence",
    "subject",
    "knowledge",
    "misconceptions",
    "modelling",
    "scaffolding",
    "homework",
    "marking",
    "moderation",
    "examinations",
    "coursework",
)
_NUM_TAGS = 120


def _sets(
    rng: np.random.Generator, count: int, size: int, most: int, skew: float
) -> sparse.csr_array:
    popularity = 1 / np.arange(1, size + 1) ** skew
    popularity /= popularity.sum()
    lengths = rng.integers(1, most + 1, count)
    indices = rng.choice(size, size=int(lengths.sum()), p=popularity)
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    matrix = sparse.csr_array(
        (np.ones(indices.size, dtype=np.float32), indices, indptr), shape=(count, size)
    )
    matrix.sum_duplicates()
    matrix.data[:] = 1
    return matrix


def _text(rng: np.random.Generator, count: int) -> list[str]:
    popularity = 1 / np.arange(1, len(_WORDS) + 1)
    popularity /= popularity.sum()
    words = rng.choice(len(_WORDS), size=(count, 8), p=popularity)
    return [" ".join(_WORDS[index] for index in row) for row in words]


def synthetic_side(rng: np.random.Generator, count: int, *, is_mentor: bool) -> Side:
    num_organisations = max(1, count // 25)
    years = rng.integers(5, 30, count) if is_mentor else rng.integers(0, 6, count)
    stage = rng.integers(2, 6, count) if is_mentor else rng.integers(0, 3, count)
    return build_side(
        ids=np.arange(count),
        years=years,
        career_stage=stage,
        region=rng.integers(0, 9, count),
        sector=rng.choice(4, count, p=[0.85, 0.08, 0.05, 0.02]),
        organisation=rng.integers(0, num_organisations, count),
        availability=rng.integers(0, 1 << 15, count),
        is_trained=rng.random(count) < (0.8 if is_mentor else 0.0),
        phases=_sets(rng, count, 6, 2, 1.0),
        subjects=_sets(rng, count, 30, 2, 0.8),
        languages=_sets(rng, count, 12, 2, 2.5),
        tags=_sets(rng, count, _NUM_TAGS, 4, 0.7),
        text=_text(rng, count),
    )


def synthetic_round(
    num_mentees: int,
    num_mentors: int,
    *,
    seed: int = 0,
    max_capacity: int = 3,
    forbidden_share: float = 0.05,
    preference_share: float = 0.2,
) -> MatchInput:
    """A matching round with `num_mentees` × `num_mentors` and capacities 1..max_capacity."""
    rng = np.random.default_rng(seed)
    mentees = synthetic_side(rng, num_mentees, is_mentor=False)
    mentors = synthetic_side(rng, num_mentors, is_mentor=True)
    shape = (num_mentees, num_mentors)
    num_forbidden = int(forbidden_share * num_mentees) if num_mentors else 0
    reasons = rng.choice(
        [ForbiddenReason.LINE_MANAGER, ForbiddenReason.ASSESSOR, ForbiddenReason.ASKED_NOT_AGAIN],
        num_forbidden,
    ).astype(np.int32)
    forbidden = pairs_matrix(
        rng.integers(0, num_mentees, num_forbidden),
        rng.integers(0, max(num_mentors, 1), num_forbidden),
        reasons,
        shape,
        dtype=np.int32,
    )
    num_preferences = int(preference_share * num_mentees) if num_mentors else 0
    preferences = pairs_matrix(
        rng.integers(0, num_mentees, num_preferences),
        rng.integers(0, max(num_mentors, 1), num_preferences),
        rng.choice([1.0, 0.8, 0.6], num_preferences),
        shape,
    )
    return MatchInput(
        mentees=mentees,
        mentors=mentors,
        capacity=rng.integers(1, max_capacity + 1, num_mentors),
        forbidden=forbidden,
        preferences=preferences,
    )
