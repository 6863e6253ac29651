"""The statistics behind the reports, on plain arrays (tested against scipy.stats).

- Paired change (baseline → end): mean difference with a t-based 95% interval, and
  Cohen's d_z (mean difference / standard deviation of the differences).
- Rank correlation: Spearman's rho with a 95% interval by Fisher's z on the ranks
  (standard error 1/√(n−3)), the interval scipy's pearsonr gives on ranked data.
- Two groups: Welch's difference in means with its 95% interval, and the Mann–Whitney U
  test (two-sided) with the rank-biserial correlation as its effect size.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats as scipy_stats

CONFIDENCE = 0.95


@dataclass(frozen=True)
class PairedChange:
    n: int
    mean_before: float
    mean_after: float
    mean_difference: float
    ci_low: float
    ci_high: float
    d_z: float | None  # None when every difference is the same (no spread)
    p_value: float | None


@dataclass(frozen=True)
class Correlation:
    n: int
    rho: float
    ci_low: float
    ci_high: float
    p_value: float


@dataclass(frozen=True)
class GroupComparison:
    n_a: int
    n_b: int
    mean_a: float
    mean_b: float
    mean_difference: float  # a − b
    ci_low: float
    ci_high: float
    u_statistic: float
    p_value: float
    rank_biserial: float


def paired_change(before: Sequence[float], after: Sequence[float]) -> PairedChange | None:
    """None with fewer than two pairs (no interval exists)."""
    first = np.asarray(before, dtype=float)
    second = np.asarray(after, dtype=float)
    n = len(first)
    if n < 2 or len(second) != n:
        return None
    differences = second - first
    mean = float(differences.mean())
    sd = float(differences.std(ddof=1))
    if sd == 0:
        return PairedChange(
            n, float(first.mean()), float(second.mean()), mean, mean, mean, None, None
        )
    standard_error = sd / math.sqrt(n)
    t_crit = float(scipy_stats.t.ppf((1 + CONFIDENCE) / 2, n - 1))
    t_value = mean / standard_error
    p_value = float(2 * scipy_stats.t.sf(abs(t_value), n - 1))
    return PairedChange(
        n=n,
        mean_before=float(first.mean()),
        mean_after=float(second.mean()),
        mean_difference=mean,
        ci_low=mean - t_crit * standard_error,
        ci_high=mean + t_crit * standard_error,
        d_z=mean / sd,
        p_value=p_value,
    )


def spearman(x: Sequence[float], y: Sequence[float]) -> Correlation | None:
    """None with fewer than four pairs or no variation (Fisher's z needs n > 3)."""
    n = len(x)
    if n < 4 or len(y) != n or len(set(x)) < 2 or len(set(y)) < 2:
        return None
    result = scipy_stats.spearmanr(x, y)
    rho = float(result.statistic)
    clipped = min(max(rho, -0.999999), 0.999999)
    z = math.atanh(clipped)
    z_crit = float(scipy_stats.norm.ppf((1 + CONFIDENCE) / 2))
    half_width = z_crit / math.sqrt(n - 3)
    return Correlation(
        n=n,
        rho=rho,
        ci_low=math.tanh(z - half_width),
        ci_high=math.tanh(z + half_width),
        p_value=float(result.pvalue),
    )


def compare_groups(a: Sequence[float], b: Sequence[float]) -> GroupComparison | None:
    """None unless each group has at least two values and some spread."""
    first = np.asarray(a, dtype=float)
    second = np.asarray(b, dtype=float)
    n_a, n_b = len(first), len(second)
    if n_a < 2 or n_b < 2:
        return None
    var_a = float(first.var(ddof=1)) / n_a
    var_b = float(second.var(ddof=1)) / n_b
    if var_a + var_b == 0:
        return None
    difference = float(first.mean() - second.mean())
    standard_error = math.sqrt(var_a + var_b)
    # Welch–Satterthwaite degrees of freedom.
    dof = (var_a + var_b) ** 2 / (
        (var_a**2 / (n_a - 1) if var_a else 0) + (var_b**2 / (n_b - 1) if var_b else 0)
    )
    t_crit = float(scipy_stats.t.ppf((1 + CONFIDENCE) / 2, dof))
    mann_whitney = scipy_stats.mannwhitneyu(first, second, alternative="two-sided")
    u_statistic = float(mann_whitney.statistic)
    return GroupComparison(
        n_a=n_a,
        n_b=n_b,
        mean_a=float(first.mean()),
        mean_b=float(second.mean()),
        mean_difference=difference,
        ci_low=difference - t_crit * standard_error,
        ci_high=difference + t_crit * standard_error,
        u_statistic=u_statistic,
        p_value=float(mann_whitney.pvalue),
        rank_biserial=2 * u_statistic / (n_a * n_b) - 1,
    )
