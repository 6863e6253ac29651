"""Shortlists (mentee choice), hybrid locks, rematch, explanations and the greedy baseline."""

import numpy as np

from tandem.matching.defaults import template_config
from tandem.matching.engine.criteria import CRITERION_LABELS
from tandem.matching.engine.explanations import WhyNotReason, explain_pair, explain_pairs, why_not
from tandem.matching.engine.features import ForbiddenReason
from tandem.matching.engine.greedy import greedy_allocate
from tandem.matching.engine.rematch import rematch
from tandem.matching.engine.scoring import Scorer
from tandem.matching.engine.shortlists import shortlist
from tandem.matching.engine.solver import allocate
from tandem.matching.engine.synthetic import synthetic_round

CONFIG = template_config("ect-mentoring")


def test_every_mentee_gets_k_suggestions_and_no_mentor_is_over_shown():
    data = synthetic_round(300, 200, seed=2, max_capacity=3)
    lists = shortlist(data, template_config("co-coaching"), k=3)
    assert all(len(mentors) == 3 for mentors in lists.mentors)
    assert np.all(lists.appearances(200) <= 3 * np.clip(data.capacity, 0, 10))
    for row, mentors in enumerate(lists.mentors):
        assert not data.forbidden[[row] * len(mentors), mentors].any()


def test_a_shortage_of_places_is_proved_by_the_first_check_without_widening():
    data = synthetic_round(300, 40, seed=3, max_capacity=1)
    data = data.with_capacity(np.ones(40, dtype=np.int64))  # 120 appearances for 900 wanted
    lists = shortlist(data, template_config("co-coaching"), k=3, candidates_k=5)
    appearances = lists.appearances(40)
    assert appearances.sum() == 120  # every place is offered
    assert np.all(appearances <= 3)
    # Every place is taken, so no augmenting path exists: proved complete at once.
    assert lists.is_complete
    assert lists.stats["rounds"] == 1
    assert len(lists.short) == 300 - sum(len(mentors) == 3 for mentors in lists.mentors)


def test_kept_pairs_stay_and_use_up_places():
    data = synthetic_round(50, 30, seed=4)
    first = allocate(data, CONFIG)
    kept = first.pairs()[:10]
    second = allocate(data, CONFIG, locked=kept)
    assert np.array_equal(second.mentor[kept[:, 0]], kept[:, 1])
    assert second.locked[kept[:, 0]].all()


def test_rematch_moves_only_the_chosen_mentees_and_never_back_to_their_mentor():
    data = synthetic_round(60, 40, seed=5, max_capacity=2)
    first = allocate(data, CONFIG)
    moving = first.pairs()[:5, 0]
    second = rematch(data, CONFIG, current=first.mentor, mentees=moving)
    others = np.setdiff1d(np.arange(60), moving)
    assert np.array_equal(second.mentor[others], first.mentor[others])
    assert np.all(second.mentor[moving] != first.mentor[moving])
    load = np.bincount(second.mentor[second.mentor >= 0], minlength=40)
    assert np.all(load <= data.capacity)


def test_contributions_add_up_to_the_score_and_name_criteria_only():
    data = synthetic_round(30, 20, seed=6)
    allocation = allocate(data, CONFIG)
    scorer = Scorer(data, CONFIG)
    pairs = allocation.pairs()
    criteria, shares = explain_pairs(scorer, pairs[:, 0], pairs[:, 1])
    assert np.allclose(np.rint(shares.sum(axis=1)), allocation.points[pairs[:, 0]])
    explanation = explain_pair(scorer, *pairs[0])
    labels = {item.label for item in explanation.contributions}
    assert labels <= set(CRITERION_LABELS.values())
    assert set(criteria) <= set(CRITERION_LABELS)


def test_why_not_gives_reasons_without_disclosing_private_requests():
    data = synthetic_round(30, 20, seed=8, forbidden_share=0)
    allocation = allocate(data, CONFIG)
    mentee = int(allocation.pairs()[0, 0])
    scorer = Scorer(data, CONFIG)
    barred_mentor = (int(allocation.mentor[mentee]) + 1) % 20
    data_barred = data.with_forbidden(
        __import__("tandem.matching.engine.features", fromlist=["pairs_matrix"]).pairs_matrix(
            [mentee], [barred_mentor], [ForbiddenReason.ASKED_NOT_AGAIN], data.shape, np.int32
        )
    )
    scorer = Scorer(data_barred, CONFIG)
    answers = why_not(scorer, allocation, mentee, list(range(20)))
    by_mentor = {answer.mentor: answer for answer in answers}
    assert by_mentor[int(allocation.mentor[mentee])].reason == WhyNotReason.IS_CHOSEN
    barred = by_mentor[barred_mentor]
    assert barred.reason == WhyNotReason.CONSTRAINT
    assert "asked" not in barred.mentee_text
    assert "asked not to be paired again" in barred.coordinator_text
    assert {answer.reason for answer in answers} <= set(WhyNotReason)


def test_greedy_never_beats_the_optimum():
    data = synthetic_round(200, 150, seed=9, max_capacity=2)
    allocation = allocate(data, CONFIG, k=150)
    scorer = Scorer(data, CONFIG)
    block = scorer.block(np.arange(200))
    mentee, mentor = np.nonzero(block >= 0)
    points = block[mentee, mentor].astype(np.int64)
    capacity = np.where(scorer.mentor_ok, scorer.capacity, 0)
    greedy = greedy_allocate(200, mentee, mentor, points, capacity)
    placed = greedy >= 0
    greedy_objective = int(block[np.flatnonzero(placed), greedy[placed]].sum()) - (
        allocation.penalty * int((~placed).sum())
    )
    assert greedy_objective <= allocation.objective
