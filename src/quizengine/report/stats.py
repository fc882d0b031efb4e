"""Descriptive and classical item statistics, following Moodle's quiz statistics report.

Instructors who know Moodle should be able to read our numbers the same way, so the item
statistics copy Moodle's definitions (question/classes/statistics/questions/calculator.php)
rather than a textbook variant. For one question i, over the n attempts in which it was
presented, with x_p = the score attempt p got on question i (in points), X_p = the attempt's
total score, and r_p = X_p - x_p its score on the rest of the test:

- facility F = 100 * mean(x) / points(i). Moodle subtracts the minimum possible mark, which is
  always 0 here.
- sd = 100 * s(x) / points(i), with s the sample standard deviation (divisor n - 1), as Moodle
  shows it (a percentage of the question's mark).
- discrimination index D = 100 * C(x, r) / sqrt(V(x) * V(r)), the Pearson product-moment
  correlation between the question score and the rest-of-test score, where
  C(a, b) = sum((a_p - mean a) * (b_p - mean b)) / (n - 1) and V(a) = C(a, a).
- discriminative efficiency DE = 100 * C(x, r) / Cmax(x, r), where Cmax is the largest
  covariance the two sets of marginal values allow: sort x ascending and r ascending
  *independently*, pair them by rank, and take the covariance of those pairs. DE says how much
  of the discrimination the question's difficulty leaves possible it actually achieves.

Undefined values are `None`, never a crash or a NaN: D when n < 2 or either variance is zero
(everyone got the question right, say), DE when Cmax is zero (the same cases). A variance is
zero when all values are equal within 1e-9, so float noise in partial credit (0.1 * 3) does not
make a constant column look informative.

Quiz level: mean and median of the attempts' percentages; sd is the sample standard deviation
(divisor n - 1, as Moodle), `None` for a single attempt. Sums use `math.fsum`.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass

CONSTANT_TOLERANCE = 1e-9


def mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def is_constant(values: Sequence[float]) -> bool:
    """True when every value is the same, up to float noise."""
    low, high = min(values), max(values)
    return high - low <= CONSTANT_TOLERANCE * max(1.0, abs(high), abs(low))


def deviations(values: Sequence[float]) -> list[float]:
    centre = mean(values)
    return [value - centre for value in values]


def sum_of_products(a: Sequence[float], b: Sequence[float]) -> float:
    """sum(a_p * b_p), exactly rounded; with deviations from the mean, (n - 1) * covariance."""
    if len(a) != len(b):
        raise ValueError("the two columns must have the same length")
    return math.fsum(map(operator.mul, a, b))


def sample_sd(values: Sequence[float]) -> float | None:
    if len(values) < 2:
        return None
    if is_constant(values):
        return 0.0
    spread = deviations(values)
    return math.sqrt(sum_of_products(spread, spread) / (len(values) - 1))


@dataclass(frozen=True, slots=True)
class ItemStats:
    """The numbers of the module docstring for one question, `None` where undefined."""

    n: int
    mean_score: float | None
    facility: float | None
    sd: float | None
    discrimination: float | None
    efficiency: float | None


def item_stats(scores: Sequence[float], totals: Sequence[float], points: float) -> ItemStats:
    """Facility, sd, discrimination index and discriminative efficiency of one question.

    `scores` and `totals` are aligned: the question's score and the whole attempt's score, for
    each attempt that presented the question.
    """
    n = len(scores)
    if n == 0:
        return ItemStats(0, None, None, None, None, None)
    average = mean(scores)
    facility = 100.0 * average / points
    spread = sample_sd(scores)
    sd = None if spread is None else 100.0 * spread / points
    if n < 2:
        return ItemStats(n, average, facility, sd, None, None)
    rest = [total - score for total, score in zip(totals, scores, strict=True)]
    if is_constant(scores) or is_constant(rest):
        return ItemStats(n, average, facility, sd, None, None)
    # The (n - 1) divisors cancel in both ratios, so sums of products stand in for covariances.
    # Sorting deviations sorts the values (same shift for all), hence Cmax from sorted ones.
    dx, dr = deviations(scores), deviations(rest)
    cov = sum_of_products(dx, dr)
    correlation = cov / math.sqrt(sum_of_products(dx, dx) * sum_of_products(dr, dr))
    discrimination = 100.0 * max(-1.0, min(1.0, correlation))  # |r| <= 1 despite rounding
    cov_max = sum_of_products(sorted(dx), sorted(dr))
    efficiency = 100.0 * cov / cov_max if cov_max > 0 else None
    return ItemStats(n, average, facility, sd, discrimination, efficiency)
