"""Turn people into two integer feature matrices whose row products are match scores.

Nearly every criterion is bilinear: score_c(i, j) = Σ_f X[i, f] · Y[j, f], with X holding
the mentee's weighted wants (in score points) and Y the mentor's offer (0 or UNIT). Phase
fit is "the share of the mentee's phases the mentor works in"; the experience-gap and
career-stage tables become a row of the table on the mentee side and a one-hot column on
the mentor side; TF-IDF cosine is a product of quantised, normalised term weights. So a
whole block of scores is one matrix product (BLAS) plus a sparse product for rare
features. All entries are integers and every sum stays below 2^24, so float32 arithmetic
is exact and a pair scores the same in every block, which the optimality check relies on.
"""

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from tandem.matching.engine.criteria import Criterion, MatchConfig, SameRule
from tandem.matching.engine.features import NUM_CAREER_STAGES, UNKNOWN, MatchInput

# The mentor side of every feature is 0..UNIT; scores are divided by UNIT at the end.
UNIT = 127
_MAX_YEARS = 40
# A column goes to the dense matrix product when more than this share of pairs share it:
# then BLAS beats a sparse product, which pays per shared entry.
_DENSE_SHARE = 0.002


@dataclass(frozen=True)
class FeatureMatrices:
    mentee: sparse.csr_array  # n × F, score points
    mentor: sparse.csr_array  # m × F, 0..UNIT
    criterion_of_column: np.ndarray  # index into `criteria`
    criteria: tuple[Criterion, ...]


class _Columns:
    """Collects (criterion, mentee part, mentor part) column groups."""

    def __init__(self, num_mentees: int, num_mentors: int):
        self.shape = (num_mentees, num_mentors)
        self.mentee_parts: list[sparse.csr_array] = []
        self.mentor_parts: list[sparse.csr_array] = []
        self.owners: list[np.ndarray] = []
        self.criteria: list[Criterion] = []

    def add(self, criterion: Criterion, mentee: sparse.csr_array, mentor: sparse.csr_array) -> None:
        if criterion not in self.criteria:
            self.criteria.append(criterion)
        mentee_part = sparse.csr_array(mentee, dtype=np.float32)
        mentor_part = sparse.csr_array(mentor, dtype=np.float32)
        self.mentee_parts.append(mentee_part)
        self.mentor_parts.append(mentor_part)
        self.owners.append(np.full(mentee_part.shape[1], self.criteria.index(criterion)))

    def build(self) -> FeatureMatrices:
        if not self.mentee_parts:
            empty_mentee = sparse.csr_array((self.shape[0], 0), dtype=np.float32)
            empty_mentor = sparse.csr_array((self.shape[1], 0), dtype=np.float32)
            return FeatureMatrices(empty_mentee, empty_mentor, np.zeros(0, dtype=np.int64), ())
        return FeatureMatrices(
            mentee=sparse.csr_array(sparse.hstack(self.mentee_parts, format="csr")),
            mentor=sparse.csr_array(sparse.hstack(self.mentor_parts, format="csr")),
            criterion_of_column=np.concatenate(self.owners),
            criteria=tuple(self.criteria),
        )


def _one_hot(values: np.ndarray, size: int) -> sparse.csr_array:
    """One column per category; UNKNOWN (or out of range) rows stay empty."""
    known = (values >= 0) & (values < size)
    rows = np.flatnonzero(known)
    return sparse.csr_array(
        (np.ones(rows.size, dtype=np.float32), (rows, values[known])), shape=(values.size, size)
    )


def _share_of_mentee(mentee_sets: sparse.csr_array, points: float) -> sparse.csr_array:
    """Each of the mentee's items is worth points / (number of their items), rounded."""
    counts = np.diff(mentee_sets.indptr)
    per_item = np.rint(points / np.maximum(counts, 1)).astype(np.float32)
    scaled = sparse.csr_array(mentee_sets, dtype=np.float32, copy=True)
    scaled.data = np.repeat(per_item, counts)
    return scaled


def _same_width(left: sparse.csr_array, right: sparse.csr_array) -> tuple[sparse.csr_array, ...]:
    width = max(left.shape[1], right.shape[1])
    left = sparse.csr_array((left.data, left.indices, left.indptr), shape=(left.shape[0], width))
    right = sparse.csr_array(
        (right.data, right.indices, right.indptr), shape=(right.shape[0], width)
    )
    return left, right


def _tfidf(mentee_text: list[str], mentor_text: list[str]) -> tuple[sparse.csr_array, ...] | None:
    """L2-normalised TF-IDF rows, so a dot product is the cosine similarity."""
    vectoriser = TfidfVectorizer(stop_words="english", sublinear_tf=True, dtype=np.float32)
    try:
        # One pass over everyone's text: fitting and transforming separately tokenises twice.
        vectors = sparse.csr_array(vectoriser.fit_transform(mentee_text + mentor_text))
    except ValueError:
        # Nobody wrote anything usable: the criterion scores 0 for everyone.
        return None
    return vectors[: len(mentee_text)], vectors[len(mentee_text) :]


def gap_table(config: MatchConfig) -> np.ndarray:
    """Fit (0..1) for (mentee years, mentor years); index _MAX_YEARS + 1 means unknown."""
    years = np.arange(_MAX_YEARS + 2)
    gap = years[None, :] - years[:, None]
    low, high = config.ideal_gap
    distance = np.maximum(low - gap, 0) + np.maximum(gap - high, 0)
    fit = np.clip(1 - distance / 10, 0, 1)
    fit[-1, :] = 0
    fit[:, -1] = 0
    return fit


def stage_table(config: MatchConfig) -> np.ndarray:
    """Fit (0..1) for (mentee stage, mentor stage); the last index means unknown."""
    stages = np.arange(NUM_CAREER_STAGES + 1)
    mentee, mentor = stages[:, None], stages[None, :]
    if config.is_peer:
        fit = np.clip(1 - np.abs(mentor - mentee) / 2, 0, 1)
    else:
        fit = np.where(mentor > mentee, 1.0, np.where(mentor == mentee, 0.5, 0.0))
    fit[-1, :] = 0
    fit[:, -1] = 0
    return fit


def _table_rows(
    mentee_index: np.ndarray, mentor_index: np.ndarray, table: np.ndarray, points: float
) -> tuple[sparse.csr_array, sparse.csr_array]:
    """A lookup table as a bilinear form: the mentee's table row × the mentor's one-hot."""
    mentee = sparse.csr_array(np.rint(table[mentee_index] * points).astype(np.float32))
    mentor = _one_hot(mentor_index, table.shape[1]) * UNIT
    return mentee, mentor


def _years_index(years: np.ndarray) -> np.ndarray:
    return np.where(years == UNKNOWN, _MAX_YEARS + 1, np.clip(years, 0, _MAX_YEARS))


def _stage_index(stages: np.ndarray) -> np.ndarray:
    return np.where(stages < 0, NUM_CAREER_STAGES, stages)


def build_features(
    data: MatchInput, config: MatchConfig, points: dict[Criterion, float]
) -> FeatureMatrices:
    """The bilinear criteria as feature matrices; `points` is each criterion's full weight."""
    mentees, mentors = data.mentees, data.mentors
    columns = _Columns(mentees.size, mentors.size)
    for criterion, sets in (
        (Criterion.PHASE, "phases"),
        (Criterion.SUBJECT, "subjects"),
        (Criterion.LANGUAGE, "languages"),
        (Criterion.EXPERTISE_TAGS, "tags"),
    ):
        if criterion in points:
            wants, offers = _same_width(getattr(mentees, sets), getattr(mentors, sets))
            columns.add(criterion, _share_of_mentee(wants, points[criterion]), offers * UNIT)
    if Criterion.EXPERTISE_TEXT in points:
        vectors = _tfidf(list(mentees.text), list(mentors.text))
        if vectors is not None:
            wants, offers = vectors
            wants = sparse.csr_array(wants * points[Criterion.EXPERTISE_TEXT])
            wants.data = np.rint(wants.data)
            offers = sparse.csr_array(offers * UNIT)
            offers.data = np.rint(offers.data)
            columns.add(Criterion.EXPERTISE_TEXT, wants, offers)
    if Criterion.EXPERIENCE_GAP in points:
        columns.add(
            Criterion.EXPERIENCE_GAP,
            *_table_rows(
                _years_index(mentees.years),
                _years_index(mentors.years),
                gap_table(config),
                points[Criterion.EXPERIENCE_GAP],
            ),
        )
    if Criterion.CAREER_STAGE in points:
        columns.add(
            Criterion.CAREER_STAGE,
            *_table_rows(
                _stage_index(mentees.career_stage),
                _stage_index(mentors.career_stage),
                stage_table(config),
                points[Criterion.CAREER_STAGE],
            ),
        )
    if Criterion.GEOGRAPHY in points:
        size = int(max(mentees.region.max(initial=0), mentors.region.max(initial=0))) + 1
        columns.add(
            Criterion.GEOGRAPHY,
            _one_hot(mentees.region, size) * points[Criterion.GEOGRAPHY],
            _one_hot(mentors.region, size) * UNIT,
        )
    for criterion, rule, attribute in (
        (Criterion.SECTOR, config.sector_rule, "sector"),
        (Criterion.ORGANISATION, config.organisation_rule, "organisation"),
    ):
        if criterion in points and rule in (SameRule.PREFER_SAME, SameRule.PREFER_DIFFERENT):
            _add_same_or_different(
                columns,
                criterion,
                rule,
                mentee_values=getattr(mentees, attribute),
                mentor_values=getattr(mentors, attribute),
                points=points[criterion],
            )
    if Criterion.MENTOR_TRAINING in points:
        columns.add(
            Criterion.MENTOR_TRAINING,
            np.full((mentees.size, 1), points[Criterion.MENTOR_TRAINING], dtype=np.float32),
            mentors.is_trained.astype(np.float32)[:, None] * UNIT,
        )
    return columns.build()


def _add_same_or_different(
    columns: _Columns,
    criterion: Criterion,
    rule: SameRule,
    *,
    mentee_values: np.ndarray,
    mentor_values: np.ndarray,
    points: float,
) -> None:
    # Dense codes so that organisation ids of any size make a compact one-hot.
    codes, inverse = np.unique(np.concatenate([mentee_values, mentor_values]), return_inverse=True)
    inverse = np.where(np.concatenate([mentee_values, mentor_values]) == UNKNOWN, -1, inverse)
    mentee_codes, mentor_codes = inverse[: mentee_values.size], inverse[mentee_values.size :]
    same_mentee = _one_hot(mentee_codes, codes.size)
    same_mentor = _one_hot(mentor_codes, codes.size) * UNIT
    if rule == SameRule.PREFER_SAME:
        columns.add(criterion, same_mentee * points, same_mentor)
        return
    # Different = both known − same.
    known_mentee = (mentee_values != UNKNOWN).astype(np.float32)[:, None] * points
    known_mentor = (mentor_values != UNKNOWN).astype(np.float32)[:, None] * UNIT
    columns.add(criterion, known_mentee, known_mentor)
    columns.add(criterion, same_mentee * -points, same_mentor)


@dataclass(frozen=True)
class SplitMatrices:
    """Columns most pairs share go to a dense BLAS product; the rest stay sparse."""

    dense_mentee: np.ndarray  # n × D float32
    dense_mentor: np.ndarray  # m × D float32
    dense_mentor_t: np.ndarray  # D × m float32, C-contiguous for the block product
    sparse_mentee: sparse.csr_array  # n × S
    sparse_mentor_t: sparse.csr_array  # S × m


def split_dense_sparse(features: FeatureMatrices) -> SplitMatrices:
    mentee, mentor = features.mentee, features.mentor
    num_mentees, num_mentors = max(mentee.shape[0], 1), max(mentor.shape[0], 1)
    mentee_share = np.bincount(mentee.indices, minlength=mentee.shape[1]) / num_mentees
    mentor_share = np.bincount(mentor.indices, minlength=mentor.shape[1]) / num_mentors
    dense = mentee_share * mentor_share > _DENSE_SHARE
    dense_columns, sparse_columns = np.flatnonzero(dense), np.flatnonzero(~dense)
    dense_mentor = np.ascontiguousarray(mentor[:, dense_columns].toarray(), dtype=np.float32)
    return SplitMatrices(
        dense_mentee=np.ascontiguousarray(mentee[:, dense_columns].toarray(), dtype=np.float32),
        dense_mentor=dense_mentor,
        dense_mentor_t=np.ascontiguousarray(dense_mentor.T),
        sparse_mentee=sparse.csr_array(mentee[:, sparse_columns]),
        sparse_mentor_t=sparse.csr_array(mentor[:, sparse_columns].T),
    )
