"""The statistics on their own: definitions, undefined cases, and invariants."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from quizengine.report.stats import is_constant, item_stats, median, sample_sd


def test_moodle_definitions_on_a_tiny_case() -> None:
    # x = 1 0 1, totals 3 1 2 -> rest 2 1 1; mean x 2/3, mean r 4/3.
    # Sxr = (2 + 0 + 1) - 3 * 2/3 * 4/3 = 3 - 8/3 = 1/3; Sxx = 2 - 4/3 = 2/3; Srr = 6 - 16/3 = 2/3
    # D = 100 * (1/3) / sqrt(4/9) = 50. Sorted: x 0 1 1, r 1 1 2 -> sum 3, Smax = 1/3, DE = 100.
    item = item_stats([1, 0, 1], [3, 1, 2], 1.0)
    assert item.facility is not None and math.isclose(item.facility, 200 / 3)
    assert item.discrimination is not None and math.isclose(item.discrimination, 50.0)
    assert item.efficiency is not None and math.isclose(item.efficiency, 100.0)


def test_everyone_right_is_undefined_not_a_crash() -> None:
    item = item_stats([1.0] * 5, [3.0, 4.0, 5.0, 2.0, 1.0], 1.0)
    assert item.facility == 100.0
    assert item.sd == 0.0
    assert item.discrimination is None and item.efficiency is None


def test_constant_rest_of_test_is_undefined() -> None:
    # A one-question quiz: the rest of the test is always 0.
    item = item_stats([1.0, 0.0, 1.0], [1.0, 0.0, 1.0], 1.0)
    assert item.discrimination is None and item.efficiency is None


def test_float_noise_counts_as_constant() -> None:
    third = 1 / 3
    assert is_constant([third * 3, 1.0, 0.1 * 3 / 0.3])
    item = item_stats([0.1 * 3, 0.3, 0.3], [1.0, 2.0, 3.0], 1.0)
    assert item.discrimination is None


def test_single_attempt_and_no_attempt() -> None:
    one = item_stats([1.0], [2.0], 2.0)
    assert one.facility == 50.0 and one.sd is None and one.discrimination is None
    none = item_stats([], [], 1.0)
    assert none.n == 0 and none.facility is None


def test_sample_sd_and_median() -> None:
    assert sample_sd([5.0]) is None
    sd = sample_sd([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
    assert sd is not None and math.isclose(sd, math.sqrt(32 / 7))
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 2.0, 3.0]) == 2.5


def test_perfectly_aligned_item_has_full_efficiency() -> None:
    item = item_stats([0, 0, 1, 1], [0, 1, 3, 4], 1.0)
    assert item.efficiency is not None and math.isclose(item.efficiency, 100.0)
    reverse = item_stats([1, 1, 0, 0], [1, 2, 3, 4], 1.0)
    assert reverse.discrimination is not None and reverse.discrimination < 0


columns = st.lists(
    st.tuples(st.sampled_from([0.0, 0.5, 1.0]), st.integers(0, 6).map(float)),
    min_size=2,
    max_size=40,
)


@given(columns)
def test_indices_stay_in_range(pairs: list[tuple[float, float]]) -> None:
    scores = [score for score, _ in pairs]
    totals = [score + rest for score, rest in pairs]
    item = item_stats(scores, totals, 1.0)
    assert item.facility is not None and 0.0 <= item.facility <= 100.0
    if item.discrimination is not None:
        assert -100.0 <= item.discrimination <= 100.0
    if item.efficiency is not None:
        # Rearrangement inequality: no pairing has more covariance than the sorted one.
        assert item.efficiency <= 100.0 + 1e-9
    assert (item.discrimination is None) == (item.efficiency is None)
