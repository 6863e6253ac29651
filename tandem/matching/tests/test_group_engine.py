"""Group formation: the CP-SAT engine against a brute force over every grouping, on
adversarial families (no places, too many learners, ties, one facilitator barred to all,
sizes that do not divide, empty inputs), and the reasons it gives."""

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.matching.defaults import template_config
from tandem.matching.engine.features import ForbiddenReason, MatchInput, pairs_matrix
from tandem.matching.engine.groups import (
    APART,
    FormedGroup,
    GroupRules,
    GroupUnplacedReason,
    Mix,
    form_groups,
    group_fit,
    member_reasons,
    peer_points,
    solve_groups,
)
from tandem.matching.engine.scoring import INELIGIBLE, SCORE_POINTS, Scorer
from tandem.matching.engine.synthetic import synthetic_round


def brute_force(
    fit: np.ndarray, peers: np.ndarray, capacity: np.ndarray, rules: GroupRules
) -> tuple[int, int]:
    """The best (placed, fit) over every way of putting each learner in one of the
    facilitators' groups or in none. Independent of the engine: no model, no pruning."""
    slots = [f for f in range(capacity.size) for _ in range(max(0, int(capacity[f])))]
    best = (0, 0)
    num_learners = fit.shape[0]
    for assignment in itertools.product(range(len(slots) + 1), repeat=num_learners):
        members: dict[int, list[int]] = {}
        for learner, slot in enumerate(assignment):
            if slot < len(slots):
                members.setdefault(slot, []).append(learner)
        feasible = True
        placed = total = 0
        for slot, group in members.items():
            facilitator = slots[slot]
            if not rules.min_size <= len(group) <= rules.max_size:
                feasible = False
                break
            if any(fit[learner, facilitator] < 0 for learner in group):
                feasible = False
                break
            pairs = list(itertools.combinations(group, 2))
            if any(peers[a, b] == APART for a, b in pairs):
                feasible = False
                break
            placed += len(group)
            total += sum(int(fit[learner, facilitator]) for learner in group)
            total += sum(int(peers[a, b]) for a, b in pairs)
        if feasible:
            best = max(best, (placed, total))
    return best


def _check_valid(
    groups: list[FormedGroup],
    fit: np.ndarray,
    peers: np.ndarray,
    capacity: np.ndarray,
    rules: GroupRules,
) -> None:
    seen: list[int] = []
    led = np.zeros(capacity.size, dtype=np.int64)
    for group in groups:
        assert rules.min_size <= len(group.members) <= rules.max_size
        assert all(fit[learner, group.facilitator] >= 0 for learner in group.members)
        assert all(peers[a, b] != APART for a, b in itertools.combinations(group.members, 2))
        led[group.facilitator] += 1
        seen.extend(group.members)
    assert len(seen) == len(set(seen)), "a learner is in two groups"
    assert (led <= np.maximum(capacity, 0)).all(), "a facilitator leads too many groups"


@st.composite
def small_cases(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray, GroupRules]:
    """Small enough for the brute force (≤ 4^6 groupings), adversarial on purpose."""
    num_learners = draw(st.integers(0, 6))
    num_facilitators = draw(st.integers(0, 3))
    capacity = np.array(
        draw(st.lists(st.integers(0, 2), min_size=num_facilitators, max_size=num_facilitators)),
        dtype=np.int64,
    )
    if capacity.sum() > 3:  # keep the brute force small
        capacity = np.minimum(capacity, 1)
    min_size = draw(st.integers(1, 3))
    max_size = draw(st.integers(min_size, 4))
    # Few distinct scores make ties everywhere; INELIGIBLE bars a pair.
    values = st.sampled_from([INELIGIBLE, 0, 500, 500, 1000])
    fit = np.array(
        draw(
            st.lists(
                st.lists(values, min_size=num_facilitators, max_size=num_facilitators),
                min_size=num_learners,
                max_size=num_learners,
            )
        ),
        dtype=np.int64,
    ).reshape(num_learners, num_facilitators)
    if num_facilitators and draw(st.booleans()):
        fit[:, 0] = INELIGIBLE  # everyone excluded from one facilitator
    peers = np.zeros((num_learners, num_learners), dtype=np.int64)
    for a, b in itertools.combinations(range(num_learners), 2):
        peers[a, b] = peers[b, a] = draw(st.sampled_from([APART, 0, 300, 300, 600]))
    rules = GroupRules(min_size=min_size, max_size=max_size, time_limit=20)
    return fit, peers, capacity, rules


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_cases())
def test_the_engine_matches_the_brute_force_on_small_cases(case: tuple) -> None:
    fit, peers, capacity, rules = case
    groups, placed, total, proved, _stats = solve_groups(fit, peers, capacity, rules)
    assert proved
    _check_valid(groups, fit, peers, capacity, rules)
    assert placed == sum(len(group.members) for group in groups)
    assert total == group_fit(groups, fit, peers)
    assert (placed, total) == brute_force(fit, peers, capacity, rules)


def test_facilitators_with_no_capacity_form_no_group() -> None:
    fit = np.full((5, 2), 1000, dtype=np.int64)
    peers = np.zeros((5, 5), dtype=np.int64)
    rules = GroupRules(min_size=2, max_size=5)
    groups, placed, _total, proved, _ = solve_groups(fit, peers, np.array([0, 0]), rules)
    assert (groups, placed, proved) == ([], 0, True)


def test_more_learners_than_places_places_exactly_the_places() -> None:
    fit = np.full((9, 2), 1000, dtype=np.int64)
    peers = np.zeros((9, 9), dtype=np.int64)
    rules = GroupRules(min_size=2, max_size=3)
    groups, placed, _total, proved, _ = solve_groups(fit, peers, np.array([1, 1]), rules)
    assert proved
    assert placed == 6
    assert sorted(len(group.members) for group in groups) == [3, 3]


def test_sizes_that_do_not_divide_still_place_everyone_when_sizes_allow() -> None:
    # 7 learners, groups of 3 to 4: one group of 3 and one of 4.
    fit = np.full((7, 1), 100, dtype=np.int64)
    peers = np.zeros((7, 7), dtype=np.int64)
    rules = GroupRules(min_size=3, max_size=4)
    groups, placed, _total, proved, _ = solve_groups(fit, peers, np.array([2]), rules)
    assert proved
    assert placed == 7
    assert sorted(len(group.members) for group in groups) == [3, 4]


def test_a_learner_too_few_to_make_a_group_is_left_out() -> None:
    # 5 learners, exactly groups of 2: one is left over.
    fit = np.full((5, 1), 100, dtype=np.int64)
    peers = np.zeros((5, 5), dtype=np.int64)
    rules = GroupRules(min_size=2, max_size=2)
    _groups, placed, _total, _proved, _ = solve_groups(fit, peers, np.array([3]), rules)
    assert placed == 4


def test_learners_who_must_be_apart_never_share_a_group() -> None:
    fit = np.full((4, 1), 100, dtype=np.int64)
    peers = np.full((4, 4), 50, dtype=np.int64)
    peers[0, 1] = peers[1, 0] = APART
    rules = GroupRules(min_size=2, max_size=4)
    groups, placed, _total, proved, _ = solve_groups(fit, peers, np.array([2]), rules)
    assert proved
    assert placed == 4
    for group in groups:
        assert not {0, 1} <= set(group.members)


def test_empty_inputs_give_an_empty_proved_result() -> None:
    rules = GroupRules(min_size=1, max_size=3)
    for learners, facilitators in ((0, 0), (0, 2), (3, 0)):
        fit = np.zeros((learners, facilitators), dtype=np.int64)
        peers = np.zeros((learners, learners), dtype=np.int64)
        result = solve_groups(fit, peers, np.ones(facilitators, dtype=np.int64), rules)
        assert result[:4] == ([], 0, 0, True)


def test_impossible_sizes_are_refused() -> None:
    with pytest.raises(ValueError, match="at least one member"):
        GroupRules(min_size=0, max_size=3)
    with pytest.raises(ValueError, match="no smaller"):
        GroupRules(min_size=4, max_size=3)


# -- the whole run, through the pair scorer ---------------------------------------------------


def _round(num_learners: int, num_facilitators: int, *, seed: int = 3) -> MatchInput:
    return synthetic_round(num_learners, num_facilitators, seed=seed, max_capacity=2)


def test_a_facilitator_everyone_is_barred_from_leads_no_group_and_reasons_say_why() -> None:
    data = _round(6, 2)
    flags = np.full(6, ForbiddenReason.LINE_MANAGER, dtype=np.int32)
    barred = pairs_matrix(np.arange(6), np.zeros(6), flags, (6, 2), dtype=np.int32)
    data = MatchInput(
        mentees=data.mentees, mentors=data.mentors, capacity=np.array([2, 0]), forbidden=barred
    )
    result = form_groups(data, template_config("group-supervision"), GroupRules(2, 4))
    assert result.groups == []
    assert result.is_optimal
    assert len(result.unplaced) == 6
    for item in result.unplaced:
        assert item.reason == GroupUnplacedReason.NO_FACILITATOR
        assert "line manager" in item.message
        assert "not taking mentees" in item.message


def test_learners_beyond_the_places_are_told_the_groups_are_full() -> None:
    data = _round(10, 1)
    data = data.with_capacity(np.array([1]))
    config = template_config("group-supervision")
    result = form_groups(data, config, GroupRules(2, 4))
    eligible = (Scorer(data, config).scores(np.arange(10)) >= 0).ravel().sum()
    assert result.num_placed == min(4, eligible)
    assert any("only 4 places" in problem for problem in result.problems)
    full = [u for u in result.unplaced if u.reason == GroupUnplacedReason.PLACES_FULL]
    assert len(full) == eligible - result.num_placed


def test_a_hard_time_limit_is_reported_not_hidden() -> None:
    data = _round(40, 5, seed=7)
    rules = GroupRules(3, 8, phase_mix=Mix.DIVERSE, time_limit=0.05)
    result = form_groups(data, template_config("group-supervision"), rules)
    assert not result.is_optimal
    assert any("not proven optimal" in problem for problem in result.problems)


def test_every_member_has_reasons_and_points_are_score_points() -> None:
    data = _round(8, 2, seed=11).with_capacity(np.array([1, 1]))
    config = template_config("group-supervision")
    rules = GroupRules(3, 4, phase_mix=Mix.SIMILAR, experience_mix=Mix.DIVERSE)
    scorer = Scorer(data, config)
    result = form_groups(data, config, rules, scorer=scorer)
    assert result.groups
    for group in result.groups:
        reasons = member_reasons(scorer, group, data.mentees, rules)
        assert len(reasons) == len(group.members)
        for parts in reasons:
            assert all(0 < float(str(part["points"])) <= SCORE_POINTS for part in parts)


def test_similar_and_diverse_mixes_score_opposite_pairs() -> None:
    data = _round(12, 1, seed=5)
    similar = peer_points(
        data.mentees, GroupRules(2, 3, focus_weight=0, phase_mix=Mix.SIMILAR), None
    )
    diverse = peer_points(
        data.mentees, GroupRules(2, 3, focus_weight=0, phase_mix=Mix.DIVERSE), None
    )
    phases = data.mentees.phases.toarray() > 0
    for a, b in itertools.combinations(range(12), 2):
        if phases[a].any() and phases[b].any():
            shared = (phases[a] & phases[b]).any()
            assert (similar[a, b] > 0) == shared
            assert (diverse[a, b] > 0) == (not (phases[a] == phases[b]).all())
        else:
            assert similar[a, b] == diverse[a, b] == 0  # missing data proves nothing
