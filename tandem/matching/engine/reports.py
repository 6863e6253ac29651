"""Plain-language reports for coordinators: input problems and why a mentee is unplaced.

Bad input never crashes a run or yields a silent partial result: every mentee the engine
could not place is listed with a reason, and every problem with the input is a sentence.
These reports are for coordinators; mentee-facing wording lives in `explain`.
"""

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from tandem.matching.engine.features import MAX_CAPACITY, MatchInput
from tandem.matching.engine.scoring import EXCLUSIONS, INELIGIBLE, Scorer


class UnplacedReason(StrEnum):
    NO_MENTORS = "no-mentors"
    NO_ELIGIBLE_MENTOR = "no-eligible-mentor"
    CAPACITY_TAKEN = "capacity-taken"
    QUALITY = "quality"


@dataclass(frozen=True)
class Unplaced:
    mentee: int
    reason: UnplacedReason
    message: str
    # How many mentors each hard constraint ruled out for this mentee.
    exclusions: dict[str, int] = field(default_factory=dict)


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


def input_problems(data: MatchInput, scorer: Scorer, rows: np.ndarray) -> list[str]:
    """Sentences about input that limits the run: capacity, missing data, no mentors."""
    problems = []
    capacity = data.capacity
    if data.mentors.size == 0:
        problems.append("The programme has no mentors, so nobody can be placed.")
    too_many = int((capacity > MAX_CAPACITY).sum())
    if too_many:
        problems.append(
            f"{_plural(too_many, 'mentor')} offered more than {MAX_CAPACITY} places; "
            f"each is limited to {MAX_CAPACITY}."
        )
    negative = int((capacity < 0).sum())
    if negative:
        problems.append(f"{_plural(negative, 'mentor')} had a negative capacity; treated as 0.")
    places = int(scorer.capacity[scorer.mentor_ok].sum())
    if rows.size > places:
        problems.append(
            f"{_plural(rows.size, 'mentee')} to place but only {_plural(places, 'place')} "
            f"with mentors who meet the programme's requirements: at least "
            f"{rows.size - places:,} will be unplaced."
        )
    for side_name, side, people in (
        ("mentee", data.mentees, rows),
        ("mentor", data.mentors, np.arange(data.mentors.size)),
    ):
        for field_name, missing in side.missing_fields().items():
            count = int(missing[people].sum())
            if count:
                problems.append(
                    f"{_plural(count, side_name)} {'has' if count == 1 else 'have'} no "
                    f"{field_name} recorded; "
                    "that criterion counts as no match for them."
                )
    return problems


def unplaced_report(
    scorer: Scorer, rows: np.ndarray, places_left: np.ndarray, num_eligible: np.ndarray
) -> list[Unplaced]:
    """Why each unplaced mentee in `rows` is unplaced (computed blockwise for all of them)."""
    report: list[Unplaced] = []
    if scorer.num_mentors == 0:
        message = "The programme has no mentors."
        return [Unplaced(int(row), UnplacedReason.NO_MENTORS, message) for row in rows]
    for block_rows, scores in scorer.scored_blocks(rows):
        counts = scorer.exclusion_counts(block_rows)
        eligible = scores != INELIGIBLE
        has_spare = (eligible & (places_left > 0)[None, :]).any(axis=1)
        for position, row in enumerate(block_rows):
            exclusions = {
                code: int(count[position]) for code, count in counts.items() if count[position]
            }
            report.append(
                _one_unplaced(
                    int(row),
                    int(num_eligible[row]),
                    exclusions,
                    has_spare[position],
                    num_mentors=scorer.num_mentors,
                )
            )
    return report


def _one_unplaced(
    row: int, num_eligible: int, exclusions: dict[str, int], has_spare: bool, *, num_mentors: int
) -> Unplaced:
    if num_eligible == 0:
        # A mentor may fail several rules, so the counts per rule can add up to more than the
        # number of mentors: say how many mentors there are, then what rules them out.
        ruled_out = "; ".join(
            f"{EXCLUSIONS[code].label} ({count:,})"
            for code, count in sorted(exclusions.items(), key=lambda item: -item[1])
        )
        everyone = "The only mentor" if num_mentors == 1 else f"None of the {num_mentors:,} mentors"
        verb = "cannot" if num_mentors == 1 else "can"
        return Unplaced(
            row,
            UnplacedReason.NO_ELIGIBLE_MENTOR,
            f"{everyone} {verb} be paired with this mentee under the programme's rules. "
            f"Mentors ruled out by each rule (one mentor may fail several): {ruled_out}.",
            exclusions,
        )
    if not has_spare:
        return Unplaced(
            row,
            UnplacedReason.CAPACITY_TAKEN,
            f"All {_plural(num_eligible, 'eligible mentor')} are full: their places went to "
            "other mentees in the best overall allocation.",
            exclusions,
        )
    return Unplaced(
        row,
        UnplacedReason.QUALITY,
        "Left unplaced by the quality policy: every pairing still open scores too low to "
        "be worth more than the penalty for leaving a mentee unplaced.",
        exclusions,
    )
