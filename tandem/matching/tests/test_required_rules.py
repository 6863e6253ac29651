"""A required criterion is a hard rule: no proposed pair or suggestion fails it, and the
pairs it bars are exactly those that share nothing (checked against plain Python sets)."""

from dataclasses import replace

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.matching.defaults import template_config
from tandem.matching.engine.criteria import REQUIRABLE, Criterion
from tandem.matching.engine.scoring import INELIGIBLE, Scorer
from tandem.matching.engine.shortlists import shortlist
from tandem.matching.engine.solver import allocate
from tandem.matching.engine.synthetic import synthetic_round

_SETS = {Criterion.PHASE: "phases", Criterion.SUBJECT: "subjects", Criterion.LANGUAGE: "languages"}


def _shares(data, criterion: Criterion, mentee: int, mentor: int) -> bool:
    if criterion == Criterion.GEOGRAPHY:
        region = int(data.mentees.region[mentee])
        return region >= 0 and region == int(data.mentors.region[mentor])
    wants, offers = getattr(data.mentees, _SETS[criterion]), getattr(data.mentors, _SETS[criterion])
    mine = set(wants.indices[wants.indptr[mentee] : wants.indptr[mentee + 1]].tolist())
    theirs = set(offers.indices[offers.indptr[mentor] : offers.indptr[mentor + 1]].tolist())
    return bool(mine & theirs)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 25),
    st.integers(1, 12),
    st.integers(0, 10_000),
    st.frozensets(st.sampled_from(REQUIRABLE), min_size=1),
    st.sampled_from(["ect-mentoring", "co-coaching", "cross-sector-co-mentoring"]),
)
def test_required_criteria_bar_exactly_the_pairs_that_share_nothing(
    mentees, mentors, seed, required, template
):
    data = synthetic_round(mentees, mentors, seed=seed, forbidden_share=0)
    config = replace(template_config(template), required=required)
    plain = Scorer(data, template_config(template))
    scorer = Scorer(data, config)
    rows = np.arange(mentees)
    block, before = scorer.block(rows), plain.block(rows)
    for mentee in range(mentees):
        for mentor in range(mentors):
            fails = [c for c in required if not _shares(data, c, mentee, mentor)]
            expected = INELIGIBLE if fails or before[mentee, mentor] == INELIGIBLE else None
            if expected is None:
                assert block[mentee, mentor] == before[mentee, mentor]
            else:
                assert block[mentee, mentor] == INELIGIBLE
            broken = scorer.broken_rules(mentee, mentor)
            assert {f"required-{c.value}" for c in fails} <= set(broken)
    pairs = allocate(data, config).pairs()
    for mentee, mentor in pairs.tolist():
        assert all(_shares(data, c, mentee, mentor) for c in required)
    lists = shortlist(data, config, k=2)
    for mentee in range(mentees):
        for mentor in lists.mentors[mentee].tolist():
            assert all(_shares(data, c, mentee, mentor) for c in required)
