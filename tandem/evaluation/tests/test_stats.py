"""Each statistic against scipy.stats on the same data."""

import math

import numpy as np
import pytest
from scipy import stats as scipy_stats

from tandem.evaluation import stats

RNG = np.random.default_rng(2026)
BEFORE = RNG.integers(1, 6, 40).astype(float)
AFTER = np.clip(BEFORE + RNG.integers(-1, 3, 40), 1, 5)


def test_paired_change_matches_scipy_paired_t():
    result = stats.paired_change(BEFORE, AFTER)
    expected = scipy_stats.ttest_rel(AFTER, BEFORE)
    interval = expected.confidence_interval(0.95)
    assert result.n == 40
    assert result.ci_low == pytest.approx(interval.low)
    assert result.ci_high == pytest.approx(interval.high)
    assert result.p_value == pytest.approx(expected.pvalue)
    differences = AFTER - BEFORE
    assert result.d_z == pytest.approx(differences.mean() / differences.std(ddof=1))
    # d_z is the paired t statistic divided by √n.
    assert result.d_z == pytest.approx(expected.statistic / math.sqrt(40))


def test_paired_change_needs_two_pairs_and_handles_no_spread():
    one = stats.paired_change([3], [4])
    assert (one.n, one.mean_difference, one.ci_low, one.d_z) == (1, 1, None, None)
    assert "Only one pair" in one.reason
    same = stats.paired_change([2, 3, 4], [3, 4, 5])
    assert same.mean_difference == 1
    assert same.d_z is None
    assert "no spread" in same.reason


def test_spearman_matches_scipy_with_a_fisher_z_interval():
    meetings = RNG.integers(0, 20, 30)
    helpful = np.clip(meetings // 4 + RNG.integers(0, 3, 30), 1, 5)
    result = stats.spearman(list(meetings), list(helpful))
    expected = scipy_stats.spearmanr(meetings, helpful)
    assert result.rho == pytest.approx(expected.statistic)
    assert result.p_value == pytest.approx(expected.pvalue)
    # Fisher z on ranks is the interval pearsonr gives for the ranked data.
    on_ranks = scipy_stats.pearsonr(scipy_stats.rankdata(meetings), scipy_stats.rankdata(helpful))
    interval = on_ranks.confidence_interval(0.95)
    assert result.ci_low == pytest.approx(interval.low)
    assert result.ci_high == pytest.approx(interval.high)


def test_spearman_needs_four_pairs_with_variation():
    three = stats.spearman([1, 2, 3], [1, 2, 3])
    assert three.rho is None
    assert "at least 4" in three.reason
    flat = stats.spearman([1, 1, 1, 1], [1, 2, 3, 4])
    assert flat.rho is None
    assert "same value" in flat.reason


def test_group_comparison_matches_scipy_welch_with_its_own_p_value():
    trained = RNG.normal(0.8, 0.6, 18)
    untrained = RNG.normal(0.3, 0.9, 11)
    result = stats.compare_groups(trained, untrained)
    welch = scipy_stats.ttest_ind(trained, untrained, equal_var=False)
    interval = welch.confidence_interval(0.95)
    assert result.mean_difference == pytest.approx(trained.mean() - untrained.mean())
    assert result.ci_low == pytest.approx(interval.low)
    assert result.ci_high == pytest.approx(interval.high)
    # The p-value beside the interval is Welch's, the same test.
    assert result.p_value == pytest.approx(welch.pvalue)
    mann_whitney = scipy_stats.mannwhitneyu(trained, untrained, alternative="two-sided")
    assert result.rank_biserial == pytest.approx(2 * mann_whitney.statistic / (18 * 11) - 1)


def test_group_comparison_needs_two_in_each_group():
    result = stats.compare_groups([1.0], [2.0, 3.0])
    assert result.mean_difference is None
    assert "at least 2" in result.reason
