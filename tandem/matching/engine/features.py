"""The matching engine's input: plain arrays, one row per person, built in bulk.

A later adapter fills these from Django querysets (one `values_list` per field and one query
per many-to-many table), so the engine never touches the ORM and can be tested and
benchmarked on synthetic data. Sets (phases, subjects, languages, tags) are sparse CSR rows;
availability is the 15-bit mask from `tandem.people.availability`.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import IntFlag

import numpy as np
from scipy import sparse

from tandem.people.availability import ALL_SLOTS_MASK

# Missing numbers and categories are stored as UNKNOWN so that arrays stay numeric; scoring
# treats UNKNOWN as "no evidence of a match" and reports it as missing data.
UNKNOWN = -1
MAX_CAPACITY = 10

# Mirrors tandem.people.models.ProfileCareerStage: the engine needs an order (trainee first),
# not the labels. "Other professional" sits with experienced practitioners.
CAREER_STAGE_ORDINAL = {
    "trainee": 0,
    "early-career": 1,
    "experienced": 2,
    "other-professional": 2,
    "middle-leader": 3,
    "senior-leader": 4,
    "headteacher": 5,
}
NUM_CAREER_STAGES = 6


class ForbiddenReason(IntFlag):
    """Why a pair must never be proposed. Flags, because one pair can have several."""

    LINE_MANAGER = 1
    ASSESSOR = 2
    ASKED_NOT_AGAIN = 4
    EXISTING_RELATIONSHIP = 8
    DECLINED = 16
    EXCLUDED_BY_COORDINATOR = 32
    # A rematched mentee is not offered the mentor they are moving away from.
    PREVIOUS_MATCH = 64


def sets_matrix(rows: Sequence[Iterable[int]], size: int) -> sparse.csr_array:
    """One CSR row per person holding the ids (0..size-1) of their phases, tags and so on."""
    lengths = np.fromiter((len(list_) for list_ in map(list, rows)), dtype=np.int64)
    indices = np.fromiter((item for row in rows for item in row), dtype=np.int32)
    if indices.size and (indices.min() < 0 or indices.max() >= size):
        message = f"Set ids must lie in 0..{size - 1}."
        raise ValueError(message)
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    data = np.ones(indices.size, dtype=np.float32)
    matrix = sparse.csr_array((data, indices, indptr), shape=(len(lengths), size))
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    return matrix


def empty_sets(num_people: int, size: int = 1) -> sparse.csr_array:
    return sparse.csr_array((num_people, size), dtype=np.float32)


@dataclass(frozen=True)
class Side:
    """One side of the match (mentees or mentors): column arrays, one row per person.

    For mentees, `tags` are their goals and focus areas and `text` what they hope to work
    on; for mentors, `tags` are their expertise and `text` their expertise statement.
    """

    ids: np.ndarray
    years: np.ndarray
    career_stage: np.ndarray
    region: np.ndarray
    sector: np.ndarray
    organisation: np.ndarray
    availability: np.ndarray
    is_trained: np.ndarray
    phases: sparse.csr_array
    subjects: sparse.csr_array
    languages: sparse.csr_array
    tags: sparse.csr_array
    text: Sequence[str]
    # Mentors: whether they hold the credentials the programme asks for (accredited in
    # date, a named course), worked out by the adapter; None when nothing is asked.
    meets_credentials: np.ndarray | None = None

    @property
    def size(self) -> int:
        return int(self.ids.shape[0])

    def select(self, rows: np.ndarray) -> "Side":
        """The same people restricted to `rows`, for rematching a subset."""
        return Side(
            ids=self.ids[rows],
            years=self.years[rows],
            career_stage=self.career_stage[rows],
            region=self.region[rows],
            sector=self.sector[rows],
            organisation=self.organisation[rows],
            availability=self.availability[rows],
            is_trained=self.is_trained[rows],
            phases=self.phases[rows],
            subjects=self.subjects[rows],
            languages=self.languages[rows],
            tags=self.tags[rows],
            text=[self.text[row] for row in rows],
            meets_credentials=None
            if self.meets_credentials is None
            else self.meets_credentials[rows],
        )

    def missing_fields(self) -> dict[str, np.ndarray]:
        """Which people lack which profile data (True = missing), for the data report."""
        return {
            "years in profession": self.years == UNKNOWN,
            "career stage": self.career_stage == UNKNOWN,
            "region": self.region == UNKNOWN,
            "phases": np.diff(self.phases.indptr) == 0,
            "subjects": np.diff(self.subjects.indptr) == 0,
            "languages": np.diff(self.languages.indptr) == 0,
            "availability": self.availability == 0,
        }


def build_side(
    *,
    ids: Sequence[int] | np.ndarray,
    years: Sequence[int] | np.ndarray,
    career_stage: Sequence[int] | np.ndarray,
    region: Sequence[int] | np.ndarray,
    sector: Sequence[int] | np.ndarray,
    organisation: Sequence[int] | np.ndarray,
    availability: Sequence[int] | np.ndarray,
    is_trained: Sequence[bool] | np.ndarray | None = None,
    phases: sparse.csr_array | None = None,
    subjects: sparse.csr_array | None = None,
    languages: sparse.csr_array | None = None,
    tags: sparse.csr_array | None = None,
    text: Sequence[str] | None = None,
    meets_credentials: Sequence[bool] | np.ndarray | None = None,
) -> Side:
    """Check lengths and normalise dtypes, so scoring can rely on them."""
    num_people = len(ids)
    side = Side(
        ids=np.asarray(ids, dtype=np.int64),
        years=np.asarray(years, dtype=np.int16),
        career_stage=np.asarray(career_stage, dtype=np.int8),
        region=np.asarray(region, dtype=np.int32),
        sector=np.asarray(sector, dtype=np.int32),
        organisation=np.asarray(organisation, dtype=np.int64),
        availability=np.asarray(availability, dtype=np.int64),
        is_trained=np.zeros(num_people, dtype=bool)
        if is_trained is None
        else np.asarray(is_trained, dtype=bool),
        phases=empty_sets(num_people) if phases is None else sparse.csr_array(phases),
        subjects=empty_sets(num_people) if subjects is None else sparse.csr_array(subjects),
        languages=empty_sets(num_people) if languages is None else sparse.csr_array(languages),
        tags=empty_sets(num_people) if tags is None else sparse.csr_array(tags),
        text=[""] * num_people if text is None else list(text),
        meets_credentials=None
        if meets_credentials is None
        else np.asarray(meets_credentials, dtype=bool),
    )
    for name in ("years", "career_stage", "region", "sector", "organisation", "availability"):
        if getattr(side, name).shape != (num_people,):
            message = f"{name} has {getattr(side, name).shape[0]} rows, expected {num_people}."
            raise ValueError(message)
    for name in ("phases", "subjects", "languages", "tags"):
        if getattr(side, name).shape[0] != num_people:
            message = f"{name} has {getattr(side, name).shape[0]} rows, expected {num_people}."
            raise ValueError(message)
    if side.meets_credentials is not None and side.meets_credentials.shape != (num_people,):
        message = f"meets_credentials needs {num_people} rows."
        raise ValueError(message)
    if len(side.text) != num_people or side.is_trained.shape != (num_people,):
        message = f"text and is_trained need {num_people} rows."
        raise ValueError(message)
    if np.any((side.availability < 0) | (side.availability > ALL_SLOTS_MASK)):
        message = "Availability masks must use the 15 known weekly slots only."
        raise ValueError(message)
    return side


def pairs_matrix(
    mentee_rows: Sequence[int] | np.ndarray,
    mentor_rows: Sequence[int] | np.ndarray,
    values: Sequence[float] | np.ndarray,
    shape: tuple[int, int],
    dtype: type = np.float32,
) -> sparse.csr_array:
    """A sparse mentee × mentor matrix; repeated pairs keep the largest value (or OR of flags)."""
    rows = np.asarray(mentee_rows, dtype=np.int64)
    cols = np.asarray(mentor_rows, dtype=np.int64)
    data: np.ndarray = np.asarray(values, dtype=dtype)
    if rows.size == 0:
        return sparse.csr_array(shape, dtype=dtype)
    keys = rows * shape[1] + cols
    order = np.argsort(keys, kind="stable")
    keys, data = keys[order], data[order]
    starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    merged = (
        np.bitwise_or.reduceat(data, starts)
        if np.issubdtype(dtype, np.integer)
        else np.maximum.reduceat(data, starts)
    )
    unique_keys = keys[starts]
    return sparse.csr_array(
        (merged, (unique_keys // shape[1], unique_keys % shape[1])), shape=shape, dtype=dtype
    )


@dataclass(frozen=True)
class MatchInput:
    """Everything the engine needs about one programme's matching round."""

    mentees: Side
    mentors: Side
    # Places each mentor offers (the programme allows 1–10); 0 means not taking mentees now.
    capacity: np.ndarray
    # ForbiddenReason flags per (mentee, mentor); absent = allowed.
    forbidden: sparse.csr_array = field(default=None)
    # The mentee's own stated preference for a mentor, strength in (0, 1].
    preferences: sparse.csr_array = field(default=None)

    def __post_init__(self) -> None:
        shape = (self.mentees.size, self.mentors.size)
        if self.forbidden is None:
            object.__setattr__(self, "forbidden", sparse.csr_array(shape, dtype=np.int32))
        if self.preferences is None:
            object.__setattr__(self, "preferences", sparse.csr_array(shape, dtype=np.float32))
        capacity = np.asarray(self.capacity, dtype=np.int64)
        object.__setattr__(self, "capacity", capacity)
        if capacity.shape != (self.mentors.size,):
            message = f"capacity needs one entry per mentor ({self.mentors.size})."
            raise ValueError(message)
        if self.forbidden.shape != shape or self.preferences.shape != shape:
            message = f"forbidden and preferences must be mentees × mentors {shape}."
            raise ValueError(message)

    @property
    def shape(self) -> tuple[int, int]:
        return self.mentees.size, self.mentors.size

    def with_capacity(self, capacity: np.ndarray) -> "MatchInput":
        return replace(self, capacity=capacity)

    def with_forbidden(self, extra: sparse.csr_array) -> "MatchInput":
        """Adds forbidden pairs (for example each rematched mentee's current mentor)."""
        # OR the flags, because one pair can be forbidden for several reasons.
        coo = sparse.coo_array(self.forbidden)
        extra_coo = sparse.coo_array(extra)
        flags = pairs_matrix(
            np.concatenate([coo.row, extra_coo.row]),
            np.concatenate([coo.col, extra_coo.col]),
            np.concatenate([coo.data, extra_coo.data]).astype(np.int32),
            self.shape,
            dtype=np.int32,
        )
        return replace(self, forbidden=flags)
