"""Plain-language reports for coordinators: input problems and why a mentee is unplaced.

Bad input never crashes a run or yields a silent partial result: every mentee the engine
could not place is listed with a reason, and every problem with the input is a sentence.
These reports are for coordinators; mentee-facing wording lives in `explain`.
"""

from dataclasses import dataclass, field, replace
from enum import StrEnum

import numpy as np

from tandem.matching.engine.chains import best_changes
from tandem.matching.engine.criteria import Policy
from tandem.matching.engine.features import MAX_CAPACITY, MatchInput
from tandem.matching.engine.scoring import (
    EXCLUSIONS,
    INELIGIBLE,
    SCORE_POINTS,
    Scorer,
    out_of_100,
)


class UnplacedReason(StrEnum):
    NO_MENTORS = "no-mentors"
    NO_ELIGIBLE_MENTOR = "no-eligible-mentor"
    # Every eligible mentor is full and no chain of moves frees a place for the mentee.
    CAPACITY_TAKEN = "capacity-taken"
    # A chain of moves would free a place, but it costs more than the quality policy's
    # penalty for leaving a mentee out.
    QUALITY = "quality"
    # The run left a better result unused (a free place, or a chain of moves worth making):
    # only when the allocation was not proved optimal. Said plainly rather than hidden.
    NOT_PROVED = "not-proved"
    # Shortlists: fewer mentors can be paired with the mentee than suggestions asked.
    FEWER_ELIGIBLE = "fewer-eligible"
    # Shortlists: the other eligible mentors are in as many shortlists as their places allow.
    SHORTLISTS_FULL = "shortlists-full"


@dataclass(frozen=True)
class Unplaced:
    mentee: int
    reason: UnplacedReason
    message: str
    # How many mentors each hard constraint ruled out for this mentee.
    exclusions: dict[str, int] = field(default_factory=dict)
    num_eligible: int = 0
    # QUALITY: the change in the total score (points) of the best rearrangement that
    # places this mentee: their new pair's score minus what the mentees moved lose.
    best_change: int | None = None
    # Shortlists: how many suggestions the mentee got.
    suggestions: int | None = None


@dataclass(frozen=True)
class RefusedPair:
    """A pair the coordinator or a rematch asked to keep that now breaks a rule."""

    mentee: int
    mentor: int
    codes: tuple[str, ...]  # EXCLUSIONS codes, or KEPT_PAIR_CODES


# Why a kept pair can be refused besides the hard rules every pair must meet.
KEPT_PAIR_CODES = {
    "over-capacity": "the mentor has fewer places than the pairs kept with them",
    "mentor-left": "the mentor is no longer a mentor in this programme",
}


def refusal_labels(codes: tuple[str, ...]) -> str:
    """The rules a kept pair breaks, as coordinators read them."""
    return "; ".join(
        KEPT_PAIR_CODES[code] if code in KEPT_PAIR_CODES else EXCLUSIONS[code].label
        for code in codes
    )


def refused_problems(refused: list[RefusedPair]) -> list[str]:
    """One sentence for the kept pairs refused, counted by rule (people listed elsewhere)."""
    if not refused:
        return []
    counts: dict[str, int] = {}
    for pair in refused:
        for code in pair.codes:
            counts[code] = counts.get(code, 0) + 1
    rules = "; ".join(f"{refusal_labels((code,))}: {count:,}" for code, count in counts.items())
    many = len(refused) != 1
    sentence = (
        f"{_plural(len(refused), 'kept pair')} now {'break' if many else 'breaks'} a rule "
        f"({rules}), so {'those mentees are' if many else 'that mentee is'} matched afresh "
        "in this run."
    )
    return [sentence]


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


def eligibility_problems(unplaced: list[Unplaced], num_mentees: int) -> list[str]:
    """A sentence when rules leave mentees with no possible mentor at all, and, when that
    is everyone (contradictory required rules, say), the pairs each rule ruled out."""
    barred = [item for item in unplaced if item.reason == UnplacedReason.NO_ELIGIBLE_MENTOR]
    if not barred:
        return []
    if len(barred) < num_mentees:
        return [
            (
                f"{_plural(len(barred), 'mentee')} cannot be paired with any mentor under the "
                "programme's rules; each is listed with the rules that rule their mentors out."
            )
        ]
    totals: dict[str, int] = {}
    for item in barred:
        for code, count in item.exclusions.items():
            totals[code] = totals.get(code, 0) + count
    rules = "; ".join(
        f"{EXCLUSIONS[code].label} ({count:,})"
        for code, count in sorted(totals.items(), key=lambda entry: (-entry[1], entry[0]))
    )
    return [
        (
            "No mentee can be paired with any mentor under the programme's rules, so nobody can "
            f"be placed. Pairs ruled out by each rule (one pair may fail several): {rules}. "
            "Check whether the required rules contradict each other or the profiles."
        )
    ]


@dataclass(frozen=True)
class _Survey:
    """Per listed mentee: eligible mentors, those with room, and each rule's count."""

    num_eligible: np.ndarray
    num_with_room: np.ndarray
    exclusions: list[dict[str, int]]


def _survey(
    scorer: Scorer,
    rows: np.ndarray,
    places_left: np.ndarray,
    listed: list[np.ndarray] | None = None,
) -> _Survey:
    """Scores `rows` against every mentor in blocks; `listed` mentors never count as room."""
    num_eligible = np.zeros(rows.size, dtype=np.int64)
    num_with_room = np.zeros(rows.size, dtype=np.int64)
    exclusions: list[dict[str, int]] = []
    done = 0
    for block_rows, scores in scorer.scored_blocks(rows):
        counts = scorer.exclusion_counts(block_rows)
        eligible = scores != INELIGIBLE
        # Pairs no rule bars that still score under the programme's minimum.
        counts["below-minimum-score"] = (~eligible & ~scorer.rule_barred(block_rows)).sum(axis=1)
        span = slice(done, done + block_rows.size)
        num_eligible[span] = eligible.sum(axis=1)
        room = eligible & (places_left > 0)[None, :]
        if listed is not None:
            for position, row in enumerate(block_rows.tolist()):
                room[position, listed[row]] = False
        num_with_room[span] = room.sum(axis=1)
        exclusions.extend(
            {code: int(count[position]) for code, count in counts.items() if count[position]}
            for position in range(block_rows.size)
        )
        done += block_rows.size
    return _Survey(num_eligible, num_with_room, exclusions)


def unplaced_report(
    scorer: Scorer, rows: np.ndarray, mentor_of: np.ndarray, places_left: np.ndarray
) -> list[Unplaced]:
    """Why each mentee of `rows` left unplaced in the final allocation is unplaced.

    Computed from the allocation (`mentor_of` per mentee, `places_left` per mentor) and the
    full eligibility graph: no eligible mentor (and which rules rule out how many), every
    place taken with no chain of moves to free one, or a chain that the quality policy
    judged not worth its cost. Mentees outside `rows` keep their pairs.
    """
    unplaced = rows[mentor_of[rows] < 0]
    if scorer.num_mentors == 0:
        message = "The programme has no mentors."
        return [Unplaced(int(row), UnplacedReason.NO_MENTORS, message) for row in unplaced]
    survey = _survey(scorer, unplaced, places_left)
    movable = np.zeros(scorer.num_mentees, dtype=bool)
    movable[rows] = True
    waiting = (survey.num_eligible > 0) & (survey.num_with_room == 0)
    is_quality = scorer.config.policy == Policy.QUALITY
    points = np.full(scorer.num_mentees, 0, dtype=np.int64)
    placed = np.flatnonzero(movable & (mentor_of >= 0))
    if waiting.any() and placed.size:
        points[placed] = scorer.pair_points(placed, mentor_of[placed])
    changes, is_sound = best_changes(
        scorer,
        unplaced[waiting],
        mentor_of=mentor_of,
        points=points,
        movable=movable,
        places_left=places_left,
        need_values=is_quality,
    )
    change_of = np.full(unplaced.size, None, dtype=object)
    change_of[waiting] = changes
    penalty = round(scorer.config.quality_penalty * SCORE_POINTS) if is_quality else None
    return [
        _one_unplaced(
            int(row),
            num_eligible=int(survey.num_eligible[position]),
            num_with_room=int(survey.num_with_room[position]),
            exclusions=survey.exclusions[position],
            change=change_of[position],
            is_sound=is_sound,
            penalty=penalty,
            num_mentors=scorer.num_mentors,
        )
        for position, row in enumerate(unplaced.tolist())
    ]


def _ruled_out(exclusions: dict[str, int], num_mentors: int) -> str:
    """Which rules rule out how many mentors; one mentor may fail several."""
    rules = "; ".join(
        f"{EXCLUSIONS[code].label} ({count:,})"
        for code, count in sorted(exclusions.items(), key=lambda item: (-item[1], item[0]))
    )
    return (
        f"Mentors ruled out by each rule (of {num_mentors:,}; one mentor may fail several): "
        f"{rules}."
    )


def _no_eligible(row: int, exclusions: dict[str, int], num_mentors: int, **extra) -> Unplaced:
    # A mentor may fail several rules, so the counts per rule can add up to more than the
    # number of mentors: say how many mentors there are, then what rules them out.
    everyone = "The only mentor" if num_mentors == 1 else f"None of the {num_mentors:,} mentors"
    verb = "cannot" if num_mentors == 1 else "can"
    return Unplaced(
        row,
        UnplacedReason.NO_ELIGIBLE_MENTOR,
        f"{everyone} {verb} be paired with this mentee under the programme's rules. "
        + _ruled_out(exclusions, num_mentors),
        exclusions,
        **extra,
    )


def _one_unplaced(
    row: int,
    *,
    num_eligible: int,
    num_with_room: int,
    exclusions: dict[str, int],
    change: int | None,
    is_sound: bool,
    penalty: int | None,
    num_mentors: int,
) -> Unplaced:
    if num_eligible == 0:
        return _no_eligible(row, exclusions, num_mentors)
    eligible = _plural(num_eligible, "eligible mentor")
    all_full = {1: "the 1 eligible mentor is", 2: "both eligible mentors are"}.get(
        num_eligible, f"all {eligible} are"
    )
    worth_placing = change is not None and (penalty is None or change + penalty > 0)
    if num_with_room or not is_sound or worth_placing:
        return Unplaced(
            row,
            UnplacedReason.NOT_PROVED,
            f"This mentee could have been placed ({eligible}, "
            + (
                f"{num_with_room:,} with a free place"
                if num_with_room
                else "room can be made by moving other mentees"
            )
            + "), but the run did not prove its allocation the best. Place them by hand or "
            "run the matching again.",
            exclusions,
            num_eligible,
        )
    if change is None:
        return Unplaced(
            row,
            UnplacedReason.CAPACITY_TAKEN,
            f"{all_full[0].upper()}{all_full[1:]} full, and no rearrangement frees a place: "
            "none of the mentees holding those places can move to a mentor with room, even "
            "by moving others in turn (kept pairs stay). Placing this mentee would leave "
            "someone else unplaced.",
            exclusions,
            num_eligible,
        )
    return Unplaced(
        row,
        UnplacedReason.QUALITY,
        f"Left out by the quality policy: {all_full} full, and the best way to make room (moving "
        "other mentees to mentors that suit them less) changes the total score by "
        f"{out_of_100(change or 0, signed=True)} (each match scores out of 100), which does not "
        f"outweigh the {out_of_100(penalty or 0)} the policy gives for placing a mentee.",
        exclusions,
        num_eligible,
        best_change=change,
    )


def shortfall_report(
    scorer: Scorer,
    rows: np.ndarray,
    k: int,
    listed: list[np.ndarray],
    places_left: np.ndarray,
) -> list[Unplaced]:
    """Why each mentee of `rows` got fewer than `k` suggestions (`listed` per mentee row;
    `places_left` is each mentor's remaining room in shortlists)."""
    if scorer.num_mentors == 0:
        message = f"The programme has no mentors, so no suggestions ({k:,} asked)."
        return [
            Unplaced(int(row), UnplacedReason.NO_MENTORS, message, suggestions=0) for row in rows
        ]
    survey = _survey(scorer, rows, places_left, listed)
    report = []
    for position, row in enumerate(rows.tolist()):
        given = int(listed[row].size)
        num_eligible = int(survey.num_eligible[position])
        exclusions = survey.exclusions[position]
        asked = f"{_plural(k, 'suggestion')} asked, {given:,} given: "
        extra = {"num_eligible": num_eligible, "suggestions": given}
        if num_eligible == 0:
            report.append(_no_eligible(row, exclusions, scorer.num_mentors, **extra))
            report[-1] = replace(report[-1], message=asked + report[-1].message)
        elif survey.num_with_room[position]:
            report.append(
                Unplaced(
                    row,
                    UnplacedReason.NOT_PROVED,
                    asked + f"{survey.num_with_room[position]:,} more eligible mentors still "
                    "have room in their shortlists, but the run did not use them. Run it again.",
                    exclusions,
                    **extra,
                )
            )
        elif given == num_eligible:
            report.append(
                Unplaced(
                    row,
                    UnplacedReason.FEWER_ELIGIBLE,
                    asked + f"only {_plural(num_eligible, 'mentor')} can be paired with this "
                    "mentee under the programme's rules, and all are suggested. "
                    + _ruled_out(exclusions, scorer.num_mentors),
                    exclusions,
                    **extra,
                )
            )
        else:
            others = num_eligible - given
            report.append(
                Unplaced(
                    row,
                    UnplacedReason.SHORTLISTS_FULL,
                    asked + f"the other {_plural(others, 'eligible mentor')} "
                    f"{'is' if others == 1 else 'are'} already suggested to as many mentees "
                    f"as {'its' if others == 1 else 'their'} places allow ({k:,} per place).",
                    exclusions,
                    **extra,
                )
            )
    return report
