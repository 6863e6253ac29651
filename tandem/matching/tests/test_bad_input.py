"""Bad input yields a clear report of who cannot be placed and why, never a crash."""

from dataclasses import replace

import numpy as np
from scipy import sparse

from tandem.matching.defaults import template_config
from tandem.matching.engine.criteria import Criterion
from tandem.matching.engine.features import ForbiddenReason, pairs_matrix
from tandem.matching.engine.reports import UnplacedReason, eligibility_problems
from tandem.matching.engine.shortlists import shortlist
from tandem.matching.engine.solver import allocate
from tandem.matching.engine.synthetic import synthetic_round

CONFIG = template_config("co-coaching")


def test_a_programme_with_no_mentors_reports_every_mentee():
    data = synthetic_round(5, 0)
    allocation = allocate(data, CONFIG)
    assert [item.reason for item in allocation.unplaced] == [UnplacedReason.NO_MENTORS] * 5
    assert any("no mentors" in problem for problem in allocation.problems)


def test_a_mentee_every_mentor_is_barred_from_gets_the_rules_named():
    data = synthetic_round(3, 4, forbidden_share=0, preference_share=0)
    barred = pairs_matrix(
        np.zeros(4), np.arange(4), np.full(4, ForbiddenReason.LINE_MANAGER), data.shape, np.int32
    )
    allocation = allocate(replace(data, forbidden=barred), CONFIG)
    (unplaced,) = allocation.unplaced
    assert unplaced.mentee == 0
    assert unplaced.reason == UnplacedReason.NO_ELIGIBLE_MENTOR
    assert unplaced.exclusions == {"line-manager": 4}
    assert "line manager" in unplaced.message


def test_more_mentees_than_places_says_so_and_who_is_left():
    data = synthetic_round(12, 3, max_capacity=1, forbidden_share=0)
    allocation = allocate(data, CONFIG)
    assert len(allocation.unplaced) == 9
    assert {item.reason for item in allocation.unplaced} == {UnplacedReason.CAPACITY_TAKEN}
    assert any("only 3 places" in problem for problem in allocation.problems)


def test_missing_profile_data_is_reported_and_still_scored():
    data = synthetic_round(6, 6, forbidden_share=0)
    mentees = replace(
        data.mentees,
        years=np.full(6, -1, dtype=np.int16),
        availability=np.zeros(6, dtype=np.int64),
        phases=sparse.csr_array((6, 6), dtype=np.float32),
        text=[""] * 6,
    )
    allocation = allocate(replace(data, mentees=mentees), CONFIG)
    assert not allocation.unplaced
    assert any("6 mentees have no availability" in problem for problem in allocation.problems)
    assert any("years in profession" in problem for problem in allocation.problems)


def test_capacities_outside_one_to_ten_are_limited_and_reported():
    data = synthetic_round(4, 2, forbidden_share=0)
    allocation = allocate(data.with_capacity(np.array([25, -1])), CONFIG)
    assert any("more than 10 places" in problem for problem in allocation.problems)
    assert any("negative capacity" in problem for problem in allocation.problems)
    assert (allocation.mentor >= 0).sum() == 4


def test_a_kept_pair_that_breaks_a_rule_is_refused_with_a_reason():
    data = synthetic_round(3, 3, forbidden_share=0)
    barred = pairs_matrix([0], [1], [ForbiddenReason.ASSESSOR], data.shape, np.int32)
    allocation = allocate(replace(data, forbidden=barred), CONFIG, locked=np.array([[0, 1]]))
    assert any("assessor" in problem for problem in allocation.problems)
    assert allocation.mentor[0] != 1
    assert not allocation.locked[0]


def test_all_text_empty_does_not_crash_tfidf():
    data = synthetic_round(4, 4)
    empty = replace(data.mentees, text=[""] * 4)
    allocation = allocate(
        replace(data, mentees=empty, mentors=replace(data.mentors, text=[""] * 4)), CONFIG
    )
    assert allocation.is_certified_optimal


def test_shortlists_with_no_eligible_mentor_report_why():
    data = synthetic_round(3, 0)
    lists = shortlist(data, CONFIG, k=2)
    assert len(lists.short) == 3
    assert all(mentors.size == 0 for mentors in lists.mentors)


def test_one_person_missing_data_reads_in_the_singular():
    data = synthetic_round(6, 6, forbidden_share=0)
    availability = data.mentors.availability.copy()
    availability[0] = 0
    mentors = replace(data.mentors, availability=availability)
    allocation = allocate(replace(data, mentors=mentors), CONFIG)
    assert "1 mentor has no availability recorded; " in " ".join(allocation.problems)


def test_a_mentor_ruled_out_twice_is_still_counted_as_one_mentor():
    # Mentor 0 has no places and is the mentee's line manager; mentor 1 is her line manager
    # too. The rule counts add up to three, but there are only two mentors.
    data = synthetic_round(1, 2, forbidden_share=0, preference_share=0)
    barred = pairs_matrix(
        np.zeros(2), np.arange(2), np.full(2, ForbiddenReason.LINE_MANAGER), data.shape, np.int32
    )
    capacity = data.capacity.copy()
    capacity[0] = 0
    allocation = allocate(replace(data, forbidden=barred, capacity=capacity), CONFIG)
    (unplaced,) = allocation.unplaced
    assert unplaced.reason == UnplacedReason.NO_ELIGIBLE_MENTOR
    assert sum(unplaced.exclusions.values()) > 2
    assert unplaced.message.startswith("None of the 2 mentors can be paired")
    assert "line manager (2)" in unplaced.message
    assert "1 mentor" not in unplaced.message


def test_an_empty_programme_runs_and_reports_nothing_to_do():
    for mentees, mentors in ((0, 0), (0, 4)):
        data = synthetic_round(mentees, mentors)
        allocation = allocate(data, CONFIG)
        assert allocation.unplaced == []
        assert allocation.pairs().size == 0
        assert shortlist(data, CONFIG, k=3).short == []


def test_every_pair_barred_lists_every_mentee_and_says_nobody_can_be_placed():
    data = synthetic_round(5, 3, forbidden_share=0)
    mentees, mentors = np.meshgrid(np.arange(5), np.arange(3), indexing="ij")
    barred = pairs_matrix(
        mentees.ravel(),
        mentors.ravel(),
        np.full(15, ForbiddenReason.ASSESSOR),
        data.shape,
        np.int32,
    )
    allocation = allocate(replace(data, forbidden=barred), CONFIG)
    assert [item.reason for item in allocation.unplaced] == [UnplacedReason.NO_ELIGIBLE_MENTOR] * 5
    assert all(item.exclusions == {"assessor": 3} for item in allocation.unplaced)
    (problem,) = eligibility_problems(allocation.unplaced, 5)
    assert problem.startswith("No mentee can be paired with any mentor")
    assert "mentor is the mentee's assessor (15)" in problem


def test_all_capacity_zero_names_the_rule_for_every_mentee():
    data = synthetic_round(4, 3, forbidden_share=0)
    allocation = allocate(data.with_capacity(np.zeros(3, dtype=np.int64)), CONFIG)
    assert [item.exclusions for item in allocation.unplaced] == [{"mentor-not-available": 3}] * 4
    assert any("only 0 places" in problem for problem in allocation.problems)
    assert "is not taking mentees in this round (3)" in allocation.unplaced[0].message


def test_contradictory_required_rules_leave_everyone_unplaced_with_a_clear_report():
    # Every mentee is in region 0 and every mentor in region 1, and the programme requires
    # the same region: nobody can be placed, and the report says which rule does it.
    data = synthetic_round(6, 4, forbidden_share=0)
    data = replace(
        data,
        mentees=replace(data.mentees, region=np.zeros(6, dtype=data.mentees.region.dtype)),
        mentors=replace(data.mentors, region=np.ones(4, dtype=data.mentors.region.dtype)),
    )
    config = replace(CONFIG, required=frozenset({Criterion.GEOGRAPHY}))
    allocation = allocate(data, config)
    assert allocation.pairs().size == 0
    assert {item.reason for item in allocation.unplaced} == {UnplacedReason.NO_ELIGIBLE_MENTOR}
    assert "not in the same region (a required rule) (4)" in allocation.unplaced[0].message
    (problem,) = eligibility_problems(allocation.unplaced, 6)
    assert "not in the same region (a required rule) (24)" in problem
    lists = shortlist(data, config, k=2)
    assert {item.reason for item in lists.short} == {UnplacedReason.NO_ELIGIBLE_MENTOR}


def test_a_required_rule_on_missing_profile_data_is_reported_not_guessed():
    data = synthetic_round(3, 3, forbidden_share=0)
    empty = sparse.csr_array((3, data.mentees.phases.shape[1]), dtype=np.float32)
    data = replace(data, mentees=replace(data.mentees, phases=empty))
    allocation = allocate(data, replace(CONFIG, required=frozenset({Criterion.PHASE})))
    assert len(allocation.unplaced) == 3
    assert all(item.exclusions.get("required-phase") == 3 for item in allocation.unplaced)
    assert any("3 mentees have no phases recorded" in problem for problem in allocation.problems)


def test_a_hundred_thousand_mentees_and_one_mentor_get_a_reason_each():
    # Not a timed test (bench/ measures speed): it must finish and account for everyone.
    data = synthetic_round(100_000, 1, max_capacity=1, forbidden_share=0)
    allocation = allocate(data, CONFIG)
    assert allocation.is_certified_optimal
    assert len(allocation.placed_rows) == 1
    assert len(allocation.unplaced) == 99_999
    assert {item.reason for item in allocation.unplaced} == {UnplacedReason.CAPACITY_TAKEN}
    assert allocation.unplaced[0].message.startswith("The 1 eligible mentor is full")
    assert any("at least 99,999 will be unplaced" in problem for problem in allocation.problems)
