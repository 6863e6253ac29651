"""Computing a run: build its input from the database, score, solve, explain, and store
its proposals or shortlists. Runs inline for small programmes or in a worker (tasks)."""

import numpy as np
from django.db import transaction
from django.utils import timezone

from tandem.heartbeat import heartbeat
from tandem.matching.adapter import Round, build_round
from tandem.matching.engine.criteria import CRITERION_LABELS
from tandem.matching.engine.explanations import WhyNotReason, explain_pairs, why_not
from tandem.matching.engine.rematch import rematch
from tandem.matching.engine.reports import (
    KEPT_PAIR_CODES,
    Unplaced,
    eligibility_problems,
    refusal_labels,
)
from tandem.matching.engine.scoring import Scorer
from tandem.matching.engine.shortlists import shortlist
from tandem.matching.engine.solver import Allocation, allocate
from tandem.matching.models import (
    MatchProposal,
    MatchRun,
    OfferStatus,
    RunMode,
    RunStatus,
    ShortlistOffer,
)
from tandem.matching.selectors import pending_choices
from tandem.matching.services.grouping import store_groups
from tandem.matching.services.settings import engine_config


def round_for(run: MatchRun, *, mentee_ids: list[int] | None = None) -> Round:
    programme = run.programme
    config = engine_config(programme, run.options)
    declined = ShortlistOffer.objects.filter(
        run__programme=programme, status=OfferStatus.DECLINED
    ).values_list("mentee_id", "mentor_id")
    waiting = set(
        ShortlistOffer.objects.awaiting_answer()
        .filter(run__programme=programme)
        .exclude(run=run)
        .values_list("mentee_id", flat=True)
    )
    # A rematch's round holds every mentee with a current pair here (as well as those
    # moving): a kept pair that now breaks a rule moves its mentee into the rematch.
    is_rematch = run.mode == RunMode.REMATCH
    if waiting and mentee_ids is None and not is_rematch:
        # Mentees waiting on a mentor's answer in an open shortlist round are not matched
        # again until that answer comes.
        mentee_ids = list(
            programme.enrolments.approved()
            .filter(role="mentee")
            .exclude(user_id__in=waiting)
            .values_list("user_id", flat=True)
        )
    return build_round(
        programme,
        config,
        mentee_ids=mentee_ids,
        include_placed=is_rematch,
        reserved=None if is_rematch else pending_choices(programme),
        declined=list(declined),
    )


def _progress(run: MatchRun, percent: int, note: str) -> None:
    now = timezone.now()
    MatchRun.objects.filter(pk=run.pk).update(
        progress=percent, progress_note=note, updated_at=now, heartbeat_at=now
    )


def contributions(scorer: Scorer, mentees: np.ndarray, mentors: np.ndarray) -> list[list[dict]]:
    """Per pair: each criterion's points, largest first, zero contributions left out."""
    if mentees.size == 0:
        return []
    criteria, table = explain_pairs(scorer, mentees, mentors)
    labels = [CRITERION_LABELS[criterion] for criterion in criteria]
    keys = [criterion.value for criterion in criteria]
    explained = []
    for row in table.tolist():
        parts = [
            {"criterion": key, "label": label, "points": round(value, 1)}
            for key, label, value in zip(keys, labels, row, strict=True)
            if value > 0
        ]
        parts.sort(key=lambda part: -part["points"])
        explained.append(parts)
    return explained


def execute_run(run_id: int) -> None:
    """Compute a run (inline or in a worker): read profiles, score, solve, explain, store."""
    run = MatchRun.objects.select_related("programme").get(pk=run_id)
    if run.status != RunStatus.QUEUED:
        return
    claimed = MatchRun.objects.filter(pk=run.pk, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, heartbeat_at=timezone.now()
    )
    if not claimed:  # another worker took it first
        return
    try:
        with heartbeat(MatchRun.objects.filter(pk=run.pk)):
            _progress(run, 10, "Reading profiles and enrolments")
            round_ = round_for(run)
            _progress(run, 30, "Scoring every possible pair and solving")
            if run.mode == RunMode.SHORTLIST:
                _store_shortlists(run, round_)
            elif run.mode == RunMode.GROUPS:
                store_groups(run, round_)
            else:
                _store_allocation(run, round_)
    except Exception as error:  # the coordinator sees the failure instead of a stuck page
        MatchRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            error=f"{type(error).__name__}: {error}",
            progress_note="Failed",
        )
        raise


def _unplaced(round_: Round, report: list[Unplaced]) -> list[dict[str, object]]:
    return [
        {
            "user": int(round_.mentees[item.mentee]),
            "reason": item.reason.value,
            "message": item.message,
        }
        for item in report
    ]


def _inputs(run: MatchRun, round_: Round, scorer: Scorer) -> dict[str, object]:
    return {
        **run.inputs,
        "mentees": [int(user) for user in round_.mentees],
        "mentors": [int(user) for user in round_.mentors],
        "places": {
            str(int(user)): int(places)
            for user, places in zip(round_.mentors, scorer.capacity, strict=True)
        },
    }


def _finish(
    run: MatchRun,
    round_: Round,
    scorer: Scorer,
    *,
    num_mentees: int,
    num_placed: int,
    problems: list[str],
    unplaced: list[Unplaced],
    stats: dict[str, float],
) -> None:
    """Record what every computed run keeps (the caller saves): inputs, counts, problems,
    unplaced mentees with reasons, engine statistics, and the draft status."""
    run.inputs = _inputs(run, round_, scorer)
    run.num_mentees = num_mentees
    run.num_mentors = int(round_.mentors.size)
    run.num_places = int(scorer.capacity[scorer.mentor_ok].sum())
    run.num_placed = num_placed
    run.problems = [*problems, *eligibility_problems(unplaced, num_mentees)]
    run.unplaced = _unplaced(round_, unplaced)
    run.stats = {key: round(float(value), 3) for key, value in stats.items()}
    run.status = RunStatus.DRAFT
    run.progress, run.progress_note = 100, "Ready for review"


def _rematch(run: MatchRun, round_: Round) -> Allocation:
    """Rematch the chosen mentees, and anyone whose kept pair is no longer possible.

    A staying mentee whose mentor has left the programme has no mentor row; one whose kept
    pair now breaks a rule (line manager, fewer places…) is refused by the engine. Both
    join the rematch, and `inputs["moved"]` records who and why for the run page.
    """
    asked = np.array(
        [round_.mentee_row(user) for user in run.inputs["rematch"] if user in round_.mentees],
        dtype=np.int64,
    )
    orphaned = np.setdiff1d(
        np.flatnonzero((round_.relationships >= 0) & (round_.current < 0)), asked
    )
    allocation = rematch(
        round_.data, round_.config, current=round_.current, mentees=np.union1d(asked, orphaned)
    )
    moved = [
        {"user": int(round_.mentees[row]), "mentor": None, "reason": KEPT_PAIR_CODES["mentor-left"]}
        for row in orphaned.tolist()
    ] + [
        {
            "user": int(round_.mentees[pair.mentee]),
            "mentor": int(round_.mentors[pair.mentor]),
            "reason": refusal_labels(pair.codes),
        }
        for pair in allocation.refused
    ]
    run.inputs = {**run.inputs, "moved": moved}
    if orphaned.size:
        allocation.problems.append(
            f"{orphaned.size:,} kept {'pair has' if orphaned.size == 1 else 'pairs have'} a "
            "mentor who is no longer a mentor in this programme, so "
            f"{'that mentee is' if orphaned.size == 1 else 'those mentees are'} matched afresh "
            "in this run."
        )
    return allocation


@transaction.atomic
def _store_allocation(run: MatchRun, round_: Round) -> None:
    scorer = Scorer(round_.data, round_.config)
    if run.mode == RunMode.REMATCH:
        allocation = _rematch(run, round_)
    else:
        allocation = allocate(round_.data, round_.config, scorer=scorer)
    rows = allocation.rows
    _progress(run, 80, "Explaining each proposed pair")
    placed = rows[allocation.mentor[rows] >= 0]
    mentors = allocation.mentor[placed]
    explained = contributions(scorer, placed, mentors)
    reasons = _why_not_preferences(scorer, allocation, round_, placed)
    MatchProposal.objects.bulk_create(
        MatchProposal(
            run=run,
            mentee_id=int(round_.mentees[mentee]),
            mentor_id=int(round_.mentors[mentor]),
            points=int(allocation.points[mentee]),
            contributions=parts,
            why_not=reasons.get(mentee, []),
            replaces_id=(
                int(round_.relationships[mentee])
                if run.mode == RunMode.REMATCH and round_.relationships[mentee] >= 0
                else None
            ),
        )
        for mentee, mentor, parts in zip(placed.tolist(), mentors.tolist(), explained, strict=True)
    )
    _finish(
        run,
        round_,
        scorer,
        num_mentees=int(rows.size),
        num_placed=int(placed.size),
        problems=allocation.problems,
        unplaced=allocation.unplaced,
        stats=allocation.stats,
    )
    run.objective = allocation.objective
    run.is_certified_optimal = allocation.is_certified_optimal
    run.num_unchecked = allocation.unchecked
    run.save()


def _why_not_preferences(
    scorer: Scorer, allocation: Allocation, round_: Round, placed: np.ndarray
) -> dict[int, list[dict[str, object]]]:
    """Per placed mentee row with stated preferences: why each named mentor was not chosen."""
    preferences = round_.data.preferences
    answers: dict[int, list[dict[str, object]]] = {}
    for row in placed.tolist():
        named = preferences.indices[preferences.indptr[row] : preferences.indptr[row + 1]]
        if named.size == 0:
            continue
        answers[row] = [
            {"mentor": int(round_.mentors[item.mentor]), "reason": item.reason.value}
            for item in why_not(scorer, allocation, row, named.tolist())
            if item.reason != WhyNotReason.IS_CHOSEN
        ]
    return answers


@transaction.atomic
def _store_shortlists(run: MatchRun, round_: Round) -> None:
    scorer = Scorer(round_.data, round_.config)
    size = int(run.options["shortlist_size"])
    lists = shortlist(round_.data, round_.config, k=size, scorer=scorer)
    _progress(run, 80, "Explaining each suggestion")
    rows = lists.rows.tolist()
    counts = np.array([lists.mentors[row].size for row in rows], dtype=np.int64)
    empty = np.zeros(0, dtype=np.int64)
    mentees = np.repeat(lists.rows, counts)
    mentors = np.concatenate([empty, *(lists.mentors[row] for row in rows)])
    points = np.concatenate([empty, *(lists.points[row] for row in rows)])
    ranks = np.concatenate([empty, *(np.arange(1, count + 1) for count in counts.tolist())])
    explained = contributions(scorer, mentees, mentors)
    ShortlistOffer.objects.bulk_create(
        ShortlistOffer(
            run=run,
            mentee_id=int(round_.mentees[mentee]),
            mentor_id=int(round_.mentors[mentor]),
            rank=int(rank),
            points=int(score),
            contributions=parts,
        )
        for mentee, mentor, rank, score, parts in zip(
            mentees.tolist(),
            mentors.tolist(),
            ranks.tolist(),
            points.tolist(),
            explained,
            strict=True,
        )
    )
    _finish(
        run,
        round_,
        scorer,
        num_mentees=int(lists.rows.size),
        num_placed=int(np.count_nonzero(counts)),
        problems=lists.problems,
        unplaced=lists.short,
        stats=lists.stats,
    )
    run.num_unchecked = lists.unchecked
    run.save()
