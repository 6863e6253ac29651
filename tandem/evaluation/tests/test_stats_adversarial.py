"""The statistics on adversarial data (no spread, ties, rho = ±1, None and NaN, empty,
one or two people), against scipy.stats as the independent reference: either the figure
matches scipy, or it is None with a reason, never an absurd number."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as scipy_stats

from tandem.evaluation import stats

ratings = st.integers(1, 5).map(float)
missing = st.sampled_from([None, math.nan, math.inf])
rating_or_missing = st.one_of(ratings, ratings, ratings, missing)
# Values with floating-point noise: what averaged ratings look like.
noisy = st.floats(0.5, 5.5, allow_nan=False).map(lambda value: round(value, 1) + 1e-15)


def _present(values):
    return [v for v in values if v is not None and math.isfinite(v)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(rating_or_missing, rating_or_missing), max_size=12))
def test_paired_change_matches_scipy_or_says_why_not(pairs):
    before = [b for b, _a in pairs]
    after = [a for _b, a in pairs]
    result = stats.paired_change(before, after)
    kept = [
        (b, a) for b, a in pairs if None not in (b, a) and math.isfinite(b) and math.isfinite(a)
    ]
    assert result.n == len(kept)
    assert result.num_missing == len(pairs) - len(kept)
    if result.num_missing:
        assert "missing value" in result.reason
    if result.p_value is None:
        assert result.reason
        assert result.ci_low is None
        assert result.d_z is None
        return
    first = np.array([b for b, _a in kept])
    second = np.array([a for _b, a in kept])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scipy warns on nearly identical data
        expected = scipy_stats.ttest_rel(second, first)
    interval = expected.confidence_interval(0.95)
    assert result.p_value == pytest.approx(expected.pvalue)
    assert result.ci_low == pytest.approx(interval.low)
    assert result.ci_high == pytest.approx(interval.high)
    assert result.d_z == pytest.approx(expected.statistic / math.sqrt(result.n))
    assert result.ci_low <= result.mean_difference <= result.ci_high


@settings(max_examples=200, deadline=None)
@given(st.lists(noisy, min_size=2, max_size=10), st.floats(-2, 2, allow_nan=False))
def test_a_constant_change_with_rounding_noise_has_no_effect_size(before, shift):
    """Differences equal up to float noise gave d_z = 2.19e15: now not computable."""
    after = [value + shift for value in before]
    result = stats.paired_change(before, after)
    assert result.d_z is None or abs(result.d_z) < 1e6
    if np.ptp(np.array(after) - np.array(before)) < 1e-9:
        assert result.d_z is None
        assert "no spread" in result.reason


def test_the_absurd_effect_size_is_gone():
    # Mean ratings over several items, each moved up by a third of a point.
    before = [1 / 3, 2 / 3, 0.1, 0.7, 4 / 3]
    after = [value + 0.7 for value in before]
    differences = np.array(after) - np.array(before)
    assert differences.std(ddof=1) > 0  # floating noise, as in the report that read 2.19e15
    result = stats.paired_change(before, after)
    assert result.d_z is None
    assert result.mean_difference == pytest.approx(0.7)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(rating_or_missing, st.integers(0, 6).map(float)), max_size=14))
def test_spearman_interval_always_contains_rho_and_matches_scipy(pairs):
    ratings_given = [r for r, _m in pairs]
    meetings = [m for _r, m in pairs]
    result = stats.spearman(meetings, ratings_given)  # None must not raise TypeError
    if result.rho is None:
        assert result.reason
        return
    kept = [(m, r) for r, m in pairs if r is not None and math.isfinite(r)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = scipy_stats.spearmanr([m for m, _r in kept], [r for _m, r in kept])
    assert result.rho == pytest.approx(expected.statistic)
    assert result.p_value == pytest.approx(expected.pvalue, abs=1e-12)
    if result.ci_low is None:
        assert abs(result.rho) == pytest.approx(1)
        assert "not defined" in result.reason
    else:
        assert -1 <= result.ci_low <= result.rho <= result.ci_high <= 1


@pytest.mark.parametrize("sign", [1, -1])
def test_perfect_rank_agreement_has_no_interval_rather_than_one_that_excludes_it(sign):
    result = stats.spearman([1, 2, 3, 4, 5, 6], [sign * value for value in (2, 4, 6, 8, 9, 10)])
    assert result.rho == sign
    assert result.ci_low is None
    assert result.ci_high is None
    assert "not defined" in result.reason


def test_none_in_spearman_is_left_out_not_a_type_error():
    result = stats.spearman([1, 2, None, 4, 5, 7], [2, 1, 3, 5, 4, None])
    assert result.n == 4
    assert result.num_missing == 2


def test_nan_does_not_pass_into_means():
    result = stats.paired_change([2, math.nan, 3, 4], [3, 4, 5, 4])
    assert result.n == 3
    assert result.mean_before == pytest.approx(3)
    assert "1 with a missing value" in result.reason
    groups = stats.compare_groups([1, 2, math.nan], [3, 4, 5])
    assert groups.mean_a == pytest.approx(1.5)
    assert groups.num_missing == 1


@pytest.mark.parametrize(
    ("a", "b"), [([], []), ([3], [4, 5]), ([3, 3], [4, 4]), ([None, None], [1, 2])]
)
def test_group_comparisons_that_cannot_be_made_say_why(a, b):
    result = stats.compare_groups(a, b)
    assert result.p_value is None
    assert result.ci_low is None
    assert result.reason


@settings(max_examples=300, deadline=None)
@given(st.lists(rating_or_missing, max_size=10), st.lists(rating_or_missing, max_size=10))
def test_welch_interval_and_p_value_come_from_the_same_test(a, b):
    result = stats.compare_groups(a, b)
    first, second = _present(a), _present(b)
    if result.p_value is None:
        assert result.reason
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scipy warns on nearly identical data
        expected = scipy_stats.ttest_ind(first, second, equal_var=False)
    interval = expected.confidence_interval(0.95)
    assert result.p_value == pytest.approx(expected.pvalue)
    assert result.ci_low == pytest.approx(interval.low)
    assert result.ci_high == pytest.approx(interval.high)
    # The interval excludes no difference exactly when the test finds one at 5%.
    if abs(result.p_value - 0.05) > 1e-9:
        assert (result.ci_low > 0 or result.ci_high < 0) == (result.p_value < 0.05)
    u_statistic = scipy_stats.mannwhitneyu(first, second).statistic
    assert result.rank_biserial == pytest.approx(2 * u_statistic / (len(first) * len(second)) - 1)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0, 1), max_size=30))
def test_benjamini_hochberg_matches_scipy_and_never_lowers_a_p_value(p_values):
    adjusted = stats.adjust_p_values(p_values)
    assert len(adjusted) == len(p_values)
    if p_values:
        expected = scipy_stats.false_discovery_control(p_values, method="bh")
        assert adjusted == pytest.approx(list(expected))
    assert all(q >= p - 1e-12 for p, q in zip(p_values, adjusted, strict=True))
