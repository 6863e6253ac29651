"""An independent reference for why a mentee is unplaced, on a dense eligibility matrix.

Written without the engine's chain search: every pair is scored one by one through the
listed-pairs path (not the block path the engine uses), rules come from `broken_rules` pair
by pair, and "could room be made for this mentee?" is answered by scipy's assignment solver:
room can be made for unplaced mentee i exactly when the placed mentees and i can all be
placed at once (the matching-augmentation theorem), and the best rearrangement's change in
total score is the best such assignment's total minus today's.
"""

from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from tandem.matching.engine.reports import UnplacedReason
from tandem.matching.engine.scoring import INELIGIBLE, SCORE_POINTS, Scorer

# Bigger than any total of scores, so "place everyone in the set" comes before quality.
_PLACED = 10**7
_BARRED = -(10**9)


@dataclass(frozen=True)
class Reason:
    reason: UnplacedReason
    exclusions: dict[str, int]
    num_eligible: int
    best_change: int | None = None


class Dense:
    """Every mentee × mentor pair's score (INELIGIBLE where barred) and broken rules."""

    def __init__(self, scorer: Scorer):
        self.scorer = scorer
        n, m = scorer.num_mentees, scorer.num_mentors
        mentees, mentors = np.repeat(np.arange(n), m), np.tile(np.arange(m), n)
        points = scorer.pair_points(mentees, mentors) if n * m else np.zeros(0, dtype=np.int64)
        self.points = points.reshape(n, m)
        self.eligible = self.points != INELIGIBLE
        self.capacity = scorer.capacity * scorer.mentor_ok

    def exclusions(self, mentee: int) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for mentor in np.flatnonzero(~self.eligible[mentee]).tolist():
            counts.update(self.scorer.broken_rules(mentee, mentor))
        return dict(counts)

    def best_assignment(self, mentees: np.ndarray, capacity: np.ndarray) -> int | None:
        """Best total score placing every one of `mentees` at once, or None if impossible."""
        places = np.repeat(np.arange(capacity.size), np.maximum(capacity, 0))
        if mentees.size > places.size:
            return None
        if mentees.size == 0:
            return 0
        scores = self.points[np.ix_(mentees, places)].astype(np.int64)
        value = np.where(scores == INELIGIBLE, _BARRED, scores + _PLACED)
        chosen_rows, chosen_columns = linear_sum_assignment(value, maximize=True)
        chosen = scores[chosen_rows, chosen_columns]
        if chosen_rows.size < mentees.size or (chosen == INELIGIBLE).any():
            return None
        return int(chosen.sum())


def allocation_reasons(scorer: Scorer, allocation) -> dict[int, Reason]:
    """Per unplaced mentee of the allocation's rows, the reason the reference finds."""
    dense = Dense(scorer)
    mentor_of = allocation.mentor
    load = np.bincount(mentor_of[mentor_of >= 0], minlength=scorer.num_mentors)
    places_left = dense.capacity - load
    rows = allocation.rows
    movable_placed = rows[mentor_of[rows] >= 0]
    kept = np.flatnonzero(allocation.locked)
    free_for_run = dense.capacity - np.bincount(mentor_of[kept], minlength=scorer.num_mentors)
    today = int(dense.points[movable_placed, mentor_of[movable_placed]].sum())
    penalty = round(scorer.config.quality_penalty * SCORE_POINTS)
    is_quality = scorer.config.policy == "quality"
    reasons = {}
    for mentee in rows[mentor_of[rows] < 0].tolist():
        if scorer.num_mentors == 0:
            reasons[mentee] = Reason(UnplacedReason.NO_MENTORS, {}, 0)
            continue
        eligible = dense.eligible[mentee]
        exclusions, count = dense.exclusions(mentee), int(eligible.sum())
        if count == 0:
            reasons[mentee] = Reason(UnplacedReason.NO_ELIGIBLE_MENTOR, exclusions, 0)
            continue
        if (eligible & (places_left > 0)).any():
            reasons[mentee] = Reason(UnplacedReason.NOT_PROVED, exclusions, count)
            continue
        best = dense.best_assignment(np.append(movable_placed, mentee), free_for_run)
        if best is None:
            reasons[mentee] = Reason(UnplacedReason.CAPACITY_TAKEN, exclusions, count)
        elif not is_quality or best - today + penalty > 0:
            reasons[mentee] = Reason(UnplacedReason.NOT_PROVED, exclusions, count)
        else:
            reasons[mentee] = Reason(UnplacedReason.QUALITY, exclusions, count, best - today)
    return reasons


def shortlist_reasons(scorer: Scorer, lists) -> dict[int, Reason]:
    """Per mentee with fewer than k suggestions, the reason the reference finds."""
    dense = Dense(scorer)
    listed = [mentors for mentors in lists.mentors if mentors.size]
    load = np.bincount(np.concatenate(listed), minlength=scorer.num_mentors) if listed else 0
    room = dense.capacity * lists.k - load > 0
    reasons = {}
    for mentee in lists.rows.tolist():
        given = lists.mentors[mentee]
        if given.size >= lists.k:
            continue
        if scorer.num_mentors == 0:
            reasons[mentee] = Reason(UnplacedReason.NO_MENTORS, {}, 0)
            continue
        eligible = dense.eligible[mentee]
        exclusions, count = dense.exclusions(mentee), int(eligible.sum())
        unlisted = eligible.copy()
        unlisted[given] = False
        if count == 0:
            reason = UnplacedReason.NO_ELIGIBLE_MENTOR
        elif (unlisted & room).any():
            reason = UnplacedReason.NOT_PROVED
        elif given.size == count:
            reason = UnplacedReason.FEWER_ELIGIBLE
        else:
            reason = UnplacedReason.SHORTLISTS_FULL
        reasons[mentee] = Reason(reason, exclusions, count)
    return reasons
