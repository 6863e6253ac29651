"""Score mentee × mentor pairs in vectorised blocks, with hard constraints as masks.

A block (some mentees × every mentor) is one dense matrix product plus a sparse product
for the bilinear criteria (`features_matrix`), a few bitwise passes for availability, and
masks for the hard constraints. The same code, through a `View`, scores listed pairs for
explanations and reports. Memory is bounded by the block size (rows × mentors ≤
`cell_budget`), never by mentees × mentors.
"""

from collections import deque
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from threadpoolctl import threadpool_limits

from tandem.matching.engine.criteria import Criterion, MatchConfig, Policy, SameRule
from tandem.matching.engine.features import MAX_CAPACITY, UNKNOWN, ForbiddenReason, MatchInput
from tandem.matching.engine.features_matrix import UNIT, build_features, split_dense_sparse
from tandem.people.availability import ALL_SLOTS_MASK

# Scores are integers in 0..SCORE_POINTS so the min-cost flow is exact and the objective can
# be compared exactly with scipy's reference in tests.
SCORE_POINTS = 10_000
INELIGIBLE = -1


def out_of_100(points: float, *, signed: bool = False) -> str:
    """Score points as people read them everywhere: on a scale of 100, to one decimal place
    at most ("73", "12.5"), never as points out of 10,000 or as a percentage."""
    text = f"{points * 100 / SCORE_POINTS:{'+' if signed else ''}.1f}"
    return text.removesuffix(".0")


# About 2 million cells (8 MB per float32 temporary) per block: fast, and flat in memory.
DEFAULT_CELL_BUDGET = 1 << 21
# Blocks scored ahead of the one being consumed (one worker thread each).
_AHEAD = 2
# Criteria that are not bilinear, scored by their own code.
_NONLINEAR = (Criterion.AVAILABILITY, Criterion.MENTEE_PREFERENCE)


class View:
    """Gathers per-person arrays for a block (rows × all mentors) or for listed pairs."""

    def __init__(self, num_mentors: int, rows: np.ndarray, cols: np.ndarray | None = None):
        self.rows = rows
        self.cols = cols
        self.is_block = cols is None
        self.shape = (rows.size, num_mentors) if cols is None else (rows.size,)

    def mentee(self, values: np.ndarray) -> np.ndarray:
        return values[self.rows][:, None] if self.is_block else values[self.rows]

    def mentor(self, values: np.ndarray) -> np.ndarray:
        return values[None, :] if self.is_block else values[self.cols]

    def entries(self, matrix: sparse.csr_array) -> tuple[tuple[np.ndarray, ...], np.ndarray]:
        """Positions in this view's output that `matrix` (mentees × mentors) has, and values."""
        if self.is_block:
            block = sparse.coo_array(matrix[self.rows])
            return (block.row, block.col), block.data
        coo = sparse.coo_array(matrix)
        keys = coo.row.astype(np.int64) * matrix.shape[1] + coo.col
        order = np.argsort(keys)
        keys = keys[order]
        wanted = self.rows.astype(np.int64) * matrix.shape[1] + self.cols
        found = np.searchsorted(keys, wanted)
        found = np.minimum(found, max(keys.size - 1, 0))
        hit = keys[found] == wanted if keys.size else np.zeros(wanted.size, dtype=bool)
        return (np.flatnonzero(hit),), coo.data[order][found[hit]]


@dataclass(frozen=True)
class Exclusion:
    """One hard constraint: a name coordinators read, and whether mentees may see it."""

    code: str
    label: str


EXCLUSIONS = {
    exclusion.code: exclusion
    for exclusion in [
        Exclusion("mentor-not-available", "mentor is not taking mentees in this round"),
        Exclusion("mentor-requirements", "mentor does not meet the programme's requirements"),
        Exclusion("line-manager", "mentor is the mentee's line manager"),
        Exclusion("assessor", "mentor is the mentee's assessor"),
        Exclusion("asked-not-again", "one of them asked not to be paired again"),
        Exclusion("existing-relationship", "they already have an active relationship"),
        Exclusion("declined", "the mentor declined this mentee"),
        Exclusion("excluded-by-coordinator", "a coordinator excluded this pair"),
        Exclusion("previous-match", "the mentee is moving away from this mentor"),
        Exclusion("organisation-rule", "the programme's internal/external rule"),
        Exclusion("sector-rule", "the programme's same/cross-sector rule"),
        Exclusion("experience-rule", "mentor not far enough ahead in experience"),
        Exclusion("below-minimum-score", "match score below the programme's minimum"),
        Exclusion("required-phase", "no phase of education in common (a required rule)"),
        Exclusion("required-subject", "no subject in common (a required rule)"),
        Exclusion("required-language", "no language in common (a required rule)"),
        Exclusion("required-geography", "not in the same region (a required rule)"),
    ]
}
_FORBIDDEN_CODES = {
    ForbiddenReason.LINE_MANAGER: "line-manager",
    ForbiddenReason.ASSESSOR: "assessor",
    ForbiddenReason.ASKED_NOT_AGAIN: "asked-not-again",
    ForbiddenReason.EXISTING_RELATIONSHIP: "existing-relationship",
    ForbiddenReason.DECLINED: "declined",
    ForbiddenReason.EXCLUDED_BY_COORDINATOR: "excluded-by-coordinator",
    ForbiddenReason.PREVIOUS_MATCH: "previous-match",
}


Exclusions = Iterator[tuple[str, np.ndarray | tuple[np.ndarray, ...]]]


class Scorer:
    """Precomputes feature matrices once, then scores blocks or pairs on demand."""

    def __init__(
        self, data: MatchInput, config: MatchConfig, cell_budget: int = DEFAULT_CELL_BUDGET
    ):
        self.data = data
        self.config = config
        self.num_mentees, self.num_mentors = data.shape
        self.block_rows = max(1, cell_budget // max(1, self.num_mentors))
        total = config.max_score
        # Each criterion's full weight in score points; the best possible pair scores
        # SCORE_POINTS.
        self.points = {
            criterion: config.weight(criterion) * SCORE_POINTS / total
            for criterion in Criterion
            if total > 0 and config.weight(criterion) > 0
        }
        bilinear = {c: p for c, p in self.points.items() if c not in _NONLINEAR}
        self.features = build_features(data, config, bilinear)
        self.split = split_dense_sparse(self.features)
        # Availability scores min(shared slots, 3) / 3 of its weight, in whole points.
        self.slot_points = np.float32(round(self.points.get(Criterion.AVAILABILITY, 0) / 3))
        self.preference_points = self.points.get(Criterion.MENTEE_PREFERENCE, 0.0)
        self.availability_mentee = data.mentees.availability.astype(np.int16)
        self.availability_mentor = data.mentors.availability.astype(np.int16)
        # Slot bits, the mentor side worth slot points × UNIT each, and the cap of 3 slots
        # per mentor column (a vector: numpy's minimum with a scalar is not vectorised).
        bits = np.arange(ALL_SLOTS_MASK.bit_length())
        self.slot_bits_mentee = ((self.availability_mentee[:, None] >> bits) & 1).astype(np.float32)
        slot_value = self.slot_points * UNIT
        self.slot_bits_mentor_t = np.ascontiguousarray(
            (((self.availability_mentor[:, None] >> bits) & 1) * slot_value).astype(np.float32).T
        )
        self.slot_cap = np.full(self.num_mentors, 3 * slot_value, dtype=np.float32)
        self.capacity = np.clip(data.capacity, 0, MAX_CAPACITY)
        self.mentor_ok = self._mentor_requirements()
        self.inactive = np.flatnonzero((self.capacity == 0) | ~self.mentor_ok)

    def _mentor_requirements(self) -> np.ndarray:
        mentors, rules = self.data.mentors, self.config.requirements
        meets = np.ones(self.num_mentors, dtype=bool)
        if rules.must_be_trained:
            meets &= mentors.is_trained
        if rules.min_years:
            meets &= mentors.years >= rules.min_years
        if rules.min_career_stage:
            meets &= mentors.career_stage >= rules.min_career_stage
        if mentors.meets_credentials is not None:
            meets &= mentors.meets_credentials
        return meets

    # -- scores -----------------------------------------------------------------------------

    def _add_availability(self, view: View, total: np.ndarray) -> None:
        """Adds min(shared weekly slots, 3) × slot points (in UNIT × points) to `total`."""
        if self.slot_points:
            shared = view.mentee(self.availability_mentee) & view.mentor(self.availability_mentor)
            slots = np.bitwise_count(shared)
            np.minimum(slots, 3, out=slots)
            total += slots * (self.slot_points * UNIT)

    def _add_preference(self, view: View, total: np.ndarray) -> None:
        """Adds the mentee's stated preference for a mentor (in UNIT × points) to `total`."""
        if self.preference_points:
            positions, strength = view.entries(self.data.preferences)
            total[positions] += np.rint(strength * self.preference_points) * UNIT

    def block(self, rows: np.ndarray) -> np.ndarray:
        """Scores (whole points as float32) of `rows` × every mentor; INELIGIBLE where barred."""
        return self.scores(rows).astype(np.float32)

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """`block` as int16 (every score is below 2^15): half the memory traffic downstream.

        Same arithmetic, in the same order, as the float32 block: every partial sum is exact
        except where criteria weigh in fractional points, and there the order matters.
        """
        split = self.split
        total = np.matmul(split.dense_mentee[rows], split.dense_mentor_t)
        if split.sparse_mentee.shape[1]:
            # Densified in C and added in one pass: far cheaper than a fancy-indexed scatter.
            total += (split.sparse_mentee[rows] @ split.sparse_mentor_t).toarray()
        if self.slot_points:
            # Shared slots as a small product over the 15 slot bits, then capped at 3: exact
            # in float32 and several times faster than popcounts on int16.
            slots = np.matmul(self.slot_bits_mentee[rows], self.slot_bits_mentor_t)
            np.minimum(slots, self.slot_cap, out=slots)
            total += slots
            del slots
        view = View(self.num_mentors, rows)
        self._add_preference(view, total)
        total *= np.float32(1 / UNIT)
        np.rint(total, out=total)
        points = total.astype(np.int16)
        del total
        self._apply_exclusions(view, points)
        return points

    def pair_points(self, mentees: np.ndarray, mentors: np.ndarray) -> np.ndarray:
        """Integer scores of listed pairs, equal to what `block` gives them."""
        shares = self.contributions(mentees, mentors)
        total = np.rint(sum(shares.values(), np.zeros(mentees.size)))
        view = View(self.num_mentors, mentees, mentors)
        total = total.astype(np.float32)
        self._apply_exclusions(view, total)
        return total.astype(np.int64)

    def contributions(
        self, mentees: np.ndarray, mentors: np.ndarray
    ) -> dict[Criterion, np.ndarray]:
        """Each weighted criterion's share of the score (in score points) for listed pairs."""
        mentees, mentors = np.asarray(mentees), np.asarray(mentors)
        features = self.features
        products = features.mentee[mentees].multiply(features.mentor[mentors]).tocoo()
        owner = features.criterion_of_column[products.col]
        shares: dict[Criterion, np.ndarray] = {}
        for index, criterion in enumerate(features.criteria):
            mine = owner == index
            summed = np.bincount(products.row[mine], products.data[mine], minlength=mentees.size)
            shares[criterion] = summed / UNIT
        view = View(self.num_mentors, mentees, mentors)
        for criterion, add in (
            (Criterion.AVAILABILITY, self._add_availability),
            (Criterion.MENTEE_PREFERENCE, self._add_preference),
        ):
            if criterion in self.points:
                part = np.zeros(mentees.size, dtype=np.float64)
                add(view, part)
                shares[criterion] = part / UNIT
        return {criterion: shares[criterion] for criterion in self.points if criterion in shares}

    def blocks(self, rows: np.ndarray) -> Iterator[np.ndarray]:
        """`rows` split into blocks small enough to keep memory flat."""
        for start in range(0, rows.size, self.block_rows):
            yield rows[start : start + self.block_rows]

    def scored_blocks(self, rows: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """(block rows, `scores`) for each block, in order, scored ahead in worker threads.

        numpy and BLAS release the GIL, so on two cores the caller's work on one block
        (selecting candidates) overlaps with scoring the next two. BLAS is held to one
        thread meanwhile: its spinning threads would fight the workers for the cores.
        Memory stays flat: at most `_AHEAD` + 1 blocks are alive.
        """
        blocks = list(self.blocks(rows))
        if len(blocks) < 2:
            yield from ((block_rows, self.scores(block_rows)) for block_rows in blocks)
            return
        with (
            threadpool_limits(limits=1, user_api="blas"),
            ThreadPoolExecutor(max_workers=_AHEAD) as pool,
        ):
            pending = deque(pool.submit(self.scores, block_rows) for block_rows in blocks[:_AHEAD])
            for index, block_rows in enumerate(blocks):
                scores = pending.popleft().result()
                if index + _AHEAD < len(blocks):
                    pending.append(pool.submit(self.scores, blocks[index + _AHEAD]))
                yield block_rows, scores

    # -- constraints ------------------------------------------------------------------------

    def exclusions(self, view: View) -> Exclusions:
        """Each hard constraint as (code, allowed mask) or (code, positions it bars)."""
        yield "mentor-not-available", view.mentor(self.capacity > 0)
        yield "mentor-requirements", view.mentor(self.mentor_ok)
        positions, flags = view.entries(self.data.forbidden)
        for flag, code in _FORBIDDEN_CODES.items():
            hit = (flags & flag) != 0
            if hit.any():
                yield code, tuple(position[hit] for position in positions)
        data, config = self.data, self.config
        for code, rule, attribute in (
            ("organisation-rule", config.organisation_rule, "organisation"),
            ("sector-rule", config.sector_rule, "sector"),
        ):
            if rule not in (SameRule.REQUIRE_SAME, SameRule.REQUIRE_DIFFERENT):
                continue
            mentee = view.mentee(getattr(data.mentees, attribute))
            mentor = view.mentor(getattr(data.mentors, attribute))
            same = (mentee == mentor) & (mentee != UNKNOWN)
            # Unknown never proves "same": excluded under require-same, allowed under
            # require-different; the data report lists who is missing it.
            yield code, same if rule == SameRule.REQUIRE_SAME else ~same
        ahead = config.requirements.min_years_ahead
        if ahead is not None:
            # A mentee with unknown years counts as new to the profession (0 years).
            mentee_years = np.maximum(data.mentees.years, 0).astype(np.int16)
            mentor_years = data.mentors.years.astype(np.int16)
            yield "experience-rule", view.mentor(mentor_years) - view.mentee(mentee_years) >= ahead
        for criterion in sorted(config.required):
            yield f"required-{criterion.value}", self._shares(view, criterion)

    def _shares(self, view: View, criterion: Criterion) -> np.ndarray:
        """Whether each pair of the view shares a phase, subject, language or region.

        Missing data never proves a match: someone with no phases recorded shares none.
        """
        data = self.data
        if criterion == Criterion.GEOGRAPHY:
            mentee, mentor = view.mentee(data.mentees.region), view.mentor(data.mentors.region)
            return (mentee == mentor) & (mentee != UNKNOWN)
        attribute = {
            Criterion.PHASE: "phases",
            Criterion.SUBJECT: "subjects",
            Criterion.LANGUAGE: "languages",
        }[criterion]
        mentees, mentors = getattr(data.mentees, attribute), getattr(data.mentors, attribute)
        width = max(mentees.shape[1], mentors.shape[1])
        mentees = sparse.csr_array(mentees[view.rows], shape=(view.rows.size, mentees.shape[1]))
        mentees.resize((view.rows.size, width))
        mentors = sparse.csr_array(mentors, copy=True)
        mentors.resize((mentors.shape[0], width))
        if view.is_block:
            return (mentees @ mentors.T).toarray() > 0
        assert view.cols is not None  # noqa: S101 - a pair view always lists its mentors
        return np.asarray((mentees.multiply(mentors[view.cols])).sum(axis=1)).ravel() > 0

    def _apply_exclusions(self, view: View, total: np.ndarray) -> None:
        for _code, barred in self.exclusions(view):
            if isinstance(barred, tuple):
                total[barred] = INELIGIBLE
            elif view.is_block and barred.shape[0] == 1:
                total[:, ~barred[0]] = INELIGIBLE
            else:
                np.copyto(total, INELIGIBLE, where=~barred)
        if self.config.policy == Policy.QUALITY and self.config.min_score > 0:
            total[total < self.config.min_score * SCORE_POINTS] = INELIGIBLE

    def broken_rules(self, mentee: int, mentor: int) -> list[str]:
        """Codes of the hard constraints that bar one pair."""
        rows, cols = np.array([mentee]), np.array([mentor])
        view = View(self.num_mentors, rows, cols)
        broken = []
        for code, barred in self.exclusions(view):
            if isinstance(barred, tuple):
                if barred[0].size:
                    broken.append(code)
            elif not np.broadcast_to(barred, view.shape).all():
                broken.append(code)
        if not broken and self.pair_points(rows, cols)[0] == INELIGIBLE:
            broken.append("below-minimum-score")
        return broken

    def rule_barred(self, rows: np.ndarray) -> np.ndarray:
        """Listed mentees × every mentor: barred by a hard rule (the minimum score aside)."""
        view = View(self.num_mentors, rows)
        barred = np.zeros(view.shape, dtype=bool)
        for _code, rule in self.exclusions(view):
            if isinstance(rule, tuple):
                barred[rule] = True
            else:
                barred |= ~np.broadcast_to(rule, view.shape)
        return barred

    def exclusion_counts(self, rows: np.ndarray) -> dict[str, np.ndarray]:
        """How many mentors each hard constraint rules out, per listed mentee (for reports)."""
        view = View(self.num_mentors, rows)
        counts: dict[str, np.ndarray] = {}
        for code, barred in self.exclusions(view):
            if isinstance(barred, tuple):
                counts[code] = np.bincount(barred[0], minlength=rows.size)
            else:
                counts[code] = np.broadcast_to(~barred, view.shape).sum(axis=1)
        return counts
