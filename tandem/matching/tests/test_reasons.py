"""Every unplaced mentee's reason equals an independent recomputation on the dense problem.

Instances mix the families that broke reasons before: tight capacity, many barred pairs,
nested acceptable lists (mentee i accepts mentors from i on), the quality policy with a
minimum score and a small penalty, kept pairs, and shortlists asking for more suggestions
than some mentees have eligible mentors.
"""

from dataclasses import replace

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.matching.defaults import template_config
from tandem.matching.engine.criteria import REQUIRABLE, Policy
from tandem.matching.engine.explanations import WhyNotReason, why_not
from tandem.matching.engine.features import ForbiddenReason, pairs_matrix
from tandem.matching.engine.reports import UnplacedReason
from tandem.matching.engine.scoring import INELIGIBLE, Scorer, out_of_100
from tandem.matching.engine.shortlists import shortlist
from tandem.matching.engine.solver import allocate
from tandem.matching.engine.synthetic import synthetic_round
from tandem.matching.tests.reasons_reference import allocation_reasons, shortlist_reasons
from tandem.matching.tests.test_optimality import TEMPLATE_KEYS

mixed = st.fixed_dictionaries(
    {
        "mentees": st.integers(1, 30),
        "mentors": st.integers(0, 16),
        "seed": st.integers(0, 10_000),
        "max_capacity": st.integers(1, 3),
        "forbidden_share": st.sampled_from([0.0, 0.5, 3.0, 12.0]),
        "nested": st.booleans(),
        "template": st.sampled_from(TEMPLATE_KEYS),
        "quality": st.booleans(),
        "min_score": st.sampled_from([0.0, 0.3, 0.5]),
        "penalty": st.sampled_from([0.0, 0.02, 0.2]),
        "num_kept": st.integers(0, 6),
        "required": st.frozensets(st.sampled_from(REQUIRABLE), max_size=2),
    }
)
# Spare places reachable only through costly moves: where the quality policy leaves people
# out although room could be made.
costly_moves = st.fixed_dictionaries(
    {
        "mentees": st.integers(6, 14),
        "mentors": st.integers(14, 18),
        "seed": st.integers(0, 10_000),
        "max_capacity": st.just(1),
        "forbidden_share": st.sampled_from([6.0, 9.0]),
        "nested": st.just(value=True),
        "template": st.just("co-coaching"),
        "quality": st.just(value=True),
        "min_score": st.just(0.0),
        "penalty": st.sampled_from([0.0, 0.01]),
        "num_kept": st.integers(0, 3),
        "required": st.just(frozenset()),
    }
)
instances = st.one_of(mixed, costly_moves)


def _instance(case: dict):
    data = synthetic_round(
        case["mentees"],
        case["mentors"],
        seed=case["seed"],
        max_capacity=case["max_capacity"],
        forbidden_share=case["forbidden_share"] if case["mentors"] else 0.0,
    )
    if case["nested"] and case["mentors"]:
        # Mentee i accepts only mentors j ≥ i × mentors / mentees: long chains of moves.
        n, m = data.shape
        mentees, mentors = np.meshgrid(np.arange(n), np.arange(m), indexing="ij")
        barred = mentors * n < mentees * m
        extra = pairs_matrix(
            mentees[barred],
            mentors[barred],
            np.full(int(barred.sum()), ForbiddenReason.EXCLUDED_BY_COORDINATOR, dtype=np.int32),
            data.shape,
            dtype=np.int32,
        )
        data = data.with_forbidden(extra)
    config = replace(template_config(case["template"]), required=case.get("required", frozenset()))
    if case["quality"]:
        config = replace(
            config,
            policy=Policy.QUALITY,
            min_score=case["min_score"],
            quality_penalty=case["penalty"],
        )
    return data, config


def _kept(data, case: dict) -> np.ndarray:
    """Some pairs to keep (any mentor: a refused one must not drop its mentee)."""
    n, m = data.shape
    if not m or not case["num_kept"]:
        return np.zeros((0, 2), dtype=np.int64)
    rng = np.random.default_rng(case["seed"])
    mentees = rng.choice(n, size=min(n, case["num_kept"]), replace=False)
    return np.column_stack([mentees, rng.integers(0, m, mentees.size)])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances)
def test_every_unplaced_reason_matches_the_dense_reference(case):
    data, config = _instance(case)
    allocation = allocate(data, config, locked=_kept(data, case), k=3)
    expected = allocation_reasons(Scorer(data, config), allocation)
    # Everyone the run tried to place and did not is listed, once.
    assert sorted(item.mentee for item in allocation.unplaced) == sorted(expected)
    for item in allocation.unplaced:
        want = expected[item.mentee]
        assert (item.reason, item.exclusions, item.num_eligible) == (
            want.reason,
            want.exclusions,
            want.num_eligible,
        ), item.message
        assert item.best_change == want.best_change
        if allocation.is_certified_optimal:
            assert item.reason != UnplacedReason.NOT_PROVED, item.message


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances, st.integers(1, 6))
def test_a_mentee_with_a_shortlist_is_never_told_the_quality_policy_left_them_out(case, k):
    data, config = _instance(case)
    lists = shortlist(data, config, k=k)
    expected = shortlist_reasons(Scorer(data, config), lists)
    assert sorted(item.mentee for item in lists.short) == sorted(expected)
    for item in lists.short:
        assert "quality policy" not in item.message
        assert item.reason not in (UnplacedReason.QUALITY, UnplacedReason.CAPACITY_TAKEN)
        assert item.reason == expected[item.mentee].reason, item.message
        assert item.exclusions == expected[item.mentee].exclusions
        assert item.suggestions == lists.mentors[item.mentee].size


def test_a_mentee_left_out_by_the_quality_policy_is_told_the_score_gap():
    case = {
        "mentees": 10,
        "mentors": 12,
        "seed": 21,
        "max_capacity": 1,
        "forbidden_share": 9.0,
        "nested": True,
        "template": "co-coaching",
        "quality": True,
        "min_score": 0.0,
        "penalty": 0.0,
        "num_kept": 0,
    }
    data, config = _instance(case)
    allocation = allocate(data, config)
    expected = allocation_reasons(Scorer(data, config), allocation)
    (left_out,) = [item for item in allocation.unplaced if item.reason == UnplacedReason.QUALITY]
    assert left_out.best_change == expected[left_out.mentee].best_change < 0
    change = out_of_100(left_out.best_change, signed=True)
    assert f"changes the total score by {change} (each match scores out of 100)" in left_out.message


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mixed)
def test_why_not_another_mentor_agrees_with_the_scores(case):
    data, config = _instance(case)
    allocation = allocate(data, config, k=3)
    scorer = Scorer(data, config)
    pairs = allocation.pairs()
    load = np.bincount(pairs[:, 1], minlength=scorer.num_mentors) if pairs.size else 0
    full = load >= scorer.capacity
    for mentee in allocation.placed_rows[:5].tolist():
        chosen = int(allocation.points[mentee])
        mentors = list(range(scorer.num_mentors))
        points = scorer.pair_points(np.full(len(mentors), mentee), np.array(mentors))
        for answer in why_not(scorer, allocation, mentee, mentors):
            score = int(points[answer.mentor])
            expected = {
                WhyNotReason.IS_CHOSEN: answer.mentor == allocation.mentor[mentee],
                WhyNotReason.CONSTRAINT: score == INELIGIBLE,
                WhyNotReason.CAPACITY_TAKEN: full[answer.mentor] and score > chosen,
                WhyNotReason.EQUAL_SCORE: score == chosen,
                WhyNotReason.LOWER_SCORE: 0 <= score < chosen,
                WhyNotReason.NOT_USED: not full[answer.mentor] and score > chosen,
            }
            assert expected[answer.reason], answer.coordinator_text
            if allocation.is_certified_optimal:
                assert answer.reason != WhyNotReason.NOT_USED
