"""Rematch covers everyone in scope: a staying mentee whose kept pair is now refused (the
mentor line-manages them, declined them, or has fewer places) is moved into the rematch,
never dropped, and the run says which pairs were refused and why."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.matching.defaults import template_config
from tandem.matching.engine.features import ForbiddenReason, pairs_matrix
from tandem.matching.engine.rematch import rematch
from tandem.matching.engine.scoring import INELIGIBLE, Scorer
from tandem.matching.engine.synthetic import synthetic_round

CONFIG = template_config("co-coaching")
BREAKS = [ForbiddenReason.LINE_MANAGER, ForbiddenReason.ASSESSOR, ForbiddenReason.DECLINED]


@st.composite
def rematches(draw):
    num_mentees, num_mentors = draw(st.integers(2, 30)), draw(st.integers(1, 12))
    data = synthetic_round(
        num_mentees, num_mentors, seed=draw(st.integers(0, 10_000)), forbidden_share=0
    )
    rng = np.random.default_rng(draw(st.integers(0, 10_000)))
    # Today's pairs respect each mentor's places.
    places = np.repeat(np.arange(num_mentors), data.capacity)
    current = np.full(num_mentees, -1, dtype=np.int64)
    chosen = rng.permutation(places)[:num_mentees]
    current[: chosen.size] = chosen
    rng.shuffle(current)
    placed = np.flatnonzero(current >= 0)
    moving = rng.choice(num_mentees, size=draw(st.integers(1, num_mentees)), replace=False)
    staying = np.setdiff1d(placed, moving)
    # Some staying pairs become impossible: a rule now bars them ...
    broken = staying[rng.random(staying.size) < draw(st.sampled_from([0.0, 0.3, 1.0]))]
    flags = rng.choice(np.array(BREAKS, dtype=np.int32), broken.size)
    data = data.with_forbidden(
        pairs_matrix(broken, current[broken], flags, data.shape, dtype=np.int32)
    )
    # ... or a mentor now offers fewer places than the pairs kept with them.
    if draw(st.booleans()) and placed.size:
        capacity = data.capacity.copy()
        capacity[current[placed[0]]] = 0
        data = data.with_capacity(capacity)
    return data, current, moving


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rematches())
def test_no_mentee_in_scope_is_dropped(instance):
    data, current, moving = instance
    allocation = rematch(data, CONFIG, current=current, mentees=moving)
    scorer = Scorer(data, CONFIG)
    staying = np.setdiff1d(np.flatnonzero(current >= 0), moving)
    refused = {pair.mentee for pair in allocation.refused}
    unplaced = {item.mentee for item in allocation.unplaced}
    # Everyone moving, and everyone whose kept pair was refused, is placed or listed.
    for mentee in np.union1d(moving, np.array(sorted(refused), dtype=np.int64)).tolist():
        assert mentee in allocation.rows
        assert (allocation.mentor[mentee] >= 0) != (mentee in unplaced)
    for mentee in staying.tolist():
        kept = allocation.mentor[mentee] == current[mentee] and allocation.locked[mentee]
        # A staying mentee keeps their pair or, if it is now refused, is in the rematch.
        assert kept != (mentee in refused)
        if mentee in refused:
            (pair,) = [pair for pair in allocation.refused if pair.mentee == mentee]
            assert pair.codes
            assert pair.mentor == current[mentee]
    pairs = allocation.pairs()
    if pairs.size:
        assert (scorer.pair_points(pairs[:, 0], pairs[:, 1]) != INELIGIBLE).all()
        load = np.bincount(pairs[:, 1], minlength=scorer.num_mentors)
        assert (load <= scorer.capacity * scorer.mentor_ok).all()
    if refused:
        assert any("matched afresh" in problem for problem in allocation.problems)
