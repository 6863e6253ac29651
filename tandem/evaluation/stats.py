"""The statistics behind the reports, on plain arrays (tested against scipy.stats).

- Paired change (baseline → end): mean difference with a t-based 95% interval, the paired
  t-test's p-value, and Cohen's d_z (mean difference / standard deviation of differences).
- Rank correlation: Spearman's rho with a 95% interval by Fisher's z on the ranks
  (standard error 1/√(n−3)), the interval scipy's pearsonr gives on ranked data.
- Two groups: Welch's difference in means with its 95% interval and Welch's p-value (the
  same test, so the interval excludes 0 exactly when p < 0.05), and the rank-biserial
  correlation (from the Mann–Whitney U statistic) as a descriptive effect size.
- Many tests: Benjamini–Hochberg adjusted p-values across a report.

Every function returns a result, never None and never an absurd figure: what cannot be
computed is None with a `reason` in plain words (no spread, too few people, rho = ±1).
Missing values (None, NaN, infinity) are left out pairwise and counted in `num_missing`.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats as scipy_stats

CONFIDENCE = 0.95
# Spread below this share of the values' size is rounding noise, not variation: dividing
# by it gave effect sizes such as d_z = 2.19e15.
RELATIVE_TOLERANCE = 1e-9

Values = Sequence[float | int | None] | np.ndarray


@dataclass(frozen=True)
class PairedChange:
    n: int
    num_missing: int
    mean_before: float | None
    mean_after: float | None
    mean_difference: float | None
    ci_low: float | None
    ci_high: float | None
    d_z: float | None
    p_value: float | None
    reason: str = ""  # why a figure is None, for the reader


@dataclass(frozen=True)
class Correlation:
    n: int
    num_missing: int
    rho: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    reason: str = ""


@dataclass(frozen=True)
class GroupComparison:
    n_a: int
    n_b: int
    num_missing: int
    mean_a: float | None
    mean_b: float | None
    mean_difference: float | None  # a − b
    ci_low: float | None  # Welch's interval for the difference in means
    ci_high: float | None
    p_value: float | None  # Welch's t-test: the same test as the interval
    rank_biserial: float | None
    reason: str = ""


def _as_floats(values: Values) -> np.ndarray:
    return np.array([np.nan if value is None else value for value in values], dtype=float)


def _paired(x: Values, y: Values) -> tuple[np.ndarray, np.ndarray, int]:
    """The pairs where both values are present and finite, and how many were left out."""
    first, second = _as_floats(x), _as_floats(y)
    if len(first) != len(second):
        msg = f"Paired values must have the same length ({len(first)} and {len(second)})."
        raise ValueError(msg)
    keep = np.isfinite(first) & np.isfinite(second)
    return first[keep], second[keep], int((~keep).sum())


def _finite(values: Values) -> tuple[np.ndarray, int]:
    array = _as_floats(values)
    keep = np.isfinite(array)
    return array[keep], int((~keep).sum())


def _has_no_spread(values: np.ndarray) -> bool:
    """True when the values are all the same, allowing for floating-point noise."""
    if len(values) < 2:
        return True
    scale = max(1.0, float(np.abs(values).max()))
    return float(np.ptp(values)) <= RELATIVE_TOLERANCE * scale


def _missing_note(num_missing: int) -> str:
    if not num_missing:
        return ""
    return f" {num_missing} with a missing value left out."


def paired_change(before: Values, after: Values) -> PairedChange:
    first, second, num_missing = _paired(before, after)
    n = len(first)
    missing = _missing_note(num_missing)
    if n == 0:
        return PairedChange(
            0, num_missing, None, None, None, None, None, None, None, "No pairs." + missing
        )
    differences = second - first
    mean = float(differences.mean())
    means = (float(first.mean()), float(second.mean()), mean)
    if n < 2:
        reason = "Only one pair: no interval, p-value or effect size." + missing
        return PairedChange(n, num_missing, *means, None, None, None, None, reason)
    if _has_no_spread(differences):
        reason = (
            "Every pair changed by the same amount, so the changes have no spread: "
            "no interval, p-value or effect size can be computed." + missing
        )
        return PairedChange(n, num_missing, *means, None, None, None, None, reason)
    sd = float(differences.std(ddof=1))
    standard_error = sd / math.sqrt(n)
    t_crit = float(scipy_stats.t.ppf((1 + CONFIDENCE) / 2, n - 1))
    t_value = mean / standard_error
    return PairedChange(
        n=n,
        num_missing=num_missing,
        mean_before=means[0],
        mean_after=means[1],
        mean_difference=mean,
        ci_low=mean - t_crit * standard_error,
        ci_high=mean + t_crit * standard_error,
        d_z=mean / sd,
        p_value=float(2 * scipy_stats.t.sf(abs(t_value), n - 1)),
        reason=missing.strip(),
    )


def spearman(x: Values, y: Values) -> Correlation:
    first, second, num_missing = _paired(x, y)
    n = len(first)
    missing = _missing_note(num_missing)
    if n < 4:
        reason = f"{n} pair{'s' if n != 1 else ''}: an interval needs at least 4." + missing
        return Correlation(n, num_missing, None, None, None, None, reason)
    if _has_no_spread(first) or _has_no_spread(second):
        reason = "Everyone had the same value on one side, so there is no correlation to measure."
        return Correlation(n, num_missing, None, None, None, None, reason + missing)
    result = scipy_stats.spearmanr(first, second)
    rho = float(result.statistic)
    p_value = float(result.pvalue)
    if abs(rho) >= 1 - RELATIVE_TOLERANCE:
        reason = (
            f"The ranks agree perfectly (rho = {rho:+.0f}): Fisher's z interval is not defined "
            "there, so none is given." + missing
        )
        return Correlation(n, num_missing, rho, None, None, p_value, reason)
    z = math.atanh(rho)
    z_crit = float(scipy_stats.norm.ppf((1 + CONFIDENCE) / 2))
    half_width = z_crit / math.sqrt(n - 3)
    return Correlation(
        n=n,
        num_missing=num_missing,
        rho=rho,
        ci_low=math.tanh(z - half_width),
        ci_high=math.tanh(z + half_width),
        p_value=p_value,
        reason=missing.strip(),
    )


def compare_groups(a: Values, b: Values) -> GroupComparison:
    first, missing_a = _finite(a)
    second, missing_b = _finite(b)
    num_missing = missing_a + missing_b
    missing = _missing_note(num_missing)
    n_a, n_b = len(first), len(second)
    if n_a < 2 or n_b < 2:
        reason = "Each group needs at least 2 people." + missing
        return GroupComparison(
            n_a, n_b, num_missing, None, None, None, None, None, None, None, reason
        )
    mean_a, mean_b = float(first.mean()), float(second.mean())
    difference = mean_a - mean_b
    u_statistic = float(scipy_stats.mannwhitneyu(first, second).statistic)
    rank_biserial = 2 * u_statistic / (n_a * n_b) - 1
    var_a = 0.0 if _has_no_spread(first) else float(first.var(ddof=1)) / n_a
    var_b = 0.0 if _has_no_spread(second) else float(second.var(ddof=1)) / n_b
    if var_a + var_b == 0:
        reason = (
            "Everyone within each group gave the same rating: no interval or p-value." + missing
        )
        return GroupComparison(
            n_a,
            n_b,
            num_missing,
            mean_a,
            mean_b,
            difference,
            None,
            None,
            None,
            rank_biserial,
            reason,
        )
    standard_error = math.sqrt(var_a + var_b)
    # Welch–Satterthwaite degrees of freedom.
    dof = (var_a + var_b) ** 2 / (
        (var_a**2 / (n_a - 1) if var_a else 0) + (var_b**2 / (n_b - 1) if var_b else 0)
    )
    t_crit = float(scipy_stats.t.ppf((1 + CONFIDENCE) / 2, dof))
    return GroupComparison(
        n_a=n_a,
        n_b=n_b,
        num_missing=num_missing,
        mean_a=mean_a,
        mean_b=mean_b,
        mean_difference=difference,
        ci_low=difference - t_crit * standard_error,
        ci_high=difference + t_crit * standard_error,
        p_value=float(2 * scipy_stats.t.sf(abs(difference) / standard_error, dof)),
        rank_biserial=rank_biserial,
        reason=missing.strip(),
    )


def adjust_p_values(p_values: Sequence[float]) -> list[float]:
    """Benjamini–Hochberg adjusted p-values: controls the false discovery rate across the
    tests a report runs, so one report of ten tests does not find 'effects' in noise."""
    if not p_values:
        return []
    adjusted = scipy_stats.false_discovery_control(np.asarray(p_values, dtype=float), method="bh")
    return [float(value) for value in adjusted]
