"""Explanations: what each criterion contributed to a pair, and why not another mentor.

Only criterion names and contributions (in points of the programme's score) are shown,
never the other person's attributes: a mentee may learn that "Shared language" added 5
points, not which languages the mentor speaks. Constraint reasons shown to a mentee are
generic for the same reason ("asked not to be paired again" would disclose someone's
request); coordinators get the specific rule.
"""

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from tandem.matching.engine.criteria import CRITERION_LABELS, Criterion
from tandem.matching.engine.scoring import (
    EXCLUSIONS,
    INELIGIBLE,
    SCORE_POINTS,
    Scorer,
    out_of_100,
)
from tandem.matching.engine.solver import Allocation


@dataclass(frozen=True)
class Contribution:
    criterion: Criterion
    label: str
    points: float  # out of SCORE_POINTS for the whole score


@dataclass(frozen=True)
class PairExplanation:
    mentee: int
    mentor: int
    total: int
    contributions: tuple[Contribution, ...]  # largest first; zero contributions left out

    @property
    def percent(self) -> float:
        return 100 * self.total / SCORE_POINTS


def explain_pairs(
    scorer: Scorer, mentees: np.ndarray, mentors: np.ndarray
) -> tuple[list[Criterion], np.ndarray]:
    """Per-criterion contributions for many pairs at once: (criteria, pairs × criteria).

    Vectorised, so explaining every pair of a national run costs far less than scoring.
    """
    shares = scorer.contributions(np.asarray(mentees), np.asarray(mentors))
    criteria = list(shares)
    if not criteria:
        return criteria, np.zeros((len(mentees), 0))
    return criteria, np.column_stack([shares[criterion] for criterion in criteria])


def explain_pair(scorer: Scorer, mentee: int, mentor: int) -> PairExplanation:
    shares = scorer.contributions(np.array([mentee]), np.array([mentor]))
    contributions = sorted(
        (
            Contribution(criterion, CRITERION_LABELS[criterion], round(float(value[0]), 1))
            for criterion, value in shares.items()
            if value[0] > 0
        ),
        key=lambda contribution: -contribution.points,
    )
    total = int(scorer.pair_points(np.array([mentee]), np.array([mentor]))[0])
    return PairExplanation(mentee, mentor, total, tuple(contributions))


class WhyNotReason(StrEnum):
    CONSTRAINT = "constraint"
    CAPACITY_TAKEN = "capacity-taken"
    LOWER_SCORE = "lower-score"
    EQUAL_SCORE = "equal-score"
    # Scores higher and has room: only when the allocation was not proved optimal.
    NOT_USED = "not-used"
    IS_CHOSEN = "is-chosen"


MENTEE_TEXT = {
    WhyNotReason.CONSTRAINT: "This pairing is not available under the programme's rules.",
    WhyNotReason.CAPACITY_TAKEN: (
        "This mentor's places went to pairings that gave a better overall result for "
        "everyone in the programme."
    ),
    WhyNotReason.LOWER_SCORE: "This mentor fitted your needs less well than your match.",
    WhyNotReason.EQUAL_SCORE: (
        "This mentor fitted your needs as well as your match: either would have suited, and "
        "the allocation chose one."
    ),
    WhyNotReason.NOT_USED: (
        "This mentor fitted your needs at least as well and had a place; your coordinator "
        "can review this pairing."
    ),
    WhyNotReason.IS_CHOSEN: "This is your match.",
}


@dataclass(frozen=True)
class WhyNot:
    mentor: int
    reason: WhyNotReason
    mentee_text: str
    coordinator_text: str
    # For LOWER_SCORE and CAPACITY_TAKEN: this mentor's points minus the match's, per
    # criterion (positive = this mentor was stronger there).
    differences: tuple[Contribution, ...] = ()


def why_not(
    scorer: Scorer, allocation: Allocation, mentee: int, mentors: list[int]
) -> list[WhyNot]:
    """For each shortlisted mentor, why they were (not) the mentee's match."""
    chosen = int(allocation.mentor[mentee])
    candidates = np.array(mentors, dtype=np.int64)
    points = scorer.pair_points(np.full(candidates.size, mentee), candidates)
    chosen_shares = (
        scorer.contributions(np.array([mentee]), np.array([chosen])) if chosen >= 0 else {}
    )
    shares = scorer.contributions(np.full(candidates.size, mentee), candidates)
    load = np.bincount(allocation.mentor[allocation.mentor >= 0], minlength=scorer.num_mentors)
    full = load >= scorer.capacity
    chosen_points = int(allocation.points[mentee]) if chosen >= 0 else -1
    answers = []
    for position, mentor in enumerate(candidates.tolist()):
        differences = tuple(
            sorted(
                (
                    Contribution(
                        criterion,
                        CRITERION_LABELS[criterion],
                        round(
                            float(
                                value[position]
                                - (chosen_shares[criterion][0] if chosen_shares else 0)
                            ),
                            1,
                        ),
                    )
                    for criterion, value in shares.items()
                ),
                key=lambda contribution: -abs(contribution.points),
            )
        )
        if mentor == chosen:
            reason, detail = WhyNotReason.IS_CHOSEN, "The mentee's match."
        elif points[position] == INELIGIBLE:
            codes = scorer.broken_rules(mentee, mentor)
            reason = WhyNotReason.CONSTRAINT
            detail = "Barred: " + "; ".join(EXCLUSIONS[code].label for code in codes) + "."
            differences = ()
        elif full[mentor] and points[position] > chosen_points:
            reason = WhyNotReason.CAPACITY_TAKEN
            detail = (
                f"Scores {out_of_100(points[position])} out of 100 against the match's "
                f"{out_of_100(chosen_points)}, but the "
                "mentor is full with pairings worth more to the whole allocation."
            )
        elif points[position] > chosen_points:
            reason = WhyNotReason.NOT_USED
            detail = (
                f"Scores {out_of_100(points[position])} out of 100 against the match's "
                f"{out_of_100(chosen_points)} and has a "
                "place left: the allocation was not proved optimal."
            )
        elif points[position] == chosen_points:
            reason = WhyNotReason.EQUAL_SCORE
            detail = (
                f"Scores the same as the match ({out_of_100(chosen_points)} out of 100): a tie."
            )
        else:
            reason = WhyNotReason.LOWER_SCORE
            detail = (
                f"Scores {out_of_100(points[position])} out of 100 against the match's "
                f"{out_of_100(chosen_points)}."
            )
        answers.append(WhyNot(mentor, reason, MENTEE_TEXT[reason], detail, differences))
    return answers
